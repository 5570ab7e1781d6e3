"""Strengths (*kansen*): what a neighbourhood already has, beside what it lacks.

:func:`~sociale_kaart.find_gaps` lists what is missing; :func:`~sociale_kaart.strengths`
lists the assets a team can build on, in the tradition of asset-based community
development (Kretzmann & McKnight, 1993): start from the capacities of residents,
their associations and the local institutions, not only from needs. The table has the
shape of the gap table (one row per strength, a type code, the nodes involved, a count
and a sentence with a next step) so that a meeting can read both side by side.

Strength types, in the order of the table:

``offers_at_unreached_place``
    A place residents visit that the team does not reach (the ``unreached_place``
    gap, :func:`~sociale_kaart.unreached_places`), with the regulars (residents with a
    ``visits`` tie) who offer something themselves (``Resident.offers``). ``count``:
    the regulars who offer something.
``resident_offers``
    Per theme, the residents who offer it. ``count``: those residents.
``matched_pair``
    Two residents who could help each other, from :func:`~sociale_kaart.match_residents`
    (a shared wish, such as two walkers; or an offer that meets a need, such as a
    handyman and a neighbour with a dripping tap). ``count``: 2 (the two residents).
``volunteers``
    Per initiative, the residents who volunteer there (``volunteers`` ties). A volunteer
    is named only when the tie records ``consent`` (true); the others are counted.
``free_capacity``
    An open offer with places still open (``capacity`` above 0). ``capacity`` records the
    places still *open* (see :class:`~sociale_kaart.core.records.Initiative`), so the
    participants (``participates`` ties) are already taken off and are not subtracted
    again. ``count``: the places open.
``vacant_space``
    A place of type ``vacant`` (:data:`~sociale_kaart.core.vocabulary.VACANT_PLACE`;
    the builder also reads *leegstand*). ``count``: 1.
``connector``
    A resident who brings neighbourhoods together: the Gould-Fernandez brokerage roles
    on ``knows`` ties with the neighbourhood as group (:func:`~sociale_kaart.brokerage`),
    all roles but *coordinator*. ``count``: the pairs of residents who do not know each
    other, both know the connector, and do not all three live in one neighbourhood.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.analysis.brokerage import brokerage
from sociale_kaart.core.checks import chosen_codes, require_map
from sociale_kaart.core.naming import professional_labels, team_label
from sociale_kaart.core.strings import check_language, join_words, text
from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.core.vocabulary import OFFER_KINDS, VACANT_PLACE
from sociale_kaart.core.wording import label_in_sentence, theme_need, theme_offer
from sociale_kaart.gaps.api import unreached_places
from sociale_kaart.gaps.common import suppressed
from sociale_kaart.privacy.suppression import check_min_cell
from sociale_kaart.referral.matching import match_residents

__all__ = ["STRENGTH_COLUMNS", "STRENGTH_TYPES", "strengths"]

#: The strength types, in the order of the table.
STRENGTH_TYPES: tuple[str, ...] = (
    "offers_at_unreached_place",
    "resident_offers",
    "matched_pair",
    "volunteers",
    "free_capacity",
    "vacant_space",
    "connector",
)

#: The columns of :func:`~sociale_kaart.strengths`, in order.
STRENGTH_COLUMNS: tuple[str, ...] = (
    "strength_type",
    "count",
    "neighbourhood",
    "theme",
    "nodes",
    "explanation",
    "suggestion",
)

#: The most residents a team sentence lists by id before "+n".
_LISTED = 4


class _Context:
    """The map's look-ups and the writing rules of one call."""

    def __init__(
        self, G: nx.MultiDiGraph, *, language: str, aggregate_only: bool, min_cell: int
    ) -> None:
        self.G = G
        self.lang = language
        self.aggregate_only = aggregate_only
        self.min_cell = min_cell
        self.vocab = G.graph.get("themes") or DEFAULT_THEMES
        self.pros = professional_labels(G, language=language)
        self.residents = [n for n, k in G.nodes(data="kind") if k == "resident"]

    def label(self, node: Hashable) -> str:
        return team_label(self.G, self.pros, node)

    def theme(self, code: str) -> str:
        return label_in_sentence(theme_label(code, self.vocab, language=self.lang))

    def need(self, code: str) -> str:
        return theme_need(code, self.vocab, language=self.lang)

    def offer(self, code: str) -> str:
        return theme_offer(code, self.vocab, language=self.lang)

    def themes(self, codes: Iterable[str]) -> str:
        return join_words([self.theme(c) for c in codes], self.lang)

    def hidden(self, n: int) -> bool:
        """Whether a count of residents is suppressed in the aggregate view."""
        return self.aggregate_only and suppressed(int(n), self.min_cell)

    def n(self, count: int) -> str:
        if self.hidden(count):
            return text("gaps.fewer", self.lang, n=self.min_cell)
        return str(count)

    def who(self, nodes: list[Hashable]) -> str:
        names = [self.label(n) for n in nodes[:_LISTED]]
        if len(nodes) > _LISTED:
            names.append(f"+{len(nodes) - _LISTED}")
        return join_words(names, self.lang)

    def row(
        self,
        kind: str,
        count: int,
        nodes: list[Hashable],
        explanation: str,
        suggestion: str,
        *,
        neighbourhood: str | None = None,
        theme: str | None = None,
        people: bool = True,
    ) -> dict[str, Any]:
        """One row; ``people``: ``count`` counts residents (suppressed for the public)."""
        return {
            "strength_type": kind,
            "count": pd.NA if people and self.hidden(count) else int(count),
            "neighbourhood": neighbourhood,
            "theme": theme,
            "nodes": [str(n) for n in nodes],
            "explanation": explanation,
            "suggestion": suggestion,
        }


def _is_open(attrs: dict[str, Any], today: _dt.date) -> bool:
    closed = attrs.get("closed")
    opened = attrs.get("opened")
    return not (closed is not None and closed <= today) and not (
        opened is not None and opened > today
    )


def _edges(G: nx.MultiDiGraph, relation: str) -> Iterable[tuple[Hashable, Hashable, Any]]:
    for u, v, d in G.edges(data=True):
        if d.get("relation") == relation:
            yield u, v, d


def _offers_at_unreached_places(c: _Context) -> list[dict[str, Any]]:
    G = c.G
    rows = []
    places = unreached_places(G, language=c.lang)
    residents = set(c.residents)
    for nodes in places["nodes"]:
        place = nodes[0]
        if G.nodes[place].get("kind") != "place":
            continue  # an unreached group of residents, not a place
        regulars = sorted(
            {u for u, v, _ in _edges(G, "visits") if v == place and u in residents},
            key=str,
        )
        offering = [r for r in regulars if G.nodes[r].get("offers")]
        if not offering:
            continue
        themes = sorted({t for r in offering for t in G.nodes[r]["offers"]})
        name = str(G.nodes[place].get("name") or place)
        explanation = text(
            "strengths.unreached_place",
            c.lang,
            n=c.n(len(regulars)),
            place=name,
            k=c.n(len(offering)),
            themes=c.themes(themes),
        )
        shown = [place] if c.aggregate_only else [place, *offering]
        rows.append(
            c.row(
                "offers_at_unreached_place",
                len(offering),
                shown,
                explanation,
                text("strengths.unreached_place_do", c.lang),
                neighbourhood=G.nodes[place].get("neighbourhood"),
            )
        )
    return rows


def _resident_offers(c: _Context) -> list[dict[str, Any]]:
    by_theme: dict[str, list[Hashable]] = defaultdict(list)
    for r in c.residents:
        for theme in c.G.nodes[r].get("offers") or ():
            by_theme[theme].append(r)
    rows = []
    for theme, people in sorted(by_theme.items()):
        people = sorted(people, key=str)
        who = "" if c.aggregate_only else f": {c.who(people)}"
        explanation = text(
            "strengths.offers", c.lang, n=c.n(len(people)), offer=c.offer(theme), who=who
        )
        rows.append(
            c.row(
                "resident_offers",
                len(people),
                [] if c.aggregate_only else people,
                explanation,
                text("strengths.offers_do", c.lang, need=c.need(theme)),
                theme=theme,
            )
        )
    return rows


def _matched_pairs(c: _Context) -> list[dict[str, Any]]:
    pairs = match_residents(c.G, language=c.lang)
    if c.aggregate_only:
        rows = []
        for kind in ("shared_wish", "offer_need"):
            part = pairs[pairs["kind"] == kind]
            if part.empty:
                continue
            themes = sorted(set(part["theme"]))
            explanation = text(
                f"strengths.pairs.{kind}", c.lang, n=c.n(len(part)), themes=c.themes(themes)
            )
            rows.append(
                c.row(
                    "matched_pair",
                    len(part),
                    [],
                    explanation,
                    text("strengths.pairs_do", c.lang),
                )
            )
        return rows
    pairs = pairs.sort_values("score", ascending=False, kind="stable")  # the best pairs first
    return [
        c.row(
            "matched_pair",
            2,
            [pair.resident_a, pair.resident_b],
            str(pair.explanation),
            text("strengths.pair_do", c.lang),
            neighbourhood=None,
            theme=str(pair.theme),
            people=False,  # a pair is two named residents: the team view only
        )
        for pair in pairs.itertuples()
    ]


def _volunteers(c: _Context, today: _dt.date) -> list[dict[str, Any]]:
    G = c.G
    by_offer: dict[Hashable, dict[Hashable, bool]] = defaultdict(dict)
    for u, v, d in _edges(G, "volunteers"):
        until = d.get("until")
        if until is not None and until <= today:
            continue  # a tie that has ended
        by_offer[v][u] = by_offer[v].get(u, False) or d.get("consent") is True
    if c.aggregate_only:
        return _public_volunteers(c, by_offer)
    rows = []
    for offer, people in sorted(by_offer.items(), key=lambda kv: str(kv[0])):
        name = str(G.nodes[offer].get("name") or offer)
        named = sorted((p for p, ok in people.items() if ok), key=str)
        n = len(people)
        shown: list[Hashable]
        if named:
            explanation = text(
                "strengths.volunteers_named", c.lang, n=n, offer=name, who=c.who(named)
            )
            shown = [offer, *named]
        else:
            explanation = text("strengths.volunteers_none_named", c.lang, n=n, offer=name)
            shown = [offer]
        rows.append(
            c.row(
                "volunteers",
                n,
                shown,
                explanation,
                text("strengths.volunteers_do", c.lang, offer=name),
                neighbourhood=G.nodes[offer].get("neighbourhood"),
            )
        )
    return rows


def _public_volunteers(
    c: _Context, by_offer: dict[Hashable, dict[Hashable, bool]]
) -> list[dict[str, Any]]:
    """One row for the public: the volunteers counted once, and the initiatives by name."""
    if not by_offer:
        return []
    people = {p for volunteers in by_offer.values() for p in volunteers}
    offers = sorted(by_offer, key=str)
    names = join_words([str(c.G.nodes[o].get("name") or o) for o in offers], c.lang)
    return [
        c.row(
            "volunteers",
            len(people),
            offers,
            text(
                "strengths.volunteers_public",
                c.lang,
                n=c.n(len(people)),
                k=len(offers),
                offers=names,
            ),
            text("strengths.volunteers_public_do", c.lang),
        )
    ]


def _free_capacity(c: _Context, today: _dt.date) -> list[dict[str, Any]]:
    G = c.G
    rows = []
    for node, attrs in sorted(G.nodes(data=True), key=lambda na: str(na[0])):
        if attrs.get("kind") not in OFFER_KINDS or not _is_open(attrs, today):
            continue
        capacity = attrs.get("capacity")
        if capacity is None or capacity <= 0:
            continue
        themes = list(attrs.get("themes") or [])
        name = str(attrs.get("name") or node)
        wanting = sum(1 for r in c.residents if set(G.nodes[r].get("needs") or {}) & set(themes))
        rows.append(
            c.row(
                "free_capacity",
                int(capacity),
                [node],
                text("strengths.capacity", c.lang, offer=name, n=capacity, themes=c.themes(themes)),
                text("strengths.capacity_do", c.lang, themes=c.themes(themes), m=c.n(wanting)),
                neighbourhood=attrs.get("neighbourhood"),
                theme=themes[0] if len(themes) == 1 else None,
                people=False,  # places in an offer, not people
            )
        )
    return rows


def _vacant_spaces(c: _Context, today: _dt.date) -> list[dict[str, Any]]:
    rows = []
    for node, attrs in sorted(c.G.nodes(data=True), key=lambda na: str(na[0])):
        if attrs.get("kind") != "place" or attrs.get("type") != VACANT_PLACE:
            continue
        if not _is_open(attrs, today):
            continue
        nb = attrs.get("neighbourhood")
        where = text("strengths.vacant_nb", c.lang, nb=nb) if nb else ""
        name = str(attrs.get("name") or node)
        rows.append(
            c.row(
                "vacant_space",
                1,
                [node],
                text("strengths.vacant", c.lang, place=name, nb=where),
                text("strengths.vacant_do", c.lang),
                neighbourhood=nb,
                people=False,
            )
        )
    return rows


def _connectors(c: _Context, top: int) -> list[dict[str, Any]]:
    G = c.G
    if not c.residents:
        return []
    frame = brokerage(
        G,
        by=lambda _, attrs: attrs.get("neighbourhood") if attrs.get("kind") == "resident" else None,
        relations="knows",
    )
    frame = frame[frame["kind"] == "resident"]
    # "knows" holds both ways, so every unordered pair is counted twice (i-v-j and j-v-i)
    bridging = ((frame["total"] - frame["coordinator"]) // 2).astype(int)
    bridging = bridging[bridging > 0]
    if c.aggregate_only:
        if bridging.empty:
            return []
        return [
            c.row(
                "connector",
                len(bridging),
                [],
                text("strengths.connectors", c.lang, n=c.n(len(bridging))),
                text("strengths.connectors_do", c.lang),
            )
        ]
    order = sorted(bridging.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]
    rows = []
    for node, n in order:
        who = c.label(node)
        rows.append(
            c.row(
                "connector",
                int(n),
                [node],
                text("strengths.connector", c.lang, who=who, n=int(n)),
                text("strengths.connector_do", c.lang, who=who),
                neighbourhood=G.nodes[node].get("neighbourhood"),
                people=False,  # a count of pairs around one named resident: team view only
            )
        )
    return rows


def _kinds(kinds: str | Iterable[str] | None) -> list[str]:
    return chosen_codes(kinds, STRENGTH_TYPES, parameter="kinds", what="strength type")


def strengths(
    G: nx.MultiDiGraph,
    *,
    kinds: str | Iterable[str] | None = None,
    language: str = "en",
    aggregate_only: bool = False,
    min_cell: int = 10,
    connectors: int = 5,
    today: _dt.date | None = None,
) -> pd.DataFrame:
    """What the neighbourhood already has to build on: the *kansen* beside the gaps.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    kinds : str or iterable of str, optional
        The strength types (:data:`~sociale_kaart.referral.strengths.STRENGTH_TYPES`);
        all by default.
    language : {"en", "nl"}
        The language of ``explanation`` and ``suggestion``.
    aggregate_only : bool, default False
        True gives the view for sharing outside the team: no person in ``nodes`` or
        in a sentence (matched pairs and connectors become one count each), and counts
        of residents from 1 to ``min_cell - 1`` shown as missing in ``count`` and as
        "fewer than ``min_cell``" in the sentences. Offers, places and their open places
        stay visible: they are not people.
    min_cell : int, default 10
        The smallest count of residents shown in the aggregate view (at least 5).
    connectors : int, default 5
        In the team view, the number of connectors listed (the strongest first).
    today : datetime.date, optional
        The day for closed offers and places and ended volunteer ties; today by default.

    Returns
    -------
    pandas.DataFrame
        One row per strength, with a default integer index and the columns
        :data:`~sociale_kaart.referral.strengths.STRENGTH_COLUMNS`: ``strength_type``,
        ``count`` (a nullable whole number; what it counts depends on the type, see
        :mod:`sociale_kaart.referral.strengths`), ``neighbourhood`` and ``theme`` (or
        None), ``nodes`` (the ids involved: a place or offer first, then residents),
        ``explanation`` and ``suggestion``. Sorted by type in the order of
        ``STRENGTH_TYPES``, then ``count`` (largest first), then ``nodes``. A map with
        nothing to show gives an empty frame with these columns.

    Raises
    ------
    TypeError
        If ``G`` is not a social map, or an option has the wrong type.
    ValueError
        If ``kinds`` names an unknown type, ``language`` is unknown, ``min_cell`` is
        below 5 or ``connectors`` is below 0.

    See Also
    --------
    find_gaps : what the map lacks.
    match_residents : the pairs behind ``matched_pair``.
    brokerage : the roles behind ``connector``.

    Notes
    -----
    Volunteers are named (by id, as residents are in team-facing text) only when their
    ``volunteers`` tie records ``consent`` as true (``toestemming`` in a Dutch file);
    an empty cell means consent was not asked, and the volunteer is only counted.
    The connector count of resident :math:`v` is :math:`\\tfrac12 \\sum_r b_r(v)` over
    the four roles that cross groups (itinerant, representative, gatekeeper,
    liaison) of Gould and Fernandez (1989), with neighbourhoods as groups; halved
    because ``knows`` ties hold both ways. Matched pairs are those of
    :func:`~sociale_kaart.match_residents` (Edmonds' maximum-weight matching per theme).

    References
    ----------
    - Kretzmann, J. P., & McKnight, J. L. (1993). *Building Communities from the Inside
      Out: A Path Toward Finding and Mobilizing a Community's Assets*. ACTA Publications.
    - Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
      to brokerage in transaction networks. *Sociological Methodology*, 19, 89-126.
      https://doi.org/10.2307/270949
    - Edmonds, J. (1965). Paths, trees, and flowers. *Canadian Journal of Mathematics*,
      17, 449-467. https://doi.org/10.4153/CJM-1965-045-4

    Examples
    --------
    Of the 34 residents on the bench in front of the supermarket, 13 offer something:

    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> s = sk.strengths(G, today=dt.date(2026, 11, 21))
    >>> bench = s[s["strength_type"] == "offers_at_unreached_place"].iloc[0]
    >>> bench["nodes"][0], int(bench["count"])
    ('pl_bankje', 13)

    The two walkers who have not met yet:

    >>> pairs = s[s["strength_type"] == "matched_pair"]
    >>> ["r_wandel_a", "r_wandel_b"] in pairs["nodes"].tolist()
    True

    The public view names no resident:

    >>> public = sk.strengths(G, aggregate_only=True, today=dt.date(2026, 11, 21))
    >>> any(n.startswith("r_") for nodes in public["nodes"] for n in nodes)
    False
    """
    require_map(G)
    check_language(language)
    min_cell = check_min_cell(min_cell)
    if not isinstance(aggregate_only, bool):
        raise TypeError(f"aggregate_only must be True or False, not {aggregate_only!r}")
    if isinstance(connectors, bool) or not isinstance(connectors, int):
        raise TypeError(f"connectors must be a whole number, not {type(connectors).__name__}")
    if connectors < 0:
        raise ValueError(f"connectors must be at least 0, not {connectors}")
    if today is None:
        today = _dt.date.today()
    if isinstance(today, _dt.datetime) or not isinstance(today, _dt.date):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    wanted = _kinds(kinds)
    c = _Context(G, language=language, aggregate_only=aggregate_only, min_cell=min_cell)
    detectors = {
        "offers_at_unreached_place": lambda: _offers_at_unreached_places(c),
        "resident_offers": lambda: _resident_offers(c),
        "matched_pair": lambda: _matched_pairs(c),
        "volunteers": lambda: _volunteers(c, today),
        "free_capacity": lambda: _free_capacity(c, today),
        "vacant_space": lambda: _vacant_spaces(c, today),
        "connector": lambda: _connectors(c, connectors),
    }
    rows: list[dict[str, Any]] = []
    for kind in wanted:
        found = detectors[kind]()
        # each detector gives its rows in a fixed order; the sort by count is stable
        found.sort(key=lambda r: -(r["count"] if r["count"] is not pd.NA else 0))
        rows += found
    frame = pd.DataFrame(rows, columns=list(STRENGTH_COLUMNS))
    frame["count"] = frame["count"].astype("Int64")
    for column in ("strength_type", "neighbourhood", "theme", "nodes", "explanation"):
        frame[column] = frame[column].astype(object)
    frame["suggestion"] = frame["suggestion"].astype(object)
    return frame
