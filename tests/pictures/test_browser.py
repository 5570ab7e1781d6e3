"""A real browser opens the map and the report: it renders, stays offline, and runs no payload.

Needs Debian's ``chromium`` and ``chromium-driver``. The session fixture
installs them with apt-get when they are missing and the tests run as root;
otherwise the tests are skipped, with the reason.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from tests.pictures._page import decoded

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
)

# --------------------------------------------------------------------------- payloads

_BASE = [
    "<script>alert(1)</script>",
    "<script id=xss>alert(1)</script>",
    "<img id=xss src=x onerror=alert(1)>",
    "<img src=x onerror=confirm(1)>",
    "<svg id=xss onload=alert(1)>",
    "<svg><script>prompt(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe id=xss srcdoc='<script>parent.alert(1)</script>'></iframe>",
    "<iframe id=xss src=javascript:alert(1)></iframe>",
    "<a id=xss href=javascript:alert(1)>click</a>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "<details id=xss open ontoggle=alert(1)>",
    "<input id=xss autofocus onfocus=alert(1)>",
    "<video id=xss><source onerror=alert(1)></video>",
    "<marquee id=xss onstart=alert(1)>",
    "<object id=xss data=javascript:alert(1)>",
    "<embed id=xss src=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img id=xss src=x onerror=alert(1)>",
    "<style>@import 'data:,*{}'</style><b id=xss>",
    "<link id=xss rel=stylesheet href=data:,*{}>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<form id=xss action=javascript:alert(1)><button>go</button></form>",
    "<textarea></textarea><img id=xss src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</script><img id=xss src=x onerror=alert(1)>",
    "</style><img id=xss src=x onerror=alert(1)>",
    "<!--<img id=xss src=x onerror=alert(1)>-->",
    "--><img id=xss src=x onerror=alert(1)>",
    "]]><img id=xss src=x onerror=alert(1)>",
    '"><img id=xss src=x onerror=alert(1)>',
    "'><img id=xss src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    "`><img id=xss src=x onerror=alert(1)>",
    "href",
    "<a href=x>href</a>",
    "see href=javascript:alert(1)",
    "{{7*7}}",
    "{{ constructor.constructor('alert(1)')() }}",
    "${alert(1)}",
    "{% raw %}<img id=xss src=x onerror=alert(1)>{% endraw %}",
    "<%= 7*7 %>",
    "\u2028\u2029<img id=xss src=x onerror=alert(1)>",
    "&lt;img id=xss src=x onerror=alert(1)&gt;",
    "&#60;img id=xss src=x onerror=alert(1)&#62;",
    "\\u003cimg id=xss src=x onerror=alert(1)\\u003e",
    '<noscript><p title="</noscript><img id=xss src=x onerror=alert(1)>">',
    "<select><option></option></select><img id=xss src=x onerror=alert(1)>",
    '<div id=xss style="background:url(javascript:alert(1))">',
    "data:text/html,<script>alert(1)</script>",
    'x" id="xss',
    "<xss id=xss>",
]
#: At least 50 payloads; those without ';' or '|' can also be ids.
PAYLOADS = _BASE
ID_PAYLOADS = list(
    {
        p.strip().lower(): p.strip()
        for p in PAYLOADS
        if ";" not in p and "|" not in p and "," not in p
    }.values()
)


def xss_map() -> nx.MultiDiGraph:
    """A map whose every text field holds payloads: names, ids, themes, places, descriptions."""
    n = len(PAYLOADS)
    residents = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "name": PAYLOADS,
            "neighbourhood": [PAYLOADS[i % 5] for i in range(n)],
            "needs": ["xss_theme:2"] * n,
        }
    )
    initiatives = pd.DataFrame(
        {
            "id": ID_PAYLOADS,
            "name": [PAYLOADS[(i + 1) % n] for i in range(len(ID_PAYLOADS))],
            "themes": ["xss_theme"] * len(ID_PAYLOADS),
            "description": [PAYLOADS[(i + 2) % n] for i in range(len(ID_PAYLOADS))],
            "schedule": [PAYLOADS[(i + 3) % n] for i in range(len(ID_PAYLOADS))],
            "contact": [PAYLOADS[(i + 4) % n] for i in range(len(ID_PAYLOADS))],
            "neighbourhood": [PAYLOADS[i % 5] for i in range(len(ID_PAYLOADS))],
            "place": [f"pl{i % 10}" for i in range(len(ID_PAYLOADS))],
        }
    )
    places = pd.DataFrame(
        {
            "id": [f"pl{i}" for i in range(10)],
            "name": PAYLOADS[10:20],
            "type": PAYLOADS[20:30],
            "description": PAYLOADS[30:40],
            "neighbourhood": PAYLOADS[:10],
        }
    )
    professionals = pd.DataFrame(
        {"id": ["p1"], "name": [PAYLOADS[0]], "role": [PAYLOADS[3]], "team": [PAYLOADS[4]]}
    )
    relations = pd.DataFrame(
        {
            "source": ["p1"] * n + [f"r{i}" for i in range(n)],
            "target": [f"r{i}" for i in range(n)]
            + [ID_PAYLOADS[i % len(ID_PAYLOADS)] for i in range(n)],
            "relation": ["supports"] * n + ["participates"] * n,
        }
    )
    themes = pd.DataFrame(
        {
            "code": ["xss_theme"],
            "label_nl": ["<img id=xss src=x onerror=alert(1)> thema"],
            "label_en": ["</script><script>alert(1)</script> theme"],
            "domain": ["social_network"],
        }
    )
    return sk.from_frames(
        residents=residents,
        professionals=professionals,
        initiatives=initiatives,
        places=places,
        relations=relations,
        themes=themes,
        name="xss",
    )


def xss_pair() -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """Two hostile maps for "Since last time": in the second, p1 has left and p2 has come.

    Both professionals, their disciplines and the residents they support carry
    payloads, so the section's gaps, new ties and departures are all hostile text.
    """
    before = xss_map()
    after = before.copy()
    attrs = dict(before.nodes["p1"], name=PAYLOADS[7], role=PAYLOADS[8])
    after.add_node("p2", **attrs)
    tie = dict(before.edges["p1", "r0", "supports"])
    for i in range(3):
        after.add_edge("p2", f"r{i}", key="supports", **tie)
    after.remove_node("p1")
    return before, after


def test_the_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) >= 50 and len(ID_PAYLOADS) >= 30
    G = xss_map()
    assert set(ID_PAYLOADS) <= set(G.nodes)


# --------------------------------------------------------------------------- browser


def _install() -> str | None:
    """Install chromium and its driver; return why not, or None when done."""
    if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "chromium is missing and the tests do not run as root to install it"
    if shutil.which("apt-get") is None:
        return "chromium is missing and there is no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=120", "chromium",
         "chromium-driver"],
    ):  # fmt: skip
        try:
            subprocess.run(command, env=env, check=True, capture_output=True, timeout=900)
        except (subprocess.SubprocessError, OSError) as err:
            return f"could not install chromium with apt-get: {err}"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    why = _install()
    if why:
        pytest.skip(why)
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as err:  # pragma: no cover - depends on the machine
        pytest.skip(f"headless chromium does not start here: {err}")
    driver.set_page_load_timeout(60)
    # Record dialogs instead of showing them, before any page script runs.
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "window.__dialogs = [];"
            "['alert','confirm','prompt','print'].forEach(function (f) {"
            "  window[f] = function () { window.__dialogs.push(f); return null; }; });"
        },
    )
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(driver: Any, path: Path) -> dict[str, Any]:
    """Open a page; return its dialogs, injected elements, errors, requests, canvas pixels."""
    driver.get_log("browser")
    driver.get_log("performance")
    url = path.resolve().as_uri()
    driver.get(url)
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var t0 = Date.now();"
        "(function wait() {"
        "  var maps = window.skMaps ? Object.keys(window.skMaps).length : 0;"
        "  if (maps > 0 || Date.now() - t0 > 15000) { setTimeout(done, 1500); }"
        "  else { setTimeout(wait, 100); } })();"
    )
    state = driver.execute_script(
        "var c = document.querySelector('.sk-canvas canvas');"
        "var painted = 0;"
        "if (c) { var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        "  for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { painted++; } } }"
        "return {dialogs: window.__dialogs || ['no-hook'],"
        " injected: document.querySelectorAll('#xss, xss, iframe, object, embed, base,"
        "   form, input:not([data-sk-search]), video, marquee, details, math, body [onerror],"
        "   body [onload]').length,"
        " maps: window.skMaps ? Object.keys(window.skMaps).length : 0,"
        " width: c ? c.width : 0, height: c ? c.height : 0, painted: painted};"
    )
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.requestWillBeSent":
            continue
        params = message["params"]
        if str(params.get("documentURL", "")).startswith("file://"):
            requests.append(params["request"]["url"])
    state.update(errors=errors, requests=requests, url=url)
    return state


def _offline(state: dict[str, Any]) -> None:
    outside = [
        u for u in state["requests"] if not u.startswith(("file://", "data:", "about:", "blob:"))
    ]
    assert outside == []


def test_sample_map_renders_offline_without_errors(
    browser: Any, sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    page = sk.write_html(sample, tmp_path / "map.html", language="en")
    state = _open(browser, page)
    assert state["maps"] == 1
    assert state["width"] > 300 and state["height"] > 300
    assert state["painted"] > 1000  # the canvas is not blank
    assert state["errors"] == []
    _offline(state)
    assert state["dialogs"] == []
    # the kind filter works in the page
    shown = browser.execute_script(
        "var box = document.querySelector('.sk-map');"
        "var select = box.querySelector('select[data-sk-filter=kind]');"
        "select.value = 'initiative'; select.dispatchEvent(new Event('change'));"
        "return window.skMaps[box.id].body.data.nodes.length;"
    )
    assert shown == 26


def test_xss_payloads_do_not_run_in_the_map(browser: Any, tmp_path: Path) -> None:
    G = xss_map()
    show = ["name", "needs", "statuses"]
    page = sk.write_html(G, tmp_path / "xss-map.html", show=show, language="en")
    state = _open(browser, page)
    assert state["dialogs"] == []
    assert state["injected"] == 0
    assert state["errors"] == []
    _offline(state)
    assert state["maps"] == 1 and state["painted"] > 100
    # the payloads are shown as text: the tooltip of an initiative holds its description
    texts = browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('option'),"
        " function (o) { return o.textContent; });"
    )
    assert any("</script><script>alert(1)</script> theme" in t for t in texts)


def test_xss_payloads_do_not_run_in_the_report(browser: Any, tmp_path: Path) -> None:
    G = xss_map()
    page = sk.report(G, tmp_path / "xss-report.html", language="nl")
    state = _open(browser, page)
    assert state["dialogs"] == []
    assert state["injected"] == 0
    assert state["errors"] == []
    _offline(state)
    assert state["maps"] == 1


@pytest.mark.parametrize("audience", ["team", "public"])
def test_xss_payloads_do_not_run_in_the_since_section(
    browser: Any, tmp_path: Path, audience: str
) -> None:
    """Issue 12: the section "Since last time" shows hostile names, ties and gaps as text."""
    before, after = xss_pair()
    out = tmp_path / f"xss-since-{audience}.html"
    page = sk.report(after, out, language="en", audience=audience, previous=before)
    assert 'id="since"' in page.read_text(encoding="utf-8")
    state = _open(browser, page)
    assert state["dialogs"] == []
    assert state["injected"] == 0
    assert state["errors"] == []
    _offline(state)


def test_the_detectors_catch_a_bad_page(browser: Any, tmp_path: Path) -> None:
    """A canary: a page that does run a payload and load from outside is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><body><script>window.skMaps = {a: 1};</script>"
        "<img id=xss src=x onerror=alert(1)><script>prompt(2)</script>"
        "<img src='http://example.invalid/x.png'></body></html>",
        encoding="utf-8",
    )
    state = _open(browser, page)
    assert sorted(state["dialogs"]) == ["alert", "prompt"]
    assert state["injected"] == 1
    assert any(u.startswith("http:") for u in state["requests"])
    assert state["errors"] != []


# --------------------------------------------------------------------------- labels by zoom

_ZOOM = (
    "var done = arguments[arguments.length - 1];"
    "var id = Object.keys(window.skMaps)[0]; var net = window.skMaps[id];"
    "window.__base = window.__base || net.getScale();"
    "net.moveTo({scale: window.__base * arguments[0]});"
    "setTimeout(function () { done(window.skLabels[id]()); }, 400);"
)


_BOXES = (
    "var id = Object.keys(window.skMaps)[0]; var net = window.skMaps[id]; var body = net.body;"
    "var c = net.body.container.getBoundingClientRect();"
    "var lo = net.DOMtoCanvas({x: 0, y: 0}); var hi = net.DOMtoCanvas({x: c.width, y: c.height});"
    "var out = [];"
    "body.nodeIndices.forEach(function (k) { var n = body.nodes[k];"
    "  var seen = n.x > lo.x && n.x < hi.x && n.y > lo.y && n.y < hi.y;"
    "  if (n.options.label) { var s = n.labelModule.size;"
    "    out.push([s.left, s.top, s.left + s.width, s.top + s.height, k, seen]); } });"
    "return out;"
)


def _labelled_at(data: dict[str, Any], zoom: float) -> int:
    """How many labels the rule of the embedded data gives at ``zoom`` (as the script should)."""
    k = data["labelSteps"][0][1]
    for step, count in data["labelSteps"]:
        if zoom >= step:
            k = count
    return sum(1 for n in data["nodes"] if n["rank"] is not None and n["rank"] < k)


def test_labels_follow_the_zoom_and_the_path_stays(
    browser: Any, sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = ["p_maatschappelijk1", "o_bibliotheek", "i_taalschool"]
    page = sk.write_html(sample, tmp_path / "zoom.html", language="nl", highlight=path)
    html_text = page.read_text(encoding="utf-8")
    block = html_text.split('<script type="application/json" id="', 1)[1]
    data = decoded(block.split(">", 1)[1].split("</script>", 1)[0])
    state = _open(browser, page)
    assert state["errors"] == [] and state["dialogs"] == []
    counts = {}
    checked = 0
    for z in (1.0, 0.1, 0.5, 2.0, 8.0):
        counts[z] = browser.execute_async_script(_ZOOM, z)
        # vis-network's own measure of the drawn labels: no two overlap (but for the
        # path's own, which are always shown)
        boxes = browser.execute_script(_BOXES)
        assert len(boxes) == counts[z]
        drawn = [b for b in boxes if b[5]]  # vis measures a label when it draws it
        checked += len(drawn)
        for a, b in itertools.combinations(drawn, 2):
            if a[4] in path and b[4] in path:
                continue
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (z, a, b)
    assert checked >= 20
    # at most what the rule of the embedded data gives; more labels as one zooms in
    assert all(counts[z] <= _labelled_at(data, z) for z in counts)
    assert counts[0.1] <= counts[0.5] <= counts[1.0] < counts[2.0] <= counts[8.0]
    assert counts[1.0] >= 3 + 1, counts  # the path, and the largest others that fit
    browser.execute_async_script(_ZOOM, 0.1)
    shown = browser.execute_script(
        "var id = Object.keys(window.skMaps)[0];"
        "return window.skMaps[id].body.data.nodes.get({filter: function (n) { return n.label; }})"
        ".map(function (n) { return n.id; });"
    )
    assert set(path) <= set(shown)


def test_zooming_the_hostile_map_runs_nothing(browser: Any, tmp_path: Path) -> None:
    page = sk.write_html(xss_map(), tmp_path / "xss-zoom.html", show=["name"], language="en")
    state = _open(browser, page)
    for z in (0.1, 4.0, 8.0, 1.0):
        assert browser.execute_async_script(_ZOOM, z) > 0
    after = browser.execute_script(
        "return {dialogs: window.__dialogs, injected: document.querySelectorAll("
        "'#xss, xss, iframe, object, embed, body [onerror], body [onload]').length};"
    )
    assert after == {"dialogs": [], "injected": 0}
    assert state["errors"] == []


# --------------------------------------------------------------------------- the search box


def _search(driver: Any, **fields: str) -> dict[str, Any]:
    """Fill the search box like a user (typing; a select by value); return status and results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for key, value in fields.items():
        element = driver.find_element(By.CSS_SELECTOR, f"[data-sk-search={key}]")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)
    return dict(
        driver.execute_script(
            "var box = document.querySelector('[data-sk-search-box]');"
            "return {status: box.querySelector('.sk-search-status').textContent,"
            " ids: Array.prototype.map.call(box.querySelectorAll('.sk-results li'),"
            "   function (li) { return li.getAttribute('data-sk-offer'); }),"
            " texts: Array.prototype.map.call(box.querySelectorAll('.sk-results li'),"
            "   function (li) { return li.textContent; })};"
        )
    )


def test_the_search_box_finds_what_find_offers_finds(
    browser: Any, sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    page = sk.write_html(sample, tmp_path / "search.html", language="nl", eligibility=True)
    state = _open(browser, page)
    assert state["errors"] == []
    found = _search(browser, theme="taal")
    assert found["ids"] == list(sk.find_offers(sample, theme="language").index)
    assert found["status"] == f"Gevonden: {len(found['ids'])}"
    assert any("Taalschool" in t for t in found["texts"])
    # near a postcode area, within a radius: the same offers in the same order (nearest first)
    found = _search(browser, theme="", near="3311", radius="1.5")
    with pytest.warns(UserWarning, match="1 offer"):
        expected = sk.find_offers(sample, near="3311", radius_km=1.5)
    assert found["ids"] == list(expected.index)
    assert "Weggelaten: 1 zonder coördinaten" in found["status"]
    # for a resident (team page): eligibility first, with the reasons
    found = _search(browser, theme="language", near="", radius="", resident="r_samira")
    expected = sk.find_offers(sample, theme="language", for_resident="r_samira", language="nl")
    assert found["ids"] == list(expected.index)
    assert found["ids"][-1] == "i_taalschool"
    assert "komt niet in aanmerking: niet voor bewoners met EU-nationaliteit" in found["texts"][-1]
    # what cannot be found is said, not shown as an empty list
    assert _search(browser, theme="breien")["status"] == "Geen thema van deze kaart: breien"
    found = _search(browser, theme="", near="Atlantis", resident="")
    assert found["status"] == "Geen postcode of plek op deze kaart: Atlantis"


def test_hostile_offer_names_in_the_search_results_stay_text(browser: Any, tmp_path: Path) -> None:
    page = sk.write_html(xss_map(), tmp_path / "xss-search.html", language="nl", eligibility=True)
    state = _open(browser, page)
    found = _search(browser, theme="thema", resident="r0")
    assert len(found["ids"]) == len(ID_PAYLOADS)
    assert any("<img id=xss src=x onerror=alert(1)>" in t for t in found["texts"])
    found = _search(browser, theme="", near=PAYLOADS[10])  # a place named with a payload
    after = browser.execute_script(
        "return {dialogs: window.__dialogs, injected: document.querySelectorAll("
        "'#xss, xss, iframe, object, embed, body [onerror], body [onload]').length};"
    )
    assert after == {"dialogs": [], "injected": 0}
    assert state["errors"] == [] and state["dialogs"] == []


def test_hostile_reasons_in_the_eligibility_stay_text_and_follow_the_table(
    browser: Any, tmp_path: Path
) -> None:
    """The box reads each resident's answers from the compact table; payloads in reasons stay text.

    The reasons name the offers that give the pass (payload names) and the
    status an offer requires (a payload tag); three residents in different
    classes get different answers, each as find_offers gives it.
    """
    from sociale_kaart.core.strings import text

    G = xss_map()
    offers = sorted(n for n, k in G.nodes(data="kind") if k == "initiative")
    for i, o in enumerate(offers):
        if i % 3 == 0:
            G.nodes[o]["cost_eur"] = 5.0
        if i % 4 == 0:
            G.nodes[o]["grants"] = ["meedoen_pass"]
        if i % 5 == 0:
            G.nodes[o]["requires"] = [PAYLOADS[1]]
    G.nodes["r0"]["statuses"] = ["meedoen_pass"]
    G.nodes["r2"]["statuses"] = [PAYLOADS[1]]
    page = sk.write_html(G, tmp_path / "xss-reasons.html", language="nl", eligibility=True)
    state = _open(browser, page)
    assert state["errors"] == [] and state["dialogs"] == []
    shown = set()
    for who in ("r0", "r1", "r2"):
        found = _search(browser, theme="thema", resident=who)
        expected = sk.find_offers(G, theme="xss_theme", for_resident=who, language="nl")
        assert found["ids"] == [str(o) for o in expected.index]
        for line, (_, row) in zip(found["texts"], expected.iterrows(), strict=True):
            said = text(f"search.eligible_{row['eligible']}", "nl", n="{n}", value="{value}")
            tail = f"{said}: {'; '.join(row['reasons'])}" if row["reasons"] else said
            assert line.endswith(" \u00b7 " + tail), (who, line, tail)
            shown.add(tuple(row["reasons"]))
    # the three residents are told different things, and the payloads are in them as text
    everything = " ".join(r for reasons in shown for r in reasons)
    assert len(shown) >= 3
    assert PAYLOADS[1] in everything
    assert any(G.nodes[o]["name"] in everything for o in offers[::4])
    after = browser.execute_script(
        "return {dialogs: window.__dialogs, injected: document.querySelectorAll("
        "'#xss, xss, iframe, object, embed, body [onerror], body [onload]').length};"
    )
    assert after == {"dialogs": [], "injected": 0}
