"""Charts: the theme and offline renderer (``theme``), the figure object and its
registry (``figure``), the encodings the figures share (``encodings``), the book's figures
(``figures``, the time-based ones in ``durations``, ``map``; importing ``figures`` registers
them all)."""

from .figure import FIGURES, Figure, register
from .theme import ACTOR_COLOURS, COUNCIL_COLOURS, NEUTRAL, PALETTE, WIDTH, chart_html, enable, table_html

__all__ = [
    "ACTOR_COLOURS",
    "COUNCIL_COLOURS",
    "NEUTRAL",
    "PALETTE",
    "WIDTH",
    "chart_html",
    "enable",
    "table_html",
    "FIGURES",
    "Figure",
    "register",
]
