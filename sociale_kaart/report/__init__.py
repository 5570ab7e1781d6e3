"""The report layer: the neighbourhood analysis as one offline HTML page."""

from __future__ import annotations

from sociale_kaart.report.page import report

__all__ = ["report"]
