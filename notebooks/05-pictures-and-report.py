# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Pictures and the wijkanalyse report
#
# A neighbourhood team would rather look at its map than read tables about it. This
# notebook draws the sample neighbourhood Rivierwijk in three ways: static figures
# (matplotlib), the interactive map (a safe, offline vis-network page), and the whole
# report, the *wijkanalyse*, as one HTML file.

# %%
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import sociale_kaart as sk

G = sk.load_sample()
out = Path(tempfile.mkdtemp())

# %% [markdown]
# ## The map as a figure
#
# `plot_map` lays the map out by buurt: one disc per buurt, with its offers and places in
# the middle and its residents around them; professionals who work in several buurten sit
# in the centre. Residents are not labelled: their names are personal data.

# %%
ax = sk.plot_map(G, layout="neighbourhood", language="en", seed=1)
legend = [t.get_text() for t in ax.get_legend().get_texts()]
legend

# %% [markdown]
# The sample has coordinates for its offers and places, so `layout="auto"` draws them
# where they are. Residents are still placed near the middle of their buurt, not at their
# address, unless `show=["lat", "lon"]` asks for it.

# %%
ax = sk.plot_map(G, language="en")
places = next(c for c in ax.collections if c.get_gid() == "nodes:place")
len(places.get_offsets())

# %% [markdown]
# ## One person's world, and one referral
#
# Henk (scene 2 in the sample's README) wants to swim but has no Meedoenpas. His world
# within one tie: the sports coach, a social worker, a neighbour, the places he visits.

# %%
ax = sk.plot_ego(G, "r_henk", radius=1, language="en")
ax.get_title()

# %%
plt.close("all")

# %% [markdown]
# The route to the free swimming: through his social worker to the information point,
# which grants the pass that the swimming requires. A row of `sk.suggest_referrals`
# has this shape; here we write it by hand.

# %%
row = {
    "path": ["r_henk", "p_maatschappelijk1", "o_infopunt", "i_zwemmen"],
    "target_name": G.nodes["i_zwemmen"]["name"],
    "theme": "exercise",
    "reasons": ["i_zwemmen requires a meedoen_pass", "o_infopunt grants it"],
}
ax = sk.plot_referral(G, row, language="en")
[t.get_text() for t in ax.texts if t.get_gid() == "step"]

# %%
plt.close("all")

# %% [markdown]
# ## The interactive map
#
# `interactive` returns a pyvis `Network` that renders through sociale_kaart's own safe
# template. In Jupyter, the last expression of a cell shows it in a sandboxed iframe that
# works offline. Tooltips show only fields that are safe to show; `show=` widens them.

# %%
net = sk.interactive(G, language="en", size_by="degree", highlight=row)
len(net.nodes), len(net.edges)

# %%
page = net.write_html(out / "rivierwijk-map.html")
html = page.read_text(encoding="utf-8")
"Content-Security-Policy" in html, "Benhaddou" in html

# %% [markdown]
# ## The report
#
# One call writes the whole wijkanalyse: summary, map, key figures, brokers, gaps,
# meetings, example referrals, what became of the referrals in the journal, and data
# quality. The public version shows only
# aggregates, with counts below 10 suppressed.

# %%
team = sk.report(G, out / "rivierwijk-wijkanalyse.html", language="nl")
public = sk.report(G, out / "rivierwijk-public.html", language="en", audience="public")
team.stat().st_size > 100_000, "Samira" in public.read_text(encoding="utf-8")

# %% [markdown]
# The same from the command line: `sociale-kaart report --lang nl -o rivierwijk-wijkanalyse.html`.
