# %% [markdown]
# # Referrals: where can a resident go, and who can introduce her?
#
# This notebook plays out the stories planted in the sample neighbourhood *Rivierwijk*
# with `sk.suggest_referrals`, `sk.check_eligibility`, `sk.network_activation` and
# `sk.match_residents`, and prints the explanations. A suggestion supports a
# professional's judgement; it does not replace it.

# %%
import datetime

import pandas as pd

import sociale_kaart as sk

pd.set_option("display.max_colwidth", 80)
G = sk.load_sample()
DAY = datetime.date(2026, 11, 21)  # the "today" of the sample
COLUMNS = ["target", "level", "eligible", "score", "via"]


def show(frame: pd.DataFrame) -> None:
    """Print each suggestion's explanation."""
    for row in frame.itertuples():
        print(f"{row.Index + 1}. [{row.eligible}] {row.explanation}")


# %% [markdown]
# ## 1. The passport that closes the language course
#
# Samira needs Dutch. The formal course is closed to her because she holds an EU
# passport; the language buddies are open, and her legal adviser knows them.
# `include_ineligible=True` shows the closed course too, with its reason.

# %%
samira = sk.suggest_referrals(G, "r_samira", include_ineligible=True, today=DAY)
samira[COLUMNS]

# %%
show(samira)

# %%
sk.check_eligibility(G, "r_samira", "i_taalschool", today=DAY).to_frame()

# %% [markdown]
# ## 2. From swimming wish to swimming pool, via the information point
#
# The afternoon swimming requires the *Meedoenpas*. Henk does not have it, but the
# information point grants it: the suggestion is a chain, and `path` shows its steps.

# %%
henk = sk.suggest_referrals(G, "r_henk", theme="exercise", today=DAY)
henk[[*COLUMNS, "path"]]

# %%
show(henk)

# %% [markdown]
# ## 3. Two walkers who have not met
#
# `match_residents` pairs residents with the same wish, and residents who offer a theme
# with residents who need it.

# %%
pairs = sk.match_residents(G)
walkers = pairs[(pairs.resident_a == "r_wandel_a") & (pairs.resident_b == "r_wandel_b")]
for text in walkers.explanation:
    print(text)

# %% [markdown]
# ## 4. Help next door
#
# The handyman and his neighbour: as a pair, and as a suggestion for her, reached
# through a neighbour they both know.

# %%
handy = pairs[(pairs.resident_a == "r_klusser") & (pairs.resident_b == "r_kluswens")]
print(handy.explanation.iloc[0])
show(sk.suggest_referrals(G, "r_kluswens", theme="instrumental_adl", top=3, today=DAY))

# %%
pairs.groupby(["theme", "kind"]).size().unstack(fill_value=0)

# %% [markdown]
# ## 5. The client who brings her own helper
#
# Who from her own network could come along, or help with which need?

# %%
activation = sk.network_activation(G, "r_duo_a")
activation[["trust", "helps_with", "come_along", "can_accompany", "score"]]

# %%
for text in activation.explanation:
    print(text)

# %% [markdown]
# ## In Dutch
#
# Every explanation is also available in Dutch.

# %%
show(sk.suggest_referrals(G, "r_samira", top=2, language="nl", today=DAY))
