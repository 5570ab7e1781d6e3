"""The analysis layer: counts, centrality, brokerage, communities, network scores, two-mode."""

from __future__ import annotations

from sociale_kaart.analysis.brokerage import brokerage, structural_holes
from sociale_kaart.analysis.centrality import centrality
from sociale_kaart.analysis.communities import communities
from sociale_kaart.analysis.partner import PartnerScores, partner_scores
from sociale_kaart.analysis.qap import mrqap, qap_matrix, qap_test
from sociale_kaart.analysis.stats import network_stats
from sociale_kaart.analysis.summary import summary
from sociale_kaart.analysis.twomode import projection, two_mode_centrality, two_mode_graph

__all__ = [
    "PartnerScores",
    "brokerage",
    "centrality",
    "communities",
    "mrqap",
    "network_stats",
    "partner_scores",
    "projection",
    "qap_matrix",
    "qap_test",
    "structural_holes",
    "summary",
    "two_mode_centrality",
    "two_mode_graph",
]
