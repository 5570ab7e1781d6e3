"""Codes as words: status tags, place types, and the two phrasings of a theme.

A map stores short codes (``eu_citizen``, ``supermarket bench``,
``loneliness``); a sentence needs words. This module turns each code into the
page's language through the one table in :mod:`sociale_kaart.core.strings`:

- a **status tag** (a resident's ``statuses``, an offer's ``requires``,
  ``excludes`` and ``grants``) through ``status.<code>``;
- a **place type** (a place's ``type``) through ``place_type.<code>``;
- a **theme** in two phrasings, because a need and an offer take different
  words after a verb: *zoekt gezelschap* (a need, ``theme.need.<code>``) and
  *biedt gezelschap* (an offer, ``theme.offer.<code>``). A theme of a team's
  own vocabulary gets a safe generic phrasing built from its label
  (*hulp bij {label}*, *helpt bij {label}*).

A code the table does not know is never shown bare, as if it were a word: it
comes back marked as a custom code (*"vve (eigen code, zonder omschrijving)"*),
so a reader sees that no label was recorded for it.

The known codes are ``STATUS_TAGS`` and ``PLACE_TYPES`` in
:mod:`sociale_kaart.core.vocabulary`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from sociale_kaart.core.strings import STRINGS, check_language, join_words, text
from sociale_kaart.core.themes import DEFAULT_THEMES, ThemeInfo, normalise_token, theme_label

__all__ = [
    "label_in_sentence",
    "label_sort_key",
    "language_name",
    "place_type_label",
    "status_label",
    "status_labels",
    "theme_need",
    "theme_offer",
]


def label_sort_key(label: str) -> str:
    """The key that sorts labels as a reader looks them up: by the letters, not the bytes.

    Case and accents do not count (*Financiën* sorts with *financien*, before
    *Geestelijke gezondheid*), so a list of labels in the page's language reads
    alphabetically in that language, whatever the order of the codes behind it.

    Examples
    --------
    >>> from sociale_kaart.core.wording import label_sort_key
    >>> sorted(["Taal", "eenzaamheid", "Énergie", "Financiën"], key=label_sort_key)
    ['eenzaamheid', 'Énergie', 'Financiën', 'Taal']
    """
    decomposed = unicodedata.normalize("NFKD", str(label).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_name(code: str, language: str) -> str:
    """The name of a spoken language, from its ISO 639 code, in the page's language.

    The names are those of the Unicode CLDR (through Babel), so *nl* reads
    *Nederlands* on a Dutch page and *Dutch* on an English one. A value that is
    no known code (a team may write *Berbers* in full) is shown as written.

    Examples
    --------
    >>> from sociale_kaart.core.wording import language_name
    >>> language_name("nl", "nl"), language_name("ar", "en"), language_name("Berbers", "nl")
    ('Nederlands', 'Arabic', 'Berbers')

    References
    ----------
    Unicode Consortium (2024). *Unicode Technical Standard #35: Unicode Locale
    Data Markup Language (LDML)*, part 2, "Locale display names".
    """
    from babel import Locale

    check_language(language)
    names = Locale.parse(text("format.locale", language)).languages
    return str(names.get(str(code).strip().lower(), code))


def _coded_label(table: str, code: str, language: str) -> str:
    """The label of ``code`` in the string table ``table``, or the code marked as custom."""
    check_language(language)
    key = f"{table}.{normalise_token(str(code))}"
    if key in STRINGS and key != f"{table}.custom":
        return text(key, language)
    return text(f"{table}.custom", language, code=code)


def label_in_sentence(label: str) -> str:
    """A label as it stands inside a sentence: its first letter in lower case.

    An abbreviation keeps its capitals (*ADL*), and so does the rest of the label.

    Examples
    --------
    >>> from sociale_kaart.core.wording import label_in_sentence
    >>> label_in_sentence("Instrumentele ADL"), label_in_sentence("ADL")
    ('instrumentele ADL', 'ADL')
    """
    if len(label) > 1 and not label[:2].isupper():
        return label[0].lower() + label[1:]
    return label


def status_label(code: str, language: str) -> str:
    """The words for a status tag, in Dutch (``"nl"``) or English (``"en"``).

    Parameters
    ----------
    code : str
        A status tag as stored on the map, e.g. ``"eu_citizen"``.
    language : {"nl", "en"}
        The page's language.

    Returns
    -------
    str
        The label; a tag the vocabulary does not know is returned marked as a
        custom code, never bare.

    Examples
    --------
    >>> from sociale_kaart.core.wording import status_label
    >>> status_label("meedoen_pass", "nl"), status_label("eu_citizen", "en")
    ('Meedoenpas', 'EU citizenship')
    >>> status_label("vve_indicatie", "nl")
    'vve_indicatie (eigen code, zonder omschrijving)'
    """
    return _coded_label("status", code, language)


def status_labels(codes: Iterable[str], language: str) -> str:
    """Several status tags as words, joined as a list ("a, b en c").

    Examples
    --------
    >>> from sociale_kaart.core.wording import status_labels
    >>> status_labels(["newcomer", "social_assistance"], "nl")
    'nieuwkomersstatus en bijstandsuitkering'
    """
    return join_words([status_label(c, language) for c in codes], language)


def place_type_label(code: str, language: str) -> str:
    """The words for a place type, in Dutch or English.

    Parameters
    ----------
    code : str
        The place's ``type`` as stored on the map, e.g. ``"supermarket bench"``
        (spaces, hyphens and underscores are the same).
    language : {"nl", "en"}
        The page's language.

    Returns
    -------
    str
        The label; a type the vocabulary does not know is returned marked as
        a place type of the team's own.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.wording import place_type_label
    >>> place_type_label(sk.load_sample().nodes["pl_bankje"]["type"], "nl")
    'bankje bij de supermarkt'
    >>> place_type_label("kringloopwinkel", "en")
    'kringloopwinkel (custom place type)'
    """
    return _coded_label("place_type", code, language)


def _phrase(kind: str, code: str, vocabulary: Mapping[str, ThemeInfo] | None, language: str) -> str:
    check_language(language)
    key = f"theme.{kind}.{code}"
    vocab = DEFAULT_THEMES if vocabulary is None else vocabulary
    default = DEFAULT_THEMES.get(code)
    own = vocab.get(code)
    # the stock phrasing fits only while the team has not relabelled the theme
    if key in STRINGS and code != "custom" and (own is None or own == default):
        return text(key, language)
    label = label_in_sentence(theme_label(code, vocab, language=language))
    return text(f"theme.{kind}.custom", language, label=label)


def theme_need(
    code: str, vocabulary: Mapping[str, ThemeInfo] | None = None, *, language: str = "en"
) -> str:
    """A theme phrased as a need: what a resident looks for (*gezelschap*).

    The phrase fits after a verb of wanting: *zoekt ...*, *is looking for ...*.

    Parameters
    ----------
    code : str
        A theme code.
    vocabulary : mapping, optional
        The map's theme vocabulary (``G.graph["themes"]``); the default
        vocabulary when omitted. A theme of the team's own (or a default theme
        the team relabelled) is phrased from its label: *hulp bij {label}*.
    language : {"nl", "en"}, default "en"
        The page's language.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.wording import theme_need
    >>> themes = sk.load_sample().graph["themes"]
    >>> theme_need("loneliness", themes, language="nl")
    'gezelschap'
    >>> theme_need("knitting", {"knitting": {"label_nl": "Breien", "label_en": "Knitting",
    ...     "domain": "time_use"}}, language="nl")
    'hulp bij breien'
    """
    return _phrase("need", code, vocabulary, language)


def theme_offer(
    code: str, vocabulary: Mapping[str, ThemeInfo] | None = None, *, language: str = "en"
) -> str:
    """A theme phrased as an offer: a verb phrase for what an offer does (*biedt gezelschap*).

    The phrase follows the offer's name: *Wandelgroep De Stap biedt gezelschap*.

    Parameters
    ----------
    code : str
        A theme code.
    vocabulary : mapping, optional
        The map's theme vocabulary; the default vocabulary when omitted. A
        theme of the team's own is phrased from its label: *helpt bij {label}*.
    language : {"nl", "en"}, default "en"
        The page's language.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.wording import theme_offer
    >>> themes = sk.load_sample().graph["themes"]
    >>> theme_offer("loneliness", themes, language="nl"), theme_offer("language", themes)
    ('biedt gezelschap', 'helps with Dutch')
    """
    return _phrase("offer", code, vocabulary, language)
