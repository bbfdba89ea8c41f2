"""`kttt batch` (issue 6)."""


def register(app, error, patterns_from) -> None:
    """Add this module's commands to the `kttt` app."""
