"""The report's gap section, grouped for a team meeting (issue 14).

The gaps of :func:`~sociale_kaart.find_gaps` come in three groups, from the
one table :data:`~sociale_kaart.gaps.groups.GAP_GROUPS`: a resident (a
casus), the team (what it knows, who alone knows something, where the time
goes) and the neighbourhood (coverage, places, structural holes). Each
group has its own top N (the report's ``top``), so that many gaps of one
group cannot push the others out. Each gap type shown gets a line saying
why it matters, and the page explains the severity scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.naming import name_in_text
from sociale_kaart.core.strings import text
from sociale_kaart.core.themes import theme_label
from sociale_kaart.gaps._labels import gap_type_labels
from sociale_kaart.gaps.groups import GAP_GROUPS, GROUPS

__all__ = ["gap_blocks", "grouped_gaps"]


def grouped_gaps(gaps: pd.DataFrame, *, top: int) -> dict[str, pd.DataFrame]:
    """The ``top`` most severe gaps of each group, in the order of :data:`GROUPS`.

    ``gaps`` is a frame of :func:`~sociale_kaart.find_gaps`; within a group
    the order is by severity (highest first), ties kept in ``find_gaps``'
    order. A group with no gaps is left out. A gap type missing from
    :data:`GAP_GROUPS` raises KeyError rather than drop out of the report.
    """
    unknown = sorted(set(gaps["gap_type"]) - set(GAP_GROUPS))
    if unknown:
        raise KeyError(
            f"gap types without a group: {unknown}; add them to "
            "sociale_kaart.gaps.groups.GAP_GROUPS"
        )
    group = gaps["gap_type"].map(GAP_GROUPS)
    out: dict[str, pd.DataFrame] = {}
    for name in GROUPS:
        members = gaps[group == name]
        if not members.empty:
            ranked = members.sort_values("severity", ascending=False, kind="stable")
            out[name] = ranked.head(top)
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _table(
    gaps: pd.DataFrame,
    themes: Mapping[str, Any],
    language: str,
    labels: Mapping[Any, str] | None = None,
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "gap_type": gap_type_labels(gaps, language=language),
            "neighbourhood": ["" if _blank(v) else str(v) for v in gaps["neighbourhood"]],
            "theme": [
                "" if _blank(v) else theme_label(str(v), themes, language=language)
                for v in gaps["theme"]
            ],
            "severity": gaps["severity"].astype(float).round(2).tolist(),
            # In the public report the gaps come from find_gaps(aggregate_only=True):
            # counts below min_cell are suppressed in the sentences, and no person is named.
            "explanation": gaps["explanation"].astype(str).tolist(),
            "suggestion": gaps["suggestion"].astype(str).tolist(),
        }
    )
    if labels:  # the team version names the residents a gap is about (core/naming.py)
        nodes = [list(n) if isinstance(n, (list, tuple)) else [] for n in gaps["nodes"]]
        for column in ("explanation", "suggestion"):
            frame[column] = [
                name_in_text(said, labels, about)
                for said, about in zip(frame[column], nodes, strict=True)
            ]
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="#")
    return frame


def gap_blocks(
    G: nx.MultiDiGraph, ctx: Mapping[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The blocks of the gap section: the severity scale, then one table per group."""
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    gaps: pd.DataFrame = found["find_gaps"]
    if gaps.empty:
        return [note_block(text("report.nothing", language))]
    themes = G.graph.get("themes") or {}
    blocks: list[dict[str, Any]] = [
        note_block(text("report.gaps_grouped_intro", language, top=ctx["top"])),
        note_block(text("report.gaps_severity", language)),
    ]
    for group, members in grouped_gaps(gaps, top=ctx["top"]).items():
        total = int((gaps["gap_type"].map(GAP_GROUPS) == group).sum())
        # the public's resident gaps are counts per buurt, not one resident's case
        public = ctx["audience"] == "public" and group == "resident"
        intro = "resident_public" if public else group
        blocks.append({"type": "subheading", "text": text(f"report.gap_group.{group}", language)})
        blocks.append(
            note_block(
                text(f"report.gap_group_intro.{intro}", language)
                + " "
                + text("report.gap_group_shown", language, shown=len(members), total=total)
            )
        )
        table = _table(members, themes, language, ctx.get("labels") or None)
        blocks.append(table_block(table, language=language, min_cell=min_cell, index_label="#"))
        for gap_type in dict.fromkeys(members["gap_type"]):
            blocks.append(
                note_block(
                    text(
                        "report.gap_why_line",
                        language,
                        gap_type=text(f"gap.{gap_type}", language),
                        why=text(f"report.gap_why.{gap_type}", language),
                    )
                )
            )
    return blocks
