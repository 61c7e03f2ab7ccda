"""What the commands tell a person while they work: progress on stderr, only on a terminal.

A log, a pipe or a test (CliRunner) gets none of it, so output there stays what the command
writes and its one-line errors.
"""

from __future__ import annotations

import sys
import time
from typing import IO

import click

# How long the parsing models take to load, said while they do (measured 15-20 s on 2 cores).
LOAD_MESSAGE = "loading the parsing models (takes 10-20 s, once per run) ..."


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ArticleProgress:
    """Says which article is being read or analysed, and when the models load (for
    :func:`attribution.api.analyze_files`'s ``progress``)."""

    def __init__(self, enabled: bool | None = None, verb: str = "analysing") -> None:
        self.enabled = is_terminal() if enabled is None else enabled
        self.verb = verb
        self.loaded_at: float | None = None

    def __call__(self, number: int, total: int, given: str) -> None:
        if not self.enabled:
            return
        if number == 0:
            click.echo(LOAD_MESSAGE, err=True)
            self.loaded_at = time.monotonic()
            return
        click.echo(f"[{number}/{total}] {self.verb} {given}", err=True)

    def note(self, message: str) -> None:
        if self.enabled:
            click.echo(message, err=True)
