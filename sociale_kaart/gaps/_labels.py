"""The label of each gap row, in the page's language (internal).

Most gap types have one label (``gap.<type>`` in
:mod:`sociale_kaart.core.strings`). A single-knower gap has two, because the
detector finds two situations under one type: an offer that **no one** in a
team knows, and one that only **one** person in the team knows. One heading
for both ("één kenner") put "one knower" above rows that say "no one knows
it"; a row's label now follows the row. The nodes of a single-knower gap are
the offer, then its one knower if there is one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sociale_kaart.core.strings import check_language, text

__all__ = ["gap_type_label", "gap_type_labels"]


def gap_type_label(gap_type: str, nodes: Sequence[object] | None, *, language: str) -> str:
    """The label of one gap row: its type, told apart by the row where the type has two cases.

    Parameters
    ----------
    gap_type : str
        The row's ``gap_type``.
    nodes : sequence or None
        The row's ``nodes`` (for a single-knower gap: the offer, then its one
        knower if any).
    language : {"nl", "en"}
        The page's language.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> from sociale_kaart.gaps._labels import gap_type_label
    >>> gap_type_label("single_knower", ["i_naaiclub"], language="nl")
    'aanbod dat niemand in het team kent'
    >>> gap_type_label("single_knower", ["i_naaiclub", "p_opbouw"], language="en")
    'offer only one person in the team knows'
    >>> gap_type_label("coverage", None, language="nl")
    'geen passend aanbod'
    """
    check_language(language)
    if gap_type == "single_knower" and nodes is not None:
        which = "one" if len(nodes) > 1 else "none"
        return text(f"gap.single_knower.{which}", language)
    return text(f"gap.{gap_type}", language)


def gap_type_labels(gaps: pd.DataFrame, *, language: str) -> list[str]:
    """The label of every row of a gap table (:func:`~sociale_kaart.find_gaps`), in order.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.gaps._labels import gap_type_labels
    >>> rows = sk.single_knowers(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> sorted(set(gap_type_labels(rows, language="nl")))
    ['aanbod dat maar één persoon in het team kent', 'aanbod dat niemand in het team kent']
    """
    nodes = gaps["nodes"] if "nodes" in gaps else pd.Series([None] * len(gaps), index=gaps.index)
    return [
        gap_type_label(
            str(kind), None if not isinstance(n, (list, tuple)) else n, language=language
        )
        for kind, n in zip(gaps["gap_type"], nodes, strict=True)
    ]
