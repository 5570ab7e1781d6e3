"""The report section "Voor de gemeente" / "For the municipality" (issue 14, a policy page).

A municipal policy officer reads a wijkanalyse for three things, and
:func:`policy_tables` gives each as one table, ready for pandas:

- ``needs``: residents with a need, per theme and neighbourhood (counts;
  small cells suppressed with the library's one disclosure-control helper,
  :func:`~sociale_kaart.privacy.suppression.suppress_small`, primary and
  complementary);
- ``supply``: the offers per theme on each rung of the ladder of provisions,
  :data:`~sociale_kaart.core.vocabulary.LEVELS` (eigen kracht, voorliggend
  veld, municipal maatwerk, and care covered by health insurance, kept apart
  because the municipality neither buys nor grants it), with the open places
  where a capacity is recorded (from :func:`~sociale_kaart.supply`);
- ``meetings``: the meeting hours the team could win back (from
  :func:`~sociale_kaart.meeting_audit`).

:func:`policy_blocks` turns them into blocks of the page, in the team and in
the public version alike: the section holds no person, only counts of
residents, counts of offers and sums of hours.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.formatting import format_number, format_percent
from sociale_kaart.core.strings import text
from sociale_kaart.core.themes import theme_label
from sociale_kaart.core.vocabulary import LEVELS, OFFER_KINDS
from sociale_kaart.gaps.api import meeting_audit
from sociale_kaart.gaps.common import NO_NEIGHBOURHOOD
from sociale_kaart.gaps.supply import NO_THEME, supply
from sociale_kaart.privacy.suppression import MIN_CELL_DEFAULT, check_min_cell, suppress_small

__all__ = ["PolicyTables", "policy_blocks", "policy_tables"]

Block = dict[str, Any]

#: The label of the column (needs) and of the row (meetings) holding totals.
TOTAL = "total"
#: The columns of :attr:`PolicyTables.supply`, in order.
SUPPLY_COLUMNS: tuple[str, ...] = (
    *LEVELS,
    "no_level",
    "offers",
    "open_places",
    "capacity_unknown",
    "full",
)
#: The columns of :attr:`PolicyTables.meetings`, in order.
MEETING_COLUMNS: tuple[str, ...] = (
    "meetings",
    "hours_per_month",
    "flagged_meetings",
    "hours_won_back",
    "professionals",
    "professionals_flagged",
)


@dataclass(frozen=True)
class PolicyTables:
    """The three tables of the policy page; see :func:`policy_tables`.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> tables = sk.policy_tables(sk.load_sample())
    >>> sorted(vars(tables))
    ['meetings', 'needs', 'supply']
    """

    needs: pd.DataFrame
    supply: pd.DataFrame
    meetings: pd.DataFrame


def _theme_order(G: nx.MultiDiGraph, codes: set[str]) -> list[str]:
    """The map's theme vocabulary order, then codes it does not know (sorted)."""
    vocabulary = list(G.graph.get("themes") or ())
    known = [c for c in vocabulary if c in codes]
    return known + sorted(codes - set(known))


def _needs(G: nx.MultiDiGraph, *, aggregate_only: bool, min_cell: int) -> pd.DataFrame:
    counts: dict[tuple[str, str], int] = {}
    neighbourhoods: set[str] = set()
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") != "resident":
            continue
        needs = attrs.get("needs") or {}
        if not needs:
            continue
        nb = str(attrs.get("neighbourhood") or NO_NEIGHBOURHOOD)
        neighbourhoods.add(nb)
        for theme in dict.fromkeys(needs):
            counts[(nb, str(theme))] = counts.get((nb, str(theme)), 0) + 1
    themes = _theme_order(G, {t for _, t in counts})
    rows = sorted(neighbourhoods - {NO_NEIGHBOURHOOD}) + sorted(neighbourhoods & {NO_NEIGHBOURHOOD})
    # Neighbourhoods as rows first: suppress_small protects columns against their total row.
    wide = pd.DataFrame(
        [[counts.get((nb, t), 0) for t in themes] for nb in rows],
        index=pd.Index(rows, dtype=object),
        columns=pd.Index(themes, dtype=object),
        dtype="int64",
    )
    wide.loc[TOTAL] = wide.sum(axis=0)
    if aggregate_only and themes:
        wide = suppress_small(wide, themes, min_cell=min_cell, total_row=TOTAL)
        wide = wide.drop(columns="suppressed")
    out = wide.T.astype("Int64")
    out.index.name = "theme"
    out.columns.name = "neighbourhood"
    return out


def _supply(G: nx.MultiDiGraph) -> pd.DataFrame:
    levels = supply(G, by="theme")
    places: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") not in OFFER_KINDS:
            continue
        capacity = attrs.get("capacity")
        for theme in dict.fromkeys(attrs.get("themes") or ()) or [NO_THEME]:
            if capacity is None:
                unknown[theme] = unknown.get(theme, 0) + 1
            else:
                places[theme] = places.get(theme, 0) + int(capacity)
    order = _theme_order(G, {str(t) for t in levels.index} - {NO_THEME})
    if NO_THEME in levels.index:
        order.append(NO_THEME)
    out = pd.DataFrame(
        {
            **{c: levels[c] for c in (*LEVELS, "no_level", "offers")},
            "open_places": pd.Series(places, dtype="int64"),
            "capacity_unknown": pd.Series(unknown, dtype="int64"),
            "full": levels["full"],
        },
        index=pd.Index(order, dtype=object, name="theme"),
    )
    return out.fillna(0).astype("int64")[list(SUPPLY_COLUMNS)]


def _meetings(G: nx.MultiDiGraph, *, min_hours: float, min_relevance: float) -> pd.DataFrame:
    audit = meeting_audit(G, min_hours=min_hours, min_relevance=min_relevance)
    meetings, people = audit.meetings, audit.professionals
    row = {
        "meetings": len(meetings),
        "hours_per_month": float(meetings["hours_per_month"].fillna(0.0).sum()),
        "flagged_meetings": int(meetings["flagged"].sum()),
        "hours_won_back": float(audit.hours_won_back),
        "professionals": len(people),
        "professionals_flagged": int((people["flagged_hours"] > 0).sum()),
    }
    out = pd.DataFrame([row], index=pd.Index([TOTAL], name="scope"))
    return out.astype(
        {
            "meetings": "int64",
            "flagged_meetings": "int64",
            "professionals": "int64",
            "professionals_flagged": "int64",
        }
    )[list(MEETING_COLUMNS)]


def policy_tables(
    G: nx.MultiDiGraph,
    *,
    aggregate_only: bool = True,
    min_cell: int = MIN_CELL_DEFAULT,
    min_hours: float = 6.0,
    min_relevance: float = 0.2,
) -> PolicyTables:
    """The figures a municipality asks of a neighbourhood map, as three tables.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map (not changed).
    aggregate_only : bool, default True
        Suppress small counts of residents, as for anything that leaves the
        team (the policy page is read at the town hall). With ``False`` the
        team's own full counts. The tables have the same columns and dtypes
        either way.
    min_cell : int, default 10
        Counts of residents from 1 to ``min_cell - 1`` are suppressed (at
        least 5); see :func:`~sociale_kaart.privacy.suppression.suppress_small`.
    min_hours, min_relevance : float
        The rule of a meeting that costs much and shares little, as in
        :func:`~sociale_kaart.meeting_audit`.

    Returns
    -------
    PolicyTables
        ``needs``
            Indexed by ``theme`` (themes residents have a need on, in the
            map's theme order), one nullable-integer column per
            neighbourhood (sorted; residents without one under ``"(none)"``)
            and ``total``: the number of residents of that neighbourhood
            with a need on that theme. A resident with several needs counts
            once in each of their themes, so a neighbourhood's column does
            not add up to its residents. With ``aggregate_only``, a count
            below ``min_cell`` is ``<NA>``, and so is one more cell (or the
            total) wherever a hidden cell could be worked out from the
            theme's total. Zero stays zero.
        ``supply``
            Indexed by ``theme`` (every theme an offer has, then ``"(none)"``
            for offers without one): the offers per level (``informal``,
            ``general``, ``specialised``, ``insured``, then ``no_level``),
            ``offers`` (each offer once), ``open_places`` (the sum of the
            recorded ``capacity``, the places still open),
            ``capacity_unknown`` (offers with no capacity recorded, not in
            ``open_places``) and ``full`` (capacity 0). An offer with several
            themes counts under each. Offers are not people: never suppressed.
        ``meetings``
            One row, ``total``: the team's ``meetings`` (``meets`` ties of a
            professional) and their ``hours_per_month``; ``flagged_meetings``
            and ``hours_won_back`` (many hours, little shared: the rule of
            :func:`~sociale_kaart.meeting_audit`); ``professionals`` (with a
            meeting) and ``professionals_flagged`` (with a flagged one). No
            one is named.

    Raises
    ------
    NotAMapError
        When ``G`` is not a map.
    TypeError, ValueError
        For ``min_cell`` below 5 or not a whole number, or bad meeting options.

    See Also
    --------
    coverage : demand against supply per neighbourhood and theme.
    supply : the offers per theme and area.
    meeting_audit : the meetings one by one.

    Notes
    -----
    The levels follow the Dutch ladder of provisions: eigen kracht and the
    voorliggend veld before municipal maatwerk (Wmo 2015, Jeugdwet), with
    care under the Zorgverzekeringswet (such as specialist mental health
    care, GGZ) a rung of its own, since it is insured rather than granted by
    the municipality. Suppression is the threshold rule of official
    statistics with secondary suppression against the totals (Hundepool et
    al. 2012).

    References
    ----------
    Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Nordholt,
    E. S., Spicer, K., & de Wolf, P.-P. (2012). *Statistical Disclosure
    Control*. Wiley. https://doi.org/10.1002/9781118348239

    Kretzmann, J. P., & McKnight, J. L. (1993). *Building Communities from the
    Inside Out*. ACTA Publications (supply as assets, before services).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> tables = sk.policy_tables(G)
    >>> tables.supply.loc["mental_health", ["specialised", "insured"]].tolist()
    [0, 1]
    >>> int(tables.needs.loc["language", "total"]) >= 10
    True
    >>> tables.meetings.loc["total", "hours_won_back"]
    np.float64(44.0)

    The team's own counts, without suppression:

    >>> full = sk.policy_tables(G, aggregate_only=False)
    >>> int(full.needs["total"].sum()) >= int(tables.needs["total"].sum())
    True
    """
    require_map(G)
    min_cell = check_min_cell(min_cell)
    if not isinstance(aggregate_only, bool):
        raise TypeError(f"aggregate_only must be True or False, not {aggregate_only!r}")
    return PolicyTables(
        needs=_needs(G, aggregate_only=aggregate_only, min_cell=min_cell),
        supply=_supply(G),
        meetings=_meetings(G, min_hours=min_hours, min_relevance=min_relevance),
    )


# ----------------------------------------------------------------------------- blocks


def _theme_rows(G: nx.MultiDiGraph, index: pd.Index, language: str) -> list[str]:
    vocabulary = G.graph.get("themes") or {}
    return [
        text("report.none", language)
        if t == NO_THEME
        else theme_label(str(t), vocabulary, language=language)
        for t in index
    ]


def _column_label(column: Hashable, language: str) -> str:
    if column in LEVELS:
        return text(f"level.{column}", language)
    if column == TOTAL:
        return text("report.total", language)
    if column == NO_NEIGHBOURHOOD:
        return text("report.none", language)
    key = f"policy.col.{column}"
    from sociale_kaart.core.strings import STRINGS

    return text(key, language) if key in STRINGS else str(column)


def _relabel(G: nx.MultiDiGraph, frame: pd.DataFrame, language: str) -> pd.DataFrame:
    out = frame.copy()
    out.index = pd.Index(_theme_rows(G, frame.index, language), name="theme")
    out.columns = pd.Index([_column_label(c, language) for c in frame.columns])
    return out


def _hours(value: float, language: str) -> str:
    return format_number(value, language, decimals=0 if float(value).is_integer() else 1)


def policy_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[Block]:
    """The blocks of the section "For the municipality".

    ``ctx`` is the report's context (language, audience, min_cell). The
    public version suppresses small counts of residents; both versions hold
    counts only, never a person.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> ctx = {"language": "en", "audience": "public", "min_cell": 10}
    >>> blocks = policy_blocks(sk.load_sample(), ctx)
    >>> [b["text"] for b in blocks if b["type"] == "subheading"][0]
    'Residents with a need, per theme and neighbourhood'
    """
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    public = ctx["audience"] == "public"
    tables = policy_tables(G, aggregate_only=public, min_cell=min_cell)
    intro = "report.policy_intro_public" if public else "report.policy_intro_team"
    blocks: list[Block] = [note_block(text(intro, language, min_cell=min_cell))]

    blocks.append({"type": "subheading", "text": text("report.policy_needs", language)})
    if tables.needs.empty:
        blocks.append(note_block(text("report.policy_no_needs", language)))
    else:
        blocks.append(note_block(text("report.policy_needs_note", language)))
        if public:
            blocks.append(
                note_block(text("report.policy_needs_suppressed", language, min_cell=min_cell))
            )
        needs = _relabel(G, tables.needs, language)
        blocks.append(
            table_block(needs, language=language, min_cell=min_cell, numeric=list(needs.columns))
        )

    blocks.append({"type": "subheading", "text": text("report.policy_supply", language)})
    if tables.supply.empty:
        blocks.append(note_block(text("report.policy_no_supply", language)))
    else:
        blocks.append(note_block(text("report.policy_supply_note", language)))
        frame = tables.supply
        if not frame["no_level"].any():
            frame = frame.drop(columns="no_level")
        frame = _relabel(G, frame, language)
        blocks.append(table_block(frame, language=language, min_cell=min_cell))

    blocks.append({"type": "subheading", "text": text("report.policy_meetings", language)})
    row: dict[Hashable, Any] = tables.meetings.iloc[0].to_dict()
    if int(row["meetings"]) == 0:
        blocks.append(note_block(text("report.policy_no_meetings", language)))
        return blocks
    total = float(row["hours_per_month"])
    won = float(row["hours_won_back"])
    blocks.append(
        note_block(
            text(
                "report.policy_meetings_note",
                language,
                hours=_hours(won, language),
                flagged=format_number(int(row["flagged_meetings"]), language, decimals=0),
                people=format_number(int(row["professionals_flagged"]), language, decimals=0),
                total=_hours(total, language),
                meetings=format_number(int(row["meetings"]), language, decimals=0),
                share=format_percent(won / total if total else 0.0, language),
            )
        )
    )
    return blocks
