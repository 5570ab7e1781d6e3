"""The privacy layer: export whitelists, pseudonyms, disclosure checks, small-cell suppression."""

from __future__ import annotations

from sociale_kaart.privacy.pseudonyms import (
    check_disclosure,
    export_fields,
    pseudonym,
    pseudonymise,
)

__all__ = ["check_disclosure", "export_fields", "pseudonym", "pseudonymise"]
