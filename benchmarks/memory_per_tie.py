"""Memory per tie and per node of a built map (issue 16): sparse attributes against dense.

The builder keeps only the attributes that are set: a None field and an empty
``extra`` are left out of a node's or tie's dict. This script measures, with
tracemalloc in its own process, what the map built by ``synthetic(n)`` holds,
and what the same map holds with every absent model field filled back in (None,
and ``extra`` an empty dict), as maps were built before. It also times
``read_csv`` of the map's CSV files (process time, best of ``--repeat``) and
measures the map it returns, beside plain networkx reading the same files::

    python benchmarks/memory_per_tie.py 100000
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sociale_kaart as sk
from sociale_kaart.core.records import MODELS, Relation

_TIE_FIELDS = [f for f in Relation.model_fields if f not in ("source", "target")]
_NODE_FIELDS = {
    kind: [f for f in model.model_fields if f != "id"] for kind, model in MODELS.items()
}


def dense(attrs: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """The attributes with every model field present, in field order, as maps were before."""
    out = {f: attrs.get(f, {} if f == "extra" else None) for f in fields}
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


def held(n: int) -> dict[str, float]:
    """Bytes the map holds, sparse as built and dense, per tie and per node."""
    sk.datasets.synthetic(100, seed=1)  # caches and imports outside the measurement
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    G = sk.datasets.synthetic(n, seed=1)
    gc.collect()
    sparse_bytes = tracemalloc.get_traced_memory()[0] - base
    for keys in (keys for row in G._succ.values() for keys in row.values()):
        for k in keys:
            keys[k] = dense(keys[k], _TIE_FIELDS)
    gc.collect()
    dense_ties = tracemalloc.get_traced_memory()[0] - base
    for node, attrs in G._node.items():
        G._node[node] = dense(attrs, _NODE_FIELDS[attrs["kind"]])
    gc.collect()
    dense_bytes = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    ties, nodes = G.number_of_edges(), G.number_of_nodes()
    return {
        "nodes": nodes,
        "ties": ties,
        "sparse_MiB": sparse_bytes / 2**20,
        "dense_MiB": dense_bytes / 2**20,
        "sparse_per_tie": sparse_bytes / ties,
        "dense_per_tie": dense_bytes / ties,
        "tie_dicts_saved_per_tie": (dense_ties - sparse_bytes) / ties,
        "node_dicts_saved_per_node": (dense_bytes - dense_ties) / nodes,
    }


def _held_by(load: Callable[[], Any]) -> tuple[Any, int]:
    """What ``load()`` returns, and the bytes it holds (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    result = load()
    gc.collect()
    size = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return result, size


def read_figures(n: int, repeat: int) -> dict[str, float]:
    """``read_csv`` of ``synthetic(n)``'s CSV files beside the plain networkx peer.

    Best process time of ``repeat`` reads each, then the bytes each map holds
    (one more read each, under tracemalloc). The peer is
    ``bench_io.plain_networkx_load``: ``csv.DictReader`` into a MultiDiGraph,
    no checks, every cell kept as text (empty cells as ``""``).
    """
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_io import plain_networkx_load

    G = sk.datasets.synthetic(n, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = sk.write_csv(G, Path(tmp) / "map")
        del G
        out: dict[str, float] = {}
        for name, load in (
            ("read_csv", lambda: sk.read_csv(folder)),
            ("networkx", lambda: plain_networkx_load(folder)),
        ):
            best = float("inf")
            for _ in range(repeat):
                gc.collect()
                t = time.process_time()
                H = load()
                best = min(best, time.process_time() - t)
                del H
            H, size = _held_by(load)
            out[f"{name}_s"] = best
            out[f"{name}_per_tie"] = size / H.number_of_edges()
            out[f"{name}_MiB"] = size / 2**20
            out[f"{name}_ties"] = H.number_of_edges()
            del H
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-read", action="store_true", help="skip the read_csv timing")
    args = parser.parse_args(argv)
    figures = held(args.n)
    print(
        f"synthetic({args.n}): {figures['nodes']:,} nodes, {figures['ties']:,} ties; "
        f"map {figures['sparse_MiB']:.1f} MiB sparse, {figures['dense_MiB']:.1f} MiB dense "
        f"({100 * (1 - figures['sparse_MiB'] / figures['dense_MiB']):.1f} % less); "
        f"{figures['sparse_per_tie']:.0f} B per tie sparse, {figures['dense_per_tie']:.0f} dense "
        f"(tie dicts {figures['tie_dicts_saved_per_tie']:.0f} B per tie less, node dicts "
        f"{figures['node_dicts_saved_per_node']:.0f} B per node less)"
    )
    if not args.no_read:
        f = read_figures(args.n, args.repeat)
        print(
            f"read_csv: {f['read_csv_s']:.2f} s process time (best of {args.repeat}), map "
            f"{f['read_csv_MiB']:.1f} MiB, {f['read_csv_per_tie']:.0f} B per tie "
            f"({f['read_csv_ties']:,} ties); plain networkx: {f['networkx_s']:.2f} s, "
            f"{f['networkx_MiB']:.1f} MiB, {f['networkx_per_tie']:.0f} B per tie "
            f"({f['networkx_ties']:,} ties, values as text)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
