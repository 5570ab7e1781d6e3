"""The vectorised gap detectors against the per-offer loops they replace (issue 16, item 6).

The coverage cells now read offers as numpy arrays, and the knowledge gaps read
eligibility once per rule for all needy clients from the resident patterns of
``GapIndex.rule_patterns``. The loops they replaced are kept here as the
reference, and both must agree on every cell and every (professional, theme)
of several synthetic maps and of hypothesis-generated ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import sociale_kaart as sk
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.gaps.common import Options, need_cells, neighbourhoods, themes_of
from sociale_kaart.gaps.detect import _offers_by_theme, _TeamTheme, teams
from sociale_kaart.index.lookups import GapIndex, Key, need_weight
from sociale_kaart.testing import maps

coverage = importlib.import_module("sociale_kaart.gaps.coverage")
Cell = coverage.Cell

TODAY = dt.date(2026, 11, 21)
SYNTHETIC = [(300, 2), (500, 5), (800, 9)]


# --------------------------------------------------------------------- coverage reference


def _centre(ix: GapIndex, residents: list[Hashable]) -> tuple[float, float] | None:
    lats, lons = [], []
    for r in residents:
        attrs = ix.attrs[r]
        if attrs.get("lat") is not None and attrs.get("lon") is not None:
            lats.append(float(attrs["lat"]))
            lons.append(float(attrs["lon"]))
    if not lats:
        return None
    return sum(lats) / len(lats), sum(lons) / len(lons)


def _old_cell(
    ix: GapIndex,
    opts: Options,
    nb: str | None,
    theme: str,
    residents: list[Hashable],
    points: dict[Hashable, tuple[float, float]],
) -> Cell:
    offers = ix.offers_for(theme, nb)
    demand = sum(need_weight(ix.needs(r).get(theme)) for r in residents)
    if residents:
        # One look-up per restriction key: the residents of a cell share its
        # neighbourhood, so an offer's area rule holds for all of them or (residents
        # with no neighbourhood) counts as open; its other rules are read from the
        # mask, the same for every offer with that key.
        positions = np.fromiter((ix.position[r] for r in residents), dtype=np.int64)
        key_of = ix.key
        open_to_one: dict[Key | None, bool] = {}
        for key in {key_of[o] for o in offers}:
            open_to_one[key] = key is None or bool(ix.mask(key)[positions].any())
        eligible = [o for o in offers if open_to_one[key_of[o]]]
    else:
        positions = np.zeros(0, dtype=np.int64)
        eligible = list(offers)
    room = ix.room
    full = [o for o in eligible if o not in room]
    far: list[Hashable] = []
    centre = _centre(ix, residents) if opts.max_distance_km is not None else None
    if centre is not None and opts.max_distance_km is not None:
        located = [o for o in eligible if o in points]
        # An offer without coordinates is never "nearby" (issue 11): with a
        # distance limit and a known centre it counts as far.
        far = [o for o in eligible if o not in points]
        if located:
            lat = np.array([points[o][0] for o in located], dtype=float)
            lon = np.array([points[o][1] for o in located], dtype=float)
            km = np.atleast_1d(haversine_km(centre[0], centre[1], lat, lon))
            limit = opts.max_distance_km
            far += [o for o, d in zip(located, km.tolist(), strict=True) if d > limit]
    excluded = set(full) | set(far)
    supply = [o for o in eligible if o not in excluded]
    unserved = 0
    if residents and not any(ix.key[o] is None for o in supply):
        served = np.zeros(len(residents), dtype=bool)
        for key in {ix.key[o] for o in supply}:
            if key is not None:
                served |= ix.mask(key)[positions]
        unserved = int(len(residents) - served.sum())
    reason: str | None = None
    if residents:
        open_level = [o for o in eligible if o not in ix.specialised]
        if not offers:
            reason = "no_offer"
        elif not eligible:
            reason = "not_eligible"
        elif not open_level:
            reason = "specialised_only"
        elif not room.intersection(open_level):
            reason = "full"
        elif excluded.issuperset(open_level):
            reason = "far"
    return Cell(nb, theme, residents, demand, offers, eligible, supply, full, far, unserved, reason)


def _check_cells(G: nx.MultiDiGraph, max_distance_km: float | None) -> int:
    ix = GapIndex(G, today=TODAY)
    opts = Options(today=TODAY, max_distance_km=max_distance_km)
    points = coverage._offer_points(ix) if max_distance_km is not None else {}
    cells = need_cells(ix)
    expected = [
        _old_cell(ix, opts, nb, theme, cells.get((nb, theme), []), points)
        for nb in neighbourhoods(ix)
        for theme in themes_of(ix)
    ]
    got = coverage._coverage_cells(ix, opts)
    assert len(got) == len(expected)
    for new, old in zip(got, expected, strict=True):
        assert dataclasses.asdict(new) == dataclasses.asdict(old), (old.nb, old.theme)
    return sum(1 for cell in expected if cell.reason is not None)


@pytest.mark.parametrize(("n", "seed"), SYNTHETIC)
@pytest.mark.parametrize("km", [3.0, 0.5, None])
def test_coverage_cells_match_the_offer_loop(n: int, seed: int, km: float | None) -> None:
    _check_cells(sk.datasets.synthetic(n, seed=seed), km)


def test_coverage_cells_of_the_sample_have_reasons() -> None:
    assert _check_cells(sk.load_sample(), 3.0) > 0


@settings(max_examples=60, deadline=None)
@given(maps(max_nodes=14, max_relations=12))
def test_coverage_cells_on_random_maps(G: nx.MultiDiGraph) -> None:
    for km in (3.0, None):
        _check_cells(G, km)


# --------------------------------------------------------------------- knowledge reference


def _old_usable(
    ix: GapIndex, offers: dict[Hashable, set[Hashable]], own: set[Hashable], needy: list[Hashable]
) -> tuple[list[Hashable], bool, int]:
    """The per-offer loop of the knowledge gaps before the rule patterns."""
    known = set(offers)
    open_ = known & ix.open_all
    by_nb: dict[str | None, set[Hashable]] = defaultdict(set)
    serves_only: set[Hashable] = set()
    restricted: dict[tuple[Any, ...], list[Hashable]] = defaultdict(list)
    for o in offers:
        if o in ix.serves_only:
            serves_only.add(o)
            for nb in ix.serves_only[o]:
                by_nb[nb].add(o)
        elif o not in ix.open_all:
            restricted[ix.rule[o]].append(o)
    nbs = {ix.attrs[r].get("neighbourhood") for r in needy}
    found = open_ - own
    if None in nbs:
        found |= serves_only - own
    else:
        for nb in nbs:
            found |= by_nb.get(nb, set()) - own
    for group in restricted.values():
        unknown = [o for o in group if o not in own]
        if unknown and ix.any_eligible(unknown[0], needy):
            found.update(unknown)
    missing = sorted(found, key=str)
    any_open = not open_.issubset(own)
    if any_open:
        reached = len(needy)
    else:
        stand_ins = list({ix.rule[o]: o for o in missing}.values())
        reached = sum(1 for r in needy if any(ix.eligible(r, o) for o in stand_ins))
    return missing, any_open, reached


def _check_knowledge(G: nx.MultiDiGraph) -> int:
    ix = GapIndex(G, today=TODAY)
    pattern_of = dict(zip(ix.residents(), ix.rule_patterns().of_resident.tolist(), strict=True))
    checked = 0
    groups = list(teams(ix).values())
    groups += [
        [q for org in ix.employers.get(p, ()) for q in ix.staff.get(org, ())]
        for p in ix.professionals()
    ]
    for members in groups:
        known = _offers_by_theme(ix, members)
        for theme, offers in known.items():
            group = _TeamTheme(ix, offers)
            for p in ix.professionals():
                own = {o for o in ix.aware.get(p, ()) if ix.kind[o] in OFFER_KINDS}
                needy = [r for r in ix.caseload.get(p, ()) if theme in ix.needs(r)]
                if not needy:
                    continue
                expected = _old_usable(ix, offers, own, needy)
                assert group.usable(ix, own, needy, pattern_of) == expected, (p, theme)
                checked += 1
    return checked


@pytest.mark.parametrize(("n", "seed"), SYNTHETIC[:2])
def test_knowledge_usable_matches_the_offer_loop(n: int, seed: int) -> None:
    assert _check_knowledge(sk.datasets.synthetic(n, seed=seed)) > 100


def test_knowledge_usable_of_the_sample() -> None:
    assert _check_knowledge(sk.load_sample()) > 0


@settings(max_examples=60, deadline=None)
@given(maps(max_nodes=14, max_relations=16))
def test_knowledge_usable_on_random_maps(G: nx.MultiDiGraph) -> None:
    _check_knowledge(G)
