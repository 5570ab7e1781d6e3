"""Shared pieces of the gap detectors: options, the gap record, sentence writing.

The detectors live in ``sociale_kaart.gaps.coverage`` and
``sociale_kaart.gaps.detect``; :mod:`sociale_kaart.gaps.api` is the public
face. The severity formulas are documented in :mod:`sociale_kaart.gaps.api` and
``docs/gaps.md``; keep them in step.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from sociale_kaart.core.naming import professional_labels
from sociale_kaart.core.strings import STRINGS, join_words, text
from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.index.lookups import GapIndex
from sociale_kaart.privacy.suppression import suppress_small

GAP_TYPES: tuple[str, ...] = (
    "coverage",
    "single_knower",
    "knowledge",
    "isolation",
    "unreached_place",
    "structural_hole",
    "meeting_load",
    "stale_record",
    "repeated_refusal",
    "companion_effect",
    "open_loop",
)
NO_NEIGHBOURHOOD = "(none)"
#: Severity factor of a coverage gap, by reason.
COVERAGE_REASON_WEIGHT: dict[str, float] = {
    "no_offer": 1.0,
    "not_eligible": 1.0,
    "full": 0.9,
    "specialised_only": 0.8,
    "far": 0.7,
}
MAX_LISTED = 4
#: A referral with no status for more than this many weeks is an open loop.
OPEN_WEEKS = 6


def t(language: str, key: str, **values: Any) -> str:
    """The gap sentence ``gaps.<key>`` of :mod:`sociale_kaart.core.strings`, in ``language``."""
    return text(f"gaps.{key}", language, **values)


@dataclass(frozen=True)
class Options:
    """Every tunable of the detectors, checked by :mod:`sociale_kaart.gaps.api`."""

    today: _dt.date
    language: str = "en"
    max_hops: int = 3
    max_distance_km: float | None = 3.0
    stale_months: int = 12
    min_hours: float = 6.0
    min_relevance: float = 0.2
    min_shared: int = 2
    min_group: int = 3
    aggregate_only: bool = False
    min_cell: int = 10
    merge_coverage: bool = True
    open_weeks: int = OPEN_WEEKS
    #: The day open loops are counted to: ``today`` if given, else the map's ``as_of``.
    journal_day: _dt.date | None = None


@dataclass
class Gap:
    """One gap: the find_gaps columns plus a key that identifies it across maps."""

    gap_type: str
    severity: float
    neighbourhood: str | None
    theme: str | None
    nodes: list[str]
    explanation: str
    suggestion: str
    key: tuple[Any, ...] = field(default_factory=tuple)


@lru_cache(maxsize=4096)
def suppressed(n: int, min_cell: int) -> bool:
    frame = suppress_small(pd.DataFrame({"n": [n]}), ["n"], min_cell=min_cell)
    return bool(frame["suppressed"].iloc[0])


class Writer:
    """Formats counts, themes and names in the report's language."""

    def __init__(self, ix: GapIndex, opts: Options) -> None:
        self.ix = ix
        self.opts = opts
        self.lang = opts.language
        self.vocab = ix.G.graph.get("themes") or DEFAULT_THEMES
        self._labels: dict[Hashable, str] | None = None

    def n(self, count: int) -> str:
        """A count of residents, suppressed below min_cell in the aggregate view."""
        if self.opts.aggregate_only and suppressed(int(count), self.opts.min_cell):
            return t(self.lang, "fewer", n=self.opts.min_cell)
        return str(count)

    def theme(self, code: str) -> str:
        return theme_label(code, self.vocab, language=self.lang)

    def themes(self, codes: Iterable[str]) -> str:
        return join_words([self.theme(c) for c in codes], self.lang)

    def offers(self, nodes: Iterable[Hashable]) -> str:
        nodes = list(nodes)
        names = [self.ix.name(o) for o in nodes[:MAX_LISTED]]
        if len(nodes) > MAX_LISTED:
            names.append(f"+{len(nodes) - MAX_LISTED}")
        return join_words(names, self.lang)

    def nb(self, nb: str | None) -> str:
        return NO_NEIGHBOURHOOD if nb is None else nb

    def level(self, level: str | None) -> str:
        if level is None:
            return text("level.unknown", self.lang)
        key = f"level.{level}"
        return text(key, self.lang) if key in STRINGS else level

    def person(self, node: Hashable) -> str:
        """A professional by name and discipline (see core/naming.py); others by id."""
        if self._labels is None:  # made once per index and language (read only)
            key = ("professional_labels", self.lang)
            labels = self.ix.memo.get(key)
            if labels is None:
                labels = self.ix.memo[key] = professional_labels(self.ix.G, language=self.lang)
            self._labels = labels
        return self._labels.get(node, str(node))

    def people(self, nodes: Iterable[Hashable]) -> str:
        return join_words([self.person(p) for p in sorted(nodes, key=str)], self.lang)


def ids(nodes: Iterable[Hashable]) -> list[str]:
    return list(map(str, nodes))


def sat(n: float, half: float) -> float:
    """``n / (n + half)``: 0 at 0, 0.5 at ``half``, towards 1 for large ``n``."""
    return n / (n + half) if n > 0 else 0.0


def neighbourhoods(ix: GapIndex) -> list[str | None]:
    """The residents' neighbourhoods, sorted, None last (made once per index)."""
    found = ix.memo.get("neighbourhoods")
    if found is None:
        nbs = {ix.attrs[r].get("neighbourhood") for r in ix.residents()}
        named = sorted(nb for nb in nbs if nb is not None)
        found = ix.memo["neighbourhoods"] = [*named, None] if None in nbs else list(named)
    return list(found)


def themes_of(ix: GapIndex) -> list[str]:
    vocab = list(ix.G.graph.get("themes") or DEFAULT_THEMES)
    extra = {th for r in ix.residents() for th in ix.needs(r)} - set(vocab)
    return [*vocab, *sorted(extra)]


def need_cells(ix: GapIndex) -> dict[tuple[str | None, str], list[Hashable]]:
    """(neighbourhood, theme) -> the residents with that need, in resident order.

    Made once per index (kept in :attr:`GapIndex.memo`; read only).
    """
    found = ix.memo.get("need_cells")
    if found is None:
        cells: dict[tuple[str | None, str], list[Hashable]] = defaultdict(list)
        for r in ix.residents():
            nb = ix.attrs[r].get("neighbourhood")
            for theme in ix.needs(r):
                cells[(nb, theme)].append(r)
        found = ix.memo["need_cells"] = dict(cells)
    cells_found: dict[tuple[str | None, str], list[Hashable]] = found
    return cells_found
