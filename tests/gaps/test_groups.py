"""The one table of gap groups (sociale_kaart.gaps.groups), and its texts."""

from __future__ import annotations

from sociale_kaart.core.strings import STRINGS
from sociale_kaart.gaps.common import GAP_TYPES
from sociale_kaart.gaps.groups import GAP_GROUPS, GROUPS


def test_every_gap_type_has_exactly_one_group() -> None:
    assert set(GAP_GROUPS) == set(GAP_TYPES)
    assert set(GAP_GROUPS.values()) == set(GROUPS)
    assert GROUPS == ("resident", "team", "neighbourhood")


def test_the_groups_of_the_issue() -> None:
    """Issue 14: a resident (casus); the team (knowledge, single knower, meetings);
    the neighbourhood (coverage, places, structural holes)."""
    assert GAP_GROUPS["isolation"] == "resident"
    assert {GAP_GROUPS[t] for t in ("knowledge", "single_knower", "meeting_load")} == {"team"}
    neighbourhood = ("coverage", "unreached_place", "structural_hole")
    assert {GAP_GROUPS[t] for t in neighbourhood} == {"neighbourhood"}
    # the journal's types have a group too
    assert GAP_GROUPS["open_loop"] == "team"
    assert GAP_GROUPS["companion_effect"] == "team"
    assert GAP_GROUPS["repeated_refusal"] == "neighbourhood"


def test_every_gap_type_and_group_has_its_texts() -> None:
    for gap_type in GAP_TYPES:
        assert f"report.gap_why.{gap_type}" in STRINGS
    for group in GROUPS:
        assert f"report.gap_group.{group}" in STRINGS
        assert f"report.gap_group_intro.{group}" in STRINGS
