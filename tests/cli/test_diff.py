"""The command line tool and change over time: ``report --since`` and ``diff`` (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import main

TABLES = ["coverage", "gaps", "measures", "records", "scores", "ties"]


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three states of the dated sample as CSV folders named after their day, and one undated."""
    folder = tmp_path_factory.mktemp("maps")
    H = sk.load_sample("rivierwijk_history")
    for day in ("2026-11-01", "2026-11-11", "2026-11-21"):
        G = sk.snapshot(H, on=day)
        del G.graph["as_of"]  # the date is in the folder's name only
        sk.write_csv(G, folder / day)
    G = sk.snapshot(H, on="2026-11-01")
    del G.graph["as_of"]
    sk.write_csv(G, folder / "old")
    return folder


def test_report_since_adds_the_section_with_the_figure(maps: Path, tmp_path: Path) -> None:
    out = tmp_path / "wijk.html"
    code = main(
        [
            "report",
            str(maps / "2026-11-11"),
            "--since",
            str(maps / "2026-11-01"),
            "-o",
            str(out),
            "--lang",
            "nl",
            "-q",
        ]
    )
    assert code == 0
    page = out.read_text(encoding="utf-8")
    section = page.split('<h2 id="since">')[1].split("<h2")[0]
    assert "Sinds de vorige keer" in page and "van 1 november 2026" in section
    assert "Naaiclub Dikiş" in section and "Opgeloste tekorten" in section
    assert section.count("data:image/png;base64,") == 1


def test_report_since_an_undated_map_says_there_is_no_figure(
    maps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "wijk.html"
    assert (
        main(["report", str(maps / "2026-11-11"), "--since", str(maps / "old"), "-o", str(out)])
        == 0
    )
    section = out.read_text(encoding="utf-8").split('<h2 id="since">')[1].split("<h2")[0]
    assert "No figure of the scores over time" in section and "data:image" not in section
    err = capsys.readouterr().err
    assert "2026-11-11 describes 2026-11-11" in err and "old describes" not in err


def test_report_since_a_missing_map_is_one_clear_error(
    maps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "wijk.html"
    code = main(
        [
            "report",
            str(maps / "2026-11-11"),
            "--since",
            str(tmp_path / "nope.xlsx"),
            "-o",
            str(out),
            "-q",
        ]
    )
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.xlsx" in err and "Traceback" not in err


def test_report_refuses_to_write_into_the_since_map(
    maps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = maps / "2026-11-01" / "report.html"
    code = main(
        [
            "report",
            str(maps / "2026-11-11"),
            "--since",
            str(maps / "2026-11-01"),
            "-o",
            str(target),
            "-q",
        ]
    )
    assert code == 1 and not target.exists()
    assert "inside the input folder" in capsys.readouterr().err


def test_diff_prints_a_summary_of_the_scenes(
    maps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(maps / "2026-11-01"), str(maps / "2026-11-11"), "-q"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "What changed from 2026-11-01 to 2026-11-11"
    assert "  ties: 4 added" in lines
    assert "  records: nothing changed" in lines
    assert any(line.startswith("  gaps: 4 closed, ") for line in lines)
    closed = out.split("Gaps closed:")[1].split("\n\n")[0]
    assert "Naaiclub Dikiş" in closed and "Budgetcafé De Spaarpot" in closed
    assert "Gaps opened:" not in out


def test_verschil_speaks_dutch_and_cuts_long_lists(
    maps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "verschil",
            str(maps / "2026-11-11"),
            str(maps / "2026-11-21"),
            "--lang",
            "nl",
            "--top",
            "2",
            "-q",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("Wat er veranderde van 2026-11-11 tot 2026-11-21\n")
    assert "  records: 1 weg" in out
    opened = out.split("Nieuwe tekorten:\n")[1].split("\n\n")[0].splitlines()
    assert opened[0].startswith("1. ") and opened[1].startswith("2. ")
    assert opened[2].startswith("... en nog ")
    assert "uren overleg per maand: gedaald van 72 naar 36" in out


def test_diff_writes_the_six_tables_as_csv(maps: Path, tmp_path: Path) -> None:
    out = tmp_path / "changes"
    assert (
        main(["diff", str(maps / "2026-11-01"), str(maps / "2026-11-11"), "-o", str(out), "-q"])
        == 0
    )
    assert sorted(p.stem for p in out.iterdir()) == TABLES
    gaps = pd.read_csv(out / "gaps.csv")
    closed = gaps[gaps["change"] == "closed"]
    assert sorted(closed["gap_type"]) == [
        "knowledge",
        "single_knower",
        "single_knower",
        "unreached_place",
    ]
    assert closed["nodes"].str.contains("i_naaiclub").any()
    ties = pd.read_csv(out / "ties.csv")
    assert (ties["change"] == "added").sum() == 4


def test_diff_output_errors(maps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inside = maps / "2026-11-01" / "changes"
    assert (
        main(["diff", str(maps / "2026-11-01"), str(maps / "2026-11-11"), "-o", str(inside), "-q"])
        == 1
    )
    assert not inside.exists() and "refusing to write" in capsys.readouterr().err
    a_file = tmp_path / "file.csv"
    a_file.write_text("x", encoding="utf-8")
    assert (
        main(["diff", str(maps / "2026-11-01"), str(maps / "2026-11-11"), "-o", str(a_file), "-q"])
        == 1
    )
    assert "-o takes a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["diff", str(maps / "2026-11-01")])  # NEW is required
