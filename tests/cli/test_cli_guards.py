"""Issue 10, class 3: the CLI overwrites its own input, and exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import main
from tests.conftest import tiny_map


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def mapdir(tmp_path: Path) -> Path:
    return sk.write_csv(tiny_map(), tmp_path / "mapdir")


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "{xlsx}", "-o", "{xlsx}"],
        ["report", "{dir}", "-o", "{dir}/report.html"],
        ["report", "{dir}", "-o", "{dir}"],
        ["export", "{dir}", "--format", "graphml", "-o", "{dir}/residents.csv"],
        ["export", "{dir}", "--format", "datapackage", "-o", "{dir}"],
        ["export", "{dir}", "--format", "csv", "-o", "{dir}"],
        ["export", "{dir}", "--format", "parquet", "-o", "{dir}/sub/pq"],
        ["export", "{dir}", "--format", "csv", "-o", "{parent}"],
        ["export", "{xlsx}", "--format", "json", "-o", "{xlsx}"],
        ["export", "{json}", "--format", "json", "-o", "{json}"],
        ["export", "{json}", "--format", "csv", "-o", "{parent}"],
    ],
)
def test_the_cli_overwrites_its_own_input(
    argv: list[str], mapdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    G = tiny_map()
    xlsx = sk.write_excel(G, tmp_path / "map.xlsx")
    json_file = sk.write_json(G, tmp_path / "map.json")
    names = {"xlsx": xlsx, "dir": mapdir, "json": json_file, "parent": tmp_path}
    argv = [a.format(**names) for a in argv]
    before = _snapshot(tmp_path)
    assert main([*argv, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: refusing to write") and "--force" in err
    assert _snapshot(tmp_path) == before


def test_force_writes_onto_the_input(mapdir: Path) -> None:
    assert main(["export", str(mapdir), "--format", "csv", "-o", str(mapdir), "-q", "--force"]) == 0
    assert sk.read_csv(mapdir).number_of_nodes() == tiny_map().number_of_nodes()


def test_the_cli_writes_beside_its_input(mapdir: Path, tmp_path: Path) -> None:
    out = tmp_path / "mapdir-export" / "map.graphml"
    assert main(["export", str(mapdir), "--format", "graphml", "-o", str(out), "-q"]) == 0
    assert out.is_file()


@pytest.mark.parametrize("command", [["gaps"], ["refer", "{dir}", "r1"]])
@pytest.mark.parametrize("top", ["-1", "0", "-100", "three"])
def test_the_cli_refuses_a_negative_top(
    command: list[str], top: str, mapdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(dir=mapdir) for a in command]
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--top", top])
    assert exit_.value.code == 2
    assert "--top must be" in capsys.readouterr().err
