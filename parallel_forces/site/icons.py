"""The theme's icons at a few KiB instead of 680.

pydata-sphinx-theme draws its icons (menu, search, colour mode, download, arrows) with
Font Awesome twice over: ``fontawesome.js`` (530 KiB compressed: every icon as SVG
paths) replaces each ``<i class="fa-solid fa-…">`` with an SVG, and its stylesheet draws
the same ``<i>`` with the webfont ``fa-solid-900.woff2`` (153 KiB, 1,400 glyphs). The
stylesheet alone renders every icon of the theme's markup, including those its CSS puts
in pseudo-elements (admonitions, download links): so the pages do without the script
(``templates/sphinx/layout.html``) and the site serves a copy of the webfont cut down to
the glyphs the theme can show, made here at build time from the installed theme's own
font, templates, scripts and stylesheet (no file of theirs is edited; the copy sits on
``html_static_path``, which Sphinx copies over the theme's files).
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

#: The webfont, relative to the theme's ``static`` folder and to the site's ``_static``.
FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
#: The stylesheet whose rules map icon names to code points.
STYLESHEET = "styles/pydata-sphinx-theme.css"
#: Template, script and module files that may name icons.
SOURCE_SUFFIXES = (".html", ".js", ".py")
_NAME = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)\b")
_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:(?::)?before,?)+)\{content:\"((?:\\[0-9a-fA-F]+|[^\"\\])+)\"")
_VARIABLE = re.compile(r"--pst-icon-[a-z0-9-]+:\"((?:\\[0-9a-fA-F]+|[^\"\\])+)\"")


def _theme_dirs() -> list[Path]:
    import pydata_sphinx_theme
    import sphinx_book_theme

    from .templating import SPHINX_TEMPLATES

    return [Path(pydata_sphinx_theme.__file__).parent, Path(sphinx_book_theme.__file__).parent, SPHINX_TEMPLATES]


def theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _chars(css_value: str) -> list[int]:
    out = []
    for m in re.finditer(r"\\([0-9a-fA-F]+)|(.)", css_value):
        out.append(int(m.group(1), 16) if m.group(1) else ord(m.group(2)))
    return out


def icon_names(dirs: list[Path] | None = None) -> set[str]:
    """Every ``fa-NAME`` the themes' templates, scripts and modules (and ours) mention,
    minified bundles and source maps left out."""
    names: set[str] = set()
    for d in dirs or _theme_dirs():
        for p in d.rglob("*"):
            if p.suffix in SOURCE_SUFFIXES and p.is_file() and "vendor" not in p.parts:
                if p.name in ("fontawesome.js", "bootstrap.js"):
                    continue
                names.update(_NAME.findall(p.read_text(encoding="utf-8", errors="replace")))
    return names


def code_points(css: str, names: set[str]) -> set[int]:
    """The code points of the named icons (from the stylesheet's ``.fa-NAME:before`` rules)
    and of every icon the stylesheet itself uses (its ``--pst-icon-*`` variables)."""
    points: set[int] = set()
    for selectors, value in _RULE.findall(css):
        if names & set(re.findall(r"\.fa-([a-z0-9-]+):", selectors)):
            points.update(_chars(value))
    for value in _VARIABLE.findall(css):
        points.update(_chars(value))
    return {p for p in points if p > 0x7F}


def subset(font: bytes, points: set[int]) -> bytes:
    """The font with only the glyphs of ``points`` (WOFF2, deterministic)."""
    from fontTools import subset as fts
    from fontTools.ttLib import TTFont

    opts = fts.Options()
    opts.flavor = "woff2"
    opts.layout_features = []
    opts.name_IDs = ["*"]  # keep the licence and the font's names
    opts.notdef_outline = True
    ft = TTFont(io.BytesIO(font))
    sub = fts.Subsetter(opts)
    sub.populate(unicodes=sorted(points))
    sub.subset(ft)
    out = io.BytesIO()
    ft.flavor = "woff2"
    ft.save(out, reorderTables=False)
    return out.getvalue()


@cache
def _subset_font() -> tuple[bytes, int]:
    static = theme_static()
    css = (static / STYLESHEET).read_text(encoding="utf-8")
    points = code_points(css, icon_names())
    return subset((static / FONT).read_bytes(), points), len(points)


def write_static(folder: Path) -> Path:
    """Write the cut-down webfont under ``folder`` (as ``FONT``), only if it changed;
    return ``folder`` for ``html_static_path``."""
    data, _ = _subset_font()
    dest = folder / FONT
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or dest.read_bytes() != data:
        dest.write_bytes(data)
    return folder
