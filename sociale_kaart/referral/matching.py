"""Resident-to-resident matching: buddies with a shared wish, and reciprocity.

:func:`~sociale_kaart.match_residents` pairs residents who could help each other:

``shared_wish``
    Two residents who need the same *pairable* theme
    (:data:`~sociale_kaart.referral.matching.PAIRABLE_THEMES`: exercise, loneliness,
    ...), such as two people who both want a walking buddy.
``offer_need``
    A resident who offers a theme (``offers``) and one who needs it, such as
    a handyman and a neighbour with a dripping tap. This is also how a
    resident with needs of her own becomes useful to someone else.

Per theme, a maximum-weight matching (Edmonds 1965) picks the pairs, so each resident
is in at most one pair per theme and the sum of the pair scores is as high as
possible. Residents who already know each other are not paired (they can
already ask; see :func:`~sociale_kaart.network_activation`).

Pair score
----------
The weighted mean (weights :data:`~sociale_kaart.referral.matching.PAIR_WEIGHTS`) of
components between 0 and 1:

``neighbourhood``
    1 when both live in the same (known) neighbourhood, else 0.
``language``
    1 when they share a language, 0 when they share none, 0.5 when either
    resident's languages are unknown.
``shared``
    ``min(1, m / 2)``, ``m`` the number of *other* themes that connect them
    (both wish it and it is pairable, or one offers what the other needs).
``contact``
    1 when someone knows both (a resident who knows both, or a professional
    who supports or knows both), who can introduce them.
``proximity``
    ``1 / (1 + km)`` between their coordinates; 0.5 when unknown.
``age``
    For a shared wish, ``1 - min(|Δ birth year|, 40) / 40``; 0.5 when
    unknown and for offer-need pairs.
``urgency``
    ``(5 - ZRM) / 4`` of the need (mean of both for a shared wish); 0.5 when
    unscored.

Scale
-----
The residents of a theme are matched in *blocks* of at most
:data:`~sociale_kaart.referral.matching.BLOCK_SIZE`: when a theme has more residents than
that, they are split by neighbourhood, and a neighbourhood with more is split by location
(at the median latitude or longitude, whichever spreads more; residents
without coordinates form blocks of their own). Within a block each resident
keeps their
:data:`~sociale_kaart.referral.matching.CANDIDATES` best candidate partners. On a small map (a
theme with at most
:data:`~sociale_kaart.referral.matching.BLOCK_SIZE` residents, each block of at most
``CANDIDATES + 1``) the matching is therefore exactly optimal over all pairs;
on a large map it is optimal over the pairs of nearby residents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.formatting import format_km
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.core.strings import check_language, join_words, text
from sociale_kaart.core.themes import DEFAULT_THEMES, nearest_code, resolve_theme
from sociale_kaart.core.wording import language_name, theme_need, theme_offer

__all__ = [
    "BLOCK_SIZE",
    "CANDIDATES",
    "MATCH_COLUMNS",
    "PAIRABLE_THEMES",
    "PAIR_WEIGHTS",
    "match_residents",
]

#: Themes where two residents with the same wish can help each other.
PAIRABLE_THEMES: frozenset[str] = frozenset(
    {"exercise", "loneliness", "social_network", "time_use", "community_participation", "parenting"}
)

#: The weights of the pair score components.
PAIR_WEIGHTS: dict[str, float] = {
    "neighbourhood": 2.0,
    "language": 2.0,
    "shared": 1.0,
    "contact": 1.0,
    "proximity": 1.0,
    "age": 0.5,
    "urgency": 1.0,
}

#: The largest group of residents matched at once.
BLOCK_SIZE = 10
#: How many best candidate partners each resident keeps within a block.
CANDIDATES = 5

#: The columns of :func:`~sociale_kaart.match_residents`.
MATCH_COLUMNS: tuple[str, ...] = (
    "resident_a",
    "resident_b",
    "theme",
    "kind",
    "score",
    "explanation",
)

_SCALE = 1_000_000  # integer weights for an exact matching

# The sentences live in sociale_kaart.core.strings, under ``matching.*``.


def _resolve(G: nx.MultiDiGraph, theme: str) -> str:
    if not isinstance(theme, str):
        raise TypeError(f"theme must be a theme code (str) or None, not {type(theme).__name__}")
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    code = resolve_theme(theme, vocabulary)
    if code is None:
        hint = nearest_code(theme, vocabulary)
        tip = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(f"theme {theme!r} is not a theme of this map{tip}")
    return code


class _Residents:
    """Resident data as arrays, for vectorised pair scores."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        ids = [n for n, a in G.nodes(data=True) if a.get("kind") == "resident"]
        self.ids: list[str] = ids
        self.pos = {n: i for i, n in enumerate(ids)}
        attrs = [G.nodes[n] for n in ids]
        self.needs: list[dict[str, int | None]] = [dict(a.get("needs") or {}) for a in attrs]
        self.offers: list[frozenset[str]] = [frozenset(a.get("offers") or ()) for a in attrs]
        self.nb: list[str | None] = [a.get("neighbourhood") for a in attrs]
        self.langs: list[list[str]] = [list(a.get("languages") or ()) for a in attrs]
        n = len(ids)
        self.birth = np.array(
            [np.nan if a.get("birth_year") is None else a["birth_year"] for a in attrs], float
        )
        self.lat = np.array([np.nan if a.get("lat") is None else a["lat"] for a in attrs], float)
        self.lon = np.array([np.nan if a.get("lon") is None else a["lon"] for a in attrs], float)
        # contacts: residents known and professionals who support or know them
        self.known: list[set[int]] = [set() for _ in range(n)]
        self.contacts: list[set[str]] = [set() for _ in range(n)]
        for u, v, rel in G.edges(keys=True):
            if rel not in ("knows", "supports"):
                continue
            iu, iv = self.pos.get(u), self.pos.get(v)
            if iu is not None and iv is not None:
                self.known[iu].add(iv)
                self.known[iv].add(iu)
                self.contacts[iu].add(v)
                self.contacts[iv].add(u)
            elif iv is not None:
                self.contacts[iv].add(u)
            elif iu is not None:
                self.contacts[iu].add(v)
        themes = sorted({t for d in self.needs for t in d} | {t for o in self.offers for t in o})
        self.theme_pos = {t: i for i, t in enumerate(themes)}
        languages = sorted({x for ls in self.langs for x in ls})
        lang_pos = {x: i for i, x in enumerate(languages)}
        self.N = np.zeros((n, len(themes)), dtype=np.float32)
        self.O = np.zeros((n, len(themes)), dtype=np.float32)
        self.L = np.zeros((n, len(languages)), dtype=np.float32)
        tp = self.theme_pos
        for matrix, lists, where in (
            (self.N, self.needs, tp),
            (self.O, self.offers, tp),
            (self.L, self.langs, lang_pos),
        ):
            rows = [i for i, items in enumerate(lists) for _ in items]
            cols = [where[x] for items in lists for x in items]
            matrix[rows, cols] = 1
        pairable = np.array([t in PAIRABLE_THEMES for t in themes], dtype=np.float32)
        self.P = self.N * pairable


def _blocks(R: _Residents, members: list[int]) -> list[list[int]]:
    if len(members) <= BLOCK_SIZE:
        return [members]
    groups: dict[str | None, list[int]] = {}
    for i in members:
        groups.setdefault(R.nb[i], []).append(i)
    out: list[list[int]] = []
    if len(groups) > 1:
        for key in sorted(groups, key=lambda g: (g is None, g or "")):
            out.extend(_blocks(R, groups[key]))
        return out
    located = [i for i in members if not (math.isnan(R.lat[i]) or math.isnan(R.lon[i]))]
    unlocated = [i for i in members if i not in set(located)]
    for s in range(0, len(unlocated), BLOCK_SIZE):
        out.append(unlocated[s : s + BLOCK_SIZE])
    if located:
        out.extend(_split(R, located))
    return out


def _split(R: _Residents, members: list[int]) -> list[list[int]]:
    if len(members) <= BLOCK_SIZE:
        return [members]
    lat, lon = R.lat[members], R.lon[members]
    axis = lat if np.ptp(lat) >= np.ptp(lon) * math.cos(math.radians(float(lat.mean()))) else lon
    order = [members[j] for j in np.argsort(axis, kind="stable")]
    half = len(order) // 2
    return _split(R, order[:half]) + _split(R, order[half:])


def _pair_matrix(
    R: _Residents, block: list[int], theme: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores, validity and kind (True: offer-need) of every pair in a block."""
    idx = np.array(block)
    n = len(block)
    t = R.theme_pos[theme]
    needs_t = R.N[idx, t] > 0
    offers_t = R.O[idx, t] > 0
    pairable = theme in PAIRABLE_THEMES
    offer_need = (offers_t[:, None] & needs_t[None, :]) | (needs_t[:, None] & offers_t[None, :])
    shared_wish = needs_t[:, None] & needs_t[None, :] if pairable else np.zeros((n, n), bool)
    valid = offer_need | shared_wish
    np.fill_diagonal(valid, False)
    for a, i in enumerate(block):
        if R.known[i]:
            members = [b for b, j in enumerate(block) if j in R.known[i]]
            valid[a, members] = False

    nbs = [R.nb[i] for i in block]
    nb_codes = {x: c for c, x in enumerate(sorted({x for x in nbs if x is not None}))}
    code = np.array([nb_codes.get(x, -1) if x is not None else -1 for x in nbs])
    same_nb = (code[:, None] == code[None, :]) & (code[:, None] >= 0)

    L = R.L[idx]
    has_lang = L.sum(axis=1) > 0
    share = (L @ L.T) > 0
    language = np.where(has_lang[:, None] & has_lang[None, :], share.astype(float), 0.5)

    wish, need, offer = R.P[idx], R.N[idx], R.O[idx]
    links = (wish @ wish.T) + (offer @ need.T) + (need @ offer.T)
    own = (wish[:, t] > 0)[:, None] & (wish[:, t] > 0)[None, :]
    direct = (offer[:, t][:, None] * need[:, t][None, :]) + (
        need[:, t][:, None] * offer[:, t][None, :]
    )
    links = links - own - direct
    shared = np.minimum(1.0, np.maximum(links, 0) / 2)

    contact = np.zeros((n, n))
    holders: dict[str, list[int]] = {}
    for a, i in enumerate(block):
        for c in R.contacts[i]:
            holders.setdefault(c, []).append(a)
    for group in holders.values():
        if len(group) > 1:
            g = np.array(group)
            contact[np.ix_(g, g)] = 1.0

    lat, lon = R.lat[idx], R.lon[idx]
    km = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    proximity = np.where(np.isnan(km), 0.5, 1.0 / (1.0 + np.nan_to_num(km)))

    birth = R.birth[idx]
    gap = np.abs(birth[:, None] - birth[None, :])
    age = np.where(np.isnan(gap), 0.5, 1.0 - np.minimum(np.nan_to_num(gap), 40) / 40)
    age = np.where(offer_need, 0.5, age)

    zrm = np.array([R.needs[i].get(theme) if theme in R.needs[i] else np.nan for i in block])
    zrm = np.array([np.nan if z is None else z for z in zrm], float)
    urg = np.where(np.isnan(zrm), 0.5, (5 - np.nan_to_num(zrm)) / 4)
    urg_shared = (urg[:, None] + urg[None, :]) / 2
    urg_need = np.where(needs_t[None, :] & offers_t[:, None], urg[None, :], urg[:, None])
    urgency = np.where(offer_need, urg_need, urg_shared)

    w = PAIR_WEIGHTS
    score = (
        w["neighbourhood"] * same_nb
        + w["language"] * language
        + w["shared"] * shared
        + w["contact"] * contact
        + w["proximity"] * proximity
        + w["age"] * age
        + w["urgency"] * urgency
    ) / sum(w.values())
    return score, valid, offer_need


def _candidate_pairs(R: _Residents, theme: str) -> list[list[tuple[int, int, float, bool]]]:
    """Candidate pairs ``(i, j, score, offer_need)`` for one theme, per block."""
    t = R.theme_pos.get(theme)
    if t is None:
        return []
    members = np.flatnonzero((R.N[:, t] > 0) | (R.O[:, t] > 0)).tolist()
    blocks: list[list[tuple[int, int, float, bool]]] = []
    needs_t, offers_t = R.N[:, t] > 0, R.O[:, t] > 0
    for block in _blocks(R, members):
        if len(block) < 2:
            continue
        if theme not in PAIRABLE_THEMES and not (offers_t[block].any() and needs_t[block].any()):
            continue  # no one offers it here, and a shared wish does not pair
        out: list[tuple[int, int, float, bool]] = []
        score, valid, offer_need = _pair_matrix(R, block, theme)
        masked = np.where(valid, score, -np.inf)
        keep = np.zeros_like(valid)
        if len(block) - 1 > CANDIDATES:
            top = np.argpartition(-masked, CANDIDATES - 1, axis=1)[:, :CANDIDATES]
            rows = np.repeat(np.arange(len(block)), CANDIDATES)
            keep[rows, top.ravel()] = True
            keep |= keep.T
            keep &= valid
        else:
            keep = valid
        a_idx, b_idx = np.nonzero(np.triu(keep, 1))
        for a, b in zip(a_idx.tolist(), b_idx.tolist(), strict=True):
            out.append((block[a], block[b], float(score[a, b]), bool(offer_need[a, b])))
        if out:
            blocks.append(out)
    return blocks


def _match(pairs: list[tuple[int, int, float, bool]]) -> list[tuple[int, int, float, bool]]:
    """The maximum-weight matching of one block's candidate pairs.

    Integer weights ``round(score * 1e6)``, doubled for a shared wish (it
    meets two residents' needs, an offer-need pair one). A block of
    offer-need pairs only is bipartite (offerers and needers) and solved with
    the Hungarian method; otherwise with Edmonds' blossom algorithm.
    """
    info: dict[tuple[int, int], tuple[float, bool]] = {}
    for i, j, s, kind in pairs:
        info[(min(i, j), max(i, j))] = (s, kind)
    weight = {key: round(s * _SCALE) * (1 if kind else 2) for key, (s, kind) in info.items()}
    if len(info) == 1:
        matched: set[tuple[int, int]] = set(info)
    else:
        sides = _bipartition(info)
        if sides is not None:
            matched = _hungarian(sides[0], sides[1], weight)
        else:
            matched = _blossom(weight)
    out = []
    for i, j in matched:
        key = (min(i, j), max(i, j))
        s, kind = info[key]
        out.append((key[0], key[1], s, kind))
    return out


def _blossom(weight: Mapping[tuple[int, int], int]) -> set[tuple[int, int]]:
    """Maximum-weight matching of a general graph (Edmonds' blossom algorithm).

    rustworkx's implementation when it is installed (the ``fast`` extra; 60-70
    times faster on these small blocks than networkx's pure Python), else
    :func:`networkx.max_weight_matching`. Both are exact on the integer weights,
    so they find a matching of the same, maximum total weight; when two
    matchings tie, they may pick different ones.
    """
    try:
        import rustworkx as rx
    except ImportError:  # pragma: no cover - rustworkx is installed in the test env
        H = nx.Graph()
        H.add_weighted_edges_from((i, j, w) for (i, j), w in weight.items())
        return {(int(i), int(j)) for i, j in nx.max_weight_matching(H)}
    nodes = sorted({x for edge in weight for x in edge})
    pos = {x: k for k, x in enumerate(nodes)}
    R = rx.PyGraph()
    R.add_nodes_from(nodes)
    R.add_edges_from([(pos[i], pos[j], w) for (i, j), w in weight.items()])
    matched = rx.max_weight_matching(R, weight_fn=int)
    return {(nodes[a], nodes[b]) for a, b in matched}


def _bipartition(
    info: Mapping[tuple[int, int], tuple[float, bool]],
) -> tuple[list[int], list[int]] | None:
    """Two sides when the pairs form a bipartite graph, else None (2-colouring)."""
    adj: dict[int, list[int]] = {}
    for i, j in info:
        adj.setdefault(i, []).append(j)
        adj.setdefault(j, []).append(i)
    colour: dict[int, int] = {}
    for root in sorted(adj):
        if root in colour:
            continue
        colour[root] = 0
        stack = [root]
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if v not in colour:
                    colour[v] = 1 - colour[u]
                    stack.append(v)
                elif colour[v] == colour[u]:
                    return None
    left = sorted(u for u, c in colour.items() if c == 0)
    right = sorted(u for u, c in colour.items() if c == 1)
    return (left, right) if len(left) <= len(right) else (right, left)


def _hungarian(
    rows: list[int], cols: list[int], weight: Mapping[tuple[int, int], int]
) -> set[tuple[int, int]]:
    """Maximum-weight bipartite matching (non-negative weights), ``len(rows) <= len(cols)``.

    The Hungarian method with potentials (Kuhn 1955), O(n^2 m): a missing pair
    weighs 0, so an assignment that uses it leaves both unmatched.
    """
    n, m = len(rows), len(cols)
    big = max(weight.values())
    # cost[i][j] = big - w >= 0; minimising cost maximises weight
    cost = [[big - weight.get((min(r, c), max(r, c)), 0) for c in cols] for r in rows]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = set()
    for j in range(1, m + 1):
        if p[j]:
            r, c = rows[p[j] - 1], cols[j - 1]
            if weight.get((min(r, c), max(r, c)), 0) > 0:
                out.add((r, c))
    return out


def match_residents(
    G: nx.MultiDiGraph, *, theme: str | None = None, language: str = "en"
) -> pd.DataFrame:
    """Pair residents who could help each other: shared wishes and offer-need pairs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    theme : str, optional
        Match for this theme only (a code or Dutch alias); by default for
        every theme that a resident needs.
    language : {"en", "nl"}
        The language of ``explanation``.

    Returns
    -------
    pandas.DataFrame
        One row per pair, with a default integer index, sorted by theme,
        then score (high first), then ``resident_a``. Columns:
        ``resident_a``, ``resident_b`` (ids; in an offer-need pair
        ``resident_a`` offers and ``resident_b`` needs; in a shared wish
        ``resident_a`` has the smaller id), ``theme``, ``kind``
        (``shared_wish`` or ``offer_need``), ``score`` (0-1) and
        ``explanation``. A map without possible pairs gives an empty frame.

    Raises
    ------
    ValueError
        If ``theme`` is not a theme of the map, or ``language`` is unknown.
    TypeError
        If ``theme`` is not a string.

    See Also
    --------
    suggest_referrals : offers and own-network helpers for one resident.
    network_activation : who a resident already knows who can help.

    Notes
    -----
    The pair score :math:`s_{ab} = \\sum_c w_c x_c / \\sum_c w_c` is described
    in :mod:`sociale_kaart.referral.matching`. Per theme, the pairs maximise
    :math:`\\sum s_{ab}` over the candidate pairs with Edmonds' blossom
    algorithm [Edmonds1965]_ (rustworkx's ``max_weight_matching`` when the ``fast``
    extra is installed, else :func:`networkx.max_weight_matching`, on scores scaled
    to integers so that the optimum is exact), block by block; a block of
    offer-need pairs only is bipartite and solved with the Hungarian method
    [Kuhn1955]_. See [Galil1986]_ for a survey. Each resident is
    in at most one pair per theme, but may be in pairs for several themes.

    References
    ----------
    .. [Edmonds1965] Edmonds, J. (1965). Paths, trees, and flowers. *Canadian Journal
       of Mathematics*, 17, 449-467. https://doi.org/10.4153/CJM-1965-045-4
    .. [Galil1986] Galil, Z. (1986). Efficient algorithms for finding maximum
       matching in graphs. *ACM Computing Surveys*, 18(1), 23-38.
       https://doi.org/10.1145/6462.6502
    .. [Kuhn1955] Kuhn, H. W. (1955). The Hungarian method for the assignment
       problem. *Naval Research Logistics Quarterly*, 2(1-2), 83-97.
       https://doi.org/10.1002/nav.3800020109

    Examples
    --------
    Two walkers in Parkzicht who have not met:

    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> pairs = sk.match_residents(G, theme="exercise")
    >>> pairs[pairs.resident_a == "r_wandel_a"][["resident_b", "kind"]].values.tolist()
    [['r_wandel_b', 'shared_wish']]
    """
    require_map(G)
    check_language(language)
    themes: list[str]
    R = _Residents(G)
    if theme is not None:
        themes = [_resolve(G, theme)]
    else:
        themes = sorted({t for d in R.needs for t in d})
    rows: list[dict[str, Any]] = []
    for t in themes:
        for block in _candidate_pairs(R, t):
            for i, j, s, offer_need in _match(block):
                rows.append(_row(G, R, i, j, t, s, offer_need, language))
    rows.sort(key=lambda r: (r["theme"], -r["score"], r["resident_a"], r["resident_b"]))
    frame = pd.DataFrame(rows, columns=list(MATCH_COLUMNS))
    for c in ("resident_a", "resident_b", "theme", "kind", "explanation"):
        frame[c] = frame[c].astype(object)
    frame["score"] = frame["score"].astype(float)
    return frame


def _row(
    G: nx.MultiDiGraph,
    R: _Residents,
    i: int,
    j: int,
    theme: str,
    score: float,
    offer_need: bool,
    language: str,
) -> dict[str, Any]:
    if offer_need:
        if theme in R.offers[i] and theme in R.needs[j]:
            a, b = i, j
        else:
            a, b = j, i
        kind = "offer_need"
    else:
        a, b = (i, j) if R.ids[i] < R.ids[j] else (j, i)
        kind = "shared_wish"
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    ida, idb = R.ids[a], R.ids[b]
    phrases = {
        "need": theme_need(theme, vocabulary, language=language),
        "offer": theme_offer(theme, vocabulary, language=language),
    }
    wanted = {"need"} if kind == "shared_wish" else {"need", "offer"}
    parts = [
        text(
            f"matching.{kind}",
            language,
            a=ida,
            b=idb,
            **{k: v for k, v in phrases.items() if k in wanted},
        )
    ]
    if R.nb[a] is not None and R.nb[a] == R.nb[b]:
        parts.append(text("matching.same_nb", language, nb=R.nb[a]))
    common = [x for x in R.langs[a] if x in R.langs[b]]
    if common:
        names = join_words([language_name(x, language) for x in common], language)
        parts.append(text("matching.lang", language, langs=names))
    elif R.langs[a] and R.langs[b]:
        parts.append(text("matching.no_lang", language))
    if not any(math.isnan(x) for x in (R.lat[a], R.lon[a], R.lat[b], R.lon[b])):
        km = haversine_km(R.lat[a], R.lon[a], R.lat[b], R.lon[b])
        parts.append(text("matching.km", language, km=format_km(km, language)))
    others = sorted(
        (set(R.needs[a]) | set(R.needs[b]) | R.offers[a] | R.offers[b]) - {theme}, key=str
    )
    # a theme after a verb takes its phrasing as a need or an offer: "ze zoeken ook gezelschap",
    # "daarnaast: r_1 helpt met het Nederlands; r_2 zoekt hulp bij het Nederlands"
    both = [t for t in others if t in PAIRABLE_THEMES and t in R.needs[a] and t in R.needs[b]]
    if both:
        needs = join_words([theme_need(t, vocabulary, language=language) for t in both], language)
        parts.append(text("matching.also", language, needs=needs))
    for giver, taker, g, k in ((a, b, ida, idb), (b, a, idb, ida)):
        for t in others:
            if t in R.offers[giver] and t in R.needs[taker] and t not in both:
                parts.append(
                    text(
                        "matching.also_offer",
                        language,
                        a=g,
                        b=k,
                        offer=theme_offer(t, vocabulary, language=language),
                        need=theme_need(t, vocabulary, language=language),
                    )
                )
    shared_contacts = sorted(R.contacts[a] & R.contacts[b])
    if shared_contacts:
        parts.append(text("matching.contact", language, c=shared_contacts[0]))
    return {
        "resident_a": ida,
        "resident_b": idb,
        "theme": theme,
        "kind": kind,
        "score": round(score, 4),
        "explanation": "; ".join(parts) + ".",
    }
