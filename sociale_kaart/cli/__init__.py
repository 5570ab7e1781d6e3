"""The command line: ``sociale-kaart`` (also ``python -m sociale_kaart``)."""

from __future__ import annotations

from sociale_kaart.cli.main import load_source, main

__all__ = ["load_source", "main"]
