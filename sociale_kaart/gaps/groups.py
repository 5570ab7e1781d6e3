"""Who a gap is for: a resident (a casus), the team, or the neighbourhood.

A team meeting takes gaps in three piles: a resident's case, the team's own
work (what it knows, who alone knows something, where the time goes), and
what the neighbourhood lacks. :data:`GAP_GROUPS` is the one table that puts
each gap type of :data:`~sociale_kaart.gaps.common.GAP_TYPES` in its pile;
the report gives each pile its own top N, so that many gaps of one pile (98
knowledge gaps on the sample) cannot push another pile's gaps out of sight.
"""

from __future__ import annotations

__all__ = ["GAP_GROUPS", "GROUPS"]

#: The three groups, in the order a meeting takes them.
GROUPS: tuple[str, ...] = ("resident", "team", "neighbourhood")

#: Gap type to group. The choices that are not obvious:
#: ``stale_record`` is the team's (keeping the map up to date is its work);
#: ``open_loop`` and ``companion_effect`` are the team's (how it follows up and
#: whether it goes along, from the referral journal); ``repeated_refusal`` is the
#: neighbourhood's (an offer's rule shuts residents out of its supply, whoever
#: refers them). tests/gaps/test_groups.py checks that every type has a group.
GAP_GROUPS: dict[str, str] = {
    "isolation": "resident",
    "knowledge": "team",
    "single_knower": "team",
    "meeting_load": "team",
    "stale_record": "team",
    "open_loop": "team",
    "companion_effect": "team",
    "coverage": "neighbourhood",
    "unreached_place": "neighbourhood",
    "structural_hole": "neighbourhood",
    "repeated_refusal": "neighbourhood",
}
