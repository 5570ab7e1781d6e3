"""PARTNER scores: trust, value and intensity per member and for the whole network.

The PARTNER tool (Varda et al. 2008) asks every member of a collaborative to
rate each partner it knows on two validated scales, each the mean of three
items rated 1-4:

* **trust**: reliable (``trust_reliable``), supports the mission
  (``trust_mission``), open to discussion (``trust_open``);
* **value**: power or influence (``value_power``), level of involvement
  (``value_involvement``), resource contribution (``value_resources``).

A member's score is the mean of the ratings the *other* members gave it, as
PARTNER reports per organisation (e.g. Table 1 of Bevc et al. 2016); the
network's score is the mean over every rated tie. The intensity of each tie
is one of :data:`~sociale_kaart.core.vocabulary.INTENSITIES` (awareness,
cooperation, coordination, integration). Read survey data with
:func:`~sociale_kaart.read_survey`.

References
----------
Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions
of connectivity in public health collaboratives. *Journal of Public Health
Management and Practice*, 14(5), E1-E7. doi:10.1097/01.PHH.0000333889.60517.46

Bevc, C. A., Retrum, J. H., & Varda, D. M. (2016). Partnership capacity for
community health improvement plan implementation: findings from a social
network analysis. *BMC Public Health*, 16, 660. doi:10.1186/s12889-016-3194-7

Freeman, L. C. (1979). Centrality in social networks: conceptual
clarification. *Social Networks*, 1(3), 215-239.
doi:10.1016/0378-8733(78)90021-7
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.vocabulary import INTENSITIES

__all__ = ["SCORE_COLUMNS", "PartnerScores", "partner_scores"]

#: The scores and their items, in the order of the tables.
SCORE_COLUMNS: tuple[str, ...] = (
    "trust",
    "trust_reliable",
    "trust_mission",
    "trust_open",
    "value",
    "value_power",
    "value_involvement",
    "value_resources",
)


@dataclass(frozen=True)
class PartnerScores:
    """The result of :func:`partner_scores`.

    Attributes
    ----------
    members : pandas.DataFrame
        One row per member, indexed by ``id``: the mean of every score and
        item the member received (``trust``, ``trust_reliable``, ...,
        ``value_resources``; NaN when nobody rated it), ``ratings`` (how many
        rated ties point at it), ``degree`` (its partners, a tie counting when
        either side reports it), and ``share_awareness`` ...
        ``share_integration`` (the share of its ties, either direction, at
        each intensity, over the ties whose intensity is known).
    network : pandas.Series
        The whole network: the mean of every score and item over all rated
        ties, the intensity shares over all ties, ``members``, ``ties``
        (reported ties, directed), ``partnerships`` (pairs with a tie either
        way), ``density`` and ``degree_centralisation``.
    """

    members: pd.DataFrame
    network: pd.Series


def partner_scores(
    G: nx.Graph,
    *,
    nodes: Iterable[Hashable] | None = None,
    relations: Collection[str] = ("knows",),
) -> PartnerScores:
    """Trust, value and intensity per member and for the network, as PARTNER reports them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map, e.g. from :func:`~sociale_kaart.read_survey`.
    nodes : iterable, optional
        The members; default every node of ``G``.
    relations : list of str, optional
        The relations whose ties count (default: ``knows``, the ties of a survey).

    Returns
    -------
    PartnerScores
        ``members`` (a DataFrame indexed by node id) and ``network`` (a
        Series).

    Raises
    ------
    NodeNotFoundError
        If ``nodes`` names a node that is not on the map.
    ValueError
        If there are fewer than two members.

    Notes
    -----
    For a member :math:`j` rated by the set :math:`R_j` of members with a
    rated tie :math:`i \\to j`, the trust score is
    :math:`\\bar t_j = \\frac{1}{|R_j|} \\sum_{i \\in R_j} t_{ij}`, with
    :math:`t_{ij}` the mean of :math:`i`'s three trust items about
    :math:`j` (Varda et al. 2008); value and each item likewise. The
    network's score is the mean of :math:`t_{ij}` over all rated ties.

    Density and degree centralisation are computed on the partnerships:
    :math:`i` and :math:`j` are partners when either reports a tie. With
    :math:`n` members, :math:`L` partnerships and degrees :math:`d_i`,
    density is :math:`L / \\binom{n}{2}` and Freeman's (1979) degree
    centralisation is
    :math:`\\sum_i (d_{\\max} - d_i) / ((n - 1)(n - 2))`: 1 for a star, 0
    when every member has the same number of partners.

    References
    ----------
    Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core
    dimensions of connectivity in public health collaboratives. *J Public
    Health Manag Pract*, 14(5), E1-E7. doi:10.1097/01.PHH.0000333889.60517.46

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> scores = sk.partner_scores(sk.datasets.load_survey(wave=1))
    >>> scores.members.loc["m01", ["trust", "value", "degree"]].round(2).tolist()
    [2.75, 2.69, 12.0]
    >>> round(float(scores.network["density"]), 2)
    0.54
    """
    if isinstance(relations, str):
        relations = (relations,)
    wanted = set(relations)
    members = list(G) if nodes is None else list(nodes)
    for v in members:
        if v not in G:
            raise NodeNotFoundError(f"member {v!r} in nodes= is not on the map")
    n = len(members)
    if n < 2:
        raise ValueError(f"PARTNER scores need at least two members, got {n}")
    index = {v: i for i, v in enumerate(members)}
    received: dict[str, list[list[float]]] = {c: [[] for _ in members] for c in SCORE_COLUMNS}
    network: dict[str, list[float]] = {c: [] for c in SCORE_COLUMNS}
    intensity = np.zeros((n, len(INTENSITIES)))
    net_intensity = np.zeros(len(INTENSITIES))
    pairs: set[tuple[int, int]] = set()
    ties = 0
    for u, v, key, data in G.edges(keys=True, data=True):
        i, j = index.get(u), index.get(v)
        if i is None or j is None or i == j:
            continue
        if data.get("relation", key) not in wanted:
            continue
        ties += 1
        pairs.add((min(i, j), max(i, j)))
        for column in SCORE_COLUMNS:
            value: Any = data.get(column)
            if value is None:
                continue
            received[column][j].append(float(value))
            network[column].append(float(value))
        level = data.get("intensity")
        if level in INTENSITIES:
            k = INTENSITIES.index(level)
            intensity[i, k] += 1
            intensity[j, k] += 1
            net_intensity[k] += 1
    table: dict[str, Any] = {}
    for column in SCORE_COLUMNS:
        table[column] = [float(np.mean(r)) if r else float("nan") for r in received[column]]
    table["ratings"] = [len(r) for r in received["trust"]]
    degree = np.zeros(n, dtype=int)
    for i, j in pairs:
        degree[i] += 1
        degree[j] += 1
    table["degree"] = degree
    known = intensity.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(known[:, None] > 0, intensity / known[:, None], np.nan)
    for k, level in enumerate(INTENSITIES):
        table[f"share_{level}"] = shares[:, k]
    frame = pd.DataFrame(table, index=pd.Index(members, name="id", dtype=object))
    whole: dict[str, Any] = {
        column: float(np.mean(v)) if v else float("nan") for column, v in network.items()
    }
    total = net_intensity.sum()
    for k, level in enumerate(INTENSITIES):
        whole[f"share_{level}"] = float(net_intensity[k] / total) if total else float("nan")
    whole["members"] = n
    whole["ties"] = ties
    whole["partnerships"] = len(pairs)
    whole["density"] = len(pairs) / (n * (n - 1) / 2)
    if n > 2:
        whole["degree_centralisation"] = float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))
    else:
        whole["degree_centralisation"] = float("nan")
    return PartnerScores(members=frame, network=pd.Series(whole, name="network", dtype=object))
