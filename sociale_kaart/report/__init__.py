"""The report layer: the neighbourhood analysis as one offline HTML page."""

from __future__ import annotations

from sociale_kaart.report.page import report
from sociale_kaart.report.policy import PolicyTables, policy_tables

__all__ = ["PolicyTables", "policy_tables", "report"]
