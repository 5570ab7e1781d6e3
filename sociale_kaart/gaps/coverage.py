"""Coverage gaps: the neighbourhood x theme matrix of demand and eligible supply."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from sociale_kaart.core.formatting import format_number
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.core.strings import join_words
from sociale_kaart.gaps.common import (
    COVERAGE_REASON_WEIGHT,
    Gap,
    Options,
    Writer,
    ids,
    need_cells,
    neighbourhoods,
    sat,
    suppressed,
    t,
    themes_of,
)
from sociale_kaart.index.lookups import GapIndex, Key, need_weight


@dataclass
class Cell:
    """One neighbourhood x theme cell of the coverage matrix."""

    nb: str | None
    theme: str
    residents: list[Hashable]
    demand: int
    offers: list[Hashable]
    eligible: list[Hashable]
    supply: list[Hashable]
    full: list[Hashable]
    far: list[Hashable]
    unserved: int
    reason: str | None


def _offer_points(ix: GapIndex) -> dict[Hashable, tuple[float, float]]:
    """Offer -> (lat, lon): its own, else the first place it is located at."""
    out = {}
    for offer in ix.offers:
        attrs = ix.attrs[offer]
        if attrs.get("lat") is not None and attrs.get("lon") is not None:
            out[offer] = (float(attrs["lat"]), float(attrs["lon"]))
            continue
        for place in sorted(ix.places_of.get(offer, ()), key=str):
            p = ix.attrs[place]
            if p.get("lat") is not None and p.get("lon") is not None:
                out[offer] = (float(p["lat"]), float(p["lon"]))
                break
    return out


def coverage_cells(ix: GapIndex, opts: Options) -> list[Cell]:
    """Every (neighbourhood, theme) cell, computed once per map, day and distance limit."""
    key = ("coverage_cells", opts.max_distance_km)
    found = ix.memo.get(key)
    if found is None:
        found = ix.memo[key] = _coverage_cells(ix, opts)
    return list(found)


def _coverage_cells(ix: GapIndex, opts: Options) -> list[Cell]:
    cells = need_cells(ix)
    points = _offer_points(ix) if opts.max_distance_km is not None else {}
    out = []
    themes = themes_of(ix)
    for nb in neighbourhoods(ix):
        for theme in themes:
            residents = cells.get((nb, theme), [])
            out.append(_cell(ix, opts, nb, theme, residents, points))
    return out


def _cell(
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


def coverage_gaps(ix: GapIndex, opts: Options, cells: list[Cell] | None = None) -> list[Gap]:
    w = Writer(ix, opts)
    groups: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in coverage_cells(ix, opts) if cells is None else cells:
        if cell.reason is not None:
            groups[(cell.theme, cell.reason)].append(cell)
    out = []
    for (theme, reason), members in groups.items():
        if opts.merge_coverage and len(members) > 1:
            out.append(_coverage_gap(ix, opts, w, theme, reason, members))
        else:
            out.extend(_coverage_gap(ix, opts, w, theme, reason, [cell]) for cell in members)
    return out


def _coverage_gap(
    ix: GapIndex, opts: Options, w: Writer, theme: str, reason: str, cells: list[Cell]
) -> Gap:
    demand = sum(cell.demand for cell in cells)
    residents = sum(len(cell.residents) for cell in cells)
    severity = COVERAGE_REASON_WEIGHT[reason] * sat(demand, 10)
    listed: list[Hashable] = []
    for cell in cells:
        more = {
            "no_offer": ix.offers_by_theme.get(theme, []),
            "not_eligible": cell.offers,
            "full": cell.full,
            "far": cell.far,
            "specialised_only": cell.eligible,
        }[reason]
        listed.extend(o for o in more if o not in listed)
    listed.sort(key=str)
    nb = cells[0].nb if len(cells) == 1 else None
    values = {
        "nb": join_words([w.nb(cell.nb) for cell in cells], w.lang),
        "theme": w.theme(theme),
        "offers": w.offers(listed),
        "km": _km(opts.max_distance_km, w.lang),
    }
    shown = str(demand)
    if opts.aggregate_only and suppressed(residents, opts.min_cell):
        shown = t(w.lang, "hidden")  # the demand would tell the count
    head = t(w.lang, "cov_head", n=w.n(residents), demand=shown, **values)
    key_nb = nb if len(cells) == 1 else tuple(cell.nb for cell in cells)
    return Gap(
        "coverage",
        severity,
        nb,
        theme,
        ids(listed),
        t(w.lang, f"cov_{reason}", head=head, **values),
        t(w.lang, f"cov_s_{reason}", **values),
        ("coverage", key_nb, theme),
    )


def _km(km: float | None, language: str) -> str:
    """The distance limit in the page's number format (``1,5`` in Dutch)."""
    if km is None:
        return "?"
    return format_number(km, language, decimals=0 if float(km).is_integer() else 1)
