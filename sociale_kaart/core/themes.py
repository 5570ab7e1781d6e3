"""The theme vocabulary: what residents need and what offers provide.

Themes are short English codes. The default vocabulary holds the 13 life
domains of the Zelfredzaamheid-Matrix (ZRM) and four practical themes that
neighbourhood teams use every day. Each theme has a Dutch and an English
label and the ZRM domain it belongs to. Dutch aliases (``financien``,
``taal``, ``eenzaamheid`` ...) are accepted on input and stored as the code.

A team can extend the vocabulary with a ``themes.csv`` file (columns
``code``, ``label_nl``, ``label_en``, ``domain``); see :doc:`/data-format`.

References
----------
Lauriks, S., Buster, M. C. A., de Wit, M. A. S., van de Weerd, S., Tigchelaar,
G., & Fassaert, T. (2010). *Zelfredzaamheid-Matrix*. GGD Amsterdam.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import TypedDict

from sociale_kaart.core.strings import check_language

__all__ = [
    "DEFAULT_THEMES",
    "DUTCH_ALIASES",
    "ZRM_DOMAINS",
    "ThemeInfo",
    "default_vocabulary",
    "nearest_code",
    "resolve_theme",
    "theme_label",
]


class ThemeInfo(TypedDict):
    """One entry of a theme vocabulary, as stored in ``G.graph["themes"]``."""

    label_nl: str
    label_en: str
    domain: str


#: The 13 domains of the Zelfredzaamheid-Matrix, in the matrix's order.
ZRM_DOMAINS: tuple[str, ...] = (
    "finances",
    "work_education",
    "time_use",
    "housing",
    "domestic_relations",
    "mental_health",
    "physical_health",
    "substance_use",
    "basic_adl",
    "instrumental_adl",
    "social_network",
    "community_participation",
    "justice",
)

#: The default vocabulary: code -> labels and ZRM domain.
DEFAULT_THEMES: dict[str, ThemeInfo] = {
    "finances": {"label_nl": "Financiën", "label_en": "Finances", "domain": "finances"},
    "work_education": {
        "label_nl": "Werk en opleiding",
        "label_en": "Work and education",
        "domain": "work_education",
    },
    "time_use": {"label_nl": "Tijdsbesteding", "label_en": "Time use", "domain": "time_use"},
    "housing": {"label_nl": "Huisvesting", "label_en": "Housing", "domain": "housing"},
    "domestic_relations": {
        "label_nl": "Huiselijke relaties",
        "label_en": "Domestic relations",
        "domain": "domestic_relations",
    },
    "mental_health": {
        "label_nl": "Geestelijke gezondheid",
        "label_en": "Mental health",
        "domain": "mental_health",
    },
    "physical_health": {
        "label_nl": "Lichamelijke gezondheid",
        "label_en": "Physical health",
        "domain": "physical_health",
    },
    "substance_use": {
        "label_nl": "Middelengebruik",
        "label_en": "Substance use",
        "domain": "substance_use",
    },
    "basic_adl": {
        "label_nl": "Basale ADL",
        "label_en": "Basic activities of daily living",
        "domain": "basic_adl",
    },
    "instrumental_adl": {
        "label_nl": "Instrumentele ADL",
        "label_en": "Instrumental activities of daily living",
        "domain": "instrumental_adl",
    },
    "social_network": {
        "label_nl": "Sociaal netwerk",
        "label_en": "Social network",
        "domain": "social_network",
    },
    "community_participation": {
        "label_nl": "Maatschappelijke participatie",
        "label_en": "Community participation",
        "domain": "community_participation",
    },
    "justice": {"label_nl": "Justitie", "label_en": "Justice", "domain": "justice"},
    "language": {
        "label_nl": "Taal",
        "label_en": "Language",
        "domain": "community_participation",
    },
    "parenting": {
        "label_nl": "Opvoeding",
        "label_en": "Parenting",
        "domain": "domestic_relations",
    },
    "exercise": {"label_nl": "Beweging", "label_en": "Exercise", "domain": "physical_health"},
    "loneliness": {
        "label_nl": "Eenzaamheid",
        "label_en": "Loneliness",
        "domain": "social_network",
    },
}

#: Dutch input aliases -> theme code: the one Dutch theme alias table, used by
#: every reader (read_csv, read_excel, read_hsds).
DUTCH_ALIASES: dict[str, str] = {
    "financien": "finances",
    "financiën": "finances",
    "geld": "finances",
    "schulden": "finances",
    "werk_opleiding": "work_education",
    "werk_en_opleiding": "work_education",
    "werk": "work_education",
    "opleiding": "work_education",
    "tijdsbesteding": "time_use",
    "dagbesteding": "time_use",
    "huisvesting": "housing",
    "wonen": "housing",
    "huiselijke_relaties": "domestic_relations",
    "geestelijke_gezondheid": "mental_health",
    "lichamelijke_gezondheid": "physical_health",
    "middelengebruik": "substance_use",
    "verslaving": "substance_use",
    "basale_adl": "basic_adl",
    "adl": "basic_adl",
    "instrumentele_adl": "instrumental_adl",
    "iadl": "instrumental_adl",
    "sociaal_netwerk": "social_network",
    "maatschappelijke_participatie": "community_participation",
    "participatie": "community_participation",
    "justitie": "justice",
    "taal": "language",
    "opvoeding": "parenting",
    "beweging": "exercise",
    "bewegen": "exercise",
    "sport": "exercise",
    "eenzaamheid": "loneliness",
    # words Dutch teams and directories use (issue 11; read_hsds reads them too)
    "schuldhulp": "finances",
    "schuldhulpverlening": "finances",
    "voedselbank": "finances",
    "daklozen": "housing",
    "rechtshulp": "justice",
    "ggz": "mental_health",
    "verslavingszorg": "substance_use",
    "vervoer": "instrumental_adl",
    "huiselijk_geweld": "domestic_relations",
    "taalles": "language",
}

_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def default_vocabulary() -> dict[str, ThemeInfo]:
    """Return a fresh copy of the default theme vocabulary.

    Returns
    -------
    dict
        Theme code -> ``{"label_nl", "label_en", "domain"}``. The 13 ZRM
        domains come first, then ``language``, ``parenting``, ``exercise``
        and ``loneliness``.

    Examples
    --------
    >>> from sociale_kaart.core.themes import default_vocabulary
    >>> vocab = default_vocabulary()
    >>> len(vocab)
    17
    >>> vocab["language"]["label_nl"], vocab["language"]["domain"]
    ('Taal', 'community_participation')
    """
    return {code: ThemeInfo(**info) for code, info in DEFAULT_THEMES.items()}


def normalise_token(text: str) -> str:
    """Lower-case a code and turn spaces and hyphens into underscores."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def resolve_theme(text: str, vocabulary: Mapping[str, object]) -> str | None:
    """Resolve an input theme (code or Dutch alias) to a vocabulary code.

    Parameters
    ----------
    text : str
        The theme as written in the input, e.g. ``"Taal"`` or ``"finances"``.
    vocabulary : mapping
        The theme vocabulary (code -> info), e.g. ``G.graph["themes"]``.

    Returns
    -------
    str or None
        The code, or ``None`` when the text is not a known code or alias.

    Examples
    --------
    >>> from sociale_kaart.core.themes import default_vocabulary, resolve_theme
    >>> resolve_theme("Eenzaamheid", default_vocabulary())
    'loneliness'
    >>> resolve_theme("knitting", default_vocabulary()) is None
    True
    """
    token = normalise_token(text)
    if token in vocabulary:
        return token
    alias = DUTCH_ALIASES.get(token)
    if alias is not None and alias in vocabulary:
        return alias
    return None


def nearest_code(text: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate closest to ``text``, for "did you mean" hints.

    Examples
    --------
    >>> from sociale_kaart.core.themes import nearest_code
    >>> nearest_code("finance", ["finances", "housing"])
    'finances'
    >>> nearest_code("zzz", ["finances", "housing"]) is None
    True
    """
    pool = list(candidates)
    matches = difflib.get_close_matches(normalise_token(text), pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def theme_label(code: str, vocabulary: Mapping[str, ThemeInfo], *, language: str = "en") -> str:
    """Return the human label of a theme code in Dutch (``"nl"``) or English.

    Unknown codes are returned unchanged.

    Examples
    --------
    >>> from sociale_kaart.core.themes import default_vocabulary, theme_label
    >>> theme_label("parenting", default_vocabulary(), language="nl")
    'Opvoeding'
    """
    check_language(language)
    info = vocabulary.get(code)
    if info is None:
        return code
    return info["label_nl"] if language == "nl" else info["label_en"]


def is_valid_code(code: str) -> bool:
    """Whether ``code`` has the form of a theme code (lower snake case)."""
    return bool(_CODE_RE.match(code))
