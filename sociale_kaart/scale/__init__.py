"""Scale: maps split by area, analysed shard by shard (issue 16).

:mod:`~sociale_kaart.scale.shards` splits a map into per-area Parquet tables
and runs the per-area analyses on one shard; :mod:`~sociale_kaart.scale.spark`
runs them on Apache Spark, one group per area. See ``docs/scale.md``.
"""

from __future__ import annotations

from sociale_kaart.scale.shards import (
    AREA_GAPS_SCHEMA,
    AREA_MEASURES_SCHEMA,
    NO_AREA,
    ShardTables,
    area_gaps,
    area_graph,
    area_measures,
    read_shard,
    read_shards,
    shard_paths,
    shard_tables,
    write_shards,
)

__all__ = [
    "AREA_GAPS_SCHEMA",
    "AREA_MEASURES_SCHEMA",
    "NO_AREA",
    "ShardTables",
    "area_gaps",
    "area_graph",
    "area_measures",
    "read_shard",
    "read_shards",
    "shard_paths",
    "shard_tables",
    "write_shards",
]
