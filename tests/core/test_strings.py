"""The one translation table and the one language check (sociale_kaart.core.strings)."""

from __future__ import annotations

import ast
import datetime as _dt
import inspect
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.strings import (
    LANGUAGES,
    STRINGS,
    check_language,
    join_words,
    labels,
    text,
)
from sociale_kaart.core.themes import theme_label

PACKAGE = Path(sk.__file__).parent
TODAY = _dt.date(2025, 6, 1)
_FORMATTER = string.Formatter()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def test_languages_are_dutch_then_english() -> None:
    assert LANGUAGES == ("nl", "en")


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages_with_the_same_fields(key: str) -> None:
    pair = STRINGS[key]
    assert isinstance(pair, tuple) and len(pair) == len(LANGUAGES)
    nl, en = pair
    assert isinstance(nl, str) and isinstance(en, str)
    assert nl.strip() and en.strip(), f"{key} has an empty translation"
    # a placeholder in one language but not the other would drop a value silently
    assert _fields(nl) == _fields(en), key


def test_keys_are_namespaced() -> None:
    namespaces = {key.split(".", 1)[0] for key in STRINGS}
    assert all("." in key for key in STRINGS)
    assert {"eligibility", "gaps", "referral", "matching", "report", "word"} <= namespaces


def test_text_fills_fields_and_names_a_missing_key() -> None:
    assert text("gaps.fewer", "en", n=10) == "fewer than 10"
    assert text("gaps.fewer", "nl", n=10) == "minder dan 10"
    with pytest.raises(KeyError, match=r"core\.strings\.STRINGS"):
        text("gaps.no_such_sentence", "en")


def test_join_words_by_hand() -> None:
    assert join_words([], "en") == ""
    assert join_words(["a"], "nl") == "a"
    assert join_words(["a", "b"], "en") == "a and b"
    assert join_words(["a", "b", "c"], "nl") == "a, b en c"


def test_labels_strip_the_prefix() -> None:
    assert labels("level", "en") == {
        "informal": "informal",
        "general": "general",
        "specialised": "specialised",
        "insured": "covered by health insurance",
        "unknown": "level unknown",
        "own_network": "own network",
    }


@pytest.mark.parametrize("bad", ["de", "NL", "", "english", None, 1])
def test_check_language_rejects_with_the_choices(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"language must be 'nl' \(Dutch\) or 'en' \(English\)"):
        check_language(bad)


# ----------------------------------------------------------------------------- one table


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "core" / "strings.py")


def _language_literal(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGES


def _tables(tree: ast.AST) -> list[int]:
    """Lines of dicts keyed by both "nl" and "en": a translation table of its own."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if set(LANGUAGES) <= keys:
                lines.append(node.lineno)
    return lines


def _language_branches(tree: ast.AST) -> list[int]:
    """Lines that pick a text by comparing with "nl" or "en" (``x if lang == "en" else y``)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            _language_literal(c) for c in [node.left, *node.comparators]
        ):
            lines.append(node.lineno)
    return lines


#: Comparisons with a language code that are not a translation: the theme
#: vocabulary carries its own ``label_nl`` and ``label_en`` columns (the map's
#: data, which a team may edit), and ``theme_label`` reads one of them.
_ALLOWED_BRANCHES = {"core/themes.py"}


def test_no_module_outside_core_strings_holds_a_translation_table() -> None:
    found = {}
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(PACKAGE).as_posix()
        lines = _tables(tree)
        if rel not in _ALLOWED_BRANCHES:
            lines += _language_branches(tree)
        if lines:
            found[rel] = sorted(lines)
    assert found == {}, f"move these strings into sociale_kaart/core/strings.py: {found}"


def test_the_table_check_can_fail() -> None:
    tree = ast.parse(
        'TEXT = {"en": {"a": "b"}, "nl": {"a": "c"}}\nword = "and" if language == "en" else "en"\n'
    )
    assert _tables(tree) == [1]
    assert _language_branches(tree) == [2]


def test_no_module_defines_its_own_languages_tuple() -> None:
    hits = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                if "LANGUAGES" in names:
                    hits.append(path.relative_to(PACKAGE).as_posix())
    assert hits == []


# ----------------------------------------------------------------------------- one check


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


def _referral_row(G: nx.MultiDiGraph) -> pd.Series:
    return sk.suggest_referrals(G, "r_samira", language="en", today=TODAY).iloc[0]


#: One call per public function that takes ``language``; ``lang`` is filled in.
CALLS: dict[str, Callable[[nx.MultiDiGraph, Any], object]] = {
    "check_eligibility": lambda G, lang: sk.check_eligibility(
        G, "r_samira", "i_taalmaatjes", language=lang
    ),
    "eligibility_table": lambda G, lang: sk.eligibility_table(G, "r_samira", language=lang),
    "coverage_gaps": lambda G, lang: sk.coverage_gaps(G, language=lang, today=TODAY),
    "find_gaps": lambda G, lang: sk.find_gaps(G, language=lang, today=TODAY),
    "isolation": lambda G, lang: sk.isolation(G, language=lang, today=TODAY),
    "knowledge_gaps": lambda G, lang: sk.knowledge_gaps(G, language=lang, today=TODAY),
    "single_knowers": lambda G, lang: sk.single_knowers(G, language=lang, today=TODAY),
    "structural_holes_between_groups": lambda G, lang: sk.structural_holes_between_groups(
        G, language=lang
    ),
    "unreached_places": lambda G, lang: sk.unreached_places(G, language=lang),
    "what_if": lambda G, lang: sk.what_if(G, "p_schuld", language=lang, today=TODAY),
    "match_residents": lambda G, lang: sk.match_residents(G, language=lang),
    "strengths": lambda G, lang: sk.strengths(G, language=lang, today=TODAY),
    "network_activation": lambda G, lang: sk.network_activation(G, "r_samira", language=lang),
    "suggest_referrals": lambda G, lang: sk.suggest_referrals(
        G, "r_samira", language=lang, today=TODAY
    ),
    "interactive": lambda G, lang: sk.interactive(G, language=lang),
    "plot_map": lambda G, lang: sk.plot_map(G, language=lang),
    "plot_ego": lambda G, lang: sk.plot_ego(G, "r_samira", language=lang),
    "plot_referral": lambda G, lang: sk.plot_referral(G, _referral_row(G), language=lang),
    "plot_centrality": lambda G, lang: sk.plot_centrality(sk.centrality(G), language=lang),
    "plot_brokerage": lambda G, lang: sk.plot_brokerage(sk.brokerage(G), language=lang),
    "plot_coverage": lambda G, lang: sk.plot_coverage(G, language=lang),
    "report": lambda G, lang: sk.report(G, "unused.html", language=lang, today=TODAY),
    "diff": lambda G, lang: sk.diff(G, G, language=lang),
    "plot_timeline": lambda G, lang: sk.plot_timeline(sk.timeline([(TODAY, G)]), language=lang),
    "find_offers": lambda G, lang: sk.find_offers(G, for_resident="r_samira", language=lang),
    "theme_label": lambda G, lang: theme_label("debts", G.graph["themes"], language=lang),
    "referral_outcomes": lambda G, lang: sk.referral_outcomes(G, audience="public", language=lang),
}


def _public_functions_with_language() -> set[str]:
    names = set()
    for name in sk.__all__:
        obj = getattr(sk, name)
        if inspect.isfunction(obj) and "language" in inspect.signature(obj).parameters:
            names.add(name)
    return names


def test_every_public_function_with_a_language_is_checked_here() -> None:
    missing = _public_functions_with_language() - set(CALLS)
    assert missing == set(), f"add a call for {sorted(missing)} to CALLS"


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_public_function_rejects_an_unknown_language_the_same_way(
    name: str, sample: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=r"^language must be 'nl' \(Dutch\) or 'en' \(English\)"):
        CALLS[name](sample, "de")
    assert list(tmp_path.iterdir()) == []  # nothing written before the check


def test_every_word_of_the_vocabulary_has_a_label() -> None:
    from sociale_kaart.core import vocabulary
    from sociale_kaart.gaps.common import GAP_TYPES

    wanted = (
        [f"kind.{k}" for k in vocabulary.KINDS]
        + [f"kinds.{k}" for k in vocabulary.KINDS]
        + [f"relation.{r}" for r in vocabulary.RELATIONS]
        + [f"level.{level}" for level in vocabulary.LEVELS]
        + [f"role.{r}" for r in vocabulary.BROKERAGE_ROLES]
        + [f"gap.{g}" for g in GAP_TYPES]
    )
    assert [key for key in wanted if key not in STRINGS] == []
