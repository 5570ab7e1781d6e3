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
# # What became of the referrals
#
# A suggestion is where the work starts. The referral journal records what
# happened next: one row per step of a referral, with its status (proposed,
# requested, accepted, rejected, started, completed, cancelled), who referred,
# to what, who came along, and the step it came from. This notebook reads the
# journal of the sample neighbourhood and asks
#
# 1. what a chain of referrals looks like (`sk.referral_chains`),
# 2. how referrals end, per level and theme (`sk.referral_outcomes`), for the
#    team and for the public,
# 3. what the journal says that the map alone cannot: an offer that keeps
#    refusing one group, whether bringing someone along helps
#    (`sk.companion_effect`), and the referrals that never came back
#    (`sk.open_loops`),
# 4. whether the analysis finds an effect that we planted ourselves, in a
#    synthetic journal.
#
# The journal is sensitive: it says who asked for help with what. Public
# tables hold counts only, with small cells suppressed.

# %%
import datetime as dt

import pandas as pd

import sociale_kaart as sk

pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 110)
TODAY = dt.date(2026, 11, 21)
G = sk.load_sample()
steps = sk.journal(G)
len(steps), steps["referral"].nunique()

# %% [markdown]
# ## Chains
#
# On one day a resident with money worries and a wish to move more went from
# the neighbourhood information point to a social worker, then to the debt
# adviser, the sports coach and finally the swimming pool. The journal keeps
# each step with its `parent`, so the chain reads back as one.

# %%
chains = sk.referral_chains(G)
chains[chains["root"] == "henk-1"][["depth", "referrer", "target", "status"]]

# %% [markdown]
# A refusal and what came after it: the formal language course does not admit
# EU citizens, so a resident with a Portuguese passport was turned away; the
# language buddies, who ask nobody for a passport, took her on.

# %%
steps[steps["resident"] == "r_samira"][["referral", "date", "status", "target", "reason"]]

# %% [markdown]
# ## Outcomes
#
# Per theme: how many referrals were made, how many started, how long it took.
# The public table has the same shape, with small cells hidden.

# %%
sk.referral_outcomes(G, by="theme").head(8)

# %%
sk.referral_outcomes(G, by="theme", audience="public").head(8)

# %% [markdown]
# ## What the journal shows
#
# The journal findings are gap types of their own in `sk.find_gaps`, beside
# the gaps of the map.

# %%
gaps = sk.find_gaps(G, today=TODAY)
journal_types = ["repeated_refusal", "companion_effect", "open_loop"]
gaps[gaps["gap_type"].isin(journal_types)][["gap_type", "explanation"]].head(5)

# %% [markdown]
# "Bring someone along to the first visit" is a hypothesis the team can test
# on its own data. `sk.companion_effect` compares the start rates with and
# without a companion with Fisher's exact test, says how many referrals the
# comparison rests on, and declines to claim anything on small numbers.

# %%
sk.companion_effect(G).T

# %%
sk.open_loops(G, today=TODAY).head()

# %% [markdown]
# ## A planted effect, recovered
#
# `synthetic(n, journal=...)` writes a journal in which a referral with a
# companion starts with probability 0.7 and one without with probability
# 0.4. The comparison should find that; on a handful of referrals it should
# refuse to say anything.

# %%
big = sk.datasets.synthetic(2_000, seed=1, journal=3_000)
small = sk.datasets.synthetic(300, seed=1, journal=25)
pd.concat([sk.companion_effect(big), sk.companion_effect(small)], keys=["3,000", "25"])[
    ["referrals", "rate_with", "rate_without", "p_value", "verdict"]
]
