"""``python -m attribution``: the same command line as ``attribution``."""

from .cli import cli

cli(prog_name="attribution")
