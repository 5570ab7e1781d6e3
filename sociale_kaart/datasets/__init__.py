"""Data sets: the sample neighbourhood shipped in the package, and synthetic maps.

The sample is a small fictional Dutch neighbourhood, *Rivierwijk*, with four
buurten, its buurtteam, local initiatives, organisations and places. Its
README (``sample_path("rivierwijk") / "README.md"``) tells the scenes planted
in it. :func:`synthetic` makes valid, realistic maps of any size, for tests
and benchmarks.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import networkx as nx

from sociale_kaart.datasets._synthetic import synthetic

__all__ = ["DEFAULT_SAMPLE", "load_sample", "sample_names", "sample_path", "synthetic"]

#: The sample that :func:`load_sample` loads by default.
DEFAULT_SAMPLE = "rivierwijk"


def _samples_root() -> Path:
    return Path(str(resources.files("sociale_kaart.datasets") / "samples"))


def sample_names() -> list[str]:
    """Names of the samples shipped in the package.

    Examples
    --------
    >>> from sociale_kaart.datasets import sample_names
    >>> "rivierwijk" in sample_names()
    True
    """
    root = _samples_root()
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


def sample_path(name: str | None = None) -> Path:
    """The folder of a shipped sample, with its CSV files and README.

    Parameters
    ----------
    name : str, optional
        The sample's name; :data:`DEFAULT_SAMPLE` by default.

    Raises
    ------
    ValueError
        If there is no sample of that name; the message lists the names.

    Examples
    --------
    >>> from sociale_kaart.datasets import sample_path
    >>> (sample_path() / "residents.csv").exists()
    True
    """
    name = DEFAULT_SAMPLE if name is None else name
    path = _samples_root() / name
    if not path.is_dir():
        raise ValueError(f"no sample named {name!r}; the samples are: {', '.join(sample_names())}")
    return path


def load_sample(name: str | None = None) -> nx.MultiDiGraph:
    """Load a sample neighbourhood shipped inside the package.

    Parameters
    ----------
    name : str, optional
        The sample's name (see :func:`sample_names`); ``"rivierwijk"`` by default.

    Returns
    -------
    networkx.MultiDiGraph
        A fresh, validated map (yours to change).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> G.graph["name"]
    'rivierwijk'
    >>> G.nodes["pl_bankje"]["type"]
    'supermarket bench'
    """
    from sociale_kaart.io.formats import read_csv

    path = sample_path(name)
    return read_csv(path, name=path.name)
