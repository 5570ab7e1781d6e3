"""Read and write social maps: CSV folders, Excel workbooks, DataFrames, JSON.

These are the team's own storage formats. They are lossless: every validated
field, sensitive ones included, is written and read back unchanged, so that
``read_csv(write_csv(G, folder))`` gives the same map. Exports meant for
others (GraphML, GEXF, Parquet, HSDS, HTML) live elsewhere and leave
sensitive resident fields out by default.

Every reader funnels into one private builder, so validation lives in one
place: all problems are collected and raised as one
:class:`~sociale_kaart.DataError`, and a partial map is never returned.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io as _io
import itertools
import json
import operator
import os
import re
import stat
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy
import pandas as pd

from sociale_kaart.core.builder import (
    ENTITY_TABLES,
    TABLES,
    Row,
    Table,
    build_graph,
    gc_paused,
    table_columns,
)
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.columnar import CodedColumn, using_pydantic_only
from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.journal import referral_rows
from sociale_kaart.core.records import MODELS
from sociale_kaart.core.tables import (
    filled_attributes,
    format_cell,
    graph_records,
    node_link_tables,
    physical_lines,
    plain_value,
)
from sociale_kaart.core.themes import nearest_code
from sociale_kaart.io.atomic import atomic_file, atomic_folder, written_path
from sociale_kaart.io.hsds.read import decode_text
from sociale_kaart.io.journal_tables import (
    JOURNAL_COLUMNS,
    JOURNAL_TABLES,
    attach_journal,
    journal_frames,
    read_journal_csv,
)
from sociale_kaart.io.limits import DEFAULT_LIMITS, Limits, check_file_size, check_zip, over

__all__ = [
    "from_frames",
    "read_csv",
    "read_excel",
    "read_json",
    "to_frames",
    "validate",
    "write_csv",
    "write_excel",
    "write_json",
]

PathLike = str | os.PathLike[str]

_LIST_SEP = {",": ";", ";": "|"}

#: Excel's default sheet names (Dutch and English); ignored when empty.
_DEFAULT_SHEETS = frozenset({"blad1", "sheet1"})


# ----------------------------------------------------------------------------- CSV


def _read_csv_table(
    path: Path, name: str, problems: list[Problem], limits: Limits = DEFAULT_LIMITS
) -> Table | None:
    label = path.name
    check_file_size(path, limits, label=label)
    data = path.read_bytes()
    if not data.strip().lstrip(b"\xef\xbb\xbf").strip():
        problems.append(
            Problem(label, None, None, None, "the file is empty: delete it, or add a header line")
        )
        return None
    if data[:4] == b"PK\x03\x04" or b"\x00" in data[:4096]:
        kind = "an Excel workbook or zip file" if data[:2] == b"PK" else "a binary file"
        problems.append(
            Problem(
                label,
                None,
                None,
                None,
                f"this is not a CSV file (it looks like {kind}): save it as 'CSV UTF-8', "
                "or read a workbook with sk.read_excel",
            )
        )
        return None
    text, notice = decode_text(data)
    if notice is not None:
        # Dutch Excel's "CSV (puntkomma gescheiden)" is Windows-1252 (issue 11).
        warnings.warn(f"{label}: {notice}", UserWarning, stacklevel=3)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    by_column = _plain_columns(text, delimiter, limits)
    fast = [by_column[0]] if by_column is not None else None
    fast = fast or _records_within_limits(text, delimiter, limits)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = fast or []
    try:
        for record in () if fast is not None else reader:
            records.append(record)
            if len(records) > limits.max_rows + 1:
                raise over(
                    label, "rows", "max_rows", len(records) - 1, limits.max_rows, source=label
                )
            if len(record) > limits.max_columns:
                raise over(
                    label, "columns", "max_columns", len(record), limits.max_columns, source=label
                )
            if not record or max(map(len, record)) <= limits.max_cell_chars:
                continue  # the common case, checked in C
            for cell in record:
                if len(cell) > limits.max_cell_chars:
                    raise over(
                        f"{label} line {reader.line_num}",
                        "characters in one cell",
                        "max_cell_chars",
                        len(cell),
                        limits.max_cell_chars,
                        source=label,
                    )
    except csv.Error as err:
        if "field limit" in str(err):
            raise over(
                f"{label} line {reader.line_num}",
                "characters in one cell (more than the csv module's own limit)",
                "max_cell_chars",
                csv.field_size_limit() + 1,
                limits.max_cell_chars,
                source=label,
            ) from None
        problems.append(
            Problem(
                label,
                reader.line_num,
                None,
                None,
                f"this is not valid CSV ({err}): check the quotes on this line",
            )
        )
        return None
    header = [cell.strip().lstrip("\ufeff").lower() for cell in records[0]]
    table = Table(name, label, header, list_sep=_LIST_SEP[delimiter])
    ok = True
    first: dict[str, int] = {}
    for position, column in enumerate(header):
        first.setdefault(column, position)
    for position, column in enumerate(header):
        if not column:
            problems.append(
                Problem(
                    label,
                    1,
                    None,
                    None,
                    f"column {position + 1} has no name: name it or remove the column",
                )
            )
            ok = False
        elif first[column] != position:
            problems.append(
                Problem(label, 1, column, None, f"column {column!r} appears twice: keep one")
            )
            ok = False
    if not ok:
        return None
    if by_column is not None:
        # one line per row, no blank or ragged rows (checked by _plain_columns)
        table.data = dict(zip(header, by_column[1], strict=True))
        table.lines = range(2, 2 + (len(by_column[1][0]) if by_column[1] else 0))
        return table
    # csv.reader does not report line numbers per record; count physical lines
    # (as physical_lines does, on the joined cells, which also tell a blank row).
    body = records[1:]
    joined = list(map("".join, body))
    width = len(header)
    starts = list(
        itertools.accumulate(
            map(operator.add, map(str.count, joined, itertools.repeat("\n")), itertools.repeat(1)),
            initial=physical_lines(records[0]) + 1,
        )
    )[:-1]
    if body and (set(map(len, body)) != {width} or not all(map(str.strip, joined))):
        # blank rows, rows too short or too long: row by row
        kept: list[list[str]] = []
        lines: list[int] = []
        for cells, text, start in zip(body, joined, starts, strict=True):
            if not text.strip():
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append(
                    Problem(
                        label,
                        start,
                        None,
                        delimiter.join(cells[width:]),
                        f"this row has {len(cells)} values but the header has {width} "
                        f"columns: a value probably contains {delimiter!r}; put it in double "
                        "quotes",
                    )
                )
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            elif len(cells) > width:
                cells = cells[:width]
            kept.append(cells)
            lines.append(start)
        body, starts = kept, lines
    # the table column by column: one tuple of text per column, no dict per row
    columns = list(zip(*body, strict=True)) if body else [() for _ in header]
    table.data = dict(zip(header, columns, strict=True))
    table.lines = starts
    return table


def _plain_columns(
    text: str, delimiter: str, limits: Limits
) -> tuple[list[str], list[CodedColumn]] | None:
    """The header and the columns of a plain CSV text, read column-wise by pyarrow, or None.

    Plain: no quotes and no NUL (so every row is one line, and a cell is the
    text between two delimiters), every row as wide as the header, no blank
    rows, and within the limits. Each column comes as its distinct values and
    their codes (:class:`~sociale_kaart.core.columnar.CodedColumn`), so that
    only distinct values become Python strings. On None (also without
    pyarrow, an optional dependency) the text is read by :mod:`csv`, which
    names the line of each problem; on a plain text both read the same cells
    (tests/io/test_columns.py compares them, and tests/io/conftest.py does
    for every file the tests read). Under
    :func:`~sociale_kaart.core.columnar.pydantic_only`, always None.
    """
    if '"' in text or "\x00" in text or using_pydantic_only():
        return None
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.compute  # type: ignore[import-untyped]
        import pyarrow.csv as pyarrow_csv  # type: ignore[import-untyped]
    except ImportError:
        return None
    end = min((i for i in (text.find("\n"), text.find("\r")) if i >= 0), default=len(text))
    header = next(csv.reader([text[:end]], delimiter=delimiter), [])
    width = len(header)
    if not header or width > limits.max_columns:
        return None
    names = [f"c{i}" for i in range(width)]
    try:
        arrow = pyarrow_csv.read_csv(
            _io.BytesIO(text.encode("utf-8")),
            read_options=pyarrow_csv.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pyarrow_csv.ParseOptions(
                delimiter=delimiter,
                quote_char=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pyarrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pyarrow.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pyarrow.ArrowException, UnicodeError):  # ragged rows, lone surrogates: csv reads it
        return None
    if arrow.num_rows > limits.max_rows:
        return None
    columns = []
    blank = numpy.ones(arrow.num_rows, dtype=bool)
    longest = min(limits.max_cell_chars, csv.field_size_limit())
    for name in names:
        coded = pyarrow.compute.dictionary_encode(arrow.column(name).combine_chunks())
        values: list[str] = coded.dictionary.to_pylist()
        codes = coded.indices.to_numpy(zero_copy_only=False)
        if max(map(len, values), default=0) > longest:
            return None
        empty = [i for i, value in enumerate(values) if not value.strip()]
        blank &= numpy.isin(codes, empty)
        columns.append(CodedColumn(values, codes.tolist()))
    if blank.any():
        return None  # blank rows are skipped, and counted in the line numbers, by csv's path
    return header, columns


def _records_within_limits(text: str, delimiter: str, limits: Limits) -> list[list[str]] | None:
    """Every record, read in C, if the text is valid CSV within the limits, else None.

    On None the reader reads again record by record, to stop at the first
    problem and name its line.
    """
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(itertools.islice(reader, limits.max_rows + 2))
    except csv.Error:
        return None
    if len(records) > limits.max_rows + 1 or not records:
        return None
    if max(map(len, records)) > limits.max_columns:
        return None
    # No cell is longer than its record's cells joined; only a long record needs a closer look.
    if max(map(len, map("".join, records))) > limits.max_cell_chars and (
        max(map(len, itertools.chain.from_iterable(records)), default=0) > limits.max_cell_chars
    ):
        return None
    return records


def read_csv(
    folder: PathLike, *, name: str | None = None, limits: Limits | None = None
) -> nx.MultiDiGraph:
    """Read a social map from a folder of CSV files.

    The folder may hold ``residents.csv``, ``professionals.csv``,
    ``initiatives.csv``, ``organisations.csv``, ``places.csv``,
    ``relations.csv`` and ``themes.csv``. Every file is optional, but the map
    needs at least one node. Files are UTF-8 (with or without BOM), with
    ``,`` or ``;`` as the delimiter; list values are separated by ``;``
    inside a ``,``-delimited file and by ``|`` inside a ``;``-delimited one.
    See :doc:`/data-format` for every column.

    Parameters
    ----------
    folder : str or path-like
        The folder with the CSV files.
    name : str, optional
        The map's name in ``G.graph["name"]``; the folder's name by default.
    limits : sociale_kaart.io.limits.Limits, optional
        The bounds on the input (see :class:`~sociale_kaart.io.limits.Limits`).

    Returns
    -------
    networkx.MultiDiGraph
        The validated map.

    Raises
    ------
    DataError
        With every problem found (file, row, column, value and the fix).
        Also for entries named ``*.csv`` that are not plain files in the
        folder (links out of it, pipes, folders), two files for one table
        (``residents.csv`` and ``RESIDENTS.csv``), and inputs over a limit.
    FileNotFoundError
        If the folder does not exist.

    See Also
    --------
    write_csv, read_excel, from_frames

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "residents.csv").write_text(
    ...     "id;name;needs;languages\\nr1;Fatma;taal:2|eenzaamheid;tr|nl\\n", encoding="utf-8")
    >>> G = sk.read_csv(folder)
    >>> G.nodes["r1"]["needs"], G.nodes["r1"]["languages"]
    ({'language': 2, 'loneliness': None}, ['tr', 'nl'])
    """
    path = Path(folder)
    if not path.exists():
        raise FileNotFoundError(f"no such folder: {path}; give the folder that holds the CSV files")
    if not path.is_dir():
        raise NotADirectoryError(
            f"{path} is a file: read_csv takes the folder that holds residents.csv, "
            "relations.csv and the other files"
        )
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    journal: dict[str, pd.DataFrame] = {}
    seen: dict[str, str] = {}
    for file in sorted(path.iterdir()):
        if file.suffix.lower() != ".csv":
            continue
        trouble = _not_a_plain_file(file, path)
        if trouble:
            problems.append(Problem(file.name, None, None, None, trouble))
            continue
        table_name = file.stem.lower()
        if table_name in seen:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    f"a second file for the {table_name} table, next to {seen[table_name]} "
                    "(file names are compared without case): merge them into one file",
                )
            )
            continue
        seen[table_name] = file.name
        if table_name in JOURNAL_TABLES:
            journal[table_name] = read_journal_csv(file)
            continue
        if table_name not in TABLES:
            hint = nearest_code(table_name, TABLES)
            tip = f"did you mean '{hint}.csv'? " if hint else ""
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    f"unknown file: {tip}Map files are "
                    f"{', '.join(t + '.csv' for t in TABLES)}; rename or move this file",
                )
            )
            continue
        with gc_paused():  # many small lists and dicts, no cycles
            table = _read_csv_table(file, table_name, problems, limits or DEFAULT_LIMITS)
        if table is not None:
            tables[table_name] = table
    if not tables and not problems:
        problems.append(
            Problem(
                str(path),
                None,
                None,
                None,
                "no map files found: add residents.csv, professionals.csv, initiatives.csv, "
                "organisations.csv, places.csv or relations.csv",
            )
        )
    G = _build(tables, problems, name=name or path.resolve().name, source=str(path))
    return attach_journal(G, journal, source=str(path)) if journal else G


def _not_a_plain_file(file: Path, folder: Path) -> str | None:
    """Why a ``*.csv`` entry of a map folder cannot be read as a table, or None if it can."""
    if file.is_symlink():
        try:
            real = file.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a link that points to nothing: remove it, or copy the file it meant here"
        if folder.resolve() not in real.parents:
            return (
                "a link to a file outside the map folder, which readers do not follow: "
                "copy the file into the folder instead"
            )
    try:
        mode = file.stat().st_mode
    except OSError as err:
        return f"cannot be read ({err.strerror}): check the file"
    if stat.S_ISDIR(mode):
        return "a folder named like a CSV file: rename or move it"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe or device): replace it by the CSV file itself"
    return None


def _build(
    tables: Mapping[str, Table],
    problems: list[Problem],
    *,
    name: str | None,
    source: str,
) -> nx.MultiDiGraph:
    """Build through the builder, raising the reader's and builder's problems together."""
    try:
        G = build_graph(tables, name=name, source=source)
    except DataError as err:
        if problems:
            # "no nodes" is only news when nothing else went wrong
            err_problems = [p for p in err.errors if not p.message.startswith("the map has no")]
            raise DataError([*problems, *err_problems], source=source) from None
        raise
    if problems:
        raise DataError(problems, source=source)
    return G


def write_csv(G: nx.MultiDiGraph, folder: PathLike, *, delimiter: str = ",") -> Path:
    """Write a map as a folder of CSV files, the input format of :func:`read_csv`.

    Every validated field is written, sensitive ones included: this is the
    team's own storage. Edges implied by entity columns (``works_for``,
    ``runs``, ``located_at``) and default themes are not written; the reader
    derives them again.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A valid map.
    folder : str or path-like
        Created if missing, with its parents. The map's CSV files in an
        existing folder are replaced (and map files the map no longer
        needs removed); other files in it are kept.
    delimiter : {",", ";"}
        ``";"`` writes the Dutch-Excel dialect, with ``|`` between list items.

    Returns
    -------
    pathlib.Path
        The folder written (folder formats return the folder).

    Notes
    -----
    The write is atomic (see :mod:`sociale_kaart.io.atomic`): the files are
    written to a temporary folder beside the target, which then replaces
    the target in one step. An interrupted write leaves the old map intact.

    Examples
    --------
    >>> import tempfile
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> folder = sk.write_csv(G, tempfile.mkdtemp())
    >>> H = sk.read_csv(folder)
    >>> sorted(H.nodes(data=True)) == sorted(G.nodes(data=True))
    True
    """
    require_map(G)
    if delimiter not in _LIST_SEP:
        raise ValueError(f"delimiter must be ',' or ';', not {delimiter!r}")
    list_sep = _LIST_SEP[delimiter]
    tables = graph_records(G)
    with atomic_folder(folder, owns=_owned_csv) as tmp:
        for table, records in tables.items():
            if not records:
                continue
            columns = _columns(table, records)
            with (tmp / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
                # csv quotes a value with "\n" but not one with a lone "\r", which a reader
                # takes for a line end: quote every value of such a row
                quoted = csv.writer(
                    handle, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL
                )
                writer.writerow(columns)
                for record in records:
                    cells = [format_cell(record.get(c), list_sep) for c in columns]
                    (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
        for table, frame in journal_frames(G).items():
            frame.to_csv(tmp / f"{table}.csv", sep=delimiter, index=False, lineterminator="\n")
    return written_path(folder)


def _owned_csv(name: str) -> bool:
    """The entries of a map folder that write_csv replaces: the map's CSV files, any case."""
    stem, _, suffix = name.rpartition(".")
    return suffix.lower() == "csv" and (stem.lower() in TABLES or stem.lower() in JOURNAL_TABLES)


def _columns(table: str, records: list[dict[str, Any]]) -> list[str]:
    known = list(table_columns(table))
    custom = sorted({k for r in records for k in r if k not in known})
    return known + custom


# ----------------------------------------------------------------------------- Excel


def read_excel(
    path: PathLike, *, name: str | None = None, limits: Limits | None = None
) -> nx.MultiDiGraph:
    """Read a social map from one Excel workbook.

    The workbook has one sheet per table, named like the CSV files without
    ``.csv`` (``residents``, ``professionals``, ..., ``relations``,
    ``themes``, and the referral journal's ``referrals`` and ``contacts``),
    each with a header row. List values are ``;``-separated.
    Nothing is skipped in silence: other sheets, two sheets for one table, a
    column name used twice, values beyond the header and formulas without a
    saved value are all reported as errors.

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` file.
    name : str, optional
        The map's name; the file's stem by default.
    limits : sociale_kaart.io.limits.Limits, optional
        The bounds on the input (see :class:`~sociale_kaart.io.limits.Limits`).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataError
        With every problem found; ``file`` is ``"<workbook> [sheet]"`` and
        ``row`` the Excel row number. Also for a file that is not a workbook,
        or one over a limit.
    FileNotFoundError
        If the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> path = sk.write_excel(G, pathlib.Path(tempfile.mkdtemp()) / "kaart.xlsx")
    >>> sk.read_excel(path).number_of_nodes() == G.number_of_nodes()
    True
    """
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(f"no such file: {file}")
    limits = limits or DEFAULT_LIMITS
    check_file_size(file, limits, label=file.name)
    problems: list[Problem] = []
    journal: dict[str, Table] = {}
    try:
        tables = _excel_tables(file, limits, problems, journal)
    except DataError:
        raise
    except Exception as err:  # hostile or broken XML, zip or styles: never a raw traceback
        raise DataError(
            [
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    f"cannot read this as an Excel workbook ({err.__class__.__name__}: "
                    f"{str(err)[:200]}): save it again as .xlsx, or read CSV files with "
                    "sk.read_csv",
                )
            ],
            source=str(file),
        ) from None
    G = _build(tables, problems, name=name or file.stem, source=str(file))
    if not journal:
        return G
    frames = {  # as text, like read_journal_csv reads referrals.csv; date cells stay dates
        table_name: pd.DataFrame(
            [[_journal_cell(v) for v in row.values.values()] for row in table.rows],
            columns=table.columns,
        )
        for table_name, table in journal.items()
    }
    labels = {table_name: table.label for table_name, table in journal.items()}
    return attach_journal(G, frames, source=str(file), labels=labels)


def _excel_tables(
    file: Path, limits: Limits, problems: list[Problem], journal: dict[str, Table] | None = None
) -> dict[str, Table]:
    import openpyxl

    with zipfile.ZipFile(file) as archive:
        check_zip(archive, limits, label=file.name, source=str(file))
        formulas = any(
            _has_formula(archive, info)
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        )
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    raw = openpyxl.load_workbook(file, read_only=True, data_only=False) if formulas else None
    tables: dict[str, Table] = {}
    seen: dict[str, str] = {}
    try:
        for index, sheet in enumerate(workbook.worksheets):
            table_name = sheet.title.strip().lower()
            label = f"{file.name} [{sheet.title}]"
            if table_name in seen:
                problems.append(
                    Problem(
                        label,
                        None,
                        None,
                        None,
                        f"a second sheet for the {table_name} table, next to [{seen[table_name]}] "
                        "(sheet names are compared without case and surrounding space): "
                        "merge them into one sheet",
                    )
                )
                continue
            seen[table_name] = sheet.title
            if table_name in _DEFAULT_SHEETS and not any(
                value not in (None, "")
                for row in sheet.iter_rows(values_only=True)
                for value in row
            ):
                # Excel's empty default sheet (issue 11): skipped, and said so.
                warnings.warn(
                    f"{label}: the empty default sheet was ignored", UserWarning, stacklevel=2
                )
                continue
            known = (*TABLES, *JOURNAL_TABLES)
            if table_name not in known:
                hint = nearest_code(table_name, known)
                tip = f"did you mean {hint!r}? " if hint else ""
                problems.append(
                    Problem(
                        label,
                        None,
                        None,
                        None,
                        f"unknown sheet: {tip}sheets are named {', '.join(known)}; "
                        "rename or remove it",
                    )
                )
                continue
            raw_sheet = raw.worksheets[index] if raw is not None else None
            table = _excel_sheet(sheet, raw_sheet, table_name, label, limits, problems)
            if table is None:
                continue
            if table_name in JOURNAL_TABLES:
                if journal is not None:
                    journal[table_name] = table
            else:
                tables[table_name] = table
    finally:
        workbook.close()
        if raw is not None:
            raw.close()
    return tables


def _journal_cell(value: Any) -> Any:
    """A journal sheet's cell as ``referrals.csv`` would give it: text, or a date cell's date."""
    if value is None:
        return ""
    if isinstance(value, (_dt.date, bool)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _has_formula(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a sheet's XML holds a formula element (read in pieces, never whole)."""
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _excel_sheet(
    sheet: Any,
    raw_sheet: Any,
    table_name: str,
    label: str,
    limits: Limits,
    problems: list[Problem],
) -> Table | None:
    # the <dimension> a file declares may be wrong (or hostile): read every row there is
    for worksheet in (sheet, raw_sheet):
        if worksheet is not None and hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    raw_rows = raw_sheet.iter_rows() if raw_sheet is not None else None
    header_cells = next(rows, None)
    if raw_rows is not None:
        next(raw_rows, None)
    if header_cells is None or all(c is None for c in header_cells):
        problems.append(
            Problem(label, None, None, None, "the sheet is empty: delete it, or add a header row")
        )
        return None
    header = [_xl_unescape(str(c)).strip().lower() if c is not None else "" for c in header_cells]
    while header and not header[-1]:
        header.pop()
    if len(header) > limits.max_columns:
        raise over(label, "columns", "max_columns", len(header), limits.max_columns, source=label)
    if "" in header:
        problems.append(Problem(label, 1, None, None, "a column has no name: name it or remove it"))
        return None
    counts: dict[str, int] = {}
    for column in header:
        counts[column] = counts.get(column, 0) + 1
    twice = [c for c, n in counts.items() if n > 1]
    if twice:
        problems.extend(
            Problem(label, 1, c, None, f"column {c!r} appears twice: keep one") for c in twice
        )
        return None
    table = Table(table_name, label, header)
    for number, cells in enumerate(rows, start=2):
        raw_cells = next(raw_rows, ()) if raw_rows is not None else ()
        if number > limits.max_rows + 1:
            raise over(label, "rows", "max_rows", number - 1, limits.max_rows, source=label)
        values = [_xl_unescape(v) if isinstance(v, str) else v for v in cells]
        for position, cell in enumerate(raw_cells):
            if (
                getattr(cell, "data_type", None) == "f"
                and position < len(values)
                and values[position] is None
            ):
                where = header[position] if position < len(header) else None
                problems.append(
                    Problem(
                        label,
                        number,
                        where,
                        cell.value,
                        "a formula without a saved value: open the workbook in Excel or "
                        "LibreOffice and save it, or type the value",
                    )
                )
        extra = [v for v in values[len(header) :] if not _blank(v)]
        if extra:
            problems.append(
                Problem(
                    label,
                    number,
                    None,
                    extra[0],
                    f"this row has values beyond the {len(header)} named columns: "
                    "name their column in the header row, or remove them",
                )
            )
            continue
        values = values[: len(header)]
        if all(_blank(v) for v in values):
            continue
        for column, value in zip(header, values, strict=False):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise over(
                    f"{label} row {number} column {column!r}",
                    "characters in one cell",
                    "max_cell_chars",
                    len(value),
                    limits.max_cell_chars,
                    source=label,
                )
        values += [None] * (len(header) - len(values))
        table.rows.append(Row(dict(zip(header, values, strict=True)), number))
    return table


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def write_excel(G: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write a map as one Excel workbook, the input format of :func:`read_excel`.

    Numbers and dates are written as typed cells; lists as ``;``-separated
    text. Like :func:`write_csv`, this is lossless, the referral journal
    included: ``referrals`` and ``contacts`` sheets, as text.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A valid map.
    path : str or path-like
        The ``.xlsx`` file; its missing parent folders are created.

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old workbook intact.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> path = sk.write_excel(sk.load_sample(), pathlib.Path(tempfile.mkdtemp()) / "kaart.xlsx")
    >>> path.suffix
    '.xlsx'
    """
    require_map(G)
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for table, records in graph_records(G).items():
        if not records:
            continue
        sheet = workbook.create_sheet(table)
        columns = _columns(table, records)
        sheet.append(columns)
        for record in records:
            sheet.append([_text_cell(sheet, _excel_cell(record.get(c))) for c in columns])
    for table, frame in journal_frames(G).items():  # the referral journal (issue 13)
        sheet = workbook.create_sheet(table)
        sheet.append(list(frame.columns))
        for values in frame.itertuples(index=False, name=None):
            sheet.append([_text_cell(sheet, value or None) for value in values])
    with atomic_file(path) as tmp:
        workbook.save(tmp)
    return written_path(path)


#: Characters an Excel cell's XML cannot hold as they are: control characters, and the
#: carriage return, which XML reads back as a line feed.
_XL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
#: Text that looks like the OOXML escape ``_xHHHH_`` itself.
_XL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def _xl_escape(text: str) -> str:
    """Escape text for a cell the OOXML way (``_x000D_``), as Excel itself does."""
    text = _XL_ESCAPE.sub(r"_x005F_\1", text)
    return _XL_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xl_unescape(text: str) -> str:
    """Undo :func:`_xl_escape` (and Excel's own escapes), which openpyxl leaves in the text."""
    if "_x" not in text:
        return text
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def _text_cell(sheet: Any, value: Any) -> Any:
    """Keep text that starts with '=' as text: openpyxl would store it as a formula."""
    if isinstance(value, str):
        value = _xl_escape(value)
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _excel_cell(value: Any) -> Any:
    value = plain_value(value)
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; keep the rare 17-digit float exact as text
        return repr(value)
    if value is None or (isinstance(value, (int, float, _dt.date)) and not isinstance(value, bool)):
        return value
    return format_cell(value, ";")


# ----------------------------------------------------------------------------- DataFrames


def from_frames(
    residents: pd.DataFrame | None = None,
    professionals: pd.DataFrame | None = None,
    initiatives: pd.DataFrame | None = None,
    organisations: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    relations: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
    *,
    referrals: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    name: str | None = None,
) -> nx.MultiDiGraph:
    """Build a map from pandas DataFrames, one per table.

    Entity frames have an ``id`` column, or an index named ``id`` (as
    :func:`to_frames` returns them). Cells may hold Python values (lists,
    dicts, dates) or text as in the CSV format (``;`` between list items).
    Errors name the table and the row as it would be in a file with a
    header line (the first data row is row 2). ``referrals`` and
    ``contacts``, the referral journal, are validated against the map and
    kept in ``G.graph``, as the folder readers keep ``referrals.csv`` and
    ``contacts.csv``.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataError

    Examples
    --------
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> residents = pd.DataFrame({"id": ["r1", "r2"], "needs": ["finances:2", ""]})
    >>> relations = pd.DataFrame({"source": ["r1"], "target": ["r2"], "relation": ["knows"]})
    >>> G = sk.from_frames(residents=residents, relations=relations)
    >>> list(G.edges(keys=True))
    [('r1', 'r2', 'knows')]
    """
    given = {
        "residents": residents,
        "professionals": professionals,
        "initiatives": initiatives,
        "organisations": organisations,
        "places": places,
        "relations": relations,
        "themes": themes,
    }
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for table_name, frame in given.items():
        if frame is None:
            continue
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{table_name} must be a pandas DataFrame, not {type(frame).__name__}")
        if name is None and isinstance(frame.attrs.get("name"), str):
            name = frame.attrs["name"]  # as to_frames keeps it
        if table_name in ENTITY_TABLES and "id" not in frame.columns and frame.index.name == "id":
            frame = frame.reset_index()
        columns = [str(c).strip().lower() for c in frame.columns]
        twice = sorted({c for c in columns if columns.count(c) > 1})
        if twice:
            problems.extend(
                Problem(
                    f"{table_name} (DataFrame)",
                    1,
                    column,
                    None,
                    f"column {column!r} appears twice (names are compared without case and "
                    "surrounding space): keep one",
                )
                for column in twice
            )
            continue
        rows = [
            Row({c: plain_value(v) for c, v in zip(columns, record, strict=True)}, line)
            for line, record in enumerate(frame.itertuples(index=False, name=None), start=2)
        ]
        tables[table_name] = Table(table_name, f"{table_name} (DataFrame)", columns, rows)
    journal: dict[str, pd.DataFrame] = {}
    for table_name, frame in (("referrals", referrals), ("contacts", contacts)):
        if frame is None:
            continue
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{table_name} must be a pandas DataFrame, not {type(frame).__name__}")
        journal[table_name] = frame
    G = _build(tables, problems, name=name, source="DataFrames")
    return attach_journal(G, journal, source="DataFrames") if journal else G


def to_frames(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    """Return the map as DataFrames, one per table: the inverse of :func:`from_frames`.

    Entity frames are indexed by node id; whole-number columns use pandas'
    nullable ``Int64``; lists stay lists. Implied edges and default themes
    are left out, as in :func:`write_csv`.

    Returns
    -------
    dict of str to pandas.DataFrame
        Keys ``residents``, ``professionals``, ``initiatives``,
        ``organisations``, ``places``, ``relations`` and ``themes``; and
        ``referrals`` and ``contacts`` when the map carries a referral
        journal, so that ``from_frames(**to_frames(G))`` loses nothing. A
        subgraph view shares its map's ``G.graph``, journal included, and
        ``from_frames`` then rejects the journal's ids that are not in the
        subgraph: leave those two frames out to rebuild the subgraph alone.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> frames = sk.to_frames(sk.load_sample())
    >>> frames["residents"].loc["r_samira", "statuses"]
    ['eu_citizen']
    >>> H = sk.from_frames(**frames)
    >>> H.number_of_edges() == sk.load_sample().number_of_edges()
    True
    """
    require_map(G)
    out: dict[str, pd.DataFrame] = {}
    for table, records in graph_records(G).items():
        columns = _columns(table, records)
        frame = (
            pd.DataFrame.from_records(records, columns=columns)
            if records
            else pd.DataFrame(columns=columns)
        )
        if table in ENTITY_TABLES:
            model = MODELS[ENTITY_TABLES[table]]
            for column, info in model.model_fields.items():
                if column in frame.columns and _is_int_field(info.annotation):
                    frame[column] = frame[column].astype("Int64")
            frame = frame.set_index("id")
        if G.graph.get("name") is not None:
            frame.attrs["name"] = G.graph["name"]
        out[table] = frame
    for table in JOURNAL_TABLES:
        if G.graph.get(table) is not None:
            frame = G.graph[table]
            out[table] = (
                referral_rows(frame)
                if table == "referrals"
                else frame[list(JOURNAL_COLUMNS[table])].copy()
            )
    return out


def _is_int_field(annotation: Any) -> bool:
    text = str(annotation)
    return "int" in text and "float" not in text and "dict" not in text and "list" not in text


# ----------------------------------------------------------------------------- JSON


#: Keys of ``G.graph`` that hold the referral journal; write_json leaves them out.
_JOURNAL_KEYS = frozenset({"referrals", "contacts"})


def _json_default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, pd.DataFrame):  # reports in G.graph (import, merge)
        return [
            {str(k): plain_value(v) for k, v in record.items()}
            for record in value.to_dict(orient="records")
        ]
    value = plain_value(value)
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def write_json(G: nx.MultiDiGraph, path: PathLike, *, indent: int | None = 1) -> Path:
    """Write a map as node-link JSON, readable by :func:`read_json` and networkx.

    Dates are written as ISO text. This is lossless (sensitive fields
    included); the file is also valid input for
    ``networkx.node_link_graph(data, edges="edges")``. The referral journal
    and contact moments (``G.graph["referrals"]``, ``G.graph["contacts"]``)
    are written as lists of text records under ``graph`` and validated
    again by :func:`read_json`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A valid map.
    path : str or path-like
        The ``.json`` file; its missing parent folders are created.
    indent : int or None, default 1
        Passed to ``json.dump``.

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old file intact.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> path = sk.write_json(G, pathlib.Path(tempfile.mkdtemp()) / "kaart.json")
    >>> sk.read_json(path).number_of_edges() == G.number_of_edges()
    True
    """
    require_map(G)
    data = nx.node_link_data(G, edges="edges")
    # Every record with every field (null where unset), as the map holds only the set ones.
    data["nodes"] = [filled_attributes(node) for node in data["nodes"]]
    data["edges"] = [filled_attributes(edge, tie=True) for edge in data["edges"]]
    # The referral journal (issue 13) is written as lists of text records, read back
    # and validated again by read_json.
    data["graph"] = {k: v for k, v in data["graph"].items() if k not in _JOURNAL_KEYS}
    for table, frame in journal_frames(G).items():
        data["graph"][table] = frame.to_dict("records")
    with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, default=_json_default, ensure_ascii=False, indent=indent)
    return written_path(path)


def read_json(
    path: PathLike, *, name: str | None = None, limits: Limits | None = None
) -> nx.MultiDiGraph:
    """Read a map from node-link JSON (as written by :func:`write_json`).

    The data goes through the same validation as every other reader.

    Parameters
    ----------
    path : str or path-like
        The ``.json`` file.
    name : str, optional
        The map's name; the name in the file, else the file's stem, by default.
    limits : sociale_kaart.io.limits.Limits, optional
        The bounds on the input (see :class:`~sociale_kaart.io.limits.Limits`).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataError
        If the file is not node-link JSON (whatever its content: deep
        nesting, huge numbers, values of the wrong type), the map is not
        valid, or the file is over a limit.
    FileNotFoundError
        If the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> import sociale_kaart as sk
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "kaart.json"
    >>> _ = path.write_text(json.dumps({"nodes": [{"id": "pl1", "kind": "place",
    ...     "name": "Bench"}], "edges": []}))
    >>> sk.read_json(path).nodes["pl1"]["name"]
    'Bench'
    """
    file = Path(path)
    label = file.name
    limits = limits or DEFAULT_LIMITS
    if not file.exists():
        raise FileNotFoundError(f"no such file: {file}")
    if file.is_dir():
        raise IsADirectoryError(f"{file} is a folder: give the .json file (or use sk.read_csv)")
    check_file_size(file, limits, label=label)
    try:
        data = json.loads(file.read_bytes().decode("utf-8-sig"))
    except RecursionError:
        data = None
        depth = limits.max_json_depth + 1
    except (UnicodeDecodeError, ValueError) as err:  # ValueError: also a 5000-digit number
        raise DataError(
            [Problem(label, getattr(err, "lineno", None), None, None, f"not valid JSON: {err}")],
            source=str(file),
        ) from None
    else:
        depth = _json_depth(data, limits.max_json_depth)
    if depth > limits.max_json_depth:
        raise over(
            label,
            "levels of nesting",
            "max_json_depth",
            depth,
            limits.max_json_depth,
            source=str(file),
        )
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise DataError(
            [
                Problem(
                    label,
                    None,
                    None,
                    None,
                    "this is not node-link JSON: expected an object with a 'nodes' list "
                    "(and an 'edges' list), as written by sk.write_json",
                )
            ],
            source=str(file),
        )
    problems: list[Problem] = []
    nodes = []
    for number, item in enumerate(data["nodes"]):
        if not isinstance(item, dict) or "id" not in item:
            problems.append(
                Problem(label, None, "id", None, f"node #{number} has no 'id': give every node one")
            )
            continue
        attrs = dict(item)
        nodes.append((attrs.pop("id"), attrs))
    edges = []
    edge_items = data.get("edges", data.get("links", [])) or []
    if not isinstance(edge_items, list):
        problems.append(Problem(label, None, None, None, "'edges' must be a list of edges"))
        edge_items = []
    for number, item in enumerate(edge_items):
        if not isinstance(item, dict) or "source" not in item or "target" not in item:
            problems.append(
                Problem(label, None, None, None, f"edge #{number} needs 'source' and 'target'")
            )
            continue
        attrs = dict(item)
        u, v = attrs.pop("source"), attrs.pop("target")
        key = attrs.pop("key", attrs.get("relation"))
        edges.append((u, v, key, attrs))
    graph_attrs = data.get("graph") or {}
    if not isinstance(graph_attrs, dict):
        problems.append(
            Problem(label, None, "graph", graph_attrs, "'graph' must be an object (or left out)")
        )
        graph_attrs = {}
    map_name = graph_attrs.get("name")
    if map_name is not None and not isinstance(map_name, str):
        problems.append(Problem(label, None, "graph.name", map_name, "the map's name is text"))
        map_name = None
    journal: dict[str, pd.DataFrame] = {}
    for table in JOURNAL_TABLES:
        records = graph_attrs.get(table)
        if records is None:
            continue
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            problems.append(
                Problem(label, None, f"graph.{table}", None, f"'{table}' must be a list of objects")
            )
            continue
        journal[table] = pd.DataFrame.from_records(records)
    tables, more = node_link_tables(nodes, edges, graph_attrs.get("themes"), label=label)
    G = _build(
        tables,
        [*problems, *more],
        name=name or map_name or file.stem,
        source=str(file),
    )
    return attach_journal(G, journal, source=str(file)) if journal else G


def _json_depth(data: Any, limit: int) -> int:
    """How deeply ``data`` nests (counting stops just over ``limit``), without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


# ----------------------------------------------------------------------------- validate


def validate(G: nx.MultiDiGraph) -> None:
    """Check a map that was edited by hand; raise one error listing every problem.

    It runs the same checks as the readers: each node's fields against its
    kind's model, unique ids, references, and which kinds each relation may
    join. Problems name the node or edge (``file`` is e.g. ``"graph node 'r1'"``).

    It also forgets the map's compiled index (:func:`sociale_kaart.clear_cache`),
    so that the analyses after it see the hand edits, attribute edits in
    place included.

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Raises
    ------
    DataError
        With every problem found.
    TypeError
        If ``G`` is not a ``networkx.MultiDiGraph``.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> sk.validate(G)  # a valid map: no error
    >>> G.nodes["r_samira"]["birth_year"] = 2090
    >>> _ = G.add_edge("p_legal", "pl_bankje", key="supports", relation="supports")
    >>> try:
    ...     sk.validate(G)
    ... except sk.DataError as err:
    ...     print(len(err.errors))
    2
    """
    require_map(G)
    if not isinstance(G, nx.MultiDiGraph):
        raise TypeError(
            f"a social map is a networkx.MultiDiGraph, not {type(G).__name__}; "
            "build it with sk.read_csv or sk.from_frames"
        )
    from sociale_kaart.index.compiled import clear_cache

    clear_cache(G)
    tables, problems = node_link_tables(
        G.nodes(data=True), G.edges(keys=True, data=True), G.graph.get("themes"), label="graph"
    )
    _build(tables, problems, name=G.graph.get("name"), source="graph")
