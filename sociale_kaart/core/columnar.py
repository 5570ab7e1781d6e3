"""Column-wise validation of record tables, with pydantic as the judge (issue 16).

:func:`check_records` gives, for every input record, exactly what
``model.model_validate(record, context=...)`` gives: the record's fields
(``model_dump()``) or the :class:`pydantic.ValidationError`. It gets there
column by column instead of record by record:

1. Each column's distinct values are judged once. A value is either taken by
   a *fast acceptance* (plain text, a plain decimal number within the field's
   ``ge``/``le`` bounds, a plain id), derived from the field's definition in
   :mod:`sociale_kaart.core.records`, or judged by the field's own pydantic
   validator (``validate_assignment``, with the same context). A fast
   acceptance never rejects: a value it is not sure of goes to pydantic.
2. Rules that join fields (an end date before its start, ``min_age`` above
   ``max_age``, consent on a tie other than volunteers) flag the records in
   which they could fail.
3. Records with a rejected value or a flag (*suspects*) are validated whole by
   pydantic, so every problem message is pydantic's, word for word. The rest
   are assembled from the columns, without per-record pydantic.

:func:`pydantic_only` runs the old path (every record through pydantic), so
tests can compare both on every input.
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import dataclasses
import datetime as _dt
import functools
import itertools
import operator
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from sociale_kaart.core.records import LIFECYCLE

__all__ = [
    "ROW_RULES",
    "Checked",
    "CodedColumn",
    "check_columns",
    "check_records",
    "pydantic_only",
    "record_columns",
    "sparse_record",
    "using_pydantic_only",
]

_PYDANTIC_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "sociale_kaart_pydantic_only", default=False
)


@contextlib.contextmanager
def pydantic_only() -> Iterator[None]:
    """Validate every record with pydantic alone, as before the columnar checks.

    CSV files are then read row by row, by :mod:`csv` alone, too. For tests
    and for comparing the two paths; the setting holds in the
    ``with`` block only (in this thread or task).

    Examples
    --------
    >>> with pydantic_only():
    ...     using_pydantic_only()
    True
    >>> using_pydantic_only()
    False
    """
    token = _PYDANTIC_ONLY.set(True)
    try:
        yield
    finally:
        _PYDANTIC_ONLY.reset(token)


def using_pydantic_only() -> bool:
    """Whether :func:`pydantic_only` is in force here."""
    return _PYDANTIC_ONLY.get()


class _Unsure:
    """The fast acceptance's answer when pydantic must judge the value."""

    def __repr__(self) -> str:
        return "UNSURE"


UNSURE: Any = _Unsure()
_BAD: Any = object()  # pydantic rejected the value: the record is a suspect
_MISSING: Any = object()  # the record has no such key

#: Numbers as write_csv and spreadsheets write them; anything else goes to pydantic.
_PLAIN_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?", re.ASCII)
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})", re.ASCII)


# ---------------------------------------------------------------- fast acceptances


def _fast_text(value: Any) -> Any:
    """``Text`` (``str | None`` after ``_empty_to_none``): strip, empty -> None."""
    if type(value) is not str:
        return UNSURE
    text = value.strip()
    if not text:
        return None
    if not text.isprintable():
        return UNSURE  # control characters, NUL: pydantic decides
    return text


def _text_many(values: list[str]) -> list[Any]:
    """``_fast_text`` of many strings at once."""
    stripped = list(map(str.strip, values))
    if all(map(str.isprintable, stripped)):
        return [text or None for text in stripped]
    return list(map(_fast_text, values))


_fast_text.many = _text_many  # type: ignore[attr-defined]


def _fast_id(value: Any) -> Any:
    """``_id_text``: a printable id without the list separators, stripped."""
    text = _fast_text(value)
    if text is None or text is UNSURE or ";" in text or "|" in text:
        return UNSURE
    return text


def _id_many(values: list[str]) -> list[Any]:
    """``_fast_id`` of many strings at once."""
    return [
        UNSURE if text is None or text is UNSURE or ";" in text or "|" in text else text
        for text in _text_many(values)
    ]


_fast_id.many = _id_many  # type: ignore[attr-defined]


def _fast_endpoint(value: Any) -> Any:
    """``_endpoint``: a printable id, stripped."""
    text = _fast_text(value)
    return UNSURE if text is None else text


def _endpoint_many(values: list[str]) -> list[Any]:
    """``_fast_endpoint`` of many strings at once."""
    return [UNSURE if text is None else text for text in _text_many(values)]


_fast_endpoint.many = _endpoint_many  # type: ignore[attr-defined]


def _fast_number(kind: type, low: float | None, high: float | None) -> Callable[[Any], Any]:
    pattern = _PLAIN_INT if kind is int else _PLAIN_FLOAT

    def fast(value: Any) -> Any:
        if type(value) is not str:
            return UNSURE
        text = value.strip()
        if not text:
            return None
        if pattern.fullmatch(text) is None:
            return UNSURE  # decimal commas, exponents, words: pydantic decides
        number = kind(text)
        if (low is not None and number < low) or (high is not None and number > high):
            return UNSURE
        return number

    def many(values: list[str]) -> list[Any]:
        out: list[Any] = []
        for text in map(str.strip, values):
            if not text:
                out.append(None)
            elif pattern.fullmatch(text) is None:
                out.append(UNSURE)
            else:
                number = kind(text)
                if (low is not None and number < low) or (high is not None and number > high):
                    out.append(UNSURE)
                else:
                    out.append(number)
        return out

    fast.many = many  # type: ignore[attr-defined]
    return fast


#: Fast acceptances of fields whose before-validator is written in records.py,
#: by the validator's name. Each accepts only what that validator accepts, and
#: gives its result (tests/core/test_columnar.py checks them against pydantic).
FAST_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "_id_text": _fast_id,
    "_endpoint": _fast_endpoint,
}


def _plain_before(field: FieldInfo) -> str | None:
    """The name of the field's one ``BeforeValidator``, if it has exactly that."""
    names = [type(m).__name__ for m in field.metadata]
    if names != ["BeforeValidator"]:
        return None
    return str(field.metadata[0].func.__name__)


def _bounds(annotation: Any) -> tuple[type, float | None, float | None] | None:
    """``(int or float, ge, le)`` of ``Annotated[number, Field(...)] | None``.

    ``allow_inf_nan`` does not matter: the fast acceptance takes finite numbers only.
    """
    if not isinstance(annotation, types.UnionType) and typing.get_origin(annotation) is not (
        typing.Union
    ):
        return None
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(args) != 1:
        return None
    inner = args[0]
    metadata: tuple[Any, ...] = ()
    if typing.get_origin(inner) is typing.Annotated:
        inner, *rest = typing.get_args(inner)
        metadata = tuple(rest)
    if inner not in (int, float):
        return None
    low = high = None
    for item in metadata:
        for constraint in item.metadata if isinstance(item, FieldInfo) else [item]:
            if isinstance(constraint, annotated_types.Ge):
                low = float(constraint.ge)  # type: ignore[arg-type]
            elif isinstance(constraint, annotated_types.Le):
                high = float(constraint.le)  # type: ignore[arg-type]
            elif getattr(constraint, "allow_inf_nan", None) is not None:
                continue
            else:
                return None  # a constraint not understood here: pydantic judges
    return inner, low, high


def _fast_for(model: type[BaseModel], name: str, field: FieldInfo) -> Callable[[Any], Any] | None:
    """The fast acceptance of one field, derived from its definition, or None."""
    validators = [
        d for d in model.__pydantic_decorators__.field_validators.values() if name in d.info.fields
    ]
    if validators:
        (only,) = validators if len(validators) == 1 else (None,)
        if only is not None and only.info.mode == "before" and field.annotation is str:
            return FAST_VALIDATORS.get(only.func.__name__)
        return None
    before = _plain_before(field)
    if before == "_empty_to_none" and field.annotation == (str | None):
        return _fast_text
    if before == "_number":
        bounds = _bounds(field.annotation)
        if bounds is not None:
            return _fast_number(*bounds)
    return None


# ---------------------------------------------------------------- rules across fields


def _lifecycle(model: type[BaseModel], columns: Mapping[str, list[Any]]) -> set[int]:
    """``_end_after_start``: records whose end date comes before their start."""
    out: set[int] = set()
    for start, end in LIFECYCLE.values():
        if start in columns and end in columns and start in model.model_fields:
            for i, (first, last) in enumerate(zip(columns[start], columns[end], strict=True)):
                if isinstance(first, _dt.date) and isinstance(last, _dt.date) and last < first:
                    out.add(i)
    return out


def _age_range(model: type[BaseModel], columns: Mapping[str, list[Any]]) -> set[int]:
    """``_age_range``: records whose ``min_age`` is above their ``max_age``."""
    if "min_age" not in columns or "max_age" not in columns:
        return set()
    return {
        i
        for i, (low, high) in enumerate(zip(columns["min_age"], columns["max_age"], strict=True))
        if type(low) is int and type(high) is int and low > high
    }


def _none(model: type[BaseModel], columns: Mapping[str, list[Any]]) -> set[int]:
    return set()


#: The validators of records.py that read more than one field, and how the
#: columnar check finds the records they could reject. ``_consent_on_volunteers``
#: needs nothing here: judged alone (no relation), a given consent is never
#: accepted, so every record with one is a suspect. ``_collect_custom`` is the
#: ``x_`` columns, handled in :func:`check_records`. A validator of another
#: name sends every record through pydantic (tests check the list is complete).
ROW_RULES: dict[str, Callable[[type[BaseModel], Mapping[str, list[Any]]], set[int]]] = {
    "_end_after_start": _lifecycle,
    "_age_range": _age_range,
    "_consent_on_volunteers": _none,
    "_collect_custom": _none,
}


def cross_field_validators(model: type[BaseModel]) -> set[str]:
    """The names of the model's validators that may read other fields.

    Model validators, and field validators whose code reads ``info.data``.
    """
    decorators = model.__pydantic_decorators__
    names = {d.func.__name__ for d in decorators.model_validators.values()}
    for d in decorators.field_validators.values():
        code = getattr(d.func, "__code__", None)
        if code is None or "data" in code.co_names:
            names.add(d.func.__name__)
    return names


# ---------------------------------------------------------------- the check


class CodedColumn(Sequence[Any]):
    """A column given as its distinct values and, per row, the position of its value.

    Readers that read a file column-wise (:func:`sociale_kaart.read_csv`) give
    their columns so: each distinct value is then judged once, and the judged
    values are put back in place by position.

    Examples
    --------
    >>> column = CodedColumn(["a", ""], [0, 1, 0])
    >>> list(column), column[2], len(column)
    (['a', '', 'a'], 'a', 3)
    """

    __slots__ = ("codes", "values")

    def __init__(self, values: list[Any], codes: list[int]) -> None:
        self.values = values
        self.codes = codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self.values[code] for code in self.codes[i]]
        return self.values[self.codes[i]]

    def __iter__(self) -> Iterator[Any]:
        return map(self.values.__getitem__, self.codes)

    def __repr__(self) -> str:
        return f"CodedColumn({list(self)!r})"


@dataclass
class _Column:
    name: str
    fast: Callable[[Any], Any] | None
    mutable: bool  # lists and dicts: each record gets its own copy


@dataclass
class _Plan:
    fields: list[_Column]
    understood: bool


_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(model: type[BaseModel]) -> _Plan:
    plan = _PLANS.get(model)
    if plan is None:
        understood = cross_field_validators(model) <= ROW_RULES.keys()
        fields = [
            _Column(
                name,
                _fast_for(model, name, field),
                field.default_factory is not None,
            )
            for name, field in model.model_fields.items()
        ]
        plan = _PLANS[model] = _Plan(fields, understood)
    return plan


def _default(field: FieldInfo) -> Any:
    """A missing key: the field's default, or _BAD if the field is required."""
    return _BAD if field.is_required() else field.get_default(call_default_factory=True)


_BLANKS: dict[type[BaseModel], BaseModel] = {}


def _judge(model: type[BaseModel], name: str, value: Any, context: Mapping[str, Any]) -> Any:
    """The field's value as pydantic makes it, judged alone, or _BAD."""
    blank = _BLANKS.get(model)
    if blank is None:
        blank = _BLANKS[model] = model.model_construct()
    try:
        record = model.__pydantic_validator__.validate_assignment(
            blank.__copy__(), name, value, context=context
        )
    except Exception:  # anything pydantic does not accept: a suspect
        return _BAD
    return getattr(record, name)


def _key(value: Any) -> Any:
    """A memo key that keeps apart values Python calls equal (1, 1.0, True)."""
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_key(v) for v in value))
    if isinstance(value, dict):
        return (dict, tuple((_key(k), _key(v)) for k, v in value.items()))
    hash(value)
    return (type(value), value)


def _judge_all(
    model: type[BaseModel],
    column: _Column,
    values: list[Any],
    context: Mapping[str, Any],
) -> list[Any]:
    """Each value as pydantic makes it when judged alone, or _BAD.

    Text goes through the field's fast acceptance in one batch (``fast.many``,
    which gives what ``fast`` gives value by value); what that is not sure of
    is judged by pydantic.
    """
    fast = column.fast
    many = getattr(fast, "many", None)
    if many is not None and set(map(type, values)) <= {str}:
        out = many(values)
        for i in [i for i, result in enumerate(out) if result is UNSURE]:
            out[i] = _judge(model, column.name, values[i], context)
        return out
    if fast is None:
        return [_judge(model, column.name, value, context) for value in values]
    judged: dict[str, Any] = {}
    if many is not None:
        texts = [v for v in values if type(v) is str]
        judged = dict(zip(texts, many(texts), strict=True))
    out = []
    for value in values:
        if type(value) is str and many is not None:
            result = judged[value]
        elif fast is not None:
            result = fast(value)
        else:
            result = UNSURE
        if result is UNSURE:
            result = _judge(model, column.name, value, context)
        out.append(result)
    return out


def _convert(
    model: type[BaseModel],
    column: _Column,
    raw: Sequence[Any],
    context: Mapping[str, Any],
    default: Callable[[], Any],
) -> tuple[list[Any], bool, bool]:
    """One column's values as pydantic makes them (_BAD where it rejects one).

    Also whether any is _BAD, and whether the column holds one immutable value.
    """
    if isinstance(raw, CodedColumn) and len(set(raw.values)) == len(raw.values):
        judged = _judge_all(model, column, raw.values, context)
        bad = _BAD in judged  # pydantic's values equal _BAD never
        constant = len(judged) == 1 and not column.mutable
        out = [judged[0]] * len(raw) if constant else list(map(judged.__getitem__, raw.codes))
        if column.mutable:
            out = _copies(out)
        return out, bad, constant
    if raw and set(map(type, raw)) <= {str, type(None)}:
        if type(raw[0]) is str and raw.count(raw[0]) == len(raw):
            distinct = [raw[0]]  # one text throughout (an empty column): no hashing
        else:
            distinct = list(set(raw))
        memo = dict(zip(distinct, _judge_all(model, column, distinct, context), strict=True))
        bad = _BAD in memo.values()  # pydantic's values equal _BAD never
        constant = len(memo) == 1 and not column.mutable
        if constant:
            (only,) = memo.values()
            out = [only] * len(raw)
        else:
            out = list(map(memo.__getitem__, raw))
    else:
        out = []
        any_memo: dict[Any, Any] = {}
        bad = True  # look for them below
        constant = False
        for value in raw:
            if value is _MISSING:
                out.append(default())
                continue
            try:
                key = _key(value)
            except TypeError:
                out.append(_judge_all(model, column, [value], context)[0])
                continue
            if key not in any_memo:
                any_memo[key] = _judge_all(model, column, [value], context)[0]
            out.append(any_memo[key])
    if column.mutable:
        out = _copies(out)
    return out, bad, constant


def _copies(values: list[Any]) -> list[Any]:
    """A copy of each list or dict (so that no two records share one); _BAD stays."""
    kinds = set(map(type, values))
    if kinds == {list}:
        return list(map(list.copy, values))
    if kinds == {dict}:
        return list(map(dict.copy, values))
    return [v if v is _BAD else v.copy() for v in values]


@dataclass
class Checked:
    """A table's records as pydantic makes them, column by column (see :func:`check_columns`).

    Attributes
    ----------
    names : list of str
        The model's fields, in order (as ``model_dump()`` gives them).
    values : dict of str to list
        Per field, the value of every record (not read for the records in ``whole``).
    whole : dict of int to dict or ValidationError
        The records validated whole by pydantic, by position: their
        ``model_dump()``, or the error.
    n : int
        How many records.
    constant : set of str
        The fields whose ``values`` are one immutable value, the same object throughout.
    """

    names: list[str]
    values: dict[str, list[Any]]
    whole: dict[int, dict[str, Any] | ValidationError]
    n: int
    constant: set[str] = dataclasses.field(default_factory=set)

    def errors(self) -> dict[int, ValidationError]:
        """The rejected records, by position, in order."""
        return {i: r for i, r in sorted(self.whole.items()) if isinstance(r, ValidationError)}

    def column(self, name: str) -> list[Any]:
        """One field of every record (None for rejected records)."""
        if not self.values:
            return [
                None if isinstance(r, ValidationError) else r[name]
                for r in map(self.whole.__getitem__, range(self.n))
            ]
        out = self.values[name]
        if self.whole:
            out = list(out)
            for i, r in self.whole.items():
                out[i] = None if isinstance(r, ValidationError) else r[name]
        return out

    def records(
        self,
        drop: Sequence[str] = (),
        add: Mapping[str, Any] | None = None,
        *,
        sparse: bool = False,
    ) -> list[dict[str, Any] | ValidationError]:
        """Every record's fields but ``drop``, followed by ``add`` (immutable values), or its error.

        The same dicts, key for key, as ``model_dump()`` with the ``drop`` keys
        popped and the ``add`` keys set. With ``sparse``, a field that is unset
        (None, or an empty ``extra``) is left out of its record instead, as
        :func:`sparse_record` leaves it out; the other keys keep their order.
        """
        add = add or {}
        names = [name for name in self.names if name not in drop]
        out: list[Any]
        if self.values and self.n and sparse:
            out = self._sparse_records(names, add)
        elif self.values and self.n:
            # A template with the columns that hold one (immutable) value, copied per
            # record and updated with the others: keys stay in field order.
            template: dict[str, Any] = {}
            varying: list[str] = []
            for name in names:
                if name in self.constant:
                    template[name] = self.values[name][0]
                else:
                    template[name] = None
                    varying.append(name)
            template.update(add)
            out = list(map(dict.copy, itertools.repeat(template, self.n)))
            if varying:
                collections.deque(
                    map(
                        dict.update,
                        out,
                        map(
                            zip,
                            itertools.repeat(varying),
                            zip(*(self.values[name] for name in varying), strict=True),
                        ),
                    ),
                    maxlen=0,
                )
        else:
            out = [None] * self.n
        for i, r in self.whole.items():
            if isinstance(r, ValidationError):
                out[i] = r
            else:
                record = {k: v for k, v in r.items() if k not in drop}
                record.update(add)
                out[i] = sparse_record(record) if sparse else record
        return out

    def _sparse_records(self, names: Sequence[str], add: Mapping[str, Any]) -> list[Any]:
        """The sparse records, column by column: each column's set values, in field order."""
        out: list[dict[str, Any]] = [{} for _ in range(self.n)]
        for name in names:
            values = self.values[name]
            if name in self.constant:
                if values[0] is not None:
                    collections.deque(
                        map(operator.setitem, out, itertools.repeat(name), values), maxlen=0
                    )
                continue
            if name == "extra":  # dicts: an empty one is unset
                for record, value in zip(out, values, strict=True):
                    if value:
                        record[name] = value
            elif None in values:
                for record, value in zip(out, values, strict=True):
                    if value is not None:
                        record[name] = value
            else:
                collections.deque(
                    map(operator.setitem, out, itertools.repeat(name), values), maxlen=0
                )
        for name, value in add.items():
            if value is not None:
                collections.deque(
                    map(operator.setitem, out, itertools.repeat(name), itertools.repeat(value)),
                    maxlen=0,
                )
        return out


_EMPTY_EXTRA: dict[str, str] = {}


def sparse_record(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's or tie's attributes without the unset ones: None values and an empty ``extra``.

    A map keeps only the attributes that are set (issue 16): an absent
    attribute means unset, as a None one does, so readers use ``.get``.

    Examples
    --------
    >>> sparse_record({"relation": "knows", "trust": None, "extra": {}, "implied": False})
    {'relation': 'knows', 'implied': False}
    """
    return {
        k: v for k, v in attrs.items() if v is not None and not (k == "extra" and v == _EMPTY_EXTRA)
    }


def check_columns(
    data: Mapping[str, Sequence[Any]] | None,
    columns: Sequence[str],
    model: type[BaseModel],
    context: Mapping[str, Any],
    record: Callable[[int], Mapping[str, Any]],
    n: int,
    *,
    ordered: bool,
) -> Checked:
    """Validate a table given column by column, as ``model.model_validate`` would each record.

    Parameters
    ----------
    data : mapping of str to sequence, or None
        Per column of ``columns``, the raw value of every record (``_MISSING``
        where a record has no such key; see :func:`record_columns`). None
        sends every record through pydantic.
    columns : sequence of str
        The table's columns (after renaming aliases).
    model : pydantic model class
        A record model of :mod:`sociale_kaart.core.records`.
    context : mapping
        The validation context (``themes``, ``list_sep``).
    record : callable
        The record at a position, as pydantic should see it (for the records
        judged whole).
    n : int
        How many records.
    ordered : bool
        Whether every record has exactly ``columns`` as its keys, in that
        order (a file's rows); else custom ``x_`` columns are read in each
        record's own key order.

    Returns
    -------
    Checked
    """
    plan = _plan(model)
    fields = model.model_fields
    names = [column.name for column in plan.fields]
    known = set(columns)
    custom = [c for c in columns if c.startswith("x_")]
    if (
        data is None
        or using_pydantic_only()
        or not plan.understood
        or "extra" in known
        or any(c not in fields and not c.startswith("x_") for c in columns)
    ):
        # unknown columns, rules not understood: every record through pydantic
        return Checked(names, {}, {i: _whole(model, record(i), context) for i in range(n)}, n)
    converted: dict[str, list[Any]] = {}
    constant: set[str] = set()
    suspects: set[int] = set()
    for column in plan.fields:
        if column.name == "extra":
            continue
        field = fields[column.name]
        if column.name in data:
            values, bad, same = _convert(
                model,
                column,
                data[column.name],
                context,
                functools.partial(_default, field),
            )
            if bad:
                suspects.update(i for i, v in enumerate(values) if v is _BAD)
            if same:
                constant.add(column.name)
            converted[column.name] = values
        elif field.is_required():
            suspects.update(range(n))
        elif field.default_factory is not None:
            factory = typing.cast(Callable[[], Any], field.default_factory)
            converted[column.name] = [factory() for _ in range(n)]
        else:
            converted[column.name] = [field.default] * n
            if field.default is None or type(field.default) in (str, int, float, bool):
                constant.add(column.name)
    for rule in cross_field_validators(model):
        suspects |= ROW_RULES[rule](model, converted)
    extras: list[dict[str, str]] = [{} for _ in range(n)]
    if custom:
        # _custom_columns: in the record's own key order, as pydantic sees them
        for i in range(n):
            extra = extras[i]
            if ordered:
                items: Any = ((name, data[name][i]) for name in custom)
            else:
                items = record(i).items()
            for name, value in items:
                if not name.startswith("x_") or value is None or value is _MISSING:
                    continue
                if type(value) is not str:
                    suspects.add(i)
                    continue
                text = value.strip()
                if text:
                    if not text.isprintable():
                        suspects.add(i)  # NUL and other control characters: pydantic judges
                    extra[name] = text
    converted["extra"] = extras
    whole = {i: _whole(model, record(i), context) for i in sorted(suspects)}
    return Checked(names, converted, whole, n, constant)


def check_records(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    model: type[BaseModel],
    context: Mapping[str, Any],
) -> list[dict[str, Any] | ValidationError]:
    """Validate records as ``model.model_validate`` would, column by column.

    Parameters
    ----------
    records : sequence of mappings
        The records, column name to raw value (text from files, Python values
        from DataFrames and graphs).
    columns : sequence of str
        The table's columns (after renaming aliases).
    model : pydantic model class
        A record model of :mod:`sociale_kaart.core.records`.
    context : mapping
        The validation context (``themes``, ``list_sep``).

    Returns
    -------
    list
        Per record, in order: ``model_validate(...).model_dump()`` or the
        :class:`pydantic.ValidationError` it raises.

    Examples
    --------
    >>> from sociale_kaart.core.records import Resident
    >>> out = check_records(
    ...     [{"id": " r1 ", "birth_year": "1980"}, {"id": "r2", "birth_year": "1800"}],
    ...     ["id", "birth_year"], Resident, {"list_sep": ";"})
    >>> out[0]["id"], out[0]["birth_year"], type(out[1]).__name__
    ('r1', 1980, 'ValidationError')

    References
    ----------
    .. [1] Pydantic, "Validators",
       https://docs.pydantic.dev/latest/concepts/validators/
    """
    data, regular = record_columns(records, columns)
    if not regular:
        # keys outside the header: the old path
        return [_whole(model, record, context) for record in records]
    return check_columns(
        data, columns, model, context, records.__getitem__, len(records), ordered=False
    ).records()


def record_columns(
    records: Sequence[Mapping[str, Any]], columns: Sequence[str]
) -> tuple[dict[str, Sequence[Any]], bool]:
    """The records as columns (``_MISSING`` where one has no such key), and whether
    every record's keys are among ``columns`` (else nothing is checked column-wise)."""
    known = set(columns)
    if not all(record.keys() <= known for record in records):
        return {}, False
    wanted = list(dict.fromkeys(columns))
    if not records or not wanted:
        return dict.fromkeys(wanted, ()), True
    try:
        getter = itemgetter(*wanted)
        rows = (
            [(v,) for v in map(getter, records)] if len(wanted) == 1 else list(map(getter, records))
        )
        return dict(zip(wanted, zip(*rows, strict=True), strict=True)), True
    except KeyError:  # a record without some column: its default
        return {c: [record.get(c, _MISSING) for record in records] for c in wanted}, True


def _whole(
    model: type[BaseModel], record: Mapping[str, Any], context: Mapping[str, Any]
) -> dict[str, Any] | ValidationError:
    try:
        return model.model_validate(record, context=context).model_dump()
    except ValidationError as error:
        return error
