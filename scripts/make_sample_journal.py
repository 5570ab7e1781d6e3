"""Write the sample referral journal (issue 13): referrals.csv for Rivierwijk.

Run from the repository root; the output is the same on every run (seed 13)::

    python scripts/make_sample_journal.py

It writes ``sociale_kaart/datasets/samples/rivierwijk/referrals.csv`` and the
same bytes to ``data/samples/rivierwijk/referrals.csv``. The four scenes come
first (ids ``henk-*``, ``samira-*``, ``twee-*``, ``stip-*``), then about three
hundred ordinary referrals from October 2025 to November 2026. Planted: a referral made with a
companion starts more often (about 70 % against 40 %), and about one in ten
referrals never gets a status after ``proposed``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from sociale_kaart.core.journal import REFERRAL_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sociale_kaart" / "datasets" / "samples" / "rivierwijk"
COLUMNS = list(REFERRAL_COLUMNS)


def _read(name: str) -> list[dict[str, str]]:
    with (SAMPLE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _scenes() -> list[list[str]]:
    rows: list[list[str]] = []

    def add(ref, day, status, res, by, to, parent="", theme="", comp="", reason=""):  # type: ignore[no-untyped-def]
        rows.append([ref, day, status, res, by, to, parent, theme, comp, reason])

    # Henk: four steps on one day, ending at the swimming hour
    d = "2026-03-10"
    add("henk-1", d, "proposed", "r_henk", "o_infopunt", "p_maatschappelijk1", theme="finances")
    add("henk-1", d, "accepted", "r_henk", "o_infopunt", "p_maatschappelijk1", theme="finances")
    add("henk-2", d, "proposed", "r_henk", "p_maatschappelijk1", "p_schuld", "henk-1", "finances")
    add("henk-2", d, "accepted", "r_henk", "p_maatschappelijk1", "p_schuld", theme="finances")
    add("henk-3", d, "proposed", "r_henk", "p_schuld", "p_sportcoach", "henk-2", "exercise")
    add("henk-3", d, "accepted", "r_henk", "p_schuld", "p_sportcoach", theme="exercise")
    add("henk-4", d, "proposed", "r_henk", "p_sportcoach", "i_zwemmen", "henk-3", "exercise")
    add("henk-4", d, "accepted", "r_henk", "p_sportcoach", "i_zwemmen", theme="exercise")
    add("henk-4", d, "started", "r_henk", "p_sportcoach", "i_zwemmen", theme="exercise")
    # Samira: the course refuses on eligibility, the language buddy starts
    add(
        "samira-1",
        "2026-02-02",
        "proposed",
        "r_samira",
        "p_maatschappelijk3",
        "i_taalschool",
        theme="language",
    )
    add(
        "samira-1",
        "2026-02-09",
        "rejected",
        "r_samira",
        "p_maatschappelijk3",
        "i_taalschool",
        theme="language",
        reason="eligibility: eu_citizen",
    )
    add(
        "samira-2",
        "2026-02-10",
        "proposed",
        "r_samira",
        "p_maatschappelijk3",
        "i_taalmaatjes",
        "samira-1",
        "language",
    )
    add(
        "samira-2",
        "2026-02-12",
        "accepted",
        "r_samira",
        "p_maatschappelijk3",
        "i_taalmaatjes",
        theme="language",
    )
    add(
        "samira-2",
        "2026-02-19",
        "started",
        "r_samira",
        "p_maatschappelijk3",
        "i_taalmaatjes",
        theme="language",
    )
    return rows


def main() -> None:
    rng = random.Random(13)
    residents = [r["id"] for r in _read("residents.csv")]
    professionals = [p["id"] for p in _read("professionals.csv")]
    initiatives = {i["id"]: i["themes"].split(";")[0] for i in _read("initiatives.csv")}
    rows = _scenes()
    # bring-a-second-person: a neighbour goes along and the sewing club starts
    first = residents[10]
    for status, day in (
        ("proposed", "2026-01-12"),
        ("accepted", "2026-01-14"),
        ("started", "2026-01-19"),
    ):
        rows.append(
            [
                "twee-1",
                day,
                status,
                first,
                "p_opbouw",
                "i_naaiclub",
                "",
                "social_network",
                "true" if status == "proposed" else "",
                "",
            ]
        )
    # the Stip refers to the buurtteam, and the buurtteam back to the Stip
    other = residents[20]
    for ref, by, to, parent, day in (
        ("stip-1", "o_infopunt", "p_maatschappelijk2", "", "2026-04-01"),
        ("stip-2", "p_maatschappelijk2", "o_infopunt", "stip-1", "2026-04-15"),
    ):
        rows.append([ref, day, "proposed", other, by, to, parent, "finances", "", ""])
        rows.append([ref, day, "accepted", other, by, to, "", "finances", "", ""])
    start = dt.date(2025, 10, 1)
    referrers = [*professionals, "o_infopunt"]
    reasons = ["full: waiting list", "not the right offer", "resident did not come"]
    for n in range(300):
        ref = f"v{n + 1:03d}"
        res, by = rng.choice(residents), rng.choice(referrers)
        to = rng.choice(sorted(initiatives))
        theme = initiatives[to]
        companion = rng.random() < 0.3
        day = start + dt.timedelta(days=rng.randrange(360))
        steps = [("proposed", day)]
        roll = rng.random()
        if roll < 0.1:
            pass  # never comes back
        elif roll < 0.2:
            steps.append(("rejected", day + dt.timedelta(days=rng.randint(1, 14))))
        else:
            accepted = day + dt.timedelta(days=rng.randint(0, 10))
            steps.append(("accepted", accepted))
            if rng.random() < (0.85 if companion else 0.5):
                steps.append(("started", accepted + dt.timedelta(days=rng.randint(0, 21))))
            else:
                steps.append(("cancelled", accepted + dt.timedelta(days=rng.randint(7, 30))))
        for status, when in steps:
            reason = rng.choice(reasons) if status == "rejected" else ""
            comp = ("true" if companion else "false") if status == "proposed" else ""
            rows.append([ref, when.isoformat(), status, res, by, to, "", theme, comp, reason])
    mirror = ROOT / "data" / "samples" / "rivierwijk"
    folders = {SAMPLE.resolve(), mirror.resolve()} if mirror.exists() else {SAMPLE.resolve()}
    for folder in sorted(folders):
        with (folder / "referrals.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)


if __name__ == "__main__":
    main()
