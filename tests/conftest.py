"""Shared fixtures: the database of tests/db_fixtures (five notices written for these tests, and one empty file)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kttt_extract.cli import app

DB_FIXTURES = Path(__file__).with_name("db_fixtures")


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> dict:
    """`kttt batch IN -o OUT --db OUT/kttt.sqlite` over a copy of tests/db_fixtures plus an empty `rong.txt`."""
    root = tmp_path_factory.mktemp("db")
    inputs = root / "in"
    shutil.copytree(DB_FIXTURES, inputs)
    (inputs / "rong.txt").write_bytes(b"")
    out = root / "out"
    db = out / "kttt.sqlite"
    result = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(out), "--jobs", "1", "--db", str(db)])
    assert result.exit_code == 1, result.output  # the empty file failed; everything else is a record
    return {"inputs": inputs, "out": out, "db": db, "stderr": result.stderr}
