"""Class 2 of issue 10, writes that destroy the old copy; and issue 17's one writer rule.

Every writer creates missing parent folders, returns the path it wrote (the
file for one-file formats, the folder for folder formats), and leaves the old
copy intact when the write fails part-way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.io.atomic import atomic_file, atomic_folder


class Injected(RuntimeError):
    """The failure injected part-way through a write."""


def _half(first_path_arg: int) -> Callable[..., Any]:
    """A serializer that writes half a file to its path argument, then fails."""

    def broken(*args: Any, **kwargs: Any) -> None:
        target = args[first_path_arg]
        if hasattr(target, "write"):
            target.write("BROKEN")
        else:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write("BROKEN")
        raise Injected("killed mid-write")

    return broken


def _break_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    import sociale_kaart.io.formats as formats

    calls = {"n": 0}
    real = formats.format_cell

    def format_cell(value: Any, sep: str) -> str:
        calls["n"] += 1
        if calls["n"] > 20:  # some files are already written
            raise Injected("killed mid-write")
        return real(value, sep)

    monkeypatch.setattr(formats, "format_cell", format_cell)


def _break_excel(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl.Workbook, "save", lambda self, f: _half(0)(f))


def _break_json(monkeypatch: pytest.MonkeyPatch) -> None:
    import sociale_kaart.io.formats as formats

    monkeypatch.setattr(formats.json, "dump", _half(1))


def _break_graphml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nx, "write_graphml", _half(1))


def _break_gexf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nx, "write_gexf", _half(1))


def _break_datapackage(monkeypatch: pytest.MonkeyPatch) -> None:
    import sociale_kaart.io.export as export

    real = export._write_csv
    calls = {"n": 0}

    def write(path: Path, frame: pd.DataFrame) -> None:
        calls["n"] += 1
        if calls["n"] > 1:  # nodes.csv written, edges.csv half
            _half(0)(path)
        real(path, frame)

    monkeypatch.setattr(export, "_write_csv", write)


def _break_parquet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pd.DataFrame, "to_parquet", lambda self, path, **kw: _half(0)(path))


def _break_hsds(monkeypatch: pytest.MonkeyPatch) -> None:
    import sociale_kaart.io.hsds.api as api

    def write(G: Any, folder: Path, *args: Any, **kwargs: Any) -> None:
        (folder / "organization.csv").write_text("BROKEN", encoding="utf-8")
        raise Injected("killed mid-write")

    monkeypatch.setattr(api, "write_package", write)


def _break_html(monkeypatch: pytest.MonkeyPatch) -> None:
    from sociale_kaart.pictures.mapnetwork import MapNetwork

    monkeypatch.setattr(MapNetwork, "write_html", lambda self, name, **kw: _half(0)(name))


def _break_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "write_text", lambda self, *a, **kw: _half(0)(self))


#: name -> (write(G, base), the path it must return relative to base, the failure injector)
WRITERS: dict[str, tuple[Callable[..., Path], str, Callable[..., None]]] = {
    "csv": (lambda G, base: sk.write_csv(G, base / "a" / "b" / "map"), "a/b/map", _break_csv),
    "excel": (
        lambda G, base: sk.write_excel(G, base / "a" / "b" / "map.xlsx"),
        "a/b/map.xlsx",
        _break_excel,
    ),
    "json": (
        lambda G, base: sk.write_json(G, base / "a" / "b" / "map.json"),
        "a/b/map.json",
        _break_json,
    ),
    "graphml": (
        lambda G, base: sk.write_graphml(G, base / "a" / "b" / "map.graphml"),
        "a/b/map.graphml",
        _break_graphml,
    ),
    "gexf": (
        lambda G, base: sk.write_gexf(G, base / "a" / "b" / "map.gexf"),
        "a/b/map.gexf",
        _break_gexf,
    ),
    "datapackage": (
        lambda G, base: sk.write_datapackage(G, base / "a" / "b" / "pkg"),
        "a/b/pkg",
        _break_datapackage,
    ),
    "parquet": (
        lambda G, base: sk.write_parquet(G, base / "a" / "b" / "pq"),
        "a/b/pq",
        _break_parquet,
    ),
    "shards": (
        lambda G, base: sk.write_shards(G, base / "a" / "b" / "shards"),
        "a/b/shards",
        _break_parquet,
    ),
    "hsds": (lambda G, base: sk.write_hsds(G, base / "a" / "b" / "hsds"), "a/b/hsds", _break_hsds),
    "html": (
        lambda G, base: sk.write_html(G, base / "a" / "b" / "map.html"),
        "a/b/map.html",
        _break_html,
    ),
    "report": (
        lambda G, base: sk.report(G, base / "a" / "b" / "wijk.html"),
        "a/b/wijk.html",
        _break_report,
    ),
}


def _snapshot(base: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    from tests.conftest import tiny_map

    return tiny_map()


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_writer_creates_parents_and_returns_the_path(
    name: str, small: nx.MultiDiGraph, tmp_path: Path
) -> None:
    write, expected, _ = WRITERS[name]
    out = write(small, tmp_path)
    assert isinstance(out, Path)
    assert out == tmp_path / expected
    is_folder = "." not in Path(expected).name
    assert out.is_dir() if is_folder else out.is_file()
    # no temporary entries are left beside the target
    assert [p.name for p in out.parent.iterdir()] == [out.name]


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_writes_that_destroy_the_old_copy(
    name: str, small: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails part-way leaves the old copy byte for byte, and no debris."""
    write, _, inject = WRITERS[name]
    out = write(small, tmp_path)
    before = _snapshot(tmp_path)
    bigger = small.copy()
    bigger.add_node("pl_new", kind="place", name="Nieuw bankje")
    with monkeypatch.context() as patch:
        inject(patch)
        with pytest.raises(Injected):
            write(bigger, tmp_path)
    assert _snapshot(tmp_path) == before
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_folder_writers_keep_other_files_and_drop_stale_map_files(
    sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    folder = sk.write_csv(sample, tmp_path / "map")
    (folder / "README.md").write_text("our notes", encoding="utf-8")
    (folder / "archive").mkdir()
    (folder / "archive" / "2025.txt").write_text("old", encoding="utf-8")
    only_places = sample.subgraph(n for n, k in sample.nodes(data="kind") if k == "place").copy()
    only_places.graph.pop("referrals", None)  # the journal names residents, not in this part
    sk.write_csv(only_places, folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["README.md", "archive", "places.csv"]
    assert (folder / "archive" / "2025.txt").read_text(encoding="utf-8") == "old"
    assert sk.read_csv(folder).number_of_nodes() == only_places.number_of_nodes()


def test_writers_refuse_a_file_where_a_folder_goes_and_back(
    sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    file = tmp_path / "map.json"
    file.write_text("{}", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="is a file"):
        sk.write_csv(sample, file)
    with pytest.raises(IsADirectoryError, match="is a folder"):
        sk.write_json(sample, tmp_path)
    assert file.read_text(encoding="utf-8") == "{}"


def test_atomic_file_replaces_the_target_behind_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with atomic_file(link) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_atomic_file_keeps_the_mode_of_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "map.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with atomic_file(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640


def test_atomic_folder_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map"
    target.mkdir()
    monkeypatch.chdir(target)
    with atomic_folder(".", owns=lambda name: True) as tmp:
        (tmp / "places.csv").write_text("id\n", encoding="utf-8")
    assert Path.cwd() == target and os.listdir(".") == ["places.csv"]


def test_every_writer_is_listed() -> None:
    """A new public writer must join the tests above."""
    writers = {n for n in sk.__all__ if n.startswith("write_")} | {"report"}
    listed = {
        # the researchers' formats: test_research_writers_follow_the_rule below
        "write_kumu",
        "write_pajek",
        "write_ucinet_dl",
        "write_csv",
        "write_excel",
        "write_json",
        "write_graphml",
        "write_gexf",
        "write_datapackage",
        "write_parquet",
        "write_shards",
        "write_hsds",
        "write_html",
        "report",
    }
    assert writers == listed
    research = {"write_kumu", "write_pajek", "write_ucinet_dl"}
    assert len(WRITERS) == len(listed - research)
    json.dumps(sorted(listed))


@pytest.mark.parametrize("name", ["write_kumu", "write_pajek", "write_ucinet_dl"])
def test_research_writers_follow_the_rule(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Missing parents are created, the path comes back, and a failed write keeps the old copy."""
    G = sk.load_sample()
    write = getattr(sk, name)
    target = tmp_path / "a" / "b" / "map.out"
    written = write(G, target)
    first = written[0] if isinstance(written, list) else written
    assert first == target and target.is_file()
    old = target.read_bytes()

    def broken(self: Path, *args: object, **kwargs: object) -> int:
        Path.write_bytes(self, b"half")
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(OSError, match="disk full"):
        write(G, target)
    monkeypatch.undo()
    assert target.read_bytes() == old
