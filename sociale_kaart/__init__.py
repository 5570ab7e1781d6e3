"""sociale_kaart: a neighbourhood's social map as a graph.

A *sociale kaart* is the map of who and what exists in a neighbourhood:
residents, social professionals, local initiatives, organisations and
meeting places, and the ties between them. This package loads such a map
from the files a neighbourhood team keeps, validates it, and returns a plain
:class:`networkx.MultiDiGraph`.

Examples
--------
>>> import sociale_kaart as sk
>>> G = sk.load_sample()
>>> G.nodes["r_samira"]["kind"]
'resident'
"""

from __future__ import annotations

from sociale_kaart import datasets
from sociale_kaart.analysis import (
    PartnerScores,
    brokerage,
    centrality,
    communities,
    mrqap,
    network_stats,
    partner_scores,
    projection,
    qap_matrix,
    qap_test,
    structural_holes,
    summary,
    two_mode_centrality,
    two_mode_graph,
)
from sociale_kaart.change import (
    Diff,
    MapSeries,
    apply_diff,
    diff,
    network_scores,
    read_series,
    snapshot,
    timeline,
)
from sociale_kaart.core import (
    DataError,
    NodeNotFoundError,
    NotAMapError,
    Problem,
    check_eligibility,
    eligibility_table,
)
from sociale_kaart.datasets import load_sample
from sociale_kaart.gaps import (
    MeetingAudit,
    WhatIf,
    coverage,
    coverage_gaps,
    find_gaps,
    isolation,
    knowledge_gaps,
    meeting_audit,
    single_knowers,
    stale_records,
    structural_holes_between_groups,
    unreached_places,
    what_if,
)
from sociale_kaart.index import clear_cache
from sociale_kaart.io import (
    DEFAULT_TAXONOMY_MAP,
    Limits,
    export_tables,
    find_duplicates,
    from_frames,
    merge,
    read_csv,
    read_excel,
    read_hsds,
    read_json,
    read_kumu,
    read_pajek,
    read_pajek_partition,
    read_survey,
    read_ucinet_dl,
    to_frames,
    validate,
    write_csv,
    write_datapackage,
    write_excel,
    write_gexf,
    write_graphml,
    write_hsds,
    write_json,
    write_kumu,
    write_pajek,
    write_parquet,
    write_ucinet_dl,
)
from sociale_kaart.pictures import (
    interactive,
    plot_brokerage,
    plot_centrality,
    plot_coverage,
    plot_ego,
    plot_map,
    plot_referral,
    plot_timeline,
    write_html,
)
from sociale_kaart.privacy import check_disclosure, export_fields, pseudonym, pseudonymise
from sociale_kaart.referral import match_residents, network_activation, suggest_referrals
from sociale_kaart.referral.journal import journal, referral_chains, referral_outcomes, with_journal
from sociale_kaart.report import report

__version__ = "0.1.0"  # the one version source: pyproject.toml reads it from here

__all__ = [
    "DEFAULT_TAXONOMY_MAP",
    "DataError",
    "Diff",
    "Limits",
    "MapSeries",
    "MeetingAudit",
    "NodeNotFoundError",
    "NotAMapError",
    "PartnerScores",
    "Problem",
    "WhatIf",
    "__version__",
    "apply_diff",
    "brokerage",
    "centrality",
    "check_disclosure",
    "check_eligibility",
    "clear_cache",
    "communities",
    "coverage",
    "coverage_gaps",
    "datasets",
    "diff",
    "eligibility_table",
    "export_fields",
    "export_tables",
    "find_duplicates",
    "find_gaps",
    "from_frames",
    "interactive",
    "isolation",
    "journal",
    "knowledge_gaps",
    "load_sample",
    "match_residents",
    "meeting_audit",
    "merge",
    "mrqap",
    "network_activation",
    "network_scores",
    "network_stats",
    "partner_scores",
    "plot_brokerage",
    "plot_centrality",
    "plot_coverage",
    "plot_ego",
    "plot_map",
    "plot_referral",
    "plot_timeline",
    "projection",
    "pseudonym",
    "pseudonymise",
    "qap_matrix",
    "qap_test",
    "read_csv",
    "read_excel",
    "read_hsds",
    "read_json",
    "read_kumu",
    "read_pajek",
    "read_pajek_partition",
    "read_series",
    "read_survey",
    "read_ucinet_dl",
    "referral_chains",
    "referral_outcomes",
    "report",
    "single_knowers",
    "snapshot",
    "stale_records",
    "structural_holes",
    "structural_holes_between_groups",
    "suggest_referrals",
    "summary",
    "timeline",
    "to_frames",
    "two_mode_centrality",
    "two_mode_graph",
    "unreached_places",
    "validate",
    "what_if",
    "with_journal",
    "write_csv",
    "write_datapackage",
    "write_excel",
    "write_gexf",
    "write_graphml",
    "write_hsds",
    "write_html",
    "write_json",
    "write_kumu",
    "write_pajek",
    "write_parquet",
    "write_ucinet_dl",
]
