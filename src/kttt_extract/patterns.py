"""Load the language data in `patterns/*.yaml`, validated by pydantic.

Every file names one *dimension* (subjects, comparators, units, …) and lists
entries: a slug, the phrases that express it, and examples that `kttt patterns
test` runs through that dimension's probe. Python holds the mechanism; these
files hold the Vietnamese.
"""
from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import PatternError

DIMENSIONS = (
    "numbers",      # number words and scale words (một, mười, triệu, tỷ)
    "units",        # what a number measures (%, %/năm, lượt, đồng, ha, lần)
    "subjects",     # what is counted (HTX, THT, thành viên …)
    "comparators",  # ít nhất, trên, khoảng, từ … trở lên …
    "actions",      # thành lập, giải thể, bồi dưỡng …
    "status",       # cues for target vs reported
    "documents",    # document kinds and symbol type codes
    "bodies",       # issuing bodies and their levels
    "dates",        # date words, date-line cues and weekday words
    "page",         # portal chrome: counters, menus, bylines; title and date-line cues
    "headings",     # lead-ins that scope figures (Mục tiêu đến năm 2030:)
    "nonfigures",   # contexts whose numbers are not figures (lần thứ, nhiệm kỳ, Qua 04 năm)
    "topics",       # words that put a clause inside the collective economy
    "connectives",  # the small words that tie a figure to its neighbours (trong đó, so với, đạt, cho)
)

# The probe that runs a dimension's examples: "module:function" taking
# (text, patterns) and returning the set of slugs (or values) it finds.
# A dimension not listed here is probed by its phrases and regexes alone.
PROBES = {
    "numbers": "kttt_extract.probes:probe_numbers",
    "units": "kttt_extract.probes:probe_units",
    "subjects": "kttt_extract.probes:probe_subjects",
    "comparators": "kttt_extract.probes:probe_comparators",
    "actions": "kttt_extract.probes:probe_actions",
    "status": "kttt_extract.probes:probe_status",
    "documents": "kttt_extract.probes:probe_documents",
    "bodies": "kttt_extract.probes:probe_bodies",
    "dates": "kttt_extract.tag.dates:probe",
    "nonfigures": "kttt_extract.probes:probe_nonfigures",
}


# defer_build: the validators are built when a file is first validated, not at import; a run whose
# files all come from the cache (unpickled, never validated) does not build them at all.
class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    expect: str | None = None  # what the probe must find; default: the entry's slug
    source: str | None = None  # where the example's phrasing was seen (a notice kind, not a file)


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    phrases: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    counter_examples: list[Example] = Field(default_factory=list)
    note: str | None = None
    # dimension-specific fields
    value: float | None = None               # numbers: a number word's value
    multiplier: float | None = None          # numbers/units: scale (triệu → 1e6)
    position: Literal["before", "after", "around"] | None = None  # comparators
    codes: list[str] = Field(default_factory=list)                  # documents: type codes
    level: Literal["central", "province", "district", "commune"] | None = None  # bodies
    means: str | None = None                 # the record slug the entry stands for, when not its own slug
    role: Literal["entity", "person", "measure"] | None = None  # subjects: what kind of thing is counted
    anaphora: list[str] = Field(default_factory=list)  # subjects: short forms that refer back once it is named
    implies: str | None = None               # subjects: the action counting them implies (`lớp` → dao_tao)
    yields: bool = False                     # status: a cue that gives way to a lead-in of aims in force (`ước`)
    of_money: bool = False                   # actions: done with money, so it is the action of money in its clause

    @field_validator("regex")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise ValueError(f"regex {pattern!r} does not compile: {exc}") from exc
        return patterns

    @model_validator(mode="after")
    def _has_language(self) -> "Entry":
        if not self.phrases and not self.regex:
            raise ValueError(f"entry {self.slug!r} has neither phrases nor regex")
        if not self.examples:
            raise ValueError(f"entry {self.slug!r} has no examples")
        return self


class PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    dimension: Literal[DIMENSIONS]  # type: ignore[valid-type]
    description: str
    entries: list[Entry]
    path: str = ""

    def entry(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)


class PatternSet:
    """All pattern files, by dimension; user files extend the bundled ones."""

    def __init__(self, files: list[PatternFile]):
        self.files = files
        self._by_dim: dict[str, list[Entry]] = {}
        for pattern_file in files:
            merged = self._by_dim.setdefault(pattern_file.dimension, [])
            for entry in pattern_file.entries:
                index = next((i for i, e in enumerate(merged) if e.slug == entry.slug), None)
                if index is None:
                    merged.append(entry)
                    continue
                existing = merged[index]  # a user's file extends a bundled entry: merge into a copy
                merged[index] = existing.model_copy(update={
                    "phrases": existing.phrases + [p for p in entry.phrases if p not in existing.phrases],
                    "regex": existing.regex + [r for r in entry.regex if r not in existing.regex],
                })

    def entries(self, dimension: str) -> list[Entry]:
        return self._by_dim.get(dimension, [])

    def entry(self, dimension: str, slug: str) -> Entry | None:
        return next((e for e in self.entries(dimension) if e.slug == slug), None)

    def __hash__(self) -> int:
        return id(self)


def bundled_dir() -> Path:
    """The bundled patterns: inside the installed package, else the source tree's `patterns/`."""
    packaged = Path(__file__).parent / "patterns"  # what importlib.resources.files finds, without importing it
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "patterns"


def _loader():
    """The C loader when libyaml is there: 10x faster. (yaml is imported only when a file is validated.)"""
    import yaml
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Changes with the models' fields, so that a cache written by other code is never read back.
_SCHEMA_KEY = repr(sorted(Entry.model_fields) + sorted(Example.model_fields) + sorted(PatternFile.model_fields)).encode()


def _cache_path(path: Path, raw: bytes, probe_regexes: bool) -> Path | None:
    """Where the validated form of this file's exact bytes is cached: the user's cache directory,
    keyed by a hash of the bytes, the path, the probe flag and the versions of kttt and pydantic
    (a file that changes, moves or is read by other code gets a new entry). KTTT_NO_CACHE=1 turns it off."""
    import hashlib
    import os
    if os.environ.get("KTTT_NO_CACHE"):
        return None
    import pydantic
    from . import __version__
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kttt" / "patterns"
    key = hashlib.sha256(b"\0".join([raw, str(path).encode("utf-8", "surrogateescape"), b"%d" % probe_regexes,
                                      __version__.encode(), pydantic.VERSION.encode(), _SCHEMA_KEY])).hexdigest()
    return root / f"{key}.pickle"


def _cached(cache: Path | None) -> PatternFile | None:
    if cache is None:
        return None
    import pickle
    try:
        loaded = pickle.loads(cache.read_bytes())
    except Exception:  # noqa: BLE001 - absent, unreadable or stale: validate the file again
        return None
    return loaded if isinstance(loaded, PatternFile) else None


def _store(cache: Path | None, pattern_file: PatternFile) -> None:
    if cache is None:
        return
    import os
    import pickle
    import tempfile
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    except OSError:
        return  # a read-only cache directory costs only the time saved
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pickle.dumps(pattern_file, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a full disk leaves no half-written entry behind


def load_file(path: Path, probe_regexes: bool = False) -> PatternFile:
    """One pattern file, validated; `probe_regexes` also refuses a regex that can run away (a user's file).

    A file validated once is cached (see `_cache_path`): start-up then skips YAML and pydantic."""
    raw = path.read_bytes()
    cache = _cache_path(path, raw, probe_regexes)
    if (hit := _cached(cache)) is not None:
        return hit
    pattern_file = _validated(path, raw, probe_regexes)
    _store(cache, pattern_file)
    return pattern_file


def _validated(path: Path, raw: bytes, probe_regexes: bool) -> PatternFile:
    import yaml
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PatternError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise PatternError(str(path), 1, "a pattern file is a mapping with dimension, description and entries")
    try:
        pattern_file = PatternFile.model_validate({**data, "path": str(path)})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise _located(path, text, error["loc"], error["msg"]) from None
    if probe_regexes:
        _refuse_runaway_regexes(pattern_file, path, text)
    return pattern_file


def _located(path: Path, text: str, loc: tuple, message: str) -> PatternError:
    import yaml
    line = _line_of(yaml.compose(text, Loader=_loader()), loc)
    return PatternError(str(path), line, f"{'.'.join(str(part) for part in loc)}: {message}")


def _refuse_runaway_regexes(pattern_file: PatternFile, path: Path, text: str) -> None:
    from .limits import runaway

    for i, entry in enumerate(pattern_file.entries):
        for j, pattern in enumerate(entry.regex):
            reason = runaway(pattern, [example.text for example in entry.examples])
            if reason:
                raise _located(path, text, ("entries", i, "regex", j), reason)


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    import yaml
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        else:
            child = None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def load_dir(directory: Path, probe_regexes: bool = False) -> list[PatternFile]:
    if not directory.is_dir():
        raise PatternError(str(directory), None, "not a directory of pattern files")
    return [load_file(p, probe_regexes) for p in sorted(directory.glob("*.yaml"))]


@functools.lru_cache(maxsize=8)
def load_patterns(extra_dirs: tuple[str, ...] = ()) -> PatternSet:
    """The bundled pattern files, extended by the files in `extra_dirs` (loaded once per process).

    The regexes of the extra files are probed for catastrophic backtracking; the bundled ones are
    covered by the fuzz tests, and by the time limit on every notice."""
    files = load_dir(bundled_dir())
    for directory in extra_dirs:
        files.extend(load_dir(Path(directory), probe_regexes=True))
    return PatternSet(files)


def phrase_regex(phrases: list[str]) -> str:
    """An alternation of literal phrases, longest first, bounded by non-letters.

    Spaces in a phrase match any run of spaces, so `hợp  tác xã` is found too. Phrases of one
    length are put in a fixed order (two that match at one place match the same words), so that
    the pattern is the same string in every process and its compiled program can be cached.
    """
    parts = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    body = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])"


def alternatives(entry: Entry) -> list[str]:
    """What matches an entry, in the order tried: its phrases as one pattern, then its regexes."""
    return ([phrase_regex(entry.phrases)] if entry.phrases else []) + entry.regex


def phrase_probe(dimension: str, text: str, patterns: PatternSet) -> set[str]:
    """The slugs of `dimension` whose phrases or regexes occur in `text`."""
    found = set()
    for entry in patterns.entries(dimension):
        if any(regex.search(p, text, flags=regex.IGNORECASE) for p in alternatives(entry)):
            found.add(entry.slug)
    return found


def probe(dimension: str, text: str, patterns: PatternSet) -> set[str]:
    target = PROBES.get(dimension)
    if target is None:
        return phrase_probe(dimension, text, patterns)
    module_name, function_name = target.split(":")
    module = importlib.import_module(module_name)
    return set(getattr(module, function_name)(text, patterns))


@dataclass
class ExampleResult:
    file: str
    dimension: str
    slug: str
    text: str
    expect: str
    counter: bool      # a counter-example: `expect` must NOT be found
    found: set[str]

    @property
    def passed(self) -> bool:
        return (self.expect in self.found) != self.counter


def run_examples(patterns: PatternSet) -> list[ExampleResult]:
    """Run every example and counter-example of every pattern file through its probe."""
    results = []
    for pattern_file in patterns.files:
        for entry in pattern_file.entries:
            cases = [(e, False) for e in entry.examples] + [(e, True) for e in entry.counter_examples]
            for example, counter in cases:
                try:
                    found = probe(pattern_file.dimension, example.text, patterns)
                except Exception as exc:  # a broken probe fails its example, not the whole run
                    found = {f"error: {type(exc).__name__}: {exc}"}
                results.append(ExampleResult(pattern_file.path, pattern_file.dimension, entry.slug,
                                             example.text, example.expect or entry.slug, counter, found))
    return results
