"""Referral paths: where can a resident go for a need, who can introduce her?

:func:`~sociale_kaart.suggest_referrals` answers the question a team member asks at the
kitchen table: *this resident wants X; where can she go, who can introduce
her, and is she allowed in?* It searches the map outward from the resident
(a bounded Dijkstra over trusted ties),
checks every offer it finds with the eligibility rules
(:mod:`sociale_kaart.core.eligibility`), follows *chains* (an information point
that grants the pass another offer requires) and ranks the results.
:func:`~sociale_kaart.network_activation` looks at the resident's own network: who could
come along, or help with which need.

Ranking
-------
Rows are sorted by eligibility first (``"yes"``, then ``"unknown"``, then
``"no"``: an ineligible offer never outranks an eligible one), then by
``score`` (high first), then by target id. The score is the weighted mean of
seven components, each between 0 and 1, with the weights in
:data:`~sociale_kaart.referral.suggest.WEIGHTS`:

``fit``
    0.75 when the need is the offer's main (first) theme, else 0.5, plus
    0.25 times the share of the resident's *other* needs the offer also
    covers. A resident who offers the theme fits as a main theme.
``urgency``
    ``(5 - ZRM score) / 4`` of the need (ZRM 1, acute, gives 1); an
    unscored need gives 0.5. So with ``theme=None`` the worst need comes first.
``ladder``
    :data:`~sociale_kaart.referral.suggest.LADDER`: own network and informal 1, general 0.5,
    specialised and insured 0 (own strength first; unknown level 0.5).
``warmth``
    1 for a warm path (a person on it can introduce the resident, or the
    resident knows the helper herself), 0.5 when the resident already visits
    the place where the offer meets, 0 for a cold referral.
``strength``
    ``1 / (1 + cost)``, the cost being the sum over the path's steps of
    ``1 / trust`` (a tie without trust counts as trust
    2; a chain step costs 1): short
    paths through strong ties beat long, weak ones. 0 when cold.
``room``
    1 when places are open, 0.5 when no limit is known, 0 when full
    (waiting list).
``proximity``
    ``1 / (1 + km)`` between the resident's and the offer's coordinates (an
    initiative without coordinates takes its place's); 0 when either is
    unknown: an offer without coordinates never counts as nearby.

History
-------
With a referral journal (``G.graph["referrals"]``) and ``history_weight``
:math:`h > 0`, past outcomes move an offer's score. For the offer and the
theme it answers, :func:`~sociale_kaart.referral.history.history_counts`
counts the *earlier* referrals that were decided (:math:`n`) and started
(:math:`k`), leaving out the resident's own referrals and steps dated after
``today``. With :math:`n` below
:data:`~sociale_kaart.referral.history.MIN_HISTORY` (4) nothing changes.
Otherwise the start rate, shrunk towards the theme's pooled rate :math:`p_0`
(:func:`~sociale_kaart.referral.history.shrunk_rate`, empirical Bayes with a
Beta prior), adds

.. math:: h \\, (\\hat p - p_0) / \\textstyle\\sum_c w_c

to the score (kept within 0-1): an offer that starts more often than the
theme's usual ranks higher, one that starts less often lower, and the
reasons and explanation say "3 of 4 earlier referrals for language started".
Offers without enough history keep their score, so rankings change only where
there is enough history; ``history_weight=0`` ignores the journal.

A suggestion supports a professional's judgement; it does not replace it.
The map knows only what was recorded, and the rules only what they check.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.eligibility import Outcome, RuleResult, evaluate, has_condition
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.formatting import format_km
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.core.naming import professional_labels, professional_name_counts, table_name
from sociale_kaart.core.strings import STRINGS, check_language, text
from sociale_kaart.core.themes import DEFAULT_THEMES, nearest_code, resolve_theme, theme_label
from sociale_kaart.core.wording import label_in_sentence, status_labels, theme_need, theme_offer
from sociale_kaart.index.moves import (
    DEFAULT_TRUST,
    INITIATIVE,
    ORGANISATION,
    PLACE,
    PROFESSIONAL,
    RESIDENT,
    Index,
    moves_index,
)
from sociale_kaart.referral.history import MIN_HISTORY, history_counts, shrunk_rate
from sociale_kaart.referral.search import Found, iter_local, search

__all__ = [
    "ACCOMPANY_TRUST",
    "ACTIVATION_COLUMNS",
    "COLUMNS",
    "HISTORY_WEIGHT",
    "LADDER",
    "OWN_NETWORK_HOPS",
    "WEIGHTS",
    "network_activation",
    "suggest_referrals",
]

#: The weights of the score components (see the module documentation).
WEIGHTS: dict[str, float] = {
    "fit": 3.0,
    "urgency": 2.0,
    "ladder": 2.0,
    "warmth": 2.0,
    "strength": 1.0,
    "room": 1.0,
    "proximity": 1.0,
}

#: The default ``history_weight`` of :func:`~sociale_kaart.suggest_referrals`: past
#: outcomes weigh as much as ``warmth`` or ``ladder`` (see the module documentation).
HISTORY_WEIGHT = 2.0

#: The ladder of provisions: own strength first.
LADDER: dict[str, float] = {
    "own_network": 1.0,
    "informal": 1.0,
    "general": 0.5,
    "specialised": 0.0,
    "insured": 0.0,
}

#: How many ``knows`` steps away a resident who offers help may be (2: a
#: neighbour of a neighbour, introduced by the neighbour in between).
OWN_NETWORK_HOPS = 2

#: The columns of :func:`~sociale_kaart.suggest_referrals`, in order.
COLUMNS: tuple[str, ...] = (
    "target",
    "target_kind",
    "target_name",
    "theme",
    "level",
    "eligible",
    "score",
    "path",
    "via",
    "via_name",
    "reasons",
    "explanation",
)

#: Trust from which a contact is close enough to come along to an appointment.
ACCOMPANY_TRUST = 3

_RANK: dict[str, int] = {"yes": 0, "unknown": 1, "no": 2}
_KIND_NAME = {
    RESIDENT: "resident",
    PROFESSIONAL: "professional",
    INITIATIVE: "initiative",
    ORGANISATION: "organisation",
    PLACE: "place",
}

# The sentences live in sociale_kaart.core.strings, under ``referral.*``.


# ----------------------------------------------------------------------------- checks


def _check_resident(G: nx.MultiDiGraph, resident: str) -> Mapping[str, Any]:
    if resident not in G:
        raise NodeNotFoundError(f"resident {resident!r} is not on the map: give a resident's id")
    attrs: Mapping[str, Any] = G.nodes[resident]
    if attrs.get("kind") != "resident":
        raise ValueError(
            f"{resident!r} is a {attrs.get('kind')}, not a resident: give the id of a resident"
        )
    return attrs


def _resolve_need(G: nx.MultiDiGraph, theme: str) -> str:
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    if not isinstance(theme, str):
        raise TypeError(f"theme must be a theme code (str) or None, not {type(theme).__name__}")
    code = resolve_theme(theme, vocabulary)
    if code is None:
        hint = nearest_code(theme, vocabulary)
        tip = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(f"theme {theme!r} is not a theme of this map{tip}")
    return code


# ----------------------------------------------------------------------------- helpers


def _t(language: str, key: str, **values: Any) -> str:
    return text(f"referral.{key}", language, **values)


def _level(language: str, level: str | None) -> str:
    key = f"level.{level}"
    return text(key, language) if key in STRINGS else level or "?"


def _label(G: nx.MultiDiGraph, theme: str, language: str) -> str:
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    return label_in_sentence(theme_label(theme, vocabulary, language=language))  # ADL stays ADL


def _name(G: nx.MultiDiGraph, index: Index, i: int, start: int, language: str) -> str:
    """A display name: names for professionals, offers and places; ids for residents."""
    if i == start:
        return _t(language, "the_resident")
    node = index.ids[i]
    if index.kind[i] == RESIDENT:
        return node  # residents' names are personal data
    if index.kind[i] == PROFESSIONAL:
        counts = index.memo.get("professional_name_counts")
        if counts is None:  # one walk over the map per index, not one per name
            counts = index.memo["professional_name_counts"] = professional_name_counts(G)
        return professional_labels(G, [node], language=language, name_counts=counts)[node]
    return str(G.nodes[node].get("name") or node)


def _urgency(score: int | None) -> float:
    return 0.5 if score is None else (5 - score) / 4


def _proximity(index: Index, a: int, b: int) -> tuple[float, float | None]:
    ca, cb = index.coords[a], index.coords[b]
    if ca is None or cb is None:
        return 0.0, None  # never "nearby" without coordinates (issue 11)
    km = haversine_km(ca[0], ca[1], cb[0], cb[1])
    return 1.0 / (1.0 + km), km


def _score(parts: Mapping[str, float]) -> float:
    total = sum(WEIGHTS.values())
    return sum(WEIGHTS[k] * parts[k] for k in WEIGHTS) / total


def _combine(*outcomes: Outcome) -> Outcome:
    if "no" in outcomes:
        return "no"
    if "unknown" in outcomes:
        return "unknown"
    return "yes"


def _rule_reasons(offer: Mapping[str, Any], results: tuple[RuleResult, ...]) -> list[str]:
    """The reasons worth reading: rules that did not say yes, or that had a condition."""
    return [r.reason for r in results if r.outcome != "yes" or has_condition(r.rule, offer)]


@dataclass
class _Check:
    eligible: Outcome
    results: tuple[RuleResult, ...]
    fixable: tuple[str, ...]  # missing required tags that some offer grants


# ----------------------------------------------------------------------------- suggest


def suggest_referrals(
    G: nx.MultiDiGraph,
    resident: str,
    *,
    theme: str | None = None,
    top: int = 5,
    include_ineligible: bool = False,
    max_hops: int = 4,
    weight: str | None = "trust",
    language: str = "en",
    today: _dt.date | None = None,
    history_weight: float = HISTORY_WEIGHT,
) -> pd.DataFrame:
    """Suggest where a resident can go for a need, and who can introduce her.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    resident : str
        The id of a resident.
    theme : str, optional
        The need to answer: a theme code (or Dutch alias). By default all
        the resident's needs, the worst ZRM score weighing most.
    top : int, default 5
        How many suggestions to return (at most).
    include_ineligible : bool
        Also show offers the resident may not use, with the reasons why
        (they always rank below the eligible ones).
    max_hops : int
        The longest path, in steps, from the resident to the target.
    weight : {"trust", None}
        ``"trust"``: a step costs ``1 / trust``; ``None``: every step costs 1.
    language : {"en", "nl"}
        The language of ``reasons`` and ``explanation``.
    today : datetime.date, optional
        The day on which ages are computed, and up to which the journal is
        read; today by default.
    history_weight : float, default 2.0
        How much past outcomes in the map's referral journal move the score
        (:data:`~sociale_kaart.referral.suggest.HISTORY_WEIGHT`; compare
        :data:`~sociale_kaart.referral.suggest.WEIGHTS`). 0 ignores the
        journal. Only an offer with at least
        :data:`~sociale_kaart.referral.history.MIN_HISTORY` (4) decided earlier
        referrals for the theme is moved, so with little history the ranking
        is the same as with 0. The resident's own referrals are never used.

    Returns
    -------
    pandas.DataFrame
        At most ``top`` rows, best first, with a default integer index and the
        columns :data:`~sociale_kaart.referral.suggest.COLUMNS`: ``target``
        (node id), ``target_kind``, ``target_name`` (the target's name; missing,
        ``pd.NA``, for a resident, whose name is personal data: see
        docs/conventions.md, "Names in tables"), ``theme`` (the need it
        answers), ``level`` (``own_network``, ``informal``, ``general``,
        ``specialised``, ``insured``, or None when the offer has no level), ``eligible``
        (``yes``, ``no``, ``unknown``),
        ``score`` (0-1), ``path`` (node ids, the resident first and the
        target last), ``via`` (who can make the warm introduction, or None),
        ``via_name`` (that person's name by the same rule: a professional's
        name, ``pd.NA`` for a resident or when ``via`` is None), ``reasons``
        (list of str) and ``explanation`` (one sentence; residents in it by
        id, the team report and the CLI name them). A resident without needs
        (and no ``theme`` given) gets an empty frame.

    Raises
    ------
    NodeNotFoundError
        If ``resident`` is not on the map.
    ValueError
        If ``resident`` is not a resident, ``theme`` is not a theme, ``top``
        or ``max_hops`` is below 1, ``history_weight`` is negative or not a
        finite number, or ``weight`` or ``language`` is unknown.
    TypeError
        If ``theme`` is not a string.

    See Also
    --------
    check_eligibility : the rules behind ``eligible``.
    network_activation : who in the resident's own network can help.
    match_residents : residents who could help each other.

    Notes
    -----
    Each step of ``path`` is an edge of ``G`` (in either direction), except
    two kinds of step: a *chain step* from an offer that grants a status
    (``grants``) to the offer that requires it (``requires``), and the one
    step ``[resident, target]`` of a *cold* suggestion (``via`` None, no tie
    leads there; cold suggestions are the offers of the theme in or serving
    the resident's neighbourhood). Offers the resident already joins are
    left out.

    The search is Dijkstra's algorithm [Dijkstra1959]_, bounded: it settles
    offers in order of path cost (strong ties are short; see
    [Granovetter1973]_ on strong and weak ties), within ``max_hops``
    steps, and stops after ``3 top + 5`` acceptable targets; the ranking is
    described in :mod:`sociale_kaart.referral.suggest`: eligibility first, then the
    weighted score

    .. math:: s = \\frac{\\sum_c w_c x_c}{\\sum_c w_c}

    over the components ``fit``, ``urgency``, ``ladder``, ``warmth``,
    ``strength``, ``room`` and ``proximity`` with weights
    :data:`~sociale_kaart.referral.suggest.WEIGHTS`.
    Ties are broken by target id.

    Past outcomes (``history_weight``): an offer with :math:`k` of :math:`n`
    decided earlier referrals for the theme started (:math:`n \\ge 4`) gets
    :math:`h (\\hat p - p_0) / \\sum_c w_c` added to its score, with
    :math:`\\hat p = (k + m p_0) / (n + m)` the Beta-binomial posterior mean
    shrunk towards the theme's pooled start rate :math:`p_0` with prior
    strength :math:`m` = 2 (empirical Bayes, [Efron1975]_, [Casella1985]_).
    A referral is decided once it started, or ended rejected or cancelled.
    *Privacy:* the counts leave out every referral of ``resident`` herself,
    so her own outcomes neither steer nor show in her suggestions (the other
    residents' outcomes appear only as counts, for the team).

    A suggestion supports a professional's judgement; it does not replace it.

    References
    ----------
    .. [Dijkstra1959] Dijkstra, E. W. (1959). A note on two problems in connexion with
       graphs. *Numerische Mathematik*, 1, 269-271.
       https://doi.org/10.1007/BF01386390
    .. [Granovetter1973] Granovetter, M. S. (1973). The strength of weak ties. *American
       Journal of Sociology*, 78(6), 1360-1380. https://doi.org/10.1086/225469
    .. [Efron1975] Efron, B., & Morris, C. (1975). Data analysis using Stein's
       estimator and its generalizations. *Journal of the American Statistical
       Association*, 70(350), 311-319. https://doi.org/10.1080/01621459.1975.10479864
    .. [Casella1985] Casella, G. (1985). An introduction to empirical Bayes data
       analysis. *The American Statistician*, 39(2), 83-87.
       https://doi.org/10.1080/00031305.1985.10479400

    Examples
    --------
    The language course is closed to Samira because of her passport; the
    language buddies are open, and her legal adviser knows them:

    >>> import datetime
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> day = datetime.date(2026, 11, 21)
    >>> s = sk.suggest_referrals(G, "r_samira", include_ineligible=True, today=day)
    >>> s[["target", "level", "eligible", "via"]]
              target        level eligible      via
    0  i_taalmaatjes     informal      yes  p_legal
    1         r_spil  own_network      yes    r_189
    2     i_taalcafe     informal      yes  p_legal
    3  o_bibliotheek      general      yes  p_legal
    4   i_taalschool      general       no  p_legal
    >>> print(s.loc[0, "explanation"])
    Taalmaatjes Rivierwijk (informal) helps with Dutch and is open to the resident;
    Esther Mulder (legal advisor) can introduce the resident;
    7 of 10 earlier referrals for language started.
    >>> s.set_index("target").loc["i_taalschool", "eligible"]
    'no'

    Henk's swimming goes through the information point, which grants the pass:

    >>> s = sk.suggest_referrals(G, "r_henk", theme="exercise", today=day)
    >>> s.set_index("target").loc["i_zwemmen", "path"]
    ['r_henk', 'p_maatschappelijk1', 'o_infopunt', 'i_zwemmen']

    Past outcomes count (Henk's own referrals are left out); ``history_weight=0``
    ignores the journal:

    >>> s.set_index("target").loc["i_zwemmen", "reasons"][-2:]
    ['5 of 6 earlier referrals for exercise started', 'about 0.8 km away']
    >>> cold = sk.suggest_referrals(G, "r_henk", theme="exercise", today=day, history_weight=0)
    >>> any("earlier referrals" in r for r in cold["explanation"])
    False
    """
    require_map(G)
    attrs = _check_resident(G, resident)
    check_language(language)
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, not {top!r}")
    if not isinstance(max_hops, int) or isinstance(max_hops, bool) or max_hops < 1:
        raise ValueError(f"max_hops must be a whole number of at least 1, not {max_hops!r}")
    if weight not in ("trust", None):
        raise ValueError(f"weight must be 'trust' or None, not {weight!r}")
    if (
        isinstance(history_weight, bool)
        or not isinstance(history_weight, int | float)
        or not math.isfinite(history_weight)
        or history_weight < 0
    ):
        raise ValueError(
            f"history_weight must be a number of at least 0 (0 ignores the journal), "
            f"not {history_weight!r}"
        )

    needs: dict[str, int | None] = dict(attrs.get("needs") or {})
    if theme is not None:
        code = _resolve_need(G, theme)
        needs = {code: needs.get(code)}
    if not needs:
        return _frame([])
    order = sorted(needs, key=lambda t: (-_urgency(needs[t]), t))

    index = moves_index(G)
    start = index.pos[resident]
    statuses = set(attrs.get("statuses") or ())
    wanted = frozenset(needs)
    checks: dict[int, _Check] = {}

    def check(i: int, extra: tuple[str, ...] = ()) -> _Check:
        key = i if not extra else -1 - i
        if key in checks:
            return checks[key]
        offer = G.nodes[index.ids[i]]
        res = attrs
        if extra:
            res = dict(attrs)
            res["statuses"] = sorted(statuses | set(extra))
        eligible, _, results = evaluate(
            res, offer, today=today, language=language, grants=index.grants
        )
        fixable: tuple[str, ...] = ()
        if eligible == "no":
            no = [r.rule for r in results if r.outcome == "no"]
            missing = tuple(t for t in offer.get("requires") or () if t not in statuses)
            if no == ["requires"] and missing and all(t in index.grants for t in missing):
                fixable = missing
        checks[key] = _Check(eligible, results, fixable)
        return checks[key]

    def chain_check(found: Found) -> tuple[Outcome, tuple[str, ...], int]:
        granter = found.path[-2]
        target = G.nodes[index.ids[found.node]]
        tags = tuple(
            t
            for t in target.get("requires") or ()
            if t not in statuses and t in (index.granters.get(granter) or ())
        )
        after = check(found.node, tags)
        at_granter = check(granter)
        return _combine(after.eligible, at_granter.eligible), tags, granter

    def accept(found: Found) -> bool:
        if index.kind[found.node] == RESIDENT:
            return True
        if found.chain:
            return include_ineligible or chain_check(found)[0] != "no"
        c = check(found.node)
        if c.eligible != "no":
            return True
        return include_ineligible and not c.fixable

    limit = 3 * top + 5
    found = search(
        index,
        start,
        wanted,
        max_hops=max_hops,
        limit=limit,
        lacks=lambda tag: tag not in statuses,
        own_network_hops=OWN_NETWORK_HOPS,
        accept=accept,
        weighted=weight == "trust",
    )

    ctx = _Ctx(G, index, start, needs, order, language)
    cands: dict[int, _Cand] = {}

    def consider(cand: _Cand | None) -> None:
        if cand is None or (cand.eligible == "no" and not include_ineligible):
            return
        previous = cands.get(cand.node)
        if previous is None or cand.key < previous.key:
            cands[cand.node] = cand

    for item in found:
        if index.kind[item.node] == RESIDENT:
            consider(_person_cand(ctx, item))
        else:
            consider(_offer_cand(ctx, item, item.node, check, chain_check))
    seen = {item.node for item in found}
    for node in iter_local(index, wanted, attrs.get("neighbourhood")):
        if node not in seen and node not in index.joined[start]:
            consider(_offer_cand(ctx, None, node, check, chain_check))

    if history_weight > 0:
        _apply_history(
            ctx,
            list(cands.values()),
            G.graph.get("referrals"),
            resident=resident,
            weight=float(history_weight),
            today=today or _dt.date.today(),
        )
    ranked = sorted(cands.values(), key=lambda c: c.key)[:top]
    return _frame([_record(ctx, c) for c in ranked])


def _apply_history(
    ctx: _Ctx,
    cands: list[_Cand],
    table: pd.DataFrame | None,
    *,
    resident: str,
    weight: float,
    today: _dt.date,
) -> None:
    """Move the offers' scores by their past outcomes (the module's "History")."""
    offers = [c for c in cands if not c.person]
    if table is None or not offers:
        return
    index = ctx.index
    pairs, pooled = history_counts(
        table,
        resident=resident,
        targets={index.ids[c.node] for c in offers},
        themes={c.theme for c in offers},
        today=today,
    )
    total = sum(WEIGHTS.values())
    for c in offers:
        started, decided = pairs.get((index.ids[c.node], c.theme), (0, 0))
        if decided < MIN_HISTORY:
            continue
        k, n = pooled[c.theme]
        prior = k / n
        shift = weight * (shrunk_rate(started, decided, prior=prior) - prior) / total
        c.score = min(1.0, max(0.0, c.score + shift))
        c.key = (c.key[0], -round(c.score, 12), c.key[2])
        c.history = (started, decided)


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    out = pd.DataFrame(records, columns=list(COLUMNS), dtype=object)
    out["score"] = out["score"].astype(float)
    return out


@dataclass(frozen=True)
class _Ctx:
    G: nx.MultiDiGraph
    index: Index
    start: int
    needs: Mapping[str, int | None]
    order: list[str]
    language: str


@dataclass
class _Cand:
    """A ranked candidate; its texts are written only if it makes the ``top``."""

    node: int
    key: tuple[int, float, str]
    theme: str
    level: str | None
    eligible: Outcome
    score: float
    path: list[int]
    via: str | None
    warmth: float
    also: list[str]
    km: float | None
    results: tuple[RuleResult, ...] = ()
    tags: tuple[str, ...] = ()
    granter: int = -1
    person: bool = False
    history: tuple[int, int] | None = None  # (started, decided) earlier referrals


def _offer_cand(
    ctx: _Ctx, item: Found | None, node: int, check: Any, chain_check: Any
) -> _Cand | None:
    index = ctx.index
    offer = ctx.G.nodes[index.ids[node]]
    themes = list(offer.get("themes") or ())
    matched = [t for t in ctx.order if t in themes]
    if not matched:
        return None
    theme = matched[0]
    level = offer.get("level")
    tags: tuple[str, ...] = ()
    granter = -1
    if item is not None and item.chain:
        eligible, tags, granter = chain_check(item)
        results = check(node, tags).results
    else:
        c = check(node)
        eligible, results = c.eligible, c.results
    if item is None:
        path = [ctx.start, node]
        via = None
        warmth, strength = 0.0, 0.0
    else:
        path = list(item.path)
        via = _via(index, path, ctx.start)
        if via is not None:
            warmth = 1.0
        elif any(index.kind[i] == PLACE for i in path[1:-1]):
            warmth = 0.5
        else:
            warmth = 0.0
        strength = 1.0 / (1.0 + item.cost)
    others = [t for t in ctx.needs if t != theme]
    also = [t for t in others if t in themes]
    fit = (0.75 if themes[0] == theme else 0.5) + (
        0.25 * len(also) / len(others) if others else 0.0
    )
    capacity = offer.get("capacity")
    room = 0.5 if capacity is None else (1.0 if capacity > 0 else 0.0)
    prox, km = _proximity(index, ctx.start, node)
    score = _score(
        {
            "fit": fit,
            "urgency": _urgency(ctx.needs[theme]),
            "ladder": LADDER.get(level or "", 0.5),
            "warmth": warmth,
            "strength": strength,
            "room": room,
            "proximity": prox,
        }
    )
    return _Cand(
        node=node,
        key=(_RANK[eligible], -round(score, 12), index.ids[node]),
        theme=theme,
        level=level,
        eligible=eligible,
        score=score,
        path=path,
        via=via,
        warmth=warmth,
        also=also,
        km=km,
        results=results,
        tags=tags,
        granter=granter,
    )


def _person_cand(ctx: _Ctx, item: Found) -> _Cand:
    index = ctx.index
    node = item.node
    offers = index.themes[node]
    theme = next(t for t in ctx.order if t in offers)
    path = list(item.path)
    others = [t for t in ctx.needs if t != theme]
    also = [t for t in others if t in offers]
    prox, km = _proximity(index, ctx.start, node)
    score = _score(
        {
            "fit": 0.75 + (0.25 * len(also) / len(others) if others else 0.0),
            "urgency": _urgency(ctx.needs[theme]),
            "ladder": LADDER["own_network"],
            "warmth": 1.0,
            "strength": 1.0 / (1.0 + item.cost),
            "room": 0.5,
            "proximity": prox,
        }
    )
    return _Cand(
        node=node,
        key=(0, -round(score, 12), index.ids[node]),
        theme=theme,
        level="own_network",
        eligible="yes",
        score=score,
        path=path,
        via=_via(index, path, ctx.start),
        warmth=1.0,
        also=also,
        km=km,
        person=True,
    )


def _record(ctx: _Ctx, c: _Cand) -> dict[str, Any]:
    """The output row of a candidate, with its reasons and explanation."""
    G, index, start, lang = ctx.G, ctx.index, ctx.start, ctx.language
    label = _label(G, c.theme, lang)
    zrm = ctx.needs[c.theme]
    name = _name(G, index, c.node, start, lang)
    via_name = _name(G, index, index.pos[c.via], start, lang) if c.via is not None else None
    route = " → ".join(_name(G, index, i, start, lang) for i in c.path)
    themes = G.graph.get("themes") or DEFAULT_THEMES
    need = theme_need(c.theme, themes, language=lang)
    offers = theme_offer(c.theme, themes, language=lang)
    reasons = [_t(lang, "r_need", need=need, score=f" (ZRM {zrm})" if zrm else "")]
    if c.person:
        reasons.append(_t(lang, "r_offers", offer=offers))
    if c.also:
        reasons.append(_t(lang, "r_also", themes=", ".join(_label(G, t, lang) for t in c.also)))
    if c.level:
        reasons.append(_t(lang, "r_level", level=_level(lang, c.level)))
    if c.person:
        sentence = _t(lang, "fits_person", target=name, offer=offers)
        sentence += _t(lang, "s_warm", via=c.via) if c.via is not None else _t(lang, "s_direct")
        if c.via is not None:
            reasons.append(_t(lang, "r_warm", via=c.via))
        reasons.append(_t(lang, "r_route", route=route))
    else:
        offer = G.nodes[index.ids[c.node]]
        granter_name = _name(G, index, c.granter, start, lang) if c.tags else ""
        if c.tags:
            reasons.append(
                _t(lang, "r_chain", tags=status_labels(c.tags, lang), granter=granter_name)
            )
        reasons.extend(_rule_reasons(offer, c.results))
        place = next((i for i in c.path[1:-1] if index.kind[i] == PLACE), None)
        if via_name is not None:
            reasons.append(_t(lang, "r_warm", via=via_name))
        elif place is not None:
            reasons.append(_t(lang, "r_place", place=_name(G, index, place, start, lang)))
        else:
            reasons.append(_t(lang, "r_cold"))
        if c.warmth > 0:
            reasons.append(_t(lang, "r_route", route=route))
        level_text = _level(lang, c.level)
        sentence = _t(lang, "fits", target=name, level=level_text, offer=offers) + text(
            "word.and", lang
        )
        if c.eligible == "yes":
            sentence += _t(lang, "open")
        elif c.eligible == "unknown":
            questions = [r.question for r in c.results if r.outcome == "unknown" and r.question]
            sentence += _t(lang, "maybe", questions=" ".join(questions))
        else:
            blocking = [r.reason for r in c.results if r.outcome == "no"]
            sentence += _t(lang, "closed", blocking="; ".join(blocking))
        if c.tags:
            key = "s_chain" if via_name else "s_chain_cold"
            sentence += _t(
                lang, key, tags=status_labels(c.tags, lang), granter=granter_name, via=via_name
            )
        elif via_name is not None:
            sentence += _t(lang, "s_warm", via=via_name)
        elif place is not None:
            sentence += _t(lang, "s_place", place=_name(G, index, place, start, lang))
        else:
            sentence += _t(lang, "s_cold")
        if c.history is not None:
            started, decided = c.history
            key = "r_history_one" if started == 1 else "r_history"
            said = _t(lang, key, started=started, total=decided, theme=label)
            reasons.append(said)
            sentence += "; " + said
    if c.km is not None:
        reasons.append(_t(lang, "r_km", km=format_km(c.km, lang)))
    return {
        "target": index.ids[c.node],
        "target_kind": _KIND_NAME[index.kind[c.node]],
        "target_name": table_name(G.nodes[index.ids[c.node]]),
        "theme": c.theme,
        "level": c.level,
        "eligible": c.eligible,
        "score": round(c.score, 4),
        "path": [index.ids[i] for i in c.path],
        "via": c.via,
        "via_name": table_name(G.nodes[c.via]) if c.via is not None else pd.NA,
        "reasons": reasons,
        "explanation": sentence + ".",
    }


def _via(index: Index, path: list[int], start: int) -> str | None:
    """The last person on the path before the target (not the resident herself)."""
    people = [i for i in path[1:-1] if index.kind[i] in (RESIDENT, PROFESSIONAL) and i != start]
    return index.ids[people[-1]] if people else None


# ----------------------------------------------------------------------------- activation

#: The columns of :func:`~sociale_kaart.network_activation`, after the index ``contact``.
ACTIVATION_COLUMNS: tuple[str, ...] = (
    "trust",
    "helps_with",
    "come_along",
    "can_accompany",
    "score",
    "explanation",
)


def network_activation(G: nx.MultiDiGraph, resident: str, *, language: str = "en") -> pd.DataFrame:
    """Who from the resident's own network could come along, or help with which need.

    The own network is the residents the resident ``knows`` (a tie in either
    direction). For each contact the table says which of the resident's needs
    they offer help with themselves, which fitting initiatives they already
    go to (so they could take the resident along), and whether the tie is
    close enough to ask them to come along to an appointment.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    resident : str
        The id of a resident.
    language : {"en", "nl"}
        The language of ``explanation``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``contact`` (resident id), best first, with the columns
        ``trust`` (the strongest recorded trust of the tie, or None),
        ``helps_with`` (list of the resident's need themes the contact offers),
        ``come_along`` (list of initiative ids the contact participates or
        volunteers in that have a theme the resident needs),
        ``can_accompany`` (trust of at least
        :data:`~sociale_kaart.referral.suggest.ACCOMPANY_TRUST`),
        ``score`` and ``explanation``. Contacts with none of the three are
        left out; a resident without such contacts gets an empty frame.

    Raises
    ------
    NodeNotFoundError
        If ``resident`` is not on the map.
    ValueError
        If ``resident`` is not a resident, or ``language`` is unknown.

    See Also
    --------
    suggest_referrals : own-network helpers ranked with the offers.

    Notes
    -----
    The score is

    .. math:: s = \\frac{\\sum_{t \\in H} u_t + 0.5\\,\\sum_{t \\in A} u_t
              + \\tau / 4}{|N| + 1}

    with :math:`H` the needs the contact helps with, :math:`A` the needs
    covered by the initiatives they could take the resident to (and not
    already in :math:`H`), :math:`u_t = (6 - \\mathrm{ZRM}_t) / 5` the
    urgency of need :math:`t` (0.6 when unscored), :math:`\\tau` the trust
    (2 when missing) and
    :math:`|N|` the number of needs. Ties are broken by contact id.

    Asking the own network first (*eigen kracht*) follows the Dutch social
    support act's order; see e.g. [Kampen2013]_.

    References
    ----------
    .. [Kampen2013] Kampen, T., Verhoeven, I., & Verplanke, L. (2013). *De affectieve
       burger: hoe de overheid verleidt en verplicht tot zorgzaamheid*. Van
       Gennep.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> act = sk.network_activation(G, "r_duo_a")
    >>> act.loc["r_duo_b", ["trust", "helps_with", "come_along"]].tolist()
    [4, ['finances'], ['i_budgetcafe']]
    >>> bool(act.loc["r_duo_b", "can_accompany"])
    True
    >>> act.index[0]
    'r_duo_b'
    """
    require_map(G)
    attrs = _check_resident(G, resident)
    check_language(language)
    lang = language
    needs: dict[str, int | None] = dict(attrs.get("needs") or {})
    trust: dict[str, int | None] = {}
    for u, _, data in G.in_edges(resident, data=True):
        if data.get("relation") == "knows" and G.nodes[u].get("kind") == "resident":
            trust[u] = _max_trust(trust.get(u, -1), data.get("trust"))
    for _, v, data in G.out_edges(resident, data=True):
        if data.get("relation") == "knows" and G.nodes[v].get("kind") == "resident":
            trust[v] = _max_trust(trust.get(v, -1), data.get("trust"))

    def urgency(theme: str) -> float:
        score = needs.get(theme)
        return 0.6 if score is None else (6 - score) / 5

    records: list[dict[str, Any]] = []
    for contact in sorted(trust):
        c_attrs = G.nodes[contact]
        tau = trust[contact]
        helps = [t for t in needs if t in (c_attrs.get("offers") or ())]
        along: list[str] = []
        along_themes: set[str] = set()
        for _, target, rel in G.out_edges(contact, keys=True):
            if rel not in ("participates", "volunteers"):
                continue
            themes = set(G.nodes[target].get("themes") or ()) & set(needs)
            if themes and target not in along:
                along.append(target)
                along_themes |= themes
        along.sort()
        accompany = tau is not None and tau >= ACCOMPANY_TRUST
        if not (helps or along or accompany):
            continue
        extra = along_themes - set(helps)
        t_value = DEFAULT_TRUST if tau is None else tau
        score = (
            sum(urgency(t) for t in helps) + 0.5 * sum(urgency(t) for t in extra) + t_value / 4
        ) / (len(needs) + 1)
        parts = []
        shown_trust = "?" if tau is None else tau
        if helps:
            parts.append(_t(lang, "a_help", themes=", ".join(_label(G, t, lang) for t in helps)))
        if along:
            names = ", ".join(str(G.nodes[o].get("name") or o) for o in along)
            parts.append(_t(lang, "a_along", offers=names))
        if accompany:
            parts.append(_t(lang, "a_accompany", trust=shown_trust))
        sentence = f"{contact} " + "; ".join(parts) + "."
        records.append(
            {
                "contact": contact,
                "trust": tau,
                "helps_with": helps,
                "come_along": along,
                "can_accompany": accompany,
                "score": round(score, 4),
                "explanation": sentence,
            }
        )
    records.sort(key=lambda r: (-r["score"], r["contact"]))
    frame = pd.DataFrame(
        {c: pd.Series([r[c] for r in records], dtype=object) for c in ACTIVATION_COLUMNS},
        columns=list(ACTIVATION_COLUMNS),
    )
    frame.index = pd.Index([r["contact"] for r in records], name="contact", dtype=object)
    frame["score"] = frame["score"].astype(float)
    frame["can_accompany"] = frame["can_accompany"].astype(bool)
    return frame


def _max_trust(current: int | None, new: int | None) -> int | None:
    if current == -1:
        return new
    if current is None:
        return new
    if new is None:
        return current
    return max(current, new)
