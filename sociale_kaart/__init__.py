"""sociale_kaart: a neighbourhood's social map as a graph.

A *sociale kaart* is the map of who and what exists in a neighbourhood:
residents, social professionals, local initiatives, organisations and
meeting places, and the ties between them. This package loads such a map
from the files a neighbourhood team keeps, validates it, and returns a plain
:class:`networkx.MultiDiGraph`.

Examples
--------
>>> import sociale_kaart as sk
>>> G = sk.load_sample()
>>> G.nodes["r_samira"]["kind"]
'resident'
"""

from __future__ import annotations

from sociale_kaart import datasets
from sociale_kaart._errors import DataError, NodeNotFoundError, Problem
from sociale_kaart._fast import clear_cache
from sociale_kaart.brokerage import brokerage, structural_holes
from sociale_kaart.centrality import centrality
from sociale_kaart.communities import communities
from sociale_kaart.datasets import load_sample
from sociale_kaart.io import (
    from_frames,
    read_csv,
    read_excel,
    read_json,
    to_frames,
    validate,
    write_csv,
    write_excel,
    write_json,
)
from sociale_kaart.stats import network_stats
from sociale_kaart.summary import summary
from sociale_kaart.twomode import projection, two_mode_centrality, two_mode_graph

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "NodeNotFoundError",
    "Problem",
    "__version__",
    "brokerage",
    "centrality",
    "clear_cache",
    "communities",
    "datasets",
    "from_frames",
    "load_sample",
    "network_stats",
    "projection",
    "read_csv",
    "read_excel",
    "read_json",
    "structural_holes",
    "summary",
    "to_frames",
    "two_mode_centrality",
    "two_mode_graph",
    "validate",
    "write_csv",
    "write_excel",
    "write_json",
]
