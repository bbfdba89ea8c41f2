"""Bound how deeply an HTML page nests its elements before it is parsed.

Lexbor's tree builder looks through the stack of open elements at every block start tag, so a
page of 100,000 unclosed `<div>`s costs the square of that in C code that no time limit can
interrupt, and walking such a tree costs the same again. Real pages nest a few dozen elements
deep. `shallow(html)` leaves a page alone unless its elements, counted from the tags, nest
deeper than MAX_DEPTH; then the tags below that depth are dropped, block tags leaving a `<br>`
so that their text keeps its line breaks, and the text is kept whole.
"""
from __future__ import annotations

import re

MAX_DEPTH = 256

# `[^<>]*` stops at the next `<`, so the scan is linear even over unclosed tags.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
# Elements that do not deepen the tree: void ones, and those a sibling start tag closes (`<p><p>`, `<li><li>`).
_FLAT = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
                   "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body"))
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
                     "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "big", "tt"))


def shallow(html: str) -> str:
    if _deepest(html) <= MAX_DEPTH:
        return html
    parts, depth, last, at_break = [], 0, 0, False
    for tag in _deepening_tags(html):
        closing = tag.group(1) == "/"
        depth = max(0, depth - 1) if closing else depth + 1
        if depth + closing <= MAX_DEPTH:
            continue
        between = html[last:tag.start()]
        parts.append(between)
        at_break = at_break and not between.strip()
        if tag.group(2).lower() not in _INLINE and not at_break:  # one break for a run of dropped blocks
            parts.append("<br>")
            at_break = True
        last = tag.end()
    parts.append(html[last:])
    return "".join(parts)


def _deepening_tags(html: str):
    return (tag for tag in _TAG.finditer(html) if tag.group(2).lower() not in _FLAT)


def _deepest(html: str) -> int:
    if html.count("<") <= MAX_DEPTH:
        return 0
    deepest = depth = 0
    for tag in _deepening_tags(html):
        depth = max(0, depth - 1) if tag.group(1) == "/" else depth + 1
        deepest = max(deepest, depth)
    return deepest
