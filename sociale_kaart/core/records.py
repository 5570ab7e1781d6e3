"""Records of a social map: the entities and relations, as pydantic models.

A social map (*sociale kaart*) has five kinds of node and twelve kinds of
relation. Each kind of node has a pydantic model here, and so does a
relation. The models check one record at a time (types, ranges, codes).
Checks that need the whole map (unique ids, references, which kinds a
relation may join) live in the private builder, the one path through which
every graph is made.

Values may come as text (from CSV or Excel) or as Python values (from
DataFrames or JSON). Lists may be given as lists or as text separated by the
list separator in the validation context (``;`` by default, ``|`` in
``;``-delimited files).

Fields marked ``sensitive`` hold personal data about residents: names,
birth year, needs with their ZRM scores, statuses, coordinates and postcode.
Exports for others leave them out unless asked for (see
:data:`SENSITIVE_FIELDS`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sociale_kaart.core.themes import DEFAULT_THEMES, nearest_code, resolve_theme
from sociale_kaart.core.vocabulary import (
    GENDER_ALIASES,
    GENDERS,
    INTENSITIES,
    ISO_639_1,
    KINDS,
    LEVELS,
    PLACE_TYPE_ALIASES,
    RELATION_RULES,
    RELATIONS,
    Level,
)

__all__ = [
    "GENDERS",
    "INTENSITIES",
    "ISO_639_1",
    "KINDS",
    "LEVELS",
    "LIFECYCLE",
    "MODELS",
    "RELATIONS",
    "RELATION_RULES",
    "SENSITIVE_FIELDS",
    "Initiative",
    "Organisation",
    "Place",
    "Professional",
    "Relation",
    "Resident",
]

_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_POSTCODE_RE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})?$")
_DECIMAL_COMMA_RE = re.compile(r"^[+-]?\d+,\d+$")
_FORBIDDEN_IN_LIST_ITEM = (";", "|")


# --------------------------------------------------------------------------- helpers


def _context(info: ValidationInfo) -> Mapping[str, Any]:
    ctx = info.context
    return ctx if isinstance(ctx, Mapping) else {}


#: The largest capacity and cost an offer may have; larger values are typing errors, and
#: would not fit the exports' number types (Parquet's int64, JSON, Excel).
MAX_CAPACITY = 10_000_000
MAX_COST_EUR = 1_000_000.0


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str):
        if "\x00" in value:
            # no export format can hold it (XML, CSV readers), so it is never stored
            raise ValueError("the text contains a NUL character (\\x00): remove it")
        value = value.strip()
        return value or None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    return value


def _number(value: Any) -> Any:
    """Empty -> None; a decimal comma ("52,37", Dutch Excel) -> a point."""
    value = _empty_to_none(value)
    if isinstance(value, str) and _DECIMAL_COMMA_RE.match(value):
        return value.replace(",", ".")
    return value


def _date(value: Any) -> Any:
    value = _empty_to_none(value)
    if isinstance(value, _dt.datetime):
        return value.date()
    return value


def _split(value: Any, info: ValidationInfo) -> list[Any]:
    """Turn a list-valued input into a list of stripped, non-empty items."""
    value = _empty_to_none(value)
    if value is None:
        return []
    if isinstance(value, str):
        sep = _context(info).get("list_sep", ";")
        items: list[Any] = value.split(sep)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif hasattr(value, "tolist"):  # numpy arrays from parquet / pandas
        items = list(value.tolist())
    else:
        items = [value]
    out = []
    for item in items:
        if isinstance(item, str):
            item = item.strip()
            if not item:
                continue
        out.append(item)
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _check_list_items(items: list[Any], what: str) -> list[str]:
    out = []
    for item in items:
        if not isinstance(item, str):
            item = str(item)
        if any(sep in item for sep in _FORBIDDEN_IN_LIST_ITEM):
            raise ValueError(f"{what} item {item!r} contains ';' or '|', which separate list items")
        out.append(item)
    return out


def _languages(items: list[Any]) -> list[str]:
    out = []
    for item in _check_list_items(items, "language"):
        code = item.strip().lower()
        if code not in ISO_639_1:
            hint = nearest_code(code, sorted(ISO_639_1))
            tip = f"; did you mean {hint!r}?" if hint else "."
            raise ValueError(
                f"{item!r} is not an ISO 639-1 language code (two letters, e.g. 'nl', 'ar'){tip}"
            )
        out.append(code)
    return _dedupe(out)


def _gender(value: Any) -> str:
    text = str(value).strip().lower()
    code = GENDER_ALIASES.get(text, text)
    if code not in GENDERS:
        raise ValueError(
            f"gender {value!r} is not one of female, male, other (Dutch: vrouw, man, anders)"
        )
    return code


def _tags(items: list[Any], what: str) -> list[str]:
    out = []
    for item in _check_list_items(items, what):
        tag = item.strip().lower().replace(" ", "_")
        if not _TAG_RE.match(tag):
            raise ValueError(
                f"{what} {item!r} is not a tag: use letters, digits, '_', '-' or '.', "
                "e.g. 'meedoen_pass'"
            )
        out.append(tag)
    return _dedupe(out)


def _theme(item: str, info: ValidationInfo) -> str:
    vocabulary = _context(info).get("themes", DEFAULT_THEMES)
    code = resolve_theme(item, vocabulary)
    if code is None:
        hint = nearest_code(item, vocabulary)
        tip = f"; did you mean {hint!r}?" if hint else "."
        raise ValueError(
            f"unknown theme {item!r}{tip} Use a code of the theme vocabulary "
            "or add it to themes.csv"
        )
    return code


def _themes(items: list[Any], info: ValidationInfo) -> list[str]:
    return _dedupe([_theme(item, info) for item in _check_list_items(items, "theme")])


def _names(items: list[Any], what: str) -> list[str]:
    return _dedupe([item.strip() for item in _check_list_items(items, what)])


def _custom_columns(data: Any) -> Any:
    """Collect ``x_*`` custom columns into the ``extra`` field, as text."""
    if not isinstance(data, Mapping):
        return data
    for key in data:
        if isinstance(key, str) and key.startswith("x_"):
            break
    else:
        return data  # the common case: no custom columns
    extra = dict(data.get("extra") or {})
    out = {}
    for key, value in data.items():
        if isinstance(key, str) and key.startswith("x_"):
            value = _empty_to_none(value)
            if value is not None:
                extra[key] = value if isinstance(value, str) else str(value)
        else:
            out[key] = value
    if extra:
        out["extra"] = extra
    return out


Text = Annotated[str | None, BeforeValidator(_empty_to_none)]
Number = Annotated[Annotated[float, Field(allow_inf_nan=False)] | None, BeforeValidator(_number)]
Latitude = Annotated[
    Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)] | None, BeforeValidator(_number)
]
Longitude = Annotated[
    Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)] | None, BeforeValidator(_number)
]
Date = Annotated[_dt.date | None, BeforeValidator(_date)]
#: A survey item, a whole number 1-4.
Item = Annotated[Annotated[int, Field(ge=1, le=4)] | None, BeforeValidator(_number)]


def _whole(value: float | None) -> float | None:
    """A whole score (3.0, as pandas stores it) is kept as the int 3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: A score 1-4: a whole number, or the mean of items (3.0 becomes 3, 3.5 stays 3.5).
Score = Annotated[
    Annotated[float, Field(ge=1, le=4)] | None,
    BeforeValidator(_number),
    AfterValidator(_whole),
]


def _flag(value: Any) -> Any:
    """Yes/no in English or Dutch, 1/0, true/false -> bool; empty -> None."""
    value = _empty_to_none(value)
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "1.0", "yes", "y", "ja", "j", "true", "waar"):
        return True
    if text in ("0", "0.0", "no", "n", "nee", "false", "onwaar"):
        return False
    raise ValueError(f"{value!r} is not yes or no: write yes/no, ja/nee or 1/0")


def _sensitive(**kwargs: Any) -> Any:
    return Field(json_schema_extra={"sensitive": True}, **kwargs)


#: The lifecycle dates of each record type: (start field, end field). A start
#: may not lie in the future (it records what happened); an end may (a
#: planned departure or closure). The end must not come before the start.
LIFECYCLE: dict[str, tuple[str, str]] = {
    "resident": ("moved_in", "moved_out"),
    "professional": ("started", "left"),
    "initiative": ("opened", "closed"),
    "organisation": ("opened", "closed"),
    "place": ("opened", "closed"),
    "relation": ("since", "until"),
}


def _start_not_future(value: _dt.date | None, info: ValidationInfo) -> _dt.date | None:
    if value is not None and value > _dt.date.today():
        raise ValueError(
            f"{info.field_name} {value.isoformat()} is in the future: a start date records "
            "what has happened; leave it empty until the day has come"
        )
    return value


def _end_after_start(value: _dt.date | None, info: ValidationInfo) -> _dt.date | None:
    """Check an end date against the start validated before it (field order)."""
    end = info.field_name or ""
    start = {e: s for s, e in LIFECYCLE.values()}[end]
    first = info.data.get(start)
    if value is not None and first is not None and value < first:
        raise ValueError(
            f"{end} {value.isoformat()} is before {start} {first.isoformat()}: "
            "an end cannot come before its start; swap or correct them"
        )
    return value


# --------------------------------------------------------------------------- base


class _Record(BaseModel):
    """Common configuration: unknown columns are errors, values are checked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)

    kind: ClassVar[str] = ""
    #: Columns that must be present in a table of this kind.
    required_columns: ClassVar[tuple[str, ...]] = ("id",)
    #: Fields that hold lists.
    list_fields: ClassVar[tuple[str, ...]] = ()

    id: str = Field(min_length=1, description="Unique id across the whole map.")
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Custom columns whose names start with 'x_', kept as text.",
    )

    @model_validator(mode="before")
    @classmethod
    def _collect_custom(cls, data: Any) -> Any:
        return _custom_columns(data)

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        value = _empty_to_none(value)
        if value is None:
            raise ValueError("the id is empty: give every row a unique id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if any(sep in text for sep in _FORBIDDEN_IN_LIST_ITEM):
            raise ValueError("an id may not contain ';' or '|'")
        return text

    def attributes(self) -> dict[str, Any]:
        """The node attributes of this record, as the builder stores them.

        Every field but ``id`` that is set (not None; ``extra`` when it holds
        a custom column), plus ``kind``.

        Examples
        --------
        >>> Place(id="pl1", name="Bankje").attributes()
        {'name': 'Bankje', 'kind': 'place'}
        """
        # Imported here: core.columnar reads this module's models.
        from sociale_kaart.core.columnar import sparse_record

        data = sparse_record(self.model_dump(exclude={"id"}))
        data["kind"] = self.kind
        return data


class Resident(_Record):
    """A resident of the neighbourhood (*bewoner*).

    ``needs`` maps theme codes to a ZRM score from 1 (acute problems) to 5
    (fully self-reliant), or to ``None`` when the need is not scored. In a
    file it is written ``finances:2;language``.
    """

    kind: ClassVar[str] = "resident"
    list_fields: ClassVar[tuple[str, ...]] = ("languages", "needs", "offers", "statuses")

    name: Text = _sensitive(default=None)
    neighbourhood: Text = None
    birth_year: Annotated[int | None, BeforeValidator(_number)] = _sensitive(default=None)
    gender: Text = _sensitive(
        default=None,
        description="female, male or other; used only by offers for one gender.",
    )
    languages: list[str] = Field(default_factory=list)
    needs: dict[str, int | None] = _sensitive(default_factory=dict)
    offers: list[str] = Field(default_factory=list)
    statuses: list[str] = _sensitive(default_factory=list)
    lat: Latitude = _sensitive(default=None)
    lon: Longitude = _sensitive(default=None)
    postcode: Text = _sensitive(default=None)
    moved_in: Date = _sensitive(default=None, description="The day the resident moved in.")
    moved_out: Date = _sensitive(
        default=None, description="The day the resident moved out (may be planned)."
    )

    _moved_in = field_validator("moved_in")(_start_not_future)

    _moved_out_after_moved_in = field_validator("moved_out")(_end_after_start)

    @field_validator("birth_year")
    @classmethod
    def _birth_year(cls, value: int | None) -> int | None:
        if value is None:
            return None
        this_year = _dt.date.today().year
        if not 1900 <= value <= this_year:
            raise ValueError(f"birth year {value} is not between 1900 and {this_year}")
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _languages(_split(value, info))

    @field_validator("offers", mode="before")
    @classmethod
    def _offers(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _themes(_split(value, info), info)

    @field_validator("statuses", mode="before")
    @classmethod
    def _statuses(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _tags(_split(value, info), "status")

    @field_validator("needs", mode="before")
    @classmethod
    def _needs(cls, value: Any, info: ValidationInfo) -> dict[str, int | None]:
        if isinstance(value, Mapping):
            pairs: list[tuple[str, Any]] = [(str(k), v) for k, v in value.items()]
        else:
            pairs = []
            for item in _check_list_items(_split(value, info), "need"):
                theme_text, sep, score_text = item.partition(":")
                pairs.append((theme_text, score_text if sep else None))
        out: dict[str, int | None] = {}
        for theme, raw_score in pairs:
            code = _theme(theme, info)
            given: Any = _number(raw_score)
            score: int | None = None
            if given is not None:
                try:
                    number = float(given)
                except (TypeError, ValueError):
                    raise ValueError(
                        f"ZRM score {given!r} of need {theme!r} is not a number: "
                        "write e.g. 'finances:2'"
                    ) from None
                if not number.is_integer() or not 1 <= number <= 5:
                    raise ValueError(
                        f"ZRM score {given!r} of need {theme!r} must be a whole number 1-5"
                    )
                score = int(number)
            if code in out and out[code] != score:
                raise ValueError(f"need {code!r} is listed twice with different scores")
            out[code] = score
        return out

    @field_validator("gender")
    @classmethod
    def _gender(cls, value: str | None) -> str | None:
        return None if value is None else _gender(value)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is None:
            return None
        match = _POSTCODE_RE.match(value)
        if not match:
            raise ValueError(
                f"postcode {value!r} is not a Dutch postcode: write '1234 AB' or only '1234'"
            )
        digits, letters = match.groups()
        return f"{digits} {letters.upper()}" if letters else digits


class Professional(_Record):
    """A social professional (*sociaal professional*), often in a buurtteam."""

    kind: ClassVar[str] = "professional"
    list_fields: ClassVar[tuple[str, ...]] = ("neighbourhoods", "languages")

    name: Text = None
    role: Text = None
    organisation: Text = Field(default=None, description="Id of the employing organisation.")
    team: Text = None
    neighbourhoods: list[str] = Field(default_factory=list)
    hours_per_week: Annotated[
        Annotated[float, Field(ge=0, le=80)] | None, BeforeValidator(_number)
    ] = None
    languages: list[str] = Field(default_factory=list)
    started: Date = Field(default=None, description="The first working day in the area.")
    left: Date = Field(default=None, description="The day the professional left (may be planned).")

    _started = field_validator("started")(_start_not_future)

    _left_after_started = field_validator("left")(_end_after_start)

    @field_validator("neighbourhoods", mode="before")
    @classmethod
    def _neighbourhoods(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _names(_split(value, info), "neighbourhood")

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _languages(_split(value, info))


class _Offer(_Record):
    """Fields shared by initiatives and organisations: what they offer, to whom."""

    list_fields: ClassVar[tuple[str, ...]] = (
        "themes",
        "serves",
        "languages",
        "requires",
        "excludes",
        "grants",
    )

    name: Text = None
    themes: list[str] = Field(default_factory=list)
    level: Level | None = None
    neighbourhood: Text = None
    serves: list[str] = Field(
        default_factory=list, description="Neighbourhoods served; empty means all."
    )
    min_age: Annotated[Annotated[int, Field(ge=0, le=120)] | None, BeforeValidator(_number)] = None
    max_age: Annotated[Annotated[int, Field(ge=0, le=120)] | None, BeforeValidator(_number)] = None
    genders: list[str] = Field(
        default_factory=list,
        description="The genders the offer is for (a women's group: female); empty means all.",
    )
    languages: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    grants: list[str] = Field(
        default_factory=list,
        description="Status tags a resident can obtain here (e.g. an information "
        "point grants 'meedoen_pass'); used for referral chains.",
    )
    capacity: Annotated[
        Annotated[int, Field(ge=0, le=MAX_CAPACITY)] | None, BeforeValidator(_number)
    ] = Field(
        default=None,
        description="Places still open: 0 means full (waiting list); empty means no known "
        f"limit; at most {MAX_CAPACITY:,}.",
    )
    cost_eur: Annotated[
        Annotated[float, Field(ge=0, le=MAX_COST_EUR, allow_inf_nan=False)] | None,
        BeforeValidator(_number),
    ] = None
    schedule: Text = None
    last_verified: Date = None
    description: Text = None
    contact: Text = None
    lat: Latitude = None
    lon: Longitude = None
    opened: Date = Field(default=None, description="The day the offer started.")
    closed: Date = Field(default=None, description="The day the offer ended (may be planned).")

    _opened = field_validator("opened")(_start_not_future)
    _closed_after_opened = field_validator("closed")(_end_after_start)

    @field_validator("themes", mode="before")
    @classmethod
    def _themes(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _themes(_split(value, info), info)

    @field_validator("serves", mode="before")
    @classmethod
    def _serves(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _names(_split(value, info), "neighbourhood")

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _languages(_split(value, info))

    @field_validator("genders", mode="before")
    @classmethod
    def _genders(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _dedupe([_gender(item) for item in _check_list_items(_split(value, info), "gender")])

    @field_validator("requires", "excludes", "grants", mode="before")
    @classmethod
    def _tag_lists(cls, value: Any, info: ValidationInfo) -> list[str]:
        return _tags(_split(value, info), "status")

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        value = _empty_to_none(value)
        if isinstance(value, str):
            value = value.lower()
            dutch = {
                "informeel": "informal",
                "eigen_kracht": "informal",
                "algemeen": "general",
                "voorliggend": "general",
                "voorliggend_veld": "general",
                "specialistisch": "specialised",
                "maatwerk": "specialised",
                "specialized": "specialised",
                "zorgverzekeringswet": "insured",
                "zvw": "insured",
                "verzekerde_zorg": "insured",
            }
            value = dutch.get(value.replace(" ", "_"), value)
        return value

    @field_validator("last_verified")
    @classmethod
    def _not_future(cls, value: _dt.date | None) -> _dt.date | None:
        if value is not None and value > _dt.date.today():
            raise ValueError(f"date {value.isoformat()} is in the future")
        return value

    @model_validator(mode="after")
    def _age_range(self) -> _Offer:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError(
                f"min_age {self.min_age} is above max_age {self.max_age}: swap or correct them"
            )
        return self


class Initiative(_Offer):
    """A local initiative (*bewonersinitiatief*, club, group, project)."""

    kind: ClassVar[str] = "initiative"

    organisation: Text = Field(default=None, description="Id of the organisation that runs it.")
    place: Text = Field(default=None, description="Id of the place where it meets.")


class Organisation(_Offer):
    """An organisation (municipality, housing corporation, GP practice...)."""

    kind: ClassVar[str] = "organisation"

    type: Text = None


class Place(_Record):
    """A place where people come: a community centre, a library, a bench."""

    kind: ClassVar[str] = "place"

    name: Text = None
    type: Text = None
    neighbourhood: Text = None
    description: Text = None
    lat: Latitude = None
    lon: Longitude = None
    opened: Date = Field(default=None, description="The day the place opened.")
    closed: Date = Field(default=None, description="The day the place closed (may be planned).")

    _opened = field_validator("opened")(_start_not_future)

    _closed_after_opened = field_validator("closed")(_end_after_start)

    @field_validator("type")
    @classmethod
    def _type(cls, value: str | None) -> str | None:
        """A vacant space, however written (``leegstand``, ``vacant space``), becomes ``vacant``."""
        if value is None:
            return None
        return PLACE_TYPE_ALIASES.get(" ".join(value.lower().replace("_", " ").split()), value)


class Relation(BaseModel):
    """A tie between two nodes. ``relation`` says what kind of tie it is."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    required_columns: ClassVar[tuple[str, ...]] = ("source", "target", "relation")

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    relation: str
    trust: Score = Field(
        default=None,
        description="Trust, 1-4; from a PARTNER survey the mean of the three trust items.",
    )
    intensity: Literal["awareness", "cooperation", "coordination", "integration"] | None = None
    hours_per_month: Annotated[
        Annotated[float, Field(ge=0, le=744, allow_inf_nan=False)] | None,
        BeforeValidator(_number),
    ] = None
    since: Date = None
    until: Date = Field(default=None, description="The day the tie ended (may be planned).")
    # Survey ratings (PARTNER scales; see sociale_kaart.io.survey): the source rates the target.
    value: Score = Field(default=None, description="Value, 1-4: the mean of the three value items.")
    trust_reliable: Item = None
    trust_mission: Item = None
    trust_open: Item = None
    value_power: Item = None
    value_involvement: Item = None
    value_resources: Item = None
    works_with: Annotated[bool | None, BeforeValidator(_flag)] = None
    consent: Annotated[bool | None, BeforeValidator(_flag)] = Field(
        default=None,
        description="On a volunteers tie only: the resident agreed to be named as a volunteer "
        "in team-facing output (sk.strengths, the report). Empty means not asked: not named.",
    )
    extra: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_custom(cls, data: Any) -> Any:
        return _custom_columns(data)

    @field_validator("source", "target", mode="before")
    @classmethod
    def _endpoint(cls, value: Any) -> Any:
        value = _empty_to_none(value)
        if value is None:
            raise ValueError("the endpoint is empty: give the id of an existing node")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    @field_validator("relation", mode="before")
    @classmethod
    def _relation(cls, value: Any) -> Any:
        value = _empty_to_none(value)
        if value is None:
            raise ValueError("the relation is empty")
        token = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        if token not in RELATION_RULES:
            hint = nearest_code(token, RELATION_RULES)
            tip = f"; did you mean {hint!r}?" if hint else "."
            raise ValueError(
                f"unknown relation {value!r}{tip} Known relations: {', '.join(RELATION_RULES)}"
            )
        return token

    @field_validator("intensity", mode="before")
    @classmethod
    def _intensity(cls, value: Any) -> Any:
        value = _empty_to_none(value)
        return value.lower() if isinstance(value, str) else value

    _since = field_validator("since")(_start_not_future)
    _until_after_since = field_validator("until")(_end_after_start)

    @model_validator(mode="after")
    def _consent_on_volunteers(self) -> Relation:
        if self.consent is not None and self.relation != "volunteers":
            raise ValueError(
                f"consent is recorded on volunteers ties only, not on a {self.relation!r} tie: "
                "leave the cell empty"
            )
        return self

    def attributes(self) -> dict[str, Any]:
        """The edge attributes of this record: every field but the endpoints."""
        return self.model_dump(exclude={"source", "target"})


#: The model of each node kind.
MODELS: dict[str, type[_Record]] = {
    "resident": Resident,
    "professional": Professional,
    "initiative": Initiative,
    "organisation": Organisation,
    "place": Place,
}


def _sensitive_fields(model: type[BaseModel]) -> frozenset[str]:
    out = set()
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("sensitive"):
            out.add(name)
    return frozenset(out)


#: Node attributes that hold personal data, per kind. Exports for others drop them
#: unless the caller lists them in ``fields=``.
SENSITIVE_FIELDS: dict[str, frozenset[str]] = {
    kind: _sensitive_fields(model) for kind, model in MODELS.items()
}


#: Dutch column names (issue 11), accepted as aliases of the canonical column
#: names in every table. The one alias table: docs/data-format.md shows it, and
#: tests/core/test_column_aliases.py keeps the two in step. An alias applies
#: only in a table that has its canonical column.
COLUMN_ALIASES: dict[str, str] = {
    "naam": "name",
    "buurt": "neighbourhood",
    "wijk": "neighbourhood",
    "buurten": "neighbourhoods",
    "wijken": "neighbourhoods",
    "geboortejaar": "birth_year",
    "geslacht": "gender",
    "talen": "languages",
    "vragen": "needs",
    "hulpvragen": "needs",
    "aanbod": "offers",
    "statussen": "statuses",
    "breedtegraad": "lat",
    "lengtegraad": "lon",
    "verhuisd_in": "moved_in",
    "ingeschreven": "moved_in",
    "vertrokken": "moved_out",
    "functie": "role",
    "rol": "role",
    "organisatie": "organisation",
    "uren_per_week": "hours_per_week",
    "begonnen": "started",
    "vertrokken_op": "left",
    "themas": "themes",
    "thema's": "themes",
    "niveau": "level",
    "bedient": "serves",
    "doelgroep": "serves",
    "min_leeftijd": "min_age",
    "max_leeftijd": "max_age",
    "geslachten": "genders",
    "vereist": "requires",
    "voorwaarden": "requires",
    "sluit_uit": "excludes",
    "verleent": "grants",
    "capaciteit": "capacity",
    "kosten_eur": "cost_eur",
    "kosten": "cost_eur",
    "rooster": "schedule",
    "openingstijden": "schedule",
    "gecontroleerd": "last_verified",
    "laatst_gecontroleerd": "last_verified",
    "beschrijving": "description",
    "omschrijving": "description",
    "geopend": "opened",
    "gesloten": "closed",
    "plek": "place",
    "locatie": "place",
    "soort": "type",
    "bron": "source",
    "doel": "target",
    "relatie": "relation",
    "vertrouwen": "trust",
    "intensiteit": "intensity",
    "uren_per_maand": "hours_per_month",
    "sinds": "since",
    "tot": "until",
    "waarde": "value",
    "werkt_samen": "works_with",
    "toestemming": "consent",
    "label": "label_nl",
    "omschrijving_nl": "label_nl",
    "omschrijving_en": "label_en",
    "domein": "domain",
}
