"""The per-area analyses on Apache Spark: one group per area (needs pyspark).

The shard tables of :mod:`sociale_kaart.scale.shards` (Parquet, partitioned by
area) are read as Spark DataFrames; the nodes and ties of each area are
grouped together (``cogroup``) and each group is analysed by this library on
a worker, with ``applyInPandas``. The result is a Spark DataFrame with a fixed
schema, so it can be written back as Parquet or joined with other tables.

The workers need this package (and pandas, pyarrow) installed, and Spark
needs to start them with the same Python (``PYSPARK_PYTHON``).
``docs/scale.md`` describes the sharding and what a population-scale job
needs.

pyspark is imported only inside the functions: this module imports without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from sociale_kaart.io.atomic import PathLike
from sociale_kaart.scale.shards import (
    AREA_GAPS_SCHEMA,
    AREA_MEASURES_SCHEMA,
    area_gaps,
    area_measures,
    shard_paths,
)

if TYPE_CHECKING:  # pragma: no cover - types only
    from pyspark.sql import DataFrame as SparkFrame
    from pyspark.sql import SparkSession

__all__ = ["read_shards_spark", "spark_area_gaps", "spark_area_measures"]


def _measures(nodes: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    return area_measures(nodes, ties)


def _gaps(nodes: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    return area_gaps(nodes, ties)


def read_shards_spark(
    spark: SparkSession, folder: PathLike
) -> tuple[SparkFrame, SparkFrame, SparkFrame]:
    """Read the tables :func:`sociale_kaart.write_shards` wrote as Spark DataFrames.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
        A running session.
    folder : str or path-like
        The folder :func:`sociale_kaart.write_shards` returned.

    Returns
    -------
    tuple of pyspark.sql.DataFrame
        ``(nodes, ties, boundary)``.

    Raises
    ------
    FileNotFoundError
        If a table is missing, naming it.

    Examples
    --------
    >>> from sociale_kaart.scale.spark import read_shards_spark
    >>> callable(read_shards_spark)
    True
    """
    nodes, ties, boundary = (spark.read.parquet(str(p)) for p in shard_paths(folder))
    return nodes, ties, boundary


def _per_area(nodes: SparkFrame, ties: SparkFrame, function: Any, schema: str) -> SparkFrame:
    return (
        nodes.groupBy("area").cogroup(ties.groupBy("area")).applyInPandas(function, schema=schema)
    )


def spark_area_measures(nodes: SparkFrame, ties: SparkFrame) -> SparkFrame:
    """Centrality and brokerage per area on Spark: :func:`sociale_kaart.area_measures` per group.

    Parameters
    ----------
    nodes, ties : pyspark.sql.DataFrame
        The ``nodes`` and ``ties`` shard tables (e.g. from
        :func:`read_shards_spark`).

    Returns
    -------
    pyspark.sql.DataFrame
        Schema ``sociale_kaart.scale.AREA_MEASURES_SCHEMA``: ``area``,
        ``node``, ``measure``, ``value``. Lazy, as Spark frames are.

    See Also
    --------
    sociale_kaart.area_measures

    References
    ----------
    Zaharia, M., et al. (2016). Apache Spark: a unified engine for big data
    processing. *Communications of the ACM*, 59(11), 56-65.
    doi:10.1145/2934664

    Examples
    --------
    >>> from sociale_kaart.scale.spark import spark_area_measures
    >>> callable(spark_area_measures)
    True
    """
    return _per_area(nodes, ties, _measures, AREA_MEASURES_SCHEMA)


def spark_area_gaps(nodes: SparkFrame, ties: SparkFrame) -> SparkFrame:
    """Gap counts per area on Spark: :func:`sociale_kaart.area_gaps` per group.

    Parameters
    ----------
    nodes, ties : pyspark.sql.DataFrame
        The ``nodes`` and ``ties`` shard tables.

    Returns
    -------
    pyspark.sql.DataFrame
        Schema ``sociale_kaart.scale.AREA_GAPS_SCHEMA``: ``area``,
        ``gap_type``, ``theme``, ``gaps``, ``severity``.

    See Also
    --------
    sociale_kaart.area_gaps

    References
    ----------
    Zaharia, M., et al. (2016). Apache Spark: a unified engine for big data
    processing. *Communications of the ACM*, 59(11), 56-65.
    doi:10.1145/2934664

    Examples
    --------
    >>> from sociale_kaart.scale.spark import spark_area_gaps
    >>> callable(spark_area_gaps)
    True
    """
    return _per_area(nodes, ties, _gaps, AREA_GAPS_SCHEMA)
