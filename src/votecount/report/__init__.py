"""Count sheets a person can read: text, Markdown, HTML and CSV, from any :class:`Result`."""

from votecount.report.html import Figure
from votecount.report.sheet import CountSheet, render

__all__ = ["CountSheet", "Figure", "render"]
