"""The one Jinja2 environment that renders the site's templates (``templates/``: HTML
fragments and MyST pages).

Autoescape is on for every template, Markdown ones included (their data sits in raw HTML
blocks or is escaped for MyST with the ``md`` filter): a value from the data is escaped
wherever it is printed, and no template marks a data value ``|safe``. A cell or link
is passed as a :class:`Link` or :class:`Code` object, never as pre-built HTML.

``templates/sphinx/`` holds overrides of the theme's own templates; :mod:`.sphinx_ext` adds
it to Sphinx's ``templates_path``. They are not rendered here.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Theme template overrides, for Sphinx (see :mod:`.sphinx_ext`).
SPHINX_TEMPLATES = TEMPLATES / "sphinx"

#: Characters MyST reads as markup in a heading or a paragraph (``<`` and ``&`` would
#: start raw HTML or an entity): each is backslash-escaped, which CommonMark reads as the
#: literal character.
_MYST_CHARS = "\\`*_[]{}<>|#$&"


@dataclasses.dataclass(frozen=True)
class Link:
    """A cell or item shown as a link: ``href`` is made by :mod:`.urls`."""

    href: str
    text: str


@dataclasses.dataclass(frozen=True)
class Links:
    """A cell of several links (a row's sources), shown separated by commas."""

    items: tuple[Link, ...]


@dataclasses.dataclass(frozen=True)
class Code:
    """A cell shown as code (a column name in the data dictionary)."""

    text: str


def md_escape(value) -> Markup:
    """Text from the data in MyST Markdown (a heading): every character MyST reads as
    markup backslash-escaped, so the text shows as written and no HTML, role or math
    gets through. Returns markup, so autoescape does not HTML-escape it on top (MyST
    would then show the entities' text)."""
    out = str(value)
    for ch in _MYST_CHARS:
        out = out.replace(ch, "\\" + ch)
    return Markup(out)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.tests["link"] = lambda v: isinstance(v, Link)
    env.tests["code"] = lambda v: isinstance(v, Code)
    env.tests["links"] = lambda v: isinstance(v, Links)
    return env


def render(name: str, **context) -> str:
    """Render the template ``name`` (a file in ``templates/``) with ``context``."""
    return environment().get_template(name).render(**context)
