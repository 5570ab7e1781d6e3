"""Findings from the referral journal: refusals, the companion effect, open loops.

Three gap types read the journal kept in ``G.graph["referrals"]`` (see
:mod:`sociale_kaart.core.journal`); a map without a journal has none of them.

``repeated_refusal``
    An offer that refused referrals for one eligibility rule: the rejection's
    ``reason`` names the tag (``eligibility: eu_citizen``). The gap names the
    rule (the offer's ``excludes`` or ``requires``) and the alternatives that
    started afterwards in the same chain (a child referral, through
    ``parent``). An eligibility rule refuses a whole group by design, so one
    recorded refusal already shows it; the explanation says how many there
    were. Refusals for other reasons (a full offer, free text) are not a group
    and give no gap here.
``companion_effect``
    Referrals made with a companion start more often than those without, by
    Fisher's exact test (:func:`companion_effect`); only when the verdict is
    ``more_with_companion``.
``open_loop``
    Referrals that never came back (:func:`open_loops`): the last status is
    ``proposed``, ``requested`` or ``accepted``, it is older than
    ``open_weeks`` weeks, and the referral was not handed on to a next step.
    One gap per referrer.

Journal rows that name an offer or referrer no longer on the map (as in
:func:`~sociale_kaart.what_if`) give no refusal or open-loop gap; the
companion comparison counts every referral of the journal.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.stats import fisher_exact

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.formatting import format_p_value, format_percent
from sociale_kaart.core.journal import referral_summary
from sociale_kaart.core.wording import status_label
from sociale_kaart.gaps.common import OPEN_WEEKS, Gap, Options, Writer, sat, t
from sociale_kaart.index.lookups import GapIndex

__all__ = [
    "COMPANION_ALPHA",
    "COMPANION_MIN_REFERRALS",
    "OPEN_STATUSES",
    "OPEN_WEEKS",
    "companion_effect",
    "journal_day",
    "journal_gaps",
    "open_loops",
]

#: The companion comparison claims an effect only when Fisher's p is below this.
COMPANION_ALPHA = 0.05
#: ... and only when both groups (with and without a companion) have at least this many referrals.
COMPANION_MIN_REFERRALS = 20
#: The last statuses of a referral that has not come back.
OPEN_STATUSES: frozenset[str] = frozenset({"proposed", "requested", "accepted"})

_TAG = re.compile(r"^\s*eligibility\s*[:=]\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)

_COMPANION_COLUMNS = [
    "referrals",
    "with_companion",
    "started_with",
    "without_companion",
    "started_without",
    "rate_with",
    "rate_without",
    "odds_ratio",
    "p_value",
    "verdict",
]


def _summary(G: nx.MultiDiGraph) -> pd.DataFrame:
    table = G.graph.get("referrals")
    if table is None or len(table) == 0:
        return referral_summary(pd.DataFrame())
    return referral_summary(table)


# ------------------------------------------------------------------------- companion effect


def companion_effect(
    G: nx.MultiDiGraph,
    *,
    min_referrals: int = COMPANION_MIN_REFERRALS,
    alpha: float = COMPANION_ALPHA,
) -> pd.DataFrame:
    """Do referrals made with a companion start more often? Fisher's exact test on the journal.

    The "bring a second person" hypothesis, measured on the team's own
    journal. Every referral counts once, by whether a companion came along
    (the ``companion`` of its first step) and whether it started (reached
    ``started`` or ``completed``; a referral still open counts as not
    started). The 2 x 2 table of companion x started is tested with
    Fisher's exact test (two-sided).

    The verdict claims an effect only when the numbers allow it:

    * ``too_few``: fewer than ``min_referrals`` referrals with a companion
      or without one (default 20 each): no claim, whatever p is;
    * ``more_with_companion`` / ``fewer_with_companion``: p below ``alpha``
      (default 0.05), in the direction of the rates;
    * ``no_clear_difference``: enough referrals, but p is not below ``alpha``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map with a journal; it is not changed.
    min_referrals : int, default 20
        The fewest referrals each group needs before a verdict is given.
    alpha : float, default 0.05
        The significance level.

    Returns
    -------
    pandas.DataFrame
        One row (index ``companion``): ``referrals`` (all the comparison rests
        on), ``with_companion``, ``started_with``, ``without_companion``,
        ``started_without``, ``rate_with``, ``rate_without``, ``odds_ratio``
        (the sample odds ratio, ``inf`` or missing for an empty cell),
        ``p_value`` (missing without a journal, or when one group is empty)
        and ``verdict``.

    Raises
    ------
    ValueError
        If ``min_referrals`` is below 1 or ``alpha`` is not between 0 and 1.

    Notes
    -----
    With :math:`a` of :math:`m` companion referrals started and :math:`c` of
    :math:`n` others, the odds ratio is :math:`a (n - c) / ((m - a) c)`, and
    the p-value sums the hypergeometric probabilities of all tables with the
    same margins that are no more likely than the one observed. The test is
    exact for any size, but on a few dozen referrals only a large difference
    can show; ``min_referrals`` keeps the verdict from reading a chance
    difference, or its absence, as a finding. It is an association in the
    team's own records, not a trial: residents who bring someone along may
    differ in other ways.

    References
    ----------
    Fisher, R. A. (1922). On the interpretation of chi-square from contingency
    tables, and the calculation of P. *Journal of the Royal Statistical
    Society*, 85(1), 87-94. https://doi.org/10.2307/2340521

    Agresti, A. (1992). A survey of exact inference for contingency tables.
    *Statistical Science*, 7(1), 131-153. https://doi.org/10.1214/ss/1177011454

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> row = sk.companion_effect(sk.load_sample()).iloc[0]
    >>> int(row["with_companion"]), int(row["started_with"])
    (85, 63)
    >>> int(row["without_companion"]), int(row["started_without"])
    (224, 101)
    >>> bool(row["p_value"] < 0.001), row["verdict"]
    (True, 'more_with_companion')
    """
    require_map(G)
    if isinstance(min_referrals, bool) or not isinstance(min_referrals, (int, np.integer)):
        raise TypeError(f"min_referrals must be a whole number, not {min_referrals!r}")
    if min_referrals < 1:
        raise ValueError(f"min_referrals must be at least 1, not {min_referrals}")
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number between 0 and 1, not {alpha!r}")
    return pd.DataFrame(
        [_companion_row(_summary(G), int(min_referrals), float(alpha))],
        columns=_COMPANION_COLUMNS,
        index=pd.Index(["companion"], name="comparison"),
    )


def _companion_row(summary: pd.DataFrame, min_referrals: int, alpha: float) -> dict[str, Any]:
    companion = summary["companion"].astype(bool)
    started = summary["started"].astype(bool)
    m, a = int(companion.sum()), int((companion & started).sum())
    n, c = int((~companion).sum()), int((~companion & started).sum())
    p_value: float = float("nan")
    odds: float = float("nan")
    if m and n:
        res = fisher_exact([[a, m - a], [c, n - c]], alternative="two-sided")
        odds, p_value = float(res.statistic), float(res.pvalue)
    rate_with = a / m if m else float("nan")
    rate_without = c / n if n else float("nan")
    if min(m, n) < min_referrals:
        verdict = "too_few"
    elif p_value < alpha:
        verdict = "more_with_companion" if rate_with > rate_without else "fewer_with_companion"
    else:
        verdict = "no_clear_difference"
    return {
        "referrals": m + n,
        "with_companion": m,
        "started_with": a,
        "without_companion": n,
        "started_without": c,
        "rate_with": rate_with,
        "rate_without": rate_without,
        "odds_ratio": odds,
        "p_value": p_value,
        "verdict": verdict,
    }


def companion_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    summary = _summary(ix.G)
    if summary.empty:
        return []
    row = _companion_row(summary, COMPANION_MIN_REFERRALS, COMPANION_ALPHA)
    if row["verdict"] != "more_with_companion":
        return []
    w = Writer(ix, opts)
    lang = w.lang
    explanation = t(
        lang,
        "ce",
        rate_with=format_percent(row["rate_with"], lang),
        with_n=w.n(row["with_companion"]),
        rate_without=format_percent(row["rate_without"], lang),
        without_n=w.n(row["without_companion"]),
        total=w.n(row["referrals"]),
        p=format_p_value(row["p_value"], lang),
    )
    severity = (row["rate_with"] - row["rate_without"]) * sat(row["referrals"], 50)
    return [
        Gap(
            "companion_effect",
            severity,
            None,
            None,
            [],
            explanation,
            t(lang, "ce_s"),
            ("companion_effect",),
        )
    ]


# ------------------------------------------------------------------------- refusals


def refusal_tag(reason: object) -> str | None:
    """The eligibility tag a rejection names (``"eligibility: eu_citizen"``), or None."""
    if not isinstance(reason, str):
        return None
    match = _TAG.match(reason)
    return match.group(1) if match else None


def refusal_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    summary = _summary(ix.G)
    if summary.empty:
        return []
    on_map = summary["target"].isin(ix.attrs.keys())  # what_if may have removed it
    rejected = summary[summary["rejected"] & on_map]
    groups: dict[tuple[Hashable, str], list[Hashable]] = defaultdict(list)
    for ref, row in rejected.iterrows():
        tag = refusal_tag(row["reason"])
        if tag is not None:
            groups[(row["target"], tag)].append(ref)
    if not groups:
        return []
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    for ref, parent in summary["parent"].items():
        if parent is not None:
            children[parent].append(ref)
    w = Writer(ix, opts)
    lang = w.lang
    out = []
    for (offer, tag), refs in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        alternatives = sorted(
            {
                summary.at[child, "target"]
                for ref in refs
                for child in children.get(ref, ())
                if summary.at[child, "started"] and summary.at[child, "target"] in ix.attrs
            },
            key=str,
        )
        attrs = ix.attrs[offer]
        word = status_label(tag, lang)  # the tag in words; the gap's key keeps the code
        if tag in (attrs.get("excludes") or ()):
            rule = t(lang, "rf_rule_excludes", tag=word)
        elif tag in (attrs.get("requires") or ()):
            rule = t(lang, "rf_rule_requires", tag=word)
        else:
            rule = t(lang, "rf_rule_unknown", tag=word)
        name = ix.name(offer)
        explanation = t(lang, "rf", offer=name, n=w.n(len(refs)), tag=word, rule=rule)
        if alternatives:
            explanation += " " + t(lang, "rf_alt", offers=w.offers(alternatives))
            suggestion = t(lang, "rf_s_alt", offer=name, tag=word, offers=w.offers(alternatives))
        else:
            suggestion = t(lang, "rf_s", offer=name, tag=word)
        themes = attrs.get("themes") or []
        residents = sorted({summary.at[ref, "resident"] for ref in refs}, key=str)
        out.append(
            Gap(
                "repeated_refusal",
                sat(len(refs), 2),
                attrs.get("neighbourhood"),
                themes[0] if len(themes) == 1 else None,
                [str(offer), *(str(a) for a in alternatives), *map(str, residents)],
                explanation,
                suggestion,
                ("repeated_refusal", offer, tag),
            )
        )
    return out


# ------------------------------------------------------------------------- open loops


def journal_day(G: nx.MultiDiGraph, today: _dt.date | None) -> _dt.date | None:
    """The day open loops are counted to: ``today``, else the map's ``as_of``, else None."""
    if today is not None:
        if isinstance(today, _dt.datetime) or not isinstance(today, _dt.date):
            raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
        return today
    as_of = G.graph.get("as_of")
    if isinstance(as_of, _dt.datetime):
        return as_of.date()
    if isinstance(as_of, _dt.date):
        return as_of
    if isinstance(as_of, str) and as_of.strip():
        try:
            return _dt.date.fromisoformat(as_of.strip()[:10])
        except ValueError:
            return None
    return None


def open_loops(
    G: nx.MultiDiGraph, *, open_weeks: int = OPEN_WEEKS, today: _dt.date | None = None
) -> pd.DataFrame:
    """Referrals that never came back: no status for more than ``open_weeks`` weeks.

    A referral is *open* while its last status is ``proposed``,
    ``requested`` or ``accepted``; it is an open loop when that last status
    is more than ``open_weeks`` weeks old. A referral that started, or was
    rejected, completed or cancelled, has come back, and so has one that was
    handed on (another referral names it as its ``parent``, as each step of
    a chain does). The weeks are counted
    to ``today`` if given, else to the map's ``as_of`` date
    (``G.graph["as_of"]``), else to the day the function runs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map with a journal; it is not changed.
    open_weeks : int, default 6
        How long a referral may go without a status (at least 1), as in
        :func:`~sociale_kaart.find_gaps`.
    today : datetime.date, optional
        The day to count to.

    Returns
    -------
    pandas.DataFrame
        Indexed by referral id, oldest first: ``resident``, ``referrer``,
        ``target``, ``theme``, ``status`` (the last one), ``last`` (its
        date), ``weeks_open`` (whole weeks since then). Team-facing: it names
        residents.

    References
    ----------
    Cartier, Y., Fichtenberg, C., & Gottlieb, L. M. (2020). Implementing
    community resource referral technology: facilitators and barriers
    described by early adopters. *Health Affairs*, 39(4), 662-669.
    https://doi.org/10.1377/hlthaff.2019.01588 (closing the loop on
    referrals).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> loops = sk.open_loops(sk.load_sample(), today=dt.date(2026, 11, 21))
    >>> bool((loops["weeks_open"] > 6).all()), set(loops["status"]) <= {"proposed", "accepted"}
    (True, True)
    """
    require_map(G)
    if (
        isinstance(open_weeks, bool)
        or not isinstance(open_weeks, (int, np.integer))
        or open_weeks < 1
    ):
        raise ValueError(f"open_weeks must be a whole number of at least 1, not {open_weeks!r}")
    day = journal_day(G, today) or _dt.date.today()
    rows = open_loop_rows(_summary(G), day=day, weeks=int(open_weeks))
    columns = ["resident", "referrer", "target", "theme", "status", "last", "weeks_open"]
    if rows.empty:
        return pd.DataFrame(columns=columns).rename_axis("referral")
    out = rows[columns[:-1]].copy()
    out["weeks_open"] = [(day - d).days // 7 for d in out["last"]]
    return out.sort_values(["last"], kind="stable")


def open_loop_rows(summary: pd.DataFrame, *, day: _dt.date, weeks: int) -> pd.DataFrame:
    """The referrals of a journal summary that have not come back ``weeks`` weeks after ``day``."""
    if summary.empty:
        return summary
    cutoff = day - _dt.timedelta(weeks=weeks)
    is_open = summary["status"].isin(OPEN_STATUSES)
    handed_on = summary.index.isin([p for p in summary["parent"] if p is not None])
    old = summary["last"].map(lambda d: d < cutoff)
    return summary[is_open & ~handed_on & old.astype(bool)]


def open_loop_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    summary = _summary(ix.G)
    day = opts.journal_day or opts.today
    loops = open_loop_rows(summary, day=day, weeks=opts.open_weeks)
    loops = loops[loops["referrer"].isin(ix.attrs.keys())]  # what_if may have removed them
    if loops.empty:
        return []
    w = Writer(ix, opts)
    lang = w.lang
    out = []
    for referrer, rows in loops.groupby("referrer", sort=True):
        oldest = min(rows["last"])
        weeks = (day - oldest).days // 7
        n = len(rows)
        who = w.person(referrer) if ix.kind.get(referrer) == "professional" else ix.name(referrer)
        themes = sorted({th for th in rows["theme"] if isinstance(th, str)})
        out.append(
            Gap(
                "open_loop",
                0.6 * sat(n, 5),
                None,
                themes[0] if len(themes) == 1 else None,
                [str(referrer), *sorted({str(r) for r in rows["resident"]})],
                t(lang, "ol", who=who, n=w.n(n), limit=opts.open_weeks, weeks=weeks),
                t(lang, "ol_s", who=who, n=w.n(n)),
                ("open_loop", referrer),
            )
        )
    return out


JOURNAL_DETECTORS = {
    "repeated_refusal": refusal_gaps,
    "companion_effect": companion_gaps,
    "open_loop": open_loop_gaps,
}


def journal_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    """Every journal gap (the three types of this module)."""
    return [gap for detector in JOURNAL_DETECTORS.values() for gap in detector(ix, opts)]
