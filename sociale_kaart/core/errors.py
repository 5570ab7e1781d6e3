"""The library's exceptions. Each subclasses a built-in and says what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = ["DataError", "NodeNotFoundError", "NotAMapError", "Problem"]

_MAX_VALUE_REPR = 60
_MAX_SHOWN = 100


@dataclass(frozen=True)
class Problem:
    """One problem found in the input.

    Attributes
    ----------
    file : str or None
        The file (or sheet, table, or ``"graph"``) where the problem is.
    row : int or None
        The line number in the file, the header being line 1.
    column : str or None
        The column (or attribute) that holds the bad value.
    value : object
        The offending value, as read.
    message : str
        What is wrong and how to fix it.

    Examples
    --------
    >>> from sociale_kaart import Problem
    >>> print(Problem("places.csv", 4, "lat", "200", "latitude must be between -90 and 90"))
    places.csv, row 4, column 'lat' (value '200'): latitude must be between -90 and 90
    """

    file: str | None
    row: int | None
    column: str | None
    value: Any
    message: str

    def location(self) -> str:
        """Where the problem is, e.g. ``residents.csv, row 4, column 'birth_year'``."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts) or "map"

    def __str__(self) -> str:
        text = self.location()
        if self.value is not None and self.value != "":
            value = repr(self.value)
            if len(value) > _MAX_VALUE_REPR:
                value = value[: _MAX_VALUE_REPR - 3] + "..."
            text += f" (value {value})"
        return f"{text}: {self.message}"


class DataError(ValueError):
    """The input does not make a valid social map.

    Every problem found is in :attr:`errors`; ``str()`` lists them all, one a
    line, each with its file, row and column and how to fix it.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> err = sk.DataError([sk.Problem("residents.csv", 3, "birth_year", "2090",
    ...                                "birth year 2090 is after 2026")])
    >>> print(err)
    1 problem in the social map; fix it and load again:
      - residents.csv, row 3, column 'birth_year' (value '2090'): birth year 2090 is after 2026
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(self, errors: Iterable[Problem], *, source: str | None = None) -> None:
        self.errors: list[Problem] = list(errors)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.errors)
        where = f" in {self.source}" if self.source else " in the social map"
        plural = n != 1
        head = (
            f"{n} problem{'s' if plural else ''}{where}; "
            f"fix {'them' if plural else 'it'} and load again:"
        )
        lines = [head, *(f"  - {problem}" for problem in self.errors[:_MAX_SHOWN])]
        if n > _MAX_SHOWN:
            lines.append(f"  ... and {n - _MAX_SHOWN} more (all are in the error's .errors list)")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._render()


class NodeNotFoundError(KeyError, nx.NodeNotFound):
    """A node id that the caller named is not in the map.

    It is a :class:`KeyError` and also a :class:`networkx.NodeNotFound`, so
    code written for either catches it.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> try:
    ...     sk.check_eligibility(sk.load_sample(), "r_nobody", "i_taalmaatjes")
    ... except sk.NodeNotFoundError as err:
    ...     print(err)
    resident 'r_nobody' is not on the map
    >>> import networkx as nx
    >>> issubclass(sk.NodeNotFoundError, nx.NodeNotFound)
    True
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "node not found"


class NotAMapError(TypeError):
    """A graph (or other object) was passed where a social map is needed.

    A social map is a :class:`networkx.MultiDiGraph` whose every node has a
    ``kind``, as built by :func:`~sociale_kaart.from_frames`,
    :func:`~sociale_kaart.read_csv` and the other readers. The message says
    what was wrong with the object and how to build a map instead.

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> try:
    ...     sk.summary(nx.karate_club_graph())
    ... except sk.NotAMapError as err:
    ...     print(err)  # doctest: +ELLIPSIS
    G is not a social map: it is a Graph, not a networkx.MultiDiGraph; ...
    >>> issubclass(sk.NotAMapError, TypeError)
    True
    """
