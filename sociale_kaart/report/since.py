"""The report section "Sinds de vorige keer" / "Since last time" (issue 12).

:func:`since_blocks` compares the map with a previous one through
:func:`~sociale_kaart.diff` and turns the comparison into blocks of the page:

- for the team: the gaps closed and opened (matched by the stable gap key of
  :func:`~sociale_kaart.change.gap_key`), the new and ended connections of
  the team, who or what left and what that did (the opened gaps that
  :func:`~sociale_kaart.what_if` on the previous map, without those who left,
  predicts are ticked), and the scores over time as a small figure;
- for the public: only aggregated change (gaps closed and opened per type,
  neighbourhood and theme; records and ties added and removed per kind and
  relation; the scores of the whole map), counts about people below
  ``min_cell`` suppressed, no person named.

Professionals are named by name and discipline (:mod:`sociale_kaart.core.naming`),
residents by id, as everywhere in the team report.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.change.diff import Diff, diff, gap_key
from sociale_kaart.change.scores import TOTAL, timeline
from sociale_kaart.change.snapshot import MapSeries, as_of
from sociale_kaart.core.formatting import format_date
from sociale_kaart.core.naming import professional_labels
from sociale_kaart.core.strings import kind_label, relation_label, text
from sociale_kaart.core.themes import theme_label
from sociale_kaart.core.vocabulary import PERSON_KINDS
from sociale_kaart.gaps._labels import gap_type_labels
from sociale_kaart.privacy.suppression import suppress_small

__all__ = ["PUBLIC_SCORES", "since_blocks"]

#: The scores of the whole map shown to the public: ratios and hours, no counts of people.
PUBLIC_SCORES = ("density", "mean_trust", "ei_organisations", "ei_roles", "meeting_hours")
#: The scores drawn over time: for the team, density and meeting hours; for the public, density.
_FIGURE_SCORES = {"team": ("density", "meeting_hours"), "public": ("density",)}
#: Gap types whose subject is a person: their public counts are suppressed when small.
_PERSON_GAP_TYPES = frozenset({"isolation"})

Block = dict[str, Any]


def _blank(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


class _Labels:
    """Team-facing labels of the nodes of both maps: professionals by name, residents by id."""

    def __init__(self, before: nx.MultiDiGraph, after: nx.MultiDiGraph, language: str) -> None:
        self.graphs = (after, before)
        self.pros = {
            **professional_labels(before, language=language),
            **professional_labels(after, language=language),
        }

    def attrs(self, node: Hashable) -> dict[str, Any]:
        for G in self.graphs:
            if node in G:
                return dict(G.nodes[node])
        return {}

    def kind(self, node: Hashable) -> str | None:
        kind = self.attrs(node).get("kind")
        return str(kind) if kind is not None else None

    def __call__(self, node: Hashable) -> str:
        kind = self.kind(node)
        if kind == "resident":
            return str(node)
        if kind == "professional":
            return self.pros.get(node, str(node))
        return str(self.attrs(node).get("name") or node)


def _head(frame: pd.DataFrame, limit: int, language: str) -> list[Block]:
    """The first ``limit`` rows as a table, and a note saying so when rows were left out."""
    from sociale_kaart.report.page import note_block

    if len(frame) <= limit:
        return []
    return [note_block(text("report.since_more", language, shown=limit, total=len(frame)))]


def _gap_table(
    gaps: pd.DataFrame,
    themes: Any,
    language: str,
    *,
    departures: set[tuple[Any, ...]] | None = None,
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "gap_type": gap_type_labels(gaps, language=language),
            "neighbourhood": [_blank(v) for v in gaps["neighbourhood"]],
            "theme": [
                theme_label(str(v), themes, language=language) if _blank(v) else ""
                for v in gaps["theme"]
            ],
            "explanation": gaps["explanation"].astype(str).tolist(),
        }
    )
    if departures is not None:
        frame["from_departure"] = [tuple(k) in departures for k in gaps["key"]]
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="#")
    return frame


def _departure_keys(
    before: nx.MultiDiGraph, left: list[Hashable], language: str, day: _dt.date
) -> set[tuple[Any, ...]]:
    """The keys of the gaps that removing ``left`` from the previous map opens (the what-if)."""
    if not left:
        return set()
    from sociale_kaart.gaps.api import what_if

    result = what_if(before, left, today=day, language=language)
    opened = result.gaps[result.gaps["change"] == "opened"]
    return {gap_key({str(k): v for k, v in row.items()}) for row in opened.to_dict("records")}


def _team_ties(
    d: Diff, labels: _Labels, after: nx.MultiDiGraph, change: str, language: str
) -> pd.DataFrame:
    """The ties of the team (one end a professional) added, or ended between two still there."""
    rows = []
    for tie in d.ties[d.ties["change"] == change].itertuples(index=False):
        u, v = tie.source, tie.target
        if change == "removed" and not (u in after and v in after):
            continue  # the ties of those who left are counted with them
        kinds = (labels.kind(u), labels.kind(v))
        if "professional" not in kinds:
            continue
        pro, other = (u, v) if kinds[0] == "professional" else (v, u)
        stored: Any = tie.after if change == "added" else tie.before
        attrs: dict[str, Any] = dict(stored or {})
        row: dict[str, Any] = {
            "professional": labels(pro),
            "relation": relation_label(tie.relation, language),
            "connected": labels(other),
        }
        if change == "added":
            since = attrs.get("since")
            row["since"] = format_date(since, language) if since else ""
        else:
            hours = attrs.get("hours_per_month")
            row["hours_per_month"] = float(hours) if hours is not None else float("nan")
        rows.append(row)
    frame = pd.DataFrame(rows)
    if not frame.empty and "hours_per_month" in frame:
        frame = frame.sort_values("hours_per_month", ascending=False, kind="stable")
        frame["hours_per_month"] = frame["hours_per_month"].astype(object)
        frame.loc[frame["hours_per_month"].isna(), "hours_per_month"] = ""
    return frame


def _left(d: Diff, labels: _Labels, language: str) -> tuple[pd.DataFrame, list[Hashable]]:
    records = d.records[d.records["change"] == "removed"]
    # people who left first, then offers and places that closed: all of them "left the map"
    order = sorted(records.index, key=lambda n: labels.kind(n) not in PERSON_KINDS)
    people = list(dict.fromkeys(order))
    removed = d.ties[d.ties["change"] == "removed"]
    rows = []
    for node in people:
        lost = int(((removed["source"] == node) | (removed["target"] == node)).sum())
        rows.append(
            {
                "name": labels(node),
                "kind": kind_label(labels.kind(node), language),
                "ties_lost": lost,
            }
        )
    return pd.DataFrame(rows), people


def _figure_blocks(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, ctx: dict[str, Any]
) -> list[Block]:
    from sociale_kaart.pictures.plot import load_pyplot
    from sociale_kaart.pictures.timeline import plot_timeline
    from sociale_kaart.report.page import figure_block, note_block

    language = ctx["language"]
    day_before = as_of(before)
    day_after = as_of(after) or ctx["today"]
    if day_before is None or day_before >= day_after:
        return [note_block(text("report.since_no_dates", language))]
    frame = timeline(MapSeries.from_pairs([(day_before, before), (day_after, after)]))
    scores = _FIGURE_SCORES[ctx["audience"]]
    _, axes = load_pyplot().subplots(
        1, len(scores), figsize=(4.0 * len(scores), 3.0), squeeze=False
    )
    for ax, score in zip(axes[0], scores, strict=True):
        plot_timeline(frame, score=score, groups=[TOTAL], language=language, ax=ax)
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()  # one line, the whole map: no legend needed
        ax.set_title(text("change.total", language))
        ax.tick_params(axis="x", labelrotation=30)
    return [figure_block(axes[0][0], text("fig.timeline", language))]


def _scores_table(d: Diff, ctx: dict[str, Any]) -> pd.DataFrame:
    language = ctx["language"]
    scores = d.scores
    if ctx["audience"] == "public":
        scores = scores[(scores["group"] == TOTAL) & scores["score"].isin(PUBLIC_SCORES)]
    frame = pd.DataFrame(
        {
            "neighbourhood": [
                text("report.total", language) if g == TOTAL else str(g) for g in scores["group"]
            ],
            "score": [text(f"score.{s}", language) for s in scores["score"]],
            "before": scores["before"].astype(float).round(3).tolist(),
            "after": scores["after"].astype(float).round(3).tolist(),
            "change": scores["change"].astype(float).round(3).tolist(),
        }
    )
    return frame


def _team(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, d: Diff, ctx: dict[str, Any]
) -> list[Block]:
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    limit = 3 * max(ctx["top"], 1)
    themes = after.graph.get("themes") or before.graph.get("themes") or {}
    labels = _Labels(before, after, language)
    left, people = _left(d, labels, language)
    day_before = as_of(before) or ctx["today"]
    departures = _departure_keys(before, people, language, day_before)
    blocks: list[Block] = []

    def table(frame: pd.DataFrame, **options: Any) -> list[Block]:
        if frame.empty:
            return [note_block(text("report.since_unchanged", language))]
        shown = frame.head(limit)
        first = table_block(shown, language=language, min_cell=min_cell, **options)
        return [first, *_head(frame, limit, language)]

    gaps = d.gaps
    closed = gaps[gaps["change"] == "closed"]
    opened = gaps[gaps["change"] == "opened"]
    blocks.append({"type": "subheading", "text": text("report.since_closed", language)})
    blocks += table(_gap_table(closed, themes, language), index_label="#")
    blocks.append({"type": "subheading", "text": text("report.since_opened", language)})
    if people and not opened.empty:
        blocks.append(note_block(text("report.since_opened_intro", language)))
    blocks += table(
        _gap_table(opened, themes, language, departures=departures if people else None),
        index_label="#",
    )
    blocks.append({"type": "subheading", "text": text("report.since_new_ties", language)})
    blocks += table(_team_ties(d, labels, after, "added", language), index=False)
    blocks.append({"type": "subheading", "text": text("report.since_ended_ties", language)})
    ended = _team_ties(d, labels, after, "removed", language)
    if not ended.empty:
        blocks.append(note_block(text("report.since_ended_intro", language)))
    blocks += table(ended, index=False)
    blocks.append({"type": "subheading", "text": text("report.since_left", language)})
    blocks += table(left, index=False)
    if people:
        follow = sum(1 for k in opened["key"] if tuple(k) in departures)
        blocks.append(
            note_block(text("report.since_left_effect", language, n=follow, total=len(opened)))
        )
    return blocks


def _count_table(
    keys: list[tuple[Any, ...]], changes: list[str], names: list[str], values: tuple[str, str]
) -> pd.DataFrame:
    """Counts of ``values`` (e.g. added, removed) per key; columns ``names`` + the values."""
    frame = pd.DataFrame(keys, columns=names)
    frame["change"] = changes
    counts = (
        frame.groupby(names, dropna=False, sort=True)["change"].value_counts().unstack(fill_value=0)
    )
    for value in values:
        if value not in counts:
            counts[value] = 0
    return counts[list(values)].astype(int).reset_index()


def _public(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, d: Diff, ctx: dict[str, Any]
) -> list[Block]:
    from sociale_kaart.report.page import PUBLIC_GAP_TYPES, note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    themes = after.graph.get("themes") or before.graph.get("themes") or {}
    blocks: list[Block] = [
        note_block(text("report.since_public_intro", language, min_cell=min_cell))
    ]

    def table(frame: pd.DataFrame) -> list[Block]:
        if frame.empty:
            return [note_block(text("report.since_unchanged", language))]
        return [table_block(frame, language=language, min_cell=min_cell, index=False)]

    # gaps: counts per type, neighbourhood and theme; counts about persons suppressed
    gaps = d.gaps[d.gaps["gap_type"].isin(PUBLIC_GAP_TYPES) & (d.gaps["change"] != "persisting")]
    blocks.append({"type": "subheading", "text": text("report.since_gaps_public", language)})
    if gaps.empty:
        blocks += table(pd.DataFrame())
    else:
        keys = [
            (g, _blank(n), _blank(t))
            for g, n, t in zip(gaps["gap_type"], gaps["neighbourhood"], gaps["theme"], strict=True)
        ]
        counts = _count_table(
            keys,
            gaps["change"].tolist(),
            ["gap_type", "neighbourhood", "theme"],
            ("closed", "opened"),
        )
        person = counts["gap_type"].isin(_PERSON_GAP_TYPES)
        if person.any():
            hidden = suppress_small(counts[person], ["closed", "opened"], min_cell=min_cell)
            counts = pd.concat(
                [
                    counts[~person].astype({"closed": "Int64", "opened": "Int64"}),
                    hidden.drop(columns="suppressed"),
                ]
            )
        counts["theme"] = [
            theme_label(t, themes, language=language) if t else "" for t in counts["theme"]
        ]
        counts["gap_type"] = [text(f"gap.{g}", language) for g in counts["gap_type"]]
        blocks += table(counts)
    # records: added and removed per kind; people suppressed, offers and places visible
    records = d.records[d.records["change"] != "changed"]
    blocks.append({"type": "subheading", "text": text("report.since_records", language)})
    if records.empty:
        blocks += table(pd.DataFrame())
    else:
        counts = _count_table(
            [(k,) for k in records["kind"]],
            records["change"].tolist(),
            ["kind"],
            ("added", "removed"),
        )
        person = counts["kind"].isin(PERSON_KINDS)
        hidden = suppress_small(counts[person], ["added", "removed"], min_cell=min_cell)
        counts = pd.concat(
            [
                counts[~person].astype({"added": "Int64", "removed": "Int64"}),
                hidden.drop(columns="suppressed"),
            ]
        )
        counts["kind"] = [kind_label(k, language, plural=True) for k in counts["kind"]]
        blocks += table(counts)
    # ties: added and removed per relation, all suppressed when small (ties are between people)
    ties = d.ties[d.ties["change"] != "changed"]
    blocks.append({"type": "subheading", "text": text("report.since_ties", language)})
    if ties.empty:
        blocks += table(pd.DataFrame())
    else:
        counts = _count_table(
            [(r,) for r in ties["relation"]],
            ties["change"].tolist(),
            ["relation"],
            ("added", "removed"),
        )
        counts = suppress_small(counts, ["added", "removed"], min_cell=min_cell).drop(
            columns="suppressed"
        )
        counts["relation"] = [relation_label(r, language) for r in counts["relation"]]
        blocks += table(counts)
    return blocks


def since_blocks(
    after: nx.MultiDiGraph, before: nx.MultiDiGraph, ctx: dict[str, Any]
) -> list[Block]:
    """The blocks of the section "Since last time": ``after`` (the map) against ``before``.

    ``ctx`` is the report's context (language, audience, today, top, min_cell).
    """
    from sociale_kaart.report.page import note_block, table_block

    language = ctx["language"]
    d = diff(before, after, language=language, today=ctx["today"])
    day = as_of(before)
    intro = (
        text("report.since_intro", language, date=format_date(day, language))
        if day is not None
        else text("report.since_intro_undated", language)
    )
    if ctx["audience"] == "public":
        blocks = _public(before, after, d, ctx)
    else:
        blocks = [note_block(intro), *_team(before, after, d, ctx)]
    blocks.append({"type": "subheading", "text": text("report.since_scores", language)})
    blocks += _figure_blocks(before, after, ctx)
    scores = _scores_table(d, ctx)
    limit = 3 * max(ctx["top"], 1)
    if scores.empty:
        blocks.append(note_block(text("report.since_unchanged", language)))
    else:
        shown = scores.head(limit)
        blocks.append(table_block(shown, language=language, min_cell=ctx["min_cell"], index=False))
        blocks += _head(scores, limit, language)
    return blocks
