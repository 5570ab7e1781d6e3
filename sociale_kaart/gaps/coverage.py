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
    arrays = _OfferArrays(ix, points)
    out = []
    themes = themes_of(ix)
    for nb in neighbourhoods(ix):
        for theme in themes:
            residents = cells.get((nb, theme), [])
            out.append(_cell(ix, opts, arrays, nb, theme, residents))
    return out


class _OfferArrays:
    """What a coverage cell reads of the offers and residents, as arrays made once.

    Offers are numbered by their place in :attr:`GapIndex.offers`; a
    resident's answer to each restriction key (column 0: no key, always
    True) sits in one boolean matrix, so a cell reads its residents' rows
    once instead of asking offer by offer.
    """

    def __init__(self, ix: GapIndex, points: dict[Hashable, tuple[float, float]]) -> None:
        offers = ix.offers
        self.ids = np.empty(len(offers), dtype=object)
        for i, offer in enumerate(offers):
            self.ids[i] = offer
        at = {offer: i for i, offer in enumerate(offers)}
        key_code: dict[Key | None, int] = {None: 0}
        for offer in offers:
            key_code.setdefault(ix.key[offer], len(key_code))
        self.key = np.array([key_code[ix.key[o]] for o in offers], dtype=np.int64)
        allowed = np.ones((len(ix.position), len(key_code)), dtype=bool)
        for key, j in key_code.items():
            if key is not None:
                allowed[:, j] = ix.mask(key)
        self.allowed = allowed
        self.room = np.array([o in ix.room for o in offers], dtype=bool)
        self.specialised = np.array([o in ix.specialised for o in offers], dtype=bool)
        self.located = np.array([o in points for o in offers], dtype=bool)
        self.lat = np.array([points[o][0] if o in points else np.nan for o in offers], dtype=float)
        self.lon = np.array([points[o][1] if o in points else np.nan for o in offers], dtype=float)
        self._at = at
        # The residents' coordinates (by position), for the centres of the cells.
        records = [ix.attrs[r] for r in ix.residents()]
        self.placed = np.array(
            [a.get("lat") is not None and a.get("lon") is not None for a in records], dtype=bool
        )
        self.resident_lat = np.array(
            [float(a["lat"]) if p else np.nan for a, p in zip(records, self.placed, strict=True)]
        )
        self.resident_lon = np.array(
            [float(a["lon"]) if p else np.nan for a, p in zip(records, self.placed, strict=True)]
        )
        self._numbers: dict[tuple[str, str | None, bool], np.ndarray] = {}

    def _index(self, key: tuple[str, str | None, bool], offers: list[Hashable]) -> np.ndarray:
        """The numbers of ``offers``, kept under ``key`` (theme, neighbourhood, all)."""
        found = self._numbers.get(key)
        if found is None:
            at = self._at
            found = self._numbers[key] = np.array([at[o] for o in offers], dtype=np.int64)
        return found

    def centre(self, positions: np.ndarray) -> tuple[float, float] | None:
        """The mean coordinates of the residents at ``positions`` that have them.

        Summed in Python in resident order (as the residents' loop did), so the
        centre is the same float to the last bit.
        """
        placed = positions[self.placed[positions]]
        if not len(placed):
            return None
        lats, lons = self.resident_lat[placed].tolist(), self.resident_lon[placed].tolist()
        return sum(lats) / len(lats), sum(lons) / len(lons)

    def of_cell(self, ix: GapIndex, theme: str, nb: str | None) -> np.ndarray:
        """The numbers of :meth:`GapIndex.offers_for` ``(theme, nb)``, in its order."""
        if nb is None:
            return self._index((theme, None, True), ix.offers_by_theme.get(theme, []))
        everywhere = self._index((theme, None, False), ix._theme_all.get(theme, []))
        local = self._index((theme, nb, False), ix._theme_nb.get((theme, nb), []))
        return np.concatenate([everywhere, local])


def _cell(
    ix: GapIndex,
    opts: Options,
    arrays: _OfferArrays,
    nb: str | None,
    theme: str,
    residents: list[Hashable],
) -> Cell:
    offers = arrays.of_cell(ix, theme, nb)
    needs = ix.needs
    demand = sum([need_weight(needs(r).get(theme)) for r in residents])
    position = ix.position
    positions = np.array([position[r] for r in residents], dtype=np.int64)
    if residents:
        # The residents of a cell share its neighbourhood, so an offer's area rule
        # holds for all of them or (residents with no neighbourhood) counts as
        # open; its other rules are its key's column of the residents' answers.
        rows = arrays.allowed[positions]
        open_key = np.asarray(rows.any(axis=0), dtype=bool)  # per key: lets one in
        eligible = offers[open_key[arrays.key[offers]]]
    else:
        rows = arrays.allowed[:0]
        eligible = offers
    full = eligible[~arrays.room[eligible]]
    far = eligible[:0]
    centre = arrays.centre(positions) if opts.max_distance_km is not None else None
    if centre is not None and opts.max_distance_km is not None:
        has_point = arrays.located[eligible]
        located = eligible[has_point]
        # An offer without coordinates is never "nearby" (issue 11): with a
        # distance limit and a known centre it counts as far.
        far = eligible[~has_point]
        if len(located):
            lat, lon = arrays.lat[located], arrays.lon[located]
            km = np.atleast_1d(haversine_km(centre[0], centre[1], lat, lon))
            far = np.concatenate([far, located[km > opts.max_distance_km]])
    excluded = np.zeros(len(arrays.ids), dtype=bool)
    excluded[full] = True
    excluded[far] = True
    supply = eligible[~excluded[eligible]]
    unserved = 0
    supply_keys = np.unique(arrays.key[supply])
    if len(residents) and not (len(supply_keys) and supply_keys[0] == 0):
        served = rows[:, supply_keys].any(axis=1)
        unserved = int(len(residents) - served.sum())
    reason: str | None = None
    if residents:
        open_level = eligible[~arrays.specialised[eligible]]
        if not len(offers):
            reason = "no_offer"
        elif not len(eligible):
            reason = "not_eligible"
        elif not len(open_level):
            reason = "specialised_only"
        elif not arrays.room[open_level].any():
            reason = "full"
        elif excluded[open_level].all():
            reason = "far"
    ids_of = arrays.ids
    return Cell(
        nb,
        theme,
        residents,
        demand,
        ids_of[offers].tolist(),
        ids_of[eligible].tolist(),
        ids_of[supply].tolist(),
        ids_of[full].tolist(),
        ids_of[far].tolist(),
        unserved,
        reason,
    )


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
