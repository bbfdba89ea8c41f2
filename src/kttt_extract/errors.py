"""Errors that name the input and what is wrong with it."""


class InputError(Exception):
    """Bad input: the CLI prints `kttt: error: PATH: REASON` and exits with status 2."""

    def __init__(self, path: str | None, reason: str):
        super().__init__(f"{path or '-'}: {reason}")
        self.path = path or "-"
        self.reason = reason


class OutputError(Exception):
    """The output cannot be written (a read-only directory, a full disk): `kttt: error: PATH: REASON`, exit 2."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)  # both in args, so that the error crosses from a worker process
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot write: {self.reason}"

    @classmethod
    def of(cls, path: str | object, exc: OSError) -> "OutputError":
        return cls(str(path), exc.strerror or str(exc))


class PatternError(Exception):
    """A malformed pattern file: names the file, the line and what is wrong."""

    def __init__(self, file: str, line: int | None, reason: str):
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason
