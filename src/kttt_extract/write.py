"""Stage 7: write records as JSON, YAML or JSON Lines, atomically."""
from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

import pydantic_core
import regex

from .errors import OutputError
from .record import Notice

FORMATS = ("json", "yaml", "jsonl")
# Where pydantic's JSON may differ from `json`'s: a float below 1e-4 (`0.00001`, `1e-5` for `1e-05`).
_SMALL_FLOAT = regex.compile(r"0\.0000|\de-\d")


def to_data(notice: Notice) -> dict:
    return notice.model_dump(mode="json")


def render(notice: Notice, fmt: str) -> str:
    """One record in `fmt`; Vietnamese is written as characters, not escapes."""
    return render_data(to_data(notice), fmt)


def render_data(data: dict, fmt: str) -> str:
    """`render` of a record already dumped (`to_data`)."""
    if fmt == "json":
        return indented_json(data) + "\n"
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
        return indented_json([to_data(n) for n in notices]) + "\n"
    return "---\n".join(render(n, "yaml") for n in notices)


def indented_json(data: dict | list) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, written 4× faster by pydantic's serializer,
    which writes the same characters, escapes, floats and `Infinity`, except a float below 1e-4
    and a lone surrogate (which it refuses): a record with either is left to `json`, as is every
    record if the installed pydantic writes the probe differently."""
    text = _pydantic_json(data) if _pydantic_writes_as_json() else None
    if text is None or _may_differ(text):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return text


def _pydantic_json(data: dict | list) -> str | None:
    try:
        return pydantic_core.to_json(data, indent=2, inf_nan_mode="constants").decode("utf-8")
    except pydantic_core.PydanticSerializationError:
        return None


_PROBE = {"số": [0, -1, 10**20, 0.5, 26.7, 1e15, 1e16, 1.5e18, 0.0001, -0.0, float("inf"), float("nan")],
          "chữ": ["Hợp tác xã \"Quyết Thắng\"\\", "\x00\x08\t\n\x0c\r\x1f\x7f\u2028\U0001F600"],
          "trống": [{}, [], None, True, False, ""]}


def _may_differ(text: str) -> bool:
    """A float below 1e-4 in pydantic's text; the regex runs only if a string search finds its marks
    (over a whole record, the regex alone took 0.1 ms)."""
    return ("0.0000" in text or "e-" in text) and bool(_SMALL_FLOAT.search(text))


@functools.cache
def _pydantic_writes_as_json() -> bool:
    try:
        return _pydantic_json(_PROBE) == json.dumps(_PROBE, ensure_ascii=False, indent=2)
    except TypeError:  # a pydantic too old for `inf_nan_mode`
        return False


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
