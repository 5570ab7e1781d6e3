# %% [markdown]
# # Quick start: the sample neighbourhood
#
# `sociale_kaart` keeps a neighbourhood's *sociale kaart* (social map) as a plain
# `networkx.MultiDiGraph`. This notebook loads the sample that ships with the package,
# *Rivierwijk*, looks at a few nodes and ties, and summarises the map. It uses only the
# public API.

# %%
import sociale_kaart as sk

G = sk.load_sample()
print(G)
print(G.graph["name"], "-", len(G.graph["themes"]), "themes in the vocabulary")

# %% [markdown]
# ## What is on the map
#
# `sk.summary` counts nodes by kind and ties by relation, per neighbourhood (*buurt*).
# The last row counts everything once.

# %%
sk.summary(G)

# %% [markdown]
# ## Nodes
#
# Every node has a `kind`. A resident's needs are themes with a ZRM score from 1 (acute
# problems) to 5 (fully self-reliant). These fields are personal data: they stay in the
# team's own files and are left out of exports for others unless asked for.

# %%
resident = G.nodes["r_samira"]
{key: resident[key] for key in ("kind", "neighbourhood", "languages", "needs", "statuses")}

# %%
course = G.nodes["i_taalschool"]
{key: course[key] for key in ("kind", "name", "themes", "level", "excludes", "capacity")}

# %% [markdown]
# ## Ties
#
# Each edge's key is its relation. Who supports Samira, and what does her legal adviser
# know of?

# %%
supporters = [u for u, _, rel in G.in_edges("r_samira", keys=True) if rel == "supports"]
known = [v for _, v, rel in G.out_edges("p_legal", keys=True) if rel == "knows_of"]
print("supported by:", supporters)
print("p_legal knows of:", sorted(known))

# %% [markdown]
# ## May she join the language course?
#
# The eligibility rules say why not, and that the language buddies are open to her.

# %%
for offer in ["i_taalschool", "i_taalmaatjes"]:
    result = sk.check_eligibility(G, "r_samira", offer)
    print(offer, result.eligible, "-", "; ".join(result.blocking) or "no objections")

# %% [markdown]
# ## Bad input gets a clear error
#
# Loading collects every problem and raises one `sk.DataError`; a partial map is never
# returned.

# %%
import pandas as pd

residents = pd.DataFrame(
    {"id": ["r1", "r2"], "birth_year": [1980, 2090], "needs": ["taal:2", "cooking"]}
)
try:
    sk.from_frames(residents=residents)
except sk.DataError as err:
    print(err)

# %% [markdown]
# ## Bigger maps
#
# `sk.datasets.synthetic` makes a valid, realistic map of any size, for tests and
# benchmarks.

# %%
big = sk.datasets.synthetic(2_000, seed=1)
sk.summary(big).loc["total", ["residents", "professionals", "initiatives", "knows"]]
