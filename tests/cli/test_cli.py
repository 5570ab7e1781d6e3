"""The command line tool: report, validate, summary, gaps, refer, export."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import main


def test_report_without_source_writes_the_english_sample_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report"]) == 0
    out = tmp_path / "rivierwijk-wijkanalyse.html"
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Rivierwijk" in page  # English by default
    captured = capsys.readouterr()
    assert "loading" in captured.err and captured.out.strip() == out.name


def test_report_lang_nl_writes_the_dutch_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--lang", "nl", "-q"]) == 0
    page = (tmp_path / "rivierwijk-wijkanalyse.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "Wijkanalyse Rivierwijk" in page


def test_report_quiet_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "public.html"
    code = main(["report", "-o", str(target), "--lang", "en", "--audience", "public", "--quiet"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    assert "Public version" in target.read_text(encoding="utf-8")


def test_validate_lists_problems_with_file_row_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "residents.csv").write_text("id,birth_year\nr1,1850\nr2,abc\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "residents.csv, row 2, column 'birth_year'" in err
    assert "residents.csv, row 3, column 'birth_year'" in err
    assert "Traceback" not in err


def test_validate_a_good_map(capsys: pytest.CaptureFixture[str]) -> None:
    folder = sk.datasets.sample_path()
    assert main(["validate", str(folder), "-q"]) == 0
    assert "valid: 294 nodes, 1261 ties" in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "no/such/place", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "error: no such file or folder: no/such/place"
    assert "Traceback" not in err


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--debug", "summary", "no/such/place", "-q"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "sociale-kaart report --lang nl -o wijkanalyse.html" in out
    for command in ("report", "validate", "summary", "gaps", "refer", "export"):
        assert command in out


def test_gaps_and_refer(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(sk.datasets.sample_path())
    assert main(["gaps", "--top", "3", "-q"]) == 0
    out = capsys.readouterr().out
    assert "gap type" in out and "\n1. " in out and "\n4. " not in out  # words, not codes
    assert main(["refer", folder, "r_henk", "--theme", "exercise", "-q"]) == 0
    out = capsys.readouterr().out
    assert "1. " in out and "path: Henk van der Meer → " in out  # names, joined by arrows
    assert "r_henk" not in out
    assert main(["refer", folder, "nobody", "-q"]) == 1
    assert "resident 'nobody' is not in the map" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_for_other_tools_drops_sensitive_fields(tmp_path: Path, fmt: str) -> None:
    folder = str(sk.datasets.sample_path())
    out = tmp_path / f"map.{fmt}"
    assert main(["export", folder, "--format", fmt, "-o", str(out), "-q"]) == 0
    H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert H.number_of_nodes() == 294
    assert "name" not in H.nodes["r_samira"] and "needs" not in H.nodes["r_samira"]
    assert H.nodes["i_taalmaatjes"]["level"] == "informal"
    text = out.read_text(encoding="utf-8")
    assert "Benhaddou" not in text
    ET.fromstring(text)  # well-formed XML
    full = tmp_path / f"full.{fmt}"
    main(["export", folder, "--format", fmt, "-o", str(full), "--include-sensitive", "-q"])
    assert "Benhaddou" in full.read_text(encoding="utf-8")


def test_export_json_and_csv_round_trip(tmp_path: Path) -> None:
    from sociale_kaart.testing import graphs_equal

    folder = str(sk.datasets.sample_path())
    assert main(["export", folder, "--format", "json", "-o", str(tmp_path / "m.json"), "-q"]) == 0
    assert graphs_equal(sk.read_json(tmp_path / "m.json"), sk.load_sample())
    assert main(["export", folder, "--format", "csv", "-o", str(tmp_path / "csv"), "-q"]) == 0
    assert graphs_equal(sk.read_csv(tmp_path / "csv"), sk.load_sample())


def test_console_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sociale_kaart", "summary", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "294 nodes" in result.stdout


def test_refer_in_dutch_has_no_english_fragments(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 14: "path:" and "eligible" leaked into Dutch output
    folder = str(sk.datasets.sample_path())
    assert main(["refer", folder, "r_henk", "--theme", "exercise", "--lang", "nl", "-q"]) == 0
    out = capsys.readouterr().out
    assert "   route: Henk van der Meer → " in out
    assert "path:" not in out and "eligible" not in out and "exercise" not in out


def test_find_and_zoek_search_the_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "--theme", "finances", "--near", "51.8171,4.6905", "-q"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "1. Budgetcafé De Spaarpot (finances; 0.0 km)"
    assert lines[1].startswith("2. Informatiepunt Rivierwijk (") and "0.2 km" in lines[1]
    assert "Thuisadministratie" not in out
    assert "1 offer(s) without coordinates left out (i_thuisadministratie)" in err
    args = ["zoek", "--theme", "taal", "--near", "pl_bibliotheek", "--radius-km", "1"]
    assert main([*args, "--resident", "r_samira", "--lang", "nl", "-q"]) == 0
    out, err = capsys.readouterr()
    assert "Taalschool Rivierstad (taal; 0,0 km; komt niet in aanmerking)" in out
    assert "komt in aanmerking" in out.splitlines()[0]
    assert "0.0 km" not in out and "km;" in out
    assert err == ""  # every language offer has coordinates


def test_find_in_dutch_and_without_a_hit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["find", "--theme", "finances", "--near", "pl_bibliotheek", "--radius-km", "0"]
    assert main([*args, "--lang", "nl", "-q"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1. Budgetcafé De Spaarpot (financiën; 0,0 km)"
    assert "let op: 1 aanbod zonder coördinaten niet meegenomen" in err
    assert main(["find", "--theme", "language", "--near", "0,0", "--radius-km", "1", "-q"]) == 0
    assert capsys.readouterr().out.strip() == "no offers found"
