"""Synthetic social maps of any size, for tests and benchmarks."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.builder import Row, Table, build_graph, gc_paused, table_columns
from sociale_kaart.core.journal import REFERRAL_COLUMNS, validate_referrals
from sociale_kaart.core.themes import DEFAULT_THEMES

__all__ = [
    "JOURNAL_COMPANION_SHARE",
    "JOURNAL_OPEN_SHARE",
    "JOURNAL_START_WITH",
    "JOURNAL_START_WITHOUT",
    "synthetic",
]

#: The planted effect of the synthetic journal: a referral made with a
#: companion starts with this probability ...
JOURNAL_START_WITH = 0.7
#: ... and one made without a companion with this one.
JOURNAL_START_WITHOUT = 0.4
#: The share of synthetic referrals made with a companion.
JOURNAL_COMPANION_SHARE = 0.3
#: The share of the referrals that do not start which never get a status after ``proposed``.
JOURNAL_OPEN_SHARE = 0.25

_THEMES = list(DEFAULT_THEMES)
# How often each theme is a need, roughly as in neighbourhood team caseloads.
_NEED_WEIGHTS = np.array([9, 5, 4, 5, 3, 6, 6, 2, 2, 4, 6, 3, 1, 6, 4, 5, 6], dtype=float)
_NEED_WEIGHTS /= _NEED_WEIGHTS.sum()
_OTHER_LANGUAGES = ["ar", "tr", "pl", "en", "so", "ti", "pt", "fr", "de", "uk", "zh", "es"]
_ROLES = [
    "social_worker",
    "social_worker",
    "district_nurse",
    "debt_advisor",
    "legal_advisor",
    "wmo_consultant",
    "community_builder",
    "sports_coach",
    "youth_worker",
    "client_support",
]
_ORG_TYPES = [
    "welfare",
    "municipality",
    "housing corporation",
    "debt counselling",
    "youth care",
    "school",
    "gp practice",
    "mental health care",
    "information point",
    "library",
]
_PLACE_TYPES = ["community centre", "library", "supermarket bench", "park", "school yard"]
_FIRST = ["Anna", "Mohamed", "Fatma", "Jan", "Aisha", "Piotr", "Sanne", "Yusuf", "Ilse", "Hamza"]
_LAST = ["de Vries", "El Amrani", "Yilmaz", "Jansen", "Nowak", "Bakker", "Hassan", "Visser"]
_REFERENCE_DATE = _dt.date(2026, 11, 1)
_BASE_LAT, _BASE_LON = 52.0, 5.0


def _join(items: Any) -> str:
    return ";".join(str(i) for i in items)


def synthetic(
    n_residents: int, *, seed: int = 0, name: str | None = None, journal: int = 0
) -> nx.MultiDiGraph:
    """Make a valid, realistic social map with ``n_residents`` residents.

    The map has neighbourhoods of about 2,000 residents. Per 1,000 residents
    it has about 40 professionals, 60 initiatives, 25 organisations and 4
    places. Residents live in clusters of about 20 (a street, a stairwell)
    and most of their ``knows`` ties stay in the cluster, some reach across
    the neighbourhood, so the resident network is clustered, as real
    neighbourhood networks are. About 60% of residents have a need with a ZRM
    score; professionals support a caseload in their neighbourhood, know
    offers, meet and refer. The map is built through the same validating
    builder as every reader.

    Parameters
    ----------
    n_residents : int
        At least 1.
    seed : int
        The same seed gives the same map.
    name : str, optional
        The map's name; ``"synthetic-<n>-<seed>"`` by default.
    journal : int, default 0
        The number of referrals in a referral journal to give the map
        (``G.graph["referrals"]``, validated as every journal is); none by
        default. The journal has a *known, planted* companion effect, so that
        analyses can be checked against it: a referral is made with a
        companion with probability :data:`JOURNAL_COMPANION_SHARE` (0.3), and
        it starts with probability :data:`JOURNAL_START_WITH` (0.7) with a
        companion and :data:`JOURNAL_START_WITHOUT` (0.4) without, whatever
        else is true of it. A referral that starts goes ``proposed``,
        ``accepted``, ``started`` (a third then ``completed``); one that does
        not is ``rejected``, ``cancelled`` after acceptance, or, with
        probability :data:`JOURNAL_OPEN_SHARE` (0.25), never gets a status
        after ``proposed`` (an open loop). Referrals run from a professional
        to an initiative, on the initiative's first theme, dated in the year
        before 1 November 2026. The journal comes from a random stream of its
        own: the map is the same with or without it.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.synthetic(1_000, seed=1)
    >>> sk.summary(G).loc["total", ["residents", "professionals", "initiatives"]].tolist()
    [1000, 40, 60]

    With a journal of 2,000 referrals, about 70 % of those made with a
    companion start, and about 40 % of the others:

    >>> H = sk.datasets.synthetic(1_000, seed=1, journal=2_000)
    >>> rates = sk.referral_outcomes(H, by="companion")["start_rate"]
    >>> [round(float(r), 1) for r in rates]
    [0.4, 0.7]
    """
    if not isinstance(n_residents, (int, np.integer)) or n_residents < 1:
        raise ValueError(f"n_residents must be a whole number of at least 1, not {n_residents!r}")
    if isinstance(journal, bool) or not isinstance(journal, (int, np.integer)) or journal < 0:
        raise ValueError(f"journal must be a whole number of referrals, 0 or more, not {journal!r}")
    with gc_paused():
        G = _synthetic(int(n_residents), seed=seed, name=name)
        if journal:
            G.graph["referrals"] = validate_referrals(
                G, _journal(G, int(journal), seed=seed), file="synthetic referrals"
            )
        return G


def _journal(G: nx.MultiDiGraph, n: int, *, seed: int) -> pd.DataFrame:
    """``n`` referrals with the planted companion effect documented in :func:`synthetic`."""
    rng = np.random.default_rng([seed, 13])  # own stream: the map stays the same
    kinds = dict(G.nodes(data="kind"))
    residents = [v for v, k in kinds.items() if k == "resident"]
    professionals = [v for v, k in kinds.items() if k == "professional"]
    initiatives = [v for v, k in kinds.items() if k == "initiative"]
    who = rng.integers(0, len(residents), n)
    by = rng.integers(0, len(professionals), n)
    to = rng.integers(0, len(initiatives), n)
    companion = rng.random(n) < JOURNAL_COMPANION_SHARE
    starts = rng.random(n) < np.where(companion, JOURNAL_START_WITH, JOURNAL_START_WITHOUT)
    how = rng.random(n)  # how a referral ends (or which one that does not start)
    begin = rng.integers(0, 330, n)
    waits = rng.integers(0, 15, (n, 3))
    first_day = _REFERENCE_DATE - _dt.timedelta(days=365)
    rows: list[list[Any]] = []
    for i in range(n):
        target = initiatives[int(to[i])]
        themes = G.nodes[target].get("themes") or [None]
        ref = f"s{i + 1:06d}"
        base = [residents[int(who[i])], professionals[int(by[i])], target, None, themes[0]]
        day = first_day + _dt.timedelta(days=int(begin[i]))
        steps: list[tuple[str, _dt.date]] = [("proposed", day)]
        accepted = day + _dt.timedelta(days=int(waits[i, 0]))
        if starts[i]:
            started = accepted + _dt.timedelta(days=int(waits[i, 1]))
            steps += [("accepted", accepted), ("started", started)]
            if how[i] < 1 / 3:
                steps.append(("completed", started + _dt.timedelta(days=30 + int(waits[i, 2]))))
        elif how[i] < JOURNAL_OPEN_SHARE:
            pass  # never comes back
        elif how[i] < 0.6:
            steps.append(("rejected", accepted))
        else:
            cancelled = accepted + _dt.timedelta(days=int(waits[i, 1]))
            steps += [("accepted", accepted), ("cancelled", cancelled)]
        for k, (status, when) in enumerate(steps):
            reason = "not the right offer" if status in ("rejected", "cancelled") else None
            rows.append([ref, when, status, *base, bool(companion[i]) if k == 0 else False, reason])
    return pd.DataFrame(rows, columns=list(REFERRAL_COLUMNS))


def _synthetic(n: int, *, seed: int, name: str | None) -> nx.MultiDiGraph:
    rng = np.random.default_rng(seed)
    n_nb = max(1, round(n / 2000))
    nbs = [f"Buurt {i + 1:02d}" for i in range(n_nb)]
    n_pro = max(1, round(n * 0.040))
    n_ini = max(1, round(n * 0.060))
    n_org = max(1, round(n * 0.025))
    n_pla = max(1, round(n * 0.004))

    # --- residents
    r_nb = np.sort(rng.integers(0, n_nb, n)) if n_nb > 1 else np.zeros(n, dtype=int)
    r_ids = [f"r{i}" for i in range(n)]
    nb_lat = _BASE_LAT + (np.arange(n_nb) // 10) * 0.02
    nb_lon = _BASE_LON + (np.arange(n_nb) % 10) * 0.03
    lat = np.round(nb_lat[r_nb] + rng.normal(0, 0.004, n), 6)
    lon = np.round(nb_lon[r_nb] + rng.normal(0, 0.006, n), 6)
    birth = rng.integers(1935, 2009, n)
    birth_missing = rng.random(n) < 0.05
    gender = np.random.default_rng([seed, 1]).integers(0, 2, n)  # own stream: same map as before
    n_needs = rng.choice([0, 1, 2, 3], size=n, p=[0.4, 0.3, 0.2, 0.1])
    has_offer = rng.random(n) < 0.2
    other_lang = rng.random(n) < 0.35
    statuses_draw = rng.random((n, 3))
    residents = []
    for i in range(n):
        needs = rng.choice(len(_THEMES), size=n_needs[i], replace=False, p=_NEED_WEIGHTS)
        scores = rng.integers(1, 5, len(needs))
        langs = ["nl"]
        if other_lang[i]:
            langs.append(_OTHER_LANGUAGES[i % len(_OTHER_LANGUAGES)])
        statuses = []
        if statuses_draw[i, 0] < 0.15:
            statuses.append("meedoen_pass")
        if statuses_draw[i, 1] < 0.08:
            statuses.append("eu_citizen")
        if statuses_draw[i, 2] < 0.05:
            statuses.append("newcomer")
        residents.append(
            {
                "id": r_ids[i],
                "name": f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // 7) % len(_LAST)]}",
                "neighbourhood": nbs[r_nb[i]],
                "birth_year": "" if birth_missing[i] else str(birth[i]),
                "gender": "" if birth_missing[i] else ("female", "male")[int(gender[i])],
                "languages": _join(langs),
                "needs": _join(f"{_THEMES[t]}:{s}" for t, s in zip(needs, scores, strict=True)),
                "offers": _THEMES[(i * 7) % len(_THEMES)] if has_offer[i] else "",
                "statuses": _join(statuses),
                "lat": str(lat[i]),
                "lon": str(lon[i]),
                "postcode": f"{1000 + r_nb[i] * 10 + i % 10} {'AB'[i % 2]}{'CD'[(i // 2) % 2]}",
            }
        )

    # --- organisations, places, initiatives, professionals
    o_ids = [f"o{i}" for i in range(n_org)]
    o_nb = rng.integers(0, n_nb, n_org)
    organisations = []
    for i in range(n_org):
        themes = rng.choice(len(_THEMES), size=rng.integers(1, 4), replace=False)
        organisations.append(
            {
                "id": o_ids[i],
                "name": f"Organisation {i}",
                "type": _ORG_TYPES[i % len(_ORG_TYPES)],
                "themes": _join(_THEMES[t] for t in themes),
                "level": "specialised" if i % 3 == 0 else "general",
                "neighbourhood": nbs[o_nb[i]],
                "capacity": "" if i % 4 else str(int(rng.integers(0, 50))),
                "last_verified": (
                    _REFERENCE_DATE - _dt.timedelta(days=int(rng.integers(0, 900)))
                ).isoformat(),
                "grants": "meedoen_pass" if i % len(_ORG_TYPES) == 8 else "",
                "lat": str(round(nb_lat[o_nb[i]] + rng.normal(0, 0.004), 6)),
                "lon": str(round(nb_lon[o_nb[i]] + rng.normal(0, 0.006), 6)),
            }
        )
    p_ids = [f"pl{i}" for i in range(n_pla)]
    p_nb = np.arange(n_pla) % n_nb
    places = [
        {
            "id": p_ids[i],
            "name": f"Place {i}",
            "type": _PLACE_TYPES[i % len(_PLACE_TYPES)],
            "neighbourhood": nbs[p_nb[i]],
            "lat": str(round(nb_lat[p_nb[i]] + rng.normal(0, 0.003), 6)),
            "lon": str(round(nb_lon[p_nb[i]] + rng.normal(0, 0.004), 6)),
        }
        for i in range(n_pla)
    ]
    places_by_nb = [[p_ids[j] for j in range(n_pla) if p_nb[j] == b] for b in range(n_nb)]
    i_ids = [f"i{i}" for i in range(n_ini)]
    i_nb = rng.integers(0, n_nb, n_ini)
    initiatives = []
    for i in range(n_ini):
        themes = rng.choice(len(_THEMES), size=rng.integers(1, 3), replace=False, p=_NEED_WEIGHTS)
        level = ["informal", "informal", "general"][i % 3]
        local_places = places_by_nb[i_nb[i]]
        min_age = "65" if i % 17 == 1 else ""
        max_age = "14" if i % 19 == 2 and not min_age else ""
        initiatives.append(
            {
                "id": i_ids[i],
                "name": f"Initiative {i}",
                "themes": _join(_THEMES[t] for t in themes),
                "level": level,
                "neighbourhood": nbs[i_nb[i]],
                "serves": nbs[i_nb[i]] if i % 2 else "",
                "min_age": min_age,
                "max_age": max_age,
                "genders": "female" if i % 29 == 3 else "",
                "capacity": str(int(rng.integers(0, 30))) if i % 3 == 0 else "",
                "cost_eur": "5.0" if i % 11 == 0 else "0",
                "requires": "meedoen_pass" if i % 23 == 0 else "",
                "last_verified": (
                    _REFERENCE_DATE - _dt.timedelta(days=int(rng.integers(0, 900)))
                ).isoformat(),
                "organisation": o_ids[int(rng.integers(0, n_org))] if i % 2 == 0 else "",
                "place": local_places[i % len(local_places)] if local_places and i % 5 < 3 else "",
                "lat": str(round(nb_lat[i_nb[i]] + rng.normal(0, 0.004), 6)),
                "lon": str(round(nb_lon[i_nb[i]] + rng.normal(0, 0.006), 6)),
            }
        )
    pro_ids = [f"p{i}" for i in range(n_pro)]
    pro_nb = np.arange(n_pro) % n_nb
    professionals = [
        {
            "id": pro_ids[i],
            "name": f"{_FIRST[(i + 3) % len(_FIRST)]} {_LAST[(i + 1) % len(_LAST)]}",
            "role": _ROLES[i % len(_ROLES)],
            "organisation": o_ids[int(rng.integers(0, n_org))],
            "team": f"Buurtteam {nbs[pro_nb[i]]}" if i % 5 else "",
            "neighbourhoods": nbs[pro_nb[i]],
            "hours_per_week": str(float(rng.choice([16, 24, 32, 36]))),
            "languages": "nl" if i % 4 else "nl;ar",
        }
        for i in range(n_pro)
    ]

    # --- relations
    relations: list[dict[str, str]] = []
    edges: set[tuple[str, str, str]] = set()

    def add(u: str, v: str, rel: str, **attrs: str) -> None:
        if u != v and (u, v, rel) not in edges and (v, u, rel) not in edges:
            edges.add((u, v, rel))
            relations.append({"source": u, "target": v, "relation": rel, **attrs})

    # clustered resident ties: clusters of ~20 residents within a neighbourhood
    cluster = np.arange(n) // 20
    n_ties = int(n * 1.9)
    a = rng.integers(0, n, n_ties)
    local = rng.random(n_ties) < 0.85
    b_local = np.clip(cluster[a] * 20 + rng.integers(0, 20, n_ties), 0, n - 1)
    # non-local ties stay in the same neighbourhood where possible
    nb_start = np.searchsorted(r_nb, r_nb[a], side="left")
    nb_end = np.searchsorted(r_nb, r_nb[a], side="right")
    b_far = nb_start + (rng.random(n_ties) * (nb_end - nb_start)).astype(int)
    b = np.where(local, b_local, b_far)
    trust = rng.integers(1, 5, n_ties)
    for x, y, t in zip(a.tolist(), b.tolist(), trust.tolist(), strict=True):
        add(r_ids[x], r_ids[y], "knows", trust=str(t))

    residents_by_nb = [np.flatnonzero(r_nb == k) for k in range(n_nb)]
    with_needs = n_needs > 0
    needy_by_nb = [idx[with_needs[idx]] for idx in residents_by_nb]
    offers_by_nb = [
        [i_ids[j] for j in range(n_ini) if i_nb[j] == k]
        + [o_ids[j] for j in range(n_org) if o_nb[j] == k]
        for k in range(n_nb)
    ]
    all_offers = i_ids + o_ids
    for i, pid in enumerate(pro_ids):
        k = pro_nb[i]
        pool = needy_by_nb[k] if len(needy_by_nb[k]) else residents_by_nb[k]
        for r in rng.choice(pool, size=min(8, len(pool)), replace=False):
            add(pid, r_ids[r], "supports", trust=str(int(rng.integers(2, 5))))
        local_offers = offers_by_nb[k] or all_offers
        for o in rng.choice(len(local_offers), size=min(8, len(local_offers)), replace=False):
            add(pid, local_offers[o], "knows_of", trust=str(int(rng.integers(1, 5))))
        for _ in range(2):
            add(pid, all_offers[int(rng.integers(0, len(all_offers)))], "knows_of")
            add(pid, all_offers[int(rng.integers(0, len(all_offers)))], "refers")
        for _ in range(3):
            colleague = pro_ids[int(rng.integers(0, n_pro))]
            add(pid, colleague, "knows", trust=str(int(rng.integers(2, 5))))
        for _ in range(2):
            other = (
                o_ids[int(rng.integers(0, n_org))]
                if rng.random() < 0.6
                else pro_ids[int(rng.integers(0, n_pro))]
            )
            add(pid, other, "meets", hours_per_month=str(float(rng.choice([1, 2, 4, 8, 12]))))
        if places_by_nb[k]:
            add(pid, places_by_nb[k][i % len(places_by_nb[k])], "visits")
    offers_ini_by_nb = [[i_ids[j] for j in range(n_ini) if i_nb[j] == k] for k in range(n_nb)]
    part = rng.random(n) < 0.8
    for r in np.flatnonzero(part):
        local_offers = offers_ini_by_nb[r_nb[r]] or i_ids
        add(r_ids[r], local_offers[int(rng.integers(0, len(local_offers)))], "participates")
    for r in np.flatnonzero(rng.random(n) < 0.05):
        local_offers = offers_ini_by_nb[r_nb[r]] or i_ids
        add(r_ids[r], local_offers[int(rng.integers(0, len(local_offers)))], "volunteers")
    for r in np.flatnonzero(rng.random(n) < 0.3):
        local_places = places_by_nb[r_nb[r]] or p_ids
        add(r_ids[r], local_places[int(rng.integers(0, len(local_places)))], "visits")
    for i in range(n_org):
        for _ in range(2):
            add(o_ids[i], o_ids[int(rng.integers(0, n_org))], "partners", intensity="cooperation")

    raw = {
        "residents": residents,
        "professionals": professionals,
        "initiatives": initiatives,
        "organisations": organisations,
        "places": places,
        "relations": relations,
    }
    tables = {}
    for table_name, records in raw.items():
        columns = list(table_columns(table_name))
        tables[table_name] = Table(
            table_name,
            f"synthetic {table_name}",
            columns,
            [Row(record, line) for line, record in enumerate(records, start=2)],
        )
    return build_graph(
        tables,
        name=name or f"synthetic-{n}-{seed}",
        source=f"sociale_kaart.datasets.synthetic({n}, seed={seed})",
    )
