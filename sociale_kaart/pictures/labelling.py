"""Which nodes get a label: the largest nodes and the highlighted path, never two overlapping.

A map that labels every node is unreadable in its centre. The rule here is
shared by the interactive map and the static figures:

- :func:`label_order` ranks the nodes that may carry a label: the highlighted
  path (and marked nodes) first, then the rest by the size they are drawn
  with, largest first (ties by degree, then by id, so the order is
  deterministic);
- :func:`label_count` says how many of the ranked nodes are labelled at a
  zoom level: the count grows with the square of the zoom, so the number of
  labels per square centimetre of screen stays about the same, read from
  the fixed steps of :data:`LABEL_ZOOM_STEPS`;
- :func:`labels_at_zoom` combines the two: the nodes labelled at zoom ``z``.

The interactive page gets each node's rank and the table of
:func:`zoom_table` as data, and its script only looks the count up when the
zoom passes a step; of those nodes it keeps, in rank order, each label whose
box on screen overlaps none placed before it (the path's always), the same
greedy pass as :func:`declutter`; the rest show their label on hover. The static figures label
the nodes of :func:`labels_at_zoom` at zoom 1 and then :func:`declutter`
them: a label that would overlap one already placed is left out.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "LABELS_AT_ZOOM_ONE",
    "LABEL_ZOOM_STEPS",
    "declutter",
    "label_count",
    "label_order",
    "labels_at_zoom",
    "zoom_table",
]

#: The zoom levels at which the number of labels changes (1 is the map as first shown).
LABEL_ZOOM_STEPS: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
#: How many ranked nodes are labelled at zoom 1, besides the highlighted path.
LABELS_AT_ZOOM_ONE = 15


def _check_count(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
    return value


def label_count(zoom: float, *, total: int, base: int = LABELS_AT_ZOOM_ONE) -> int:
    """How many of ``total`` ranked nodes are labelled at ``zoom``.

    The zoom is rounded down to a step of :data:`LABEL_ZOOM_STEPS` (below the
    first step, the first step); the count is ``ceil(base * step ** 2)``, at
    most ``total``.

    Parameters
    ----------
    zoom : float
        The zoom level: 1 is the map as first shown, 2 is twice as close.
    total : int
        How many nodes may carry a label.
    base : int, default :data:`LABELS_AT_ZOOM_ONE`
        The count at zoom 1.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``zoom`` is not a positive number, or ``total`` or ``base`` is negative.

    Notes
    -----
    Zooming in by a factor ``z`` shows ``1 / z**2`` of the map's area, so a
    count that grows with ``z**2`` keeps the density of labels on screen
    about constant: the rule of thumb of label placement on zoomable maps
    (Been et al., 2006) that labels should neither crowd nor vanish as the
    user zooms.

    References
    ----------
    Been, K., Daiches, E., & Yap, C. (2006). Dynamic map labeling. *IEEE
    Transactions on Visualization and Computer Graphics*, 12(5), 773-780.
    https://doi.org/10.1109/TVCG.2006.136

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.labelling import label_count
    >>> total = sk.load_sample().number_of_nodes()
    >>> [label_count(z, total=total) for z in (0.05, 0.5, 1.0, 1.2, 2.0, 100.0)]
    [1, 4, 15, 15, 60, 294]
    """
    if isinstance(zoom, bool) or not isinstance(zoom, (int, float)) or not zoom > 0:
        raise ValueError(f"zoom must be a positive number, not {zoom!r}")
    _check_count(total, "total")
    _check_count(base, "base")
    step = LABEL_ZOOM_STEPS[0]
    for s in LABEL_ZOOM_STEPS:
        if zoom >= s:
            step = s
    return min(total, math.ceil(base * step * step))


def zoom_table(total: int, *, base: int = LABELS_AT_ZOOM_ONE) -> list[tuple[float, int]]:
    """The label count at each step of :data:`LABEL_ZOOM_STEPS`: what the page's script looks up.

    Examples
    --------
    >>> from sociale_kaart.pictures.labelling import zoom_table
    >>> zoom_table(20)[:6]
    [(0.1, 1), (0.25, 1), (0.5, 4), (0.75, 9), (1.0, 15), (1.5, 20)]
    """
    return [(s, label_count(s, total=total, base=base)) for s in LABEL_ZOOM_STEPS]


def label_order(
    sizes: Mapping[Hashable, float],
    *,
    degree: Mapping[Hashable, float] | None = None,
    always: Iterable[Hashable] = (),
) -> list[Hashable]:
    """The nodes of ``sizes`` in the order they get a label.

    Parameters
    ----------
    sizes : mapping
        Node -> the size it is drawn with; only these nodes are ranked.
    degree : mapping, optional
        Node -> degree, to break ties between equal sizes (larger first).
    always : iterable, optional
        Nodes labelled at every zoom (the highlighted path, marked nodes):
        they come first, in their own order; those not in ``sizes`` are
        left out.

    Returns
    -------
    list
        ``always`` first, then by size, degree and id (as text).

    Examples
    --------
    >>> from sociale_kaart.pictures.labelling import label_order
    >>> label_order({"a": 8.0, "b": 20.0, "c": 8.0, "d": 8.0}, degree={"c": 3}, always=["d"])
    ['d', 'b', 'c', 'a']
    """
    first = [n for n in dict.fromkeys(always) if n in sizes]
    fixed = set(first)
    deg = degree or {}
    rest = sorted(
        (n for n in sizes if n not in fixed),
        key=lambda n: (-float(sizes[n]), -float(deg.get(n, 0)), str(n)),
    )
    return [*first, *rest]


def labels_at_zoom(
    sizes: Mapping[Hashable, float],
    zoom: float,
    *,
    degree: Mapping[Hashable, float] | None = None,
    always: Iterable[Hashable] = (),
    base: int = LABELS_AT_ZOOM_ONE,
) -> list[Hashable]:
    """The nodes labelled at ``zoom``: ``always``, then the largest :func:`label_count` others.

    Parameters
    ----------
    sizes : mapping
        Node -> drawn size, for the nodes that may carry a label.
    zoom : float
        The zoom level (1 is the map as first shown).
    degree : mapping, optional
        Breaks ties between equal sizes.
    always : iterable, optional
        The highlighted path and marked nodes: labelled at every zoom.
    base : int, default :data:`LABELS_AT_ZOOM_ONE`
        The count at zoom 1.

    Returns
    -------
    list
        In the order of :func:`label_order`.

    References
    ----------
    Been, K., Daiches, E., & Yap, C. (2006). Dynamic map labeling. *IEEE
    Transactions on Visualization and Computer Graphics*, 12(5), 773-780.
    https://doi.org/10.1109/TVCG.2006.136

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.labelling import labels_at_zoom
    >>> G = sk.load_sample()
    >>> offers = {n: 12.0 for n, a in G.nodes(data=True) if a["kind"] == "initiative"}
    >>> top = labels_at_zoom(offers, 0.5, degree=dict(G.degree), always=["i_taalschool"])
    >>> top[0], len(top)
    ('i_taalschool', 5)
    """
    order = label_order(sizes, degree=degree, always=always)
    fixed = len([n for n in dict.fromkeys(always) if n in sizes])
    k = label_count(zoom, total=len(order) - fixed, base=base)
    return order[: fixed + k]


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


def declutter(texts: Sequence[Any], renderer: Any, *, pad: float = 1.0) -> list[Any]:
    """Remove every text that would overlap one placed before it; return those kept.

    A greedy pass in the given order (put the most important first): each
    text's window extent, grown by ``pad`` pixels, is measured with the
    renderer; a text that intersects a kept one is removed from its figure.
    The result is deterministic and no two kept texts overlap.

    Parameters
    ----------
    texts : sequence of matplotlib.text.Text
        Texts already added to an axes (e.g. ``ax.annotate`` results).
    renderer : object
        A matplotlib renderer, ``fig.canvas.get_renderer()``; the axes limits must be final.
    pad : float, default 1.0
        Extra pixels around each text.

    Returns
    -------
    list of matplotlib.text.Text
        The texts kept, in the given order.

    Notes
    -----
    Greedy placement in order of priority is the classic fast heuristic
    for point-feature labelling, whose optimum is NP-hard (Christensen,
    Marks & Shieber, 1995).

    References
    ----------
    Christensen, J., Marks, J., & Shieber, S. (1995). An empirical study of
    algorithms for point-feature label placement. *ACM Transactions on
    Graphics*, 14(3), 203-232. https://doi.org/10.1145/212332.212334

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from sociale_kaart.pictures.labelling import declutter
    >>> fig, ax = plt.subplots()
    >>> texts = [ax.text(0.5, 0.5, "Buurthuis"), ax.text(0.5, 0.5, "Bibliotheek"),
    ...          ax.text(0.1, 0.1, "Bankje")]
    >>> [t.get_text() for t in declutter(texts, fig.canvas.get_renderer())]
    ['Buurthuis', 'Bankje']
    >>> plt.close(fig)
    """
    kept: list[Any] = []
    boxes: list[Any] = []
    for t in texts:
        box = t.get_window_extent(renderer).expanded(1.0, 1.0).padded(pad)
        if any(_overlaps(box, other) for other in boxes):
            t.remove()
            continue
        kept.append(t)
        boxes.append(box)
    return kept
