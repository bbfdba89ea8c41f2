"""`kttt eval`, `kttt check`, `kttt explain`, `kttt patterns test` (issue 5)."""


def register(app, error, patterns_from) -> None:
    """Add this module's commands to the `kttt` app."""
