"""The per-area analyses on Spark in local mode equal the same analyses per shard (issue 16)."""

from __future__ import annotations

import shutil
import sys
import warnings

import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.scale.spark import read_shards_spark, spark_area_gaps, spark_area_measures

pyspark = pytest.importorskip("pyspark", reason="needs pyspark (in the dev lock)")
pytestmark = [
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17"),
    # pyspark's own notes about pandas 3, not ours
    pytest.mark.filterwarnings("ignore::FutureWarning:pyspark"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    mp = pytest.MonkeyPatch()
    # the workers must run this interpreter, which has sociale_kaart and pandas
    mp.setenv("PYSPARK_PYTHON", sys.executable)
    mp.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[1]")
        .appName("sociale_kaart-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    mp.undo()


def _per_shard(shards, function):
    parts = []
    for area in shards.areas:
        parts.append(
            function(
                shards.nodes[shards.nodes["area"] == area],
                shards.ties[shards.ties["area"] == area],
            )
        )
    return pd.concat(parts, ignore_index=True)


def _sorted(frame, keys):
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def test_spark_local_mode_equals_the_per_shard_analyses(spark, tmp_path):
    G = sk.load_sample()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = sk.write_shards(G, tmp_path / "shards")
    shards = sk.read_shards(folder)
    nodes, ties, boundary = read_shards_spark(spark, folder)
    assert boundary.count() == len(shards.boundary)

    ours = _sorted(_per_shard(shards, sk.area_measures), ["area", "node", "measure"])
    theirs = _sorted(spark_area_measures(nodes, ties).toPandas(), ["area", "node", "measure"])
    assert sorted(theirs["area"].unique()) == shards.areas
    pd.testing.assert_frame_equal(
        theirs.astype({"area": object, "node": object, "measure": object}),
        ours.astype({"area": object, "node": object, "measure": object}),
        rtol=1e-12,
    )

    ours_gaps = _sorted(_per_shard(shards, sk.area_gaps), ["area", "gap_type", "theme"])
    theirs_gaps = _sorted(spark_area_gaps(nodes, ties).toPandas(), ["area", "gap_type", "theme"])
    pd.testing.assert_frame_equal(
        theirs_gaps.astype(dict.fromkeys(("area", "gap_type", "theme"), object)),
        ours_gaps.astype(dict.fromkeys(("area", "gap_type", "theme"), object)),
        rtol=1e-12,
    )
    # the gap counts of a shard hold no person
    people = set(shards.nodes.loc[shards.nodes["table"] == "residents", "id"])
    assert not people & set(theirs_gaps.astype(str).to_numpy().ravel())


def test_missing_table_is_named(spark, tmp_path):
    with pytest.raises(FileNotFoundError, match="write_shards"):
        read_shards_spark(spark, tmp_path)
