"""The report's section "Kansen" / "Opportunities": what the neighbourhood already has.

:func:`strength_blocks` turns :func:`~sociale_kaart.strengths` into the section's
blocks: for the team, the strengths with the residents and professionals involved
(volunteers only with their consent); for the public, the aggregate view, which names
no person and shows small counts of residents as "fewer than ``min_cell``"
(:mod:`sociale_kaart.privacy.suppression`). Per strength type the largest
``max(1, top // 2)`` rows are shown, and the page says how many were left out.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.formatting import format_number
from sociale_kaart.core.naming import name_in_text
from sociale_kaart.core.strings import text
from sociale_kaart.referral.strengths import strengths

__all__ = ["strength_blocks"]


def _ids_in(sentence: str, labels: Mapping[Hashable, str]) -> list[Hashable]:
    """The node ids that stand as whole words in ``sentence``."""
    return [w for w in dict.fromkeys(re.findall(r"[\w-]+", sentence)) if w in labels]


def strength_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks of the section; ``ctx`` is the report's (language, audience, top, ...).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> ctx = {"language": "nl", "audience": "public", "top": 10, "min_cell": 10,
    ...        "today": dt.date(2026, 11, 21)}
    >>> blocks = strength_blocks(sk.load_sample(), ctx)
    >>> blocks[1]["headers"]
    ['soort kans', 'aantal', 'uitleg', 'voorstel']
    >>> blocks[1]["rows"][0][:2]
    ['Wie iets te bieden heeft op een plek die het team niet bereikt', '13']
    """
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    frame = strengths(
        G,
        language=language,
        aggregate_only=ctx["audience"] == "public",
        min_cell=min_cell,
        today=ctx["today"],
    )
    if frame.empty:
        return [note_block(text("report.strengths_none", language))]
    per_type = max(1, ctx["top"] // 2)
    shown = frame.groupby("strength_type", sort=False).head(per_type)
    table = pd.DataFrame(
        {
            "strength_type": [text(f"strength.{k}", language) for k in shown["strength_type"]],
            # written here: iterrows would turn a suppressed pd.NA in a mixed frame into NaN
            "count": [
                text("report.suppressed", language, min_cell=min_cell)
                if pd.isna(n)
                else format_number(int(n), language, decimals=0)
                for n in shown["count"]
            ],
            "explanation": shown["explanation"].astype(str),
            "suggestion": shown["suggestion"].astype(str),
        }
    )
    labels = ctx.get("labels") or {}
    if labels:  # the team version names the residents and professionals (core/naming.py)
        for column in ("explanation", "suggestion"):
            # every id in the sentence: a pair's also names who knows them both, not in its nodes
            table[column] = [
                name_in_text(said, labels, _ids_in(said, labels)) for said in table[column]
            ]
    blocks = [
        note_block(text("report.strengths_intro", language)),
        table_block(table, language=language, min_cell=min_cell, index=False, numeric=["count"]),
    ]
    left_out = len(frame) - len(shown)
    if left_out:
        blocks.append(note_block(text("report.strengths_more", language, top=per_type, n=left_out)))
    return blocks
