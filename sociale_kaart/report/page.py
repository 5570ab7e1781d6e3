"""The wijkanalyse: one self-contained, offline HTML page about a neighbourhood.

:func:`report` gathers the summary, the interactive map, key figures,
brokers, the top gaps, meeting load, example referrals and data quality
into one file, in Dutch or English, for the team (``audience="team"``) or
for the public (``audience="public"``: aggregates only, small counts
suppressed, nothing about persons).
"""

from __future__ import annotations

import base64
import datetime as _dt
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.analysis.summary import summary
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.formatting import format_date, format_number
from sociale_kaart.core.naming import name_in_text, team_labels
from sociale_kaart.core.records import MODELS
from sociale_kaart.core.strings import (
    check_language,
    field_label,
    join_words,
    kind_label,
    relation_label,
    text,
)
from sociale_kaart.core.themes import theme_label
from sociale_kaart.core.vocabulary import BROKERAGE_ROLES, KINDS, OFFER_KINDS, PERSON_KINDS
from sociale_kaart.io.atomic import atomic_file, written_path
from sociale_kaart.pictures.layout import group_of
from sociale_kaart.privacy.suppression import MIN_CELL_DEFAULT, check_min_cell, suppress_small
from sociale_kaart.report.directory import directory_tables
from sociale_kaart.report.strengths import strength_blocks

__all__ = ["AUDIENCES", "report"]

PathLike = str | os.PathLike[str]

#: Who a report is for.
AUDIENCES: tuple[str, ...] = ("team", "public")

#: Gap types shown to the public: about offers, places and groups, never about a person
#: (knowledge gaps, meeting load and single knowers name professionals).
PUBLIC_GAP_TYPES = ("coverage", "isolation", "unreached_place", "structural_hole", "stale_record")
#: The public map shows no people: only initiatives, organisations and places.
_PUBLIC_MAP_KINDS = frozenset(KINDS) - PERSON_KINDS
_ANALYSES = (
    "centrality",
    "brokerage",
    "find_gaps",
    "coverage",
    "meeting_audit",
    "suggest_referrals",
)


# ----------------------------------------------------------------------------- analyses


def _residents_for_examples(G: nx.MultiDiGraph, n: int) -> list[Any]:
    """Residents with the most urgent scored needs first (lowest ZRM score), then by id."""
    ranked = []
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") != "resident":
            continue
        needs = attrs.get("needs") or {}
        if not needs:
            continue
        scores = [s for s in needs.values() if s is not None]
        ranked.append((min(scores) if scores else 6, -len(needs), str(node), node))
    ranked.sort()
    return [item[-1] for item in ranked[:n]]


def _analyses(
    G: nx.MultiDiGraph,
    *,
    language: str,
    audience: str,
    referrals: int,
    today: _dt.date,
    min_cell: int,
    stale_months: int = 12,
) -> dict[str, Any]:
    """Run the analyses the report shows; the public report runs only aggregate ones."""
    from sociale_kaart.analysis.brokerage import brokerage
    from sociale_kaart.analysis.centrality import centrality
    from sociale_kaart.gaps.api import coverage, find_gaps, meeting_audit
    from sociale_kaart.referral.suggest import suggest_referrals

    public = audience == "public"
    out: dict[str, Any] = {
        "coverage": coverage(G, today=today, aggregate_only=public, min_cell=min_cell),
        "find_gaps": find_gaps(
            G,
            kinds=PUBLIC_GAP_TYPES if public else None,
            language=language,
            today=today,
            aggregate_only=public,
            min_cell=min_cell,
            stale_months=stale_months,
        ),
    }
    if public:
        return out
    out["centrality"] = centrality(G)
    out["brokerage"] = brokerage(G, by=lambda _, attrs: group_of(attrs) or None)
    out["meeting_audit"] = meeting_audit(G)
    rows = []
    for resident in _residents_for_examples(G, referrals):
        found = suggest_referrals(G, resident, language=language, today=today)
        if not found.empty:
            rows.append((resident, found.iloc[0]))  # the best suggestion, eligible first
    out["suggest_referrals"] = rows
    return out


# ----------------------------------------------------------------------------- blocks


def _cell(value: Any, *, language: str, min_cell: int) -> str:
    if value is pd.NA:  # suppress_small hides a cell as pd.NA, and nothing else here does
        return text("report.suppressed", language, min_cell=min_cell)
    if value is None or (isinstance(value, float) and value != value):
        return "–"  # not known or not defined (a density of one node): not a small count
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return _number(value, language)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return format_date(value, language)
    return str(value)


def _number(value: float, language: str) -> str:
    """Three significant digits (at most three decimals) in the page's number format."""
    size = abs(value)
    if size >= 100 or value == 0 or value.is_integer():
        decimals = 0
    elif size >= 10:
        decimals = 1
    elif size >= 1:
        decimals = 2
    else:
        decimals = 3 if size < 0.1 else 2
    return format_number(value, language, decimals=decimals)


def _header(column: str, language: str) -> str:
    key = f"col.{column}"
    from sociale_kaart.core.strings import STRINGS

    if key in STRINGS:
        return text(key, language)
    if f"relation.{column}" in STRINGS:
        return text(f"relation.{column}", language)
    return column


def table_block(
    frame: pd.DataFrame,
    *,
    language: str,
    min_cell: int,
    index: bool = True,
    index_label: str | None = None,
    numeric: Iterable[str] = (),
) -> dict[str, Any]:
    """A table block of the page: headers in the page's language, cells written by ``_cell``.

    Shared by the section modules (``since``, ``outcomes``); the template escapes every cell.
    """
    columns = list(frame.columns)
    headers = [index_label or _header(str(frame.index.name or "id"), language)] if index else []
    headers += [_header(str(c), language) for c in columns]
    rows = []
    for key, row in frame.iterrows():
        cells = [_cell(key, language=language, min_cell=min_cell)] if index else []
        cells += [_cell(row[c], language=language, min_cell=min_cell) for c in columns]
        rows.append(cells)
    numeric_set = set(numeric) | {
        str(c) for c in columns if pd.api.types.is_numeric_dtype(frame[c].dtype)
    }
    align = ([False] if index else []) + [str(c) in numeric_set for c in columns]
    return {"type": "table", "headers": headers, "rows": rows, "align": align}


def note_block(message: str) -> dict[str, Any]:
    """A note block of the page (one escaped paragraph)."""
    return {"type": "note", "text": message}


def figure_block(ax: Any, alt: str) -> dict[str, Any]:
    """A figure block of the page: the axes' figure as an embedded PNG with its ``alt`` text."""
    figure = ax.figure
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"type": "figure", "src": f"data:image/png;base64,{data}", "alt": alt}


def _label(G: nx.MultiDiGraph, node: Any, ctx: Mapping[str, Any] | None = None) -> str:
    """A node as the page names it.

    In the team version (``ctx["labels"]``, :func:`~sociale_kaart.core.naming.team_labels`)
    people by name, residents too; otherwise a node's name, but a resident's
    id (names are personal data).
    """
    labels: Mapping[Any, str] = (ctx or {}).get("labels") or {}
    if node in labels:
        return labels[node]
    attrs = G.nodes[node] if node in G else {}
    if attrs.get("kind") == "resident":
        return str(node)
    return str(attrs.get("name") or node)


def _with_names(G: nx.MultiDiGraph, frame: pd.DataFrame, ctx: Mapping[str, Any]) -> pd.DataFrame:
    """``frame`` with residents' names filled in when the team's figures may show them.

    The analysis tables hold no residents' names (docs/conventions.md, "Names
    in tables"); a figure labels residents by name only with ``show=["name"]``,
    so only then are the names put back, from ``G``, for the team.
    """
    if "name" not in ctx["show"] or "name" not in frame.columns:
        return frame
    names = [
        G.nodes[n].get("name") if n in G and G.nodes[n].get("kind") == "resident" else v
        for n, v in zip(frame.index, frame["name"], strict=True)
    ]
    return frame.assign(name=names)


# ----------------------------------------------------------------------------- sections


def _summary_section(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    language, min_cell = ctx["language"], ctx["min_cell"]
    # issue 14: the rows add up to the total (every node and tie counted once, those in
    # several buurten in a row of their own); the rule and the per-buurt count of the
    # professionals, who mostly work in several buurten, are said under the table.
    frame = summary(G, once=True)
    per_buurt = summary(G)[["professionals"]].drop(index=["total", "(none)"], errors="ignore")
    if ctx["audience"] == "public":
        # Offers and places are not people: their counts stay visible (issue 14,
        # "Havenkwartier: 2 initiatieven"); counts of people and ties are suppressed.
        offers = {"initiatives", "organisations", "places"}
        people = [c for c in frame.columns if c not in offers]
        frame = suppress_small(frame, people, min_cell=min_cell, total_row="total")
        frame = frame.drop(columns="suppressed")
        per_buurt = suppress_small(per_buurt, ["professionals"], min_cell=min_cell)
    frame = frame.rename(
        index={
            "total": text("report.total", language),
            "(none)": text("report.none", language),
            "(several)": text("report.summary_several", language),
        }
    )
    frame.index.name = "neighbourhood"
    kinds = ["residents", "professionals", "initiatives", "organisations", "places"]
    counts = frame[kinds].rename(columns={"residents": "residents_n"})
    ties = frame.drop(columns=kinds)
    ties = ties.loc[:, (ties.fillna(1) != 0).any(axis=0)].T
    ties.index = [relation_label(r, language) for r in ties.index]
    ties.index.name = "relation"
    working = join_words(
        [
            f"{nb} {_cell(n, language=language, min_cell=min_cell)}"
            for nb, n in per_buurt["professionals"].items()
        ],
        language,
    )
    return [
        note_block(text("report.summary_intro", language)),
        table_block(counts, language=language, min_cell=min_cell),
        note_block(
            text(
                "report.summary_rule",
                language,
                several=text("report.summary_several", language),
            )
        ),
        *(
            [note_block(text("report.summary_working", language, counts=working))]
            if working
            else []
        ),
        table_block(ties, language=language, min_cell=min_cell),
        note_block(
            text(
                "report.summary_ties_rule",
                language,
                several=text("report.summary_several", language),
            )
        ),
    ]


def _map_section(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    from sociale_kaart.pictures.interactive import interactive

    language = ctx["language"]
    blocks: list[dict[str, Any]] = []
    nodes = None
    if ctx["audience"] == "public":
        nodes = [n for n, a in G.nodes(data=True) if a.get("kind") in _PUBLIC_MAP_KINDS]
        blocks.append(note_block(text("report.map_public", language)))
    net = interactive(
        G,
        nodes=nodes,
        language=language,
        seed=ctx["seed"],
        show=ctx["show"],
        physics=False,
        layout="neighbourhood",
        height="600px",
        # the team's search box checks the offers for a resident (issue 14); never the public's
        eligibility=ctx["audience"] == "team",
    )
    blocks.append({"type": "map", "map": net.map_context()})
    return blocks


def _public_coverage(frame: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    if "residents" not in frame.columns:
        return frame
    out = suppress_small(frame, ["residents"], min_cell=min_cell)
    hidden = out["residents"].isna()
    out["demand"] = out["demand"].astype(float).mask(hidden)
    return out.drop(columns="suppressed")


def _figures_section(
    G: nx.MultiDiGraph, ctx: dict[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    from sociale_kaart.pictures.plot import plot_centrality, plot_coverage

    language, min_cell = ctx["language"], ctx["min_cell"]
    blocks: list[dict[str, Any]] = []
    coverage = found["coverage"]
    if ctx["audience"] == "public":
        coverage = _public_coverage(coverage, min_cell)
    ax = plot_coverage(coverage, language=language)
    blocks.append(figure_block(ax, text("fig.coverage", language)))
    blocks.append(note_block(text("report.explain.coverage", language)))
    if ctx["audience"] == "team":
        centrality = _with_names(G, found["centrality"], ctx)
        ax = plot_centrality(centrality, language=language, show=ctx["show"])
        blocks.append(figure_block(ax, text("fig.centrality", language)))
        cols = ["kind", "name", "degree", "betweenness", "pagerank"]
        top = centrality.sort_values("betweenness", ascending=False).head(ctx["top"])[cols]
        top = top.assign(
            name=[_label(G, n, ctx) for n in top.index],  # the team's table names residents
            kind=[kind_label(k, language) for k in top["kind"]],
        )
        blocks.append(table_block(top.round(3), language=language, min_cell=min_cell))
        blocks.append(note_block(text("report.explain.centrality", language)))
    return blocks


def _brokers_section(
    G: nx.MultiDiGraph, ctx: dict[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    from sociale_kaart.pictures.plot import plot_brokerage

    language = ctx["language"]
    if ctx["audience"] == "public":
        return [note_block(text("report.team_only", language))]
    frame = _with_names(G, found["brokerage"], ctx)
    blocks = [note_block(text("report.brokers_intro", language))]
    blocks.append(
        figure_block(
            plot_brokerage(frame, top=ctx["top"], language=language, show=ctx["show"]),
            text("fig.brokerage", language),
        )
    )
    order = (
        frame["total"] if "total" in frame else frame[list(BROKERAGE_ROLES)].sum(axis=1)
    ).sort_values(ascending=False, kind="stable")
    top = frame.loc[
        order.head(ctx["top"]).index, [c for c in (*BROKERAGE_ROLES, "total") if c in frame]
    ]
    top = top.rename(columns={r: text(f"role.{r}", language) for r in BROKERAGE_ROLES})
    top.index = [_label(G, n, ctx) for n in top.index]
    top.index.name = "name"
    blocks.append(table_block(top, language=language, min_cell=ctx["min_cell"]))
    blocks.append(note_block(text("report.explain.brokers", language)))
    from sociale_kaart.report.whatif import departure_blocks

    blocks += departure_blocks(G, ctx, found)  # issue 14: what if a connector leaves?
    return blocks


def _gaps_section(
    G: nx.MultiDiGraph, ctx: dict[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    from sociale_kaart.report.gaps import gap_blocks

    return gap_blocks(G, ctx, found)


def _meetings_section(
    G: nx.MultiDiGraph, ctx: dict[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    language = ctx["language"]
    if ctx["audience"] == "public":
        return [note_block(text("report.team_only", language))]
    audit = found["meeting_audit"]
    if audit.meetings.empty:
        return [note_block(text("report.nothing", language))]
    people = audit.professionals.head(ctx["top"])[
        ["meetings", "hours_per_month", "flagged_hours", "caseload"]
    ].copy()
    people.index = [_label(G, n, ctx) for n in people.index]
    people.index.name = "professional"
    flagged = audit.meetings[audit.meetings["flagged"]]
    flagged = flagged.sort_values(["hours_per_month", "professional"], ascending=[False, True])
    meetings = pd.DataFrame(
        {
            "professional": [_label(G, n, ctx) for n in flagged["professional"]],
            "other": [_label(G, n, ctx) for n in flagged["other"]],
            "hours_per_month": flagged["hours_per_month"].astype(float).round(1),
            "shared_residents": flagged["shared_residents"],
            "relevance": flagged["relevance"].astype(float).round(2),
        }
    ).head(3 * ctx["top"])
    return [
        note_block(text("report.meetings_intro", language)),
        note_block(text("report.hours_won_back", language, hours=f"{audit.hours_won_back:.0f}")),
        table_block(people, language=language, min_cell=ctx["min_cell"]),
        table_block(meetings, language=language, min_cell=ctx["min_cell"], index=False),
    ]


def _referrals_section(
    G: nx.MultiDiGraph, ctx: dict[str, Any], found: Mapping[str, Any]
) -> list[dict[str, Any]]:
    language = ctx["language"]
    if ctx["audience"] == "public":
        return [note_block(text("report.team_only", language))]
    rows = found["suggest_referrals"]
    if not rows:
        return [note_block(text("report.nothing", language))]
    themes = G.graph.get("themes") or {}
    cards = []
    labels = ctx.get("labels") or {}
    for resident, row in rows:
        target = row.get("target")
        name = _label(G, target, ctx) if target is not None else ""
        theme = row.get("theme")
        title = f"{text('report.resident', language)} {_label(G, resident, ctx)} → {name}"
        if theme:
            title += f" ({theme_label(str(theme), themes, language=language)})"
        path = list(row.get("path") or [])
        lines = []
        if path:
            lines.append(
                f"{text('report.path', language)}: " + " → ".join(_label(G, n, ctx) for n in path)
            )
        if row.get("explanation"):
            lines.append(name_in_text(str(row.get("explanation")), labels, path))
        reasons = row.get("reasons")
        cards.append(
            {
                "title": title,
                "lines": lines,
                "reasons": (
                    [name_in_text(str(r), labels, path) for r in reasons]
                    if isinstance(reasons, (list, tuple))
                    else []
                ),
            }
        )
    return [note_block(text("report.referrals_intro", language)), {"type": "cards", "cards": cards}]


def _quality_section(G: nx.MultiDiGraph, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    from sociale_kaart.gaps.detect import months_between

    language, min_cell = ctx["language"], ctx["min_cell"]
    today: _dt.date = ctx["today"]
    stale_rows = []
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") not in OFFER_KINDS:
            continue
        verified = attrs.get("last_verified")
        if verified is None or months_between(verified, today) > ctx["stale_months"]:
            stale_rows.append(
                {
                    "id": str(node),
                    "name": str(attrs.get("name") or ""),
                    "kind": kind_label(attrs.get("kind"), language),
                    "last_verified": format_date(verified, language)
                    if verified
                    else text("report.never", language),
                }
            )
    blocks: list[dict[str, Any]] = [
        {"type": "subheading", "text": text("report.stale", language)},
        note_block(text("report.stale_intro", language, months=ctx["stale_months"])),
    ]
    if stale_rows:
        stale = pd.DataFrame(stale_rows).sort_values("last_verified").set_index("id")
        blocks.append(table_block(stale, language=language, min_cell=min_cell))
    else:
        blocks.append(note_block(text("report.nothing", language)))
    missing_rows = []
    for kind in KINDS:
        members = [a for _, a in G.nodes(data=True) if a.get("kind") == kind]
        if not members:
            continue
        for field in MODELS[kind].model_fields:
            if field in ("id", "extra"):
                continue
            empty = sum(1 for a in members if a.get(field) in (None, "", [], {}))
            if empty:
                missing_rows.append(
                    {
                        "kind": kind_label(kind, language, plural=True),
                        "field": field_label(field, language),
                        "missing": empty,
                        "count": len(members),
                    }
                )
    blocks.append({"type": "subheading", "text": text("report.missing", language)})
    blocks.append(note_block(text("report.missing_intro", language)))
    if missing_rows:
        missing = pd.DataFrame(missing_rows)
        if ctx["audience"] == "public":
            missing = suppress_small(
                missing, ["missing"], min_cell=min_cell, complements={"missing": "count"}
            ).drop(columns="suppressed")
        blocks.append(table_block(missing, language=language, min_cell=min_cell, index=False))
    else:
        blocks.append(note_block(text("report.nothing", language)))
    return blocks


# ----------------------------------------------------------------------------- report


def render_report(
    G: nx.MultiDiGraph,
    *,
    language: str = "en",
    audience: str = "team",
    title: str | None = None,
    top: int = 10,
    referrals: int = 3,
    stale_months: int = 12,
    today: _dt.date | None = None,
    min_cell: int = MIN_CELL_DEFAULT,
    show: Iterable[str] | None = None,
    seed: int = 0,
    previous: nx.MultiDiGraph | None = None,
) -> str:
    """The report as one HTML document (text); see :func:`report` for the parameters."""
    language = check_language(language)
    if previous is not None:
        require_map(previous, parameter="previous")
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be 'team' or 'public', not {audience!r}")
    min_cell = check_min_cell(min_cell)
    for name, value in (("top", top), ("referrals", referrals), ("stale_months", stale_months)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number of at least 0, not {value!r}")
    if audience == "public" and show:
        raise ValueError(
            "show= widens person-level fields and cannot be used with audience='public'"
        )
    from markupsafe import Markup

    from sociale_kaart.pictures.html import assets, content_security_policy, environment

    shown = list(show or [])
    ctx: dict[str, Any] = {
        "language": language,
        "audience": audience,
        "top": top,
        "stale_months": stale_months,
        "today": today or _dt.date.today(),
        "min_cell": min_cell,
        "show": shown,
        "seed": seed,
        # The team version names people, residents too; the public one no person.
        "labels": team_labels(G, language=language) if audience == "team" else {},
    }
    found = _analyses(
        G,
        language=language,
        audience=audience,
        referrals=referrals,
        today=ctx["today"],
        min_cell=min_cell,
        stale_months=stale_months,
    )
    sections = [
        ("summary", "report.summary", _summary_section(G, ctx)),
        ("map", "report.map", _map_section(G, ctx)),
        ("figures", "report.figures", _figures_section(G, ctx, found)),
        ("brokers", "report.brokers", _brokers_section(G, ctx, found)),
        ("gaps", "report.gaps", _gaps_section(G, ctx, found)),
        ("strengths", "report.strengths", strength_blocks(G, ctx)),
        ("meetings", "report.meetings", _meetings_section(G, ctx, found)),
        ("referrals", "report.referrals", _referrals_section(G, ctx, found)),
        ("quality", "report.quality", _quality_section(G, ctx)),
    ]
    from sociale_kaart.report.outcomes import has_journal, outcome_blocks

    if has_journal(G):  # issue 13: what became of the referrals in the journal
        where = [sid for sid, _, _ in sections].index("referrals") + 1
        sections.insert(where, ("outcomes", "report.outcomes", outcome_blocks(G, ctx)))
    from sociale_kaart.report.policy import policy_blocks

    # issue 14: the policy page for the municipality, before data quality
    where = [sid for sid, _, _ in sections].index("quality")
    sections.insert(where, ("policy", "report.policy", policy_blocks(G, ctx)))
    if previous is not None:  # issue 12: what changed since the previous map
        from sociale_kaart.report.since import since_blocks

        sections.insert(1, ("since", "report.since", since_blocks(G, previous, ctx)))
    tables = directory_tables(G, language=language, today=ctx["today"], stale_months=stale_months)
    if tables is not None:  # a directory-only map (issue 11): say so, show supply
        blocks = [note_block(text("report.directory_note", language))]
        blocks += [table_block(t, language=language, min_cell=min_cell) for t in tables]
        sections.insert(0, ("directory", "report.directory", blocks))
    name = str(G.graph.get("name") or "")
    heading = title or f"{text('report.title', language)} {name.replace('_', ' ').title()}".strip()
    parts = assets()
    page = environment().get_template("report.html.j2")
    return str(
        page.render(
            language=language,
            title=heading,
            subtitle=f"{text('report.subtitle', language)} {name}" if name else "",
            made=f"{text('report.made', language)} {format_date(ctx['today'], language)}",
            audience_note=text(f"report.audience.{audience}", language, min_cell=min_cell),
            audience=audience,
            contents_label=text("report.contents", language),
            sections=[
                {"id": sid, "title": text(key, language), "blocks": blocks}
                for sid, key, blocks in sections
            ],
            footer=text("report.footer", language),
            csp=content_security_policy(),
            vis_css=Markup(parts["vis_css"]),
            map_css=Markup(parts["map_css"]),
            vis_js=Markup(parts["vis_js"]),
            map_js=Markup(parts["map_js"]),
        )
    )


def report(
    G: nx.MultiDiGraph,
    path: PathLike,
    *,
    language: str = "en",
    audience: str = "team",
    title: str | None = None,
    top: int = 10,
    referrals: int = 3,
    stale_months: int = 12,
    today: _dt.date | None = None,
    min_cell: int = MIN_CELL_DEFAULT,
    show: Iterable[str] | None = None,
    seed: int = 0,
    previous: nx.MultiDiGraph | None = None,
) -> Path:
    """Write the wijkanalyse: one self-contained, offline HTML page.

    The page holds the summary, the interactive map, key figures (coverage
    and centrality), the brokers, the top gaps with explanations and
    suggestions, meeting load, example referrals and data quality (stale
    records, missing fields); for a map with a referral journal, also what
    became of the referrals (the funnel per level, reasons, the companion
    comparison and open loops; see :func:`~sociale_kaart.referral_outcomes`
    and :func:`~sociale_kaart.companion_effect`); and a section for the
    municipality (residents with a need per theme and neighbourhood, offers
    per rung of the ladder of provisions, meeting hours to win back; see
    :func:`~sociale_kaart.policy_tables`), with counts of residents
    suppressed in the public version.
    It loads nothing from outside; a
    Content-Security-Policy lets only its two bundled scripts run.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The HTML file to write; its missing parent folders are created.
    language : {"en", "nl"}, default "en"
        The page's language; every text is in it.
    audience : {"team", "public"}, default "team"
        ``"team"``: everything, with residents by id (not by name).
        ``"public"``: only aggregates, counts below ``min_cell`` suppressed
        with :func:`sociale_kaart.privacy.suppression.suppress_small`; the map shows
        only initiatives, organisations and places; no brokers, meetings or
        referrals (they are about persons).
    title : str, optional
        The page title; "Wijkanalyse <name>" by default.
    top : int, default 10
        Rows in the tables of gaps, brokers and central actors.
    referrals : int, default 3
        Example referrals, for the residents with the most urgent needs.
    stale_months : int, default 12
        An offer not verified for more whole months than this is stale (the
        rule of :func:`~sociale_kaart.stale_records`).
    today : datetime.date, optional
        The reference date for staleness and the page; today by default.
    min_cell : int, default 10
        The small-cell threshold of the public version (at least 5).
    show : iterable of str, optional
        Extra fields for the map's tooltips (team version only), e.g.
        ``["name"]``.
    seed : int, default 0
        Seed of the map's layout.
    previous : networkx.MultiDiGraph, optional
        An earlier map of the same neighbourhood (the last report's map, a
        :func:`~sociale_kaart.snapshot`). Adds the section "Sinds de vorige
        keer" / "Since last time", from :func:`~sociale_kaart.diff`: for the
        team, the gaps closed and opened (matched by
        :func:`~sociale_kaart.change.gap_key`), the team's new and ended
        connections, who left and which new gaps follow from that (the
        :func:`~sociale_kaart.what_if` of their departure on the previous
        map), and the scores over time as a small figure (when the previous
        map has a date before this one's; see :func:`~sociale_kaart.change.as_of`).
        For the public, only counts of change per gap type, neighbourhood and
        theme, per kind and per relation, counts about people below
        ``min_cell`` suppressed, and the scores of the whole map.

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old page intact.

    Raises
    ------
    ValueError
        For an unknown language or audience, a bad number, ``show`` with
        the public audience, or ``min_cell`` below 5.

    See Also
    --------
    write_html : only the interactive map.
    diff : every table of what changed between two maps.

    Notes
    -----
    Sections whose analysis is not in this version of the library are left
    out with a note on the page. The scores over time are those of
    :func:`~sociale_kaart.network_scores` (density, mean trust, the E-I index
    of Krackhardt and Stern between organisations and between roles,
    components, isolates, meeting hours).

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and
    organizational crises: an experimental simulation. *Social Psychology
    Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835

    Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
    Applications*. Cambridge University Press (density, ch. 4).
    https://doi.org/10.1017/CBO9780511815478

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = sk.report(sk.load_sample(), pathlib.Path(tmp) / "wijk.html", language="nl")
    ...     page = out.read_text(encoding="utf-8")
    >>> "<h2 id=\\"summary\\">Samenvatting</h2>" in page, "Samira" in page
    (True, False)

    The sample has a referral journal, so the page says what became of the
    referrals:

    >>> "Wat werd er van de verwijzingen?" in page
    True

    Since last time: the sample's history, from before the team went out to
    after the community builder left.

    >>> H = sk.load_sample("rivierwijk_history")
    >>> before, after = sk.snapshot(H, on="2026-11-01"), sk.snapshot(H, on="2026-11-21")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = sk.report(after, pathlib.Path(tmp) / "wijk.html", previous=before)
    ...     page = out.read_text(encoding="utf-8")
    >>> section = page.split('<h2 id="since">')[1].split("<h2")[0]
    >>> "Gaps closed" in section, "Naaiclub Diki" in section, "Dewi Sardjoe" in section
    (True, True, True)
    """
    require_map(G)
    html = render_report(
        G,
        language=language,
        audience=audience,
        title=title,
        top=top,
        referrals=referrals,
        stale_months=stale_months,
        today=today,
        min_cell=min_cell,
        show=show,
        seed=seed,
        previous=previous,
    )
    with atomic_file(path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return written_path(path)
