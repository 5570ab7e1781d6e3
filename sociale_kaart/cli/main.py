"""The ``sociale-kaart`` command line tool.

Examples
--------
::

    sociale-kaart report --lang nl -o wijkanalyse.html   # the Dutch report of the sample
    sociale-kaart report my_map/ --audience public -o public.html
    sociale-kaart summary                      # the embedded sample
    sociale-kaart validate path/to/folder      # exit code 1 when the map is invalid
    sociale-kaart gaps my_map/
    sociale-kaart refer my_map/ r_henk --theme exercise
    sociale-kaart zoek my_map/ --theme taal --near "3311 BE" --lang nl
    sociale-kaart export my_map/ --format graphml -o map.graphml
    sociale-kaart report my_map/ --since maps/2026-01-15/ -o wijkanalyse.html
    sociale-kaart diff maps/2026-01-15/ my_map/ -o changes/   # the six tables as CSV
    sociale-kaart journal add my_map/ --referral v016 --status accepted   # one step
    sociale-kaart logboek open my_map/ --lang nl   # the referrals that never came back

Errors are one clear line (plus the details, e.g. every problem in the
data), never a traceback, unless ``--debug`` is given. ``report`` and
``export`` refuse to write onto their input, into the input folder, or over
a folder that holds it, unless ``--force`` is given; every write is atomic.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from sociale_kaart.analysis.summary import summary
from sociale_kaart.core.errors import DataError
from sociale_kaart.core.formatting import format_number
from sociale_kaart.core.journal import STATUSES
from sociale_kaart.core.records import MODELS
from sociale_kaart.core.strings import LANGUAGES, relation_label, text
from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.core.wording import label_in_sentence
from sociale_kaart.datasets import DEFAULT_SAMPLE, load_sample
from sociale_kaart.io.formats import read_csv, read_excel, read_json, write_csv, write_json

__all__ = ["load_source", "main"]

EXPORT_FORMATS = ("graphml", "gexf", "datapackage", "parquet", "json", "csv")


def load_source(source: str | None) -> nx.MultiDiGraph:
    """Load a map from a CSV folder, an ``.xlsx`` workbook, a ``.json`` file, or the sample.

    Examples
    --------
    >>> from sociale_kaart.cli.main import load_source
    >>> load_source(None).graph["name"]
    'rivierwijk'
    """
    if source is None:
        return load_sample()
    path = Path(source)
    if path.is_dir():
        return read_csv(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return read_excel(path)
    if suffix == ".json":
        return read_json(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    raise ValueError(
        f"cannot read {path}: give a folder of CSV files, an .xlsx workbook or a .json file"
    )


class _Progress:
    """Progress lines on standard error, unless ``--quiet``."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"... {message}", file=sys.stderr, flush=True)


def _lang(args: argparse.Namespace) -> str:
    """The language of the command's output: ``--lang`` where it has one, else English."""
    return str(getattr(args, "lang", "en"))


def _load(args: argparse.Namespace) -> nx.MultiDiGraph:
    if args.source:
        args.progress(text("cli.progress.loading", _lang(args), source=args.source))
    else:
        args.progress(text("cli.progress.loading_sample", _lang(args), name=DEFAULT_SAMPLE))
    return load_source(args.source)


def _guard_output(args: argparse.Namespace, out: Path) -> None:
    """Refuse to write onto an input, into an input folder, or over a folder holding one."""
    if getattr(args, "force", False):
        return
    inputs = [args.source, getattr(args, "since", None), getattr(args, "new", None)]
    target = out.resolve()
    for given in inputs:
        if given is None:
            continue
        source = Path(given).resolve()
        if target == source:
            problem = "is the input itself"
        elif source in target.parents:
            problem = "is inside the input folder"
        elif target in source.parents:
            problem = "is a folder that holds the input"
        else:
            continue
        raise ValueError(
            f"refusing to write {out}: it {problem} ({given}), which the write would "
            "destroy or change; choose another output path, or add --force"
        )


def _load_dated(source: str, args: argparse.Namespace) -> nx.MultiDiGraph:
    """Load an earlier map; a map without a date of its own takes it from its name.

    A folder or file whose name starts with ``YYYY-MM-DD`` (as in a series,
    :func:`~sociale_kaart.read_series`) describes that day; without one the map
    stays undated, and the report says it cannot draw the scores over time.
    """
    from sociale_kaart.change.snapshot import as_of, entry_date

    args.progress(text("cli.progress.loading", _lang(args), source=source))
    G = load_source(source)
    if as_of(G) is None:
        day = entry_date(Path(source))
        if day is not None:
            G.graph["as_of"] = day.isoformat()
            args.progress(
                text("cli.progress.dated", _lang(args), source=source, day=day.isoformat())
            )
    return G


def _top(text: str) -> int:
    """The ``--top`` option: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--top must be at least 1, not {value}")
    return value


def _print_frame(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.width", 200, "display.max_columns", 50, "display.max_colwidth", 80
    ):
        print(frame.to_string())


# ----------------------------------------------------------------------------- commands


def _cmd_summary(args: argparse.Namespace) -> int:
    G = _load(args)
    name = G.graph.get("name") or "map"
    nodes, ties = G.number_of_nodes(), G.number_of_edges()
    language = _lang(args)
    print(text("cli.summary.title", language, name=repr(name), nodes=nodes, ties=ties))
    _print_frame(_summary_in_words(summary(G), language).T)
    return 0


def _summary_in_words(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """The summary table with its rows and columns named in the page's language."""
    kinds = {"residents": "col.residents_n"} | {
        k: f"col.{k}" for k in ("professionals", "initiatives", "organisations", "places")
    }
    frame = frame.rename(
        index={"total": text("report.total", language), "(none)": text("report.none", language)},
        columns={
            c: text(kinds[c], language) if c in kinds else relation_label(str(c), language)
            for c in frame.columns
        },
    )
    frame.index.name = text("col.neighbourhood", language)
    return frame


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        G = _load(args)
    except DataError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(text("cli.valid", _lang(args), nodes=G.number_of_nodes(), ties=G.number_of_edges()))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from sociale_kaart.report.page import report

    if args.since:  # two maps: each may take its date from its name
        G = _load_dated(args.source, args) if args.source else _load(args)
        previous = _load_dated(args.since, args)
    else:
        G, previous = _load(args), None
    name = str(G.graph.get("name") or "sociale-kaart")
    out = Path(args.output) if args.output else Path(f"{name}-wijkanalyse.html")
    _guard_output(args, out)
    args.progress(text(f"cli.progress.report_{args.audience}", args.lang))
    report(G, out, language=args.lang, audience=args.audience, previous=previous)
    args.progress(text("cli.progress.written", args.lang, path=out))
    if args.quiet:
        return 0
    print(out)
    return 0


def _counts(frame: pd.DataFrame, name: str, language: str) -> str:
    """One line: how many rows of a diff table per kind of change."""
    label = text(f"cli.diff.table.{name}", language)
    if frame.empty:
        return f"{label}: {text('cli.diff.none', language)}"
    column = frame["change"]
    if pd.api.types.is_numeric_dtype(column.dtype):  # measures, scores: by direction
        column = column.map(lambda v: "rose" if v > 0 else "fell")
    counts = column.value_counts()
    order = ["added", "removed", "changed", "closed", "opened", "persisting", "rose", "fell"]
    parts = [
        f"{int(counts[c])} {text(f'cli.diff.change.{c}', language)}" for c in order if c in counts
    ]
    return f"{label}: {', '.join(parts)}"


def _cmd_diff(args: argparse.Namespace) -> int:
    from sociale_kaart.change.diff import diff
    from sociale_kaart.io.atomic import atomic_file

    before = _load_dated(args.source, args)
    after = _load_dated(args.new, args)
    if args.output:
        _guard_output(args, Path(args.output))
    args.progress(text("cli.progress.comparing", args.lang))
    found = diff(before, after, language=args.lang)
    language = args.lang
    if args.output:
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise ValueError(f"{folder} is a file: -o takes a folder for the CSV tables")
        tables = found.tables()
        for name, frame in tables.items():
            with atomic_file(folder / f"{name}.csv") as tmp:
                frame.to_csv(tmp, encoding="utf-8")
        args.progress(text("cli.diff.written", language, n=len(tables), path=folder))
        if args.quiet:
            return 0
        print(folder)
        return 0
    undated = text("cli.diff.undated", language)
    days = [d.isoformat() if d is not None else undated for d in (found.before, found.after)]
    print(text("cli.diff.title", language, before=days[0], after=days[1]))
    for name, frame in found.tables().items():
        print(f"  {_counts(frame, name, language)}")
    gaps = found.gaps
    for change in ("closed", "opened"):
        rows = gaps[gaps["change"] == change]
        if rows.empty:
            continue
        print(f"\n{text(f'cli.diff.{change}', language)}:")
        for i, explanation in enumerate(rows["explanation"].head(args.top), start=1):
            print(f"{i}. {explanation}")
        if len(rows) > args.top:
            print(text("cli.diff.more", language, n=len(rows) - args.top))
    scores = found.scores[found.scores["group"] == "total"]
    if not scores.empty:
        print(f"\n{text('cli.diff.scores', language)}:")
        for explanation in scores["explanation"]:
            print(f"- {explanation}")
    return 0


def _cmd_gaps(args: argparse.Namespace) -> int:
    from sociale_kaart.core.naming import name_in_text, team_labels
    from sociale_kaart.gaps.api import find_gaps

    G = _load(args)
    language = args.lang
    args.progress(text("cli.progress.gaps", language))
    gaps = find_gaps(G, language=language)
    if gaps.empty:
        print(text("cli.gaps.none", language))
        return 0
    gaps = gaps.sort_values("severity", ascending=False, kind="stable").head(args.top)
    _print_frame(_gap_table(G, gaps, language))
    # The CLI is for the team: the people a gap is about by name (core/naming.py).
    labels = team_labels(G, language=args.lang)
    for i, (_, row) in enumerate(gaps.iterrows(), start=1):
        nodes = row.get("nodes") or []
        said = name_in_text(str(row.get("explanation", "")), labels, nodes)
        todo = name_in_text(str(row.get("suggestion", "")), labels, nodes)
        print(f"\n{i}. {said}\n   -> {todo}")
    return 0


def _gap_table(G: nx.MultiDiGraph, gaps: pd.DataFrame, language: str) -> pd.DataFrame:
    """The gaps as a table in words: labelled columns, gap types and themes as labels."""
    from sociale_kaart.gaps._labels import gap_type_labels

    vocabulary = G.graph.get("themes") or DEFAULT_THEMES

    def blank(value: object) -> bool:
        return value is None or (isinstance(value, float) and value != value)

    frame = pd.DataFrame(
        {
            text("col.gap_type", language): gap_type_labels(gaps, language=language),
            text("col.severity", language): [
                format_number(float(v), language) for v in gaps["severity"]
            ],
            text("col.neighbourhood", language): [
                "" if blank(v) else str(v) for v in gaps["neighbourhood"]
            ],
            text("col.theme", language): [
                "" if blank(v) else theme_label(str(v), vocabulary, language=language)
                for v in gaps["theme"]
            ],
        }
    )
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _cmd_refer(args: argparse.Namespace) -> int:
    from sociale_kaart.core.naming import name_in_text, team_label, team_labels
    from sociale_kaart.referral.suggest import suggest_referrals

    G = _load(args)
    if args.resident not in G:
        raise KeyError(
            f"resident {args.resident!r} is not in the map; give a resident's id, e.g. "
            f"{next((n for n, a in G.nodes(data=True) if a.get('kind') == 'resident'), 'r_1')!r}"
        )
    args.progress(text("cli.progress.refer", args.lang, resident=args.resident))
    found = suggest_referrals(G, args.resident, theme=args.theme, top=args.top, language=args.lang)
    # The CLI is for the team: people by name, paths as names joined by arrows.
    labels = team_labels(G, language=args.lang)
    if found.empty:
        print(text("cli.refer.none", args.lang, resident=team_label(G, labels, args.resident)))
        return 0
    for i, (_, row) in enumerate(found.head(args.top).iterrows(), start=1):
        steps = list(row.get("path") or [])
        path = " → ".join(team_label(G, labels, n) for n in steps)
        eligible = str(row.get("eligible"))
        ok = (
            text(f"cli.refer.{eligible}", args.lang)
            if eligible in ("yes", "no", "unknown")
            else eligible
        )
        vocabulary = G.graph.get("themes") or DEFAULT_THEMES
        theme = theme_label(str(row.get("theme")), vocabulary, language=args.lang)
        print(f"{i}. {team_label(G, labels, row.get('target'))} ({theme}, {ok})")
        if path:
            print(f"   {text('cli.refer.path', args.lang)}: {path}")
        if row.get("explanation"):
            print(f"   {name_in_text(str(row.get('explanation')), labels, steps)}")
    return 0


def _near(value: str | None) -> str | tuple[float, float] | None:
    """``--near``: a node id, a postcode, or ``lat,lon``."""
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    return value


def _cmd_find(args: argparse.Namespace) -> int:
    from sociale_kaart.core.formatting import format_km
    from sociale_kaart.core.geo import node_coordinates
    from sociale_kaart.referral.directory import find_offers

    G = _load(args)
    args.progress(text("cli.find.searching", args.lang))
    near = _near(args.near)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # said below, in the page language
        found = find_offers(
            G,
            theme=args.theme,
            near=near,
            radius_km=args.radius_km,
            for_resident=args.resident,
            language=args.lang,
        )
    if near is not None:
        unplaced = [
            o for o in find_offers(G, theme=args.theme).index if node_coordinates(G, o) is None
        ]
        if unplaced:
            print(
                text("cli.find.unplaced", args.lang, n=len(unplaced), ids=", ".join(unplaced)),
                file=sys.stderr,
            )
    if found.empty:
        print(text("cli.find.none", args.lang))
        return 0
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    for i, (_, row) in enumerate(found.head(args.top).iterrows(), start=1):
        themes = ", ".join(
            label_in_sentence(theme_label(t, vocabulary, language=args.lang)) for t in row["themes"]
        )
        parts = [themes] if themes else []
        if not pd.isna(row["km"]):
            parts.append(format_km(float(row["km"]), args.lang))
        eligible = row["eligible"]
        if eligible in ("yes", "no", "unknown"):
            parts.append(text(f"cli.refer.{eligible}", args.lang))
        print(f"{i}. {row['name']} ({'; '.join(parts)})")
        for reason in row["reasons"]:
            print(f"   - {reason}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output)
    _guard_output(args, out)
    G = _load(args)
    args.progress(text("cli.progress.export", _lang(args), format=args.format, path=out))
    if args.format == "json":
        write_json(G, out)
    elif args.format == "csv":
        write_csv(G, out)
    else:
        from sociale_kaart.io import export as export

        writers: dict[str, Callable[..., Path]] = {
            "graphml": export.write_graphml,
            "gexf": export.write_gexf,
            "datapackage": export.write_datapackage,
            "parquet": export.write_parquet,
        }
        writer = writers[args.format]
        fields = (
            sorted({f for m in MODELS.values() for f in m.model_fields} - {"id", "extra"})
            if args.include_sensitive
            else None
        )
        writer(G, out, fields=fields)
    args.progress(text("cli.progress.written", _lang(args), path=out))
    return 0


def _day(value: str) -> _dt.date:
    """``--today``: a date written YYYY-MM-DD."""
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"write the date as YYYY-MM-DD, not {value!r}") from None


def _weeks(value: str) -> int:
    """``--weeks``: a whole number of at least 1."""
    try:
        weeks = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--weeks must be a whole number, not {value!r}") from None
    if weeks < 1:
        raise argparse.ArgumentTypeError(f"--weeks must be at least 1, not {weeks}")
    return weeks


def _journal_step(args: argparse.Namespace, existing: pd.DataFrame) -> dict[str, str]:
    """The new step as text cells; the identity of a known referral comes from its first step."""
    ref = str(args.referral).strip()
    known = existing[existing["referral"].astype(str).str.strip() == ref] if len(existing) else None
    step = {
        "referral": ref,
        "date": args.date or _dt.date.today().isoformat(),
        "status": args.status,
        "resident": args.resident or "",
        "referrer": args.referrer or "",
        "target": args.target or "",
        "parent": args.parent or "",
        "theme": args.theme or "",
        "companion": "yes" if args.companion else "",
        "reason": args.reason or "",
    }
    if known is not None and len(known):
        first = known.iloc[0]
        for column in ("resident", "referrer", "target"):
            if not step[column] and column in known.columns:
                step[column] = str(first[column])  # one referral keeps one resident, ...
    return step


def _cmd_journal_add(args: argparse.Namespace) -> int:
    import csv
    import io

    from sociale_kaart.core.journal import REFERRAL_COLUMNS, validate_referrals
    from sociale_kaart.io.atomic import atomic_file
    from sociale_kaart.io.journal_tables import read_journal_csv

    language = args.lang
    folder = Path(args.source)
    if not folder.is_dir():
        raise ValueError(text("cli.journal.not_a_folder", language, path=folder))
    file = folder / "referrals.csv"
    try:
        G = _load(args)  # the map, and the journal already in the folder, validated
    except DataError as err:
        print(str(err), file=sys.stderr)
        print(text("cli.journal.not_written", language, path=file), file=sys.stderr)
        return 1
    if file.exists():
        original = file.read_bytes()
        existing = read_journal_csv(file)
        header = original.decode("utf-8-sig").splitlines()[0] if original.strip() else ""
        sep = ";" if header.count(";") > header.count(",") else ","
        columns = list(existing.columns)
    else:
        original, existing, sep = b"", pd.DataFrame(columns=list(REFERRAL_COLUMNS)), ","
        columns = list(REFERRAL_COLUMNS)
    step = _journal_step(args, existing)
    for column, value in step.items():
        if value and column not in columns:
            raise ValueError(text("cli.journal.no_column", language, path=file, column=column))
    row = {c: step.get(c, "") for c in columns}
    combined = pd.concat([existing, pd.DataFrame([row], columns=columns)], ignore_index=True)
    try:
        validate_referrals(G, combined)
    except DataError as err:
        print(str(err), file=sys.stderr)
        print(text("cli.journal.not_written", language, path=file), file=sys.stderr)
        return 1
    buffer = io.StringIO()
    newline = "\r\n" if b"\r\n" in original else "\n"
    writer = csv.writer(buffer, delimiter=sep, lineterminator=newline)
    if not original:
        writer.writerow(columns)
    writer.writerow([row[c] for c in columns])
    if original and not original.endswith((b"\n", b"\r")):
        original += newline.encode("ascii")
    with atomic_file(file) as tmp:
        tmp.write_bytes(original + buffer.getvalue().encode("utf-8"))
    status = text(f"journal.status.{step['status']}", language)
    print(text("cli.journal.added", language, path=file, referral=step["referral"], status=status))
    return 0


def _cmd_journal_open(args: argparse.Namespace) -> int:
    from sociale_kaart.core.formatting import format_date
    from sociale_kaart.core.naming import team_label, team_labels
    from sociale_kaart.gaps.journal import journal_day, open_loops

    language = args.lang
    G = _load(args)
    day = journal_day(G, args.today) or _dt.date.today()
    loops = open_loops(G, open_weeks=args.weeks, today=day)
    when = format_date(day, language)
    if loops.empty:
        print(text("cli.journal.open_none", language, weeks=args.weeks, date=when))
        return 0
    pros = team_labels(G, language=language)
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES

    def label(node: object) -> str:
        return team_label(G, pros, node)

    print(text("cli.journal.open_title", language, weeks=args.weeks, date=when, n=len(loops)))
    groups = sorted(loops.groupby("referrer", sort=False), key=lambda kv: label(kv[0]).lower())
    for referrer, rows in groups:
        print(f"\n{text('cli.journal.open_referrer', language, who=label(referrer), n=len(rows))}")
        for ref, row in rows.iterrows():
            theme = row["theme"]
            shown = (
                f" ({theme_label(str(theme), vocabulary, language=language)})"
                if isinstance(theme, str) and theme
                else ""
            )
            line = text(
                "cli.journal.open_line",
                language,
                referral=ref,
                resident=label(row["resident"]),
                target=label(row["target"]),
                theme=shown,
                status=text(f"journal.status.{row['status']}", language),
                last=format_date(row["last"], language),
                weeks=int(row["weeks_open"]),
            )
            print(f"  {line}")
    return 0


# ----------------------------------------------------------------------------- parser

_EPILOG = """examples:
  sociale-kaart report --lang nl -o wijkanalyse.html  the Dutch report of the embedded sample
  sociale-kaart report my_map/ --audience public -o public.html
  sociale-kaart report my_map/ --since maps/2026-01-15/   with 'Since last time'
  sociale-kaart diff maps/2026-01-15/ my_map/     what changed; -o FOLDER for the CSV tables
  sociale-kaart summary my_map/                   counts by kind and relation, per neighbourhood
  sociale-kaart validate my_map/                  every problem, with file, row and column
  sociale-kaart gaps my_map/ --top 5
  sociale-kaart refer my_map/ r_henk --theme exercise
  sociale-kaart find my_map/ --theme language --near '3311 BE' --radius-km 2
  sociale-kaart export my_map/ --format graphml -o map.graphml
  sociale-kaart journal add my_map/ --referral v016 --status accepted   one step, checked
  sociale-kaart journal open my_map/              the referrals that never came back

SOURCE is a folder of CSV files, an .xlsx workbook or a .json file; where it
is optional, the embedded sample neighbourhood (Rivierwijk) is used.
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: the options work before and after the command, without resetting each other.
    common.add_argument(
        "--quiet", "-q", action="store_true", default=argparse.SUPPRESS, help="no progress"
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="tracebacks on errors"
    )
    parser = argparse.ArgumentParser(
        prog="sociale-kaart",
        description="A neighbourhood's social map: check it, summarise it, find gaps and "
        "referrals, and write the wijkanalyse report.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter
    source_help = "CSV folder, .xlsx or .json (default: the embedded sample)"

    p = sub.add_parser(
        "report",
        help="write the wijkanalyse: one offline HTML page",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart report -o wijkanalyse.html\n"
        "  sociale-kaart report my_map/ --audience public -o public.html\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("-o", "--output", help="the HTML file (default: <map name>-wijkanalyse.html)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.add_argument(
        "--audience",
        choices=("team", "public"),
        default="team",
        help="team (default) or public: aggregates only, small counts suppressed",
    )
    p.add_argument(
        "--since",
        metavar="OLD_MAP",
        help="an earlier map (read like SOURCE): adds the section 'Since last time'",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="write even onto the input, into its folder or over a folder holding it",
    )
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "diff",
        aliases=["verschil"],
        help="what changed between two maps: a summary, or the tables as CSV files",
        parents=[common],
        formatter_class=raw,
        epilog="OLD and NEW are read like SOURCE; a map whose folder or file name starts with\n"
        "YYYY-MM-DD describes that day.\n\n"
        "examples:\n  sociale-kaart diff maps/2026-01-15/ maps/2026-06-01/\n"
        "  sociale-kaart verschil old.xlsx new.xlsx --lang nl -o verschil/\n",
    )
    p.add_argument("source", metavar="OLD", help="the earlier map: CSV folder, .xlsx or .json")
    p.add_argument("new", metavar="NEW", help="the later map: CSV folder, .xlsx or .json")
    p.add_argument(
        "-o",
        "--output",
        metavar="FOLDER",
        help="write the six tables (records, ties, gaps, measures, scores, coverage) as CSV",
    )
    p.add_argument("--top", type=_top, default=10, help="gaps listed per kind (default 10)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.add_argument(
        "--force",
        action="store_true",
        help="write even into an input folder or over a folder holding one",
    )
    p.set_defaults(func=_cmd_diff)

    p = sub.add_parser(
        "summary",
        help="counts by kind and relation, per neighbourhood",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart summary\n  sociale-kaart summary my_map/\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.set_defaults(func=_cmd_summary)

    p = sub.add_parser(
        "validate",
        help="check a map; exit code 1 when invalid",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart validate my_map/\n  sociale-kaart validate map.xlsx\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "gaps",
        help="the most severe gaps, with explanations and suggestions",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart gaps\n  sociale-kaart gaps my_map/ --top 5 --lang en\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("--top", type=_top, default=10, help="how many gaps (default 10)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.set_defaults(func=_cmd_gaps)

    p = sub.add_parser(
        "refer",
        help="where a resident can be helped, and through whom",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart refer my_map/ r_henk\n"
        "  sociale-kaart refer my_map/ r_samira --theme language\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.add_argument("resident", metavar="RESIDENT", help="the resident's id")
    p.add_argument("--theme", metavar="THEME", help="only offers for this theme")
    p.add_argument("--top", type=_top, default=5, help="how many suggestions (default 5)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.set_defaults(func=_cmd_refer)

    p = sub.add_parser(
        "find",
        aliases=["zoek"],
        help="search the offers by theme, distance and, for a resident, eligibility",
        parents=[common],
        formatter_class=raw,
        epilog="NEAR is a node id, a postcode ('3311 BE' or '3311') or lat,lon.\n\n"
        "examples:\n  sociale-kaart find --theme language --near pl_bibliotheek --radius-km 1\n"
        "  sociale-kaart zoek my_map/ --theme taal --near '3311 BE' --resident r_samira\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("--theme", metavar="THEME", help="only offers for this theme")
    p.add_argument("--near", metavar="NEAR", help="search near a node, postcode or lat,lon")
    p.add_argument("--radius-km", type=float, metavar="KM", help="only offers this close to NEAR")
    p.add_argument("--resident", metavar="RESIDENT", help="check eligibility for this resident")
    p.add_argument("--top", type=_top, default=10, help="how many offers (default 10)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    p.set_defaults(func=_cmd_find)

    p = sub.add_parser(
        "journal",
        aliases=["logboek"],
        help="the referral journal: add a step, list the referrals that never came back",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n"
        "  sociale-kaart journal add my_map/ --referral v016 --status accepted --date 2026-11-20\n"
        "  sociale-kaart journal add my_map/ --referral v400 --resident r_henk \\\n"
        "      --referrer p_sportcoach --target i_zwemmen --status proposed --theme exercise\n"
        "  sociale-kaart logboek open my_map/ --lang nl\n",
    )
    journal = p.add_subparsers(dest="journal_command", required=True, metavar="ACTION")
    q = journal.add_parser(
        "add",
        aliases=["toevoegen"],
        help="append one validated step to MAP_FOLDER/referrals.csv",
        parents=[common],
        formatter_class=raw,
        epilog="The step is checked with the map and the journal already there (known ids,\n"
        "allowed status changes, dates in order); on a problem nothing is written. For a\n"
        "referral already in the journal, --resident, --referrer and --target may be left\n"
        "out: they are those of its first step.\n",
    )
    q.add_argument("source", metavar="MAP_FOLDER", help="the map's folder of CSV files")
    q.add_argument("--referral", required=True, metavar="ID", help="the referral's id")
    q.add_argument("--status", required=True, choices=STATUSES, help="the new status")
    q.add_argument("--resident", metavar="R", help="the resident's id")
    q.add_argument("--referrer", metavar="P", help="who refers: a professional, organisation ...")
    q.add_argument("--target", metavar="T", help="the offer, professional or team referred to")
    q.add_argument("--date", metavar="D", help="the date of the step (default: today)")
    q.add_argument("--theme", metavar="THEME", help="the need the referral answers")
    q.add_argument("--parent", metavar="ID", help="the referral this one came from")
    q.add_argument("--companion", action="store_true", help="someone came along")
    q.add_argument("--reason", metavar="TEXT", help="why it was rejected or cancelled")
    q.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    q.set_defaults(func=_cmd_journal_add)
    q = journal.add_parser(
        "open",
        help="the referrals that never came back, per referrer",
        parents=[common],
        formatter_class=raw,
    )
    q.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    q.add_argument("--weeks", type=_weeks, default=6, help="weeks without a status (default 6)")
    q.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="count the weeks to this day")
    q.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    q.set_defaults(func=_cmd_journal_open)

    p = sub.add_parser(
        "export",
        help="write the map as GraphML, GEXF, a data package, Parquet, JSON or CSV",
        parents=[common],
        formatter_class=raw,
        epilog="GraphML, GEXF, datapackage and Parquet are for other tools and leave residents'\n"
        "sensitive fields out unless --include-sensitive; JSON and CSV are the team's own\n"
        "lossless formats.\n\n"
        "examples:\n  sociale-kaart export my_map/ --format graphml -o map.graphml\n"
        "  sociale-kaart export map.xlsx --format csv -o map_csv/\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the messages")
    p.add_argument("-o", "--output", required=True, help="file (or folder for csv)")
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        help="keep residents' names, needs, statuses ... in exports for other tools",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="write even onto the input, into its folder or over a folder holding it",
    )
    p.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line tool; return the exit code.

    Examples
    --------
    >>> from sociale_kaart.cli.main import main
    >>> main(["validate", "no/such/folder", "--quiet"])
    1
    """
    args = _parser().parse_args(argv)
    args.quiet = getattr(args, "quiet", False)
    args.debug = getattr(args, "debug", False)
    args.progress = _Progress(args.quiet)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print(text("cli.interrupted", _lang(args)), file=sys.stderr)
        return 130
    except Exception as err:  # one clear line, not a traceback
        if args.debug:
            traceback.print_exc()
        else:
            message = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
            lines = message.splitlines()
            first = lines[0] if lines else type(err).__name__
            print(text("cli.error", _lang(args), message=first), file=sys.stderr)
            if len(lines) > 1:
                print("\n".join(lines[1:]), file=sys.stderr)
            print(text("cli.error.debug", _lang(args)), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
