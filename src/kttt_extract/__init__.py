"""kttt: turn Vietnamese collective-economy notices into validated records.

    from kttt_extract import extract
    notice = extract(open("notice.txt", "rb").read(), path="notice.txt")
"""
__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here

__all__ = ["extract", "Notice", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that `kttt --version` and `--help` start fast.
    if name == "extract":
        from .pipeline import extract
        return extract
    if name == "Notice":
        from .record import Notice
        return Notice
    raise AttributeError(name)
