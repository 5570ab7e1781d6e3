"""The referral journal at scale (issue 13): checking a journal, and its outcomes.

The goal: at 100k residents, a journal of 500k steps loads in under 10 s and
``referral_outcomes`` runs in under 5 s. The journal is the synthetic one
(``synthetic(n, journal=...)``, about 2.7 steps per referral), sized to five
steps per resident. "Load" is reading ``referrals.csv`` as ``read_csv`` does and
the whole check of the journal against the map (ids, kinds, status changes,
dates, chains); ``sk.with_journal`` adds a copy of the map on top, which the
folder readers do not make. The
comparison column is a plain pandas ``groupby`` of the same table that counts
the referrals per target and how many started, with no checks and no
suppression: the least any outcome table costs. Run this file directly to time
one size::

    python benchmarks/bench_journal.py 100000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

import sociale_kaart as sk
from sociale_kaart.core.journal import validate_referrals
from sociale_kaart.datasets._synthetic import _journal
from sociale_kaart.io.journal_tables import read_journal_csv

Row = dict[str, Any]
STEPS_PER_RESIDENT = 5


def _seconds(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def run(G: nx.MultiDiGraph, n_residents: int) -> list[Row]:
    # about 2.7 steps per synthetic referral; grow the count until the steps are reached
    referrals = max(1, round(n_residents * STEPS_PER_RESIDENT / 2.7))
    table = _journal(G, referrals, seed=1)
    steps = len(table)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "referrals.csv"
        table.to_csv(path, index=False)
        load, clean = _seconds(lambda: validate_referrals(G, read_journal_csv(path)))
    H = G.copy()
    H.graph["referrals"] = clean  # as the folder readers attach it
    outcomes, frame = _seconds(lambda: sk.referral_outcomes(H, by="target"))

    def plain() -> pd.DataFrame:
        first = table.groupby("referral").agg(target=("target", "first"))
        started = table.loc[table["status"] == "started", "referral"].unique()
        first["started"] = first.index.isin(started)
        return first.groupby("target")["started"].agg(["size", "sum"])

    baseline, _ = _seconds(plain)
    note = f"{steps:,} steps, {referrals:,} referrals"
    return [
        {
            "operation": "read and check a referral journal (referrals.csv)",
            "sociale_kaart_s": load,
            "networkx_s": None,
            "note": f"{note}; goal at 100k: 500k steps in under 10 s",
        },
        {
            "operation": "referral_outcomes (by target)",
            "sociale_kaart_s": outcomes,
            "networkx_s": baseline,
            "note": f"{note}; {len(frame):,} rows; comparison: a plain pandas groupby of "
            "started per target (no checks, no suppression); goal at 100k: under 5 s",
        },
    ]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for row in run(sk.datasets.synthetic(n, seed=1), n):
        print(row)
