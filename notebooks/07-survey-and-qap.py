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
# # A network survey and QAP
#
# Four fictional Dordrecht teams, half welfare and half care, rated each other
# on the PARTNER trust and value scales before and after a joint training.
# We read both waves, compare partner scores, and test with QAP/MRQAP whether
# trust across backgrounds grew (Krackhardt 1988; Dekker, Krackhardt and
# Snijders 2007). Permutations are seeded and few, so this runs in seconds.

# %%
import sociale_kaart as sk
from sociale_kaart.change import as_of

before = sk.datasets.load_survey(wave=1)
after = sk.datasets.load_survey(wave=2)
before.graph["survey"]["response_rate"], after.graph["survey"]["response_rate"]

# %% [markdown]
# Partner scores per wave: each member's mean trust and value as rated by others.

# %%
sk.partner_scores(before)

# %%
sk.partner_scores(after)

# %% [markdown]
# MRQAP: trust explained by sharing a team and sharing a background. If
# trust across backgrounds grew, the same-background coefficient shrinks.

# %%
terms = ["same:team", "same:x_background"]
fit_before = sk.mrqap(before, "trust", terms, reps=200, seed=1)
fit_after = sk.mrqap(after, "trust", terms, reps=200, seed=1)
fit_before

# %%
fit_after

# %% [markdown]
# The waves are dated, so the change-over-time tools accept them too.

# %%
as_of(before), as_of(after)
