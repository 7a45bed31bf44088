"""Use cases: the one door through which the CLI and the UI read and change data."""
