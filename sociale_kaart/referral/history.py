"""Past outcomes as evidence for a referral: how often did earlier referrals start?

:func:`~sociale_kaart.suggest_referrals` (with ``history_weight`` above 0)
asks this module, for each offer it ranks, how many *earlier* referrals to
that offer for the same theme started. The counts come from the map's
referral journal (``G.graph["referrals"]``, see
:func:`~sociale_kaart.journal`) and obey three rules:

* **Not the resident's own.** Referrals of the resident the suggestion is
  for are left out of every count, so a suggestion never rests on, or
  reveals, what became of that resident's own referrals.
* **Only what was known on the day.** Only journal steps dated on or before
  ``today`` count, so a suggestion for an earlier day does not look ahead.
* **Only decided referrals.** A referral counts once it has started (reached
  ``started`` or ``completed``) or ended without starting (its last status is
  ``rejected`` or ``cancelled``); one still under way (``proposed``,
  ``requested``, ``accepted``) has no outcome yet and is not counted.

The counts become a start rate shrunk towards the theme's pooled start rate
(empirical Bayes with a Beta prior; see :func:`shrunk_rate`); an offer with
fewer than :data:`MIN_HISTORY` decided referrals for the theme gets no
history at all.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection

import pandas as pd

from sociale_kaart.core.journal import referral_summary

__all__ = ["ENDED", "MIN_HISTORY", "PRIOR_STRENGTH", "history_counts", "shrunk_rate"]

#: The fewest decided earlier referrals (to one offer, for one theme, not the
#: resident's own) from which the history counts; below it, it does nothing.
MIN_HISTORY = 4

#: The strength of the Beta prior, in pseudo-referrals: the offer's start rate
#: is shrunk towards the theme's pooled rate as if that many referrals had
#: started at exactly the pooled rate.
PRIOR_STRENGTH = 2.0

#: Last statuses of a referral that ended without starting.
ENDED: frozenset[str] = frozenset({"rejected", "cancelled"})


def history_counts(
    table: pd.DataFrame | None,
    *,
    resident: str,
    targets: Collection[str],
    themes: Collection[str],
    today: _dt.date,
) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[str, tuple[int, int]]]:
    """Started and decided referrals per (target, theme) and per theme.

    Parameters
    ----------
    table : pandas.DataFrame or None
        A validated referral journal (``G.graph["referrals"]``), or None.
    resident : str
        The resident whose own referrals are left out.
    targets, themes : iterable of str
        The targets and themes to count (others are skipped, for speed).
    today : datetime.date
        Steps dated after this day are not known yet.

    Returns
    -------
    tuple of dict
        ``{(target, theme): (started, decided)}`` and, pooled over all
        targets, ``{theme: (started, decided)}``.

    Examples
    --------
    >>> import datetime, networkx as nx, pandas as pd
    >>> from sociale_kaart.core.journal import validate_referrals
    >>> G = nx.MultiDiGraph()
    >>> for n, k in [("r1", "resident"), ("r2", "resident"), ("r3", "resident"),
    ...              ("p1", "professional"), ("i1", "initiative")]:
    ...     G.add_node(n, kind=k)
    >>> t = validate_referrals(G, pd.DataFrame({"referral": list("aaabbc"),
    ...     "date": ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-06", "2026-01-08",
    ...              "2026-01-07"],
    ...     "status": ["proposed", "accepted", "started", "proposed", "rejected", "proposed"],
    ...     "resident": list("111223"), "referrer": ["p1"] * 6,
    ...     "target": ["i1"] * 6, "theme": ["language"] * 6}).assign(
    ...     resident=lambda f: "r" + f["resident"]))
    >>> day = datetime.date(2026, 2, 1)
    >>> history_counts(t, resident="r9", targets={"i1"}, themes={"language"}, today=day)[0]
    {('i1', 'language'): (1, 2)}
    >>> history_counts(t, resident="r1", targets={"i1"}, themes={"language"}, today=day)[0]
    {('i1', 'language'): (0, 1)}
    """
    if table is None or table.empty or not targets or not themes:
        return {}, {}
    # who and which theme are recorded on a referral's first step
    firsts = table.drop_duplicates("referral")
    wanted = firsts["theme"].isin(list(themes)) & (firsts["resident"] != resident)
    ids = firsts.loc[wanted, "referral"]
    known = table[table["referral"].isin(ids) & (table["date"] <= today)]
    if known.empty:
        return {}, {}
    summary = referral_summary(known)
    started = summary["started"].astype(bool)
    decided = started | summary["status"].isin(ENDED)
    summary = summary.assign(_s=started.astype(int), _d=decided.astype(int))[decided]
    pooled = summary.groupby("theme")[["_s", "_d"]].sum()
    by_theme = {str(k): (int(r["_s"]), int(r["_d"])) for k, r in pooled.iterrows()}
    mine = summary[summary["target"].isin(list(targets))]
    grouped = mine.groupby(["target", "theme"])[["_s", "_d"]].sum()
    pairs = {
        (str(key[0]), str(key[1])): (int(r["_s"]), int(r["_d"]))  # type: ignore[index]
        for key, r in grouped.iterrows()
    }
    return pairs, by_theme


def shrunk_rate(started: int, decided: int, *, prior: float) -> float:
    """The start rate shrunk towards a prior rate (the Beta-binomial posterior mean).

    Parameters
    ----------
    started, decided : int
        Started and decided referrals (``0 <= started <= decided``).
    prior : float
        The prior start rate, between 0 and 1 (the theme's pooled rate).

    Returns
    -------
    float
        :math:`(k + m p_0) / (n + m)`, with :math:`m` = :data:`PRIOR_STRENGTH`.

    Notes
    -----
    With a :math:`\\mathrm{Beta}(m p_0, m (1 - p_0))` prior on the start rate
    and :math:`k` of :math:`n` referrals started, the posterior mean is
    :math:`(k + m p_0) / (n + m)`: few referrals stay near :math:`p_0`, many
    approach :math:`k / n`. Taking :math:`p_0` from the pooled data is
    empirical Bayes [EfronMorris1975]_ [Casella1985b]_; the Beta-binomial model is
    in [Gelman2013]_ (ch. 2 and 5).

    References
    ----------
    .. [EfronMorris1975] Efron, B., & Morris, C. (1975). Data analysis using Stein's
       estimator and its generalizations. *Journal of the American Statistical
       Association*, 70(350), 311-319. https://doi.org/10.1080/01621459.1975.10479864
    .. [Casella1985b] Casella, G. (1985). An introduction to empirical Bayes data
       analysis. *The American Statistician*, 39(2), 83-87.
       https://doi.org/10.1080/00031305.1985.10479400
    .. [Gelman2013] Gelman, A., Carlin, J. B., Stern, H. S., Dunson, D. B.,
       Vehtari, A., & Rubin, D. B. (2013). *Bayesian Data Analysis* (3rd ed.).
       CRC Press.

    Examples
    --------
    >>> shrunk_rate(3, 4, prior=0.375)
    0.625
    >>> shrunk_rate(0, 4, prior=0.375)
    0.125
    """
    return (started + PRIOR_STRENGTH * prior) / (decided + PRIOR_STRENGTH)
