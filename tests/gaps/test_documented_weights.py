"""The coverage-gap weights are choices the docs state: pin them, in code, output and docs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import pytest

import sociale_kaart as sk
from tests._paths import ROOT

#: The severity factor per coverage reason, as docs/gaps.md states it.
DOCUMENTED = {
    "no_offer": 1.0,
    "not_eligible": 1.0,
    "full": 0.9,
    "specialised_only": 0.8,
    "far": 0.7,
}
TODAY = dt.date(2026, 11, 21)
# Two residents of Noord needing finances, one with ZRM score 2: demand 4 + 3 = 7.
NOORD = [
    {"id": "r1", "neighbourhood": "Noord", "birth_year": 1980, "needs": "finances:2"},
    {"id": "r2", "neighbourhood": "Noord", "birth_year": 1990, "needs": "finances"},
]
OFFER_FOR_REASON: dict[str, dict[str, Any] | None] = {
    "no_offer": None,
    "not_eligible": {"level": "general", "min_age": 65},
    "full": {"level": "informal", "capacity": 0},
    "specialised_only": {"level": "specialised"},
    "far": {"level": "informal", "lat": 52.1, "lon": 5.0},  # about 11 km north
}


def test_the_weights_in_code_are_the_documented_ones() -> None:
    from sociale_kaart.gaps.common import COVERAGE_REASON_WEIGHT

    assert COVERAGE_REASON_WEIGHT == DOCUMENTED
    assert set(OFFER_FOR_REASON) == set(DOCUMENTED)


@pytest.mark.parametrize("reason", sorted(DOCUMENTED))
def test_a_coverage_gap_weighs_its_reason(reason: str) -> None:
    residents = [{**r, "lat": 52.0, "lon": 5.0} for r in NOORD]
    frames = {"residents": pd.DataFrame(residents)}
    offer = OFFER_FOR_REASON[reason]
    if offer is not None:
        frames["initiatives"] = pd.DataFrame([{"id": "i1", "themes": "finances", **offer}])
    G = sk.from_frames(**frames)
    assert sk.coverage(G, today=TODAY).loc[("Noord", "finances"), "gap_reason"] == reason
    gaps = sk.coverage_gaps(G, today=TODAY)
    assert gaps["theme"].tolist() == ["finances"]
    # severity = w_reason * sat(demand, 10), demand 7
    assert gaps["severity"].iloc[0] == pytest.approx(DOCUMENTED[reason] * 7 / 17, abs=5e-4)


def test_the_docs_state_the_same_weights() -> None:
    text = " ".join((ROOT / "docs" / "gaps.md").read_text(encoding="utf-8").split())
    by_weight: dict[float, list[str]] = {}
    for reason, weight in DOCUMENTED.items():
        by_weight.setdefault(weight, []).append(reason.replace("_", " "))
    parts = [f"{w:g} ({', '.join(reasons)})" for w, reasons in by_weight.items()]
    sentence = "$w$ = " + ", ".join(parts) + "."
    assert sentence in text, f"docs/gaps.md should say: {sentence}"
    assert re.search(
        r"w_\\text\{reason\} \\cdot \\operatorname\{sat\}\(\\text\{demand\}, 10\)", text
    )
