"""A batch's records as one SQLite database (`kttt db load`, `kttt batch --db`).

The database is built in a temporary file beside the target and renamed over it
once complete, so a killed load leaves the previous database as it was. Its
tables and views are described in SCHEMA and in the README ("One database of
many notices"); values are stored with one type per column (REAL values, ISO
dates as TEXT), so DuckDB's SQLite reader and pandas take the file as it is.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Iterator

from . import __version__
from .consolidate import Statement, consolidate, figure_key, issuer_identity, plan_key
from .errors import InputError
from .gazetteer import province_after_2025

SCHEMA_VERSION = "2"
NOTICE_ORDER = "n.published_on IS NULL, n.published_on, n.path, n.id"  # earliest first; undated last

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE issuers (
  id INTEGER PRIMARY KEY, name TEXT, body TEXT, level TEXT, place TEXT, province TEXT,
  province_2025 TEXT);
CREATE TABLE plans (
  id INTEGER PRIMARY KEY, plan_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, number TEXT,
  issuer_id INTEGER REFERENCES issuers(id), issued_on TEXT, title TEXT,
  period_start INTEGER, period_end INTEGER, notices INTEGER NOT NULL DEFAULT 0);
CREATE TABLE notices (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
  encoding TEXT NOT NULL, title TEXT, published_on TEXT, plan_id INTEGER REFERENCES plans(id),
  plan_kind TEXT, plan_number TEXT, plan_issued_on TEXT, plan_title TEXT,
  plan_period_start INTEGER, plan_period_end INTEGER, plan_issuer_name TEXT, warnings TEXT NOT NULL);
CREATE TABLE plan_figures (
  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(id), status TEXT NOT NULL,
  subject TEXT NOT NULL, unit TEXT NOT NULL, action TEXT, year INTEGER, condition TEXT,
  value REAL NOT NULL, value_max REAL, comparator TEXT NOT NULL, notices INTEGER NOT NULL,
  conflict INTEGER);
CREATE TABLE figures (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), seq INTEGER NOT NULL,
  status TEXT NOT NULL, subject TEXT NOT NULL, subject_text TEXT NOT NULL, value REAL NOT NULL,
  value_max REAL, unit TEXT NOT NULL, comparator TEXT NOT NULL, condition TEXT, action TEXT,
  deadline INTEGER, as_of INTEGER, status_cue TEXT, status_scope TEXT, evidence_text TEXT NOT NULL,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_page INTEGER,
  plan_figure_id INTEGER REFERENCES plan_figures(id));
CREATE TABLE "references" (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices(id), seq INTEGER NOT NULL,
  kind TEXT NOT NULL, number TEXT, issued_on TEXT, year INTEGER, title TEXT,
  issuer_id INTEGER REFERENCES issuers(id));
CREATE TABLE errors (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT, reason TEXT NOT NULL);
CREATE VIEW figure_places AS
  SELECT f.*, n.path, n.published_on, p.id AS plan_id, p.kind AS plan_kind, p.number AS plan_number,
         p.period_start, p.period_end, i.name AS issuer, i.body AS issuer_body, i.level AS issuer_level,
         i.place AS issuer_place, i.province AS issuer_province, i.province_2025 AS issuer_province_2025
  FROM figures f JOIN notices n ON n.id = f.notice_id
  LEFT JOIN plans p ON p.id = n.plan_id LEFT JOIN issuers i ON i.id = p.issuer_id;
CREATE VIEW targets AS SELECT * FROM figure_places WHERE status = 'target';
CREATE VIEW reported AS SELECT * FROM figure_places WHERE status = 'reported';
CREATE VIEW conflicts AS
  SELECT pf.conflict, pf.plan_id, p.number AS plan_number, i.name AS issuer, i.province AS issuer_province,
         pf.status, pf.subject, pf.unit, pf.action, pf.year, pf.condition, pf.value, pf.value_max,
         n.path, f.id AS figure_id, f.evidence_text, f.evidence_start, f.evidence_end
  FROM plan_figures pf JOIN plans p ON p.id = pf.plan_id LEFT JOIN issuers i ON i.id = p.issuer_id
  JOIN figures f ON f.plan_figure_id = pf.id JOIN notices n ON n.id = f.notice_id
  WHERE pf.conflict IS NOT NULL;
"""

# Created once the rows are in: one sort each, instead of an update per row.
INDEXES = """
CREATE INDEX plans_number ON plans(number);
CREATE INDEX issuers_province ON issuers(province);
CREATE INDEX issuers_province_2025 ON issuers(province_2025);
CREATE INDEX figures_subject ON figures(subject, status);
CREATE INDEX figures_notice ON figures(notice_id);
CREATE INDEX figures_plan_figure ON figures(plan_figure_id);
CREATE INDEX notices_plan ON notices(plan_id);
CREATE INDEX notices_path ON notices(path);
CREATE INDEX plan_figures_plan ON plan_figures(plan_id);
CREATE INDEX references_notice ON "references"(notice_id);
CREATE INDEX references_number ON "references"(number);
"""

FIGURE_COLUMNS = ("status", "subject", "subject_text", "value", "value_max", "unit", "comparator",
                  "condition", "action", "deadline", "as_of")
FLUSH_ROWS = 20_000  # consolidated rows kept before they are written
PLAN_FIELDS = ("kind", "number", "issued_on", "title", "period_start", "period_end")


@dataclass
class LoadSummary:
    notices: int = 0
    plans: int = 0
    figures: int = 0
    references: int = 0
    errors: int = 0
    conflicts: int = 0
    unreadable: list[str] = field(default_factory=list)  # records the manifest lists that could not be read
    elapsed: float = 0.0


def load_batch(out_dir: str | Path, db_path: str | Path, source_root: str | Path | None = None) -> LoadSummary:
    """Load the records of the batch in `out_dir` into a new database at `db_path` (replacing it).

    `source_root` is where relative notice paths start (default: the current directory);
    `kttt report` reads the notices from there to write their explain pages."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    manifest = out_dir / "manifest.jsonl"
    if not manifest.is_file():
        raise InputError(str(out_dir), "no manifest.jsonl here: not an output directory of kttt batch")
    with _building(Path(db_path)) as connection:
        builder = Builder(connection)
        for entry in _manifest_entries(manifest):
            if entry.get("error"):
                builder.add_error(entry["path"], entry.get("sha256"), entry["error"])
                continue
            try:
                builder.add_notice(_read_record(out_dir, entry))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                reason = f"record unreadable: {type(exc).__name__}: {exc}"
                builder.summary.unreadable.append(entry.get("path", "?"))
                builder.add_error(entry.get("path", "?"), entry.get("sha256"), reason)
        summary = builder.finish(source_root=Path(source_root or os.getcwd()).resolve(), batch=out_dir.resolve())
    summary.elapsed = time.perf_counter() - started
    return summary


def _manifest_entries(manifest: Path) -> Iterator[dict]:
    with open(manifest, encoding="utf-8") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a half line cannot be: a batch renames its manifest into place when complete
            if isinstance(entry, dict) and "path" in entry:
                yield entry


def _read_record(out_dir: Path, entry: dict) -> dict:
    if entry["output"] == "records.jsonl":
        with open(out_dir / "records.jsonl", "rb") as handle:
            handle.seek(entry["offset"])
            return json.loads(handle.read(entry["length"]).decode("utf-8"))
    text = (out_dir / entry["output"]).read_text(encoding="utf-8")
    if entry["output"].endswith(".yaml"):
        import yaml
        try:
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ValueError(" ".join(str(exc).split())) from None
    return json.loads(text)


@contextmanager
def _building(target: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a new database in a temporary file beside `target`, renamed over it on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;")
        connection.executescript(SCHEMA)
        yield connection
        connection.commit()
        connection.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    except BaseException:
        connection.close()
        temporary.unlink(missing_ok=True)
        raise


def _remove_stale_builds(target: Path) -> None:
    """Temporary files of killed loads: their process is gone."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        pid = stale.name[len(target.name) + 2:-len(".tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Builder:
    """Inserts records one by one, then consolidates plans and their figures."""

    def __init__(self, connection: sqlite3.Connection):
        self.db = connection
        self.summary = LoadSummary()
        self.issuers: dict[str, int] = {}      # identity → id
        self.issuer_names: dict[int, Counter] = {}
        self.plans: dict[str, int] = {}        # plan key → id
        self.plan_figures = 0                  # the last plan_figures id given

    def add_error(self, path: str, sha256: str | None, reason: str) -> None:
        self.db.execute("INSERT INTO errors (path, sha256, reason) VALUES (?, ?, ?)", (path, sha256, reason))
        self.summary.errors += 1

    def add_notice(self, record: dict) -> None:
        source, plan = record["source"], record.get("plan")
        plan_id = self._plan(plan, alone=source["path"] + "#" + str(self.summary.notices + 1)) if plan else None
        period = (plan or {}).get("period") or {}
        issuer = (plan or {}).get("issuer") or {}
        notice_id = self.db.execute(
            "INSERT INTO notices (path, sha256, format, encoding, title, published_on, plan_id, plan_kind,"
            " plan_number, plan_issued_on, plan_title, plan_period_start, plan_period_end, plan_issuer_name,"
            " warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source["path"], source["sha256"], source["format"], source["encoding"], record.get("title"),
             record.get("published_on"), plan_id, (plan or {}).get("kind"), (plan or {}).get("number"),
             (plan or {}).get("issued_on"), (plan or {}).get("title"), period.get("start"), period.get("end"),
             issuer.get("name"), json.dumps(record.get("warnings") or [], ensure_ascii=False))).lastrowid
        figures = record.get("figures") or []
        self.db.executemany(
            f"INSERT INTO figures (notice_id, seq, {', '.join(FIGURE_COLUMNS)}, status_cue, status_scope,"
            f" evidence_text, evidence_start, evidence_end, evidence_page)"
            f" VALUES ({', '.join('?' * (len(FIGURE_COLUMNS) + 8))})",
            [(notice_id, seq, *(f.get(name) for name in FIGURE_COLUMNS),
              (f.get("status_reason") or {}).get("cue"), (f.get("status_reason") or {}).get("scope"),
              f["evidence"]["text"], f["evidence"]["start"], f["evidence"]["end"], f["evidence"].get("page"))
             for seq, f in enumerate(figures, 1)])
        references = record.get("references") or []
        self.db.executemany(
            'INSERT INTO "references" (notice_id, seq, kind, number, issued_on, year, title, issuer_id)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(notice_id, seq, r["kind"], r.get("number"), r.get("issued_on"), r.get("year"), r.get("title"),
              self._issuer(r.get("issuer"))) for seq, r in enumerate(references, 1)])
        self.summary.notices += 1
        self.summary.figures += len(figures)
        self.summary.references += len(references)

    def _issuer(self, issuer: dict | None) -> int | None:
        identity = issuer_identity(issuer)
        if identity is None:
            return None
        if identity not in self.issuers:
            province = issuer.get("province")
            self.issuers[identity] = self.db.execute(
                "INSERT INTO issuers (name, body, level, place, province, province_2025) VALUES (?, ?, ?, ?, ?, ?)",
                (issuer.get("name"), issuer.get("body"), issuer.get("level"), issuer.get("place"), province,
                 province_after_2025(province) if province else None)).lastrowid
        issuer_id = self.issuers[identity]
        if issuer.get("name"):
            self.issuer_names.setdefault(issuer_id, Counter())[issuer["name"]] += 1
        return issuer_id

    def _plan(self, plan: dict, alone: str) -> int:
        key = plan_key(plan, alone)
        issuer_id = self._issuer(plan.get("issuer"))
        if key not in self.plans:
            self.plans[key] = self.db.execute("INSERT INTO plans (plan_key, kind, issuer_id) VALUES (?, ?, ?)",
                                              (key, plan["kind"], issuer_id)).lastrowid
        return self.plans[key]

    def finish(self, source_root: Path, batch: Path) -> LoadSummary:
        self._choose_plan_fields()
        self._choose_issuer_names()
        self._consolidate_figures()
        self.db.executescript(INDEXES)
        self.db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
            ("schema_version", SCHEMA_VERSION), ("kttt_version", __version__),
            ("source_root", str(source_root)), ("batch", str(batch))])
        self.summary.plans = len(self.plans)
        return self.summary

    def _choose_plan_fields(self) -> None:
        """Each field of a plan: the value most of its notices state (the earliest notice's on a tie)."""
        rows = self.db.execute(
            f"SELECT n.plan_id, {', '.join('n.plan_' + name for name in PLAN_FIELDS)} FROM notices n"
            f" WHERE n.plan_id IS NOT NULL ORDER BY n.plan_id, {NOTICE_ORDER}").fetchall()
        updates = []
        for plan_id, statements in groupby(rows, key=lambda row: row[0]):
            statements = list(statements)
            chosen = [_most_stated([row[column] for row in statements]) for column in range(1, len(PLAN_FIELDS) + 1)]
            updates.append((*chosen, len(statements), plan_id))
        self.db.executemany(
            f"UPDATE plans SET {', '.join(name + ' = ?' for name in PLAN_FIELDS)}, notices = ? WHERE id = ?", updates)

    def _choose_issuer_names(self) -> None:
        """An issuer is named as most notices name it; on a tie, by its longest name (`UBND tỉnh Sóc Trăng`
        over `UBND tỉnh`)."""
        self.db.executemany("UPDATE issuers SET name = ? WHERE id = ?", [
            (max(names.items(), key=lambda item: (item[1], len(item[0])))[0], issuer_id)
            for issuer_id, names in self.issuer_names.items()])

    def _consolidate_figures(self) -> None:
        """plan_figures from the figures, one plan at a time; the figures learn theirs at the end, in one
        UPDATE, so that the cursor reading them never sees a change."""
        self.db.execute("CREATE TEMP TABLE figure_links (figure_id INTEGER PRIMARY KEY, plan_figure_id INTEGER)")
        rows = self.db.execute(
            "SELECT n.plan_id, f.id, f.notice_id, f.status, f.subject, f.unit, f.action, f.deadline, f.as_of,"
            " f.condition, f.value, f.value_max, f.comparator FROM figures f JOIN notices n ON n.id = f.notice_id"
            f" WHERE n.plan_id IS NOT NULL ORDER BY n.plan_id, {NOTICE_ORDER}, f.seq")
        consolidated, links = [], []
        for plan_id, plan_rows in groupby(rows, key=lambda row: row[0]):
            by_key: dict[tuple, list[Statement]] = {}
            for (_, figure_id, notice_id, status, subject, unit, action, deadline, as_of, condition, value,
                 value_max, comparator) in plan_rows:
                key = figure_key({"status": status, "subject": subject, "unit": unit, "action": action,
                                  "deadline": deadline, "as_of": as_of, "condition": condition})
                by_key.setdefault(key, []).append(
                    Statement(figure_id, notice_id, value, value_max, comparator, condition))
            for key, statements in by_key.items():
                self._consolidated_rows(plan_id, key, consolidate(statements), consolidated, links)
            if len(links) >= FLUSH_ROWS:
                self._flush_consolidated(consolidated, links)
        self._flush_consolidated(consolidated, links)
        self.db.execute("UPDATE figures SET plan_figure_id = l.plan_figure_id FROM figure_links l"
                        " WHERE l.figure_id = figures.id")
        self.db.execute("DROP TABLE figure_links")

    def _consolidated_rows(self, plan_id: int, key: tuple, values: list, consolidated: list, links: list) -> None:
        status, subject, unit, action, year, _ = key
        conflict = None
        if any(value.disputed for value in values):
            self.summary.conflicts += 1
            conflict = self.summary.conflicts
        for value in values:
            first = value.statements[0]
            self.plan_figures += 1
            consolidated.append((self.plan_figures, plan_id, status, subject, unit, action or None, year,
                                 first.condition, first.value, first.value_max, first.comparator, value.notices,
                                 conflict if value.disputed else None))
            links += [(s.figure_id, self.plan_figures) for s in value.statements]

    def _flush_consolidated(self, consolidated: list, links: list) -> None:
        self.db.executemany(
            "INSERT INTO plan_figures (id, plan_id, status, subject, unit, action, year, condition, value,"
            " value_max, comparator, notices, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", consolidated)
        self.db.executemany("INSERT INTO figure_links (figure_id, plan_figure_id) VALUES (?, ?)", links)
        consolidated.clear()
        links.clear()


def _most_stated(values: list):
    """The non-null value stated most often; the first stated among equals; None if none is."""
    counts = Counter(value for value in values if value is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(value for value in values if counts.get(value) == best)


# --- reading -------------------------------------------------------------------------------

def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a kttt database, or an InputError saying what is wrong with `path`."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a database")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise InputError(str(path), f"not a kttt database ({exc})") from None
    if found.get("schema_version") != SCHEMA_VERSION:
        connection.close()
        raise InputError(str(path), f"database schema {found.get('schema_version')!r} is not the one this kttt "
                                    f"reads ({SCHEMA_VERSION!r}): load the batch again with kttt db load")
    connection.row_factory = sqlite3.Row
    return connection


def meta(connection: sqlite3.Connection) -> dict[str, str]:
    return {row["key"]: row["value"] for row in connection.execute("SELECT key, value FROM meta")}
