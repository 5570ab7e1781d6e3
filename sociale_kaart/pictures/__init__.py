"""The pictures layer: the interactive map and the static figures. Drawing only."""

from __future__ import annotations

from sociale_kaart.pictures.interactive import interactive, write_html
from sociale_kaart.pictures.plot import (
    plot_brokerage,
    plot_centrality,
    plot_coverage,
    plot_ego,
    plot_map,
    plot_referral,
)
from sociale_kaart.pictures.timeline import plot_timeline

__all__ = [
    "interactive",
    "plot_brokerage",
    "plot_centrality",
    "plot_coverage",
    "plot_ego",
    "plot_map",
    "plot_referral",
    "plot_timeline",
    "write_html",
]
