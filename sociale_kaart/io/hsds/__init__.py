"""Open Referral (HSDS) import and export."""

from __future__ import annotations

from sociale_kaart.io.hsds.api import DEFAULT_TAXONOMY_MAP, read_hsds, write_hsds

__all__ = ["DEFAULT_TAXONOMY_MAP", "read_hsds", "write_hsds"]
