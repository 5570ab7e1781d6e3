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

from sociale_kaart.datasets._synthetic import (
    JOURNAL_COMPANION_SHARE,
    JOURNAL_OPEN_SHARE,
    JOURNAL_START_WITH,
    JOURNAL_START_WITHOUT,
    synthetic,
)

__all__ = [
    "DEFAULT_SAMPLE",
    "JOURNAL_COMPANION_SHARE",
    "JOURNAL_OPEN_SHARE",
    "JOURNAL_START_WITH",
    "JOURNAL_START_WITHOUT",
    "SURVEY_WAVES",
    "load_sample",
    "load_survey",
    "sample_names",
    "sample_path",
    "synthetic",
]

#: The waves of the survey sample and their dates.
SURVEY_WAVES: dict[int, str] = {1: "2025-10-01", 2: "2026-04-01"}

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


def load_survey(wave: int = 1, *, missing: str = "symmetrise") -> nx.MultiDiGraph:
    """Load a wave of the survey sample: four fictional mixed-discipline teams in Dordrecht.

    24 members in four teams, half with a welfare and half with a care
    background (``x_background``), rated on the PARTNER trust and value
    scales before (wave 1) and after (wave 2) a joint training. Its README
    (``sample_path("dordrecht_survey") / "README.md"``) tells what is planted.

    Parameters
    ----------
    wave : {1, 2}, default 1
        The wave.
    missing : str, default "symmetrise"
        How the non-respondents' ties are handled (see
        :func:`~sociale_kaart.read_survey`).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    ValueError
        If there is no such wave.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=2)
    >>> G.number_of_nodes(), G.graph["survey"]["non_respondents"]
    (24, ['m09', 'm14', 'm22'])
    """
    from sociale_kaart.io.survey import read_survey

    if wave not in SURVEY_WAVES:
        raise ValueError(f"wave must be one of {sorted(SURVEY_WAVES)}, got {wave!r}")
    folder = sample_path("dordrecht_survey")
    return read_survey(
        folder / f"wave{wave}.csv",
        roster=folder / "roster.csv",
        missing=missing,
        wave=SURVEY_WAVES[wave],
        seed=wave,
        name=f"Dordrecht teams, survey wave {wave}",
    )
