"""One map of a million residents, stage by stage, each stage in its own process (issue 16).

Issue 16 asks, for ``sk.datasets.synthetic(1_000_000, seed=1)`` (about 1.13M
nodes and 4.0M ties), on a machine of 2 cores and 24 GiB:

- ``sk.read_csv`` of its CSV export within 60 s;
- the full report within 5 minutes;
- under 8 GiB peak RSS;
- a median ``suggest_referrals`` of at most 5 ms.

Every stage runs in a fresh child process (``python bench_million.py --stage
NAME``), so its wall time, CPU time (user + system) and peak resident memory
are its own: the parent reads them from ``os.wait4`` when the child ends. A
stage that runs longer than ``--timeout`` seconds or grows past ``--max-gib``
GiB of resident memory is stopped, and the table says so. Inside a child, each
step is timed (wall and process time) and its own peak memory is read from
``VmHWM`` after resetting it (``/proc/self/clear_refs``; Linux only, else the
step shows the peak so far).

Stages:

``setup``
    ``synthetic(n, seed=seed)`` and ``sk.write_csv`` into a temporary folder.
    At a million residents ``synthetic`` grows past 20 GiB and is stopped;
    the stage then runs again with ``--frugal-setup``: the tables that
    ``synthetic`` generates go straight to CSV files, without the graph
    (:func:`check_generated_csv` shows that ``read_csv`` gives the same map
    both ways). ``--frugal-setup`` skips the first attempt.
``read_csv``
    ``sk.read_csv`` of that folder.
``analyses``
    ``read_csv``, then ``centrality``, ``brokerage``, ``communities``,
    ``find_gaps``, ``coverage`` and ``network_stats``, each timed.
``report``
    ``read_csv``, then ``sk.report`` (Dutch, team version: what ``python3
    tasks.py demo`` and the CLI ``report`` command write) into a file.
``referral``
    ``read_csv``, the one-off referral index, then ``suggest_referrals`` for
    50 seeded residents with a need (median and p95).
``networkx``
    the plain peer: ``csv.DictReader`` into a ``MultiDiGraph``
    (``bench_io.plain_networkx_load``), no checks, values stay text.

Run it (about half an hour at a million residents)::

    python benchmarks/bench_million.py                  # 1,000,000 residents
    python benchmarks/bench_million.py --residents 10000 --force   # a quick try

It needs Linux and skips (exit 0) on a machine with less than 16 GiB of
memory unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = ("setup", "read_csv", "analyses", "report", "referral", "networkx")
QUERIES = 50
MIN_MEMORY_GIB = 16
GIB = 1024**3


# -- inside a child ---------------------------------------------------------


def _status(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in bytes (0 if unknown)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS; False where the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Steps:
    """Wall time, process time and peak RSS of each step of one child."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.info: dict[str, Any] = {"baseline_rss": _status("VmRSS")}

    def run(self, name: str, func: Callable[[], Any]) -> Any:
        own_peak = _reset_peak()
        before = _status("VmRSS")
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.rows.append(
            {
                "step": name,
                "wall_s": wall,
                "cpu_s": cpu,
                "rss_before": before,
                "peak_rss": _status("VmHWM"),
                "rss_after": _status("VmRSS"),
                "own_peak": own_peak,
            }
        )
        print(f"    {name}: {wall:.2f} s (CPU {cpu:.2f} s)", file=sys.stderr, flush=True)
        return result


def _limits() -> Any:
    """Bounds that let a map of a few million ties in (the defaults stop at 1M rows)."""
    import sociale_kaart as sk

    return sk.Limits(max_rows=20_000_000, max_file_bytes=8 * GIB)


def _read(steps: Steps, folder: Path) -> Any:
    import sociale_kaart as sk

    G = steps.run("read_csv", lambda: sk.read_csv(folder, limits=_limits()))
    steps.info["nodes"] = G.number_of_nodes()
    steps.info["ties"] = G.number_of_edges()
    return G


def write_generated_csv(n: int, seed: int, folder: Path) -> dict[str, int]:
    """The CSV files of ``synthetic(n, seed=seed)``, written without building its graph.

    ``synthetic`` generates its tables and hands them to the validating
    builder; here the same tables go straight to CSV files instead (values
    written as ``write_csv`` writes them). ``read_csv`` of the folder gives the
    same map as ``read_csv`` of ``write_csv(synthetic(n, seed=seed))``
    (:func:`check_generated_csv`). This takes a fraction of the memory: at a
    million residents ``synthetic`` itself grows past 20 GiB.
    """
    import csv
    from unittest import mock

    from sociale_kaart.core.tables import format_cell
    from sociale_kaart.datasets import _synthetic

    rows: dict[str, int] = {}

    def write(tables: dict[str, Any], **_: Any) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            if not table.rows:
                continue
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(table.columns)
                for row in table.rows:
                    values = row.values
                    writer.writerow([format_cell(values.get(c), ";") for c in table.columns])
            rows[name] = len(table.rows)

    with mock.patch.object(_synthetic, "build_graph", write):
        _synthetic._synthetic(n, seed=seed, name=None)
    return rows


def check_generated_csv(n: int, seed: int) -> None:
    """Raise AssertionError unless both ways to the CSV files give the same map."""
    import sociale_kaart as sk

    with tempfile.TemporaryDirectory() as tmp:
        write_generated_csv(n, seed, Path(tmp) / "a" / "map")
        sk.write_csv(sk.datasets.synthetic(n, seed=seed), Path(tmp) / "b" / "map")
        A = sk.read_csv(Path(tmp) / "a" / "map", limits=_limits())
        B = sk.read_csv(Path(tmp) / "b" / "map", limits=_limits())
    assert sorted(A.nodes(data=True)) == sorted(B.nodes(data=True))
    assert sorted(A.edges(keys=True, data=True)) == sorted(B.edges(keys=True, data=True))
    assert list(A.nodes) == list(B.nodes)
    assert list(A.edges(keys=True)) == list(B.edges(keys=True))


def stage_setup(steps: Steps, args: argparse.Namespace) -> None:
    if args.frugal_setup:
        steps.run(
            "generate and write the CSV files (no graph)",
            lambda: write_generated_csv(args.residents, args.seed, args.folder),
        )
        steps.info["csv_bytes"] = sum(p.stat().st_size for p in args.folder.glob("*.csv"))
        return

    import sociale_kaart as sk

    G = steps.run("synthetic", lambda: sk.datasets.synthetic(args.residents, seed=args.seed))
    steps.info["nodes"] = G.number_of_nodes()
    steps.info["ties"] = G.number_of_edges()
    steps.run("write_csv", lambda: sk.write_csv(G, args.folder))
    steps.info["csv_bytes"] = sum(p.stat().st_size for p in args.folder.glob("*.csv"))


def stage_read_csv(steps: Steps, args: argparse.Namespace) -> None:
    import sociale_kaart as sk

    def default() -> str:
        try:
            sk.read_csv(args.folder)
        except sk.DataError as err:
            return str(err).splitlines()[0][:300]
        return "read"

    steps.info["default_limits"] = steps.run("read_csv, default Limits", default)
    _read(steps, args.folder)


def stage_analyses(steps: Steps, args: argparse.Namespace) -> None:
    import sociale_kaart as sk

    G = _read(steps, args.folder)
    steps.run("centrality", lambda: sk.centrality(G, seed=args.seed))
    steps.run("brokerage", lambda: sk.brokerage(G))
    steps.run("communities", lambda: sk.communities(G, seed=args.seed))
    gaps = steps.run("find_gaps", lambda: sk.find_gaps(G))
    steps.info["gaps"] = len(gaps)
    steps.run("coverage", lambda: sk.coverage(G))
    steps.run("network_stats", lambda: sk.network_stats(G))


def stage_report(steps: Steps, args: argparse.Namespace) -> None:
    import sociale_kaart as sk

    G = _read(steps, args.folder)
    out = args.folder.parent / "report.html"
    steps.run("report", lambda: sk.report(G, out, language="nl"))
    steps.info["report_bytes"] = out.stat().st_size
    out.unlink()


def stage_referral(steps: Steps, args: argparse.Namespace) -> None:
    import sociale_kaart as sk
    from sociale_kaart.index.moves import moves_index

    G = _read(steps, args.folder)
    steps.run("referral index", lambda: moves_index(G))
    residents = sorted(n for n, a in G.nodes(data=True) if a["kind"] == "resident" and a["needs"])
    sample = random.Random(args.seed).sample(residents, min(QUERIES + 1, len(residents)))
    first, sample = sample[0], sample[1:]
    # the first query also imports the ranking code and fills lazy caches
    steps.run("first suggest_referrals (warm-up)", lambda: sk.suggest_referrals(G, first))
    times = []
    wall, cpu = time.perf_counter(), time.process_time()
    _reset_peak()
    for r in sample:
        start = time.perf_counter()
        sk.suggest_referrals(G, r)
        times.append(time.perf_counter() - start)
    steps.rows.append(
        {
            "step": f"suggest_referrals x{len(sample)}",
            "wall_s": time.perf_counter() - wall,
            "cpu_s": time.process_time() - cpu,
            "peak_rss": _status("VmHWM"),
            "rss_after": _status("VmRSS"),
        }
    )
    ordered = sorted(times)
    steps.info["queries"] = len(times)
    steps.info["median_s"] = statistics.median(times)
    # the same p95 as bench_referral.py
    steps.info["p95_s"] = ordered[max(0, int(0.95 * len(ordered)) - 1)]
    steps.info["max_s"] = ordered[-1]


def stage_networkx(steps: Steps, args: argparse.Namespace) -> None:
    sys.path.insert(0, str(HERE))
    from bench_io import plain_networkx_load

    steps.info["baseline_rss"] = _status("VmRSS")
    P = steps.run("csv.DictReader into a MultiDiGraph", lambda: plain_networkx_load(args.folder))
    steps.info["nodes"] = P.number_of_nodes()
    steps.info["ties"] = P.number_of_edges()


def child(args: argparse.Namespace) -> int:
    steps = Steps()
    globals()[f"stage_{args.stage}"](steps, args)
    steps.info["steps"] = steps.rows
    args.out.write_text(json.dumps(steps.info), encoding="utf-8")
    return 0


# -- the parent ------------------------------------------------------------


def memory_total() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _rss_of(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_stage(stage: str, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Run one stage in a child; its figures, or why it was stopped."""
    out = folder.parent / f"{stage}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--stage",
        stage,
        "--folder",
        str(folder),
        "--out",
        str(out),
        "--residents",
        str(args.residents),
        "--seed",
        str(args.seed),
        *(["--frugal-setup"] if args.frugal_setup else []),
    ]
    print(f"[{stage}] start (load {load()})", flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    stopped = ""
    limit = args.max_gib if stage != "setup" else (args.setup_limit_gib or args.max_gib)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.perf_counter() - start
        rss = _rss_of(process.pid)
        if not stopped and elapsed > args.timeout:
            stopped = f"stopped after {elapsed:.0f} s (time limit {args.timeout:.0f} s)"
        elif not stopped and rss > limit * GIB:
            stopped = f"stopped at {rss / GIB:.1f} GiB after {elapsed:.0f} s"
        if stopped:
            process.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    row: dict[str, Any] = {
        "stage": stage,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss": usage.ru_maxrss * 1024,  # KiB on Linux
        "stopped": stopped,
        "exit": process.returncode,
    }
    if out.exists():
        row.update(json.loads(out.read_text(encoding="utf-8")))
        out.unlink()
    elif not stopped:
        row["stopped"] = f"failed (exit {process.returncode})"
    print(
        f"[{stage}] {wall:.1f} s wall, {row['cpu_s']:.1f} s CPU, "
        f"{row['peak_rss'] / GIB:.2f} GiB peak {row['stopped']} (load {load()})",
        flush=True,
    )
    return row


def gib(value: int | None) -> str:
    return "–" if not value else f"{value / GIB:.2f} GiB"


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| stage / step | wall | CPU | peak RSS | note |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        note = row["stopped"] or ", ".join(
            f"{k} {row[k]:,}" for k in ("nodes", "ties") if isinstance(row.get(k), int)
        )
        if "default_limits" in row:
            note += f"; with the default Limits: {row['default_limits']}"
        if "median_s" in row:
            note += (
                f"; suggest_referrals median {row['median_s'] * 1000:.2f} ms, "
                f"p95 {row['p95_s'] * 1000:.2f} ms, max {row['max_s'] * 1000:.2f} ms"
            )
        lines.append(
            f"| **{row['stage']}** | {row['wall_s']:.1f} s | {row['cpu_s']:.1f} s "
            f"| {gib(row['peak_rss'])} | {note} |"
        )
        for step in row.get("steps", []):
            peak = gib(step["peak_rss"]) + ("" if step.get("own_peak", True) else " (so far)")
            lines.append(
                f"| {row['stage']}: {step['step']} | {step['wall_s']:.1f} s "
                f"| {step['cpu_s']:.1f} s | {peak} | RSS after {gib(step['rss_after'])} |"
            )
    return "\n".join(lines)


def parent(args: argparse.Namespace) -> int:
    total = memory_total()
    if total < MIN_MEMORY_GIB * GIB and not args.force:
        print(
            f"skipped: {total / GIB:.0f} GiB of memory, this benchmark wants {MIN_MEMORY_GIB} GiB"
            " (--force to run anyway)"
        )
        return 0
    stages = args.only or list(STAGES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="sk_million_") as tmp:
        folder = Path(tmp) / "map"
        began = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        start_load = load()
        for stage in ["setup", *(s for s in stages if s != "setup")]:
            row = run_stage(stage, args, folder)
            rows.append(row)
            if stage == "setup" and row["stopped"]:
                if args.frugal_setup:
                    print("setup did not finish: nothing to measure")
                    break
                print("setup did not finish: again, the CSV files written without the graph")
                args.frugal_setup = True
                shutil.rmtree(folder, ignore_errors=True)
                row = run_stage(stage, args, folder)
                row["stage"] = "setup (frugal)"
                rows.append(row)
                if row["stopped"]:
                    break
        ended = time.strftime("%H:%M UTC", time.gmtime())
    text = (
        f"{args.residents:,} residents, seed {args.seed}; {began} to {ended}; load "
        f"(1, 5, 15 min) {start_load} at the start, {load()} at the end; "
        f"{os.cpu_count()} cores, {total / GIB:.0f} GiB\n\n{table(rows)}\n"
    )
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"header": text, "rows": rows}, indent=1), "utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=STAGES, help="stages (setup always runs)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per stage")
    parser.add_argument("--max-gib", type=float, default=20.0, help="RSS limit per stage")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--force", action="store_true", help="run on a small machine too")
    parser.add_argument(
        "--frugal-setup",
        action="store_true",
        help="write the CSV files of synthetic() without building its graph (less memory)",
    )
    parser.add_argument(
        "--setup-limit-gib", type=float, default=None, help="RSS limit of the setup stage"
    )
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        return child(args)
    return parent(args)


if __name__ == "__main__":
    raise SystemExit(main())
