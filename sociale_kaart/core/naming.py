"""People by name in team-facing text, and the one rule for names in tables.

Team-facing text (the team report, the CLI) names people:

- a professional by name plus discipline, "Ruud Kramer (schuldhulpverlener)",
  from the ``discipline.*`` keys of the string table; the id follows in the
  brackets only when two professionals on the map share the name;
- a resident by name, "Samira Benhaddou", with the id in brackets only when
  another person on the map has the same name (:func:`team_labels`);
- offers, organisations and places by their names.

A person without a recorded name keeps the id.

Analysis tables follow one rule, *privacy by design* (:func:`table_names`):
their ``name`` column holds the names of professionals, initiatives,
organisations and places, and is missing (``pd.NA``) for residents, who are
identified by their id. Sentences inside analysis tables name residents by id
too; the team report and the CLI put the names in (:func:`name_in_text`). See
docs/conventions.md ("Names in tables").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.strings import STRINGS, check_language, text
from sociale_kaart.core.vocabulary import PERSON_KINDS

__all__ = [
    "name_in_text",
    "professional_labels",
    "professional_name_counts",
    "table_name",
    "table_names",
    "team_label",
    "team_labels",
]


def professional_name_counts(G: nx.MultiDiGraph) -> Counter[str]:
    """How many professionals on the map bear each name (the rule of :func:`professional_labels`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.

    Returns
    -------
    collections.Counter
        Name to the number of professionals with it; professionals without a
        name are not counted.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.naming import professional_name_counts
    >>> G = sk.load_sample()
    >>> professional_name_counts(G)["Ruud Kramer"]
    1
    """
    names: Counter[str] = Counter()
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") == "professional" and attrs.get("name"):
            names[str(attrs["name"])] += 1
    return names


def professional_labels(
    G: nx.MultiDiGraph,
    nodes: Iterable[Hashable] | None = None,
    *,
    language: str = "en",
    name_counts: Mapping[str, int] | None = None,
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
    name_counts : mapping, optional
        :func:`professional_name_counts` of ``G``, computed once for many
        calls with a few ``nodes`` each (a walk over every node otherwise;
        with ``nodes`` given, the map's professionals are then not walked).

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
    if nodes is None:
        wanted: list[Hashable] = [
            node for node, kind in G.nodes(data="kind") if kind == "professional"
        ]
    else:
        wanted = [n for n in nodes if n in G]
    if not wanted:
        return {}
    names = professional_name_counts(G) if name_counts is None else name_counts
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
        if names.get(str(name), 0) > 1:
            parts.append(str(node))
        out[node] = f"{name} ({', '.join(parts)})" if parts else str(name)
    return out


def team_label(G: nx.MultiDiGraph, professionals: Mapping[Hashable, str], node: Hashable) -> str:
    """A node as team-facing text names it.

    The label in ``professionals`` when there is one; otherwise residents by
    id, offers and organisations by name. Pass :func:`team_labels` to name
    residents too.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    professionals : mapping
        The labels of :func:`professional_labels` or :func:`team_labels`,
        computed once for many calls.
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
    >>> team_label(G, team_labels(G, language="nl"), "r_samira")
    'Samira Benhaddou'
    """
    if node in professionals:
        return professionals[node]
    attrs = G.nodes[node] if node in G else {}
    if attrs.get("kind") == "resident":
        return str(node)
    return str(attrs.get("name") or node)


def table_name(attrs: Mapping[str, Any]) -> Any:
    """The ``name`` cell of a node in an analysis table: ``pd.NA`` for a resident.

    The one rule for names in analysis tables (privacy by design): the
    names of professionals, initiatives, organisations and places are shown;
    a resident's name is personal data and stays out, the id identifies her.
    A node without a recorded name also gets ``pd.NA``.

    Parameters
    ----------
    attrs : mapping
        The node's attributes.

    Returns
    -------
    str or pandas.NA

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> table_name(G.nodes["i_naaiclub"]), table_name(G.nodes["r_samira"])
    ('Naaiclub Dikiş', <NA>)
    """
    name = attrs.get("name")
    if attrs.get("kind") == "resident" or name is None or name != name or name == "":
        return pd.NA
    return str(name)


def table_names(G: nx.Graph, nodes: Iterable[Hashable]) -> list[Any]:
    """The ``name`` cells of ``nodes`` (see :func:`table_name`), in order.

    Parameters
    ----------
    G : networkx.Graph
        A social map.
    nodes : iterable of node ids
        Nodes of ``G``; an id that is not on the map (or ``None``) gets ``pd.NA``.

    Returns
    -------
    list

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> table_names(G, ["p_schuld", "r_samira", None])
    ['Ruud Kramer', <NA>, <NA>]
    """
    data = G.nodes
    return [table_name(data[n]) if n is not None and n in G else pd.NA for n in nodes]


def team_labels(
    G: nx.MultiDiGraph, nodes: Iterable[Hashable] | None = None, *, language: str = "en"
) -> dict[Hashable, str]:
    """How team-facing text names each node: people by name, the id only when needed.

    Professionals as :func:`professional_labels` gives them; residents by
    name, with the id in brackets when another person on the map (resident
    or professional) has the same name; every other node by its name. A node
    without a recorded name keeps its id. For the team only: public output
    names no person.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    nodes : iterable of node ids, optional
        The nodes to label; every node by default. Ids not on the map are left out.
    language : {"en", "nl"}
        The language of the professionals' disciplines.

    Returns
    -------
    dict
        Node id to label.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> labels = team_labels(G, ["r_samira", "p_legal", "i_taalmaatjes"], language="nl")
    >>> " → ".join(labels.values())
    'Samira Benhaddou → Esther Mulder (sociaal raadsman) → Taalmaatjes Rivierwijk'
    >>> G.nodes["r_henk"]["name"] = "Samira Benhaddou"
    >>> team_labels(G, ["r_samira"])
    {'r_samira': 'Samira Benhaddou (r_samira)'}
    """
    check_language(language)
    people: Counter[str] = Counter()
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") in PERSON_KINDS and attrs.get("name"):
            people[str(attrs["name"])] += 1
    wanted = list(G) if nodes is None else [n for n in nodes if n in G]
    pros = professional_labels(
        G, [n for n in wanted if G.nodes[n].get("kind") == "professional"], language=language
    )
    out: dict[Hashable, str] = {}
    for node in wanted:
        if node in pros:
            out[node] = pros[node]
            continue
        attrs = G.nodes[node]
        name = attrs.get("name")
        if not name:
            out[node] = str(node)
        elif attrs.get("kind") == "resident" and people[str(name)] > 1:
            out[node] = f"{name} ({node})"
        else:
            out[node] = str(name)
    return out


def name_in_text(sentence: str, labels: Mapping[Hashable, str], nodes: Iterable[Hashable]) -> str:
    """``sentence`` with the ids of ``nodes`` replaced by their labels.

    Analysis tables write residents by id in their sentences (gap texts,
    referral explanations); the team report and the CLI name them with this.
    An id is replaced only as a whole word (``r_1`` is not touched inside
    ``r_12``), and only the ids of ``nodes`` are.

    Parameters
    ----------
    sentence : str
        A sentence from an analysis table.
    labels : mapping
        Node id to label, as :func:`team_labels` gives them.
    nodes : iterable of node ids
        The nodes the sentence is about (a gap's ``nodes``, a referral's ``path``).

    Returns
    -------
    str

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> labels = team_labels(G, ["r_samira"])
    >>> name_in_text("r_samira (not r_samira_2) asked.", labels, ["r_samira"])
    'Samira Benhaddou (not r_samira_2) asked.'
    """
    swaps = {str(n): labels[n] for n in nodes if n in labels and labels[n] != str(n)}
    if not swaps:
        return sentence
    ids = sorted(swaps, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w])")
    return pattern.sub(lambda m: swaps[m.group(1)], sentence)
