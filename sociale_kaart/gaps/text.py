"""The sentences of the gap report, in English and Dutch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

LANGUAGES = ("en", "nl")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "and": " and ",
        "fewer": "fewer than {n}",
        "hidden": "not shown",
        "all_nbs": "every neighbourhood",
        "the_team": "the team",
        # coverage
        "cov_head": "{n} residents of {nb} need {theme} (ZRM-weighted demand {demand})",
        "cov_no_offer": "{head}, but no offer on this theme is open to {nb}.",
        "cov_not_eligible": (
            "{head}; offers on this theme exist ({offers}), but none is open to these "
            "residents (age, language or status)."
        ),
        "cov_full": "{head}; the offers open to them ({offers}) are full.",
        "cov_far": "{head}; the offers open to them ({offers}) are more than {km} km away.",
        "cov_specialised_only": (
            "{head}; only specialised help is open to them ({offers}), with no informal or "
            "general offer."
        ),
        "cov_s_no_offer": (
            "Look for an initiative or organisation on {theme} that could serve {nb}, or ask "
            "a provider elsewhere to open up to {nb}."
        ),
        "cov_s_not_eligible": (
            "Check the entry conditions of {offers} with the providers, or look for an offer "
            "on {theme} without them."
        ),
        "cov_s_full": (
            "Ask {offers} about the waiting list, and look for an informal or general offer "
            "on {theme} in the meantime."
        ),
        "cov_s_far": (
            "Look for an offer on {theme} closer to {nb}, or arrange transport or an outreach "
            "session in {nb}."
        ),
        "cov_s_specialised_only": (
            "Find or start an informal or general offer on {theme} (a peer group, a walk-in), "
            "so that not everyone depends on {offers}."
        ),
        # single knower
        "sk_none": (
            "Nobody in {team} knows {offer} ({level}, {themes}), although {n} needs of "
            "residents it serves match it."
        ),
        "sk_one": (
            "Only {knower} in {team} knows {offer} ({level}, {themes}); {n} needs of residents "
            "it serves match it. If {knower} leaves, the team loses the link."
        ),
        "sk_s_none": (
            "Visit {offer}, add it to the social map and introduce it at the next team meeting."
        ),
        "sk_s_one": (
            "Ask {knower} to introduce {offer} to colleagues whose clients need {themes}."
        ),
        # knowledge
        "kn_some": (
            "{n} of the {caseload} clients of {prof} need {theme}; {prof} does not know "
            "{offers}, which colleagues know ({colleagues})."
        ),
        "kn_none": (
            "{n} of the {caseload} clients of {prof} need {theme}, and {prof} knows no offer "
            "on it; colleagues ({colleagues}) know {offers}."
        ),
        "kn_s": "Ask {colleagues} to introduce {offers} to {prof}.",
        # isolation
        "iso_alone": "Resident {r} has no tie to any other resident or to a professional.",
        "iso_prof_only": (
            "Resident {r} knows no other resident; the only ties are with professionals ({pros})."
        ),
        "iso_no_path": (
            "Resident {r} has no path within {hops} steps to an open offer for {themes}."
        ),
        "iso_and_no_path": " There is no path within {hops} steps to an open offer for {themes}.",
        "iso_s_alone": (
            "Plan a home visit, and look with the resident for one informal contact: a "
            "neighbour, a buddy or a group."
        ),
        "iso_s_prof_only": (
            "Look with the resident for an informal contact: a neighbour, a buddy or a group."
        ),
        "iso_s_no_path": (
            "Find an offer on {themes} the resident can use, and make a warm hand-over."
        ),
        "iso_agg_informal": "{n} residents of {nb} know no other resident.",
        "iso_agg_path": (
            "{n} residents of {nb} have a need with no path within {hops} steps to an open offer."
        ),
        "iso_agg_s_informal": (
            "Plan outreach in {nb}: home visits, a buddy project, a regular coffee moment."
        ),
        "iso_agg_s_path": "Bring the offers on these needs to the attention of residents of {nb}.",
        # unreached places and groups
        "pl": (
            "{n} residents visit {place}{type}, {m} of them with a need, but no professional "
            "visits it and no offer the team knows meets there."
        ),
        "pl_s": ("Go where the residents are: hold a regular walk-in or coffee moment at {place}."),
        "grp": (
            "A group of {n} residents who know each other ({m} with a need) has no tie to any "
            "professional."
        ),
        "grp_s": (
            "Find a resident the group trusts and get to know the others through this person."
        ),
        # structural holes
        "sh_case": (
            "{a} and {b} support {n} of the same residents, but have no tie (no partnership, "
            "meeting or contact between their staff)."
        ),
        "sh_themes": (
            "{a} and {b} both work on {themes} for the same neighbourhoods, but have no tie."
        ),
        "sh_s_case": "Arrange a case consultation between {a} and {b} about the shared residents.",
        "sh_s_themes": "Introduce {a} and {b} to each other and agree who does what on {themes}.",
        "team": "team {name}",
        # meeting load
        "ml": (
            "{prof} spends {hours} h a month in meetings; {flagged} h of it go to meetings "
            "that share little with the caseload: {items}."
        ),
        "ml_no_caseload": " ({prof} has no caseload, so there is nothing to share.)",
        "ml_item": "{other} {hours} h ({share}% shared)",
        "ml_s": (
            "Review these meetings (a written update, or attend quarterly instead): this "
            "would free {flagged} h a month."
        ),
        # stale records
        "st_old": (
            "{offer} was last verified on {date}, {months} months ago (the limit is {limit})."
        ),
        "st_missing": "{offer} has never been verified (no last_verified date).",
        "st_s": (
            "Call or visit {offer}: check that it still runs, its times and its places, and "
            "update last_verified."
        ),
    },
    "nl": {
        "and": " en ",
        "fewer": "minder dan {n}",
        "hidden": "niet getoond",
        "all_nbs": "alle buurten",
        "the_team": "het team",
        "cov_head": (
            "{n} bewoners van {nb} hebben een vraag op {theme} (ZRM-gewogen vraag {demand})"
        ),
        "cov_no_offer": "{head}, maar geen aanbod op dit thema is open voor {nb}.",
        "cov_not_eligible": (
            "{head}; er is aanbod op dit thema ({offers}), maar niets daarvan staat open voor "
            "deze bewoners (leeftijd, taal of status)."
        ),
        "cov_full": "{head}; het aanbod dat voor hen open staat ({offers}) zit vol.",
        "cov_far": "{head}; het aanbod dat voor hen open staat ({offers}) ligt verder dan {km} km.",
        "cov_specialised_only": (
            "{head}; alleen specialistische hulp staat voor hen open ({offers}), zonder "
            "informeel of algemeen aanbod."
        ),
        "cov_s_no_offer": (
            "Zoek een initiatief of organisatie op {theme} dat {nb} kan bedienen, of vraag een "
            "aanbieder elders om ook {nb} te bedienen."
        ),
        "cov_s_not_eligible": (
            "Bespreek de toegangsvoorwaarden van {offers} met de aanbieders, of zoek aanbod op "
            "{theme} zonder die voorwaarden."
        ),
        "cov_s_full": (
            "Vraag {offers} naar de wachtlijst en zoek in de tussentijd informeel of algemeen "
            "aanbod op {theme}."
        ),
        "cov_s_far": (
            "Zoek aanbod op {theme} dichter bij {nb}, of regel vervoer of een spreekuur in {nb}."
        ),
        "cov_s_specialised_only": (
            "Zoek of start informeel of algemeen aanbod op {theme} (een lotgenotengroep, een "
            "inloop), zodat niet iedereen afhangt van {offers}."
        ),
        "sk_none": (
            "Niemand in {team} kent {offer} ({level}, {themes}), terwijl {n} vragen van "
            "bewoners in het werkgebied erbij passen."
        ),
        "sk_one": (
            "Alleen {knower} in {team} kent {offer} ({level}, {themes}); {n} vragen van "
            "bewoners in het werkgebied passen erbij. Als {knower} vertrekt, verliest het team "
            "de verbinding."
        ),
        "sk_s_none": (
            "Ga langs bij {offer}, zet het op de sociale kaart en stel het voor in het "
            "volgende teamoverleg."
        ),
        "sk_s_one": (
            "Vraag {knower} om {offer} voor te stellen aan collega's met cliënten met een "
            "vraag op {themes}."
        ),
        "kn_some": (
            "{n} van de {caseload} cliënten van {prof} hebben een vraag op {theme}; {prof} kent "
            "{offers} niet, collega's wel ({colleagues})."
        ),
        "kn_none": (
            "{n} van de {caseload} cliënten van {prof} hebben een vraag op {theme}, en {prof} "
            "kent geen aanbod daarop; collega's ({colleagues}) kennen {offers}."
        ),
        "kn_s": "Vraag {colleagues} om {offers} voor te stellen aan {prof}.",
        "iso_alone": "Bewoner {r} heeft geen band met een andere bewoner of een professional.",
        "iso_prof_only": (
            "Bewoner {r} kent geen andere bewoner; de enige banden zijn met professionals ({pros})."
        ),
        "iso_no_path": (
            "Bewoner {r} heeft binnen {hops} stappen geen weg naar open aanbod op {themes}."
        ),
        "iso_and_no_path": " Binnen {hops} stappen is er geen weg naar open aanbod op {themes}.",
        "iso_s_alone": (
            "Plan een huisbezoek en zoek met de bewoner naar één informeel contact: een buur, "
            "een maatje of een groep."
        ),
        "iso_s_prof_only": (
            "Zoek met de bewoner naar een informeel contact: een buur, een maatje of een groep."
        ),
        "iso_s_no_path": (
            "Zoek aanbod op {themes} dat de bewoner kan gebruiken en draag warm over."
        ),
        "iso_agg_informal": "{n} bewoners van {nb} kennen geen andere bewoner.",
        "iso_agg_path": (
            "{n} bewoners van {nb} hebben een vraag zonder weg binnen {hops} stappen naar open "
            "aanbod."
        ),
        "iso_agg_s_informal": (
            "Plan outreach in {nb}: huisbezoeken, een maatjesproject, een vaste koffie-inloop."
        ),
        "iso_agg_s_path": "Breng het aanbod op deze vragen onder de aandacht van bewoners in {nb}.",
        "pl": (
            "{n} bewoners komen bij {place}{type}, {m} van hen met een vraag, maar geen "
            "professional komt er en geen aanbod dat het team kent zit er."
        ),
        "pl_s": "Ga waar de bewoners zijn: houd een vaste inloop of koffiemoment bij {place}.",
        "grp": (
            "Een groep van {n} bewoners die elkaar kennen ({m} met een vraag) heeft geen band "
            "met een professional."
        ),
        "grp_s": (
            "Zoek een bewoner die de groep vertrouwt en leer de anderen via deze persoon kennen."
        ),
        "sh_case": (
            "{a} en {b} ondersteunen {n} dezelfde bewoners, maar hebben geen band (geen "
            "samenwerking, overleg of contact tussen medewerkers)."
        ),
        "sh_themes": "{a} en {b} werken allebei op {themes} voor dezelfde buurten, zonder band.",
        "sh_s_case": "Organiseer een casusoverleg tussen {a} en {b} over de gedeelde bewoners.",
        "sh_s_themes": (
            "Breng {a} en {b} met elkaar in contact en spreek af wie wat doet op {themes}."
        ),
        "team": "team {name}",
        "ml": (
            "{prof} zit {hours} uur per maand in overleg; {flagged} uur daarvan in overleggen "
            "die weinig delen met de caseload: {items}."
        ),
        "ml_no_caseload": " ({prof} heeft geen caseload, dus er valt niets te delen.)",
        "ml_item": "{other} {hours} uur ({share}% gedeeld)",
        "ml_s": (
            "Kijk kritisch naar deze overleggen (een schriftelijke update, of eens per kwartaal "
            "aansluiten): dat scheelt {flagged} uur per maand."
        ),
        "st_old": (
            "{offer} is voor het laatst gecontroleerd op {date}, {months} maanden geleden (de "
            "grens is {limit})."
        ),
        "st_missing": "{offer} is nooit gecontroleerd (geen last_verified-datum).",
        "st_s": (
            "Bel of bezoek {offer}: check of het nog bestaat, de tijden en de plaatsen, en werk "
            "last_verified bij."
        ),
    },
}

LEVEL_NAMES = {
    "en": {"informal": "informal", "general": "general", "specialised": "specialised"},
    "nl": {"informal": "informeel", "general": "algemeen", "specialised": "specialistisch"},
}
UNKNOWN_LEVEL = {"en": "level unknown", "nl": "niveau onbekend"}


def t(language: str, key: str, **values: Any) -> str:
    """The sentence ``key`` in ``language``, filled in."""
    return TEXT[language][key].format(**values)


def join(items: Iterable[str], language: str) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + TEXT[language]["and"] + items[-1]
