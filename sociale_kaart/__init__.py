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
from sociale_kaart.datasets import load_sample
from sociale_kaart.eligibility import check_eligibility, eligibility_table
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
from sociale_kaart.matching import match_residents
from sociale_kaart.referral import network_activation, suggest_referrals
from sociale_kaart.summary import summary

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "NodeNotFoundError",
    "Problem",
    "__version__",
    "check_eligibility",
    "datasets",
    "eligibility_table",
    "from_frames",
    "load_sample",
    "match_residents",
    "network_activation",
    "read_csv",
    "read_excel",
    "read_json",
    "suggest_referrals",
    "summary",
    "to_frames",
    "validate",
    "write_csv",
    "write_excel",
    "write_json",
]
