"""`kttt batch --db` / `kttt db load`: the tables, the consolidated plans and their conflict, the province
table, atomic replacement under SIGKILL, and bad input. The expected values come from reading the
notices in tests/db_fixtures (written for these tests)."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract.cli import app
from kttt_extract.consolidate import Statement, consolidate, plan_key
from kttt_extract.record import Subject

runner = CliRunner()
SOC_TRANG_PLAN, SOC_TRANG_NEWS = "soc_trang_plan_2025.txt", "soc_trang_news_same_plan.html"
BEN_TRE, HAU_GIANG, MY_TU = "ben_tre_plan_2025_with_results.txt", "hau_giang_plan_2025.txt", \
    "my_tu_district_plan_2021_2025.txt"

# (notice, seq, status, subject, value, unit, comparator, action, condition, deadline, as_of), read off the notices
FIGURES = {
    (BEN_TRE, 1, "reported", "hop_tac_xa", 18, "count", "eq", "thanh_lap", None, None, 2024),
    (BEN_TRE, 2, "reported", "hop_tac_xa", 268, "count", "eq", None, "đang hoạt động", None, 2024),
    (BEN_TRE, 3, "target", "hop_tac_xa", 20, "count", "eq", "thanh_lap", None, 2025, None),
    (BEN_TRE, 4, "target", "hop_tac_xa", 285, "count", "eq", None, None, 2025, None),
    (HAU_GIANG, 1, "target", "hop_tac_xa", 12, "count", "eq", "thanh_lap", None, 2025, None),
    (HAU_GIANG, 2, "reported", "hop_tac_xa", 10, "count", "eq", "thanh_lap", None, None, 2024),
    (HAU_GIANG, 3, "reported", "hop_tac_xa", 286, "count", "eq", None, None, None, 2024),
    (HAU_GIANG, 4, "target", "hop_tac_xa", 75, "percent", "eq", None, "hoạt động hiệu quả", 2025, None),
    (MY_TU, 1, "target", "hop_tac_xa", 5, "count", "eq", "thanh_lap", None, 2025, None),
    (MY_TU, 2, "target", "hop_tac_xa", 30, "count", "eq", None, None, 2025, None),
    (MY_TU, 3, "reported", "hop_tac_xa", 25, "count", "eq", None, None, None, None),
    (MY_TU, 4, "reported", "thanh_vien", 1850, "count", "eq", None, None, None, None),
    (SOC_TRANG_NEWS, 1, "target", "hop_tac_xa", 20, "count", "eq", "thanh_lap", None, 2025, None),
    (SOC_TRANG_NEWS, 2, "target", "to_hop_tac", 15, "count", "eq", "thanh_lap", None, 2025, None),
    (SOC_TRANG_NEWS, 3, "target", "hop_tac_xa", 80, "percent", "eq", None, "hoạt động hiệu quả", 2025, None),
    (SOC_TRANG_PLAN, 1, "target", "hop_tac_xa", 20, "count", "gte", "thanh_lap", None, 2025, None),
    (SOC_TRANG_PLAN, 2, "target", "to_hop_tac", 15, "count", "gte", "thanh_lap", None, 2025, None),
    (SOC_TRANG_PLAN, 3, "target", "hop_tac_xa", 85, "percent", "eq", None, "hoạt động hiệu quả", 2025, None),
    (SOC_TRANG_PLAN, 4, "reported", "hop_tac_xa", 312, "count", "eq", None, None, None, 2024),
    (SOC_TRANG_PLAN, 5, "reported", "thanh_vien", 24500, "count", "eq", None, None, None, 2024),
}


def rows(db: Path, query: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query, args).fetchall()


def name(path: str) -> str:
    return Path(path).name


def test_notices_errors_and_figures_tables(fixture_db):
    db = fixture_db["db"]
    assert "kttt: wrote" in fixture_db["stderr"] and "5 notices, 4 plans, 20 figures, 1 conflict" in fixture_db["stderr"]
    notices = [(name(p), fmt, published, title) for p, fmt, published, title in
               rows(db, "SELECT path, format, published_on, title FROM notices ORDER BY id")]
    assert notices == [
        (BEN_TRE, "text", "2025-02-25", "Bến Tre: Kế hoạch phát triển kinh tế tập thể năm 2025"),
        (HAU_GIANG, "text", "2025-02-19", "Hậu Giang đặt chỉ tiêu thành lập mới 12 hợp tác xã trong năm 2025"),
        (MY_TU, "text", "2021-04-08", "Mỹ Tú triển khai kế hoạch phát triển hợp tác xã giai đoạn 2021-2025"),
        (SOC_TRANG_NEWS, "html", "2025-02-17", "Năm 2025, Sóc Trăng phấn đấu thành lập mới 20 hợp tác xã"),
        (SOC_TRANG_PLAN, "text", "2025-02-12",
         "Sóc Trăng ban hành kế hoạch phát triển kinh tế tập thể, hợp tác xã năm 2025"),
    ]
    assert [(name(p), reason) for p, reason in rows(db, "SELECT path, reason FROM errors")] == [("rong.txt", "empty file")]
    assert rows(db, "SELECT warnings FROM notices WHERE path LIKE ?", f"%{MY_TU}") == [('["plan has no number"]',)]
    found = {(name(r[0]), *r[1:]) for r in rows(
        db, "SELECT n.path, f.seq, f.status, f.subject, f.value, f.unit, f.comparator, f.action, f.condition,"
            " f.deadline, f.as_of FROM figures f JOIN notices n ON n.id = f.notice_id")}
    assert found == FIGURES
    # Why each figure of the plan-with-results notice is what it is: the cue of its own part.
    reasons = rows(db, "SELECT f.seq, f.status, f.status_cue, f.status_scope, f.evidence_page FROM figures f"
                       " JOIN notices n ON n.id = f.notice_id WHERE n.path LIKE ? ORDER BY f.seq", f"%{BEN_TRE}")
    assert reasons == [(1, "reported", "Kết quả", "clause", None), (2, "reported", "Kết quả", "sentence", None),
                       (3, "target", "Chỉ tiêu", "clause", None), (4, "target", "Chỉ tiêu", "sentence", None)]
    for path, text, start, end in rows(db, "SELECT n.path, f.evidence_text, f.evidence_start, f.evidence_end"
                                           " FROM figures f JOIN notices n ON n.id = f.notice_id"):
        normalized = runner.invoke(app, ["normalize", path]).stdout
        assert normalized[start:end] == text


def test_plans_issuers_and_references_tables(fixture_db):
    db = fixture_db["db"]
    plans = rows(db, "SELECT p.number, p.kind, p.issued_on, p.period_start, p.period_end, p.notices, i.name, i.level,"
                     " i.place, i.province, i.province_2025 FROM plans p JOIN issuers i ON i.id = p.issuer_id"
                     " ORDER BY i.province, i.level DESC")
    assert plans == [
        ("1045/KH-UBND", "ke_hoach", "2025-02-21", 2025, 2025, 1, "UBND tỉnh Bến Tre", "province", "Bến Tre",
         "Bến Tre", "Vĩnh Long"),
        ("27/KH-UBND", "ke_hoach", "2025-02-14", 2025, 2025, 1, "UBND tỉnh Hậu Giang", "province", "Hậu Giang",
         "Hậu Giang", "Cần Thơ"),
        ("31/KH-UBND", "ke_hoach", "2025-02-10", 2025, 2025, 2, "UBND tỉnh Sóc Trăng", "province", "Sóc Trăng",
         "Sóc Trăng", "Cần Thơ"),
        (None, "ke_hoach", None, 2021, 2025, 1, "UBND huyện Mỹ Tú", "district", "Mỹ Tú", "Sóc Trăng", "Cần Thơ"),
    ]
    # both Sóc Trăng notices point at the one plan; the news item's issuer is written "UBND tỉnh"
    same = rows(db, "SELECT n.path, n.plan_issuer_name FROM notices n JOIN plans p ON p.id = n.plan_id"
                    " WHERE p.number = '31/KH-UBND' ORDER BY n.path")
    assert [(name(p), issuer) for p, issuer in same] == [(SOC_TRANG_NEWS, "UBND tỉnh"),
                                                         (SOC_TRANG_PLAN, "UBND tỉnh Sóc Trăng")]
    references = rows(db, 'SELECT n.path, r.seq, r.kind, r.number, r.issued_on, r.year, i.body FROM "references" r'
                          " JOIN notices n ON n.id = r.notice_id LEFT JOIN issuers i ON i.id = r.issuer_id")
    assert [(name(r[0]), *r[1:]) for r in references] == [
        (SOC_TRANG_PLAN, 1, "nghi_quyet", "20-NQ/TW", "2022-06-16", None, "bch_trung_uong"),
        (SOC_TRANG_PLAN, 2, "luat", None, None, 2023, None),
    ]


def test_consolidated_plan_lists_each_figure_once_and_the_conflict(fixture_db):
    db = fixture_db["db"]
    consolidated = rows(db, "SELECT pf.status, pf.subject, pf.unit, pf.action, pf.year, pf.value, pf.comparator,"
                            " pf.notices, pf.conflict IS NOT NULL FROM plan_figures pf JOIN plans p"
                            " ON p.id = pf.plan_id WHERE p.number = '31/KH-UBND' ORDER BY pf.id")
    assert consolidated == [
        ("target", "hop_tac_xa", "count", "thanh_lap", 2025, 20, "gte", 2, 0),  # ≥ 20 in the plan, 20 in the news
        ("target", "to_hop_tac", "count", "thanh_lap", 2025, 15, "gte", 2, 0),
        ("target", "hop_tac_xa", "percent", None, 2025, 85, "eq", 1, 1),
        ("target", "hop_tac_xa", "percent", None, 2025, 80, "eq", 1, 1),
        ("reported", "hop_tac_xa", "count", None, 2024, 312, "eq", 1, 0),
        ("reported", "thanh_vien", "count", None, 2024, 24500, "eq", 1, 0),
    ]
    conflicts = rows(db, "SELECT conflict, plan_number, subject, unit, year, value, path, evidence_text FROM conflicts"
                         " ORDER BY value DESC")
    assert [(*c[:6], name(c[6]), c[7]) for c in conflicts] == [
        (1, "31/KH-UBND", "hop_tac_xa", "percent", 2025, 85, SOC_TRANG_PLAN, "85% hợp tác xã hoạt động hiệu quả"),
        (1, "31/KH-UBND", "hop_tac_xa", "percent", 2025, 80, SOC_TRANG_NEWS, "80% hợp tác xã hoạt động hiệu quả"),
    ]
    assert rows(db, "SELECT count(*) FROM figures WHERE plan_figure_id IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM plan_figures WHERE conflict IS NOT NULL AND plan_id != "
                    "(SELECT id FROM plans WHERE number = '31/KH-UBND')") == [(0,)]


def test_plans_command_text_and_json(fixture_db):
    result = runner.invoke(app, ["plans", str(fixture_db["db"]), "--conflicts"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("plan 31/KH-UBND · ke_hoach · UBND tỉnh Sóc Trăng · province Sóc Trăng · 2025–2025 · "
                        "issued 2025-02-10 · 2 notices")
    assert any(line.startswith("  target   hop_tac_xa ≥ 20 · thanh_lap · 2025  [") and line.count("#1") == 2
               for line in lines)
    assert "  target   conflict 1: hop_tac_xa · percent · hoạt động hiệu quả · 2025: = 85% vs = 80%" in lines
    assert any(line.strip().startswith("= 80%") and SOC_TRANG_NEWS in line and "«80% hợp tác xã hoạt động hiệu quả»"
               in line for line in lines)
    assert "1045/KH-UBND" not in result.stdout  # agreeing plans are left out with --conflicts
    as_json = json.loads(runner.invoke(app, ["plans", str(fixture_db["db"]), "-f", "json"]).stdout)
    assert [(p["number"], len(p["notices"]), len(p["figures"])) for p in as_json] == [
        ("1045/KH-UBND", 1, 4), ("27/KH-UBND", 1, 4), ("31/KH-UBND", 2, 6), (None, 1, 4)]


def table(db: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["table", str(db), *args, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_province_table_values_and_the_2025_provinces(fixture_db):
    db = fixture_db["db"]
    found = table(db, "--subject", "hop_tac_xa", "--action", "thanh_lap", "--deadline", "2025")
    assert [(r["province"], r["level"], r["place"], r["plan_number"], r["comparator"], r["value"], r["notices"])
            for r in found] == [
        ("Bến Tre", "province", "Bến Tre", "1045/KH-UBND", "eq", "20", "1"),
        ("Hậu Giang", "province", "Hậu Giang", "27/KH-UBND", "eq", "12", "1"),
        ("Sóc Trăng", "province", "Sóc Trăng", "31/KH-UBND", "gte", "20", "2"),
        ("Sóc Trăng", "district", "Mỹ Tú", "", "eq", "5", "1"),
    ]
    after = table(db, "--subject", "hop_tac_xa", "--action", "thanh_lap", "--deadline", "2025", "--after-2025")
    assert [(r["province"], r["province_before_2025"], r["place"], r["value"]) for r in after] == [
        ("Cần Thơ", "Hậu Giang", "Hậu Giang", "12"),
        ("Cần Thơ", "Sóc Trăng", "Sóc Trăng", "20"),
        ("Cần Thơ", "Sóc Trăng", "Mỹ Tú", "5"),
        ("Vĩnh Long", "Bến Tre", "Bến Tre", "20"),
    ]
    shares = table(db, "--subject", "hop_tac_xa", "--unit", "percent")
    assert [(r["province"], r["value"], r["conflict"]) for r in shares] == [
        ("Hậu Giang", "75", ""), ("Sóc Trăng", "85", "1"), ("Sóc Trăng", "80", "1")]
    stocks = table(db, "--subject", "hop_tac_xa", "--status", "reported", "--action", "none", "--as-of", "2024")
    assert [(r["place"], r["value"]) for r in stocks] == [("Bến Tre", "268"), ("Hậu Giang", "286"), ("Sóc Trăng", "312")]


def test_province_table_on_screen(fixture_db):
    result = runner.invoke(app, ["table", str(fixture_db["db"]), "--subject", "hop_tac_xa", "--action", "thanh_lap",
                                 "--deadline", "2025", "--after-2025"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "Cần Thơ" in line or "Vĩnh Long" in line]
    assert len(lines) == 4 and "≥ 20" in lines[1] and "Mỹ Tú" in lines[2] and "= 5" in lines[2]


def test_every_column_holds_one_type_so_duckdb_and_pandas_read_it(fixture_db):
    declared_as = {"INTEGER": "integer", "REAL": "real", "TEXT": "text"}
    with sqlite3.connect(fixture_db["db"]) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert set(tables) >= {"notices", "plans", "figures", "references", "issuers", "plan_figures", "errors"}
        for table_name in tables:
            for _, column, declared, *_ in connection.execute(f'PRAGMA table_info("{table_name}")'):
                stored = {t for (t,) in connection.execute(f'SELECT DISTINCT typeof("{column}") FROM "{table_name}"')}
                assert stored <= {declared_as[declared], "null"}, (table_name, column, stored)
        indexed = {row[0] for row in connection.execute("SELECT tbl_name || '.' || sql FROM sqlite_master"
                                                        " WHERE type = 'index' AND sql IS NOT NULL")}
        assert any("plans(number)" in s for s in indexed) and any("issuers(province)" in s for s in indexed)
        assert any("figures(subject" in s for s in indexed)


def test_pandas_reads_the_targets_view(fixture_db):
    pandas = pytest.importorskip("pandas")
    with sqlite3.connect(fixture_db["db"]) as connection:
        frame = pandas.read_sql("SELECT * FROM targets", connection)
    assert len(frame) == sum(1 for f in FIGURES if f[2] == "target")
    assert str(frame["value"].dtype) == "float64"
    by_place = frame[frame["action"] == "thanh_lap"].groupby("issuer_place")["value"].max().to_dict()
    assert by_place == {"Bến Tre": 20, "Hậu Giang": 12, "Sóc Trăng": 20, "Mỹ Tú": 5}


def test_consolidation_rules():
    def stated(notice: int, value: float, figure: int) -> Statement:
        return Statement(figure, notice, value, None, "eq", None)

    def outcome(statements):
        return [(c.statements[0].value, sorted({s.notice_id for s in c.statements}), c.disputed)
                for c in consolidate(statements)]

    assert outcome([stated(1, 20, 1), stated(2, 25, 2)]) == [(20, [1], True), (25, [2], True)]
    assert outcome([stated(1, 20, 1), stated(2, 20, 2), stated(3, 25, 3)]) == [(20, [1, 2], True), (25, [3], True)]
    # a value only one notice states, the others stating nothing more, is no conflict
    assert outcome([stated(1, 20, 1), stated(1, 10, 2), stated(2, 20, 3)]) == [(20, [1, 2], False), (10, [1], False)]
    assert outcome([stated(1, 20, 1), stated(1, 10, 2)]) == [(20, [1], False), (10, [1], False)]


def test_plan_keys():
    issuer = {"name": "UBND tỉnh Sóc Trăng", "body": "ubnd", "level": "province", "place": "Sóc Trăng",
              "province": "Sóc Trăng"}
    numbered = {"kind": "ke_hoach", "number": "31/KH-UBND", "issuer": issuer}
    assert plan_key(numbered, "a") == plan_key({**numbered, "number": "31/kh-ubnd ",
                                                "issuer": {**issuer, "name": "UBND tỉnh"}}, "b")
    assert plan_key(numbered, "a") != plan_key({**numbered, "issuer": {**issuer, "place": "Hậu Giang"}}, "b")
    dated = {"kind": "ke_hoach", "number": None, "issuer": issuer, "period": {"start": 2021, "end": 2025}}
    assert plan_key(dated, "a") == plan_key(dict(dated), "b")
    assert plan_key(dated, "a") != plan_key({**dated, "kind": "de_an"}, "b")
    assert plan_key(dated, "a") != plan_key({**dated, "period": {"start": 2026, "end": 2030}}, "b")
    # neither number nor period, or an issuer without a place: nothing to match on
    assert plan_key({**dated, "period": None}, "a") != plan_key({**dated, "period": None}, "b")
    nowhere = {**numbered, "issuer": {**issuer, "place": None, "province": None}}
    assert plan_key(nowhere, "a") != plan_key(nowhere, "b")


def write_batch(directory: Path, records) -> None:
    """A batch output (jsonl) of these records, as kttt batch -f jsonl writes it, without extracting anything."""
    directory.mkdir()
    with open(directory / "records.jsonl", "wb") as out, open(directory / "manifest.jsonl", "w") as manifest:
        for record in records:
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            manifest.write(json.dumps({"path": record["source"]["path"], "sha256": record["source"]["sha256"],
                                       "output": "records.jsonl", "offset": out.tell(), "length": len(line)}) + "\n")
            out.write(line)


def copies(record_lines: list[str], count: int):
    for i in range(count):
        record = json.loads(record_lines[i % len(record_lines)])
        record["source"]["path"] = f"copy{i}/{record['source']['path']}"
        yield record


def test_plans_without_a_number_and_disagreeing_dates(fixture_db, tmp_path):
    my_tu = json.loads((fixture_db["out"] / "records" / f"{Path(MY_TU).stem}.json").read_text(encoding="utf-8"))
    later = json.loads(json.dumps(my_tu))
    later["source"]["path"], later["published_on"] = "bao_soc_trang/my_tu.txt", "2021-05-02"
    my_tu["plan"]["issued_on"], later["plan"]["issued_on"] = "2021-04-01", "2021-03-30"  # the two disagree
    later["figures"] = [f for f in later["figures"] if f["status"] == "target"]
    later["figures"][0]["value"] = 6  # and says 6 new cooperatives, where the district's page says 5
    other_period = json.loads(json.dumps(my_tu))
    other_period["source"]["path"] = "my_tu_2026.txt"
    other_period["plan"]["period"] = {"start": 2026, "end": 2030}
    write_batch(tmp_path / "out", [my_tu, later, other_period])
    assert runner.invoke(app, ["db", "load", str(tmp_path / "out")]).exit_code == 0
    db = tmp_path / "out" / "kttt.sqlite"
    assert rows(db, "SELECT period_start, period_end, issued_on, notices FROM plans ORDER BY id") == [
        (2021, 2025, "2021-04-01", 2), (2026, 2030, "2021-04-01", 1)]  # on a tie, the earlier notice's
    assert rows(db, "SELECT plan_id, value, notices FROM plan_figures WHERE conflict IS NOT NULL ORDER BY value") == [
        (1, 5, 1), (1, 6, 1)]
    assert rows(db, "SELECT value, notices, conflict FROM plan_figures WHERE plan_id = 1 AND status = 'target'"
                    " AND action IS NULL") == [(30, 2, None)]
    text = runner.invoke(app, ["plans", str(db), "--conflicts"]).stdout
    assert f"  conflict in issued_on: 2021-04-01 ({my_tu['source']['path']}); 2021-03-30 (bao_soc_trang/my_tu.txt)\n" \
        in text
    assert "conflict 1: hop_tac_xa · count · thanh_lap · 2025: = 5 vs = 6" in text


def test_a_killed_load_leaves_the_previous_database_intact(fixture_db, tmp_path):
    db = tmp_path / "kttt.sqlite"
    assert runner.invoke(app, ["db", "load", str(fixture_db["out"]), "-o", str(db)]).exit_code == 0
    before = rows(db, "SELECT * FROM figures ORDER BY id")
    lines = [json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)
             for p in sorted((fixture_db["out"] / "records").glob("*.json"))]
    write_batch(tmp_path / "big", copies(lines, 8000))
    process = subprocess.Popen([sys.executable, "-c", "from kttt_extract.cli import main; main()", "db", "load",
                                str(tmp_path / "big"), "-o", str(db)], stderr=subprocess.PIPE)
    building = db.with_name(f".{db.name}.{process.pid}.tmp")
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline and \
                (not building.exists() or building.stat().st_size < 1_000_000):
            time.sleep(0.005)
        assert process.poll() is None, process.stderr.read().decode()  # still loading: the kill is mid-way
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
    assert building.exists()  # the half-built database, never renamed over the old one
    assert rows(db, "SELECT * FROM figures ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM notices") == [(5,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    # the next load removes the dead process's leftover and replaces the database whole
    assert runner.invoke(app, ["db", "load", str(tmp_path / "big"), "-o", str(db)]).exit_code == 0
    assert not building.exists() and not list(tmp_path.glob(".kttt.sqlite.*"))
    assert rows(db, "SELECT count(*), count(DISTINCT path) FROM notices") == [(8000, 8000)]


def test_bad_input_gives_one_line_and_status_2(fixture_db, tmp_path):
    not_db = tmp_path / "ghi_chu.sqlite"
    not_db.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    empty_db = tmp_path / "trong.sqlite"
    sqlite3.connect(empty_db).close()
    cases = {
        ("plans", str(tmp_path / "absent.sqlite")): f"{tmp_path / 'absent.sqlite'}: no such file",
        ("table", str(not_db), "--subject", "hop_tac_xa"): f"{not_db}: not a kttt database (file is not a database)",
        ("report", str(empty_db), "--html", str(tmp_path / "r.html")):
            f"{empty_db}: not a kttt database (no such table: meta)",
        ("db", "load", str(tmp_path)): f"{tmp_path}: no manifest.jsonl here: not an output directory of kttt batch",
        ("plans", str(fixture_db["db"]), "-f", "xml"): "unknown format 'xml'; use text or json",
        ("table", str(fixture_db["db"]), "--subject", "htx"):
            "unknown subject 'htx'; use one of " + ", ".join(s.value for s in Subject),
    }
    for args, message in cases.items():
        result = runner.invoke(app, list(args))
        assert (result.exit_code, result.stderr) == (2, f"kttt: error: {message}\n"), args
    assert not (tmp_path / "r.html").exists()


def test_unreadable_record_is_an_error_row_and_the_rest_loads(fixture_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    manifest = (fixture_db["out"] / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    for line in manifest:
        entry = json.loads(line)
        if entry.get("output"):
            target = out / entry["output"]
            target.parent.mkdir(parents=True, exist_ok=True)
            source = (fixture_db["out"] / entry["output"]).read_text(encoding="utf-8")
            target.write_text(source[:40] if name(entry["path"]) == BEN_TRE else source, encoding="utf-8")
    (out / "manifest.jsonl").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["db", "load", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{BEN_TRE}: its record could not be read" in result.stderr
    db = out / "kttt.sqlite"
    assert rows(db, "SELECT count(*) FROM notices") == [(4,)]
    assert sorted(name(p) for (p,) in rows(db, "SELECT path FROM errors")) == [BEN_TRE, "rong.txt"]
    assert os.path.getsize(db) > 0
