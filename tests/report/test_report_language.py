"""The rendered report is in one language (issue 14, "Real Dutch, and real English").

The Dutch report, for the team and for the public, holds no English word and no
raw code of the map's vocabulary; the English report holds no Dutch word and no
code. The names on the map (offers, places, people, neighbourhoods, teams, ids)
are proper nouns and are taken out first. A failure names the word, the section
it stands in (the ``id`` of its heading), the text around it, and the keys of
``core/strings.py`` whose text holds the word, so that a new section that slips
in a word is found at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.journal import STATUSES
from sociale_kaart.core.records import MODELS
from sociale_kaart.core.strings import LANGUAGES, STRINGS
from sociale_kaart.core.themes import DEFAULT_THEMES
from sociale_kaart.core.vocabulary import (
    BROKERAGE_ROLES,
    GENDERS,
    KINDS,
    LEVELS,
    PLACE_TYPES,
    RELATIONS,
    STATUS_TAGS,
)
from sociale_kaart.gaps.common import GAP_TYPES
from tests._words import SHARED, foreign, words

TODAY = dt.date(2026, 11, 21)  # the sample's "today"

#: Every code of the vocabulary: none may stand in a sentence as if it were a word.
CODES: frozenset[str] = frozenset(
    {
        *DEFAULT_THEMES,
        *STATUS_TAGS,
        *(t.replace(" ", "_") for t in PLACE_TYPES),
        *LEVELS,
        *GAP_TYPES,
        *RELATIONS,
        *KINDS,
        *GENDERS,
        *STATUSES,
        *BROKERAGE_ROLES,
        *(f for model in MODELS.values() for f in model.model_fields),
    }
)

#: Codes that are also plain words of a page language (so their presence proves nothing).
CODE_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset({*SHARED, "park", "naam"}),
    # in English, a one-word code is the English word it names ("informal", "library")
    "en": frozenset(c for c in CODES if "_" not in c),
}

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_SKIP = {"script", "style"}
_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _Sections(HTMLParser):
    """The visible text of a page, per section (the id of the latest ``h2``)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, list[str]] = defaultdict(list)
        self.section = "top"
        self._skip = 0
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        values = dict(attrs)
        if tag == "h2" and values.get("id"):
            self.section = str(values["id"])
        for name in _ATTRIBUTES:
            if values.get(name):
                self.text[self.section].append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text[self.section].append(data)


def _proper_nouns(G: nx.MultiDiGraph) -> list[str]:
    names = {str(G.graph.get("name") or "")}
    for node, attrs in G.nodes(data=True):
        names.add(str(node))
        for field in ("name", "neighbourhood", "team", "organisation"):
            value = attrs.get(field)
            if isinstance(value, str):
                names.add(value)
        names.update(str(nb) for nb in attrs.get("neighbourhoods") or ())
    names.update(("sociale_kaart", "sociale-kaart", "ZRM", "Wmo"))
    return sorted((n for n in names if n), key=len, reverse=True)


def _keys_with(word: str) -> list[str]:
    """The keys whose text, in either language, holds the word: where it probably came from."""
    pattern = re.compile(rf"(?i)(?<![\w-]){re.escape(word)}(?![\w-])")
    return [
        key
        for key, texts in STRINGS.items()
        if any(pattern.search(_PLACEHOLDER.sub(" ", t)) for t in texts)
    ][:6]


def _problems(page: str, G: nx.MultiDiGraph, language: str) -> list[str]:
    parser = _Sections()
    parser.feed(page)
    names = _proper_nouns(G)
    problems = []
    for section, parts in parser.text.items():
        text = " ".join(" ".join(parts).split())
        for name in names:
            text = text.replace(name, " ")
        found = dict.fromkeys(foreign(text, language), "a word of the other language")
        for code in CODES - CODE_WORDS[language]:
            pattern = rf"(?<![\w-]){re.escape(code).replace('_', '[_ ]')}(?![\w-])"
            if "_" in code:
                hit = re.search(pattern, text)  # a two-word code shows with its underscore
                if hit and "_" in hit.group(0):
                    found[code] = "a raw code"
            elif code in set(words(text)):
                found[code] = "a raw code"
        for word, why in sorted(found.items()):
            at = re.search(rf"(?i)(?<![\w-]){re.escape(word)}(?![\w-])", text)
            around = text[max(0, at.start() - 50) : at.end() + 50] if at else ""
            keys = ", ".join(_keys_with(word)) or "no key: text from elsewhere"
            problems.append(f"[{section}] {word!r} ({why}) in ...{around}... (keys: {keys})")
    return problems


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


@pytest.fixture(scope="module")
def pages(sample: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for language in LANGUAGES:
        for audience in ("team", "public"):
            path = Path(folder) / f"{language}-{audience}.html"
            sk.report(sample, path, language=language, audience=audience, today=TODAY)
            out[f"{language}-{audience}"] = path.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("audience", ["team", "public"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_is_in_its_own_language_only(
    pages: dict[str, str], sample: nx.MultiDiGraph, language: str, audience: str
) -> None:
    problems = _problems(pages[f"{language}-{audience}"], sample, language)
    assert problems == [], f"the {language} {audience} report:\n" + "\n".join(problems)


def test_the_check_finds_what_it_looks_for(sample: nx.MultiDiGraph) -> None:
    page = (
        '<h2 id="gaps">Tekorten</h2><p>Geen path gevonden voor eu_citizen bij'
        ' Bankje voor de Buurtsuper (supermarket bench).</p><img alt="the map">'
    )
    problems = _problems(page, sample, "nl")
    assert [p.split(" (")[0] for p in problems] == [
        "[gaps] 'bench'",
        "[gaps] 'citizen'",
        "[gaps] 'eu_citizen'",
        "[gaps] 'path'",
        "[gaps] 'supermarket'",
        "[gaps] 'the'",
    ]
    assert "report.path" in next(p for p in problems if "'path'" in p)
    english = "<h2 id='x'>Gaps</h2><p>Naaiclub Dikiş is open voor de buurt</p>"
    assert [p.split(" (")[0] for p in _problems(english, sample, "en")] == [
        "[x] 'buurt'",
        "[x] 'de'",
        "[x] 'voor'",
    ]


def test_the_sample_names_do_not_hide_the_words_around_them(sample: nx.MultiDiGraph) -> None:
    # a name is cut out as a whole; the same word outside a name still counts
    page = "<h2 id='x'>Top</h2><p>Zwemmen met de Meedoenpas, met de buurt</p>"
    assert [p.split(" (")[0] for p in _problems(page, sample, "en")] == [
        "[x] 'buurt'",
        "[x] 'de'",
        "[x] 'met'",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outcomes_per_theme_read_alphabetically_in_the_page_language(
    pages: dict[str, str], language: str
) -> None:
    # the rows followed the English codes (community_participation, domestic_relations, ...)
    from sociale_kaart.core.wording import label_sort_key

    page = pages[f"{language}-team"]
    heading = STRINGS["report.outcomes_by_theme"][LANGUAGES.index(language)]
    table = page[page.index(heading) :].split("</table>")[0]
    rows = re.findall(r"<tr><td>([^<]+)</td>", table)
    labels = [r.strip() for r in rows if r.strip()]
    assert len(labels) >= 5
    assert labels == sorted(labels, key=label_sort_key), labels
