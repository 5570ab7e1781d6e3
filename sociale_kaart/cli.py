"""The ``sociale-kaart`` command line tool.

Examples
--------
::

    sociale-kaart report -o wijkanalyse.html   # the Dutch report of the embedded sample
    sociale-kaart report my_map/ --lang en --audience public -o public.html
    sociale-kaart summary                      # the embedded sample
    sociale-kaart validate path/to/folder      # exit code 1 when the map is invalid
    sociale-kaart gaps my_map/
    sociale-kaart refer my_map/ r_henk --need exercise
    sociale-kaart export my_map/ --format graphml -o map.graphml

Errors are one clear line (plus the details, e.g. every problem in the
data), never a traceback, unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import inspect
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart._errors import DataError
from sociale_kaart.datasets import DEFAULT_SAMPLE, load_sample
from sociale_kaart.io import read_csv, read_excel, read_json, write_csv, write_json
from sociale_kaart.models import SENSITIVE_FIELDS
from sociale_kaart.summary import summary

__all__ = ["load_source", "main"]

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


def load_source(source: str | None) -> nx.MultiDiGraph:
    """Load a map from a CSV folder, an ``.xlsx`` workbook, a ``.json`` file, or the sample.

    Examples
    --------
    >>> from sociale_kaart.cli import load_source
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


def _load(args: argparse.Namespace) -> nx.MultiDiGraph:
    args.progress(f"loading {args.source or 'the sample ' + DEFAULT_SAMPLE!s}")
    return load_source(args.source)


def _analysis(name: str, command: str) -> Callable[..., Any]:
    sk = importlib.import_module("sociale_kaart")
    func = getattr(sk, name, None)
    if func is None:
        raise RuntimeError(
            f"'{command}' needs sk.{name}, which this version of sociale_kaart does not have yet"
        )
    return func


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    params = inspect.signature(func).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return func(*args, **kwargs)
    return func(*args, **{k: v for k, v in kwargs.items() if k in params})


def _print_frame(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.width", 200, "display.max_columns", 50, "display.max_colwidth", 80
    ):
        print(frame.to_string())


# ----------------------------------------------------------------------------- commands


def _cmd_summary(args: argparse.Namespace) -> int:
    G = _load(args)
    name = G.graph.get("name") or "map"
    print(f"Social map {name!r}: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties")
    _print_frame(summary(G).T)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        G = _load(args)
    except DataError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"valid: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from sociale_kaart.report import report

    G = _load(args)
    name = str(G.graph.get("name") or "sociale-kaart")
    out = Path(args.output) if args.output else Path(f"{name}-wijkanalyse.html")
    args.progress(f"analysing and writing the {args.audience} report ({args.lang})")
    report(G, out, language=args.lang, audience=args.audience)
    args.progress(f"written: {out}")
    if args.quiet:
        return 0
    print(out)
    return 0


def _cmd_gaps(args: argparse.Namespace) -> int:
    find_gaps = _analysis("find_gaps", "gaps")
    G = _load(args)
    args.progress("looking for gaps")
    gaps = _call(find_gaps, G, language=args.lang)
    if gaps.empty:
        print("no gaps found")
        return 0
    gaps = gaps.sort_values("severity", ascending=False, kind="stable").head(args.top)
    columns = [c for c in ("gap_type", "severity", "neighbourhood", "theme") if c in gaps]
    _print_frame(gaps[columns].round({"severity": 2}))
    for i, (_, row) in enumerate(gaps.iterrows(), start=1):
        print(f"\n{i}. {row.get('explanation', '')}\n   -> {row.get('suggestion', '')}")
    return 0


def _cmd_refer(args: argparse.Namespace) -> int:
    suggest = _analysis("suggest_referrals", "refer")
    G = _load(args)
    if args.resident not in G:
        raise KeyError(
            f"resident {args.resident!r} is not in the map; give a resident's id, e.g. "
            f"{next((n for n, a in G.nodes(data=True) if a.get('kind') == 'resident'), 'r_1')!r}"
        )
    args.progress(f"looking for offers for {args.resident}")
    found = _call(suggest, G, args.resident, need=args.need, language=args.lang)
    if args.need and "theme" in found.columns:
        found = found[found["theme"] == args.need]
    if found.empty:
        print(f"no fitting offer found for {args.resident}")
        return 0
    for i, (_, row) in enumerate(found.head(args.top).iterrows(), start=1):
        path = " -> ".join(map(str, row.get("path") or []))
        ok = "eligible" if row.get("eligible", True) else "not eligible"
        print(f"{i}. {row.get('target_name') or row.get('target')} ({row.get('theme')}, {ok})")
        if path:
            print(f"   path: {path}")
        if row.get("explanation"):
            print(f"   {row.get('explanation')}")
    return 0


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        return ";".join(f"{k}:{v}" if v is not None else str(k) for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def flat_graph(G: nx.MultiDiGraph, *, include_sensitive: bool = False) -> nx.MultiDiGraph:
    """A copy with plain attribute values (for GraphML/GEXF), sensitive fields left out.

    Lists become ``;``-separated text, needs ``theme:score`` text, dates
    ISO text; missing values are dropped.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.cli import flat_graph
    >>> H = flat_graph(sk.load_sample())
    >>> "name" in H.nodes["r_samira"], H.nodes["r_samira"]["languages"]
    (False, 'ar;pt;fr')
    """
    H = nx.MultiDiGraph()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if k != "themes" and v is not None})
    for node, attrs in G.nodes(data=True):
        hidden: frozenset[str] = (
            frozenset()
            if include_sensitive
            else SENSITIVE_FIELDS.get(str(attrs.get("kind")), frozenset())
        )
        values = {}
        for key, value in attrs.items():
            if key in hidden or value is None or value in ([], {}, ""):
                continue
            if key == "extra":
                values.update({f"x_{k}".replace("x_x_", "x_"): str(v) for k, v in value.items()})
                continue
            values[key] = _flat(value)
        H.add_node(node, **values)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        values = {
            k: _flat(val)
            for k, val in attrs.items()
            if val is not None and val not in ([], {}, "") and k != "extra"
        }
        H.add_edge(u, v, key=key, **values)
    return H


def _cmd_export(args: argparse.Namespace) -> int:
    G = _load(args)
    out = Path(args.output)
    args.progress(f"writing {args.format} to {out}")
    if args.format == "json":
        write_json(G, out)
    elif args.format == "csv":
        write_csv(G, out)
    else:
        H = flat_graph(G, include_sensitive=args.include_sensitive)
        if args.format == "graphml":
            nx.write_graphml(H, out)
        else:
            nx.write_gexf(H, out)
    args.progress(f"written: {out}")
    return 0


# ----------------------------------------------------------------------------- parser

_EPILOG = """examples:
  sociale-kaart report -o wijkanalyse.html        the Dutch report of the embedded sample
  sociale-kaart report my_map/ --lang en --audience public -o public.html
  sociale-kaart summary my_map/                   counts by kind and relation, per neighbourhood
  sociale-kaart validate my_map/                  every problem, with file, row and column
  sociale-kaart gaps my_map/ --top 5
  sociale-kaart refer my_map/ r_henk --need exercise
  sociale-kaart export my_map/ --format graphml -o map.graphml

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
        "  sociale-kaart report my_map/ --lang en --audience public -o public.html\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("-o", "--output", help="the HTML file (default: <map name>-wijkanalyse.html)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (default nl)")
    p.add_argument(
        "--audience",
        choices=("team", "public"),
        default="team",
        help="team (default) or public: aggregates only, small counts suppressed",
    )
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "summary",
        help="counts by kind and relation, per neighbourhood",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart summary\n  sociale-kaart summary my_map/\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.set_defaults(func=_cmd_summary)

    p = sub.add_parser(
        "validate",
        help="check a map; exit code 1 when invalid",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart validate my_map/\n  sociale-kaart validate map.xlsx\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "gaps",
        help="the most severe gaps, with explanations and suggestions",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart gaps\n  sociale-kaart gaps my_map/ --top 5 --lang en\n",
    )
    p.add_argument("source", nargs="?", metavar="SOURCE", help=source_help)
    p.add_argument("--top", type=int, default=10, help="how many gaps (default 10)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (default nl)")
    p.set_defaults(func=_cmd_gaps)

    p = sub.add_parser(
        "refer",
        help="where a resident can be helped, and through whom",
        parents=[common],
        formatter_class=raw,
        epilog="examples:\n  sociale-kaart refer my_map/ r_henk\n"
        "  sociale-kaart refer my_map/ r_samira --need language\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.add_argument("resident", metavar="RESIDENT", help="the resident's id")
    p.add_argument("--need", metavar="THEME", help="only offers for this theme")
    p.add_argument("--top", type=int, default=5, help="how many suggestions (default 5)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (default nl)")
    p.set_defaults(func=_cmd_refer)

    p = sub.add_parser(
        "export",
        help="write the map as GraphML, GEXF, JSON or CSV",
        parents=[common],
        formatter_class=raw,
        epilog="GraphML and GEXF are for other tools and leave residents' sensitive fields\n"
        "out unless --include-sensitive; JSON and CSV are the team's own lossless formats.\n\n"
        "examples:\n  sociale-kaart export my_map/ --format graphml -o map.graphml\n"
        "  sociale-kaart export map.xlsx --format csv -o map_csv/\n",
    )
    p.add_argument("source", metavar="SOURCE", help="CSV folder, .xlsx or .json")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    p.add_argument("-o", "--output", required=True, help="file (or folder for csv)")
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        help="keep residents' names, needs, statuses ... in GraphML/GEXF",
    )
    p.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line tool; return the exit code.

    Examples
    --------
    >>> from sociale_kaart.cli import main
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
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # one clear line, not a traceback
        if args.debug:
            traceback.print_exc()
        else:
            message = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
            lines = message.splitlines()
            first = lines[0] if lines else type(err).__name__
            print(f"error: {first}", file=sys.stderr)
            if len(lines) > 1:
                print("\n".join(lines[1:]), file=sys.stderr)
            print("(run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
