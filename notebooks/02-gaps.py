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
# # Gaps in the social map of Rivierwijk
#
# A neighbourhood analysis (*wijkanalyse*) asks what is missing: needs no
# offer covers, clubs nobody in the team knows, residents nobody reaches,
# meetings that take more than they give. This notebook runs the gap
# analysis on the sample neighbourhood Rivierwijk and
#
# 1. lists the gaps, ranked by severity,
# 2. looks at the stories behind the top ones,
# 3. draws the coverage matrix (demand against supply per buurt and theme),
# 4. audits the meetings, and
# 5. asks what happens when the community builder leaves.
#
# We fix "today" to the sample's date, so the numbers do not change over time.

# %%
import datetime as dt

import pandas as pd

import sociale_kaart as sk

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 90)
TODAY = dt.date(2026, 11, 21)
G = sk.load_sample()

# %% [markdown]
# ## 1. All gaps, ranked
#
# Every row is one gap: its type, a severity from 0 to 1, where and on which
# theme, the ids involved, a sentence that explains it and a next step.

# %%
gaps = sk.find_gaps(G, today=TODAY)
print(gaps["gap_type"].value_counts().to_string())
gaps[["gap_type", "severity", "neighbourhood", "theme", "nodes"]].head(15)

# %% [markdown]
# The top of the list holds the stories the team found by hand: the sewing
# club nobody knows, the bench in front of the supermarket, the debt
# adviser who has never heard of the budget café, and a social worker who
# spends a week a month in meetings.

# %%
for row in gaps.head(12).itertuples():
    print(f"[{row.gap_type}, {row.severity:.2f}] {row.explanation}\n    -> {row.suggestion}")

# %% [markdown]
# ## 2. The stories behind the top gaps
#
# **Strengths nobody knows.** Offers that at most one member of the team
# knows: if that one person leaves, the link is gone.

# %%
sk.single_knowers(G, today=TODAY)[["severity", "nodes", "explanation"]]

# %% [markdown]
# **"I didn't know that club existed."** Professionals whose clients need a
# theme, while colleagues know offers on it that they do not.

# %%
knowledge = sk.knowledge_gaps(G, today=TODAY)
knowledge[knowledge["theme"] == "finances"][["severity", "nodes"]].head(5)

# %% [markdown]
# **Where the residents are.** The bench on the Havenplein has 34 visitors;
# no professional comes there.

# %%
print(sk.unreached_places(G).loc[0, "explanation"])

# %% [markdown]
# **Alone.** Residents who know no other resident: the five planted ones
# come first. Residents who only have a path problem (a need without an
# offer they can reach in three steps) follow with lower severity.

# %%
sk.isolation(G, today=TODAY)[["severity", "neighbourhood", "theme", "nodes"]].head(8)

# %% [markdown]
# ## 3. The coverage matrix
#
# Demand is the number of residents with a need, weighted by ZRM score
# (score 1, acute, weighs 5; an unscored need 3). Supply counts the offers
# these residents may use, that have room and are not far away. A cell is a
# gap when no informal or general offer is among them.

# %%
cov = sk.coverage(G, today=TODAY)
cov["demand"].unstack("theme").loc[:, ["finances", "mental_health", "parenting", "language"]]

# %%
cov[cov["gap"]][["residents", "demand", "supply", "specialised", "gap_reason"]]

# %% [markdown]
# Mental health has only specialised supply (a mental-health provider with a
# waiting list) in every buurt; Oude Dorp has parents with questions and no
# parenting offer that serves it.

# %% [markdown]
# ## 4. Meetings
#
# Hours a month in meetings per professional, and which meetings share
# little with the professional's caseload.

# %%
audit = sk.meeting_audit(G)
print(f"hours a month the team would win back: {audit.hours_won_back:.0f}")
audit.professionals.head(6)

# %%
audit.meetings[audit.meetings["flagged"]][
    ["professional", "other", "hours_per_month", "shared_residents", "relevance"]
]

# %% [markdown]
# And the records nobody has checked for a year:

# %%
stale = sk.stale_records(G, today=TODAY)
stale[stale["stale"]][["name", "last_verified", "age_months", "reason"]]

# %% [markdown]
# ## 5. What if the community builder leaves?
#
# `p_opbouw` is the only team member who knows the budget café, and knows
# many residents personally. We remove him from the map (the map itself is
# not changed) and compare.

# %%
leaving = sk.what_if(G, ["p_opbouw"], today=TODAY)
leaving.summary

# %%
leaving.gaps[["gap_type", "change", "severity_before", "severity_after", "nodes"]].head(10)

# %%
leaving.lost_paths

# %% [markdown]
# ## Sharing outside the team
#
# For a report to the municipality, ask for the aggregate view: no resident
# ids, isolated residents counted per buurt, and counts below 10 shown as
# "fewer than 10".

# %%
shared = sk.find_gaps(G, today=TODAY, aggregate_only=True, language="nl")
for row in shared.head(6).itertuples():
    print(f"[{row.gap_type}] {row.explanation}")
