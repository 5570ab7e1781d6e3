"""The report's "What if a connector leaves?" block (issue 14).

For the three professionals who connect the most (highest betweenness
centrality, Freeman 1977), the block says what their departure would do to
the gaps: the map without them (:func:`~sociale_kaart.what_if`, a subgraph
view: ``G`` is not changed) against the map as it is, gap type by gap type,
and how many residents would lose their last route to an offer for a need.

Why betweenness and not the brokerage table above it: the brokerage roles
are counted between neighbourhoods, and a professional, who works in several
of them, has no neighbourhood of their own, so every professional scores 0
there and the "top three" would be the first three ids. Betweenness counts
the shortest routes between others that pass through someone, which is what
a connector is.

Team version only. The public version leaves the block out: the brokers
section is the team's, and on a team of sixteen a role ("the community
builder") names the person as surely as a name does, so "what breaks when
the community builder leaves" is about one person's work.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.naming import professional_labels
from sociale_kaart.core.strings import join_words, text

__all__ = ["CONNECTORS", "connectors", "departure_blocks"]

#: How many connectors the block looks at.
CONNECTORS = 3


def connectors(centrality: pd.DataFrame, *, n: int = CONNECTORS) -> list[Hashable]:
    """The ``n`` professionals with the highest betweenness (above 0), ties by id."""
    pros = centrality[(centrality["kind"] == "professional") & (centrality["betweenness"] > 0)]
    scores = {node: float(value) for node, value in pros["betweenness"].items()}
    ranked = sorted(scores, key=lambda node: (-scores[node], str(node)))
    return ranked[:n]


def departure_blocks(
    G: nx.MultiDiGraph, ctx: Mapping[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The what-if blocks: a sentence per connector, then a table of counts per gap type."""
    from sociale_kaart.gaps.api import what_if
    from sociale_kaart.report.page import note_block, table_block

    language = ctx["language"]
    if ctx["audience"] != "team":  # see the module docstring
        return []
    chosen = connectors(found["centrality"])
    blocks: list[dict[str, Any]] = [
        {"type": "subheading", "text": text("report.whatif", language)},
        note_block(text("report.whatif_intro", language, n=len(chosen))),
    ]
    if not chosen:
        blocks.append(note_block(text("report.nothing", language)))
        return blocks
    labels = professional_labels(G, chosen, language=language)
    gap_types: list[str] = []
    before: pd.Series | None = None
    after: dict[str, pd.Series] = {}
    for node in chosen:
        result = what_if(G, [node], today=ctx["today"], language=language)
        counts = result.summary
        before = counts["before"]
        after[labels[node]] = counts["after"]
        rose = counts[counts["after"] > counts["before"]]
        changes = [
            text(
                "report.whatif_change",
                language,
                gap_type=text(f"gap.{gap_type}", language),
                before=int(row["before"]),
                after=int(row["after"]),
            )
            for gap_type, row in rose.iterrows()
        ]
        lost = int(result.lost_paths.index.nunique())
        if changes:
            line = text(
                "report.whatif_rises",
                language,
                name=labels[node],
                changes=join_words(changes, language),
            )
        else:
            line = text("report.whatif_no_rise", language, name=labels[node])
        if lost:
            line += " " + text("report.whatif_lost", language, n=lost)
        blocks.append(note_block(line))
        gap_types += [str(g) for g in counts.index[counts["after"] != counts["before"]]]
    if before is not None and gap_types:
        shown = list(dict.fromkeys(t for t in before.index if t in set(gap_types)))
        table = pd.DataFrame({text("report.whatif_now", language): before.loc[shown]})
        for label, without in after.items():
            table[text("report.whatif_without", language, name=label)] = without.loc[shown]
        table.index = pd.Index([text(f"gap.{t}", language) for t in shown], name="gap_type")
        blocks.append(note_block(text("report.whatif_table", language)))
        blocks.append(table_block(table, language=language, min_cell=ctx["min_cell"]))
    return blocks
