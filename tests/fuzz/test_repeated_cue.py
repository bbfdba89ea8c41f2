"""A cue word repeated tens of thousands of times is read in work linear in the repetitions.

The full fuzz runs found such inputs (a document's name, a count or a sum repeated 10,000–100,000
times, 70 KB–2.8 MB) that reached the 30 s per-file limit: every symbol standing alone was checked
against every span already taken; every document named on a line re-tested the whole line for being
a list of titles, looked at every other document for the one ending its name, searched the rest of
its sentence for where the name ends and searched back through the line for its start; the `regex`
module looked for `được` (or a unit's `/`, an abbreviation's `(`) through all the rest of the text
at each symbol or figure; every figure was compared with every kept figure of its count, searched
its sentence for its topic and for the end of its condition, tried its lead for a list mark from
each of the lead's positions, looked its sentence up in the list of all sentences and read its line
up to it for quotation marks. Most tests count the work (comparisons, characters searched); those of
the regex module's own search and of reading back through a line run under the per-file limit
mechanism (`time_limit`, which the quadratic code overran many times over); others compare a faster
mechanism with what it replaces.
"""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
import regex

from kttt_extract import issuer as issuer_module
from kttt_extract.document import Doc, Span, Tag
from kttt_extract.figures import merge as merge_module
from kttt_extract.figures import status as status_module
from kttt_extract.figures import quantity as quantity_module
from kttt_extract.figures.candidate import Candidate, Cue
from kttt_extract.figures.context import Reading, _connectives
from kttt_extract.figures.quantity import read_figures
from kttt_extract.lexicon import ForwardSearch, search_from_end, table
from kttt_extract.limits import match_near, time_limit
from kttt_extract.metadata import assemble_metadata
from kttt_extract.metadata import details as details_module
from kttt_extract.metadata import mentions as mentions_module
from kttt_extract.metadata.page import Page, grammar
from kttt_extract.patterns import load_patterns
from kttt_extract.pipeline import read
from kttt_extract.segment import segment
from kttt_extract.tag import tag
from kttt_extract.tag.symbols import _Covered, find_mentions

TIMES = 20_000


def test_a_document_named_20000_times_is_found_within_the_per_file_limit():
    text = "Kế hoạch số 12/KH-UBND, " * TIMES + "theo 15/QĐ-UBND."
    with time_limit(10.0, "repeated.txt"):   # quadratic, this took minutes
        found = find_mentions(text, load_patterns())
    assert len(found) == TIMES + 1
    assert found[-1].number == "15/QĐ-UBND" and found[-1].word is None


def test_covered_is_any_over_the_spans():
    rng = random.Random(13)
    for _ in range(200):
        spans = [(s, s + rng.randrange(0, 30)) for s in (rng.randrange(200) for _ in range(rng.randrange(12)))]
        covered = _Covered(spans)
        for position in range(-2, 240):
            assert covered(position) == any(s <= position < e for s, e in spans)


def test_a_line_naming_a_document_100000_times_is_tested_as_a_list_within_the_per_file_limit():
    cue = "Kế hoạch số 12/KH-UBND "
    text = cue * 100_000
    doc = Doc(text, lines=[Span(0, len(text))])
    page = SimpleNamespace(doc=doc, lines=[SimpleNamespace(start=0, text=text)])
    named = [SimpleNamespace(number="12/KH-UBND", start=i * len(cue)) for i in range(100_000)]
    with time_limit(10.0, "repeated.txt"):   # slicing the 2.3 MB line for each document took hours
        assert mentions_module._title_list_lines(page, named) == set()


# -- one figure per statement: a count stated thousands of times ----------------------------------

def _candidate(index: int, **traits) -> Candidate:
    number = Tag("number", index * 7, index * 7 + 2)
    return Candidate(number=number, value=20, unit="count", subject="hop_tac_xa", subject_text="HTX",
                     subject_span=(index * 7 + 3, index * 7 + 6), sentence=Span(0, 10), start=index * 7,
                     end=index * 7 + 6, core_end=index * 7 + 6, **traits)


def _comparisons(monkeypatch, candidates: list[Candidate]) -> int:
    calls = []
    original = merge_module.same_statement
    monkeypatch.setattr(merge_module, "same_statement", lambda a, b: calls.append(1) or original(a, b))
    merge_module.deduplicate(candidates)
    return len(calls)


def test_a_count_stated_many_times_is_compared_with_one_of_each_kind_not_with_each(monkeypatch):
    # `20 HTX 20 HTX …`: one count, no two of them twins; comparing each with all kept took the square
    few, many = ([_candidate(i) for i in range(n)] for n in (500, 2_000))
    assert _comparisons(monkeypatch, many) < 6 * _comparisons(monkeypatch, few)


def _deduplicate_by_scan(candidates: list[Candidate]) -> list[Candidate]:
    """The deduplication as it was: each candidate compared with every kept one of its count."""
    kept: list[Candidate] = []
    for c in candidates:
        twin = next((i for i, k in enumerate(kept) if merge_module.same_statement(k, c)), None)
        if twin is None:
            kept.append(c)
        elif merge_module.rank(c) > merge_module.rank(kept[twin]):
            kept[twin] = c
    return kept


def test_deduplicate_keeps_what_comparing_with_every_kept_figure_keeps():
    rng = random.Random(29)
    for _ in range(300):
        candidates = []
        for i in range(rng.randrange(1, 30)):
            c = _candidate(i, status=rng.choice(("target", "reported")), on_title=rng.random() < 0.2,
                           on_short_line=rng.random() < 0.3, deadline=rng.choice((None, 2025, 2030)),
                           as_of=rng.choice((None, 2024)),
                           cue=rng.choice((None, Cue("target", "sentence", "phấn đấu"))),
                           reason=rng.choice((None, Cue("reported", "table", "Thực hiện"),
                                              Cue("target", "clause", "mục tiêu"))))
            c.value = rng.choice((20, 30))
            candidates.append(c)
        assert [id(c) for c in merge_module.deduplicate(candidates)] == [id(c) for c in _deduplicate_by_scan(candidates)]


# -- a document's details and name: a line naming a document thousands of times ------------------

def _named_on_one_line(times: int, separator: str = " "):
    patterns = load_patterns()
    doc = read(("Kế hoạch số 12/KH-UBND" + separator) * times)
    page = Page(doc, patterns)
    named = list(find_mentions(doc.text, patterns))
    return doc, page, named, patterns


def test_the_names_of_a_document_named_20000_times_on_a_line_are_read_within_the_per_file_limit():
    doc, page, named, patterns = _named_on_one_line(20_000)
    starts = [m.start for m in named]
    places = issuer_module.Places(doc.text, "", None)
    with time_limit(15.0, "repeated.txt"):  # each name looked at every document named and took minutes
        neighbours = details_module.Neighbours(doc.text, starts, page.g.name_end)
        found = [details_module.read_details(doc, page, m, places, patterns, neighbours) for m in named]
        kinds = [mentions_module._names_kind(doc, page.g, d, named, starts) for d in found]
    assert found[0].name.startswith("Kế hoạch số 12/KH-UBND Kế hoạch") and kinds[0] == "ke_hoach"


class _Reading:
    """A pattern that counts the characters its searches are given."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, 0

    def search(self, text, pos, end):
        self.read += end - pos
        return self.pattern.search(text, pos, end)


def test_where_names_end_is_searched_for_once_per_sentence_not_once_per_name():
    doc, page, named, patterns = _named_on_one_line(5_000)
    name_end = _Reading(page.g.name_end)
    neighbours = details_module.Neighbours(doc.text, [m.start for m in named], name_end)
    places = issuer_module.Places(doc.text, "", None)
    for mention in named:
        details_module.read_details(doc, page, mention, places, patterns, neighbours)
    assert name_end.read < 2 * len(doc.text)  # from each name to its sentence's end: 45 times the text


def test_neighbours_say_what_searching_each_slice_says():
    rng = random.Random(31)
    pieces = ("và", "cùng", ",", ";", " ", "\n", "\t", "\u00a0", "a", "à", "ùng", "x", "được", ".", " nhằm ", "gồm")
    name_end = grammar(load_patterns()).name_end
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(20)))
        starts = sorted({rng.randrange(len(text) + 1) for _ in range(rng.randrange(8))})
        neighbours = details_module.Neighbours(text, starts, name_end)
        end = rng.randrange(len(text) + 1)
        for start in sorted(rng.randrange(end + 1) for _ in range(6)):
            expected = next((s for s in starts if start < s < end
                             and details_module._COORDINATED.search(text[start:s])), None)
            assert neighbours.coordinated_within(start, end) == expected
            stop, sliced = neighbours.stop(start, end), name_end.search(text[start:end])
            assert (stop and (stop.start() - start, stop.group())) == (sliced and (sliced.start(), sliced.group()))


def test_an_issuer_is_looked_for_near_the_symbol_not_through_the_rest_of_the_text():
    cue = "Kế hoạch số 12/KH-UBND "
    patterns = load_patterns()
    doc, page = Doc(cue * 100_000), SimpleNamespace(g=grammar(patterns))
    places = issuer_module.Places(doc.text, "", None)
    with time_limit(10.0, "repeated.txt"):  # `được` was looked for through the 2.3 MB after each symbol: 20 s
        for i in range(20_000):
            details_module._issuer_after(doc, page, details_module._BY, i * len(cue) + len(cue) - 1,
                                         details_module.Details(), places, patterns)


# -- figures: a sentence of hundreds of figures, a notice of thousands of sentences --------------

def test_forward_search_finds_what_each_search_finds():
    rng = random.Random(37)
    patterns = [regex.compile(p, regex.IGNORECASE | regex.MULTILINE) for p in
                (r"[,;:()\n]|\s(?:với|và)\s|\.(?:\s|$)", r"(?<=a)b", r"^x|y$", r"\bab", r"a(?!b)", r"(?r)ba")]
    for _ in range(2_000):
        text = "".join(rng.choice("ab xy,.;\n") for _ in range(rng.randrange(30)))
        pattern = rng.choice(patterns)
        search = ForwardSearch(pattern, text)
        for _ in range(8):
            end = rng.choice((len(text), rng.randrange(len(text) + 1)))
            pos = rng.randrange(end + 2)
            expected, found = pattern.search(text, pos, end), search.search(pos, end)
            assert (found and found.span()) == (expected and expected.span())


def _reading(text: str):
    patterns = load_patterns()
    doc = read(text)
    tag(doc, patterns)
    return Reading(doc, patterns, assemble_metadata(doc, patterns))


def test_the_figures_of_a_sentence_search_it_for_their_topic_and_condition_about_once():
    r = _reading("Kinh tế tập thể có doanh thu " + "1.200 triệu đồng " * 1_000)
    topic, separator = _Reading(r.topic), _Reading(r.words.separator)
    r.topic, r.separators = topic, ForwardSearch(separator, r.text)
    assert len(read_figures(r)) > 200
    # over its sentence, and from it to the sentence's end, for each figure: 375 times the text
    assert topic.read + separator.read < 10 * len(r.text)


def test_sentence_index_is_list_index():
    doc = read("Câu một. Câu hai.\n\nBa\nBốn. Năm " * 20)
    for sentence in doc.sentences:
        assert doc.sentence_index(sentence) == doc.sentences.index(sentence)
    with pytest.raises(ValueError):
        doc.sentence_index(Span(1, 2))


def test_the_sentence_before_each_is_found_by_bisection_not_by_a_scan(monkeypatch):
    r = _reading("20 HTX.\n" * 4_000)
    comparisons = []
    original = Span.__eq__
    monkeypatch.setattr(Span, "__eq__", lambda a, b: comparisons.append(1) or original(a, b))
    for sentence in r.doc.sentences:
        quantity_module.neighbours(r, sentence)
    assert len(comparisons) < 3 * len(r.doc.sentences)  # a scan of the sentences before each: 8 million


# -- a pattern matched at a position reads what is near it, not the rest of the text -------------

def test_phrases_are_matched_at_a_figure_without_a_search_through_the_rest_of_the_text():
    text = "20 HTX " * 150_000
    actions, subjects = table(load_patterns(), "actions"), table(load_patterns(), "subjects")
    with time_limit(10.0, "repeated.txt"):  # a regex phrase looked for its `hợp nhất` to the end: 13 ms each
        for pos in range(0, 5_000 * 7, 7):
            assert actions.match_at(text, pos + 3) is None and subjects.match_at(text, pos + 3) is not None


def test_match_near_is_match_for_what_a_phrase_spans():
    text = "x" * 1_000 + "   được ban hành" + " 20 HTX" * 1_000
    for pattern in (regex.compile(r"[\s,]*(?:vừa|đã|mới)?\s*được\s+"), regex.compile(r"\s*\([\p{Lu}\s.&]{2,12}\)")):
        for pos in (0, 999, 1_000, 1_003, 1_004, 2_000):
            expected, found = pattern.match(text, pos), match_near(pattern, text, pos)
            assert (found and found.span()) == (expected and expected.span())


# -- a figure's lead: the clause before it, hundreds of figures long ------------------------------

def test_search_from_end_finds_a_match_where_search_does():
    words = _connectives(load_patterns())
    patterns = [words.item_start, words.within_which, words.beneficiary, words.achieved, words.until,
                regex.compile(r"(?>a*)a"), regex.compile(r"a++b")]
    rng = random.Random(41)
    pieces = ("và", "cùng", "trong", "đó", ",", ";", ":", " ", "cho", "có", "đạt", "x", "HTX", "20", "\n", "a", "b")
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randrange(10)))
        for pattern in patterns:
            assert (search_from_end(pattern, text) is None) == (pattern.search(text) is None)


def test_the_lead_of_each_of_60000_figures_is_tested_for_a_list_within_the_per_file_limit():
    item_start = _connectives(load_patterns()).item_start
    lead = "20 HTX " * 285  # a sentence's most (2,000 characters), no list mark at its end
    with time_limit(8.0, "repeated.txt"):  # tried from each position of the clause: 20 s
        for _ in range(60_000):
            assert search_from_end(item_start, lead) is None


def test_line_start_is_the_line_break_before():
    doc = read("a\nbc\n\nKế hoạch số 1/KH\n" * 5 + "cuối")
    for offset in range(len(doc.text) + 1):  # on a line break and at the end of the text too
        assert mentions_module._line_start(doc, offset) == doc.text.rfind("\n", 0, offset) + 1


def test_the_line_of_each_of_200000_documents_named_on_one_line_is_found_within_the_per_file_limit():
    cue = "Kế hoạch số 12/KH-UBND "
    text = cue * 200_000
    doc = Doc(text, lines=[Span(0, len(text))])
    with time_limit(3.0, "repeated.txt"):  # searched back for a line break from each: 13 s
        for offset in range(0, len(text), len(cue)):
            assert mentions_module._line_start(doc, offset) == 0


# -- a figure's status: 100,000 figures on one line -----------------------------------------------

def _quoted_by_slice(doc: Doc, pos: int) -> bool:
    """Whether `pos` is quoted, as it was found: by reading its line up to it."""
    before = doc.text[doc.line_at(pos).start:pos]
    return before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1


def test_quotes_hold_what_reading_the_line_up_to_a_figure_says():
    rng = random.Random(43)
    for _ in range(2_000):
        doc = segment(Doc("".join(rng.choice(("“", "”", '"', "\n", "a", " ", "20 HTX")) for _ in range(rng.randrange(25)))))
        quotes = status_module.Quotes(SimpleNamespace(doc=doc, text=doc.text))
        for pos in range(len(doc.text) + 1):
            assert quotes.hold(pos) == _quoted_by_slice(doc, pos)


def test_whether_each_of_100000_figures_on_a_line_is_quoted_is_found_within_the_per_file_limit():
    cue = '20 HTX, "'
    text = cue * 100_000
    doc = Doc(text, lines=[Span(0, len(text))])
    with time_limit(3.0, "repeated.txt"):  # the line read up to each figure: 31 s
        quotes = status_module.Quotes(SimpleNamespace(doc=doc, text=text))
        assert [quotes.hold(pos) for pos in range(0, len(text), len(cue))][:3] == [False, True, False]


def test_a_document_named_100000_times_on_one_line_asks_for_the_library_fields_once():
    patterns = load_patterns()
    doc = read("Ngày đăng: 05/02/2024\n" + "Theo Kế hoạch số 12/KH-UBND" * 100_000 + "\nSố hiệu: 12/KH-UBND\n")
    tag(doc, patterns)
    with time_limit(20.0, "repeated.txt"):  # each document read the fields again over the 2.7 MB line: 120 s
        plan = assemble_metadata(doc, patterns).plan
    assert plan.number == "12/KH-UBND"
