"""The gaps layer: what is missing in a map, with explanations and suggestions."""

from __future__ import annotations

from sociale_kaart.gaps.api import (
    MeetingAudit,
    WhatIf,
    companion_effect,
    coverage,
    coverage_gaps,
    find_gaps,
    isolation,
    knowledge_gaps,
    meeting_audit,
    open_loops,
    single_knowers,
    stale_records,
    structural_holes_between_groups,
    unreached_places,
    what_if,
)
from sociale_kaart.gaps.supply import supply

__all__ = [
    "MeetingAudit",
    "WhatIf",
    "companion_effect",
    "coverage",
    "coverage_gaps",
    "find_gaps",
    "isolation",
    "knowledge_gaps",
    "meeting_audit",
    "open_loops",
    "single_knowers",
    "stale_records",
    "structural_holes_between_groups",
    "supply",
    "unreached_places",
    "what_if",
]
