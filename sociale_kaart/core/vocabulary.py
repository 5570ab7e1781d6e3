"""The map's vocabulary, defined once: kinds, relations and their symmetry, levels, roles, codes.

Every other module imports these names from here; none defines its own list
of kinds, offer kinds or relations. Theme codes live in
:mod:`sociale_kaart.core.themes`; the page languages and every user-facing
string in :mod:`sociale_kaart.core.strings`; the sensitive fields are read
off the record models in :mod:`sociale_kaart.core.records`.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BROKERAGE_ROLES",
    "CONTACT_KINDS",
    "GENDERS",
    "GENDER_ALIASES",
    "INTENSITIES",
    "ISO_639_1",
    "KINDS",
    "LEVELS",
    "OFFER_KINDS",
    "PERSON_KINDS",
    "PLACE_TYPES",
    "PLACE_TYPE_ALIASES",
    "RELATIONS",
    "RELATION_RULES",
    "STATUS_TAGS",
    "SYMMETRIC_RELATIONS",
    "VACANT_PLACE",
    "Level",
]

#: Kinds of contact moment in the journal's ``contacts`` table (issue 13): a visit at
#: home, a walk-in, a call, an activity (a coffee morning, a neighbourhood camp), a meeting.
CONTACT_KINDS: tuple[str, ...] = ("home_visit", "walk_in", "phone", "activity", "meeting")

#: Node kinds, in the order used in tables and summaries.
KINDS: tuple[str, ...] = ("resident", "professional", "initiative", "organisation", "place")

#: A level of the ladder of provisions, as the type checker sees it (written once here;
#: :data:`LEVELS` is read off it, so the two cannot drift apart).
Level = Literal["informal", "general", "specialised", "insured"]

#: The ladder of provisions, lowest rung first: eigen kracht (``informal``) /
#: voorliggend veld (``general``) / municipal maatwerk (``specialised``: Wmo, youth
#: care, debt counselling) / care covered by health insurance (``insured``: the
#: Zorgverzekeringswet, e.g. specialist mental health care, GGZ), which the
#: municipality neither buys nor grants.
LEVELS: tuple[str, ...] = get_args(Level)

#: Genders a resident may record, and an offer may be restricted to.
GENDERS: tuple[str, ...] = ("female", "male", "other")

GENDER_ALIASES = {
    "f": "female",
    "v": "female",
    "vrouw": "female",
    "woman": "female",
    "women": "female",
    "vrouwen": "female",
    "m": "male",
    "man": "male",
    "men": "male",
    "mannen": "male",
    "x": "other",
    "anders": "other",
    "non-binary": "other",
    "non_binary": "other",
}

#: The partnership-intensity scale of a relation, weakest first.
INTENSITIES: tuple[str, ...] = ("awareness", "cooperation", "coordination", "integration")

#: The kinds of node that are people.
PERSON_KINDS: frozenset[str] = frozenset({"resident", "professional"})
#: The kinds of node that offer something (initiatives and organisations).
OFFER_KINDS: frozenset[str] = frozenset({"initiative", "organisation"})

#: The place type of a vacant space (*leegstand*): an empty shop, a closed school, an unused
#: hall that residents or initiatives could use. The one code; the builder maps the aliases
#: of :data:`PLACE_TYPE_ALIASES` to it. Other place types stay free text.
VACANT_PLACE = "vacant"

#: Ways of writing the vacant place type in a file, mapped to :data:`VACANT_PLACE`.
PLACE_TYPE_ALIASES: dict[str, str] = {
    "vacant": VACANT_PLACE,
    "vacant space": VACANT_PLACE,
    "vacant_space": VACANT_PLACE,
    "empty": VACANT_PLACE,
    "leegstand": VACANT_PLACE,
    "leeg": VACANT_PLACE,
    "leeg pand": VACANT_PLACE,
    "leegstaand": VACANT_PLACE,
    "leegstaand pand": VACANT_PLACE,
}

#: Which node kinds each relation may join: relation -> (source kinds, target kinds).
RELATION_RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "knows": (PERSON_KINDS, PERSON_KINDS),
    "supports": (frozenset({"professional"}), frozenset({"resident"})),
    "knows_of": (frozenset({"professional"}), OFFER_KINDS),
    "participates": (frozenset({"resident"}), frozenset({"initiative"})),
    "volunteers": (frozenset({"resident"}), frozenset({"initiative"})),
    "works_for": (frozenset({"professional"}), frozenset({"organisation"})),
    "runs": (frozenset({"organisation"}), frozenset({"initiative"})),
    "partners": (frozenset({"organisation"}), frozenset({"organisation"})),
    "meets": (
        frozenset({"professional", "organisation"}),
        frozenset({"professional", "organisation"}),
    ),
    "located_at": (OFFER_KINDS, frozenset({"place"})),
    "visits": (PERSON_KINDS, frozenset({"place"})),
    # Any offer-holder may refer, to an offer or to a professional or team (issue 13).
    "refers": (
        frozenset({"professional"}) | OFFER_KINDS,
        OFFER_KINDS | frozenset({"professional"}),
    ),
}

#: All relation names.
RELATIONS: tuple[str, ...] = tuple(RELATION_RULES)

_ISO_639_1_TEXT = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
yo za zh zu
"""

#: ISO 639-1 two-letter language codes.
ISO_639_1: frozenset[str] = frozenset(_ISO_639_1_TEXT.split())

#: Relations whose ties hold both ways: *a knows b* means *b knows a*.
SYMMETRIC_RELATIONS: tuple[str, ...] = ("knows", "partners", "meets")

#: The five brokerage roles of Gould and Fernandez (1989), in the order of tables and figures.
BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
)

#: Status tags with a label (``status.<code>`` in core/strings.py): a resident's
#: ``statuses``, and the ``requires``, ``excludes`` and ``grants`` of an offer.
#: Any other tag is allowed, and shown marked as a custom code (core/wording.py).
STATUS_TAGS: tuple[str, ...] = (
    "eu_citizen",
    "meedoen_pass",
    "newcomer",
    "social_assistance",
    "wmo_indication",
    "foodbank_referral",
    "gp_referral",
    "stadspas",
    "u_pas",
)

#: Place types with a label (``place_type.<code>``; spaces in a stored type read as
#: underscores). Any other type is allowed, and shown marked as the team's own.
PLACE_TYPES: tuple[str, ...] = (
    "supermarket_bench",
    "community_centre",
    "information_point",
    "library",
    "school_yard",
    "mosque",
    "park",
    "swimming_pool",
    "health_centre",
    "church_hall",
    "workshop",
    "vacant_space",
)
