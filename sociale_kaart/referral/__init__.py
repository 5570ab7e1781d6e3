"""The referral layer: referral paths through the network, network activation, matching."""

from __future__ import annotations

from sociale_kaart.referral.directory import find_offers
from sociale_kaart.referral.matching import match_residents
from sociale_kaart.referral.strengths import strengths
from sociale_kaart.referral.suggest import network_activation, suggest_referrals

__all__ = [
    "find_offers",
    "match_residents",
    "network_activation",
    "strengths",
    "suggest_referrals",
]
