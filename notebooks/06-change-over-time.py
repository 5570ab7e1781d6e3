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
# # Change over time in Rivierwijk
#
# Neighbourhood work is about change: the team puts "netwerk" on its weekly
# agenda, drops meetings that cost more than they give, and wants to know
# whether that helped. This notebook follows one autumn in the sample
# neighbourhood. The sample `rivierwijk_history` is one dated map: its ties
# have `since` and `until`, its professionals `started` and `left`. We
#
# 1. take the map as it stood on three days (`sk.snapshot`),
# 2. ask what changed between them (`sk.diff`): records, ties, gaps,
#    measures, network scores and coverage, each row explained,
# 3. follow the network scores over time (`sk.timeline`, `sk.plot_timeline`).

# %%
import datetime as dt

import matplotlib

matplotlib.use("Agg")
import pandas as pd

import sociale_kaart as sk

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 110)
H = sk.load_sample("rivierwijk_history")
DAYS = [dt.date(2026, 11, 1), dt.date(2026, 11, 11), dt.date(2026, 11, 21)]
before, middle, after = (sk.snapshot(H, on=day) for day in DAYS)
states = zip(DAYS, (before, middle, after), strict=True)
[(day.isoformat(), G.number_of_nodes(), G.number_of_edges()) for day, G in states]

# %% [markdown]
# The first day is exactly the `rivierwijk` sample that the other notebooks
# use. A snapshot is a plain map: every analysis runs on it unchanged.

# %%
sk.network_stats(middle).loc["total", ["nodes", "ties", "density", "components"]]

# %% [markdown]
# ## The first ten days: the team goes out
#
# Two social workers visit the sewing club of Turkish women that nobody in
# the team knew; the debt adviser hears of the budget café; Femke de Graaf
# starts sitting on the bench in front of the supermarket on Tuesday
# mornings. The diff lists the new ties, and the gaps that closed.

# %%
first = sk.diff(before, middle)
first.ties[["source", "relation", "target", "change", "explanation"]]

# %%
gaps = first.gaps
gaps.loc[gaps["change"] == "closed", ["gap_type", "nodes", "explanation"]]

# %% [markdown]
# Each gap is matched across the two maps by a stable key (type, theme,
# neighbourhood and the node it is about), so "the sewing club is no longer
# known by nobody" is one closed gap, not a removed row and an added one.
# Gaps that stay open are listed as `persisting`, with both severities.
#
# Sitting on the bench makes Femke a broker between the residents there and
# the team:

# %%
columns = ["measure", "before", "after", "rank_before", "rank_after"]
first.measures.loc[["p_maatschappelijk1"], columns]

# %% [markdown]
# ## The next ten days: a departure, and two meetings dropped
#
# The community builder Dewi Sardjoe leaves on 14 November, and Yusuf Aydın
# stops going to two area meetings that had little to do with his clients.
# This time in Dutch, as the team would read it.

# %%
second = sk.diff(middle, after, language="nl")
second.records[["change", "explanation"]]

# %%
meets = second.ties[second.ties["relation"] == "meets"]
meets["explanation"].tolist()

# %% [markdown]
# What the departure did: offers that she was one of two to know are now
# known by one professional only. This is `sk.what_if` made real.

# %%
opened = second.gaps[second.gaps["change"] == "opened"]
opened[["gap_type", "nodes", "severity_after"]].head(10)

# %%
second.scores[["group", "score", "before", "after", "explanation"]]

# %% [markdown]
# ## The scores over time
#
# `sk.timeline` gives the network scores for every date of a series, per
# buurt and for the whole map; `sk.plot_timeline` draws one of them. A team
# that keeps a separate file per date reads them with `sk.read_series`.

# %%
frame = sk.timeline(sk.MapSeries.from_snapshots(H, DAYS))
frame.xs("total", level="group")

# %%
ax = sk.plot_timeline(frame, score="meeting_hours", groups=["total"])
ax.set_title("Hours a month in meetings")
ax.figure

# %% [markdown]
# Applying the record and tie changes of a diff to the first map gives the
# second: nothing is left out.

# %%
from sociale_kaart.testing import graphs_equal

graphs_equal(sk.apply_diff(before, sk.diff(before, after)), after)

# %% [markdown]
# ## "Since last time" in the report
#
# Give the report the previous map and it says what changed: for the team the
# gaps closed and opened, the team's new and ended connections, who left and
# which new gaps follow from it; for the public only counts, with small counts
# about people suppressed. On the command line: `sociale-kaart report NEW
# --since OLD` and `sociale-kaart diff OLD NEW`.

# %%
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    page = sk.report(after, Path(tmp) / "wijk.html", language="nl", previous=before)
    html = page.read_text(encoding="utf-8")
section = html.split('<h2 id="since">')[1].split("<h2")[0]
"Sinds de vorige keer" in html, "Opgeloste tekorten" in section
