"""Benchmarks of the research tools (issue 15): MRQAP and the QAP test on a 500-member network.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` for every map size; the
survey network does not depend on it, so it is timed once per run (at the first
size). Run this file directly to time it alone::

    python benchmarks/bench_research.py

The target is ``mrqap`` with 1,000 permutations on 500 members within 10 s. The
comparison column is the plain approach: refit the regression with
``numpy.linalg.lstsq`` for every permutation, timed for a few permutations and
scaled up.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

import sociale_kaart as sk

Row = dict[str, Any]
MEMBERS = 500
REPS = 1000
TERMS = ["same:team", "same:x_background", "diff:hours_per_week"]
_DONE: list[bool] = []


def survey_network(n: int = MEMBERS, *, seed: int = 1) -> nx.MultiDiGraph:
    """``n`` professionals in teams of 10 with a background, ~10% rated ties."""
    rng = np.random.default_rng(seed)
    team = np.arange(n) // 10
    background = rng.integers(0, 2, n)
    prof = pd.DataFrame(
        {
            "id": [f"m{i}" for i in range(n)],
            "team": [f"team{t}" for t in team],
            "hours_per_week": rng.integers(8, 37, n).astype(float),
            "x_background": np.where(background, "welfare", "care"),
        }
    )
    src, dst = np.nonzero(rng.random((n, n)) < 0.1)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    trust = np.clip(
        1
        + (team[src] == team[dst])
        + (background[src] == background[dst])
        + rng.integers(0, 2, len(src)),
        1,
        4,
    )
    rel = pd.DataFrame(
        {
            "source": [f"m{i}" for i in src],
            "target": [f"m{j}" for j in dst],
            "relation": "knows",
            "trust": trust,
        }
    )
    return sk.from_frames(professionals=prof, relations=rel)


def _naive_seconds(G: nx.MultiDiGraph, perms: int = 5) -> float:
    """Seconds for REPS permutations per term by refitting with lstsq, from ``perms`` of them."""
    n = G.number_of_nodes()
    rows, cols = np.nonzero(~np.eye(n, dtype=bool))
    y = sk.qap_matrix(G, "trust").to_numpy()[rows, cols]
    mats = [np.ones((n, n))] + [sk.qap_matrix(G, t).to_numpy() for t in TERMS]
    X = np.column_stack([m[rows, cols] for m in mats])
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    for _ in range(perms):
        p = rng.permutation(n)
        Xp = X.copy()
        Xp[:, 1] = mats[1][np.ix_(p, p)][rows, cols]
        np.linalg.lstsq(Xp, y, rcond=None)
    return (time.perf_counter() - start) / perms * REPS * X.shape[1]


def run(G: nx.MultiDiGraph, n_residents: int) -> list[Row]:
    if _DONE:
        return []
    _DONE.append(True)
    S = survey_network()
    start = time.perf_counter()
    sk.mrqap(S, "trust", TERMS, reps=REPS, seed=1)
    mrqap_s = time.perf_counter() - start
    start = time.perf_counter()
    sk.qap_test(S, "trust", "same:team", reps=REPS, seed=1)
    qap_s = time.perf_counter() - start
    dyads = MEMBERS * (MEMBERS - 1)
    return [
        {
            "operation": f"mrqap, {len(TERMS)} terms + intercept, {REPS:,} permutations",
            "sociale_kaart_s": mrqap_s,
            "networkx_s": _naive_seconds(S),
            "note": (
                f"{MEMBERS} members ({dyads:,} dyads), independent of the map size; "
                "comparison: a lstsq refit per permutation, scaled from 5"
            ),
        },
        {
            "operation": f"qap_test (graph correlation), {REPS:,} permutations",
            "sociale_kaart_s": qap_s,
            "networkx_s": None,
            "note": f"{MEMBERS} members",
        },
    ]


if __name__ == "__main__":
    for row in run(nx.MultiDiGraph(), 0):
        print(row)
    sys.exit(0)
