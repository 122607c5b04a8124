"""Workforce Q&A bot core: knowledge, matching, answers, question log. Knows no chat platform."""

SERVICES = ("chat", "serve", "telegram", "zalo")  # commands that run until stopped


def interrupted(argv: list[str]) -> int:
    """The exit status of `python -m bot ARGV` stopped by Ctrl-C, at whatever moment it comes: 0 for the commands
    that run until stopped (Ctrl-C is how they stop), 130 for the others (they were cut short)."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    return 0 if command in SERVICES else 130


def stop_at_once_on_ctrl_c(argv: list[str]) -> None:
    """Until a command takes Ctrl-C itself, it ends the process at once with interrupted()'s status. Loading
    takes a moment, and a KeyboardInterrupt raised then can be swallowed where Python ignores exceptions (a
    finalizer): the program would go on as if nothing was pressed. Nothing is open yet that needs closing."""
    import os
    import signal
    signal.signal(signal.SIGINT, lambda signum, frame: os._exit(interrupted(argv)))


def ctrl_c_raises() -> None:
    """Ctrl-C raises KeyboardInterrupt again (one-shot commands stop with their own clean-up)."""
    import signal
    signal.signal(signal.SIGINT, signal.default_int_handler)
