"""Word lists for the language tests (issue 14, "Real Dutch, and real English").

``ENGLISH`` holds common English words that a Dutch sentence does not use, and
``DUTCH`` the reverse; words that both languages write the same way (``in``,
``is``, ``was``, ``of``, ``over``, ``team``, ``open``, ``route``, ``week``,
``offer`` ...) are on neither list, since they prove nothing. ``SHARED`` is the
short list of words a Dutch table entry may share with its English
counterpart, each with its reason.
"""

from __future__ import annotations

import re


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: English words that do not occur in Dutch text.
ENGLISH: frozenset[str] = _wordlist(
    """
    the with and which from for to this that these there their they has have are not no
    none nobody only also both each every where when what who why how than then but or if
    into about after before between without within near yes
    found path eligible eligibility betweenness gender degree severity coverage knowledge
    need needs resident residents neighbourhood neighbourhoods theme themes gap gaps knows
    loading writing written referral referrals journal started accepted proposed rejected
    cancelled unknown missing supermarket bench brokerage citizen language languages
    informal general specialised custom people support hours month months year years
    meeting meetings shared clients level total count pass
    """
)

#: Dutch words that do not occur in English text.
DUTCH: frozenset[str] = _wordlist(
    """
    de het een en van voor met niet geen bewoner bewoners buurt aanbod thema tekort tekorten
    verwijzing verwijzingen niemand kent biedt helpt hulp bij naar zijn wordt heeft hebben
    ook maar nog wel niveau informeel maatwerk voorliggend veld gezelschap eenzaamheid taal
    financiën beweging opvoeding werk opleiding onbekend totaal geslacht gemaakt uur uren
    maand jaar weken dagen deel gestart afgewezen geaccepteerd voorgesteld eigen netwerk plek
    plekken overleg kaart sociale wijk bankje nieuwkomer burger ernst soort op om te er die
    dat wie wat waar als dan door uit
    """
)

#: Words a Dutch string may share with its English one: Dutch words spelled the English way.
SHARED: dict[str, str] = {
    "professional": "the word Dutch social work uses for a paid worker",
    "professionals": "plural of the above",
    "id": "the column of identifiers, a code in both languages",
    "postcode": "Dutch (and British) word for the postal code",
    "team": "Dutch word (buurtteam, wijkteam)",
    "contact": "Dutch word",
    "via": "Dutch word",
    "records": "the Dutch loanword for rows of data",
    "score": "Dutch word",
    "scores": "Dutch plural",
    "caseload": "the loanword Dutch practitioners use",
    "status": "Dutch word",
    "route": "Dutch word",
    "open": "Dutch word",
}

_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased; ``{placeholders}`` and digits are no words."""
    return [w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))]


def foreign(text: str, language: str) -> list[str]:
    """The words of ``text`` that belong to the other language (sorted, once each)."""
    other = ENGLISH if language == "nl" else DUTCH
    return sorted({w for w in words(text) if w in other})
