"""Gap detection: what is missing on the social map, ranked and explained.

A neighbourhood analysis (*wijkanalyse*) looks for what the map lacks:
needs that no open offer covers, offers only one professional knows,
residents without ties, places where residents gather and no professional
comes, organisations that share clients but never talk, meetings that eat
the week, records nobody has checked for years.
:func:`~sociale_kaart.find_gaps` finds them all, ranks them by severity and
explains each in a plain sentence (English or Dutch) with a concrete next
step. Each gap type also has a function of its own;
:func:`~sociale_kaart.coverage`, :func:`~sociale_kaart.meeting_audit` and
:func:`~sociale_kaart.stale_records` return the detailed tables behind three
of them, and :func:`~sociale_kaart.what_if` shows what changes when a
professional leaves or an offer closes.

Gap types and their severity (0-1). ``sat(n, h) = n / (n + h)`` rises from
0 to 1 and is 0.5 at ``n = h``.

``coverage``
    A neighbourhood x theme cell whose residents have no eligible, open,
    nearby, non-specialised offer (see :func:`~sociale_kaart.coverage`). Severity
    ``w(reason) * sat(demand, 10)`` with ``w`` = 1 (no offer, not eligible),
    0.9 (full), 0.8 (specialised only), 0.7 (far). Cells of one theme with
    the same reason are merged into one row (``neighbourhood`` empty).
``single_knower``
    An offer known by at most one professional of a team working in its
    area. ``(1 if nobody else 0.7) * (0.2 + 0.8 * sat(n, 10))``, ``n`` the
    needs on its themes of residents it serves who may use them.
``knowledge``
    A professional whose clients need a theme, who does not know offers on it
    that team colleagues know. ``share * (1 if the professional knows no
    offer on the theme else 0.8)``, ``share`` the part of the caseload with
    the need that may use one of the missing offers.
``isolation``
    A resident with no ``knows`` tie to another resident, or with a need and
    no path to an eligible offer (:func:`~sociale_kaart.isolation`). ``0.5 * no informal tie
    + 0.2 * (no informal and no professional tie) + 0.3 * w / 5``, ``w`` the
    ZRM weight of the heaviest need without a path.
``unreached_place``
    A place residents visit that no professional visits and where no offer
    the team knows meets: ``sat(m, 5)``, ``m`` the visitors with a need; and
    a group of at least 3 residents who know each other with no tie to any
    professional: ``0.5 * sat(m, 5)``.
``structural_hole``
    Two organisations (through their staff) or two teams that support at
    least 2 of the same residents with no tie between them: ``sat(n, 5)``;
    two organisations with two or more themes in common in the same area and
    no tie: ``0.3 * sat(c, 1)``.
``meeting_load``
    A professional with costly low-relevance meetings
    (:func:`~sociale_kaart.meeting_audit`): ``sat(h, 10)``, ``h`` the flagged hours a month.
``stale_record``
    An offer not verified for more than ``stale_months`` months:
    ``0.25 + 0.25 * min(1, months over / stale_months)``; never verified: 0.4.
``repeated_refusal``
    From the referral journal: an offer that rejected referrals for one
    eligibility rule (the reason names the tag, ``eligibility: eu_citizen``),
    with the rule and the alternative that started afterwards in the chain:
    ``sat(n, 2)``, ``n`` the refusals.
``companion_effect``
    From the journal: referrals made with a companion start more often than
    those without, by Fisher's exact test (:func:`~sociale_kaart.companion_effect`;
    only with at least 20 referrals in each group and p < 0.05):
    ``(rate with - rate without) * sat(n, 50)``, ``n`` the referrals compared.
``open_loop``
    From the journal: referrals of one referrer with no status for more than
    ``open_weeks`` weeks (:func:`~sociale_kaart.open_loops`): ``0.6 * sat(n, 5)``.

The weights are choices, made so that a gap touching many residents with
heavy needs outranks a housekeeping matter; they are documented in
:doc:`/gaps` with their limits.

References
----------
Kretzmann, J. P., & McKnight, J. L. (1993). *Building Communities from the
Inside Out*. ACTA Publications.

Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
Harvard University Press. https://doi.org/10.4159/9780674029095
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections import Counter
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.builder import gc_paused
from sociale_kaart.core.checks import chosen_codes, require_map
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.strings import check_language, text
from sociale_kaart.core.vocabulary import LEVELS
from sociale_kaart.gaps.common import GAP_TYPES, NO_NEIGHBOURHOOD, OPEN_WEEKS, Gap, Options
from sociale_kaart.gaps.coverage import coverage_cells
from sociale_kaart.gaps.detect import detect, meeting_rows, stale_rows
from sociale_kaart.gaps.journal import companion_effect, journal_day, open_loops
from sociale_kaart.index.compiled import get_index
from sociale_kaart.index.lookups import GapIndex
from sociale_kaart.privacy.suppression import check_min_cell, suppress_small

__all__ = [
    "COLUMNS",
    "GAP_TYPES",
    "MeetingAudit",
    "WhatIf",
    "companion_effect",
    "coverage",
    "coverage_gaps",
    "find_gaps",
    "isolation",
    "knowledge_gaps",
    "meeting_audit",
    "open_loops",
    "single_knowers",
    "stale_records",
    "structural_holes_between_groups",
    "unreached_places",
    "what_if",
]

#: The columns of every gap table, in order.
COLUMNS: tuple[str, ...] = (
    "gap_type",
    "severity",
    "neighbourhood",
    "theme",
    "nodes",
    "explanation",
    "suggestion",
)

_COVERAGE_COLUMNS = (
    "residents",
    "demand",
    "offers",
    "eligible",
    "supply",
    *LEVELS,
    "full",
    "far",
    "unserved",
    "gap",
    "gap_reason",
)


# ----------------------------------------------------------------------------- checks


def _check_graph(G: Any) -> None:
    if not isinstance(G, nx.MultiDiGraph):
        raise TypeError(
            f"G must be a networkx.MultiDiGraph social map (e.g. from sk.read_csv), "
            f"not {type(G).__name__}"
        )


def _number(value: Any, name: str, *, low: float, whole: bool = False) -> None:
    ok = isinstance(value, (int, np.integer)) or (
        not whole and isinstance(value, (float, np.floating))
    )
    if isinstance(value, bool) or not ok:
        what = "a whole number" if whole else "a number"
        raise TypeError(f"{name} must be {what}, not {type(value).__name__}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, not {value}")


def _options(
    *,
    today: _dt.date | None = None,
    language: str = "en",
    max_hops: int = 3,
    max_distance_km: float | None = 3.0,
    stale_months: int = 12,
    min_hours: float = 6.0,
    min_relevance: float = 0.2,
    min_shared: int = 2,
    min_group: int = 3,
    aggregate_only: bool = False,
    min_cell: int = 10,
    merge_coverage: bool = True,
    open_weeks: int = OPEN_WEEKS,
    journal_day: _dt.date | None = None,
) -> Options:
    if today is None:
        today = _dt.date.today()
    if isinstance(today, _dt.datetime) or not isinstance(today, _dt.date):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    check_language(language)
    _number(max_hops, "max_hops", low=1, whole=True)
    if max_distance_km is not None:
        _number(max_distance_km, "max_distance_km", low=0)
    _number(stale_months, "stale_months", low=1, whole=True)
    _number(min_hours, "min_hours", low=0)
    _number(min_relevance, "min_relevance", low=0)
    if min_relevance > 1:
        raise ValueError(f"min_relevance is a share from 0 to 1, not {min_relevance}")
    _number(min_shared, "min_shared", low=1, whole=True)
    _number(min_group, "min_group", low=2, whole=True)
    _number(open_weeks, "open_weeks", low=1, whole=True)
    if not isinstance(aggregate_only, bool):
        raise TypeError(f"aggregate_only must be True or False, not {aggregate_only!r}")
    return Options(
        today=today,
        language=language,
        max_hops=int(max_hops),
        max_distance_km=None if max_distance_km is None else float(max_distance_km),
        stale_months=int(stale_months),
        min_hours=float(min_hours),
        min_relevance=float(min_relevance),
        min_shared=int(min_shared),
        min_group=int(min_group),
        aggregate_only=aggregate_only,
        min_cell=check_min_cell(min_cell),
        merge_coverage=merge_coverage,
        open_weeks=int(open_weeks),
        journal_day=journal_day,
    )


def _kinds(kinds: str | Iterable[str] | None) -> list[str]:
    return chosen_codes(kinds, GAP_TYPES, parameter="kinds", what="gap type")


def _frame(gaps: list[Gap]) -> pd.DataFrame:
    data = {
        "gap_type": pd.Series([g.gap_type for g in gaps], dtype=object),
        "severity": pd.Series([g.severity for g in gaps], dtype=float),
        "neighbourhood": pd.Series([g.neighbourhood for g in gaps], dtype=object),
        "theme": pd.Series([g.theme for g in gaps], dtype=object),
        "nodes": pd.Series([g.nodes for g in gaps], dtype=object),
        "explanation": pd.Series([g.explanation for g in gaps], dtype=object),
        "suggestion": pd.Series([g.suggestion for g in gaps], dtype=object),
    }
    return pd.DataFrame(data, columns=list(COLUMNS))


def _lookups(G: nx.MultiDiGraph, opts: Options) -> GapIndex:
    """The gap look-ups of ``G`` from its compiled index (built once per map)."""
    with gc_paused():
        return get_index(G).lookups(today=opts.today)


def _gaps(G: nx.MultiDiGraph, kinds: list[str], opts: Options) -> list[Gap]:
    _check_graph(G)
    with gc_paused():
        return detect(_lookups(G, opts), kinds, opts)


# ----------------------------------------------------------------------------- find_gaps


def find_gaps(
    G: nx.MultiDiGraph,
    *,
    kinds: str | Iterable[str] | None = None,
    language: str = "en",
    min_cell: int = 10,
    aggregate_only: bool = False,
    today: _dt.date | None = None,
    max_hops: int = 3,
    max_distance_km: float | None = 3.0,
    stale_months: int = 12,
    min_hours: float = 6.0,
    min_relevance: float = 0.2,
    open_weeks: int = OPEN_WEEKS,
    top: int | None = None,
    per_type: int | None = None,
) -> pd.DataFrame:
    """Find every gap on the map, ranked by severity, each explained in a sentence.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    kinds : str or iterable of str, optional
        The gap types to look for (see :data:`~sociale_kaart.gaps.api.GAP_TYPES`); all by default.
    language : {"en", "nl"}
        The language of ``explanation`` and ``suggestion``.
    min_cell : int, default 10
        In the aggregate view, counts of residents from 1 to ``min_cell - 1``
        are shown as "fewer than ``min_cell``" (at least 5).
    aggregate_only : bool
        Default False. True gives the view for sharing outside the team:
        no resident ids in ``nodes``, isolated residents counted per
        neighbourhood, small counts suppressed, severities rounded to one
        decimal.
    today : datetime.date, optional
        The day for ages, record staleness and open referrals; today by
        default (open referrals: the map's ``as_of`` date when it has one).
    max_hops : int, default 3
        The longest path from a resident to an offer (see :func:`isolation`).
    max_distance_km : float or None, default 3.0
        An offer further than this from the centre of a cell's residents is
        "far" (:func:`coverage`), and so is an offer without coordinates
        (never "nearby"); ``None`` ignores distance.
    stale_months : int, default 12
        A record not verified for more months than this is stale.
    min_hours, min_relevance : float
        A meeting of at least ``min_hours`` a month with relevance below
        ``min_relevance`` is flagged (:func:`meeting_audit`).
    open_weeks : int, default 6
        A referral in the journal with no status for more weeks than this
        is an open loop (:func:`open_loops`).
    top : int, optional
        Keep only the ``top`` most severe gaps; all by default (``None``).
    per_type : int, optional
        Keep only the ``per_type`` most severe gaps of each gap type (applied
        before ``top``); all by default (``None``). The order by severity is
        kept either way.

    Returns
    -------
    pandas.DataFrame
        One row per gap, with columns :data:`~sociale_kaart.gaps.api.COLUMNS`: ``gap_type``,
        ``severity`` (0-1), ``neighbourhood`` (or None), ``theme`` (a theme
        code, or None), ``nodes`` (list of the ids involved), ``explanation``,
        ``suggestion``. Sorted by severity (highest first), then gap type
        in the order of :data:`~sociale_kaart.gaps.api.GAP_TYPES`, neighbourhood, theme and nodes.
        A map with no gaps (or no nodes) gives an empty frame.

    Raises
    ------
    TypeError
        If ``G`` is not a MultiDiGraph or an option has the wrong type.
    ValueError
        If ``kinds`` names an unknown type, ``language`` is not "en"/"nl",
        ``min_cell`` is below 5, or an option (``top`` and ``per_type``
        included: whole numbers of at least 0) is out of range.

    See Also
    --------
    coverage, single_knowers, knowledge_gaps, isolation, unreached_places,
    structural_holes_between_groups, meeting_audit, stale_records, what_if,
    companion_effect, open_loops

    Notes
    -----
    The severity formula of each type is given in the module documentation
    (:mod:`sociale_kaart.gaps.api`) and in :doc:`/gaps`. Severities of different
    types are made comparable by saturating counts with ``n / (n + h)``, so
    the ranking favours gaps that touch many residents with heavy needs.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> gaps = sk.find_gaps(G, today=dt.date(2026, 11, 21))
    >>> gaps.loc[gaps["gap_type"] == "unreached_place", "nodes"].iloc[0]
    ['pl_bankje']
    >>> sorted(gaps.loc[gaps["gap_type"] == "meeting_load", "nodes"].str[0])
    ['p_maatschappelijk2', 'p_opbouw']
    >>> shared = sk.find_gaps(G, today=dt.date(2026, 11, 21), aggregate_only=True)
    >>> any(n.startswith("r_") for nodes in shared["nodes"] for n in nodes)
    False

    The three most severe gaps, with at most one of each type:

    >>> sk.find_gaps(G, today=dt.date(2026, 11, 21), top=3, per_type=1)["gap_type"].is_unique
    True
    """
    require_map(G)
    for name, limit in (("top", top), ("per_type", per_type)):
        if limit is not None:
            _number(limit, name, low=0, whole=True)
    opts = _options(
        today=today,
        language=language,
        max_hops=max_hops,
        max_distance_km=max_distance_km,
        stale_months=stale_months,
        min_hours=min_hours,
        min_relevance=min_relevance,
        aggregate_only=aggregate_only,
        min_cell=min_cell,
        open_weeks=open_weeks,
        journal_day=journal_day(G, today),
    )
    _warn_no_residents(G, language)
    gaps = _gaps(G, _kinds(kinds), opts)
    if per_type is not None:
        seen: dict[str, int] = {}
        kept = []
        for gap in gaps:  # already in order of severity
            seen[gap.gap_type] = seen.get(gap.gap_type, 0) + 1
            if seen[gap.gap_type] <= per_type:
                kept.append(gap)
        gaps = kept
    if top is not None:
        gaps = gaps[:top]
    return _frame(gaps)


def _warn_no_residents(G: nx.MultiDiGraph, language: str) -> None:
    """Warn when the map holds no resident (a directory-only map, issue 11)."""
    if not any(kind == "resident" for _, kind in G.nodes(data="kind")):
        warnings.warn(text("directory.no_residents", language), UserWarning, stacklevel=3)


# ----------------------------------------------------------------------------- coverage


def coverage(
    G: nx.MultiDiGraph,
    *,
    today: _dt.date | None = None,
    max_distance_km: float | None = 3.0,
    aggregate_only: bool = False,
    min_cell: int = 10,
) -> pd.DataFrame:
    """The neighbourhood x theme matrix of demand against eligible supply.

    For each neighbourhood of the residents and each theme of the
    vocabulary: how many residents need the theme, how heavy that need is,
    and how many offers they can use.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    today : datetime.date, optional
        The day to compute ages on; today by default.
    max_distance_km : float or None, default 3.0
        Offers further than this from the centre of the cell's residents
        (both with coordinates; an offer without them uses its place's) do
        not count as supply; ``None`` ignores distance.
    aggregate_only : bool
        Default False. True suppresses ``residents``, ``demand`` and ``unserved`` from 1 to
        ``min_cell - 1`` (as missing values) with
        :func:`sociale_kaart.privacy.suppression.suppress_small`, which also adds a
        bool column ``suppressed``.
    min_cell : int, default 10
        The suppression threshold (at least 5).

    Returns
    -------
    pandas.DataFrame
        A long frame indexed by (``neighbourhood``, ``theme``), one row per
        cell (residents without a neighbourhood in ``"(none)"``), with:

        ``residents``
            residents of the neighbourhood with a need on the theme;
        ``demand``
            their needs weighted by ZRM score: ``6 - score`` (score 1, acute:
            5; score 5, self-reliant: 1), an unscored need 3;
        ``offers``
            offers on the theme open to the neighbourhood (``serves``);
        ``eligible``
            of those, offers at least one of these residents may use (the
            rules of ``sociale_kaart.core.eligibility`` say "yes" or "unknown",
            not "no");
        ``supply``
            eligible offers with room (``capacity`` not 0) and not far;
        ``informal``, ``general``, ``specialised``, ``insured``
            ``supply`` by level (offers without a level are in none);
        ``full``, ``far``
            eligible offers that are full, or far away (an offer without
            coordinates is far when the residents' centre is known);
        ``unserved``
            residents for whom no offer in ``supply`` is eligible;
        ``gap``
            True when residents have a need and no eligible, open, nearby
            offer that is not specialised (neither municipal maatwerk nor
            care covered by health insurance, level ``insured``);
        ``gap_reason``
            ``"no_offer"`` (nothing on the theme is open to the
            neighbourhood), ``"not_eligible"`` (offers exist, none is open to
            these residents), ``"specialised_only"`` (only specialised
            offers are open to them), ``"full"`` (the non-specialised ones are
            full), ``"far"`` (the rest are far away), or ``""``.

        An empty map gives an empty frame with these columns.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G`` or out-of-range options.

    See Also
    --------
    coverage_gaps : the gaps of this matrix, explained.

    Notes
    -----
    Use the long frame as a matrix with pandas, e.g.
    ``cov["supply"].unstack("theme")`` or
    ``cov.reset_index().pivot(index="neighbourhood", columns="theme",
    values="demand")``. The ZRM weight follows the matrix's scale, where 1
    means acute problems and 5 full self-reliance (Lauriks et al., 2010).

    References
    ----------
    Lauriks, S., Buster, M. C. A., de Wit, M. A. S., et al. (2010).
    *Zelfredzaamheid-Matrix*. GGD Amsterdam.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> cov = sk.coverage(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> cell = cov.loc[("Oude Dorp", "parenting")]
    >>> int(cell["residents"]), int(cell["supply"]), bool(cell["gap"]), cell["gap_reason"]
    (6, 0, True, 'no_offer')
    >>> row = cov.loc[("Havenkwartier", "mental_health")]
    >>> int(row["informal"] + row["general"]), row["gap_reason"]
    (0, 'specialised_only')
    """
    require_map(G)
    _warn_no_residents(G, "en")
    opts = _options(
        today=today,
        max_distance_km=max_distance_km,
        aggregate_only=aggregate_only,
        min_cell=min_cell,
    )
    _check_graph(G)
    ix = _lookups(G, opts)
    rows = []
    for cell in coverage_cells(ix, opts):
        levels = Counter(ix.level(o) for o in cell.supply)
        rows.append(
            (
                NO_NEIGHBOURHOOD if cell.nb is None else cell.nb,
                cell.theme,
                len(cell.residents),
                cell.demand,
                len(cell.offers),
                len(cell.eligible),
                len(cell.supply),
                *(levels[level] for level in LEVELS),
                len(cell.full),
                len(cell.far),
                cell.unserved,
                cell.reason is not None,
                cell.reason or "",
            )
        )
    frame = pd.DataFrame(rows, columns=["neighbourhood", "theme", *_COVERAGE_COLUMNS])
    for column in _COVERAGE_COLUMNS[:-2]:
        frame[column] = frame[column].astype("int64")
    frame["gap"] = frame["gap"].astype(bool)
    frame = frame.set_index(["neighbourhood", "theme"])
    if aggregate_only:
        frame = suppress_small(
            frame,
            ["residents", "demand", "unserved"],
            min_cell=opts.min_cell,
            linked={"residents": ["demand", "unserved"]},  # they would give the count away
        )
    return frame


def coverage_gaps(
    G: nx.MultiDiGraph,
    *,
    language: str = "en",
    today: _dt.date | None = None,
    max_distance_km: float | None = 3.0,
) -> pd.DataFrame:
    """The coverage gaps: needs with no eligible, open, nearby, non-specialised offer.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    today : datetime.date, optional
        The day to compute ages on.
    max_distance_km : float or None, default 3.0
        See :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, ``gap_type`` "coverage".
        ``nodes`` lists the offers behind the reason (full, far, specialised,
        or those on the theme that do not serve the neighbourhood).

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G`` or out-of-range options.

    See Also
    --------
    coverage : the full matrix.

    Notes
    -----
    Severity ``w(reason) * demand / (demand + 10)``, with ``w`` 1 for
    "no_offer" and "not_eligible", 0.9 "full", 0.8 "specialised_only", 0.7
    "far". Cells of one theme with the same reason are merged into one row
    whose ``neighbourhood`` is None and whose demand is their sum.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> rows = sk.coverage_gaps(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> rows.loc[rows["theme"] == "mental_health", ["neighbourhood", "nodes"]].values.tolist()
    [[None, ['o_ggz']]]
    """
    require_map(G)
    opts = _options(today=today, language=language, max_distance_km=max_distance_km)
    return _frame(_gaps(G, ["coverage"], opts))


# ----------------------------------------------------------------------------- per type


def single_knowers(
    G: nx.MultiDiGraph, *, language: str = "en", today: _dt.date | None = None
) -> pd.DataFrame:
    """Offers known by at most one professional of a team: the bus factor.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    today : datetime.date, optional
        The day to compute ages on (for who may use the offer).

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, ``gap_type``
        "single_knower"; ``nodes`` is the offer, then its one knower if any.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G`` or language.

    See Also
    --------
    knowledge_gaps : professionals who miss what colleagues know.

    Notes
    -----
    A professional knows an offer through ``knows_of``, ``refers`` or
    ``works_for`` (staff know their organisation). Teams come from the
    professionals' ``team`` (with no teams on the map, all professionals
    form one team). The offer's area is its neighbourhood and the
    neighbourhoods it serves (everywhere when it has neither). For each team
    with members working in that area, the offer is a single-knower gap when
    at most one of those members knows it. Severity ``b * (0.2 + 0.8 * n /
    (n + 10))``, ``b`` 1 when nobody knows it and 0.7 when one does, ``n``
    the needs on its themes of residents it serves who may use it (a
    resident with two matching needs counts twice).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> rows = sk.single_knowers(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> sorted(rows["nodes"].str[0])
    ['i_budgetcafe', 'i_buurtvaders', 'i_naaiclub', 'i_zwemclub_vrouwen', 'o_zwembad']
    """
    require_map(G)
    opts = _options(today=today, language=language)
    return _frame(_gaps(G, ["single_knower"], opts))


def knowledge_gaps(
    G: nx.MultiDiGraph, *, language: str = "en", today: _dt.date | None = None
) -> pd.DataFrame:
    """Professionals whose clients need a theme, who miss offers colleagues know.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    today : datetime.date, optional
        The day to compute ages on.

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, one per professional and
        theme, ``gap_type`` "knowledge"; ``nodes`` is the professional, then
        the offers they miss.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G`` or language.

    See Also
    --------
    single_knowers

    Notes
    -----
    Colleagues are the members of the professional's ``team`` (or, without
    a team, the staff of the same organisation). An offer is missing when a
    colleague knows it, the professional does not, it has the theme, and at
    least one client with the need may use it. Severity ``share * k``,
    ``share`` the part of the caseload with the need that may use a missing
    offer, ``k`` 1 when the professional knows no offer on the theme at all
    and 0.8 otherwise.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> rows = sk.knowledge_gaps(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> top = rows[rows["theme"] == "finances"].head(2)
    >>> top["nodes"].str[0].tolist(), top["severity"].tolist()
    (['p_schuld', 'p_maatschappelijk2'], [0.8, 0.75])
    """
    require_map(G)
    opts = _options(today=today, language=language)
    return _frame(_gaps(G, ["knowledge"], opts))


def isolation(
    G: nx.MultiDiGraph,
    *,
    language: str = "en",
    today: _dt.date | None = None,
    max_hops: int = 3,
) -> pd.DataFrame:
    """Residents without informal ties, or with a need and no path to an offer.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    today : datetime.date, optional
        The day to compute ages on.
    max_hops : int, default 3
        The longest path, in ties, from the resident to an offer.

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, ``gap_type``
        "isolation", one per resident; ``theme`` is the heaviest need with
        no path (or None).

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G``, language or ``max_hops``.

    See Also
    --------
    what_if : who loses their path when someone leaves.

    Notes
    -----
    *Informal ties* are ``knows`` ties with other residents. *Path rule*: a
    path runs from the resident through people, over ``knows`` and
    ``supports`` ties in either direction, to a person who knows an offer
    (``knows_of``, ``refers``, ``works_for``, ``participates`` or
    ``volunteers``); the last tie reaches the offer, so with ``max_hops=3``
    the offer may be known by the resident, someone they know, or someone
    that person knows. The offer must have the need's theme, and the
    eligibility rules must not say "no" (a full offer still counts: it has a
    waiting list). Severity ``0.5 * I + 0.2 * (I and P) + 0.3 * w / 5``, with
    ``I`` no informal tie, ``P`` no tie to a professional either, and ``w``
    the ZRM weight (``6 - score``, unscored 3) of the heaviest need without a
    path (0 if none).

    References
    ----------
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal
    of Sociology*, 78(6), 1360-1380. https://doi.org/10.1086/225469

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> rows = sk.isolation(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> sorted(rows["nodes"].str[0].head(5))
    ['r_alleen_1', 'r_alleen_2', 'r_alleen_3', 'r_alleen_4', 'r_alleen_5']
    """
    require_map(G)
    opts = _options(today=today, language=language, max_hops=max_hops)
    return _frame(_gaps(G, ["isolation"], opts))


def unreached_places(
    G: nx.MultiDiGraph, *, language: str = "en", min_group: int = 3
) -> pd.DataFrame:
    """Places where residents gather that the team does not reach, and unreached groups.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    min_group : int, default 3
        The smallest group of residents reported.

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, ``gap_type``
        "unreached_place". For a place, ``nodes`` is the place and the
        offers located there; for a group, its residents.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G``, language or ``min_group``.

    See Also
    --------
    isolation

    Notes
    -----
    A place is unreached when residents visit it, no professional visits it,
    and no offer located there (``located_at``) is known by a professional.
    Severity ``m / (m + 5)``, ``m`` the visitors with a need (half of
    ``v / (v + 5)`` for ``v`` visitors when none has a need). A group is a
    connected set of at least ``min_group`` residents (through ``knows``)
    none of whom has a tie to a professional; severity ``0.5 * m / (m + 5)``.
    These are the places and people that outreach work looks for
    (Kretzmann & McKnight, 1993).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> sk.unreached_places(sk.load_sample())["nodes"].str[0].tolist()
    ['pl_bankje']
    """
    require_map(G)
    opts = _options(language=language, min_group=min_group)
    return _frame(_gaps(G, ["unreached_place"], opts))


def structural_holes_between_groups(
    G: nx.MultiDiGraph, *, language: str = "en", min_shared: int = 2
) -> pd.DataFrame:
    """Organisations or teams that share residents or themes but have no tie.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    language : {"en", "nl"}
        The language of the sentences.
    min_shared : int, default 2
        The fewest shared residents that make two groups "should connect".

    Returns
    -------
    pandas.DataFrame
        Rows with the columns of :func:`find_gaps`, ``gap_type``
        "structural_hole"; ``nodes`` holds the two organisations, or the
        professionals of the two teams.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G``, language or ``min_shared``.

    See Also
    --------
    meeting_audit : the ties that do exist, and what they are worth.

    Notes
    -----
    A professional belongs to the organisations they work for and to their
    team. Two groups share a resident when professionals of both support
    them. They are tied when any ``knows``, ``meets``, ``partners`` or
    ``refers`` tie joins them (directly or through their professionals).
    Severity ``n / (n + 5)`` for ``n`` shared residents; two organisations
    with two or more themes in common, open to the same neighbourhoods, and
    no tie get ``0.3 * c / (c + 1)`` for ``c`` common themes.
    Neighbourhoods as groups are not examined.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    https://doi.org/10.4159/9780674029095

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> rows = sk.structural_holes_between_groups(sk.load_sample())
    >>> ["o_jeugdzorg", "o_welzijn"] in rows["nodes"].tolist()
    False
    """
    require_map(G)
    opts = _options(language=language, min_shared=min_shared)
    return _frame(_gaps(G, ["structural_hole"], opts))


# ----------------------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingAudit:
    """The result of :func:`meeting_audit`.

    Attributes
    ----------
    meetings : pandas.DataFrame
        One row per professional and meeting they attend (a meeting between
        two professionals gives two rows), columns ``professional``,
        ``other``, ``other_kind``, ``hours_per_month``, ``caseload``,
        ``shared_residents``, ``common_themes`` (list), ``resident_share``,
        ``theme_share``, ``relevance``, ``flagged``.
    professionals : pandas.DataFrame
        Indexed by professional: ``meetings``, ``hours_per_month``,
        ``flagged_hours``, ``caseload``; sorted by hours, most first.
    hours_won_back : float
        The hours a month of all flagged meetings, summed over professionals.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> audit = sk.meeting_audit(sk.load_sample())
    >>> audit.professionals.loc["p_maatschappelijk2", "hours_per_month"]
    np.float64(33.0)
    """

    meetings: pd.DataFrame
    professionals: pd.DataFrame
    hours_won_back: float


def meeting_audit(
    G: nx.MultiDiGraph, *, min_hours: float = 6.0, min_relevance: float = 0.2
) -> MeetingAudit:
    """Hours in meetings per professional, and what each meeting shares with the caseload.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    min_hours : float, default 6.0
        Meetings of at least this many hours a month count as costly.
    min_relevance : float, default 0.2
        Costly meetings with relevance below this are flagged.

    Returns
    -------
    MeetingAudit
        ``meetings`` and ``professionals`` frames and ``hours_won_back``.

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G`` or out-of-range options.

    See Also
    --------
    find_gaps : the flagged professionals as "meeting_load" gaps.

    Notes
    -----
    Every ``meets`` tie with a professional on one side is a meeting of that
    professional (a tie between two professionals counts for both). The
    other side's residents are those it supports, or, for an organisation,
    those its staff (``works_for``) support. For caseload ``C``:
    ``resident_share = |C ∩ theirs| / |C|``; for an organisation,
    ``theme_share`` is the part of ``C`` with a need on one of its themes
    (0 for a professional); ``relevance = max(resident_share, theme_share)``
    (0 with no caseload). Flagged: ``hours_per_month >= min_hours`` and
    ``relevance < min_relevance``. Meetings without hours count as 0 hours;
    meetings between two organisations are not included.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> audit = sk.meeting_audit(sk.load_sample())
    >>> audit.professionals.loc["p_maatschappelijk2", ["hours_per_month", "flagged_hours"]].tolist()
    [33.0, 30.0]
    >>> audit.hours_won_back
    44.0
    """
    require_map(G)
    opts = _options(min_hours=min_hours, min_relevance=min_relevance)
    _check_graph(G)
    ix = _lookups(G, opts)
    rows = meeting_rows(ix, opts)
    columns = [
        "professional",
        "other",
        "other_kind",
        "hours_per_month",
        "caseload",
        "shared_residents",
        "common_themes",
        "resident_share",
        "theme_share",
        "relevance",
        "flagged",
    ]
    meetings = pd.DataFrame(rows, columns=columns)
    meetings["hours_per_month"] = meetings["hours_per_month"].astype(float)
    for column in ("resident_share", "theme_share", "relevance"):
        meetings[column] = meetings[column].astype(float).round(3)
    meetings["flagged"] = meetings["flagged"].astype(bool)
    hours = meetings["hours_per_month"].fillna(0.0)
    per = pd.DataFrame(
        {
            "professional": meetings["professional"],
            "meetings": 1,
            "hours_per_month": hours,
            "flagged_hours": hours.where(meetings["flagged"], 0.0),
            "caseload": meetings["caseload"],
        }
    )
    professionals = (
        per.groupby("professional")
        .agg(
            meetings=("meetings", "sum"),
            hours_per_month=("hours_per_month", "sum"),
            flagged_hours=("flagged_hours", "sum"),
            caseload=("caseload", "first"),
        )
        .astype({"meetings": "int64", "caseload": "int64"})
    )
    professionals = professionals.sort_values(
        ["hours_per_month", "flagged_hours"], ascending=False, kind="stable"
    )
    return MeetingAudit(meetings, professionals, float(per["flagged_hours"].sum()))


# ----------------------------------------------------------------------------- stale records


def stale_records(
    G: nx.MultiDiGraph,
    *,
    today: _dt.date | None = None,
    stale_months: int = 12,
    summary: bool = False,
) -> pd.DataFrame:
    """Offers whose ``last_verified`` date is too old, or missing.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    today : datetime.date, optional
        The day to measure age against; today by default (pass it for
        reproducible results).
    stale_months : int, default 12
        Records verified more than this many whole months ago are stale.
    summary : bool, default False
        One row per cause instead of one per offer: what a directory of
        thousands of records needs (issue 11).

    Returns
    -------
    pandas.DataFrame
        Indexed by offer id (every initiative and organisation, sorted), with
        ``kind``, ``name``, ``last_verified``, ``age_months`` (whole months,
        missing when never verified), ``stale`` (bool) and ``reason``
        (``"old"``, ``"missing"`` or None). With ``summary=True``: indexed by
        ``reason`` (``"old"`` then ``"missing"``, only causes that occur),
        with ``records`` (how many), ``oldest_verified`` (missing for
        ``"missing"``) and ``examples`` (up to three offer ids, sorted).

    Raises
    ------
    TypeError, ValueError
        For a wrong ``G``, ``today`` or ``stale_months``.

    See Also
    --------
    find_gaps : stale records as "stale_record" gaps (``stale_months=``).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> table = sk.stale_records(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> table[table["stale"]]["reason"].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'i_buurtmoestuin': 'missing', 'i_mannenschuur': 'old', 'i_mantelzorgcafe': 'old',
     'i_schaakclub': 'old', 'o_thuiszorg': 'old'}
    >>> sk.stale_records(sk.load_sample(), today=dt.date(2026, 11, 21), summary=True)["records"]
    reason
    old        4
    missing    1
    Name: records, dtype: int64
    """
    require_map(G)
    opts = _options(today=today, stale_months=stale_months)
    _check_graph(G)
    rows = stale_rows(_lookups(G, opts), opts)
    columns = ["offer", "kind", "name", "last_verified", "age_months", "stale", "reason"]
    frame = pd.DataFrame(rows, columns=columns).set_index("offer")
    frame["age_months"] = frame["age_months"].astype("Int64")
    frame["stale"] = frame["stale"].astype(bool)
    frame["reason"] = pd.Series([row["reason"] for row in rows], index=frame.index, dtype=object)
    if summary:
        return _stale_summary(frame)
    return frame


def _stale_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per cause of :func:`stale_records`."""
    out = []
    for reason in ("old", "missing"):
        part = frame[frame["reason"] == reason]
        if part.empty:
            continue
        dates = part["last_verified"].dropna()
        out.append(
            {
                "reason": reason,
                "records": len(part),
                "oldest_verified": min(dates) if len(dates) else None,
                "examples": sorted(str(o) for o in part.index)[:3],
            }
        )
    columns = ["reason", "records", "oldest_verified", "examples"]
    table = pd.DataFrame(out, columns=columns).set_index("reason")
    table["records"] = table["records"].astype("int64")
    return table


# ----------------------------------------------------------------------------- what if


@dataclass(frozen=True)
class WhatIf:
    """The result of :func:`what_if`: the map before and after removing nodes.

    Attributes
    ----------
    removed : tuple of str
        The ids removed.
    lost_paths : pandas.DataFrame
        Residents who lose their last path to an eligible offer for a need,
        indexed by resident, with ``neighbourhood``, ``theme`` and
        ``offer_before`` (the nearest offer they could reach before).
    gaps : pandas.DataFrame
        Gaps that opened, grew, shrank or closed: ``gap_type``,
        ``neighbourhood``, ``theme``, ``nodes``, ``severity_before``,
        ``severity_after`` (NaN when absent), ``change`` (``"opened"``,
        ``"grew"``, ``"shrank"``, ``"closed"``; ``"removed"`` when the gap was
        about a removed node), ``explanation`` (after, else before). Sorted
        by change then severity.
    summary : pandas.DataFrame
        Indexed by gap type: ``before``, ``after`` (number of gaps).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> result = sk.what_if(sk.load_sample(), remove=["p_opbouw"])
    >>> result.removed
    ('p_opbouw',)
    """

    removed: tuple[str, ...]
    lost_paths: pd.DataFrame
    gaps: pd.DataFrame
    summary: pd.DataFrame


_CHANGE_ORDER = {"opened": 0, "grew": 1, "shrank": 2, "closed": 3, "removed": 4}


def what_if(
    G: nx.MultiDiGraph,
    remove: str | Collection[Hashable],
    *,
    today: _dt.date | None = None,
    max_hops: int = 3,
    language: str = "en",
) -> WhatIf:
    """Compare the gaps before and after removing nodes (someone leaves, an offer closes).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map; it is not changed.
    remove : str or list of str
        The id(s) to remove: a professional, initiative, organisation, place
        (or any node).
    today : datetime.date, optional
        The day for ages and staleness.
    max_hops : int, default 3
        The longest path from a resident to an offer (see :func:`isolation`).
    language : {"en", "nl"}
        The language of the explanations.

    Returns
    -------
    WhatIf
        ``lost_paths``, ``gaps`` (what changed) and ``summary``.

    Raises
    ------
    NodeNotFoundError
        If an id in ``remove`` is not on the map.
    TypeError, ValueError
        For a wrong ``G`` or options.

    See Also
    --------
    find_gaps, isolation

    Notes
    -----
    The map after is the subgraph without the removed nodes (a view; ``G``
    is not copied or changed). Paths follow the rule of :func:`isolation`.
    A resident loses a path for a need when an eligible offer for it was
    reachable within ``max_hops`` before and none is after; removing nodes
    can only take paths away. Gaps are matched by type and subject (the
    cell, offer, professional, resident, place or pair); coverage gaps are
    compared per neighbourhood, unmerged.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> result = sk.what_if(sk.load_sample(), ["p_opbouw"], today=dt.date(2026, 11, 21))
    >>> gone = result.gaps[result.gaps["gap_type"] == "single_knower"]
    >>> gone.loc[gone["nodes"].str[0] == "i_budgetcafe", "change"].tolist()
    ['grew']
    """
    require_map(G)
    _check_graph(G)
    removed_ids = [remove] if isinstance(remove, str) else list(remove)
    missing = [n for n in removed_ids if n not in G]
    if missing:
        raise NodeNotFoundError(
            f"remove: {', '.join(map(repr, missing))} not on the map; give ids of existing nodes"
        )
    opts = _options(today=today, max_hops=max_hops, language=language, merge_coverage=False)
    gone = set(removed_ids)
    H = G.subgraph([n for n in G if n not in gone])
    before_ix = _lookups(G, opts)
    after_ix = _lookups(H, opts)
    lost = []
    for r in before_ix.residents():
        if r in gone or not before_ix.needs(r):
            continue
        had = before_ix.reachable_needs(r, max_hops=opts.max_hops, which=True)
        if not had:
            continue
        has = after_ix.reachable_needs(r, max_hops=opts.max_hops, themes=list(had))
        for theme in sorted(set(had) - set(has)):
            lost.append((str(r), G.nodes[r].get("neighbourhood"), theme, str(had[theme])))
    lost_paths = pd.DataFrame(
        lost, columns=["resident", "neighbourhood", "theme", "offer_before"]
    ).set_index("resident")
    before = detect(before_ix, GAP_TYPES, opts)
    after = detect(after_ix, GAP_TYPES, opts)
    gaps = _compare(before, after, {str(n) for n in gone})
    summary = pd.DataFrame(
        {
            "before": Counter(g.gap_type for g in before),
            "after": Counter(g.gap_type for g in after),
        },
        index=list(GAP_TYPES),
    ).fillna(0)
    summary = summary.astype("int64")
    summary.index.name = "gap_type"
    return WhatIf(tuple(str(n) for n in removed_ids), lost_paths, gaps, summary)


def _compare(before: list[Gap], after: list[Gap], gone: set[str]) -> pd.DataFrame:
    old = {g.key: g for g in before}
    new = {g.key: g for g in after}
    rows = []
    for key in [*old, *(k for k in new if k not in old)]:
        b, a = old.get(key), new.get(key)
        sb = b.severity if b is not None else float("nan")
        sa = a.severity if a is not None else float("nan")
        if b is None:
            change = "opened"
        elif a is None:
            about = {str(part) for part in key[1:]} | set(b.nodes[:1])
            change = "removed" if about & gone else "closed"
        elif sa > sb:
            change = "grew"
        elif sa < sb:
            change = "shrank"
        else:
            continue
        gap = a if a is not None else b
        assert gap is not None
        rows.append(
            (gap.gap_type, gap.neighbourhood, gap.theme, gap.nodes, sb, sa, change, gap.explanation)
        )
    columns = [
        "gap_type",
        "neighbourhood",
        "theme",
        "nodes",
        "severity_before",
        "severity_after",
        "change",
        "explanation",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    frame["_order"] = frame["change"].map(_CHANGE_ORDER)
    frame["_sev"] = frame[["severity_before", "severity_after"]].max(axis=1)
    frame = frame.sort_values(["_order", "_sev", "gap_type"], ascending=[True, False, True])
    return frame.drop(columns=["_order", "_sev"]).reset_index(drop=True)
