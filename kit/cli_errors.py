"""How the `kit` subcommands end on a mistake: one line on stderr, exit status 1.

A subcommand raises SystemExit("file: what is wrong") wherever it finds the
problem; `messages_exit` turns that into the message and the status.
"""

import functools
import sys
from pathlib import Path


def messages_exit(run):
    """Wrap a subcommand's run(args): a SystemExit with a text prints it and returns 1."""

    @functools.wraps(run)
    def wrapper(args) -> int:
        try:
            return run(args)
        except SystemExit as e:
            if isinstance(e.code, str):
                print(e.code, file=sys.stderr)
                return 1
            raise

    return wrapper


def write_output(path: str, text: str) -> None:
    """Write a subcommand's output file (UTF-8); one that cannot be written ends
    the subcommand with `path: cannot write: reason`."""
    try:
        Path(path).write_bytes(text.encode("utf-8"))
    except OSError as e:
        raise SystemExit(f"{path}: cannot write: {e.strerror}") from None
