"""Benchmark runner: every ``benchmarks/bench_*.py`` on synthetic maps of 1k, 10k, 100k residents.

Each ``bench_*.py`` module has ``run(G, n_residents) -> list[dict]`` whose rows are
``{"operation", "sociale_kaart_s", "networkx_s", "note"}``; the plain-networkx figure is
measured in the same run. The table goes to ``docs/benchmarks-table.md`` with the machine
and the date.

    python benchmarks/run.py                       # all modules, 1k 10k 100k
    python benchmarks/run.py --sizes 1000 --only io
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import importlib.util
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def timed(
    fn: Callable[[], Any], *, repeat: int = 1, setup: Callable[[], Any] | None = None
) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result; ``setup`` runs untimed first."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None  # the last result is freed here, not inside the next timing
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
        result = value
    return best, result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024**2:.0f} GiB"
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = [f"Python {platform.python_version()}"]
    for name in ("sociale_kaart", "networkx", "pandas", "pydantic", "scipy", "igraph"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{name} {version(name)}")
    return ", ".join(out)


def modules(only: list[str] | None) -> list[ModuleType]:
    found = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.append(module)
    return found


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds:.2f} s"


def main() -> int:
    import sociale_kaart as sk

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--only", nargs="+", help="module names without bench_, e.g. io gaps")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks-table.md")
    args = parser.parse_args()

    rows: list[dict[str, Any]] = []
    benches = modules(args.only)
    for n in args.sizes:
        seconds, G = timed(lambda n=n: sk.datasets.synthetic(n, seed=1))
        print(
            f"synthetic({n}): {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, "
            f"{seconds:.2f} s",
            flush=True,
        )
        rows.append(
            {
                "module": "datasets",
                "n": n,
                "operation": "build a synthetic map (generate + validate + build)",
                "sociale_kaart_s": seconds,
                "networkx_s": None,
                "note": f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} ties",
            }
        )
        for module in benches:
            for row in module.run(G, n):
                row = {"module": module.__name__.removeprefix("bench_"), "n": n, **row}
                rows.append(row)
                print(
                    f"  [{row['module']}] {row['operation']}: {fmt(row['sociale_kaart_s'])}"
                    f" (networkx {fmt(row.get('networkx_s'))}) {row.get('note', '')}",
                    flush=True,
                )
        del G
        gc.collect()

    today = dt.date.today().isoformat()
    lines = [
        f"Measured on {today} on {machine()}; {versions()}.",
        "Maps from `sk.datasets.synthetic(n, seed=1)`; each figure is one run (best of the",
        "repeats where the module says so). Plain networkx is measured in the same run.",
        "",
        "| module | residents | operation | sociale_kaart | plain networkx | note |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    order = {
        m: i
        for i, m in enumerate(["datasets", *(b.__name__.removeprefix("bench_") for b in benches)])
    }
    for row in sorted(rows, key=lambda r: (order.get(r["module"], 99), r["n"])):
        lines.append(
            f"| {row['module']} | {row['n']:,} | {row['operation']} "
            f"| {fmt(row['sociale_kaart_s'])} | {fmt(row.get('networkx_s'))} "
            f"| {row.get('note', '')} |"
        )
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
