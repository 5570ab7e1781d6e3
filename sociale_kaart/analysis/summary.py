"""Counts of what is on the map: nodes by kind and ties by relation, per neighbourhood."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import ENTITY_TABLES
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.records import RELATIONS

__all__ = ["summary"]

NO_NEIGHBOURHOOD = "(none)"
#: The row of nodes (and their ties) in more than one neighbourhood, with ``once=True``.
SEVERAL = "(several)"
TOTAL = "total"


def _neighbourhoods(attrs: dict[str, object]) -> list[str]:
    many = attrs.get("neighbourhoods")
    if isinstance(many, list) and many:
        return [str(n) for n in many]
    one = attrs.get("neighbourhood")
    return [str(one)] if one else [NO_NEIGHBOURHOOD]


def summary(G: nx.MultiDiGraph, *, once: bool = False) -> pd.DataFrame:
    """Count nodes by kind and ties by relation, for each neighbourhood.

    A node counts in its ``neighbourhood``; a professional counts in each
    neighbourhood of its ``neighbourhoods`` list, so the rows of
    professionals may add up to more than the total. A tie counts in the
    neighbourhoods of its source node. Nodes with no neighbourhood count
    under ``"(none)"``. The last row, ``"total"``, counts every node and tie
    once.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    once : bool, default False
        True counts every node and tie in one row only, so that the rows add
        up to the total: a node with more than one neighbourhood counts in
        the row ``"(several)"`` (placed before ``"(none)"``) instead of in
        each of them, and so does a tie whose source node has more than one.

    Returns
    -------
    pandas.DataFrame
        Indexed by neighbourhood (sorted, then ``"(several)"`` with
        ``once=True``, ``"(none)"`` and ``"total"``).
        Columns: ``residents``, ``professionals``, ``initiatives``,
        ``organisations``, ``places``, then one column per relation, all
        whole numbers.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.from_frames(
    ...     residents=__import__("pandas").DataFrame(
    ...         {"id": ["r1", "r2", "r3"], "neighbourhood": ["Noord", "Noord", "Zuid"]}),
    ...     relations=__import__("pandas").DataFrame(
    ...         {"source": ["r1"], "target": ["r3"], "relation": ["knows"]}))
    >>> sk.summary(G)[["residents", "knows"]]
                  residents  knows
    neighbourhood
    Noord                 2      1
    Zuid                  1      0
    total                 3      1

    A professional working in both neighbourhoods counts in each row, so
    the rows add up to more than the total; ``once=True`` counts it once:

    >>> import pandas as pd
    >>> H = sk.from_frames(
    ...     residents=pd.DataFrame({"id": ["r1"], "neighbourhood": ["Noord"]}),
    ...     professionals=pd.DataFrame({"id": ["p1"], "neighbourhoods": ["Noord;Zuid"]}),
    ...     relations=pd.DataFrame(
    ...         {"source": ["p1"], "target": ["r1"], "relation": ["supports"]}))
    >>> sk.summary(H)[["professionals", "supports"]]
                   professionals  supports
    neighbourhood
    Noord                      1         1
    Zuid                       1         1
    total                      1         1
    >>> sk.summary(H, once=True)[["professionals", "supports"]]
                   professionals  supports
    neighbourhood
    Noord                      0         0
    (several)                  1         1
    total                      1         1
    """
    require_map(G)
    kinds = {kind: table for table, kind in ENTITY_TABLES.items()}
    columns = [*ENTITY_TABLES, *RELATIONS]
    counts: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    node_nbs: dict[object, list[str]] = {}
    for node, attrs in G.nodes(data=True):
        column = kinds.get(str(attrs.get("kind")))
        nbs = _neighbourhoods(attrs)
        if once and len(set(nbs)) > 1:
            nbs = [SEVERAL]
        node_nbs[node] = nbs
        if column is None:
            continue
        total[column] += 1
        for nb in nbs:
            counts.setdefault(nb, Counter())[column] += 1
    for u, _, key, attrs in G.edges(keys=True, data=True):
        relation = str(attrs.get("relation", key))
        total[relation] += 1
        for nb in node_nbs[u]:
            counts.setdefault(nb, Counter())[relation] += 1
    order = sorted(nb for nb in counts if nb not in (NO_NEIGHBOURHOOD, SEVERAL))
    order += [nb for nb in (SEVERAL, NO_NEIGHBOURHOOD) if nb in counts]
    rows = [[counts[nb][c] for c in columns] for nb in order]
    rows.append([total[c] for c in columns])
    index = pd.Index([*order, TOTAL], name="neighbourhood")
    return pd.DataFrame(rows, index=index, columns=columns, dtype="int64")
