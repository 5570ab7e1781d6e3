"""The command line journal: ``journal add`` (one checked step), ``journal open`` (issue 13)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import main

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample's CSV folder, with its referrals.csv."""
    out = tmp_path / "rivierwijk"
    shutil.copytree(sk.datasets.sample_path(), out)
    assert (out / "referrals.csv").exists()
    return out


def test_a_valid_step_appends_exactly_one_row(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = folder / "referrals.csv"
    before = file.read_bytes()
    code = main(
        [
            "journal",
            "add",
            str(folder),
            "--referral",
            "v016",
            "--status",
            "accepted",
            "--date",
            "2026-11-20",
            "-q",
        ]
    )
    assert code == 0
    after = file.read_bytes()
    assert after.startswith(before)  # the rows already there are kept byte for byte
    added = after[len(before) :].decode("utf-8").splitlines()
    # the identity of a known referral is that of its first step
    assert added == ["v016,2026-11-20,accepted,r_089,p_jongerenwerk,i_maatjesproject,,,,"]
    assert "v016 is now accepted" in capsys.readouterr().out
    journal = sk.journal(sk.read_csv(folder))
    assert len(journal) == len(sk.journal(sk.load_sample())) + 1
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_a_new_referral_with_every_field(folder: Path) -> None:
    code = main(
        [
            "logboek",
            "toevoegen",
            str(folder),
            "--referral",
            "henk-5",
            "--resident",
            "r_henk",
            "--referrer",
            "p_sportcoach",
            "--target",
            "i_zwemmen",
            "--status",
            "proposed",
            "--date",
            "2026-11-20",
            "--theme",
            "exercise",
            "--parent",
            "henk-4",
            "--companion",
            "--lang",
            "nl",
            "-q",
        ]
    )
    assert code == 0
    journal = sk.journal(sk.read_csv(folder))
    last = journal.iloc[-1]
    assert (last["referral"], last["status"], last["date"]) == (
        "henk-5",
        "proposed",
        dt.date(2026, 11, 20),
    )
    assert (last["parent"], last["theme"], bool(last["companion"])) == ("henk-4", "exercise", True)
    chains = sk.referral_chains(sk.read_csv(folder))
    assert chains.loc["henk-5", "root"] == "henk-1" and chains.loc["henk-5", "depth"] == 4


def test_an_impossible_status_change_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """v016 is only proposed: completed cannot follow (it was never accepted or started)."""
    file = folder / "referrals.csv"
    before = file.read_bytes()
    row = len(before.decode("utf-8").splitlines()) + 1  # the new step's row in the file
    code = main(
        [
            "journal",
            "add",
            str(folder),
            "--referral",
            "v016",
            "--status",
            "completed",
            "--date",
            "2026-11-20",
            "-q",
        ]
    )
    assert code == 1
    assert file.read_bytes() == before
    err = capsys.readouterr().err
    assert f"referrals.csv, row {row}, column 'status'" in err
    assert "status 'completed' cannot follow 'proposed' in referral 'v016'" in err
    assert "nothing written" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--resident", "r_nobody", "--referrer", "p_opbouw", "--target", "i_zwemmen"], "r_nobody"),
        (["--referrer", "p_opbouw", "--target", "i_zwemmen"], "fill in the resident id"),
        (
            [
                "--resident",
                "r_henk",
                "--referrer",
                "p_opbouw",
                "--target",
                "i_zwemmen",
                "--parent",
                "no-such",
            ],
            "parent referral 'no-such' is not in the journal",
        ),
    ],
)
def test_bad_steps_write_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    file = folder / "referrals.csv"
    before = file.read_bytes()
    code = main(
        ["journal", "add", str(folder), "--referral", "new-1", "--status", "proposed", *extra]
    )
    assert code == 1 and file.read_bytes() == before
    assert message in capsys.readouterr().err


def test_a_date_before_the_previous_step_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = folder / "referrals.csv"
    before = file.read_bytes()
    code = main(
        [
            "journal",
            "add",
            str(folder),
            "--referral",
            "v016",
            "--status",
            "accepted",
            "--date",
            "2025-01-01",
            "-q",
        ]
    )
    assert code == 1 and file.read_bytes() == before
    assert "date is before the previous step of referral 'v016'" in capsys.readouterr().err


def test_a_folder_without_a_journal_gets_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "map"
    shutil.copytree(sk.datasets.sample_path(), folder)
    (folder / "referrals.csv").unlink()
    code = main(
        [
            "journal",
            "add",
            str(folder),
            "--referral",
            "a1",
            "--resident",
            "r_henk",
            "--referrer",
            "p_sportcoach",
            "--target",
            "i_zwemmen",
            "--status",
            "proposed",
            "-q",
        ]
    )
    assert code == 0
    lines = (folder / "referrals.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "referral,date,status,resident,referrer,target,parent,theme,companion,reason"
    assert lines[1].startswith(f"a1,{dt.date.today().isoformat()},proposed,r_henk,")
    assert len(lines) == 2


def test_add_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["journal", "add", str(tmp_path / "map.json"), "--referral", "a", "--status", "proposed"]
    )
    assert code == 1
    assert "is not a folder of CSV files" in capsys.readouterr().err


def test_journal_open_lists_the_open_loops_of_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["journal", "open", "--today", "2026-11-21", "-q"]) == 0
    out = capsys.readouterr().out
    loops = sk.open_loops(sk.load_sample(), today=TODAY)
    listed = re.findall(r"^  (\S+): resident ", out, flags=re.M)
    assert sorted(listed) == sorted(loops.index) and len(listed) == 31
    assert out.splitlines()[0] == (
        "Referrals with no new status after 6 weeks (to 21 November 2026): 31"
    )
    assert "Dewi Sardjoe (community builder): 3 open" in out  # referrers by name
    # the CLI is for the team: residents by name too (issue 14)
    assert "  v110: resident Osman Kaya to Zwemmen met de Meedoenpas (Exercise), proposed" in out
    assert "r_030" not in out


def test_logboek_open_in_dutch_and_with_more_weeks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["logboek", "open", "--today", "2026-11-21", "--lang", "nl", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Verwijzingen zonder nieuwe status na 6 weken (tot 21 november 2026)")
    assert "bewoner Osman Kaya naar Zwemmen met de Meedoenpas (Beweging), voorgesteld sinds" in out
    assert main(["journal", "open", "--today", "2026-11-21", "--weeks", "60", "-q"]) == 0
    assert capsys.readouterr().out.strip() == (
        "no open referrals older than 60 weeks (to 21 November 2026)"
    )
