"""Stage 7: write records as JSON, YAML or JSON Lines, atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .errors import OutputError
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


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: str | Path, content: str | bytes, *, sync: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file.

    `sync=False` skips fsync: the rename still protects against a kill, not against power loss."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; a record should be readable as any new file is
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | Path, content: str | bytes) -> None:
    """atomic_write, with a failure (read-only, disk full) as the OutputError that names the file."""
    try:
        atomic_write(path, content)
    except OSError as exc:
        raise OutputError.of(path, exc) from None
