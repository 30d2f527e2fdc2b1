"""Count sheets a person can read: text, Markdown, HTML and CSV, from any :class:`Result`."""

from votecount.report.sheet import CountSheet, format_number

__all__ = ["CountSheet", "format_number"]
