"""People by name in team-facing text: "Ruud Kramer (schuldhulpverlener)".

Team-facing sentences (gap texts, referral explanations and routes, the CLI)
name a professional by name plus discipline, from the ``discipline.*`` keys of
the string table; the id follows in the brackets only when two professionals
on the map share the name, so the team can tell them apart. A professional
without a recorded name keeps the id. Residents are not named here: see
docs/conventions.md ("Names of people").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from sociale_kaart.core.strings import STRINGS, check_language, text

__all__ = ["professional_labels", "team_label"]


def professional_labels(
    G: nx.MultiDiGraph, nodes: Iterable[Hashable] | None = None, *, language: str = "en"
) -> dict[Hashable, str]:
    """The display label of each professional: name, discipline, id only when needed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    nodes : iterable of node ids, optional
        The professionals to label; every professional by default.
    language : {"en", "nl"}
        The language of the discipline.

    Returns
    -------
    dict
        Node id to label. A discipline without a label in the string table is
        left out rather than shown as a code.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.naming import professional_labels
    >>> G = sk.load_sample()
    >>> professional_labels(G, ["p_schuld"], language="nl")
    {'p_schuld': 'Ruud Kramer (schuldhulpverlener)'}
    >>> G.nodes["p_legal"]["name"] = "Ruud Kramer"
    >>> professional_labels(G, ["p_schuld"], language="en")
    {'p_schuld': 'Ruud Kramer (debt advisor, p_schuld)'}
    """
    check_language(language)
    names: Counter[str] = Counter()
    pros: list[Hashable] = []
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") == "professional":
            pros.append(node)
            if attrs.get("name"):
                names[str(attrs["name"])] += 1
    wanted = pros if nodes is None else [n for n in nodes if n in G]
    out: dict[Hashable, str] = {}
    for node in wanted:
        attrs = G.nodes[node]
        name = attrs.get("name")
        if not name or attrs.get("kind") != "professional":
            out[node] = str(name or node)
            continue
        parts = []
        key = f"discipline.{attrs.get('role')}"
        if key in STRINGS:
            parts.append(text(key, language))
        if names[str(name)] > 1:
            parts.append(str(node))
        out[node] = f"{name} ({', '.join(parts)})" if parts else str(name)
    return out


def team_label(G: nx.MultiDiGraph, professionals: Mapping[Hashable, str], node: Hashable) -> str:
    """A node as team-facing text names it.

    Professionals by name and discipline, residents by id, offers and
    organisations by name.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    professionals : mapping
        The labels of :func:`professional_labels`, computed once for many calls.
    node : node id
        Any id; one not on the map is shown as it is.

    Returns
    -------
    str

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> pros = professional_labels(G, language="nl")
    >>> [team_label(G, pros, n) for n in ("p_schuld", "r_samira", "i_naaiclub", "x")]
    ['Ruud Kramer (schuldhulpverlener)', 'r_samira', 'Naaiclub Dikiş', 'x']
    """
    if node in professionals:
        return professionals[node]
    attrs = G.nodes[node] if node in G else {}
    if attrs.get("kind") == "resident":
        return str(node)
    return str(attrs.get("name") or node)
