"""The ``sociale-kaart`` command line tool.

Examples
--------
::

    sociale-kaart summary                  # the embedded sample
    sociale-kaart summary path/to/folder   # a folder of CSV files, a .xlsx or a .json
    sociale-kaart validate path/to/folder  # exit code 1 when the map is invalid
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from sociale_kaart._errors import DataError
from sociale_kaart.datasets import load_sample
from sociale_kaart.io import read_csv, read_excel, read_json
from sociale_kaart.summary import summary

__all__ = ["load_source", "main"]


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


def _cmd_summary(args: argparse.Namespace) -> int:
    G = load_source(args.source)
    name = G.graph.get("name") or "map"
    print(f"Social map {name!r}: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties")
    with pd.option_context("display.width", 200, "display.max_columns", 50):
        print(summary(G).T.to_string())
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        G = load_source(args.source)
    except DataError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"valid: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sociale-kaart",
        description="A neighbourhood's social map: load, check and summarise it.",
        epilog="examples:\n  sociale-kaart summary\n  sociale-kaart validate my_map/\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("summary", help="counts by kind and relation, per neighbourhood")
    p.add_argument("source", nargs="?", help="CSV folder, .xlsx or .json (default: the sample)")
    p.set_defaults(func=_cmd_summary)
    p = sub.add_parser("validate", help="check a map; exit code 1 when invalid")
    p.add_argument("source", help="CSV folder, .xlsx or .json")
    p.set_defaults(func=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line tool; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as err:  # one clear line, not a traceback
        if args.debug:
            traceback.print_exc()
        else:
            first = str(err).splitlines()[0] if str(err) else type(err).__name__
            print(f"error: {first}", file=sys.stderr)
            rest = "\n".join(str(err).splitlines()[1:])
            if rest:
                print(rest, file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
