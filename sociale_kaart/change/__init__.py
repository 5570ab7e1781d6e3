"""The change layer: dated maps, snapshots, series, and what changed between two maps.

It sits above the gaps layer (a diff compares gaps and coverage) and below
pictures; see :mod:`sociale_kaart.change.snapshot` for why it is a layer of
its own.
"""

from __future__ import annotations

from sociale_kaart.change.diff import MEASURES, Diff, apply_diff, diff, gap_key
from sociale_kaart.change.scores import SCORES, network_scores, timeline
from sociale_kaart.change.snapshot import MapSeries, as_of, read_series, snapshot

__all__ = [
    "MEASURES",
    "SCORES",
    "Diff",
    "MapSeries",
    "apply_diff",
    "as_of",
    "diff",
    "gap_key",
    "network_scores",
    "read_series",
    "snapshot",
    "timeline",
]
