"""Each vocabulary is defined once, in sociale_kaart.core.vocabulary."""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path

import sociale_kaart as sk
from sociale_kaart.analysis.brokerage import ROLES
from sociale_kaart.core import records, vocabulary

PACKAGE = Path(sk.__file__).parent

_NAMES = (
    "KINDS",
    "OFFER_KINDS",
    "PERSON_KINDS",
    "LEVELS",
    "RELATIONS",
    "SYMMETRIC_RELATIONS",
    "BROKERAGE_ROLES",
    "GENDERS",
    "INTENSITIES",
)

#: Literals that equal a vocabulary but are not one: the pydantic models
#: need ``Literal[...]`` for typing (checked equal below; the levels' Literal
#: is ``vocabulary.Level`` itself), and the builder's implied edges are keyed
#: by (kind, attribute) pairs.
_ALLOWED = {
    ("core/records.py", "INTENSITIES"),
    ("core/builder.py", "OFFER_KINDS"),
}


def _literal_vocabularies(tree: ast.AST) -> list[tuple[int, str]]:
    sets = {name: frozenset(getattr(vocabulary, name)) for name in _NAMES}
    sets["non-person kinds"] = frozenset(vocabulary.KINDS) - vocabulary.PERSON_KINDS
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Tuple | ast.List | ast.Set) or len(node.elts) < 2:
            continue
        if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            values = frozenset(e.value for e in node.elts)  # type: ignore[attr-defined]
            hits += [(node.lineno, name) for name, s in sets.items() if values == s]
    return hits


def test_no_module_spells_out_a_vocabulary_of_its_own() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "core/vocabulary.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [(rel, line, name) for line, name in _literal_vocabularies(tree)]
    assert [f for f in found if (f[0], f[2]) not in _ALLOWED] == [], (
        "import it from sociale_kaart.core.vocabulary"
    )


def test_the_check_can_fail() -> None:
    tree = ast.parse(
        'x = ("organisation", "initiative")\ny = ["general", "informal", "specialised", "insured"]'
    )
    assert _literal_vocabularies(tree) == [(1, "OFFER_KINDS"), (2, "LEVELS")]


def test_the_models_literals_are_the_vocabulary() -> None:
    level = records.MODELS["initiative"].model_fields["level"].annotation
    (literal,) = [a for a in typing.get_args(level) if a is not type(None)]
    assert typing.get_args(literal) == vocabulary.LEVELS
    edge_models = [m for m in vars(records).values() if hasattr(m, "model_fields")]
    intensities = [
        m.model_fields["intensity"].annotation
        for m in edge_models
        if "intensity" in getattr(m, "model_fields", {})
    ]
    assert intensities
    for annotation in intensities:
        (literal,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        assert typing.get_args(literal) == vocabulary.INTENSITIES


def test_analyses_use_the_shared_vocabulary() -> None:
    assert ROLES is vocabulary.BROKERAGE_ROLES
    default = inspect.signature(sk.brokerage).parameters["symmetric"].default
    assert default is vocabulary.SYMMETRIC_RELATIONS
    assert set(vocabulary.SYMMETRIC_RELATIONS) <= set(vocabulary.RELATIONS)
    assert set(vocabulary.KINDS) > vocabulary.OFFER_KINDS | vocabulary.PERSON_KINDS
