"""The report section "Wat werd er van de verwijzingen?" / "What became of referrals" (issue 13).

:func:`outcome_blocks` reads the referral journal of a map (``G.graph["referrals"]``,
see :mod:`sociale_kaart.core.journal`) and turns it into blocks of the page:

- the funnel per level of the offer referred to (informal, general,
  specialised; a referral to a professional, or to an offer without a level,
  keeps a row of its own): proposed -> accepted -> started, counts and shares;
- the outcomes per theme (:func:`~sociale_kaart.referral_outcomes`);
- the most frequent reasons for rejection and cancellation;
- the companion comparison of :func:`~sociale_kaart.companion_effect`, with the
  sentence of its verdict: an effect is claimed only when the function claims
  one;
- the open loops of :func:`~sociale_kaart.open_loops`.

For the team, referrers are named (professionals by name and discipline,
:mod:`sociale_kaart.core.naming`), residents by name too. For the public, only
counts: counts below ``min_cell`` (and counts they could be worked out from)
are suppressed with :func:`~sociale_kaart.privacy.suppression.suppress_small`,
reasons given fewer than ``min_cell`` times are left out (and counted in a
note), the companion comparison is withheld when one of its cells is small,
and the open loops are one count, never a list.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.formatting import format_date, format_number, format_p_value, format_percent
from sociale_kaart.core.journal import STARTED, referral_summary
from sociale_kaart.core.naming import team_label, team_labels
from sociale_kaart.core.strings import STRINGS, text
from sociale_kaart.core.themes import theme_label
from sociale_kaart.core.vocabulary import LEVELS
from sociale_kaart.core.wording import label_sort_key, status_label
from sociale_kaart.gaps.common import OPEN_WEEKS
from sociale_kaart.gaps.journal import companion_effect, open_loops, refusal_tag
from sociale_kaart.privacy.suppression import suppress_small
from sociale_kaart.referral.journal import referral_outcomes

__all__ = [
    "companion_sentence",
    "funnel",
    "has_journal",
    "outcome_blocks",
    "reason_label",
    "reasons",
]

Block = dict[str, Any]

#: Statuses at or beyond ``accepted`` on the way to a start.
_ACCEPTED = frozenset({"accepted"}) | STARTED
#: The cells of the companion comparison that must not be small in public.
_COMPANION_CELLS = ("with_companion", "started_with", "without_companion", "started_without")


def has_journal(G: nx.MultiDiGraph) -> bool:
    """Whether the map carries a referral journal (the section is shown only then).

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> has_journal(sk.load_sample()), has_journal(nx.MultiDiGraph())
    (True, False)
    """
    return G.graph.get("referrals") is not None


def _level_key(G: nx.MultiDiGraph, target: Any) -> str:
    attrs = G.nodes[target] if target in G else {}
    level = attrs.get("level")
    if level in LEVELS:
        return str(level)
    if attrs.get("kind") == "professional":
        return "professional"
    return "none"


def _level_label(key: str, language: str) -> str:
    if key in LEVELS:
        return text(f"level.{key}", language)
    if key == "professional":
        return text("journal.a_professional", language)
    return text("report.outcomes_no_level", language)


def funnel(G: nx.MultiDiGraph, table: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """Referrals per level of the offer referred to: proposed -> accepted -> started.

    Every referral counts once (each begins as proposed or requested); it is
    *accepted* when one of its steps is ``accepted``, ``started`` or
    ``completed``, *started* when one is ``started`` or ``completed``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map (the targets' ``level`` is read from it; not changed).
    table : pandas.DataFrame
        The validated journal (``G.graph["referrals"]``).
    summary : pandas.DataFrame
        Its :func:`~sociale_kaart.core.journal.referral_summary`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``level``: the rows of
        :data:`~sociale_kaart.core.vocabulary.LEVELS`, then ``professional``
        (a referral to a professional) and ``none`` (an offer without a level,
        or no longer on the map), then ``total``; empty rows are left out.
        Columns ``referrals``, ``accepted``, ``started``, ``rejected``,
        ``accept_rate`` and ``start_rate`` (shares of ``referrals``).

    References
    ----------
    Cartier, Y., Fichtenberg, C., & Gottlieb, L. M. (2020). Implementing
    community resource referral technology: facilitators and barriers
    described by early adopters. *Health Affairs*, 39(4), 662-669.
    https://doi.org/10.1377/hlthaff.2019.01588 (closing the loop on referrals).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.journal import referral_summary
    >>> G = sk.load_sample()
    >>> table = G.graph["referrals"]
    >>> frame = funnel(G, table, referral_summary(table))
    >>> frame[["referrals", "accepted", "started"]].loc[["informal", "total"]].values.tolist()
    [[159, 135, 93], [309, 251, 164]]
    """
    accepted = table["status"].isin(_ACCEPTED).groupby(table["referral"], sort=False).any()
    frame = pd.DataFrame(
        {
            "level": [_level_key(G, t) for t in summary["target"]],
            "accepted": accepted.reindex(summary.index).fillna(False).astype(bool).to_numpy(),
            "started": summary["started"].astype(bool).to_numpy(),
            "rejected": summary["rejected"].astype(bool).to_numpy(),
        }
    )
    counts = frame.groupby("level", sort=False).agg(
        referrals=("started", "size"),
        accepted=("accepted", "sum"),
        started=("started", "sum"),
        rejected=("rejected", "sum"),
    )
    order = [k for k in (*LEVELS, "professional", "none") if k in counts.index]
    out = counts.loc[order].astype(int)
    out.loc["total"] = out.sum()
    out["accept_rate"] = out["accepted"] / out["referrals"]
    out["start_rate"] = out["started"] / out["referrals"]
    out.index.name = "level"
    return out


def reasons(summary: pd.DataFrame) -> pd.DataFrame:
    """Rejected and cancelled referrals per reason, the most frequent first.

    Parameters
    ----------
    summary : pandas.DataFrame
        A :func:`~sociale_kaart.core.journal.referral_summary`; the reason of a
        referral is the last one given, its status the last status.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``reason`` (missing for referrals ended without one),
        columns ``rejected``, ``cancelled`` and ``total``.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.journal import referral_summary
    >>> top = reasons(referral_summary(sk.load_sample().graph["referrals"])).iloc[1]
    >>> top.name, int(top["rejected"])
    ('not the right offer', 11)
    """
    ended = summary[summary["status"].isin(("rejected", "cancelled"))]
    if ended.empty:
        return pd.DataFrame(columns=["rejected", "cancelled", "total"]).rename_axis("reason")
    keys = ended["reason"].map(lambda r: str(r).strip() if isinstance(r, str) and r else None)
    frame = pd.DataFrame({"reason": keys.to_numpy(), "status": ended["status"].to_numpy()})
    out = frame.groupby("reason", dropna=False)["status"].value_counts().unstack(fill_value=0)
    for column in ("rejected", "cancelled"):
        if column not in out:
            out[column] = 0
    out = out[["rejected", "cancelled"]].astype(int)
    out["total"] = out["rejected"] + out["cancelled"]
    out = out.sort_values("total", ascending=False, kind="stable")
    out.columns.name = None
    return out


#: Keys of the reasons the library itself writes (and the journal may repeat).
_REASON_KEYS = (
    "eligibility.cap_full",
    "journal.reason.not_the_right_offer",
    "journal.reason.did_not_come",
)


def reason_label(reason: str, language: str) -> str:
    """A recorded reason; one in the library's own words is shown in the page's language.

    A reason written exactly (up to case) as one of the library's reason texts,
    in Dutch or English (``"full: waiting list"``, ``"vol: wachtlijst"``), is
    shown in ``language``; so is an eligibility rule (``"eligibility: eu_citizen"``),
    with its status tag in words. Any other free text is shown as it was recorded.

    Examples
    --------
    >>> reason_label("full: waiting list", "nl"), reason_label("de bus reed niet", "en")
    ('vol: wachtlijst', 'de bus reed niet')
    >>> reason_label("eligibility: eu_citizen", "nl")
    'valt buiten de toegangsregel: EU-nationaliteit'
    """
    tag = refusal_tag(reason)
    if tag is not None:  # "eligibility: eu_citizen": the rule, with the tag in words
        return text("journal.reason.eligibility", language, tag=status_label(tag, language))
    wanted = reason.strip().casefold()
    for key in _REASON_KEYS:
        if wanted in {STRINGS[key][0].casefold(), STRINGS[key][1].casefold()}:
            return text(key, language)
    return reason


def _count(n: int, language: str) -> str:
    return format_number(n, language, decimals=0)


def companion_sentence(row: pd.Series, language: str, *, min_referrals: int) -> str:
    """The sentence of the verdict of :func:`~sociale_kaart.companion_effect`, as it is.

    ``too_few`` says that no effect is claimed (nor its absence); only
    ``more_with_companion`` and ``fewer_with_companion`` state a difference.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> row = sk.companion_effect(sk.load_sample()).iloc[0]
    >>> companion_sentence(row, "en", min_referrals=20)[:47]
    'Referrals where someone comes along start more '
    """
    verdict = str(row["verdict"])
    values: dict[str, Any] = {
        "with_n": _count(int(row["with_companion"]), language),
        "without_n": _count(int(row["without_companion"]), language),
        "total": _count(int(row["referrals"]), language),
        "min": min_referrals,
    }
    if verdict != "too_few":
        values.update(
            rate_with=format_percent(float(row["rate_with"]), language),
            rate_without=format_percent(float(row["rate_without"]), language),
            p=format_p_value(float(row["p_value"]), language),
        )
    return text(f"report.outcomes_companion.{verdict}", language, **values)


def _themes(G: nx.MultiDiGraph, frame: pd.DataFrame, language: str) -> pd.DataFrame:
    vocabulary = G.graph.get("themes") or {}
    out = frame.copy()
    out.index = [
        theme_label(str(t), vocabulary, language=language)
        if isinstance(t, str) and t
        else text("report.none", language)
        for t in out.index
    ]
    out.index.name = "theme"
    # rows in the alphabetical order of the labels in the page's language, "(none)" last
    none = text("report.none", language)
    labels = [str(label) for label in out.index]
    order = sorted(range(len(labels)), key=lambda i: (labels[i] == none, label_sort_key(labels[i])))
    return out.iloc[order]


def _funnel_blocks(
    G: nx.MultiDiGraph, table: pd.DataFrame, summary: pd.DataFrame, ctx: dict[str, Any]
) -> list[Block]:
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    frame = funnel(G, table, summary)
    if ctx["audience"] == "public":
        frame = suppress_small(
            frame,
            ["referrals", "accepted", "started", "rejected"],
            min_cell=min_cell,
            total_row="total",
            complements={"accepted": "referrals", "started": "referrals", "rejected": "referrals"},
            linked={
                "referrals": ["accepted", "started", "rejected", "accept_rate", "start_rate"],
                "accepted": ["accept_rate"],
                "started": ["start_rate"],
            },
        ).drop(columns="suppressed")
    frame = frame.round({"accept_rate": 2, "start_rate": 2})
    frame.index = [
        text("report.total", language) if k == "total" else _level_label(str(k), language)
        for k in frame.index
    ]
    frame.index.name = "level"
    return [
        {"type": "subheading", "text": text("report.outcomes_funnel", language)},
        note_block(text("report.outcomes_funnel_note", language)),
        table_block(frame, language=language, min_cell=min_cell),
    ]


def _theme_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[Block]:
    from sociale_kaart.report.page import table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    frame = referral_outcomes(
        G, by="theme", audience=ctx["audience"], min_cell=min_cell, language=language
    )
    if "suppressed" in frame:
        frame = frame.drop(columns="suppressed")
    frame = _themes(G, frame, language).round({"start_rate": 2, "median_days_to_start": 1})
    return [
        {"type": "subheading", "text": text("report.outcomes_by_theme", language)},
        table_block(frame, language=language, min_cell=min_cell),
    ]


def _reason_blocks(summary: pd.DataFrame, ctx: dict[str, Any]) -> list[Block]:
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    blocks: list[Block] = [
        {"type": "subheading", "text": text("report.outcomes_reasons", language)},
        note_block(text("report.outcomes_reasons_note", language)),
    ]
    frame = reasons(summary)
    if ctx["audience"] == "public":
        # a reason is free text: shown only when given often enough to name no one
        rare = frame["total"] < min_cell
        left_out = int(frame.loc[rare, "total"].sum())
        frame = frame[~rare]
        frame = suppress_small(
            frame,
            ["rejected", "cancelled"],
            min_cell=min_cell,
            complements={"rejected": "total", "cancelled": "total"},
        ).drop(columns="suppressed")
        blocks.append(
            note_block(
                text(
                    "report.outcomes_reasons_public",
                    language,
                    min_cell=min_cell,
                    n=text("report.outcomes_fewer_than", language, min_cell=min_cell)
                    if 0 < left_out < min_cell
                    else _count(left_out, language),
                )
            )
        )
    if frame.empty:
        blocks.append(note_block(text("report.nothing", language)))
        return blocks
    frame = frame.head(ctx["top"])
    frame.index = [
        text("report.outcomes_no_reason", language)
        if r is None or r != r
        else reason_label(str(r), language)
        for r in frame.index
    ]
    frame.index.name = "reason"
    blocks.append(table_block(frame, language=language, min_cell=min_cell))
    return blocks


def _companion_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[Block]:
    from sociale_kaart.gaps.journal import COMPANION_MIN_REFERRALS
    from sociale_kaart.report.page import note_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    row = companion_effect(G).iloc[0]
    blocks: list[Block] = [
        {"type": "subheading", "text": text("report.outcomes_companion", language)}
    ]
    if ctx["audience"] == "public":
        cells = [int(row[c]) for c in _COMPANION_CELLS]
        cells += [
            int(row["with_companion"]) - int(row["started_with"]),
            int(row["without_companion"]) - int(row["started_without"]),
        ]
        if any(0 < c < min_cell for c in cells):
            blocks.append(
                note_block(text("report.outcomes_companion_withheld", language, min_cell=min_cell))
            )
            return blocks
    sentence = companion_sentence(row, language, min_referrals=COMPANION_MIN_REFERRALS)
    blocks.append(note_block(sentence))
    return blocks


def _open_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[Block]:
    from sociale_kaart.report.page import note_block, table_block

    language, min_cell = ctx["language"], ctx["min_cell"]
    day: _dt.date = ctx["today"]  # as for the open-loop gaps of the same page
    loops = open_loops(G, open_weeks=OPEN_WEEKS, today=day)
    blocks: list[Block] = [{"type": "subheading", "text": text("report.outcomes_open", language)}]
    n = len(loops)
    if ctx["audience"] == "public":
        shown = (
            text("report.outcomes_fewer_than", language, min_cell=min_cell)
            if 0 < n < min_cell
            else _count(n, language)
        )
        blocks.append(
            note_block(
                text(
                    "report.outcomes_open_public",
                    language,
                    weeks=OPEN_WEEKS,
                    date=format_date(day, language),
                    n=shown,
                )
            )
        )
        return blocks
    blocks.append(
        note_block(
            text(
                "report.outcomes_open_intro",
                language,
                weeks=OPEN_WEEKS,
                date=format_date(day, language),
                n=_count(n, language),
            )
        )
    )
    if loops.empty:
        return blocks
    pros = team_labels(G, language=language)  # the team's table: residents by name too
    vocabulary = G.graph.get("themes") or {}
    limit = 3 * max(ctx["top"], 1)
    shown_loops = loops.head(limit)
    frame = pd.DataFrame(
        {
            "referrer": [team_label(G, pros, v) for v in shown_loops["referrer"]],
            "resident": [team_label(G, pros, v) for v in shown_loops["resident"]],
            "target": [team_label(G, pros, v) for v in shown_loops["target"]],
            "theme": [
                theme_label(str(t), vocabulary, language=language) if isinstance(t, str) else ""
                for t in shown_loops["theme"]
            ],
            "status": [text(f"journal.status.{s}", language) for s in shown_loops["status"]],
            "last": list(shown_loops["last"]),
            "weeks_open": [int(w) for w in shown_loops["weeks_open"]],
        },
        index=pd.Index([str(r) for r in shown_loops.index], name="referral"),
    )
    blocks.append(table_block(frame, language=language, min_cell=min_cell, numeric=["weeks_open"]))
    if n > limit:
        blocks.append(note_block(text("report.outcomes_open_more", language, shown=limit, total=n)))
    return blocks


def outcome_blocks(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[Block]:
    """The blocks of the section "What became of referrals" for a map with a journal.

    ``ctx`` is the report's context (language, audience, today, top, min_cell).

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> ctx = {"language": "en", "audience": "public", "today": dt.date(2026, 11, 21),
    ...        "top": 10, "min_cell": 10}
    >>> blocks = outcome_blocks(sk.load_sample(), ctx)
    >>> [b["text"] for b in blocks if b["type"] == "subheading"][0]
    'From proposal to start, per level'
    """
    from sociale_kaart.report.page import note_block

    language = ctx["language"]
    table = G.graph.get("referrals")
    if table is None or len(table) == 0:
        return [note_block(text("report.outcomes_empty", language))]
    summary = referral_summary(table)
    if ctx["audience"] == "public":
        blocks = [
            note_block(text("report.outcomes_public_intro", language, min_cell=ctx["min_cell"]))
        ]
    else:
        blocks = [
            note_block(
                text(
                    "report.outcomes_intro",
                    language,
                    n=_count(len(summary), language),
                    first=format_date(min(summary["first"]), language),
                    last=format_date(max(summary["last"]), language),
                )
            )
        ]
    blocks += _funnel_blocks(G, table, summary, ctx)
    blocks += _theme_blocks(G, ctx)
    blocks += _reason_blocks(summary, ctx)
    blocks += _companion_blocks(G, ctx)
    blocks += _open_blocks(G, ctx)
    return blocks
