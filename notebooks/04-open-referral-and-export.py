# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Open Referral, exports and privacy
#
# A social map does not start from zero: municipalities and helplines keep
# directories of services in the Open Referral *Human Services Data
# Specification* (HSDS). This notebook
#
# 1. imports an HSDS directory and reads its import report,
# 2. merges it into the Rivierwijk sample without overwriting the team's records,
# 3. exports the map for Gephi and R, with no sensitive resident fields,
# 4. pseudonymises residents for a researcher, and
# 5. checks who could still be recognised without a name.

# %%
import secrets
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

import sociale_kaart as sk

pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 70)
out = Path(tempfile.mkdtemp(prefix="sociale-kaart-"))
team = sk.load_sample()

# %% [markdown]
# ## 1. Import an HSDS directory
#
# The public HSDS 1.1 sample package is not shipped with the library. We look
# for it next to the repository (`../shared/data/hsds-1.1-sample`); without it
# this part uses a small HSDS 3.0 export written by `write_hsds` instead.


# %%
def find_hsds_sample() -> Path | None:
    for folder in [Path.cwd(), *Path.cwd().parents]:
        candidate = folder / "shared" / "data" / "hsds-1.1-sample" / "all_resources"
        if candidate.exists():
            return candidate
    return None


sample_path = find_hsds_sample()
if sample_path is None:
    print("The HSDS 1.1 sample is not here: using an HSDS export of two sample offers.")
    two = team.subgraph(["o_bibliotheek", "i_taalmaatjes", "pl_bibliotheek"]).copy()
    sample_path = sk.write_hsds(two, out / "hsds-fallback")

directory = sk.read_hsds(sample_path, id_prefix="hsds:", themes_from_text=True)
print("HSDS version", directory.graph["hsds_version"])
kinds = pd.Series([d["kind"] for _, d in directory.nodes(data=True)]).value_counts()
kinds

# %% [markdown]
# The import report lists, row by row, what was not imported as given and
# why: tables the library does not map (contacts are named people and are
# never imported), dangling keys, unreadable values, eligibility text that
# only partly became ages.

# %%
report = directory.graph["import_report"]
report[["file", "row", "action", "reason"]].head(12)

# %% [markdown]
# Services became initiatives, run by their organisation and located at
# their location. Eligibility ("adult") became a minimum age, languages ISO
# codes, the regular schedule a readable text. A field the export leaves
# empty is not set on the node, so read it with `.get` (None when unset):

# %%
helpline_id = "hsds:service:c89eb05c-62dd-4b64-b494-0cc347b6ea7f"  # "Never Homeless Helpline"
if helpline_id not in directory:
    helpline_id = next(n for n, d in directory.nodes(data=True) if d["kind"] == "initiative")
helpline = directory.nodes[helpline_id]
{k: helpline.get(k) for k in ("name", "organisation", "min_age", "languages", "schedule", "themes")}

# %% [markdown]
# ## 2. Merge the directory into the team's map
#
# `merge` adds the directory's offers and places. A record that is the same
# as one of the team's (same name and postcode, by default) is not added and
# the team's record stays as it is; similar names are added and flagged for
# a person to check.

# %%
merged = sk.merge(team, directory)
merged.graph["merge_report"]["status"].value_counts()

# %%
assert all(merged.nodes[n] == d for n, d in team.nodes(data=True))  # nothing overwritten
merged.number_of_nodes() - team.number_of_nodes()

# %% [markdown]
# ## 3. Export for Gephi and R
#
# Exports for others take `fields=`, a whitelist. By default the sensitive
# resident fields (name, birth year, needs, statuses, coordinates, postcode)
# stay out:

# %%
gexf = sk.write_gexf(merged, out / "rivierwijk.gexf")
graphml = sk.write_graphml(merged, out / "rivierwijk.graphml")
package = sk.write_datapackage(merged, out / "csv")
H = nx.read_graphml(graphml)
sorted(H.nodes["r_samira"])

# %% [markdown]
# In R:
#
# ```r
# library(igraph)
# g <- read_graph("rivierwijk.graphml", format = "graphml")
# table(V(g)$kind)
# ```
#
# or `graph_from_data_frame(read.csv("csv/edges.csv"), vertices = read.csv("csv/nodes.csv"))`.
# The data package's `datapackage.json` describes every column:

# %%
pd.read_csv(package / "nodes.csv").head(3)

# %% [markdown]
# ## 4. Pseudonymise for a researcher
#
# Resident ids and names become keyed hashes (HMAC-SHA256). The key is never
# stored in the map: keep it in the team's password manager. The same key
# gives the same pseudonyms in the next wave; without it they lead nowhere.
# Coordinates are snapped to a 500 m grid, postcodes cut to four digits.

# %%
key = secrets.token_hex(32)  # keep it in a password manager, never beside the data
P = sk.pseudonymise(team, key=key)
samira = sk.pseudonym("r_samira", key=key)
{k: P.nodes[samira][k] for k in ("name", "neighbourhood", "postcode", "lat", "lon")}

# %%
sk.write_datapackage(P, out / "for-research", fields={"resident": ["neighbourhood", "languages"]})
text = (out / "for-research" / "nodes.csv").read_text(encoding="utf-8")
assert "r_samira" not in text and "Samira" not in text
print("no original resident id or name in the export")

# %% [markdown]
# ## 5. Who can be recognised without a name?
#
# Leaving out names is not anonymising. `check_disclosure` lists residents
# who are unique, or in a group smaller than *k*, on quasi-identifiers. In
# Oude Dorp one man is the only Arabic speaker born before 1946: anyone who
# knows the buurt knows who he is.

# %%
quasi = ["neighbourhood", "birth_year_band", "languages"]
risk = sk.check_disclosure(team, quasi_identifiers=quasi)
print(f"{len(risk)} residents in groups smaller than 5; {risk['unique'].sum()} unique")
risk.loc[["r_oudste"]]

# %% [markdown]
# Before sharing, coarsen (wider birth-year bands, fewer quasi-identifiers)
# until the list is empty, or leave those residents out. Counts for the
# public go through the one small-cell rule (below 10 suppressed):

# %%
from sociale_kaart.privacy.suppression import suppress_small

nodes, _ = sk.export_tables(team, fields={"resident": ["neighbourhood"]})
counts = nodes[nodes["kind"] == "resident"].groupby("neighbourhood").size().to_frame("residents")
suppress_small(counts, ["residents"])
