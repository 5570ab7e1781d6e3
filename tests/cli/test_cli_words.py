"""The command line speaks the language asked for (issue 14, "Real Dutch, and real English").

With ``--lang nl`` every line the tool writes is Dutch: the progress lines, the
tables' headers and cells, the messages and the error lines. A failing check
names the English word it found and the line it stood in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import main

#: English words that have no business in the Dutch output of the tool.
ENGLISH = (
    "the",
    "loading",
    "looking",
    "analysing",
    "writing",
    "written",
    "comparing",
    "found",
    "gaps",
    "offers",
    "error",
    "traceback",
    "nodes",
    "ties",
    "valid",
    "path",
    "eligible",
    "severity",
    "neighbourhood",
    "theme",
    "residents",
    "knows",
)

#: Codes that must come out as words.
CODES = ("gap_type", "single_knower", "unreached_place", "isolation", "language", "None", "nan")


def _english_in(output: str) -> list[str]:
    found = []
    for line in output.splitlines():
        for word in (*ENGLISH, *CODES):
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line, flags=re.IGNORECASE):
                found.append(f"{word!r} in {line.strip()!r}")
    return found


def test_gaps_in_dutch_is_dutch_from_the_progress_lines_to_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["gaps", "--lang", "nl", "--top", "3"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == ["... de voorbeeldwijk rivierwijk laden", "... tekorten zoeken"]
    header = out.splitlines()[0].split()
    assert header == ["soort", "tekort", "ernst", "buurt", "thema"]
    # the sample's third gap: an offer nobody in the team knows, labelled as such
    assert re.search(r"^3 +aanbod dat niemand in het team kent +0,81 +Havenkwartier", out, re.M)
    assert _english_in(out + err) == []


def test_gaps_in_english_keeps_its_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", "--top", "3"]) == 0
    out, err = capsys.readouterr()
    assert "... looking for gaps" in err
    assert out.splitlines()[0].split() == ["gap", "type", "severity", "neighbourhood", "theme"]
    assert "offer no one in the team knows" in out and "single_knower" not in out


def test_no_gaps_is_said_in_the_page_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sociale_kaart.gaps.api as api

    monkeypatch.setattr(api, "find_gaps", lambda G, **kw: pd.DataFrame())
    assert main(["gaps", "--lang", "nl", "-q"]) == 0
    assert capsys.readouterr().out.strip() == "geen tekorten gevonden"
    assert main(["gaps", "-q"]) == 0
    assert capsys.readouterr().out.strip() == "no gaps found"


def test_refer_in_dutch_progress_and_the_maps_own_theme_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    G = sk.load_sample()
    themes = dict(G.graph["themes"])
    themes["exercise"] = {**themes["exercise"], "label_nl": "Sport en spel"}
    G.graph["themes"] = themes
    source = tmp_path / "kaart.json"
    sk.write_json(G, source)
    assert main(["refer", str(source), "r_henk", "--theme", "exercise", "--lang", "nl"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"... {source} laden", "... aanbod zoeken voor r_henk"]
    first = out.splitlines()[0]
    assert "(Sport en spel, komt in aanmerking)" in first  # the map's label, not the default
    assert _english_in(err) == []


def test_summary_and_validate_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--lang", "nl"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Sociale kaart 'rivierwijk': 294 knooppunten, 1261 verbindingen"
    assert lines[1].split()[0] == "buurt" and lines[1].split()[-2:] == ["(geen)", "totaal"]
    assert [line.split()[0] for line in lines[2:4]] == ["bewoners", "professionals"]
    assert any(line.startswith("kent het aanbod ") for line in lines)
    assert _english_in(out + err) == []
    assert main(["validate", str(sk.datasets.sample_path()), "--lang", "nl", "-q"]) == 0
    assert capsys.readouterr().out.strip() == "in orde: 294 knooppunten, 1261 verbindingen"


def test_an_error_line_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/place", "--lang", "nl", "-q"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("fout: ")
    assert lines[-1] == "(met --debug ziet u waar in de code het misging)"
    assert main(["validate", "no/such/place", "-q"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("error: ") and lines[-1] == "(run with --debug for the traceback)"


def test_report_progress_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    page = importlib.import_module("sociale_kaart.report.page")

    written: list[tuple[object, str, str]] = []

    def fake_report(G: object, path: Path, **kw: str) -> Path:
        written.append((path, kw["language"], kw["audience"]))
        return path

    monkeypatch.setattr(page, "report", fake_report)
    out = tmp_path / "wijk.html"
    assert main(["report", "--lang", "nl", "--audience", "public", "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "... de voorbeeldwijk rivierwijk laden",
        "... analyseren en de openbare versie schrijven",
        f"... geschreven: {out}",
    ]
    assert written == [(out, "nl", "public")]
