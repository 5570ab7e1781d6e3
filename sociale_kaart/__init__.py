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

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names as _EXPORTS, for type checkers (tests/test_lazy_import.py)
    from sociale_kaart import (  # noqa: F401 (the layers, as attributes)
        analysis,
        change,
        core,
        datasets,
        gaps,
        index,
        io,
        pictures,
        privacy,
        referral,
        scale,
    )
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
    from sociale_kaart.datasets import (
        load_sample,
    )
    from sociale_kaart.gaps import (
        MeetingAudit,
        WhatIf,
        companion_effect,
        coverage,
        coverage_gaps,
        find_gaps,
        isolation,
        knowledge_gaps,
        meeting_audit,
        open_loops,
        single_knowers,
        stale_records,
        structural_holes_between_groups,
        supply,
        unreached_places,
        what_if,
    )
    from sociale_kaart.index import (
        clear_cache,
    )
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
    from sociale_kaart.privacy import (
        check_disclosure,
        export_fields,
        pseudonym,
        pseudonymise,
    )
    from sociale_kaart.referral import (
        find_offers,
        match_residents,
        network_activation,
        strengths,
        suggest_referrals,
    )
    from sociale_kaart.referral.journal import (
        journal,
        referral_chains,
        referral_outcomes,
        with_journal,
    )
    from sociale_kaart.report import (
        PolicyTables,
        policy_tables,
        report,
    )
    from sociale_kaart.scale import (
        ShardTables,
        area_gaps,
        area_graph,
        area_measures,
        read_shard,
        read_shards,
        shard_tables,
        write_shards,
    )

__version__ = "0.1.0"  # the one version source: pyproject.toml reads it from here

#: Public name -> the module that defines it. ``import sociale_kaart`` loads none of
#: them (PEP 562): a name's module, with networkx, pandas and scipy, is imported when
#: the name is first used, so that the command line and a plain import start fast.
_EXPORTS: dict[str, str] = {
    "DEFAULT_TAXONOMY_MAP": "sociale_kaart.io",
    "DataError": "sociale_kaart.core",
    "Diff": "sociale_kaart.change",
    "Limits": "sociale_kaart.io",
    "MapSeries": "sociale_kaart.change",
    "MeetingAudit": "sociale_kaart.gaps",
    "NodeNotFoundError": "sociale_kaart.core",
    "NotAMapError": "sociale_kaart.core",
    "PartnerScores": "sociale_kaart.analysis",
    "PolicyTables": "sociale_kaart.report",
    "Problem": "sociale_kaart.core",
    "ShardTables": "sociale_kaart.scale",
    "WhatIf": "sociale_kaart.gaps",
    "apply_diff": "sociale_kaart.change",
    "area_gaps": "sociale_kaart.scale",
    "area_graph": "sociale_kaart.scale",
    "area_measures": "sociale_kaart.scale",
    "brokerage": "sociale_kaart.analysis",
    "centrality": "sociale_kaart.analysis",
    "check_disclosure": "sociale_kaart.privacy",
    "check_eligibility": "sociale_kaart.core",
    "clear_cache": "sociale_kaart.index",
    "communities": "sociale_kaart.analysis",
    "companion_effect": "sociale_kaart.gaps",
    "coverage": "sociale_kaart.gaps",
    "coverage_gaps": "sociale_kaart.gaps",
    "diff": "sociale_kaart.change",
    "eligibility_table": "sociale_kaart.core",
    "export_fields": "sociale_kaart.privacy",
    "export_tables": "sociale_kaart.io",
    "find_duplicates": "sociale_kaart.io",
    "find_gaps": "sociale_kaart.gaps",
    "find_offers": "sociale_kaart.referral",
    "from_frames": "sociale_kaart.io",
    "interactive": "sociale_kaart.pictures",
    "isolation": "sociale_kaart.gaps",
    "journal": "sociale_kaart.referral.journal",
    "knowledge_gaps": "sociale_kaart.gaps",
    "load_sample": "sociale_kaart.datasets",
    "match_residents": "sociale_kaart.referral",
    "meeting_audit": "sociale_kaart.gaps",
    "open_loops": "sociale_kaart.gaps",
    "merge": "sociale_kaart.io",
    "mrqap": "sociale_kaart.analysis",
    "network_activation": "sociale_kaart.referral",
    "network_scores": "sociale_kaart.change",
    "network_stats": "sociale_kaart.analysis",
    "partner_scores": "sociale_kaart.analysis",
    "plot_brokerage": "sociale_kaart.pictures",
    "plot_centrality": "sociale_kaart.pictures",
    "plot_coverage": "sociale_kaart.pictures",
    "plot_ego": "sociale_kaart.pictures",
    "plot_map": "sociale_kaart.pictures",
    "plot_referral": "sociale_kaart.pictures",
    "plot_timeline": "sociale_kaart.pictures",
    "policy_tables": "sociale_kaart.report",
    "projection": "sociale_kaart.analysis",
    "pseudonym": "sociale_kaart.privacy",
    "pseudonymise": "sociale_kaart.privacy",
    "qap_matrix": "sociale_kaart.analysis",
    "qap_test": "sociale_kaart.analysis",
    "read_csv": "sociale_kaart.io",
    "read_excel": "sociale_kaart.io",
    "read_hsds": "sociale_kaart.io",
    "read_json": "sociale_kaart.io",
    "read_kumu": "sociale_kaart.io",
    "read_pajek": "sociale_kaart.io",
    "read_pajek_partition": "sociale_kaart.io",
    "read_series": "sociale_kaart.change",
    "read_shard": "sociale_kaart.scale",
    "read_shards": "sociale_kaart.scale",
    "read_survey": "sociale_kaart.io",
    "read_ucinet_dl": "sociale_kaart.io",
    "referral_chains": "sociale_kaart.referral.journal",
    "referral_outcomes": "sociale_kaart.referral.journal",
    "report": "sociale_kaart.report",
    "shard_tables": "sociale_kaart.scale",
    "single_knowers": "sociale_kaart.gaps",
    "snapshot": "sociale_kaart.change",
    "stale_records": "sociale_kaart.gaps",
    "strengths": "sociale_kaart.referral",
    "structural_holes": "sociale_kaart.analysis",
    "structural_holes_between_groups": "sociale_kaart.gaps",
    "suggest_referrals": "sociale_kaart.referral",
    "summary": "sociale_kaart.analysis",
    "supply": "sociale_kaart.gaps",
    "timeline": "sociale_kaart.change",
    "to_frames": "sociale_kaart.io",
    "two_mode_centrality": "sociale_kaart.analysis",
    "two_mode_graph": "sociale_kaart.analysis",
    "unreached_places": "sociale_kaart.gaps",
    "validate": "sociale_kaart.io",
    "what_if": "sociale_kaart.gaps",
    "with_journal": "sociale_kaart.referral.journal",
    "write_csv": "sociale_kaart.io",
    "write_datapackage": "sociale_kaart.io",
    "write_excel": "sociale_kaart.io",
    "write_gexf": "sociale_kaart.io",
    "write_graphml": "sociale_kaart.io",
    "write_hsds": "sociale_kaart.io",
    "write_html": "sociale_kaart.pictures",
    "write_json": "sociale_kaart.io",
    "write_kumu": "sociale_kaart.io",
    "write_pajek": "sociale_kaart.io",
    "write_parquet": "sociale_kaart.io",
    "write_shards": "sociale_kaart.scale",
    "write_ucinet_dl": "sociale_kaart.io",
}

#: The layers, reachable as attributes (``sk.datasets``) and imported on first use.
_SUBPACKAGES: frozenset[str] = frozenset(
    {
        "analysis",
        "change",
        "cli",
        "core",
        "datasets",
        "gaps",
        "index",
        "io",
        "pictures",
        "privacy",
        "referral",
        "report",
        "scale",
    }
)


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBPACKAGES})


class _Package(types.ModuleType):
    """The package module; keeps ``sk.report`` the function when its subpackage loads.

    Importing ``sociale_kaart.report`` makes the import system set the package
    attribute ``report`` to the subpackage, which would hide the function of
    the same name. Names in both tables stay the public function.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
    "PolicyTables",
    "Problem",
    "ShardTables",
    "WhatIf",
    "__version__",
    "apply_diff",
    "area_gaps",
    "area_graph",
    "area_measures",
    "brokerage",
    "centrality",
    "check_disclosure",
    "check_eligibility",
    "clear_cache",
    "communities",
    "companion_effect",
    "coverage",
    "coverage_gaps",
    "datasets",
    "diff",
    "eligibility_table",
    "export_fields",
    "export_tables",
    "find_duplicates",
    "find_gaps",
    "find_offers",
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
    "open_loops",
    "partner_scores",
    "plot_brokerage",
    "plot_centrality",
    "plot_coverage",
    "plot_ego",
    "plot_map",
    "plot_referral",
    "plot_timeline",
    "policy_tables",
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
    "read_shard",
    "read_shards",
    "read_survey",
    "read_ucinet_dl",
    "referral_chains",
    "referral_outcomes",
    "report",
    "shard_tables",
    "single_knowers",
    "snapshot",
    "stale_records",
    "strengths",
    "structural_holes",
    "structural_holes_between_groups",
    "suggest_referrals",
    "summary",
    "supply",
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
    "write_shards",
    "write_ucinet_dl",
]
