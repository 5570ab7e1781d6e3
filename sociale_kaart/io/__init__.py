"""The io layer: the team's own lossless formats, exports for others, HSDS, merging.

One rule for every writer (:mod:`sociale_kaart.io.atomic`): missing parent
folders are created; the data is written to a temporary file or folder
beside the target and then moved onto it in one step, so an interrupted
write leaves the old copy intact; and the writer returns the path it wrote,
**the file** for one-file formats (:func:`write_json`, :func:`write_excel`,
:func:`write_graphml`, :func:`write_gexf`, and :func:`~sociale_kaart.write_html`
and :func:`~sociale_kaart.report`) and **the folder** for folder formats
(:func:`write_csv`, :func:`write_datapackage`, :func:`write_parquet`,
:func:`write_hsds`).
"""

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
from sociale_kaart.io.limits import Limits
from sociale_kaart.io.merge import find_duplicates, merge
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
    "Limits",
    "export_tables",
    "find_duplicates",
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
