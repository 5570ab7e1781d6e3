"""Helpers shared by the analysis modules: node columns, partitions, ranks."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.naming import table_name

__all__ = ["Partition", "group_of", "node_frame", "rank_within_kind"]

#: A grouping (``by=``): a node attribute name, or a callable ``f(node, attrs)``.
Partition = str | Callable[[Hashable, dict[str, Any]], Hashable | None]


def _neighbourhood(attrs: dict[str, Any]) -> str | None:
    one = attrs.get("neighbourhood")
    if one:
        return str(one)
    many = attrs.get("neighbourhoods")
    if isinstance(many, (list, tuple)) and many:
        return ";".join(str(n) for n in many)
    return None


def node_frame(G: nx.Graph, nodes: Sequence[Hashable] | None = None) -> pd.DataFrame:
    """``kind``, ``name`` and ``neighbourhood`` of each node, indexed by ``id``.

    ``name`` follows the one rule for names in tables
    (:func:`sociale_kaart.core.naming.table_name`): missing (``pd.NA``) for
    residents. A professional's ``neighbourhoods`` list is joined with ``;``.
    A node not in ``G`` raises :class:`KeyError`.
    """
    nodes = list(G) if nodes is None else list(nodes)
    # G.nodes[v] is G._node[v] behind a view's __getitem__; one look-up per node
    # straight in the node dict (a filtered one for subgraph views) is several
    # times cheaper at city scale (issue 16).
    node_data: Mapping[Hashable, dict[str, Any]] = G._node
    kinds: list[Any] = []
    names: list[Any] = []
    nbs: list[str | None] = []
    add_kind, add_name, add_nb = kinds.append, names.append, nbs.append
    for v in nodes:
        attrs = node_data[v]
        add_kind(attrs.get("kind"))
        add_name(table_name(attrs))
        add_nb(_neighbourhood(attrs))
    index = pd.Index(nodes, name="id", dtype=object)
    return pd.DataFrame(
        {
            "kind": pd.Series(kinds, index=index, dtype=object),
            "name": pd.Series(names, index=index, dtype=object),
            "neighbourhood": pd.Series(nbs, index=index, dtype=object),
        }
    )


def group_of(G: nx.Graph, by: Partition, *, name: str = "by") -> list[Hashable]:
    """The group of every node (in ``G``'s order); ``None`` when it has none.

    A list value becomes a tuple (so a professional with two neighbourhoods
    forms a group with others who have the same two); an empty list is
    ``None``.
    """
    if isinstance(by, str):
        key = by

        def get(node: Hashable, attrs: dict[str, Any]) -> Any:
            return attrs.get(key)

        func: Callable[[Hashable, dict[str, Any]], Any] = get
    elif callable(by):
        func = by
    else:
        raise TypeError(
            f"{name} must be a node attribute name (such as 'organisation', 'kind' or "
            f"'neighbourhood') or a callable f(node, attrs), not {by!r}"
        )
    out: list[Hashable] = []
    plain = (str, int, type(None))  # kept as they are: most values, and a quick test
    for node, attrs in G.nodes(data=True):
        value = func(node, attrs)
        if type(value) in plain:
            out.append(value)
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(str(v) for v in value)
            value = None if not items else items[0] if len(items) == 1 else tuple(items)
        elif isinstance(value, float) and value != value:
            value = None
        elif value is not None and not isinstance(value, Hashable):
            raise TypeError(
                f"{name}: node {node!r} has the group {value!r}, which cannot be used as a "
                "group label; use text or numbers"
            )
        out.append(value)
    return out


def rank_within_kind(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Add ``<column>_rank``: 1 = highest within the node's kind (ties share the best rank)."""
    kinds = frame["kind"].astype(object).where(frame["kind"].notna(), "(none)")
    for column in columns:
        ranks = frame[column].groupby(kinds).rank(method="min", ascending=False)
        if ranks.isna().any():
            frame[f"{column}_rank"] = ranks.astype("Int64")
        else:
            frame[f"{column}_rank"] = ranks.astype(np.int64)
    return frame
