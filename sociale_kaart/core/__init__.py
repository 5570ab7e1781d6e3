"""The core layer: records, vocabulary, themes, eligibility rules, the builder, errors, strings.

Everything else in the package builds on this layer, and it imports nothing
from the layers above it (see :doc:`/architecture`).
"""

from __future__ import annotations

from sociale_kaart.core.eligibility import check_eligibility, eligibility_table
from sociale_kaart.core.errors import DataError, NodeNotFoundError, NotAMapError, Problem

__all__ = [
    "DataError",
    "NodeNotFoundError",
    "NotAMapError",
    "Problem",
    "check_eligibility",
    "eligibility_table",
]
