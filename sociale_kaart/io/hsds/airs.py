"""Themes from AIRS taxonomy codes (the 211 LA County taxonomy of human services).

Many 211 directories tag services with terms of the AIRS/211 LA County taxonomy, and a
term carries its code ("BD-1800.2000" for Food Pantries) in the ``code`` column or, in
many 211 exports, as its id. The code is hierarchical: the first letter names a service
area (B = Basic Needs), the second a branch of it (BD = Food), and the digits narrow it
down (BD-1800 = Emergency Food, BD-1800.2000 = Food Pantries, BD-1800.2000-620 =
Occasional Emergency Food Assistance). A term whose name has no theme word in it
("Glaucoma Treatment", "Cell Phones") still sits in a branch whose meaning is known.

:data:`AIRS_CODE_THEMES` is the one table from code prefixes to themes. Every entry is
there because of what the branch means in the taxonomy (written beside it), not because
of any row it happens to fit. The longest prefix of a code that is in the table decides;
an empty tuple means "known: this branch has no theme" (Target Populations, disaster
services, the organisational branch). Branches that mix themes (Individual and Family
Life as a whole, Income Support and Employment as a whole) give nothing by themselves,
so only their single-theme children are in the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["AIRS_CODE_THEMES", "airs_code", "airs_code_themes"]

#: An AIRS code: one or two capital letters, then up to four levels of digits
#: (``BD``, ``BD-1800``, ``BD-1800.2000``, ``BD-1800.2000-620``, ``BD-1800.2000-620.01``).
_AIRS_CODE_RE = re.compile(r"^([A-Z]{1,2})(?:-(\d{4})(?:\.(\d{4})(?:-(\d{3})(?:\.(\d{2}))?)?)?)?$")

#: Code prefix -> themes (codes of :data:`sociale_kaart.core.themes.DEFAULT_THEMES`).
#: The meaning of each prefix in the AIRS/211 LA County taxonomy is the comment beside it.
AIRS_CODE_THEMES: dict[str, tuple[str, ...]] = {
    # B: Basic Needs (as a whole: food, housing, goods, money, transport: several themes)
    "B": (),
    "BD": ("finances",),  # Food: pantries, vouchers, food stamps, free meals (food aid)
    "BH": ("housing",),  # Housing/Shelter
    "BM": ("finances",),  # Material Goods: clothing, furniture, phones (material aid)
    "BR": ("finances",),  # Temporary Financial Assistance
    "BT": ("instrumental_adl",),  # Transportation: getting around is an instrumental ADL
    "BV": ("finances",),  # Utilities: help to pay for and keep gas, water, electricity
    # D: Consumer Services (as a whole: complaints, regulation, permits: no theme)
    "D": (),
    "DM": ("finances",),  # Money Management: budgeting, credit and debt counselling
    "DT": ("finances",),  # Tax Organizations and Services: tax preparation, tax relief
    # F: Criminal Justice and Legal Services: courts, police, corrections, legal aid
    "F": ("justice",),
    "FT-3000": ("justice", "domestic_relations"),  # Family Law: divorce, custody, support
    # H: Education: schools, adult education, educational support
    "H": ("work_education",),
    "HD-1800": ("parenting", "work_education"),  # Early Childhood Education (pre-school)
    # J: Environment and Public Health/Public Safety: inspections, pest control, safety
    "J": (),
    # L: Health Care: screening, treatment, specialty medicine, rehabilitation, equipment
    "L": ("physical_health",),
    # N: Income Support and Employment (as a whole: money and work, two themes)
    "N": (),
    "ND": ("work_education",),  # Employment: job search, training, placement
    "NL": ("finances",),  # Public Assistance Programs: cash and food benefits
    "NS": ("finances",),  # Social Insurance Programs: pensions, disability and survivor pay
    # P: Individual and Family Life (as a whole: child care, support, leisure, several)
    "P": (),
    "PL": ("time_use",),  # Leisure Activities/Recreation: arts, hobbies, outings
    "PN": ("social_network",),  # Mutual Support: support groups of peers
    "PS": ("time_use",),  # Social Development and Enrichment: scouting, clubs, enrichment
    # R: Mental Health and Substance Use Disorder Services: every branch but RX is
    # mental health care (assessment, counselling, crisis intervention, treatment)
    "R": ("mental_health",),
    "RX": ("substance_use",),  # Substance Use Disorder Services
    # T: Organizational/Community/International Services: disaster services, information
    # services, associations, support for organisations (no theme of a resident's life)
    "T": (),
    "TC": ("community_participation",),  # Community Facilities/Centers
    # Y: Target Populations: whom a service is for, never what it is about
    "Y": (),
}


def airs_code(value: object) -> str | None:
    """The AIRS code in ``value`` (upper case, without spaces), or None if it is none.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.airs import airs_code
    >>> airs_code(" bd-1800.2000 "), airs_code("BD-1800.2000-620"), airs_code("L")
    ('BD-1800.2000', 'BD-1800.2000-620', 'L')
    >>> airs_code("12"), airs_code("food"), airs_code("sk:lat:52.1")
    (None, None, None)
    """
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    return code if _AIRS_CODE_RE.match(code) else None


def _prefixes(code: str) -> list[str]:
    """The code and its ancestors, longest first: BD-1800.2000 -> BD-1800.2000, BD-1800, BD, B."""
    match = _AIRS_CODE_RE.match(code)
    if match is None:
        return []
    letters, *levels = match.groups()
    out = [letters[:1]] + ([letters] if len(letters) == 2 else [])
    current = letters
    for separator, level in zip(("-", ".", "-", "."), levels, strict=True):
        if level is None:
            break
        current = f"{current}{separator}{level}"
        out.append(current)
    return out[::-1]


def airs_code_themes(
    code: str | None,
    table: Mapping[str, tuple[str, ...]] = AIRS_CODE_THEMES,
) -> tuple[str, tuple[str, ...]] | None:
    """The longest prefix of an AIRS code in ``table`` and its themes; None if none is.

    Parameters
    ----------
    code : str or None
        An AIRS code such as ``"BD-1800.2000"`` (see :func:`airs_code`).
    table : mapping, optional
        Code prefix -> theme codes; :data:`AIRS_CODE_THEMES` by default.

    Returns
    -------
    tuple or None
        ``(prefix, themes)``; ``themes`` is empty for a branch known to have no theme.

    References
    ----------
    .. [1] 211 LA County, *The 211 LA County Taxonomy of Human Services* (formerly the
       AIRS/211 LA County Taxonomy of Human Services), Los Angeles: 211 LA County. The
       code structure: one letter per service area, a second per branch, then levels
       of digits.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.airs import airs_code_themes
    >>> airs_code_themes("BD-1800.2000-620")  # Occasional Emergency Food Assistance
    ('BD', ('finances',))
    >>> airs_code_themes("FT-3000.1700")  # Divorce Assistance, under Family Law
    ('FT-3000', ('justice', 'domestic_relations'))
    >>> airs_code_themes("TH-2600.1800"), airs_code_themes("food")  # disaster services
    (('T', ()), None)
    """
    if not code:
        return None
    for prefix in _prefixes(code.strip().upper()):
        if prefix in table:
            return prefix, tuple(table[prefix])
    return None
