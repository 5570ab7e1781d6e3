"""The network scores over time: one line per neighbourhood and one for the whole map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sociale_kaart.core.strings import check_language, text
from sociale_kaart.pictures.plot import _axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_timeline"]


def plot_timeline(
    frame: pd.DataFrame,
    *,
    score: str = "density",
    groups: list[str] | None = None,
    language: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw one network score over time, one line per group.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`~sociale_kaart.timeline`: indexed by (``date``, ``group``).
    score : str, default "density"
        A column of the frame (see :data:`sociale_kaart.change.SCORES`).
    groups : list of str, optional
        The groups to draw (neighbourhoods, ``"total"``); all by default.
    language : {"en", "nl"}
        The language of the axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with one line per group (its label the group).
        Nothing is shown or saved.

    Raises
    ------
    ValueError
        If ``score`` is not a column, a group is not in the frame, or the
        frame is not indexed by (``date``, ``group``).
    ImportError
        Without matplotlib.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> frame = sk.timeline(sk.MapSeries.from_snapshots(H, ["2026-11-01", "2026-11-21"]))
    >>> ax = sk.plot_timeline(frame, score="meeting_hours", groups=["total"])
    >>> ax.get_lines()[0].get_ydata().tolist(), ax.get_ylabel()
    ([72.0, 36.0], 'meeting hours a month')
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    language = check_language(language)
    if list(frame.index.names) != ["date", "group"]:
        raise ValueError(
            "frame must be indexed by (date, group): pass the result of sk.timeline(series)"
        )
    if score not in frame.columns:
        raise ValueError(
            f"score {score!r} is not a column of the frame; "
            f"choose one of {', '.join(map(str, frame.columns))}"
        )
    present = list(dict.fromkeys(frame.index.get_level_values("group")))
    chosen = present if groups is None else list(groups)
    missing = [g for g in chosen if g not in present]
    if missing:
        raise ValueError(f"groups {missing} are not in the frame; it has {present}")
    axes = _axes(ax, (7.0, 4.0))
    for group in chosen:
        series = frame.xs(group, level="group")[score]
        axes.plot(series.index, series.to_numpy(dtype=float), marker="o", label=str(group))
    key = f"score.{score}"
    axes.set_ylabel(text(key, language) if _has(key) else score)
    axes.legend(loc="best", fontsize="small")
    return axes


def _has(key: str) -> bool:
    from sociale_kaart.core.strings import STRINGS

    return key in STRINGS
