"""A set of half-open spans [start, end) that says in O(log n) whether a span overlaps any of them.

The taggers skip what lies inside dates, document symbols and spans already taken; a linear scan
over those for every candidate made a long notice cost the square of its length.
"""
from __future__ import annotations

import bisect
from typing import Iterable


class SpanSet:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        # Overlapping spans are merged, so both lists are sorted and the spans disjoint.
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span (s, e) has s < end and start < e."""
        before_end = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return before_end > 0 and self.ends[before_end - 1] > start

    def add(self, start: int, end: int) -> None:
        first = bisect.bisect_right(self.ends, start)   # the first span that ends after `start`
        last = bisect.bisect_left(self.starts, end)     # the first span that starts at or after `end`
        if first < last:
            start, end = min(start, self.starts[first]), max(end, self.ends[last - 1])
        self.starts[first:last] = [start]
        self.ends[first:last] = [end]
