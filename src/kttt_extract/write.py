"""Stage 7: write records as JSON, YAML or JSON Lines, atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .record import Notice

FORMATS = ("json", "yaml", "jsonl")


def to_data(notice: Notice) -> dict:
    return notice.model_dump(mode="json")


def render(notice: Notice, fmt: str) -> str:
    """One record in `fmt`; Vietnamese is written as characters, not escapes."""
    data = to_data(notice)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render_many(notices: list[Notice], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(render(n, "jsonl") for n in notices)
    if fmt == "json":
        return json.dumps([to_data(n) for n in notices], ensure_ascii=False, indent=2) + "\n"
    return "---\n".join(render(n, "yaml") for n in notices)


def atomic_write(path: str | Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
