"""Safe HTML: the Jinja2 environment, JSON in pages, the bundled vis-network, CSP.

Every page of the library is rendered here, with autoescaping on. Data goes
into a page only in two ways: as escaped text through the templates, or as
JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
written as ``\\u003c`` ... so that nothing in the data can close the script
element. The only executable scripts are static (vis-network and our own
``sk-map.js``), so the Content-Security-Policy lists them by their SHA-256
hash and no other script can run, even if markup slipped through.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "assets",
    "content_security_policy",
    "environment",
    "iframe_srcdoc",
    "json_for_html",
]

_VIS_VERSION = "vis-9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*")


def _require_jinja() -> Any:
    try:
        import jinja2
    except ImportError as err:  # pragma: no cover - jinja2 ships with the extra
        raise ImportError(
            "pages need jinja2: pip install 'sociale_kaart[interactive]' (or pip install jinja2)"
        ) from err
    return jinja2


@functools.lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment of the package's templates, with autoescaping on."""
    jinja2 = _require_jinja()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sociale_kaart.pictures", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _vis_folder() -> Path:
    try:
        import pyvis
    except ImportError as err:
        raise ImportError(
            "the interactive map needs pyvis 0.3.2 (which ships vis-network): "
            "pip install 'sociale_kaart[interactive]' (or pip install pyvis==0.3.2)"
        ) from err
    folder = Path(pyvis.__file__).parent / "lib" / _VIS_VERSION
    if not (folder / "vis-network.min.js").exists():  # pragma: no cover - broken install
        raise ImportError(
            f"pyvis is installed but its bundled {_VIS_VERSION} is missing: reinstall pyvis==0.3.2"
        )
    return folder


@functools.lru_cache(maxsize=1)
def assets() -> dict[str, str]:
    """The inlined scripts and styles: ``vis_js``, ``vis_css``, ``map_js``, ``map_css``.

    The source-map comment is removed from vis-network so that no browser
    tries to fetch anything.
    """
    folder = _vis_folder()
    vis_js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    vis_js = _SOURCE_MAP.sub("", vis_js)
    vis_css = (folder / "vis-network.css").read_text(encoding="utf-8")
    vis_css = _SOURCE_MAP.sub("", vis_css.replace("/*# sourceMappingURL", "/* sourceMappingURL"))
    templates = resources.files("sociale_kaart.pictures") / "templates"
    map_js = (templates / "sk-map.js").read_text(encoding="utf-8")
    map_css = (templates / "sk-map.css").read_text(encoding="utf-8")
    for name, code in (("vis-network.min.js", vis_js), ("sk-map.js", map_js)):
        if "</script" in code.lower():  # pragma: no cover - guards a future update
            raise RuntimeError(f"{name} contains '</script' and cannot be inlined")
    return {"vis_js": vis_js, "vis_css": vis_css, "map_js": map_js, "map_css": map_css}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def content_security_policy() -> str:
    """The page's policy: nothing from outside; only our two scripts may run."""
    parts = assets()
    scripts = " ".join(_sha256(parts[key]) for key in ("vis_js", "map_js"))
    return (
        "default-src 'none'; "
        f"script-src {scripts}; "
        "style-src 'unsafe-inline'; "
        "img-src data: blob:; "
        "font-src data:; "
        "connect-src 'none'; "
        "base-uri 'none'; "
        "form-action 'none'; "
        "frame-src 'none'"
    )


_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def json_for_html(value: Any) -> Any:
    """JSON that is safe inside ``<script type="application/json">``, as Markup.

    Examples
    --------
    >>> from sociale_kaart.pictures.html import json_for_html
    >>> str(json_for_html({"name": "</script><b>"}))
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    jinja2 = _require_jinja()
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    for raw, escaped in _JSON_ESCAPES:  # str.replace is much faster than str.translate
        text = text.replace(raw, escaped)
    return jinja2.utils.markupsafe.Markup(text)


def iframe_srcdoc(document: str, *, height: str = "640px", title: str = "sociale_kaart") -> str:
    """The whole document escaped into a sandboxed ``<iframe srcdoc>``.

    The iframe may run scripts but gets an opaque origin (no
    ``allow-same-origin``), so the map cannot reach the notebook's page,
    cookies or kernel.

    Examples
    --------
    >>> from sociale_kaart.pictures.html import iframe_srcdoc
    >>> iframe_srcdoc('<p class="x">&</p>', height="10px")[-63:]
    'srcdoc="&lt;p class=&quot;x&quot;&gt;&amp;&lt;/p&gt;"></iframe>'
    """
    return (
        f'<iframe sandbox="allow-scripts" title="{html.escape(title, quote=True)}" '
        f'style="width:100%;height:{html.escape(height, quote=True)};border:0" '
        f'srcdoc="{html.escape(document, quote=True)}"></iframe>'
    )
