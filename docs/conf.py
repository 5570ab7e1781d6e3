"""Sphinx configuration for the sociale_kaart documentation.

Build with::

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date

# The lead installs the package editable; the repo root on sys.path is a fallback.
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# -- Project -----------------------------------------------------------------

project = "sociale_kaart"
author = "The sociale_kaart developers"
copyright = f"{date.today().year}, {author}"

try:  # pragma: no cover - depends on the package being importable
    from importlib.metadata import version as _version

    release = _version("sociale_kaart")
except Exception:  # not installed yet
    release = "dev"
version = release

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_nb",
]

# myst_nb registers .md (MyST) and .ipynb; notebooks kept as jupytext
# percent-format .py files are read through jupytext.
nb_custom_formats = {".py": ["jupytext.reads", {"fmt": "py:percent"}]}
# The notebooks are stored without outputs; the build runs them, so a broken
# notebook fails the docs build (the test suite runs them too).
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True

# conf.py is a .py file too: keep it from being read as a notebook.
exclude_patterns = [
    "_build",
    "conf.py",
    "benchmarks-table.md",
    "**/.ipynb_checkpoints",
    ".DS_Store",
    "Thumbs.db",
]

root_doc = "index"
language = "en"
today_fmt = "%Y-%m-%d"

myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "fieldlist",
    "substitution",
]
myst_heading_anchors = 3

# -- Autodoc / napoleon --------------------------------------------------------

autosummary_generate = False  # plain autodoc directives: no generated stubs
autodoc_default_options = {
    "member-order": "bysource",
}
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"
autodoc_class_signature = "mixed"
autodoc_member_order = "bysource"

napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = True
napoleon_preprocess_types = True
napoleon_use_param = True

# No network: no intersphinx inventories.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# -- Nitpicky ------------------------------------------------------------------
# Without intersphinx, references to the standard library and to third-party
# types cannot resolve. Numpydoc type strings such as "str or None" are turned
# into py:class references by napoleon, so ignore those names.

_EXTERNAL = [
    r"pyspark(\..*)?",
    r"networkx(\..*)?",
    r"nx\..*",
    r"pandas(\..*)?",
    r"pd\..*",
    r"pydantic(_core)?(\..*)?",
    r"numpy(\..*)?",
    r"np\..*",
    r"hypothesis(\..*)?",
    r"openpyxl(\..*)?",
    r"typing(_extensions)?\..*",
    r"collections\.abc\..*",
    r"datetime\..*",
    r"pathlib\..*",
    r"os\.PathLike",
    r"annotated_types\..*",
    r"_io\..*",
    r"io\..*",
    r"matplotlib(\..*)?",
    r"pyvis(\..*)?",
]
_BUILTIN = [
    r"str",
    r"int",
    r"float",
    r"bool",
    r"bytes",
    r"dict",
    r"list",
    r"tuple",
    r"set",
    r"frozenset",
    r"object",
    r"type",
    r"None",
    r"NoneType",
    r"Any",
    r"ClassVar",
    r"Annotated",
    r"Literal",
    r"Mapping",
    r"Sequence",
    r"Iterable",
    r"Iterator",
    r"Callable",
    r"Path",
    r"PathLike",
    r"TypedDict",
    r"ValueError",
    r"Exception",
    r"optional",
    r"callable",
    r"mapping",
    r"sequence",
    r"iterable",
    r"iterator",
    r"path-like",
    r"path",
    r"file-like",
    r"array-like",
    r"list-like",
    r"dict-like",
    r"scalar",
    r"default.*",
    r"keyword-only",
    r"positional-only",
    r"of",
    r"or",
    r"DataFrame",
    r"Series",
    r"MultiDiGraph",
    r"Graph",
    r"BaseModel",
    r"ValidationInfo",
    r"FieldInfo",
    r"ConfigDict",
    r"date",
    r"datetime",
    r"Field",
    r"BeforeValidator",
    r"Pattern",
    r"re\.Pattern",
    r"True",
    r"False",
    r"strategy",
]
# Private helpers (``sociale_kaart.core.records._Record`` ...) show up in annotations
# but are deliberately not documented.
_PRIVATE = [r"sociale_kaart(\.\w+)*\._\w+.*", r"_\w+"]
nitpick_ignore_regex = [
    (r"py:(class|obj|data|exc|func|meth|attr|mod)", pattern)
    for pattern in _EXTERNAL + _BUILTIN + _PRIVATE
]

# -- HTML ----------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = "sociale_kaart"
html_theme_options = {
    "navigation_with_keys": False,
    "icon_links": [],
    "use_edit_page_button": False,
    "show_toc_level": 2,
    "navbar_end": ["theme-switcher", "navbar-icon-links"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "search_bar_text": "Search the docs",
    "show_version_warning_banner": False,
}
html_show_sourcelink = False
html_context = {"default_mode": "light"}


# -- Hooks ---------------------------------------------------------------------

_PROSE_COLON = re.compile(r"^([A-Z][^:`]*\s[^:`]*):\s+(\S.*)$")


def _keep_prose_colon(app, what, name, obj, options, lines):
    """Stop napoleon reading "Some sentence: more" in a ``#:`` comment as a type.

    Napoleon treats the first line of an attribute's docstring as
    ``type: description``. Comments such as ``#: Which node kinds each relation
    may join: relation -> (...)`` are prose, so split the line after the colon;
    the text renders the same.
    """
    if what in ("data", "attribute") and lines:
        match = _PROSE_COLON.match(lines[0])
        if match:
            lines[0:1] = [match.group(1) + ":", match.group(2)]


def _type_text(annotation, bounds: list) -> str:
    """A short, readable type: ``float | None`` rather than pydantic's nested repr."""
    import types
    import typing

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        for meta in args[1:]:
            bounds.extend(getattr(meta, "metadata", [meta]))
        return _type_text(args[0], bounds)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_text(arg, bounds) for arg in args)
    if origin is typing.Literal:
        return " | ".join(repr(arg) for arg in args)
    if origin is not None:
        inner = ", ".join("..." if arg is Ellipsis else _type_text(arg, bounds) for arg in args)
        return f"{getattr(origin, '__name__', str(origin))}[{inner}]"
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _bounds_text(bounds: list) -> str:
    low = high = None
    for item in bounds:
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    if low is not None and high is not None:
        return f"{low} to {high}."
    if low is not None:
        return f"At least {low}."
    if high is not None:
        return f"At most {high}."
    return ""


def _pydantic_fields(app, what, name, obj, options, lines):
    """List the fields of a pydantic record model (autodoc does not see them)."""
    if what != "class":
        return
    try:
        from pydantic import BaseModel
    except ImportError:  # pragma: no cover
        return
    if not (isinstance(obj, type) and issubclass(obj, BaseModel)) or not obj.model_fields:
        return
    rows = []
    for field_name, field in obj.model_fields.items():
        if field.is_required():
            default = "required"
        elif field.default_factory is not None:
            default = f"``{field.default_factory()!r}``"
        else:
            default = f"``{field.default!r}``"
        notes = []
        bounds = list(field.metadata)
        type_text = _type_text(field.annotation, bounds)
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("sensitive"):
            notes.append("**Sensitive.**")
        if field.description:
            notes.append(re.sub(r"([*`|_\\])", r"\\\1", field.description))
        if _bounds_text(bounds):
            notes.append(_bounds_text(bounds))
        rows.append((f"``{field_name}``", f"``{type_text}``", default, " ".join(notes) or " "))
    lines.extend(
        [
            "",
            ".. rubric:: Fields",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 20 30 15 35",
            "",
            "   * - Field",
            "     - Type",
            "     - Default",
            "     - Notes",
        ]
    )
    for row in rows:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    lines.extend(["", "See :doc:`/data-format` for what each field accepts.", ""])


def setup(app):
    app.connect("autodoc-process-docstring", _pydantic_fields)
    # Run before napoleon, which listens at the default priority (500).
    app.connect("autodoc-process-docstring", _keep_prose_colon, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
