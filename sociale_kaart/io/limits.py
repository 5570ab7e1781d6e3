"""The readers' bounds: how large an input may be before it is refused.

A map may come from a shared folder or an e-mail, so every reader checks its
input against documented limits *before* it spends time or memory on it. The
defaults are generous for a whole city (a million rows per table); over a
limit the reader raises a :class:`~sociale_kaart.DataError` at once, naming
the limit and how to raise it. Pass ``limits=Limits(...)`` to a reader to
change them; nothing process-wide is changed (in particular not
``csv.field_size_limit``).
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

from sociale_kaart.core.errors import DataError, Problem

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclasses.dataclass(frozen=True)
class Limits:
    """Bounds on what a reader accepts.

    Parameters
    ----------
    max_file_bytes : int
        Default 512 MiB. The size of one input file (a CSV or JSON file, a
        workbook, a zip).
    max_unzipped_bytes : int
        Default 1 GiB. The decompressed size of all members of a workbook or
        zip together.
    max_ratio : int
        Default 200. How many times larger than its compressed size a zip
        member may be (zip bombs reach thousands).
    max_rows : int
        Default 1,000,000. Rows per table or sheet, empty rows included.
    max_columns : int
        Default 1,000. Columns per table or sheet.
    max_cell_chars : int
        Default 100,000. Characters in one cell (a long description is a few
        thousand).
    max_json_depth : int
        Default 32. How deeply a JSON document may nest.

    Examples
    --------
    >>> from sociale_kaart.io.limits import Limits
    >>> Limits().max_rows
    1000000
    >>> Limits(max_rows=5_000_000).max_rows
    5000000
    """

    max_file_bytes: int = 512 * 2**20
    max_unzipped_bytes: int = 2**30
    max_ratio: int = 200
    max_rows: int = 1_000_000
    max_columns: int = 1_000
    max_cell_chars: int = 100_000
    max_json_depth: int = 32

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{field.name} must be a whole number >= 1, not {value!r}")


#: The limits every reader uses unless given others.
DEFAULT_LIMITS = Limits()


def over(label: str, what: str, limit: str, value: int, allowed: int, *, source: str) -> DataError:
    """The error for an input over a limit: what, the limit's name, and how to raise it.

    Examples
    --------
    >>> from sociale_kaart.io.limits import over
    >>> print(over("big.csv", "rows", "max_rows", 2_000_000, 1_000_000, source="map").errors[0])
    big.csv: the input has 2,000,000 rows, over the limit of 1,000,000 (max_rows): if the file is genuine, raise it with limits=sk.Limits(max_rows=...)
    """  # noqa: E501
    return DataError(
        [
            Problem(
                label,
                None,
                None,
                None,
                f"the input has {value:,} {what}, over the limit of {allowed:,} ({limit}): "
                f"if the file is genuine, raise it with limits=sk.Limits({limit}=...)",
            )
        ],
        source=source,
    )


def check_file_size(path: Path, limits: Limits, *, label: str) -> None:
    """Refuse a file larger than ``max_file_bytes`` before reading it."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise over(label, "bytes", "max_file_bytes", size, limits.max_file_bytes, source=str(path))


def check_zip(archive: zipfile.ZipFile, limits: Limits, *, label: str, source: str) -> None:
    """Refuse a zip (or workbook) whose members unpack too large, or too many times larger."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise over(
                label,
                "bytes when unpacked",
                "max_unzipped_bytes",
                total,
                limits.max_unzipped_bytes,
                source=source,
            )
        if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise over(
                f"{label} [{info.filename}]",
                "times its packed size when unpacked",
                "max_ratio",
                info.file_size // max(info.compress_size, 1),
                limits.max_ratio,
                source=source,
            )
