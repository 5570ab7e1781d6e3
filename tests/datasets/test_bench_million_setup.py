"""The frugal setup of benchmarks/bench_million.py writes the same map as synthetic + write_csv."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sociale_kaart as sk

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_million.py"
    spec = importlib.util.spec_from_file_location("bench_million", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_million", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n", [1, 300, 2_500])
def test_generated_csv_reads_as_synthetic(n: int) -> None:
    _bench().check_generated_csv(n, seed=3)


def test_generated_csv_differs_for_another_seed(tmp_path: Path) -> None:
    # the comparison can fail: another seed gives another map
    bench = _bench()
    bench.write_generated_csv(300, 3, tmp_path / "a")
    sk.write_csv(sk.datasets.synthetic(300, seed=4), tmp_path / "b")
    A, B = sk.read_csv(tmp_path / "a"), sk.read_csv(tmp_path / "b")
    assert sorted(A.edges(keys=True, data=True)) != sorted(B.edges(keys=True, data=True))
    rows = bench.write_generated_csv(300, 3, tmp_path / "c")
    assert rows["residents"] == 300
    assert rows["relations"] == sum(1 for _ in (tmp_path / "c" / "relations.csv").open()) - 1
