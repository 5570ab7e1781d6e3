"""The string table is two real languages (issue 14, "Real Dutch, and real English").

No Dutch entry is an English one left untranslated, unless every word of it is
Dutch too (the short list ``tests._words.SHARED``, a reason each), and no entry
of either language holds a word of the other. A failure names the key.
"""

from __future__ import annotations

import re

import pytest

from sociale_kaart.core.strings import LANGUAGES, STRINGS
from tests._words import DUTCH, ENGLISH, SHARED, foreign, words

#: Keys whose text is a code in both languages, not words.
CODE_KEYS: dict[str, str] = {
    "format.locale": "a locale code (nl_NL, en_GB) for Babel, never shown",
}

#: Names that stay as they are in both languages.
PROPER_NOUNS: dict[str, str] = {
    "sociale_kaart": "the library's name",
    "sociale-kaart": "the command's name",
}

_FILE = re.compile(r"\b[\w-]+\.(?:csv|xlsx|json|html)\b")


def _plain(text: str) -> str:
    """The text without the names that are the same in both languages (product, file names)."""
    for name in PROPER_NOUNS:
        text = text.replace(name, " ")
    return _FILE.sub(" ", text)


def test_no_dutch_entry_is_its_english_one_left_untranslated() -> None:
    offenders = []
    for key, (nl, en) in STRINGS.items():
        if nl != en or key in CODE_KEYS:
            continue
        unexplained = sorted(set(words(_plain(nl))) - set(SHARED))
        if unexplained:
            offenders.append(f"{key}: {nl!r} (not on the shared list: {', '.join(unexplained)})")
    assert offenders == [], "Dutch = English:\n" + "\n".join(offenders)


def test_every_shared_word_is_needed() -> None:
    # the allow-list stays short: a word nobody uses any more comes off it
    identical = {w for nl, en in STRINGS.values() if nl == en for w in words(nl)}
    assert set(SHARED) <= identical, sorted(set(SHARED) - identical)
    assert all(reason.strip() for reason in SHARED.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_holds_a_word_of_the_other_language(language: str) -> None:
    column = LANGUAGES.index(language)
    offenders = [
        f"{key}: {', '.join(found)} in {texts[column]!r}"
        for key, texts in STRINGS.items()
        if key not in CODE_KEYS and (found := foreign(_plain(texts[column]), language))
    ]
    assert offenders == [], f"words of the other language in the {language} column:\n" + (
        "\n".join(offenders)
    )


def test_the_word_lists_tell_the_languages_apart() -> None:
    assert foreign("the path was not found", "nl") == ["found", "not", "path", "the"]
    assert foreign("Niemand kent het aanbod", "en") == ["aanbod", "het", "kent", "niemand"]
    # words both languages write alike prove nothing, so they are on neither list
    alike = {"in", "is", "was", "of", "over", "team", "open", "route", "week", "offer", "help"}
    assert not alike & (ENGLISH | DUTCH)
    assert not ENGLISH & DUTCH
    assert foreign("{theme} en {target}", "nl") == []  # placeholders are no words


def test_the_single_knower_labels_say_what_the_row_says() -> None:
    # "één kenner" headed rows that said "niemand kent": each case has its own label now
    none_nl, none_en = STRINGS["gap.single_knower.none"]
    one_nl, one_en = STRINGS["gap.single_knower.one"]
    assert "niemand" in none_nl and "één" not in none_nl and "no one" in none_en
    assert "één" in one_nl and "niemand" not in one_nl and "one person" in one_en
    assert "één kenner" not in {nl for nl, _ in STRINGS.values()}
