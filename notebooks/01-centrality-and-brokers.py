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
# # Who holds Rivierwijk together? Centrality and brokers
#
# A neighbourhood team often knows by feel who the *sociale makelaars*
# (social brokers) are: the people through whom residents find each other
# and find their way to help. This notebook measures it on the sample map,
# *Rivierwijk*, and asks what the answer means for the team.
#
# We work with node ids only. Names of residents are personal data and do
# not belong in a notebook that may be shared.

# %%
import sociale_kaart as sk

G = sk.load_sample()
sk.network_stats(G)[["nodes", "residents", "ties", "components", "isolates", "ei_index"]]

# %% [markdown]
# The whole map is one component plus one isolated resident (`r_alleen_2`:
# no ties at all). The E-I index per buurt is negative: ties mostly stay
# inside the buurt.
#
# ## Centrality, ranked within each kind
#
# `sk.centrality` computes five measures and ranks every node among nodes of
# its own kind. A professional is compared with professionals, a resident
# with residents.

# %%
c = sk.centrality(G)
measures = ["degree", "betweenness", "closeness", "eigenvector", "pagerank"]
professionals = c[c["kind"] == "professional"]
professionals.sort_values("betweenness", ascending=False)[measures].round(3).head(6)

# %% [markdown]
# The community builder `p_opbouw` comes first on every measure. She has no
# caseload, but she knows many residents personally and knows of most
# initiatives and organisations: shortest paths between residents and offers
# run through her.
#
# Among residents, who connects? We look at the `knows` ties only: the
# network residents make themselves.

# %%
among_residents = sk.centrality(G, relations="knows")
residents = among_residents[among_residents["kind"] == "resident"]
residents.sort_values("betweenness", ascending=False)[
    ["neighbourhood", "degree", "betweenness", "betweenness_rank"]
].round(3).head(5)

# %% [markdown]
# `r_spil` stands out: she knows residents in all four buurten and
# volunteers in three initiatives.
#
# ## Brokerage roles between buurten
#
# Betweenness says *that* someone is in between; the Gould-Fernandez roles
# say *between whom*. With the buurt as the group, a *liaison* links two
# other buurten, a *representative* passes contacts from her own buurt to
# another, a *gatekeeper* lets outsiders in to her buurt.

# %%
roles = sk.brokerage(G, by="neighbourhood", relations="knows")
roles.sort_values("total", ascending=False)[
    ["group", "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
].head(5)

# %% [markdown]
# `r_spil` holds most of the liaison roles in the wijk: without her, residents
# of different buurten would have far fewer ways to reach each other.
#
# Professionals broker between residents and offers. With the node kind as
# the group, the liaison role counts paths resident -> professional ->
# offer: who makes the step from a resident to an initiative possible?

# %%
to_offers = sk.brokerage(G, by="kind", relations=["knows", "knows_of"])
to_offers[to_offers["kind"] == "professional"].sort_values("liaison", ascending=False)[
    ["liaison", "total"]
].head(5)

# %% [markdown]
# ## Structural holes
#
# Burt's constraint is low for someone whose contacts do not know each
# other: she bridges *structural holes*. Effective size counts her
# non-redundant contacts.

# %%
holes = sk.structural_holes(G, relations=["knows", "knows_of"])
holes.sort_values("constraint")[["kind", "degree", "effective_size", "constraint"]].round(3).head(6)

# %% [markdown]
# ## Communities
#
# Leiden communities of the `knows` network follow the buurten closely; the
# modularity is in the frame's `attrs`.

# %%
parts = sk.communities(G, relations="knows")
print(f"{parts.attrs['n_communities']} communities, modularity {parts.attrs['modularity']:.2f}")
parts[parts["kind"] == "resident"].groupby("community")["neighbourhood"].agg(
    lambda s: s.value_counts().index[0]
).head(8)

# %% [markdown]
# ## What this means for the team
#
# - **`p_opbouw` is a single point of failure.** She is the only team
#   member who knows the budget café (`i_budgetcafe`), and most routes from
#   residents to informal offers pass through her. If she leaves or falls
#   ill, that knowledge goes with her. Share it: let her introduce the debt
#   adviser and the social workers with many money questions to the budget
#   café, and record what she knows on the map.
# - **`r_spil` is a resource, not a service.** She links buurten that
#   otherwise hardly meet. The team can support her (recognition, a
#   volunteer allowance, not overloading her) rather than route more work
#   through her.
# - **Brokers are also bottlenecks.** High betweenness means that many
#   paths depend on one person. Every extra tie between two professionals
#   and an initiative (a visit, an introduction) makes the map less fragile.
# - **Measures describe the map, not the people.** Ties that nobody recorded
#   do not exist for these measures: a low score can mean the map is
#   incomplete. Read the numbers with the team, not about the team.
