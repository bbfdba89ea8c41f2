"""The cases `kttt eval` and `kttt check` score: gold files, their notices, their predicted records."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError

NOTICE_SUFFIXES = (".txt", ".html", ".htm")
RECORD_SUFFIXES = (".json", ".yaml", ".yml")
EXPECTED_SUFFIX = ".expected.yaml"
FIGURE_REQUIRED = ("status", "subject", "unit", "value")


def load_record(path: Path) -> dict:
    """A gold, expected or predicted record (YAML or JSON), checked for the shape scoring needs."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    data = _parse(path, text)
    problem = _shape_problem(data)
    if problem:
        raise InputError(str(path), problem)
    return data


def _parse(path: Path, text: str) -> object:
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON: line {exc.lineno}: {exc.msg}") from None
    import yaml
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputError(str(path), f"not valid YAML: {where}{getattr(exc, 'problem', None) or exc}") from None


def _shape_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return "a record is a mapping (title, published_on, plan, references, figures)"
    if data.get("plan") is not None and not isinstance(data["plan"], dict):
        return "plan: a mapping or null"
    for key in ("references", "figures"):
        if data.get(key) is not None and not (isinstance(data[key], list)
                                              and all(isinstance(x, dict) for x in data[key])):
            return f"{key}: a list of mappings"
    for index, figure in enumerate(data.get("figures") or []):
        missing = [k for k in FIGURE_REQUIRED if k not in figure]
        if missing:
            return f"figures[{index}]: missing {', '.join(missing)}"
        for key in ("value", "value_max"):
            amount = figure.get(key)
            if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float))):
                return f"figures[{index}].{key}: not a number: {amount!r}"
    return None


@dataclass
class Case:
    """One gold record and where its prediction comes from."""
    name: str                  # SET/NAME, for messages
    gold_path: Path
    gold: dict
    notice_path: Path | None   # the notice to extract, or
    pred_path: Path | None     # a record already extracted


def case_stem(gold_path: Path) -> str:
    name = gold_path.name
    return name[:-len(EXPECTED_SUFFIX)] if name.endswith(EXPECTED_SUFFIX) else gold_path.stem


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files named directly, and every `*.yaml` under named directories."""
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.yaml"))
            if not found:
                raise InputError(str(path), "no gold files (*.yaml) in this directory")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(str(path), "no such file or directory")
    return files


def find_cases(paths: Iterable[Path], docs: Path | None = None, pred: Path | None = None) -> list[Case]:
    """Pair each gold file with its notice (or with its predicted record when `pred` is given).

    `gold/SET/NAME.yaml` pairs with `corpus/SET/NAME.txt` (`<gold dir>/../../corpus/SET`);
    `NAME.expected.yaml` with `NAME.txt`/`NAME.html` beside it; `docs` overrides both.
    """
    cases = []
    for gold_path in gold_files(paths):
        stem = case_stem(gold_path)
        name = f"{gold_path.resolve().parent.name}/{stem}"
        gold = load_record(gold_path)
        if pred is not None:
            source = _find(gold_path, pred, stem, RECORD_SUFFIXES, "prediction")
            cases.append(Case(name, gold_path, gold, None, source))
        else:
            source = _find(gold_path, docs or _default_docs(gold_path), stem, NOTICE_SUFFIXES, "notice")
            cases.append(Case(name, gold_path, gold, source, None))
    return cases


def _default_docs(gold_path: Path) -> Path:
    gold_path = gold_path.resolve()
    if gold_path.name.endswith(EXPECTED_SUFFIX):
        return gold_path.parent
    return gold_path.parent.parent.parent / "corpus" / gold_path.parent.name


def _find(gold_path: Path, folder: Path, stem: str, suffixes: tuple[str, ...], what: str) -> Path:
    for suffix in suffixes:
        candidate = folder / (stem + suffix)
        if candidate.is_file():
            return candidate
    names = " or ".join(stem + s for s in suffixes)
    raise InputError(str(gold_path), f"no {what} {names} in {folder}")


def predicted_record(case: Case, patterns=None) -> dict:
    """The case's predicted record as a mapping: read from `pred_path`, or extracted from the notice."""
    if case.pred_path is not None:
        return load_record(case.pred_path)
    from .decode import read_input
    from .pipeline import extract

    path = str(case.notice_path)
    try:
        return extract(read_input(path), path=path, patterns=patterns).model_dump(mode="json")
    except InputError:
        raise
    except Exception as exc:
        exc.add_note(f"while extracting {path}")
        raise
