"""The index layer: the one compiled, cached view of a map that the analyses read."""

from __future__ import annotations

from sociale_kaart.index.ties import clear_cache

__all__ = ["clear_cache"]
