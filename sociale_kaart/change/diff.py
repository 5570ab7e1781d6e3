"""What changed between two maps: records, ties, gaps, measures, scores, coverage.

:func:`~sociale_kaart.diff` compares two maps of the same neighbourhood (two snapshots of
one dated map, two maps of a series, last year's file and this year's) and
returns a :class:`~sociale_kaart.Diff`: one table per question a team asks, each row with a
plain-language ``explanation`` in English or Dutch. :func:`~sociale_kaart.apply_diff` plays
the record and tie changes of a diff onto the first map, which gives the
second: the test that nothing was left out.

**The gap key.** A gap is the same gap in both maps when its key is the same. The key is
built from the columns of :func:`~sociale_kaart.find_gaps`:
``(gap_type, theme, neighbourhood, subject)``, where the subject is

- nothing, for ``coverage`` (the cell is its theme and neighbourhood) and
  for the rows of the aggregate view, which list no nodes;
- all the ``nodes``, sorted, for ``structural_hole`` (the two groups are
  known only through their members);
- the first of the ``nodes`` for every other type: the offer known by too
  few (``single_knower``, ``stale_record``), the professional
  (``knowledge``, ``meeting_load``), the resident (``isolation``), the place
  or the first member of the group (``unreached_place``).

So "the sewing club is no longer known by nobody" is one closed gap, and a
knowledge gap whose list of missing offers shrinks is one persisting gap
whose severity fell. Theme and neighbourhood are part of the key: an
isolated resident whose heaviest unreached need changes has a new gap.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import math
import multiprocessing
import queue
import threading
import warnings
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, fields
from multiprocessing.connection import Connection
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.analysis.brokerage import brokerage_totals
from sociale_kaart.analysis.centrality import centrality_values
from sociale_kaart.analysis.frames import group_of
from sociale_kaart.change.scores import SCORES, TOTAL, network_scores
from sociale_kaart.change.snapshot import as_of
from sociale_kaart.core.builder import gc_paused
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.formatting import (
    format_date,
    format_significant,
    format_significant_many,
)
from sociale_kaart.core.strings import check_language, kind_label, relation_label, text
from sociale_kaart.core.themes import theme_label
from sociale_kaart.gaps.api import coverage, find_gaps

__all__ = ["MEASURES", "Diff", "apply_diff", "diff", "gap_key"]

#: The per-node measures compared by :func:`~sociale_kaart.diff`.
MEASURES: tuple[str, ...] = ("degree", "betweenness", "brokerage")

_RECORD_COLUMNS = ["change", "kind", "name", "field", "before", "after", "explanation"]
_TIE_COLUMNS = [
    "source",
    "target",
    "relation",
    "change",
    "field",
    "before",
    "after",
    "explanation",
]
_GAP_COLUMNS = [
    "change",
    "gap_type",
    "neighbourhood",
    "theme",
    "nodes",
    "severity_before",
    "severity_after",
    "key",
    "explanation",
]
_MEASURE_COLUMNS = [
    "kind",
    "name",
    "measure",
    "before",
    "after",
    "change",
    "rank_before",
    "rank_after",
    "explanation",
]
_SCORE_COLUMNS = ["group", "score", "before", "after", "change", "explanation"]
_COVERAGE_FIELDS = ("residents", "demand", "supply", "unserved", "gap")
_COVERAGE_COLUMNS = [
    "change",
    *(f"{f}_{when}" for f in _COVERAGE_FIELDS for when in ("before", "after")),
    "explanation",
]


@dataclass(frozen=True)
class Diff:
    """What changed from one map to another; made by :func:`~sociale_kaart.diff`.

    Attributes
    ----------
    records : pandas.DataFrame
        Indexed by node id (``id``). ``change`` is ``"added"``, ``"removed"``
        or ``"changed"``; a changed record has one row per changed field
        with ``field``, ``before`` and ``after``; an added record has its
        attributes (a dict) in ``after``, a removed one in ``before``.
    ties : pandas.DataFrame
        One row per tie added or removed (its attributes in ``after`` or
        ``before``) and per changed field of a tie in both maps (``trust``,
        ``intensity``, ``hours_per_month``, ...); columns ``source``,
        ``target``, ``relation``, ``change``, ``field``, ``before``, ``after``.
    gaps : pandas.DataFrame
        Every gap of either map: ``change`` is ``"opened"``, ``"closed"`` or
        ``"persisting"``, with both severities and the :func:`~sociale_kaart.change.gap_key`.
        Closed gaps first, then opened, then persisting; by severity.
    measures : pandas.DataFrame
        Indexed by node id: one row per node and measure (:data:`~sociale_kaart.change.MEASURES`)
        whose value changed, with ``before``, ``after``, ``change`` and the
        ranks (1 = highest; missing for a node not on that map).
    scores : pandas.DataFrame
        One row per group (a neighbourhood or ``"total"``) and score of
        :func:`~sociale_kaart.network_scores` that changed.
    coverage : pandas.DataFrame
        Indexed by (``neighbourhood``, ``theme``): the cells of
        :func:`~sociale_kaart.coverage` whose residents, demand, supply,
        unserved or gap changed; ``change`` is ``"closed"`` (no longer a
        gap), ``"opened"`` or ``"changed"``.
    before, after : datetime.date or None
        The days the two maps describe (see :func:`~sociale_kaart.change.as_of`).
    language : str
        The language of the explanations.
    """

    records: pd.DataFrame
    ties: pd.DataFrame
    gaps: pd.DataFrame
    measures: pd.DataFrame
    scores: pd.DataFrame
    coverage: pd.DataFrame
    before: _dt.date | None
    after: _dt.date | None
    language: str

    @property
    def empty(self) -> bool:
        """Whether nothing changed (every table empty, every gap persisting as it was).

        Examples
        --------
        >>> import sociale_kaart as sk
        >>> G = sk.load_sample()
        >>> sk.diff(G, G).empty
        True
        """
        if not (
            self.records.empty
            and self.ties.empty
            and self.measures.empty
            and self.scores.empty
            and self.coverage.empty
        ):
            return False
        gaps = self.gaps
        return bool(
            (gaps["change"] == "persisting").all()
            and (gaps["severity_before"] == gaps["severity_after"]).all()
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name, e.g. to write each to a CSV file."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if isinstance(getattr(self, f.name), pd.DataFrame)
        }


# ----------------------------------------------------------------------------- helpers


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return a is b


def _show(value: Any, language: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text("change.empty", language)
    if isinstance(value, _dt.date):
        return format_date(value, language)
    if isinstance(value, float):
        return format_significant(value, language)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value) or text("change.empty", language)
    if isinstance(value, Mapping):
        items = [f"{k}:{v}" if v is not None else str(k) for k, v in value.items()]
        return ", ".join(items) or text("change.empty", language)
    return str(value)


def _show_pair(before: Any, after: Any, language: str) -> tuple[str, str]:
    """Both values as text, with as many digits as it takes to tell them apart."""
    if isinstance(before, float) and isinstance(after, float):
        shown_b, shown_a = _show_pairs([before], [after], language)
        return shown_b[0], shown_a[0]
    return _show(before, language), _show(after, language)


def _show_pairs(
    before: list[float], after: list[float], language: str
) -> tuple[list[str], list[str]]:
    """:func:`_show_pair` of many pairs of floats at once (a column of measures).

    Three significant digits; a pair that reads the same gets 4, 6 and then 10
    digits until it does not, and keeps its three digits when even 10 do not
    tell it apart.
    """
    empty = text("change.empty", language)
    shown_b = format_significant_many(before, language, missing=empty)
    shown_a = format_significant_many(after, language, missing=empty)
    pending = [i for i, (b, a) in enumerate(zip(shown_b, shown_a, strict=True)) if b == a]
    for digits in (4, 6, 10):
        if not pending:
            break
        more_b = format_significant_many(
            [before[i] for i in pending], language, digits=digits, missing=empty
        )
        more_a = format_significant_many(
            [after[i] for i in pending], language, digits=digits, missing=empty
        )
        still = []
        for i, b, a in zip(pending, more_b, more_a, strict=True):
            if b == a:
                still.append(i)
            else:
                shown_b[i], shown_a[i] = b, a
        pending = still
    return shown_b, shown_a


def _name(attrs: Mapping[str, Any] | None, node: Hashable) -> str:
    name = attrs.get("name") if attrs else None
    return str(name) if name else str(node)


def _day(G: nx.MultiDiGraph, today: _dt.date | None) -> _dt.date | None:
    day = as_of(G)
    return day if day is not None else today


def _check(G: Any, name: str) -> None:
    require_map(G, parameter=name)


# ----------------------------------------------------------------------------- records, ties


def _equal_dicts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two attribute dicts are certainly equal (a quick test before the field loop)."""
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # e.g. arrays as values: compare field by field
        return False


def _changed_fields(attrs: Mapping[str, Any], other: Mapping[str, Any]) -> list[str]:
    """The fields whose values differ, in the order of ``attrs`` then ``other``.

    An absent field is unset, as a None one is, and an empty ``extra`` too.
    """
    return [
        f
        for f in [*attrs, *(f for f in other if f not in attrs)]
        if not _same(_field(attrs, f), _field(other, f))
    ]


def _field(attrs: Mapping[str, Any], f: str) -> Any:
    """A field's value, None where it is unset (absent, None, or an empty ``extra``)."""
    value = attrs.get(f)
    return None if f == "extra" and value == {} else value


def _records(A: nx.MultiDiGraph, B: nx.MultiDiGraph, language: str) -> pd.DataFrame:
    rows: list[tuple[Any, ...]] = []
    index: list[Hashable] = []
    nodes_b = B.nodes
    for node, attrs in A.nodes(data=True):
        kind = attrs.get("kind")
        other = nodes_b.get(node)
        if other is None:
            index.append(node)
            label = kind_label(kind, language).lower()
            values = {"kind": label, "name": _name(attrs, node)}
            rows.append(
                (
                    "removed",
                    kind,
                    attrs.get("name"),
                    None,
                    dict(attrs),
                    None,
                    text("change.record.removed", language, **values),
                )
            )
            continue
        if _equal_dicts(attrs, other):
            continue
        for field in _changed_fields(attrs, other):
            old, new = attrs.get(field), other.get(field)
            index.append(node)
            explanation = text(
                "change.record.changed",
                language,
                name=_name(other, node),
                field=field,
                before=_show(old, language),
                after=_show(new, language),
            )
            rows.append(
                ("changed", other.get("kind"), other.get("name"), field, old, new, explanation)
            )
    nodes_a = A.nodes
    for node, attrs in B.nodes(data=True):
        if node in nodes_a:
            continue
        kind = attrs.get("kind")
        index.append(node)
        label = kind_label(kind, language).lower()
        explanation = text("change.record.added", language, kind=label, name=_name(attrs, node))
        rows.append(("added", kind, attrs.get("name"), None, None, dict(attrs), explanation))
    frame = pd.DataFrame(rows, columns=_RECORD_COLUMNS, index=pd.Index(index, name="id"))
    return frame.astype(object)


def _ties(A: nx.MultiDiGraph, B: nx.MultiDiGraph, language: str) -> pd.DataFrame:
    """Removed and changed ties in the order of ``A.edges``, then added ones in that of ``B.edges``.

    Walks both maps' successor dicts side by side: no table or dict of all edges
    is built (a third of the time at 100k, issue 12, scale).
    """
    rows: list[tuple[Any, ...]] = []
    nodes_a, nodes_b = A.nodes, B.nodes
    succ_a: Mapping[Hashable, Mapping[Hashable, Mapping[Any, dict[str, Any]]]] = A._succ
    succ_b: Mapping[Hashable, Mapping[Hashable, Mapping[Any, dict[str, Any]]]] = B._succ
    nothing: Mapping[Any, Any] = {}

    def names(u: Hashable, v: Hashable, k: Any, attrs: Mapping[str, Any]) -> dict[str, str]:
        attrs_u = nodes_b[u] if u in nodes_b else nodes_a[u]
        attrs_v = nodes_b[v] if v in nodes_b else nodes_a[v]
        return {
            "source": _name(attrs_u, u),
            "target": _name(attrs_v, v),
            "relation": relation_label(attrs.get("relation", k), language),
        }

    for u, nbrs in succ_a.items():
        nbrs_b = succ_b.get(u, nothing)
        for v, by_key in nbrs.items():
            by_key_b = nbrs_b.get(v, nothing)
            for k, attrs in by_key.items():
                other = by_key_b.get(k)
                if other is None:
                    hours = attrs.get("hours_per_month")
                    if attrs.get("relation", k) == "meets" and hours:
                        explanation = text(
                            "change.tie.removed_hours",
                            language,
                            hours=_show(float(hours), language),
                            **names(u, v, k, attrs),
                        )
                    else:
                        explanation = text("change.tie.removed", language, **names(u, v, k, attrs))
                    rows.append((u, v, k, "removed", None, dict(attrs), None, explanation))
                    continue
                if _equal_dicts(attrs, other):
                    continue
                for field in _changed_fields(attrs, other):
                    old, new = attrs.get(field), other.get(field)
                    explanation = text(
                        "change.tie.changed",
                        language,
                        field=field,
                        before=_show(old, language),
                        after=_show(new, language),
                        **names(u, v, k, other),
                    )
                    rows.append((u, v, k, "changed", field, old, new, explanation))
    for u, nbrs in succ_b.items():
        nbrs_a = succ_a.get(u, nothing)
        for v, by_key in nbrs.items():
            by_key_a = nbrs_a.get(v, nothing)
            for k, attrs in by_key.items():
                if k in by_key_a:
                    continue
                explanation = text("change.tie.added", language, **names(u, v, k, attrs))
                rows.append((u, v, k, "added", None, None, dict(attrs), explanation))
    return pd.DataFrame(rows, columns=_TIE_COLUMNS).astype(object)


# ----------------------------------------------------------------------------- gaps


def gap_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """The stable key of a gap row of :func:`~sociale_kaart.find_gaps`.

    ``(gap_type, theme, neighbourhood, subject)``; the subject is explained
    in :mod:`sociale_kaart.change.diff` ("The gap key").

    Examples
    --------
    >>> from sociale_kaart.change import gap_key
    >>> gap_key({"gap_type": "single_knower", "theme": None,
    ...          "neighbourhood": "Havenkwartier", "nodes": ["i_naaiclub"]})
    ('single_knower', None, 'Havenkwartier', 'i_naaiclub')
    >>> gap_key({"gap_type": "structural_hole", "theme": None,
    ...          "neighbourhood": None, "nodes": ["p_b", "p_a"]})
    ('structural_hole', None, None, ('p_a', 'p_b'))
    """
    return _key_of(row["gap_type"], row.get("theme"), row.get("neighbourhood"), row.get("nodes"))


def _key_of(gap_type: str, theme: Any, nb: Any, listed: Any) -> tuple[Any, ...]:
    """:func:`gap_key` from the four columns it reads."""
    listed = listed or []
    subject: Any
    if gap_type == "coverage" or len(listed) == 0:
        subject = None
    elif gap_type == "structural_hole":
        subject = tuple(sorted(str(n) for n in listed))
    else:
        subject = str(listed[0])  # only the first node is read: no list of all of them
    return (
        gap_type,
        theme if isinstance(theme, str) else None,
        nb if isinstance(nb, str) else None,
        subject,
    )


_GAP_ORDER = {"closed": 0, "opened": 1, "persisting": 2}


def _gaps(before: pd.DataFrame, after: pd.DataFrame, language: str) -> pd.DataFrame:
    # Per gap key: (gap_type, theme, neighbourhood, nodes, severity, explanation).
    old: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    new: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    read = ("gap_type", "theme", "neighbourhood", "nodes", "severity", "explanation")
    for frame_, out in ((before, old), (after, new)):
        # Column lists, not a dict per row: a 100k map has tens of thousands of gaps.
        for gap in zip(*(frame_[c].tolist() for c in read), strict=True):
            out[_key_of(gap[0], gap[1], gap[2], gap[3])] = gap
    closed, opened, persisting = (
        text(f"change.gap.{change}", language) for change in ("closed", "opened", "persisting")
    )
    rows = []
    for key in [*old, *(k for k in new if k not in old)]:
        b, a = old.get(key), new.get(key)
        if a is None:
            assert b is not None
            change, gap, template = "closed", b, closed
        elif b is None:
            change, gap, template = "opened", a, opened
        else:
            change, gap, template = "persisting", a, persisting
        gap_type, theme, nb, nodes, _, explanation = gap
        rows.append(
            (
                change,
                gap_type,
                nb,
                theme,
                list(nodes),
                float("nan") if b is None else float(b[4]),
                float("nan") if a is None else float(a[4]),
                key,
                template.format(explanation=explanation),
            )
        )
    frame = pd.DataFrame(rows, columns=_GAP_COLUMNS)
    if frame.empty:
        return frame.astype({"severity_before": float, "severity_after": float})
    order = frame["change"].map(_GAP_ORDER)
    severity = frame[["severity_before", "severity_after"]].max(axis=1)
    frame = frame.assign(_o=order, _s=-severity).sort_values(["_o", "_s"], kind="stable")
    return frame.drop(columns=["_o", "_s"]).reset_index(drop=True)


# ----------------------------------------------------------------------------- measures


def _measure_frame(G: nx.MultiDiGraph, samples: int | None, seed: int) -> pd.DataFrame:
    """Degree, betweenness and brokerage total per node: the numbers of
    :func:`~sociale_kaart.centrality` (``measures=("degree", "betweenness")``) and
    :func:`~sociale_kaart.brokerage` (``by="kind"``), without their frames and ranks,
    and sampled betweenness in one igraph call (issue 12, scale). A test compares them.
    """
    if G.number_of_nodes() == 0:
        return pd.DataFrame(columns=["kind", "name", *MEASURES])
    view, values, _ = centrality_values(
        G, ("degree", "betweenness"), samples=samples, seed=seed, batches=1
    )
    groups = group_of(G, "kind")  # brokerage's partition; also the kind column
    names = [a.get("name") for a in G._node.values()]
    index = pd.Index(view.nodes, dtype=object)
    # Object columns: read back per node, which arrow-backed strings make slow.
    out = pd.DataFrame(
        {
            "kind": pd.Series(groups, index=index, dtype=object),
            "name": pd.Series(names, index=index, dtype=object),
            "degree": values["degree"].astype(float),
            "betweenness": values["betweenness"].astype(float),
            "brokerage": brokerage_totals(G, groups).astype(float),
        },
        index=index,
    )
    return out


def _spread(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    """``values[where]``, NaN where ``where`` is -1 (a node the frame does not hold)."""
    out = np.full(len(where), np.nan)
    held = where >= 0
    out[held] = values[where[held]]
    return out


def _rank(values: pd.Series) -> np.ndarray:
    return values.astype(float).rank(ascending=False, method="min").to_numpy(dtype=float)


def _measures(ma: pd.DataFrame, mb: pd.DataFrame, language: str) -> pd.DataFrame:
    # Plain lists, dicts and positions for the rows: pandas scalar access per node,
    # Index.isin on arrow-backed ids (a Python string of every id of both maps) and
    # reindexing per measure were most of the time of a diff (issue 12, scale).
    ids_a, ids_b = ma.index.tolist(), mb.index.tolist()
    in_b = {node: i for i, node in enumerate(ids_b)}
    known = set(ids_a)
    fresh = [i for i, node in enumerate(ids_b) if node not in known]
    nodes = ids_a + [ids_b[i] for i in fresh]
    # Each node's row in ma and in mb, -1 where that map does not hold it.
    rows_a = np.concatenate([np.arange(len(ids_a)), np.full(len(fresh), -1)]).astype(np.intp)
    rows_b = np.fromiter(
        itertools.chain((in_b.get(node, -1) for node in ids_a), fresh),
        dtype=np.intp,
        count=len(nodes),
    )
    second = rows_b.tolist()
    kinds_a, kinds_b = ma["kind"].tolist(), mb["kind"].tolist()
    names_a, names_b = ma["name"].tolist(), mb["name"].tolist()
    rows = []
    ids = []
    # The templates are read once, and the numbers of a measure are written in one
    # call: a sampled betweenness moves at most nodes, so there is a row or more per node.
    new_text, gone_text, moved_text = (
        text(key, language)
        for key in ("change.measure.new", "change.measure.gone", "change.measure")
    )
    rose, fell = text("change.rose", language), text("change.fell", language)
    empty = text("change.empty", language)
    written: dict[float, str] = {}  # rank -> its text: ranks repeat within and across measures

    def rank_texts(ranks: list[float]) -> list[str]:
        new = [r for r in dict.fromkeys(ranks) if r not in written]
        written.update(zip(new, format_significant_many(new, language, missing=empty), strict=True))
        return [written[r] for r in ranks]

    for measure in MEASURES:
        before = _spread(ma[measure].to_numpy(dtype=float), rows_a)
        after = _spread(mb[measure].to_numpy(dtype=float), rows_b)
        rank_b = _spread(_rank(ma[measure]), rows_a)
        rank_a = _spread(_rank(mb[measure]), rows_b)
        both_nan = np.isnan(before) & np.isnan(after)
        with np.errstate(invalid="ignore"):
            same = np.abs(before - after) <= 1e-12
        where = np.flatnonzero(~(same | both_nan))
        shown: dict[str, str] = {"measure": text(f"measure.{measure}", language)}
        values_b, values_a = before[where].tolist(), after[where].tolist()
        texts_b, texts_a = _show_pairs(values_b, values_a, language)
        ranks_b, ranks_a = rank_b[where].tolist(), rank_a[where].tolist()
        for position, b, a, r_b, r_a, shown_b, shown_a, shown_rb, shown_ra in zip(
            where.tolist(),
            values_b,
            values_a,
            ranks_b,
            ranks_a,
            texts_b,
            texts_a,
            rank_texts(ranks_b),
            rank_texts(ranks_a),
            strict=True,
        ):
            node = nodes[position]
            # The second map's kind and name where it holds the node.
            j = second[position]
            kind, name = (
                (kinds_b[j], names_b[j]) if j >= 0 else (kinds_a[position], names_a[position])
            )
            shown.update(
                name=str(name or node),
                before=shown_b,
                after=shown_a,
                rank_before=shown_rb,
                rank_after=shown_ra,
            )
            if math.isnan(b):
                explanation = new_text.format_map(shown)
            elif math.isnan(a):
                explanation = gone_text.format_map(shown)
            else:
                shown["direction"] = rose if a > b else fell
                explanation = moved_text.format_map(shown)
            ids.append(node)
            rows.append((kind, name, measure, b, a, a - b, r_b, r_a, explanation))
    frame = pd.DataFrame(rows, columns=_MEASURE_COLUMNS, index=pd.Index(ids, name="id"))
    for column in ("before", "after", "change", "rank_before", "rank_after"):
        frame[column] = frame[column].astype(float)
    return frame


def _scores(sa: pd.DataFrame, sb: pd.DataFrame, language: str) -> pd.DataFrame:
    groups = [*sa.index, *(g for g in sb.index if g not in sa.index)]
    groups = [*sorted((g for g in groups if g != TOTAL), key=str), TOTAL]
    rows = []
    for group in groups:
        for score in SCORES:
            b = float(sa.loc[group, score]) if group in sa.index else float("nan")
            a = float(sb.loc[group, score]) if group in sb.index else float("nan")
            if _same(b, a) or (not math.isnan(b) and not math.isnan(a) and abs(a - b) <= 1e-12):
                continue
            where = text("change.total", language) if group == TOTAL else str(group)
            rose = a > b or math.isnan(b)
            direction = text("change.risen" if rose else "change.fallen", language)
            shown_b, shown_a = _show_pair(b, a, language)
            explanation = text(
                "change.score",
                language,
                group=where[:1].upper() + where[1:],
                score=text(f"score.{score}", language),
                direction=direction,
                before=shown_b,
                after=shown_a,
            )
            rows.append((group, score, b, a, a - b, explanation))
    frame = pd.DataFrame(rows, columns=_SCORE_COLUMNS)
    for column in ("before", "after", "change"):
        frame[column] = frame[column].astype(float)
    return frame


def _coverage(
    ca: pd.DataFrame, cb: pd.DataFrame, themes: Mapping[str, Any], language: str
) -> pd.DataFrame:
    ca = ca[list(_COVERAGE_FIELDS)]
    cb = cb[list(_COVERAGE_FIELDS)]
    index = ca.index.append(cb.index[~cb.index.isin(ca.index)])
    left = ca.reindex(index)
    right = cb.reindex(index)
    rows = []
    keep = []
    for cell in index:
        b, a = left.loc[cell], right.loc[cell]
        if all(_same(b[f], a[f]) for f in _COVERAGE_FIELDS):
            continue
        nb, theme = cell
        gap_b = bool(b["gap"]) if not pd.isna(b["gap"]) else False
        gap_a = bool(a["gap"]) if not pd.isna(a["gap"]) else False
        change = "closed" if gap_b and not gap_a else "opened" if gap_a and not gap_b else "changed"
        label = theme_label(str(theme), themes, language=language)
        explanation = text(
            f"change.coverage.{change}",
            language,
            neighbourhood=nb,
            theme=label,
            supply=_show(a["supply"], language),
            supply_before=_show(b["supply"], language),
            residents=_show(a["residents"], language),
            residents_before=_show(b["residents"], language),
        )
        keep.append(cell)
        row: list[Any] = [change]
        for f in _COVERAGE_FIELDS:
            row.extend([b[f], a[f]])
        row.append(explanation)
        rows.append(row)
    frame = pd.DataFrame(
        rows,
        columns=_COVERAGE_COLUMNS,
        index=pd.MultiIndex.from_tuples(keep, names=["neighbourhood", "theme"])
        if keep
        else pd.MultiIndex.from_arrays([[], []], names=["neighbourhood", "theme"]),
    )
    return frame


# ----------------------------------------------------------------------------- one map


@dataclass(frozen=True)
class _MapSide:
    """What :func:`diff` computes on each map on its own."""

    gaps: pd.DataFrame
    measures: pd.DataFrame
    scores: pd.DataFrame
    coverage: pd.DataFrame
    warnings: tuple[tuple[str, type[Warning]], ...] = ()
    #: The records and measures tables of the diff, when this side was made in the
    #: forked process (which compares them).
    records: pd.DataFrame | None = None
    measure_changes: pd.DataFrame | None = None


@dataclass(frozen=True)
class _Compared:
    """Both sides, and the tables that :func:`_sides` compared on the way."""

    first: _MapSide
    second: _MapSide
    records: pd.DataFrame | None = None
    ties: pd.DataFrame | None = None
    measures: pd.DataFrame | None = None
    gaps: pd.DataFrame | None = None


def _side(
    G: nx.MultiDiGraph,
    day: _dt.date | None,
    language: str,
    samples: int | None,
    seed: int,
    *,
    ready: Callable[[str, pd.DataFrame], None] | None = None,
) -> _MapSide:
    """One map's own analyses; ``ready`` gets the measures and the gaps as soon as they are there.

    ``ready("measures", frame)``, then ``ready("gaps", frame)``.
    """
    measures = _measure_frame(G, samples, seed)
    if ready is not None:
        ready("measures", measures)
    gaps = find_gaps(G, language=language, today=day)
    if ready is not None:
        ready("gaps", gaps)
    return _MapSide(
        gaps=gaps,
        measures=measures,
        scores=network_scores(G),
        coverage=coverage(G, today=day),
    )


def _side_in_child(
    send: Connection,
    receive: Connection,
    unused: Connection,
    before: nx.MultiDiGraph,
    G: nx.MultiDiGraph,
    day: _dt.date | None,
    language: str,
    samples: int | None,
    seed: int,
) -> None:  # pragma: no cover - runs in the forked process (covered by its result)
    """The second map's analyses, and the comparisons that read what this process holds.

    The gaps are sent first, for the parent to compare with its own while this
    process finishes its map, compares the records (which read both maps) and
    then the measures, with the first map's measures that the parent sent on
    (``receive``), so that the two processes carry about the same load.
    ``unused`` is this process's copy of the parent's sending end, closed here
    so that a parent gone is an end of file.
    """
    unused.close()
    # One thread writes every message, in order: the pipe holds 64 KiB, and the
    # parent reads only when its own map is done; a blocking send here would make
    # the two run in turn.
    outbox: queue.SimpleQueue[tuple[str, Any] | None] = queue.SimpleQueue()

    def post() -> None:
        while (message := outbox.get()) is not None:
            try:
                send.send(message)
            except Exception as error:  # e.g. an error that cannot be pickled: its text
                problem = message[1] if message[0] == "error" else error
                send.send(("error", RuntimeError(f"{type(problem).__name__}: {problem}")))
                return

    sender = threading.Thread(target=post, daemon=True)
    sender.start()

    def ready(name: str, frame: pd.DataFrame) -> None:
        if name == "gaps":  # compared by the parent; the measures are compared here
            outbox.put((name, frame))

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            side = _side(G, day, language, samples, seed, ready=ready)
            records = _records(before, G, language)
            first_measures: pd.DataFrame = receive.recv()
            measures = _measures(first_measures, side.measures, language)
        kept = tuple((str(w.message), w.category) for w in caught)
        # What went ahead is not sent twice; the measures go as their comparison.
        side = dataclasses.replace(
            side,
            measures=side.measures.iloc[:0],
            gaps=side.gaps.iloc[:0],
            records=records,
            measure_changes=measures,
            warnings=kept,
        )
        outbox.put(("ok", side))
    except BaseException as error:
        outbox.put(("error", error))
    finally:
        outbox.put(None)
        sender.join()
        send.close()
        receive.close()


def _send_measures(to_child: Connection, frame: pd.DataFrame) -> None:
    """Send the first map's measures to the child; a child gone has said why itself."""
    try:
        to_child.send(frame)
    except OSError:  # pragma: no cover - the child stopped first; its message explains
        pass
    finally:
        to_child.close()


def _sides(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    days: tuple[_dt.date | None, _dt.date | None],
    language: str,
    samples: int | None,
    seed: int,
    workers: int,
) -> _Compared:
    """Both maps' own analyses; with two workers, ``after``'s in a forked process.

    With two workers the comparisons are shared so that both processes carry
    about the same load: the child compares the records and (with the
    measures this process sends it) the measures; this process compares the
    ties and the gaps, which the child sends ahead.
    """
    if workers == 1:
        return _Compared(
            _side(before, days[0], language, samples, seed),
            _side(after, days[1], language, samples, seed),
        )
    # Both processes read ``before``: this one for its own analyses and to compare the
    # ties, the child to compare the records.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    from_parent, to_child = context.Pipe(duplex=False)
    child = context.Process(
        target=_side_in_child,
        args=(send, from_parent, to_child, before, after, days[1], language, samples, seed),
        daemon=True,
    )
    child.start()
    send.close()
    from_parent.close()

    def received() -> tuple[str, Any]:
        try:
            message: tuple[str, Any] = receive.recv()
        except EOFError:
            child.join()
            raise RuntimeError(
                f"the process that analysed the second map stopped (exit code "
                f"{child.exitcode}) before it sent its result; run diff with workers=1"
            ) from None
        return message

    # This map's measures go to the child as soon as they are there, from a thread:
    # the child reads them only when it has compared the records.
    sender: threading.Thread | None = None

    def ready(name: str, frame: pd.DataFrame) -> None:
        nonlocal sender
        if name == "measures":
            sender = threading.Thread(target=_send_measures, args=(to_child, frame), daemon=True)
            sender.start()

    gaps: pd.DataFrame | None = None
    try:
        first = _side(before, days[0], language, samples, seed, ready=ready)
        ties = _ties(before, after, language)
        status, payload = received()
        if status == "gaps":  # what the child sent ahead
            gaps = _gaps(first.gaps, payload, language)
            status, payload = received()
    except BaseException:  # this side failed (or was interrupted): the child's work is moot
        child.terminate()
        raise
    finally:
        if sender is None:
            to_child.close()  # the child, if it waits for the measures, reads an end of file
        receive.close()
        child.join()
        if sender is not None:
            sender.join()
    if status == "error":
        raise payload
    second: _MapSide = payload
    for message, category in second.warnings:
        warnings.warn(message, category, stacklevel=4)
    return _Compared(
        first,
        second,
        records=second.records,
        ties=ties,
        measures=second.measure_changes,
        gaps=gaps,
    )


def _check_workers(workers: int) -> int:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers not in (1, 2):
        raise ValueError(f"workers must be 1 or 2, not {workers!r}")
    if workers == 2 and "fork" not in multiprocessing.get_all_start_methods():
        warnings.warn(
            "workers=2 needs the 'fork' start method, which this platform lacks; "
            "diff runs in one process",
            RuntimeWarning,
            stacklevel=3,
        )
        return 1
    return workers


# ----------------------------------------------------------------------------- diff


def diff(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    *,
    language: str = "en",
    today: _dt.date | None = None,
    samples: int | None = None,
    seed: int = 0,
    workers: int = 1,
) -> Diff:
    """What changed from one map to another, in six tables with explanations.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Two maps of the same neighbourhood, e.g. two snapshots (:func:`~sociale_kaart.snapshot`) of
        one dated map or two maps of a series (:func:`~sociale_kaart.read_series`).
    language : {"en", "nl"}
        The language of the ``explanation`` columns (and of the gap texts).
    today : datetime.date, optional
        The day for ages and staleness in the gaps and coverage of a map that
        has no date of its own (:func:`~sociale_kaart.change.as_of`); today
        by default. A snapshot uses its own day.
    samples, seed : optional
        Passed to :func:`~sociale_kaart.centrality` for betweenness (pivots
        on large maps).
    workers : {1, 2}, default 1
        With 2, the analyses of ``after`` (gaps, measures, scores, coverage)
        run in a forked process while this one analyses ``before``, and the
        comparisons are split between the two: a little over half the time on
        a large map, on a machine with two free cores. The
        result is the same (a test compares them); warnings of the child are
        raised here. Needs the ``fork`` start method (Linux; elsewhere a
        ``RuntimeWarning`` says that it runs in one process). The caches the
        child builds for ``after`` are not kept.

    Returns
    -------
    Diff
        A frozen dataclass with the tables ``records``, ``ties``, ``gaps``,
        ``measures``, ``scores`` and ``coverage`` (see :class:`~sociale_kaart.Diff`), and
        the two days.

    Raises
    ------
    TypeError
        If a map is not a MultiDiGraph.
    ValueError
        If ``language`` is not "en" or "nl", or ``workers`` is not 1 or 2.

    See Also
    --------
    snapshot, read_series, timeline, apply_diff
    what_if : what would change if a professional left or an offer closed.

    Notes
    -----
    Measures per node are degree and betweenness
    (:func:`~sociale_kaart.centrality`) and the total Gould-Fernandez
    brokerage between kinds of node (:func:`~sociale_kaart.brokerage`,
    ``by="kind"``: a professional who starts visiting a place links
    residents to it). Ranks are 1 for the highest value, ties sharing the
    lowest rank. The gap key is documented in :mod:`sociale_kaart.change.diff`.
    The comparison is exact: the mirror ``diff(after, before)`` swaps added
    and removed, opened and closed, before and after.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> d = sk.diff(sk.snapshot(H, on="2026-11-01"), sk.snapshot(H, on="2026-11-11"))
    >>> closed = d.gaps[d.gaps["change"] == "closed"]
    >>> for gap in sorted(closed["gap_type"] + ": " + closed["nodes"].str[0]):
    ...     print(gap)
    knowledge: p_schuld
    single_knower: i_budgetcafe
    single_knower: i_naaiclub
    unreached_place: pl_bankje
    >>> d.ties.loc[d.ties["change"] == "added", "explanation"].iloc[0]
    'New tie: Femke de Graaf knows of Naaiclub Dikiş.'
    """
    _check(before, "before")
    _check(after, "after")
    check_language(language)
    workers = _check_workers(workers)
    day_b, day_a = _day(before, today), _day(after, today)
    # Two large maps hold millions of objects and the comparison makes millions more,
    # almost none in reference cycles: the collector's passes over them were a quarter of the
    # time (issue 12, scale). A forked child inherits the pause.
    with gc_paused():
        both = _sides(before, after, (day_b, day_a), language, samples, seed, workers)
        first, second = both.first, both.second
        return Diff(
            records=_records(before, after, language) if both.records is None else both.records,
            ties=_ties(before, after, language) if both.ties is None else both.ties,
            gaps=_gaps(first.gaps, second.gaps, language) if both.gaps is None else both.gaps,
            measures=(
                _measures(first.measures, second.measures, language)
                if both.measures is None
                else both.measures
            ),
            scores=_scores(first.scores, second.scores, language),
            coverage=_coverage(
                first.coverage, second.coverage, before.graph.get("themes") or {}, language
            ),
            before=as_of(before),
            after=as_of(after),
            language=language,
        )


def apply_diff(G: nx.MultiDiGraph, change: Diff) -> nx.MultiDiGraph:
    """Play the record and tie changes of a :class:`~sociale_kaart.Diff` onto a map.

    ``apply_diff(A, diff(A, B))`` holds the nodes, ties and attributes of
    ``B``; ``G.graph`` is copied from ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map the diff starts from (not changed).
    change : Diff
        From :func:`~sociale_kaart.diff`.

    Returns
    -------
    networkx.MultiDiGraph
        A new map.

    Raises
    ------
    ValueError
        If the diff does not fit ``G`` (a record or tie it removes or changes
        is not there, or one it adds is there already).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.testing import graphs_equal
    >>> H = sk.load_sample("rivierwijk_history")
    >>> A, B = sk.snapshot(H, on="2026-11-01"), sk.snapshot(H, on="2026-11-21")
    >>> graphs_equal(sk.apply_diff(A, sk.diff(A, B)), B)
    True
    """
    _check(G, "G")
    out = nx.MultiDiGraph()
    out.graph.update(G.graph)
    out.add_nodes_from((n, dict(a)) for n, a in G.nodes(data=True))
    out.add_edges_from((u, v, k, dict(a)) for u, v, k, a in G.edges(keys=True, data=True))
    records, ties = change.records, change.ties
    for node, row in zip(records.index, records.itertuples(index=False), strict=True):
        if row.change == "removed":
            if node not in out:
                raise ValueError(f"the diff removes {node!r}, which is not on the map")
            out.remove_node(node)
        elif row.change == "added":
            if node in out:
                raise ValueError(f"the diff adds {node!r}, which is on the map already")
            attrs: dict[str, Any] = dict(row.after)  # type: ignore[arg-type]
            out.add_node(node, **attrs)
        else:
            if node not in out:
                raise ValueError(f"the diff changes {node!r}, which is not on the map")
            out.nodes[node][row.field] = row.after
    for row in ties.itertuples(index=False):
        u, v, k = row.source, row.target, row.relation
        if row.change == "removed":
            if out.has_edge(u, v, key=k):
                out.remove_edge(u, v, key=k)
            elif u in out and v in out:
                raise ValueError(
                    f"the diff removes the tie {u!r} -> {v!r} ({k}), which is not there"
                )
        elif row.change == "added":
            if out.has_edge(u, v, key=k):
                raise ValueError(
                    f"the diff adds the tie {u!r} -> {v!r} ({k}), which is there already"
                )
            tie: dict[str, Any] = dict(row.after)  # type: ignore[arg-type]
            out.add_edge(u, v, key=k, **tie)
        else:
            if not out.has_edge(u, v, key=k):
                raise ValueError(
                    f"the diff changes the tie {u!r} -> {v!r} ({k}), which is not there"
                )
            out.edges[u, v, k][row.field] = row.after
    return out
