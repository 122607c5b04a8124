"""Workforce Q&A bot core: knowledge, matching, answers, question log. Knows no chat platform."""

SERVICES = ("chat", "serve", "telegram", "zalo")  # commands that run until stopped


def interrupted(argv: list[str]) -> int:
    """The exit status of `python -m bot ARGV` stopped by Ctrl-C, at whatever moment it comes: 0 for the commands
    that run until stopped (Ctrl-C is how they stop), 130 for the others (they were cut short)."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    return 0 if command in SERVICES else 130
