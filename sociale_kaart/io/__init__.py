"""The io layer: the team's own lossless formats, exports for others, HSDS, merging."""

from __future__ import annotations

from sociale_kaart.io.export import (
    export_tables,
    write_datapackage,
    write_gexf,
    write_graphml,
    write_parquet,
)
from sociale_kaart.io.formats import (
    from_frames,
    read_csv,
    read_excel,
    read_json,
    to_frames,
    validate,
    write_csv,
    write_excel,
    write_json,
)
from sociale_kaart.io.hsds import DEFAULT_TAXONOMY_MAP, read_hsds, write_hsds
from sociale_kaart.io.merge import merge
from sociale_kaart.io.research import (
    read_kumu,
    read_pajek,
    read_pajek_partition,
    read_ucinet_dl,
    write_kumu,
    write_pajek,
    write_ucinet_dl,
)
from sociale_kaart.io.survey import read_survey

__all__ = [
    "DEFAULT_TAXONOMY_MAP",
    "export_tables",
    "from_frames",
    "merge",
    "read_csv",
    "read_excel",
    "read_hsds",
    "read_json",
    "read_kumu",
    "read_pajek",
    "read_pajek_partition",
    "read_survey",
    "read_ucinet_dl",
    "to_frames",
    "validate",
    "write_csv",
    "write_datapackage",
    "write_excel",
    "write_gexf",
    "write_graphml",
    "write_hsds",
    "write_json",
    "write_kumu",
    "write_pajek",
    "write_parquet",
    "write_ucinet_dl",
]
