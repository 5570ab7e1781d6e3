"""Every Dutch and English string the library shows, and the one language check.

One table, so that a page never mixes languages: :func:`text` looks a key up
in the page's language and fails loudly on a missing key or translation
(the test suite checks that both languages have every key, and that no other
module keeps a table of its own). Keys are namespaced by where they are
shown: ``kind.*``, ``relation.*``, ``field.*``, ``level.*`` label the map's
vocabulary; ``map.*``, ``fig.*``, ``report.*``, ``col.*`` and ``cli.*`` the
pictures, the report and the command line; ``eligibility.*`` the reasons and
questions of the eligibility rules; ``gaps.*`` the explanations and
suggestions of the gap report; ``referral.*`` and ``matching.*`` the
sentences of referral suggestions, network activation and resident matches.

Every public function that takes ``language`` checks it with
:func:`check_language`, against the one tuple :data:`LANGUAGES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = [
    "LANGUAGES",
    "STRINGS",
    "check_language",
    "field_label",
    "join_words",
    "kind_label",
    "relation_label",
    "text",
]

#: The page languages: Dutch and English.
LANGUAGES: tuple[str, ...] = ("nl", "en")

#: Every user-facing text: key to one text per language, in the order of :data:`LANGUAGES`.
STRINGS: dict[str, tuple[str, str]] = {
    # kinds (singular and plural)
    "kind.resident": ("Bewoner", "Resident"),
    "kind.professional": ("Professional", "Professional"),
    "kind.initiative": ("Initiatief", "Initiative"),
    "kind.organisation": ("Organisatie", "Organisation"),
    "kind.place": ("Plek", "Place"),
    "kinds.resident": ("Bewoners", "Residents"),
    "kinds.professional": ("Professionals", "Professionals"),
    "kinds.initiative": ("Initiatieven", "Initiatives"),
    "kinds.organisation": ("Organisaties", "Organisations"),
    "kinds.place": ("Plekken", "Places"),
    # relations
    "relation.knows": ("kent", "knows"),
    "relation.supports": ("ondersteunt", "supports"),
    "relation.knows_of": ("kent het aanbod", "knows of"),
    "relation.participates": ("doet mee aan", "participates in"),
    "relation.volunteers": ("is vrijwilliger bij", "volunteers at"),
    "relation.works_for": ("werkt voor", "works for"),
    "relation.runs": ("organiseert", "runs"),
    "relation.partners": ("werkt samen met", "partners with"),
    "relation.meets": ("overlegt met", "meets"),
    "relation.located_at": ("zit in", "is located at"),
    "relation.visits": ("komt in", "visits"),
    "relation.refers": ("verwijst naar", "refers to"),
    # node fields shown in tooltips
    "field.id": ("id", "id"),
    "field.name": ("naam", "name"),
    "field.neighbourhood": ("buurt", "neighbourhood"),
    "field.neighbourhoods": ("buurten", "neighbourhoods"),
    "field.languages": ("talen", "languages"),
    "field.needs": ("hulpvragen (ZRM)", "needs (ZRM)"),
    "field.offers": ("biedt", "offers"),
    "field.statuses": ("statussen", "statuses"),
    "field.birth_year": ("geboortejaar", "birth year"),
    "field.postcode": ("postcode", "postcode"),
    "field.lat": ("breedtegraad", "latitude"),
    "field.lon": ("lengtegraad", "longitude"),
    "field.role": ("rol", "role"),
    "field.organisation": ("organisatie", "organisation"),
    "field.team": ("team", "team"),
    "field.hours_per_week": ("uren per week", "hours per week"),
    "field.themes": ("thema's", "themes"),
    "field.level": ("niveau", "level"),
    "field.serves": ("voor buurten", "serves"),
    "field.min_age": ("minimumleeftijd", "minimum age"),
    "field.max_age": ("maximumleeftijd", "maximum age"),
    "field.requires": ("vereist", "requires"),
    "field.excludes": ("sluit uit", "excludes"),
    "field.grants": ("geeft", "grants"),
    "field.capacity": ("vrije plekken", "places open"),
    "field.cost_eur": ("kosten (euro)", "cost (euro)"),
    "field.schedule": ("wanneer", "schedule"),
    "field.last_verified": ("laatst gecontroleerd", "last verified"),
    "field.description": ("beschrijving", "description"),
    "field.contact": ("contact", "contact"),
    "field.place": ("plek", "place"),
    "field.type": ("soort", "type"),
    "field.kind": ("soort", "kind"),
    "field.started": ("begonnen op", "started"),
    "field.left": ("vertrokken op", "left"),
    "field.moved_out": ("verhuisd op", "moved out"),
    # levels
    "level.informal": ("informeel", "informal"),
    "level.general": ("voorliggend veld", "general"),
    "level.specialised": ("maatwerk", "specialised"),
    "level.unknown": ("niveau onbekend", "level unknown"),
    "level.own_network": ("eigen netwerk", "own network"),
    # interactive map
    "map.filter_kind": ("Soort", "Kind"),
    "map.filter_neighbourhood": ("Buurt", "Neighbourhood"),
    "map.filter_theme": ("Thema", "Theme"),
    "map.all": ("alle", "all"),
    "map.legend": ("Legenda", "Legend"),
    "map.highlight": ("gemarkeerd", "highlighted"),
    "map.static": (
        "Grote kaart: vaste indeling, zonder beweging.",
        "Large map: fixed layout, no physics.",
    ),
    "map.title": ("Sociale kaart", "Social map"),
    "map.noscript": (
        "De kaart heeft JavaScript nodig.",
        "The map needs JavaScript.",
    ),
    # figures
    "fig.map": ("Sociale kaart", "Social map"),
    "fig.coverage": ("Vraag en aanbod per buurt en thema", "Demand and supply by neighbourhood"),
    "fig.coverage_cbar": ("vraag (ZRM-gewogen)", "demand (ZRM-weighted)"),
    "fig.coverage_cell": ("vraag / aanbod", "demand / supply"),
    "fig.gap": ("tekort", "gap"),
    "fig.theme": ("thema", "theme"),
    "fig.neighbourhood": ("buurt", "neighbourhood"),
    "fig.centrality": ("Meest centraal per soort", "Most central by kind"),
    "fig.ego": ("Netwerk rond", "The world of"),
    "fig.referral": ("Verwijsroute", "Referral path"),
    "fig.brokerage": ("Makelaarsrollen", "Brokerage roles"),
    "fig.count": ("aantal", "count"),
    "role.coordinator": ("verbinder binnen de eigen groep", "coordinator"),
    "role.itinerant": ("verbinder van buitenaf", "itinerant"),
    "role.representative": ("vertegenwoordiger", "representative"),
    "role.gatekeeper": ("poortwachter", "gatekeeper"),
    "role.liaison": ("verbinder tussen groepen", "liaison"),
    # report
    "report.title": ("Wijkanalyse", "Neighbourhood analysis"),
    "report.subtitle": ("Sociale kaart van", "Social map of"),
    "report.made": ("Gemaakt op", "Made on"),
    "report.audience.team": (
        "Versie voor het team: bevat gegevens over personen. Niet delen buiten het team.",
        "Team version: holds data about people. Do not share outside the team.",
    ),
    "report.audience.public": (
        "Openbare versie: alleen totalen; kleine aantallen (onder {min_cell}) zijn weggelaten.",
        "Public version: totals only; small counts (below {min_cell}) are left out.",
    ),
    "report.contents": ("Inhoud", "Contents"),
    "report.summary": ("Samenvatting", "Summary"),
    "report.summary_intro": (
        "Aantallen per soort en per relatie, per buurt.",
        "Counts by kind and relation, per neighbourhood.",
    ),
    "report.map": ("Kaart", "Map"),
    "report.map_intro": (
        "Beweeg over een punt voor details; filter op soort, buurt of thema.",
        "Hover over a node for details; filter by kind, neighbourhood or theme.",
    ),
    "report.map_public": (
        "In de openbare versie staan alleen initiatieven, organisaties en plekken op de kaart.",
        "The public version maps only initiatives, organisations and places.",
    ),
    "report.figures": ("Kerncijfers", "Key figures"),
    # issue 14: a one-line explanation beside every figure and every score
    "report.explain.coverage": (
        "Per buurt en thema: hoeveel vraag er is (ZRM-gewogen; hoe donkerder, hoe meer) en "
        "hoeveel aanbod ervoor open staat; een gemarkeerd vak is een tekort.",
        "Per neighbourhood and theme: how much need there is (ZRM-weighted; the darker, the "
        "more) and how many offers are open to it; a marked cell is a gap.",
    ),
    "report.explain.centrality": (
        "Aantal contacten: het deel van alle anderen met wie iemand een band heeft. "
        "Bruggenbouwer: hoe vaak iemand op de kortste weg tussen twee anderen ligt. "
        "Invloed via anderen: hoe goed de contacten van iemand zelf verbonden zijn "
        "(PageRank). Hoe hoger, hoe centraler.",
        "Contacts: the share of all others someone has a tie with. Bridge builder: how often "
        "someone lies on the shortest route between two others. Influence through others: "
        "how well connected someone's contacts are themselves (PageRank). The higher, the "
        "more central.",
    ),
    "report.explain.brokers": (
        "Elk getal telt tweetallen die alleen via deze persoon verbonden zijn: binnen de eigen "
        "buurt, binnen één andere buurt, vanuit de eigen buurt naar buiten "
        "(vertegenwoordiger), van buiten de eigen buurt in (poortwachter), of tussen twee "
        "andere buurten (Gould en Fernandez).",
        "Each number counts pairs linked only through this person: within their own "
        "neighbourhood, within one other neighbourhood, from their own neighbourhood out "
        "(representative), from outside into their own (gatekeeper), or between two other "
        "neighbourhoods (Gould and Fernandez).",
    ),
    "report.brokers": ("Verbinders", "Brokers"),
    "report.brokers_intro": (
        "Wie verbindt groepen die elkaar anders niet bereiken (rollen per buurt).",
        "Who connects groups that would not reach each other (brokerage roles by neighbourhood).",
    ),
    "report.central": ("Centrale spelers", "Central actors"),
    "report.gaps": ("Belangrijkste tekorten", "Top gaps"),
    "report.gaps_intro": (
        "De ernstigste tekorten, met uitleg en een voorstel.",
        "The most severe gaps, with an explanation and a suggestion.",
    ),
    "report.meetings": ("Overlegdruk", "Meeting load"),
    "report.meetings_intro": (
        "Terugkerend overleg en hoeveel het oplevert voor gedeelde cliënten.",
        "Recurring meetings and how much they share in clients.",
    ),
    "report.referrals": ("Voorbeelden van verwijzingen", "Example referrals"),
    "report.referrals_intro": (
        "Voor enkele bewoners: het best passende aanbod en de route ernaartoe.",
        "For a few residents: the best fitting offer and the route to it.",
    ),
    "report.quality": ("Kwaliteit van de gegevens", "Data quality"),
    "report.stale": ("Verouderde gegevens", "Stale records"),
    "report.stale_intro": (
        "Aanbod dat meer dan {months} maanden niet is gecontroleerd, of nooit.",
        "Offers not verified for more than {months} months, or never.",
    ),
    "report.never": ("nooit", "never"),
    "report.missing": ("Ontbrekende velden", "Missing fields"),
    "report.missing_intro": (
        "Hoeveel records per soort een veld leeg laten.",
        "How many records of each kind leave a field empty.",
    ),
    "report.nothing": ("Niets gevonden.", "Nothing found."),
    "report.hours_won_back": (
        "Het team wint ongeveer {hours} uur per maand terug met de gemarkeerde overleggen "
        "(veel uren, weinig gedeelde cliënten of thema's).",
        "The team would win back about {hours} hours a month by dropping the flagged meetings "
        "(many hours, few shared clients or themes).",
    ),
    "report.team_only": (
        "Alleen in de versie voor het team (gegevens over personen).",
        "Only in the team version (data about people).",
    ),
    "report.suppressed": ("<{min_cell}", "<{min_cell}"),
    "report.footer": (
        "Gemaakt met sociale_kaart. Dit bestand werkt offline en laadt niets van buiten.",
        "Made with sociale_kaart. This file works offline and loads nothing from outside.",
    ),
    "report.total": ("totaal", "total"),
    "report.none": ("(geen)", "(none)"),
    "report.resident": ("Bewoner", "Resident"),
    "report.offer": ("Aanbod", "Offer"),
    "report.via": ("via", "via"),
    "report.why": ("waarom", "why"),
    "report.path": ("route", "path"),
    "report.records": ("records", "records"),
    # gap types
    "gap.coverage": ("geen passend aanbod", "no fitting offer"),
    "gap.single_knower": ("aanbod dat (bijna) niemand kent", "offer (almost) nobody knows"),
    "gap.knowledge": ("kennis niet gedeeld", "knowledge not shared"),
    "gap.isolation": ("isolement", "isolation"),
    "gap.unreached_place": ("onbereikte plek", "unreached place"),
    "gap.structural_hole": ("groepen zonder verbinding", "groups without a link"),
    "gap.meeting_load": ("overlegdruk", "meeting load"),
    "gap.stale_record": ("verouderde gegevens", "out-of-date record"),
    "gap.repeated_refusal": ("steeds afgewezen", "repeated refusal"),
    "gap.companion_effect": ("samen gaan helpt", "companion effect"),
    "gap.open_loop": ("verwijzing zonder vervolg", "referral without follow-up"),
    # column headers
    "col.neighbourhood": ("buurt", "neighbourhood"),
    "col.theme": ("thema", "theme"),
    "col.gap_type": ("soort tekort", "gap type"),
    "col.severity": ("ernst", "severity"),
    "col.explanation": ("uitleg", "explanation"),
    "col.suggestion": ("voorstel", "suggestion"),
    "col.residents": ("bewoners", "residents"),
    "col.demand": ("vraag", "demand"),
    "col.supply": ("aanbod", "supply"),
    "col.gap": ("tekort", "gap"),
    "col.kind": ("soort", "kind"),
    "col.name": ("naam", "name"),
    "col.id": ("id", "id"),
    "col.total": ("totaal", "total"),
    "col.score": ("score", "score"),
    "col.last_verified": ("laatst gecontroleerd", "last verified"),
    "col.field": ("veld", "field"),
    "col.missing": ("leeg", "missing"),
    "col.share": ("aandeel", "share"),
    "col.count": ("aantal", "count"),
    "col.relation": ("relatie", "relation"),
    "col.professional": ("professional", "professional"),
    "col.other": ("overleg met", "meets with"),
    "col.meetings": ("overleggen", "meetings"),
    "col.hours_per_month": ("uur per maand", "hours a month"),
    "col.flagged_hours": ("gemarkeerde uren", "flagged hours"),
    "col.caseload": ("caseload", "caseload"),
    "col.shared_residents": ("gedeelde cliënten", "shared clients"),
    "col.relevance": ("relevantie", "relevance"),
    "col.degree": ("aantal contacten", "contacts"),
    "col.betweenness": ("bruggenbouwer", "bridge builder"),
    "col.pagerank": ("invloed via anderen", "influence through others"),
    # summary columns
    "col.residents_n": ("bewoners", "residents"),
    "col.professionals": ("professionals", "professionals"),
    "col.initiatives": ("initiatieven", "initiatives"),
    "col.organisations": ("organisaties", "organisations"),
    "col.places": ("plekken", "places"),
    # CLI
    "cli.loading": ("kaart laden", "loading the map"),
    "cli.analysing": ("analyseren", "analysing"),
    "cli.writing": ("schrijven", "writing"),
    "cli.written": ("geschreven", "written"),
    # joining words
    "word.and": (" en ", " and "),
    # eligibility: reasons and questions (core.eligibility)
    "eligibility.age_none": ("geen leeftijdsgrens", "no age limit"),
    "eligibility.age_ok": ("leeftijd {age} valt binnen {range}", "age {age} is within {range}"),
    "eligibility.age_out": ("leeftijd {age} valt buiten {range}", "age {age} is outside {range}"),
    "eligibility.age_edge": (
        "de bewoner is {a} of {b}, en de grens is {range}",
        "the resident may be {a} or {b}, and the limit is {range}",
    ),
    "eligibility.age_edge_q": (
        "Is de bewoner geboren voor of na {date}?",
        "Was the resident born before or after {date}?",
    ),
    "eligibility.age_missing": (
        "leeftijd onbekend; het aanbod is voor {range}",
        "age unknown; the offer is for {range}",
    ),
    "eligibility.age_missing_q": ("Hoe oud is de bewoner?", "How old is the resident?"),
    "eligibility.gender_all": ("open voor iedereen", "open to every gender"),
    "eligibility.gender_ok": ("voor {genders}", "for {genders}"),
    "eligibility.gender_out": ("alleen voor {genders}", "only for {genders}"),
    "eligibility.gender_missing": (
        "alleen voor {genders}; het geslacht van de bewoner is niet bekend",
        "only for {genders}; the resident's gender is not recorded",
    ),
    "eligibility.gender_missing_q": (
        "Is dit aanbod iets voor de bewoner? Het is alleen voor {genders}.",
        "Is this offer for the resident? It is only for {genders}.",
    ),
    "eligibility.g_female": ("vrouwen", "women"),
    "eligibility.g_male": ("mannen", "men"),
    "eligibility.g_other": ("mensen die zich man noch vrouw noemen", "people of another gender"),
    "eligibility.area_all": ("open voor alle buurten", "open to every neighbourhood"),
    "eligibility.area_ok": ("werkt in {nb}", "serves {nb}"),
    "eligibility.area_out": (
        "werkt alleen in {serves}, niet in {nb}",
        "serves only {serves}, not {nb}",
    ),
    "eligibility.area_missing": (
        "de buurt van de bewoner is onbekend; het aanbod werkt in {serves}",
        "the resident's neighbourhood is unknown; the offer serves {serves}",
    ),
    "eligibility.area_missing_q": (
        "In welke buurt woont de bewoner?",
        "In which neighbourhood does the resident live?",
    ),
    "eligibility.lang_none": ("geen taaleis", "no language requirement"),
    "eligibility.lang_learning": (
        "taalaanbod: geen taal nodig",
        "a language offer: no language needed",
    ),
    "eligibility.lang_ok": (
        "in het {common}, dat de bewoner spreekt",
        "given in {common}, which the resident speaks",
    ),
    "eligibility.lang_out": (
        "in het {offer}; de bewoner spreekt {resident}",
        "given in {offer}; the resident speaks {resident}",
    ),
    "eligibility.lang_missing": (
        "de talen van de bewoner zijn onbekend; het aanbod is in het {offer}",
        "the resident's languages are unknown; the offer is given in {offer}",
    ),
    "eligibility.lang_missing_q": (
        "Spreekt de bewoner {offer}?",
        "Does the resident speak {offer}?",
    ),
    "eligibility.req_none": ("geen status nodig", "no status required"),
    "eligibility.req_ok": ("heeft {tags}", "has {tags}"),
    "eligibility.req_out": (
        "vraagt {tags}, en dat heeft de bewoner niet",
        "requires {tags}, which the resident does not have",
    ),
    "eligibility.req_out_grant": (
        "vraagt {tags}, en dat heeft de bewoner nog niet ({where})",
        "requires {tags}, which the resident does not have yet ({where})",
    ),
    "eligibility.req_grant_where": (
        "{tag} is te krijgen bij {offers}",
        "{tag} can be obtained at {offers}",
    ),
    "eligibility.req_missing": (
        "vraagt {tags}; de status van de bewoner is onbekend",
        "requires {tags}; the resident's statuses are unknown",
    ),
    "eligibility.req_missing_q": ("Heeft de bewoner {tags}?", "Does the resident have {tags}?"),
    "eligibility.exc_none": ("sluit niemand uit", "excludes no one"),
    "eligibility.exc_ok": ("de bewoner heeft geen {tags}", "the resident has none of {tags}"),
    "eligibility.exc_out": ("niet voor bewoners met {tags}", "closed to residents with {tags}"),
    "eligibility.exc_missing": (
        "niet voor bewoners met {tags}; de status van de bewoner is onbekend",
        "closed to residents with {tags}; the resident's statuses are unknown",
    ),
    "eligibility.exc_missing_q": ("Heeft de bewoner {tags}?", "Does the resident have {tags}?"),
    "eligibility.cost_free": ("gratis", "free"),
    "eligibility.cost_unknown_price": ("geen kosten bekend", "no cost given"),
    "eligibility.cost_covered": (
        "kost EUR {cost:.2f}, betaald met {tag}",
        "costs EUR {cost:.2f}, covered by {tag}",
    ),
    "eligibility.cost_maybe": (
        "kost EUR {cost:.2f}; geen pas bekend die dat betaalt",
        "costs EUR {cost:.2f}; no pass on record that covers it",
    ),
    "eligibility.cost_maybe_q": (
        "Kan de bewoner EUR {cost:.2f} betalen, of een pas krijgen ({passes})?",
        "Can the resident pay EUR {cost:.2f}, or get a pass that covers it ({passes})?",
    ),
    "eligibility.cap_none": ("geen bekende limiet op plaatsen", "no known limit on places"),
    "eligibility.cap_room": ("{n} plaatsen vrij", "{n} places open"),
    "eligibility.cap_full": ("vol: wachtlijst", "full: waiting list"),
    "eligibility.age_at_most": ("t/m {hi}", "≤ {hi}"),
    # gap explanations and suggestions (gaps)
    "gaps.fewer": ("minder dan {n}", "fewer than {n}"),
    "gaps.hidden": ("niet getoond", "not shown"),
    "gaps.all_nbs": ("alle buurten", "every neighbourhood"),
    "gaps.the_team": ("het team", "the team"),
    "gaps.cov_head": (
        "{n} bewoners van {nb} hebben een vraag op {theme} (ZRM-gewogen vraag {demand})",
        "{n} residents of {nb} need {theme} (ZRM-weighted demand {demand})",
    ),
    "gaps.cov_no_offer": (
        "{head}, maar geen aanbod op dit thema is open voor {nb}.",
        "{head}, but no offer on this theme is open to {nb}.",
    ),
    "gaps.cov_not_eligible": (
        (
            "{head}; er is aanbod op dit thema ({offers}), maar niets daarvan staat open voor "
            "deze bewoners (leeftijd, taal of status)."
        ),
        (
            "{head}; offers on this theme exist ({offers}), but none is open to these residents "
            "(age, language or status)."
        ),
    ),
    "gaps.cov_full": (
        "{head}; het aanbod dat voor hen open staat ({offers}) zit vol.",
        "{head}; the offers open to them ({offers}) are full.",
    ),
    "gaps.cov_far": (
        "{head}; het aanbod dat voor hen open staat ({offers}) ligt verder dan {km} km.",
        "{head}; the offers open to them ({offers}) are more than {km} km away.",
    ),
    "gaps.cov_specialised_only": (
        (
            "{head}; alleen specialistische hulp staat voor hen open ({offers}), zonder informeel "
            "of algemeen aanbod."
        ),
        (
            "{head}; only specialised help is open to them ({offers}), with no informal or "
            "general offer."
        ),
    ),
    "gaps.cov_s_no_offer": (
        (
            "Zoek een initiatief of organisatie op {theme} dat {nb} kan bedienen, of vraag een "
            "aanbieder elders om ook {nb} te bedienen."
        ),
        (
            "Look for an initiative or organisation on {theme} that could serve {nb}, or ask a "
            "provider elsewhere to open up to {nb}."
        ),
    ),
    "gaps.cov_s_not_eligible": (
        (
            "Bespreek de toegangsvoorwaarden van {offers} met de aanbieders, of zoek aanbod op "
            "{theme} zonder die voorwaarden."
        ),
        (
            "Check the entry conditions of {offers} with the providers, or look for an offer on "
            "{theme} without them."
        ),
    ),
    "gaps.cov_s_full": (
        (
            "Vraag {offers} naar de wachtlijst en zoek in de tussentijd informeel of algemeen "
            "aanbod op {theme}."
        ),
        (
            "Ask {offers} about the waiting list, and look for an informal or general offer on "
            "{theme} in the meantime."
        ),
    ),
    "gaps.cov_s_far": (
        "Zoek aanbod op {theme} dichter bij {nb}, of regel vervoer of een spreekuur in {nb}.",
        (
            "Look for an offer on {theme} closer to {nb}, or arrange transport or an outreach "
            "session in {nb}."
        ),
    ),
    "gaps.cov_s_specialised_only": (
        (
            "Zoek of start informeel of algemeen aanbod op {theme} (een lotgenotengroep, een "
            "inloop), zodat niet iedereen afhangt van {offers}."
        ),
        (
            "Find or start an informal or general offer on {theme} (a peer group, a walk-in), so "
            "that not everyone depends on {offers}."
        ),
    ),
    "gaps.sk_none": (
        (
            "Niemand in {team} kent {offer} ({level}, {themes}), terwijl {n} vragen van bewoners "
            "in het werkgebied erbij passen."
        ),
        (
            "Nobody in {team} knows {offer} ({level}, {themes}), although {n} needs of residents "
            "it serves match it."
        ),
    ),
    "gaps.sk_one": (
        (
            "Alleen {knower} in {team} kent {offer} ({level}, {themes}); {n} vragen van bewoners "
            "in het werkgebied passen erbij. Als {knower} vertrekt, verliest het team de "
            "verbinding."
        ),
        (
            "Only {knower} in {team} knows {offer} ({level}, {themes}); {n} needs of residents it "
            "serves match it. If {knower} leaves, the team loses the link."
        ),
    ),
    "gaps.sk_s_none": (
        (
            "Ga langs bij {offer}, zet het op de sociale kaart en stel het voor in het volgende "
            "teamoverleg."
        ),
        "Visit {offer}, add it to the social map and introduce it at the next team meeting.",
    ),
    "gaps.sk_s_one": (
        (
            "Vraag {knower} om {offer} voor te stellen aan collega's met cliënten met een vraag "
            "op {themes}."
        ),
        "Ask {knower} to introduce {offer} to colleagues whose clients need {themes}.",
    ),
    "gaps.kn_some": (
        (
            "{n} van de {caseload} cliënten van {prof} hebben een vraag op {theme}; "
            "{prof_name} kent {offers} niet, collega's wel: {colleagues}."
        ),
        (
            "{n} of the {caseload} clients of {prof} need {theme}; "
            "{prof_name} does not know {offers}, which colleagues know: {colleagues}."
        ),
    ),
    "gaps.kn_none": (
        (
            "{n} van de {caseload} cliënten van {prof} hebben een vraag op {theme}, en {prof_name} "
            "kent geen aanbod daarop; collega's kennen {offers}: {colleagues}."
        ),
        (
            "{n} of the {caseload} clients of {prof} need {theme}, and "
            "{prof_name} knows no offer on it; colleagues know {offers}: {colleagues}."
        ),
    ),
    "gaps.kn_s": (
        "Vraag {colleagues} om {offers} voor te stellen aan {prof}.",
        "Ask {colleagues} to introduce {offers} to {prof}.",
    ),
    "gaps.iso_alone": (
        "Bewoner {r} heeft geen band met een andere bewoner of een professional.",
        "Resident {r} has no tie to any other resident or to a professional.",
    ),
    "gaps.iso_prof_only": (
        ("Bewoner {r} kent geen andere bewoner; de enige banden zijn met professionals ({pros})."),
        "Resident {r} knows no other resident; the only ties are with professionals ({pros}).",
    ),
    "gaps.iso_no_path": (
        "Bewoner {r} heeft binnen {hops} stappen geen weg naar open aanbod op {themes}.",
        "Resident {r} has no path within {hops} steps to an open offer for {themes}.",
    ),
    "gaps.iso_and_no_path": (
        " Binnen {hops} stappen is er geen weg naar open aanbod op {themes}.",
        " There is no path within {hops} steps to an open offer for {themes}.",
    ),
    "gaps.iso_s_alone": (
        (
            "Plan een huisbezoek en zoek met de bewoner naar één informeel contact: een buur, een "
            "maatje of een groep."
        ),
        (
            "Plan a home visit, and look with the resident for one informal contact: a neighbour, "
            "a buddy or a group."
        ),
    ),
    "gaps.iso_s_prof_only": (
        "Zoek met de bewoner naar een informeel contact: een buur, een maatje of een groep.",
        "Look with the resident for an informal contact: a neighbour, a buddy or a group.",
    ),
    "gaps.iso_s_no_path": (
        "Zoek aanbod op {themes} dat de bewoner kan gebruiken en draag warm over.",
        "Find an offer on {themes} the resident can use, and make a warm hand-over.",
    ),
    "gaps.iso_agg_informal": (
        "{n} bewoners van {nb} kennen geen andere bewoner.",
        "{n} residents of {nb} know no other resident.",
    ),
    "gaps.iso_agg_path": (
        (
            "{n} bewoners van {nb} hebben een vraag zonder weg binnen {hops} stappen naar open "
            "aanbod."
        ),
        "{n} residents of {nb} have a need with no path within {hops} steps to an open offer.",
    ),
    "gaps.iso_agg_s_informal": (
        "Plan outreach in {nb}: huisbezoeken, een maatjesproject, een vaste koffie-inloop.",
        "Plan outreach in {nb}: home visits, a buddy project, a regular coffee moment.",
    ),
    "gaps.iso_agg_s_path": (
        "Breng het aanbod op deze vragen onder de aandacht van bewoners in {nb}.",
        "Bring the offers on these needs to the attention of residents of {nb}.",
    ),
    "gaps.pl": (
        (
            "{n} bewoners komen bij {place}{type}, {m} van hen met een vraag, maar geen "
            "professional komt er en geen aanbod dat het team kent zit er."
        ),
        (
            "{n} residents visit {place}{type}, {m} of them with a need, but no professional "
            "visits it and no offer the team knows meets there."
        ),
    ),
    "gaps.pl_s": (
        "Ga waar de bewoners zijn: houd een vaste inloop of koffiemoment bij {place}.",
        "Go where the residents are: hold a regular walk-in or coffee moment at {place}.",
    ),
    "gaps.grp": (
        (
            "Een groep van {n} bewoners die elkaar kennen ({m} met een vraag) heeft geen band met "
            "een professional."
        ),
        (
            "A group of {n} residents who know each other ({m} with a need) has no tie to any "
            "professional."
        ),
    ),
    "gaps.grp_s": (
        "Zoek een bewoner die de groep vertrouwt en leer de anderen via deze persoon kennen.",
        "Find a resident the group trusts and get to know the others through this person.",
    ),
    "gaps.sh_case": (
        (
            "{a} en {b} ondersteunen {n} dezelfde bewoners, maar hebben geen band (geen "
            "samenwerking, overleg of contact tussen medewerkers)."
        ),
        (
            "{a} and {b} support {n} of the same residents, but have no tie (no partnership, "
            "meeting or contact between their staff)."
        ),
    ),
    "gaps.sh_themes": (
        "{a} en {b} werken allebei op {themes} voor dezelfde buurten, zonder band.",
        "{a} and {b} both work on {themes} for the same neighbourhoods, but have no tie.",
    ),
    "gaps.sh_s_case": (
        "Organiseer een casusoverleg tussen {a} en {b} over de gedeelde bewoners.",
        "Arrange a case consultation between {a} and {b} about the shared residents.",
    ),
    "gaps.sh_s_themes": (
        "Breng {a} en {b} met elkaar in contact en spreek af wie wat doet op {themes}.",
        "Introduce {a} and {b} to each other and agree who does what on {themes}.",
    ),
    "gaps.team": ("team {name}", "team {name}"),
    "gaps.ml": (
        (
            "{prof} zit {hours} uur per maand in overleg; {flagged} uur daarvan in overleggen die "
            "weinig delen met de caseload: {items}."
        ),
        (
            "{prof} spends {hours} h a month in meetings; {flagged} h of it go to meetings that "
            "share little with the caseload: {items}."
        ),
    ),
    "gaps.ml_no_caseload": (
        " ({prof} heeft geen caseload, dus er valt niets te delen.)",
        " ({prof} has no caseload, so there is nothing to share.)",
    ),
    "gaps.ml_item": (
        "{other} {hours} uur ({share}% gedeeld)",
        "{other} {hours} h ({share}% shared)",
    ),
    "gaps.ml_s": (
        (
            "Kijk kritisch naar deze overleggen (een schriftelijke update, of eens per kwartaal "
            "aansluiten): dat scheelt {flagged} uur per maand."
        ),
        (
            "Review these meetings (a written update, or attend quarterly instead): this would "
            "free {flagged} h a month."
        ),
    ),
    "gaps.st_old": (
        (
            "{offer} is voor het laatst gecontroleerd op {date}, {months} maanden geleden (de "
            "grens is {limit})."
        ),
        "{offer} was last verified on {date}, {months} months ago (the limit is {limit}).",
    ),
    "gaps.st_missing": (
        "{offer} is nooit gecontroleerd (bij 'laatst gecontroleerd' staat geen datum).",
        "{offer} has never been verified ('last verified' holds no date).",
    ),
    "gaps.st_s": (
        (
            "Bel of bezoek {offer}: ga na of het nog bestaat, de tijden en de plaatsen, en vul "
            "bij 'laatst gecontroleerd' de datum van vandaag in."
        ),
        (
            "Call or visit {offer}: check that it still runs, its times and its places, and "
            "set 'last verified' to today's date."
        ),
    ),
    # journal findings (gaps.journal)
    "gaps.rf": (
        "{offer} wees verwijzingen af op één regel: {rule} (afwijzingen: {n}).",
        "{offer} refused referrals on one rule: {rule} (refusals: {n}).",
    ),
    "gaps.rf_rule_excludes": (
        "wie de status {tag} heeft, wordt niet toegelaten",
        "residents with the status {tag} are not admitted",
    ),
    "gaps.rf_rule_requires": (
        "alleen wie de status {tag} heeft, wordt toegelaten",
        "only residents with the status {tag} are admitted",
    ),
    "gaps.rf_rule_unknown": (
        "de afwijzing noemt {tag}, maar de kaart kent die regel niet bij dit aanbod",
        "the refusal names {tag}, but the map records no such rule for this offer",
    ),
    "gaps.rf_alt": (
        "Daarna wel gestart: {offers}.",
        "What started afterwards: {offers}.",
    ),
    "gaps.rf_s": (
        (
            "Zet de regel ({tag}) van {offer} op de kaart en bespreek hem in het team, en zoek "
            "een alternatief voor wie erbuiten valt."
        ),
        (
            "Record the rule ({tag}) of {offer} on the map, tell the team, and find an "
            "alternative for those it leaves out."
        ),
    ),
    "gaps.rf_s_alt": (
        "Verwijs bewoners met {tag} niet naar {offer}, maar meteen naar {offers}.",
        "Refer residents with {tag} straight to {offers}, not to {offer}.",
    ),
    "gaps.ce": (
        (
            "Verwijzingen waarbij iemand meegaat, starten vaker: {rate_with} van {with_n} met "
            "iemand erbij, tegen {rate_without} van {without_n} zonder (exacte toets van "
            "Fisher, p {p}; de vergelijking rust op {total} verwijzingen)."
        ),
        (
            "Referrals where someone comes along start more often: {rate_with} of {with_n} with "
            "a companion, against {rate_without} of {without_n} without (Fisher's exact test, "
            "p {p}; the comparison rests on {total} referrals)."
        ),
    ),
    "gaps.ce_s": (
        (
            "Bied bij elke verwijzing aan dat iemand meegaat naar het eerste bezoek: een buur, "
            "een vrijwilliger of de professional zelf."
        ),
        (
            "With every referral, offer someone to come along to the first visit: a neighbour, "
            "a volunteer or the professional."
        ),
    ),
    "gaps.ol": (
        (
            "Verwijzingen van {who} zonder nieuwe status na {limit} weken: {n} (de oudste staat "
            "{weeks} weken open)."
        ),
        (
            "Referrals by {who} with no new status after {limit} weeks: {n} (the oldest has been "
            "open for {weeks} weeks)."
        ),
    ),
    "gaps.ol_s": (
        (
            "Laat {who} navragen wat er van deze verwijzingen is geworden, en de uitkomst in het "
            "logboek zetten."
        ),
        "Ask {who} to find out what became of these referrals, and to record it in the journal.",
    ),
    # gap levels (gaps)
    # the referral journal (referral.journal, gaps.journal)
    "journal.a_professional": ("een professional", "a professional"),
    # referral suggestions and network activation (referral.suggest)
    "referral.the_resident": ("de bewoner", "the resident"),
    "referral.open": ("staat open voor de bewoner", "is open to the resident"),
    "referral.maybe": (
        "staat mogelijk open voor de bewoner (vraag: {questions})",
        "may be open to the resident (to ask: {questions})",
    ),
    "referral.closed": (
        "staat niet open voor de bewoner ({blocking})",
        "is closed to the resident ({blocking})",
    ),
    "referral.fits": ("{target} ({level}) {offer}", "{target} ({level}) {offer}"),
    "referral.fits_person": (
        "{target}, uit het eigen netwerk van de bewoner, {offer}",
        "{target}, in the resident's own network, {offer}",
    ),
    "referral.s_warm": (
        "; {via} kan de bewoner introduceren",
        "; {via} can introduce the resident",
    ),
    "referral.s_direct": (
        "; de bewoner kent deze persoon zelf",
        "; the resident knows them directly",
    ),
    "referral.s_chain": (
        " zodra de bewoner {tags} heeft van {granter}; {via} kan de bewoner erheen brengen",
        " once the resident has {tags} from {granter}; {via} can take the resident there",
    ),
    "referral.s_chain_cold": (
        " zodra de bewoner {tags} heeft van {granter}",
        " once the resident has {tags} from {granter}",
    ),
    "referral.s_place": (
        "; het is in {place}, waar de bewoner al komt",
        "; it meets at {place}, where the resident already comes",
    ),
    "referral.s_cold": (
        "; niemand op de kaart verbindt de bewoner ermee (een koude verwijzing)",
        "; no one on the map links the resident to it (a cold referral)",
    ),
    "referral.r_need": ("past bij de vraag naar {need}{score}", "fits the need for {need}{score}"),
    "referral.r_main": ("{theme} is het hoofdthema", "{theme} is its main theme"),
    "referral.r_also": ("helpt ook bij {themes}", "also covers {themes}"),
    "referral.r_level": ("niveau: {level}", "level: {level}"),
    "referral.r_route": ("route: {route}", "route: {route}"),
    "referral.r_knows": (
        "kent de bewoner (vertrouwen {trust})",
        "knows the resident (trust {trust})",
    ),
    "referral.r_warm": ("warme introductie via {via}", "warm introduction through {via}"),
    "referral.r_place": ("de bewoner komt al in {place}", "the resident already visits {place}"),
    "referral.r_cold": (
        "koud: geen band op de kaart leidt erheen",
        "cold: no tie on the map leads there",
    ),
    "referral.r_chain": ("eerst {tags} halen bij {granter}", "first obtain {tags} at {granter}"),
    "referral.r_km": ("ongeveer {km} verderop", "about {km} away"),
    "referral.r_history": (
        "{started} van de {total} eerdere verwijzingen voor {theme} zijn gestart",
        "{started} of {total} earlier referrals for {theme} started",
    ),
    "referral.r_history_one": (
        "1 van de {total} eerdere verwijzingen voor {theme} is gestart",
        "1 of {total} earlier referrals for {theme} started",
    ),
    "referral.r_offers": ("deze persoon {offer}", "this person {offer}"),
    "referral.a_help": ("biedt hulp bij {themes}", "offers help with {themes}"),
    "referral.a_along": (
        "gaat naar {offers} en kan de bewoner meenemen",
        "goes to {offers} and could take the resident along",
    ),
    "referral.a_accompany": (
        "staat dichtbij genoeg (vertrouwen {trust}) om mee te gaan naar een afspraak",
        "is close enough (trust {trust}) to come along to an appointment",
    ),
    "referral.a_none": (
        "kent de bewoner (vertrouwen {trust})",
        "knows the resident (trust {trust})",
    ),
    # resident matches (referral.matching)
    "matching.shared_wish": (
        "{a} en {b} zoeken allebei {need}",
        "{a} and {b} are both looking for {need}",
    ),
    "matching.offer_need": (
        "{a} {offer}; {b} zoekt {need}",
        "{a} {offer}; {b} is looking for {need}",
    ),
    "matching.same_nb": ("beiden wonen in {nb}", "both live in {nb}"),
    "matching.lang": ("ze spreken allebei {langs}", "they share {langs}"),
    "matching.no_lang": (
        "ze hebben geen gedeelde taal op de kaart",
        "they share no language on record",
    ),
    "matching.km": ("{km} van elkaar", "{km} apart"),
    "matching.also": ("ze zoeken ook {needs}", "both also look for {needs}"),
    "matching.also_offer": (
        "daarnaast: {a} {offer} en {b} zoekt {need}",
        "besides, {a} {offer} and {b} is looking for {need}",
    ),
    "matching.contact": ("{c} kent hen allebei", "{c} knows both"),
    # change over time (sociale_kaart.change): the explanations of diff()
    "change.empty": ("(leeg)", "(empty)"),
    "change.rose": ("steeg", "rose"),
    "change.fell": ("daalde", "fell"),
    "change.risen": ("gestegen", "rose"),
    "change.fallen": ("gedaald", "fell"),
    "change.total": ("de hele kaart", "the whole map"),
    "change.record.added": ("Nieuw op de kaart: {kind} {name}.", "New on the map: {kind} {name}."),
    "change.record.removed": (
        "Niet meer op de kaart: {kind} {name}.",
        "No longer on the map: {kind} {name}.",
    ),
    "change.record.changed": (
        "{name}: {field} was {before}, is nu {after}.",
        "{name}: {field} was {before}, is now {after}.",
    ),
    "change.tie.added": (
        "Nieuwe verbinding: {source} {relation} {target}.",
        "New tie: {source} {relation} {target}.",
    ),
    "change.tie.removed": (
        "Verbinding verdwenen: {source} {relation} {target}.",
        "Tie gone: {source} {relation} {target}.",
    ),
    "change.tie.removed_hours": (
        "Overleg gestopt: {source} {relation} {target}; {hours} uur per maand vrij.",
        "Meeting dropped: {source} {relation} {target}; {hours} hours a month won back.",
    ),
    "change.tie.changed": (
        "{source} {relation} {target}: {field} was {before}, is nu {after}.",
        "{source} {relation} {target}: {field} was {before}, is now {after}.",
    ),
    "change.gap.opened": ("Nieuw tekort: {explanation}", "New gap: {explanation}"),
    "change.gap.closed": (
        "Opgelost, dit geldt niet meer: {explanation}",
        "Closed, this is no longer so: {explanation}",
    ),
    "change.gap.persisting": ("Nog steeds: {explanation}", "Still open: {explanation}"),
    "change.measure": (
        "{name}: {measure} {direction} van {before} naar {after} "
        "(plaats {rank_before} naar {rank_after}).",
        "{name}: {measure} {direction} from {before} to {after} "
        "(rank {rank_before} to {rank_after}).",
    ),
    "change.measure.new": (
        "{name}: nieuw, {measure} {after} (plaats {rank_after}).",
        "{name}: new, {measure} {after} (rank {rank_after}).",
    ),
    "change.measure.gone": (
        "{name}: niet meer op de kaart; {measure} was {before} (plaats {rank_before}).",
        "{name}: no longer on the map; {measure} was {before} (rank {rank_before}).",
    ),
    "change.score": (
        "{group}, {score}: {direction} van {before} naar {after}.",
        "{group}, {score}: {direction} from {before} to {after}.",
    ),
    "change.coverage.closed": (
        "{neighbourhood}, {theme}: geen tekort meer "
        "({supply} passend aanbod, was {supply_before}).",
        "{neighbourhood}, {theme}: no longer short ({supply} fitting offers, was {supply_before}).",
    ),
    "change.coverage.opened": (
        "{neighbourhood}, {theme}: nu een tekort ({supply} passend aanbod, was {supply_before}).",
        "{neighbourhood}, {theme}: now short ({supply} fitting offers, was {supply_before}).",
    ),
    "change.coverage.changed": (
        "{neighbourhood}, {theme}: {residents} bewoners met de vraag (was {residents_before}), "
        "{supply} passend aanbod (was {supply_before}).",
        "{neighbourhood}, {theme}: {residents} residents with the need (was {residents_before}), "
        "{supply} fitting offers (was {supply_before}).",
    ),
    "measure.degree": ("aantal contacten", "number of contacts"),
    "measure.betweenness": ("bruggenbouwer", "bridge builder"),
    "measure.brokerage": ("verbinder tussen groepen", "connector between groups"),
    "score.nodes": ("knooppunten", "nodes"),
    "score.ties": ("verbindingen", "ties"),
    "score.density": ("dichtheid", "density"),
    "score.mean_trust": ("gemiddeld vertrouwen", "mean trust"),
    "score.ei_organisations": ("E-I-index tussen organisaties", "E-I index between organisations"),
    "score.ei_roles": ("E-I-index tussen rollen", "E-I index between roles"),
    "score.components": ("componenten", "components"),
    "score.isolates": ("losse knooppunten", "isolates"),
    "score.meeting_hours": ("uren overleg per maand", "meeting hours a month"),
    # formatting (issue 14): the Babel (CLDR) locale of each page language
    "format.locale": ("nl_NL", "en_GB"),
    # CLI refer in Dutch and English (issue 14)
    "cli.refer.none": (
        "geen passend aanbod gevonden voor {resident}",
        "no fitting offer found for {resident}",
    ),
    "cli.refer.path": ("route", "path"),
    "cli.refer.yes": ("komt in aanmerking", "eligible"),
    "cli.refer.no": ("komt niet in aanmerking", "not eligible"),
    "cli.refer.unknown": ("toegang onbekend", "eligibility unknown"),
    # issue 14, "real Dutch": status tags, place types, and the two phrasings of each theme
    # (core.wording). A need is a noun phrase ("zoekt ..."); an offer a verb phrase ("... biedt").
    # a status label is something a resident has: it follows "heeft ...", "met ...",
    # "Heeft de bewoner ...?" ("niet voor bewoners met EU-burger" was wrong)
    "status.eu_citizen": ("EU-nationaliteit", "EU citizenship"),
    "status.meedoen_pass": ("Meedoenpas", "Meedoen pass"),
    "status.newcomer": ("nieuwkomersstatus", "newcomer status"),
    "status.social_assistance": ("bijstandsuitkering", "social assistance benefit"),
    "status.wmo_indication": ("Wmo-indicatie", "Wmo assessment"),
    "status.foodbank_referral": ("verwijsbrief voor de voedselbank", "food bank referral"),
    "status.gp_referral": ("verwijzing van de huisarts", "GP referral"),
    "status.stadspas": ("Stadspas", "city pass (Stadspas)"),
    "status.u_pas": ("U-pas", "U-pas (Utrecht city pass)"),
    "status.custom": ("{code} (eigen code, zonder omschrijving)", "{code} (custom code, no label)"),
    "place_type.supermarket_bench": ("bankje bij de supermarkt", "supermarket bench"),
    "place_type.community_centre": ("buurthuis", "community centre"),
    "place_type.information_point": ("informatiepunt", "information point"),
    "place_type.library": ("bibliotheek", "library"),
    "place_type.school_yard": ("schoolplein", "school yard"),
    "place_type.mosque": ("moskee", "mosque"),
    "place_type.park": ("park of groen", "park"),
    "place_type.swimming_pool": ("zwembad", "swimming pool"),
    "place_type.health_centre": ("gezondheidscentrum", "health centre"),
    "place_type.church_hall": ("kerkzaal", "church hall"),
    "place_type.workshop": ("werkplaats", "workshop"),
    "place_type.vacant_space": ("leegstaande ruimte", "vacant space"),
    "place_type.custom": ("{code} (eigen soort plek)", "{code} (custom place type)"),
    "theme.need.finances": ("hulp bij geldzaken", "help with money matters"),
    "theme.offer.finances": ("helpt bij geldzaken", "helps with money matters"),
    "theme.need.work_education": ("werk of een opleiding", "work or a course"),
    "theme.offer.work_education": ("helpt bij werk en opleiding", "helps with work and education"),
    "theme.need.time_use": ("een zinvolle dagbesteding", "something worthwhile to do"),
    "theme.offer.time_use": (
        "biedt een zinvolle dagbesteding",
        "offers something worthwhile to do",
    ),
    "theme.need.housing": ("hulp bij wonen", "help with housing"),
    "theme.offer.housing": ("helpt bij wonen", "helps with housing"),
    "theme.need.domestic_relations": (
        "steun bij relaties thuis",
        "support with relationships at home",
    ),
    "theme.offer.domestic_relations": (
        "steunt bij relaties thuis",
        "supports relationships at home",
    ),
    "theme.need.mental_health": ("steun bij psychische klachten", "support for mental health"),
    "theme.offer.mental_health": ("steunt bij psychische klachten", "supports mental health"),
    "theme.need.physical_health": ("hulp bij lichamelijke klachten", "help with physical health"),
    "theme.offer.physical_health": (
        "helpt bij lichamelijke klachten",
        "helps with physical health",
    ),
    "theme.need.substance_use": ("hulp bij verslaving", "help with substance use"),
    "theme.offer.substance_use": ("helpt bij verslaving", "helps with substance use"),
    "theme.need.basic_adl": ("hulp bij de dagelijkse verzorging", "help with personal care"),
    "theme.offer.basic_adl": ("helpt bij de dagelijkse verzorging", "helps with personal care"),
    "theme.need.instrumental_adl": (
        "hulp bij huishouden, boodschappen of vervoer",
        "help with housework, shopping or transport",
    ),
    "theme.offer.instrumental_adl": (
        "helpt bij huishouden, boodschappen of vervoer",
        "helps with housework, shopping or transport",
    ),
    "theme.need.social_network": ("contact met anderen", "contact with others"),
    "theme.offer.social_network": ("brengt mensen met elkaar in contact", "brings people together"),
    "theme.need.community_participation": (
        "een manier om mee te doen in de buurt",
        "a way to take part in the neighbourhood",
    ),
    "theme.offer.community_participation": (
        "helpt mee te doen in de buurt",
        "helps people take part in the neighbourhood",
    ),
    "theme.need.justice": ("hulp bij juridische zaken", "help with legal matters"),
    "theme.offer.justice": ("helpt bij juridische zaken", "helps with legal matters"),
    "theme.need.language": ("hulp bij het Nederlands", "help with Dutch"),
    "theme.offer.language": ("helpt met het Nederlands", "helps with Dutch"),
    "theme.need.parenting": ("steun bij de opvoeding", "support with parenting"),
    "theme.offer.parenting": ("steunt ouders bij de opvoeding", "supports parents"),
    "theme.need.exercise": ("iemand om samen mee te bewegen", "someone to exercise with"),
    "theme.offer.exercise": ("helpt om meer te bewegen", "helps people exercise"),
    "theme.need.loneliness": ("gezelschap", "company"),
    "theme.offer.loneliness": ("biedt gezelschap", "offers company"),
    "theme.need.custom": ("hulp bij {label}", "help with {label}"),
    "theme.offer.custom": ("helpt bij {label}", "helps with {label}"),
    "journal.reason.eligibility": (
        "valt buiten de toegangsregel: {tag}",
        "outside the eligibility rule: {tag}",
    ),
    "field.gender": ("geslacht", "gender"),
    "field.genders": ("alleen voor (geslacht)", "genders"),
    "field.moved_in": ("in de buurt komen wonen op", "moved in"),
    "field.opened": ("geopend op", "opened"),
    "field.closed": ("gesloten op", "closed"),
    # issue 14, "real Dutch" (continued): the command line in the page's language, and the
    # two labels of the single-knower gap (no one knows the offer / one person does)
    "cli.progress.loading": ("{source} laden", "loading {source}"),
    "cli.progress.loading_sample": (
        "de voorbeeldwijk {name} laden",
        "loading the sample {name}",
    ),
    "cli.progress.dated": (
        "{source} beschrijft {day} (de datum waarmee de naam begint)",
        "{source} describes {day} (the date its name starts with)",
    ),
    "cli.progress.report_team": (
        "analyseren en de versie voor het team schrijven",
        "analysing and writing the team report",
    ),
    "cli.progress.report_public": (
        "analyseren en de openbare versie schrijven",
        "analysing and writing the public report",
    ),
    "cli.progress.written": ("geschreven: {path}", "written: {path}"),
    "cli.progress.comparing": ("de twee kaarten vergelijken", "comparing the two maps"),
    "cli.progress.gaps": ("tekorten zoeken", "looking for gaps"),
    "cli.progress.refer": ("aanbod zoeken voor {resident}", "looking for offers for {resident}"),
    "cli.progress.export": ("{format} schrijven naar {path}", "writing {format} to {path}"),
    "cli.gaps.none": ("geen tekorten gevonden", "no gaps found"),
    "cli.valid": (
        "in orde: {nodes} knooppunten, {ties} verbindingen",
        "valid: {nodes} nodes, {ties} ties",
    ),
    "cli.summary.title": (
        "Sociale kaart {name}: {nodes} knooppunten, {ties} verbindingen",
        "Social map {name}: {nodes} nodes, {ties} ties",
    ),
    "cli.error": ("fout: {message}", "error: {message}"),
    "cli.error.debug": (
        "(met --debug ziet u waar in de code het misging)",
        "(run with --debug for the traceback)",
    ),
    "cli.interrupted": ("afgebroken", "interrupted"),
    "gap.single_knower.none": (
        "aanbod dat niemand in het team kent",
        "offer no one in the team knows",
    ),
    "gap.single_knower.one": (
        "aanbod dat maar één persoon in het team kent",
        "offer only one person in the team knows",
    ),
    # directory-only maps (issue 11)
    "directory.no_residents": (
        "Deze kaart heeft geen bewoners (een wegwijzer of 211-bestand): de tekorten en de dekking"
        " van bewoners kunnen niet worden berekend;"
        " een lege tabel betekent hier niet 'geen tekorten'.",
        "This map has no residents (a directory or 211 export): gaps and coverage for residents"
        " cannot be computed; an empty table here does not mean 'no gaps'.",
    ),
    # professionals' disciplines, for names in team-facing text (issue 14)
    "discipline.social_worker": ("maatschappelijk werker", "social worker"),
    "discipline.youth_worker": ("jongerenwerker", "youth worker"),
    "discipline.district_nurse": ("wijkverpleegkundige", "district nurse"),
    "discipline.debt_advisor": ("schuldhulpverlener", "debt advisor"),
    "discipline.legal_advisor": ("sociaal raadsman", "legal advisor"),
    "discipline.wmo_consultant": ("Wmo-consulent", "social support consultant"),
    "discipline.community_builder": ("opbouwwerker", "community builder"),
    "discipline.sports_coach": ("buurtsportcoach", "neighbourhood sports coach"),
    "discipline.client_support": ("cliëntondersteuner", "client support worker"),
    "discipline.school_social_worker": ("schoolmaatschappelijk werker", "school social worker"),
    "discipline.gp_practice_nurse": ("praktijkondersteuner huisarts", "GP practice nurse"),
    "discipline.housing_officer": ("woonconsulent", "housing officer"),
    # CLI zoek / find: the searchable directory (issue 14)
    "cli.find.none": ("geen aanbod gevonden", "no offers found"),
    "cli.find.searching": ("aanbod zoeken", "searching offers"),
    "cli.find.unplaced": (
        "let op: {n} aanbod zonder coördinaten niet meegenomen ({ids}); vul lat en lon in",
        "note: {n} offer(s) without coordinates left out ({ids}); fill in lat and lon",
    ),
    # the report section "since last time" (issue 12)
    "report.since": ("Sinds de vorige keer", "Since last time"),
    "report.since_intro": (
        "Deze kaart vergeleken met de vorige, van {date}: welke tekorten zijn opgelost en "
        "welke nieuw, wat het team aan verbindingen won en verloor, en wie er wegging.",
        "This map compared with the previous one, of {date}: which gaps closed and which "
        "opened, which connections the team gained and lost, and who left.",
    ),
    "report.since_intro_undated": (
        "Deze kaart vergeleken met de vorige (die geen datum heeft): welke tekorten zijn "
        "opgelost en welke nieuw, wat het team aan verbindingen won en verloor, en wie er "
        "wegging.",
        "This map compared with the previous one (which has no date): which gaps closed and "
        "which opened, which connections the team gained and lost, and who left.",
    ),
    "report.since_public_intro": (
        "Alleen totalen: hoeveel tekorten er per soort, buurt en thema zijn opgelost of "
        "bijgekomen, hoeveel records en verbindingen erbij kwamen of verdwenen, en de scores "
        "van de hele kaart. Aantallen over mensen onder de {min_cell} staan er niet in.",
        "Totals only: how many gaps closed or opened per type, neighbourhood and theme, how "
        "many records and ties were added or removed, and the scores of the whole map. Counts "
        "about people below {min_cell} are not shown.",
    ),
    "report.since_closed": ("Opgeloste tekorten", "Gaps closed"),
    "report.since_opened": ("Nieuwe tekorten", "Gaps opened"),
    "report.since_opened_intro": (
        "Een vinkje bij 'door vertrek': het tekort volgt uit het vertrek van wie of wat "
        "hieronder staat (de wat-als-berekening op de vorige kaart zonder hen voorspelt het).",
        "A tick under 'from departures': the gap follows from the departure of whoever or "
        "whatever is listed below (the what-if run on the previous map without them predicts it).",
    ),
    "report.since_new_ties": ("Nieuwe verbindingen van het team", "New connections of the team"),
    "report.since_ended_ties": (
        "Verbindingen van het team die stopten",
        "Connections of the team that ended",
    ),
    "report.since_ended_intro": (
        "Verbindingen tussen twee die allebei nog op de kaart staan; de verbindingen van wie "
        "of wat wegging staan bij 'Wie of wat er wegging'.",
        "Ties between two who are both still on the map; the ties of whoever or "
        "whatever left are counted under 'Who or what left'.",
    ),
    "report.since_left": (
        "Wie of wat er wegging, en wat dat deed",
        "Who or what left, and what that did",
    ),
    "report.since_left_effect": (
        "{n} van de {total} nieuwe tekorten volgen uit dit vertrek (aangevinkt bij de nieuwe "
        "tekorten hierboven).",
        "{n} of the {total} new gaps follow from these departures (ticked among the new gaps "
        "above).",
    ),
    "report.since_gaps_public": ("Tekorten opgelost en nieuw", "Gaps closed and opened"),
    "report.since_records": ("Records erbij en weg", "Records added and removed"),
    "report.since_ties": ("Verbindingen erbij en weg", "Ties added and removed"),
    "report.since_scores": ("Scores door de tijd", "Scores over time"),
    "report.since_no_dates": (
        "Geen figuur van de scores door de tijd: de vorige kaart heeft geen datum die vóór "
        "deze kaart ligt. Geef de vorige kaart een datum (een snapshot, of een map of "
        "werkmap waarvan de naam met JJJJ-MM-DD begint).",
        "No figure of the scores over time: the previous map has no date before this map. "
        "Give the previous map a date (a snapshot, or a folder or workbook whose name "
        "starts with YYYY-MM-DD).",
    ),
    "report.since_more": (
        "Hier staan de eerste {shown} van {total} rijen; de hele vergelijking geeft "
        "sociale-kaart diff.",
        "These are the first {shown} of {total} rows; sociale-kaart diff gives the whole "
        "comparison.",
    ),
    "report.since_unchanged": ("Niets veranderd.", "Nothing changed."),
    "report.since_people": ("mensen", "people"),
    "fig.timeline": ("Scores door de tijd", "Scores over time"),
    "col.closed": ("opgelost", "closed"),
    "col.opened": ("nieuw", "opened"),
    "col.added": ("erbij", "added"),
    "col.removed": ("weg", "removed"),
    "col.from_departure": ("door vertrek", "from departures"),
    "col.ties_lost": ("verbindingen weg", "ties lost"),
    "col.gaps_opened": ("nieuwe tekorten", "gaps opened"),
    "col.connected": ("met", "with"),
    "col.since": ("sinds", "since"),
    "col.before": ("vorige keer", "last time"),
    "col.after": ("nu", "now"),
    "col.change": ("verschil", "change"),
    # CLI diff / verschil (issue 12)
    "cli.diff.title": (
        "Wat er veranderde van {before} tot {after}",
        "What changed from {before} to {after}",
    ),
    "cli.diff.undated": ("zonder datum", "undated"),
    "cli.diff.none": ("niets veranderd", "nothing changed"),
    "cli.diff.closed": ("Opgeloste tekorten", "Gaps closed"),
    "cli.diff.opened": ("Nieuwe tekorten", "Gaps opened"),
    "cli.diff.scores": ("Scores van de hele kaart", "Scores of the whole map"),
    "cli.diff.more": (
        "... en nog {n}; schrijf alle tabellen met -o en een map",
        "... and {n} more; write every table with -o FOLDER",
    ),
    "cli.diff.written": ("{n} tabellen geschreven naar {path}", "{n} tables written to {path}"),
    "cli.diff.table.records": ("records", "records"),
    "cli.diff.table.ties": ("verbindingen", "ties"),
    "cli.diff.table.gaps": ("tekorten", "gaps"),
    "cli.diff.table.measures": ("maten per knooppunt", "measures per node"),
    "cli.diff.table.scores": ("scores", "scores"),
    "cli.diff.table.coverage": ("dekking", "coverage"),
    "cli.diff.change.added": ("erbij", "added"),
    "cli.diff.change.removed": ("weg", "removed"),
    "cli.diff.change.changed": ("gewijzigd", "changed"),
    "cli.diff.change.opened": ("nieuw", "opened"),
    "cli.diff.change.closed": ("opgelost", "closed"),
    "cli.diff.change.persisting": ("blijft", "persisting"),
    "cli.diff.change.rose": ("gestegen", "rose"),
    "cli.diff.change.fell": ("gedaald", "fell"),
    # the report section "What became of referrals" (issue 13)
    "report.outcomes": ("Wat werd er van de verwijzingen?", "What became of referrals"),
    "report.outcomes_intro": (
        "Uit het logboek van verwijzingen: {n} verwijzingen, van {first} tot en met {last}. "
        "Verwijzers staan met naam, bewoners alleen met hun id.",
        "From the referral journal: {n} referrals, from {first} to {last}. Referrers are "
        "named, residents shown by id only.",
    ),
    "report.outcomes_public_intro": (
        "Uit het logboek van verwijzingen, alleen in aantallen. Aantallen onder {min_cell} "
        "(en aantallen waaruit die terug te rekenen zijn) zijn weggelaten; er staat geen "
        "persoon in.",
        "From the referral journal, in counts only. Counts below {min_cell} (and counts they "
        "could be worked out from) are left out; no person is shown.",
    ),
    "report.outcomes_empty": (
        "Het logboek van verwijzingen is leeg.",
        "The referral journal is empty.",
    ),
    "report.outcomes_funnel": (
        "Van voorstel tot start, per niveau",
        "From proposal to start, per level",
    ),
    "report.outcomes_funnel_note": (
        "Elke verwijzing telt één keer. Geaccepteerd: ze kwam ooit op geaccepteerd of verder; "
        "gestart: op gestart of afgerond. Het niveau is dat van het aanbod waarnaar verwezen "
        "werd; een verwijzing naar een professional, of naar aanbod zonder niveau, staat in "
        "een eigen rij.",
        "Each referral counts once. Accepted: it reached accepted or beyond; started: it "
        "reached started or completed. The level is that of the offer referred to; a "
        "referral to a professional, or to an offer without a level, has a row of its own.",
    ),
    "report.outcomes_no_level": ("niveau niet vastgelegd", "level not recorded"),
    "report.outcomes_by_theme": ("Per thema", "By theme"),
    "report.outcomes_reasons": (
        "Redenen van afwijzen en afbreken",
        "Reasons for rejection and cancellation",
    ),
    "report.outcomes_reasons_note": (
        "Per reden: hoeveel verwijzingen werden afgewezen of afgebroken (de laatste reden "
        "die bij een verwijzing is gegeven), de meest gegeven eerst.",
        "Per reason: how many referrals were rejected or cancelled (the last reason given "
        "for a referral), the most frequent first.",
    ),
    "report.outcomes_reasons_public": (
        "Alleen redenen die bij minstens {min_cell} verwijzingen zijn gegeven; {n} "
        "afgewezen of afgebroken verwijzingen met een minder vaak gegeven reden staan hier "
        "niet.",
        "Only reasons given for at least {min_cell} referrals; {n} rejected or cancelled "
        "referrals with a less frequent reason are not shown.",
    ),
    "report.outcomes_no_reason": ("geen reden vastgelegd", "no reason recorded"),
    "report.outcomes_companion": ("Met iemand erbij", "With a companion"),
    "report.outcomes_companion.more_with_companion": (
        "Verwijzingen waarbij iemand meegaat, starten vaker: {rate_with} van {with_n} met "
        "iemand erbij, tegen {rate_without} van {without_n} zonder (exacte toets van Fisher, "
        "p {p}; de vergelijking rust op {total} verwijzingen). Dit is een samenhang in het "
        "eigen logboek, geen proef: wie iemand meeneemt, kan ook op andere punten verschillen.",
        "Referrals where someone comes along start more often: {rate_with} of {with_n} with "
        "a companion, against {rate_without} of {without_n} without (Fisher's exact test, "
        "p {p}; the comparison rests on {total} referrals). This is an association in the "
        "team's own journal, not a trial: residents who bring someone may differ in other ways.",
    ),
    "report.outcomes_companion.fewer_with_companion": (
        "Verwijzingen waarbij iemand meegaat, starten minder vaak: {rate_with} van {with_n} "
        "met iemand erbij, tegen {rate_without} van {without_n} zonder (exacte toets van "
        "Fisher, p {p}; de vergelijking rust op {total} verwijzingen). Dit is een samenhang in "
        "het eigen logboek, geen proef.",
        "Referrals where someone comes along start less often: {rate_with} of {with_n} with "
        "a companion, against {rate_without} of {without_n} without (Fisher's exact test, "
        "p {p}; the comparison rests on {total} referrals). This is an association in the "
        "team's own journal, not a trial.",
    ),
    "report.outcomes_companion.no_clear_difference": (
        "Met iemand erbij startte {rate_with} van {with_n} verwijzingen, zonder {rate_without} "
        "van {without_n}. Dat verschil is niet duidelijk (exacte toets van Fisher, p {p}; "
        "{total} verwijzingen): een effect van meegaan is hier niet aangetoond.",
        "With a companion {rate_with} of {with_n} referrals started, without {rate_without} of "
        "{without_n}. The difference is not clear (Fisher's exact test, p {p}; {total} "
        "referrals): no effect of coming along is shown here.",
    ),
    "report.outcomes_companion.too_few": (
        "Te weinig verwijzingen voor een uitspraak: {with_n} met iemand erbij en {without_n} "
        "zonder, terwijl er per groep minstens {min} nodig zijn. Er wordt dus geen effect van "
        "meegaan geclaimd, en ook niet dat het er niet is.",
        "Too few referrals to say anything: {with_n} with a companion and {without_n} "
        "without, while each group needs at least {min}. So no effect of coming along is "
        "claimed, and neither is its absence.",
    ),
    "report.outcomes_companion_withheld": (
        "De vergelijking wordt niet gepubliceerd: een van de aantallen erin is kleiner dan "
        "{min_cell}.",
        "The comparison is not published: one of its counts is below {min_cell}.",
    ),
    "report.outcomes_open": (
        "Verwijzingen die niet terugkwamen",
        "Referrals that never came back",
    ),
    "report.outcomes_open_intro": (
        "Verwijzingen die nog op voorgesteld, aangevraagd of geaccepteerd staan, al meer dan "
        "{weeks} weken (tot {date}), en niet zijn doorverwezen: {n}. De oudste eerst.",
        "Referrals still proposed, requested or accepted for more than {weeks} weeks (to "
        "{date}), and not handed on: {n}. The oldest first.",
    ),
    "report.outcomes_open_more": (
        "Hier staan de eerste {shown} van {total}; sociale-kaart logboek open geeft ze allemaal.",
        "These are the first {shown} of {total}; sociale-kaart journal open lists them all.",
    ),
    "report.outcomes_open_public": (
        "Verwijzingen zonder nieuwe status na {weeks} weken (tot {date}): {n}.",
        "Referrals with no new status after {weeks} weeks (to {date}): {n}.",
    ),
    "report.outcomes_fewer_than": ("minder dan {min_cell}", "fewer than {min_cell}"),
    # reasons in the journal written in the library's words: shown in the page's language
    "journal.reason.not_the_right_offer": ("niet het juiste aanbod", "not the right offer"),
    "journal.reason.did_not_come": ("bewoner kwam niet", "resident did not come"),
    "journal.status.proposed": ("voorgesteld", "proposed"),
    "journal.status.requested": ("aangevraagd", "requested"),
    "journal.status.accepted": ("geaccepteerd", "accepted"),
    "journal.status.rejected": ("afgewezen", "rejected"),
    "journal.status.started": ("gestart", "started"),
    "journal.status.completed": ("afgerond", "completed"),
    "journal.status.cancelled": ("afgebroken", "cancelled"),
    "col.level": ("niveau", "level"),
    "col.referral": ("verwijzing", "referral"),
    "col.referrals": ("verwijzingen", "referrals"),
    "col.accepted": ("geaccepteerd", "accepted"),
    "col.started": ("gestart", "started"),
    "col.rejected": ("afgewezen", "rejected"),
    "col.cancelled": ("afgebroken", "cancelled"),
    "col.accept_rate": ("deel geaccepteerd", "share accepted"),
    "col.start_rate": ("deel gestart", "share started"),
    "col.median_days_to_start": ("mediaan dagen tot start", "median days to start"),
    "col.reason": ("reden", "reason"),
    "col.resident": ("bewoner", "resident"),
    "col.referrer": ("verwijzer", "referrer"),
    "col.target": ("naar", "to"),
    "col.status": ("status", "status"),
    "col.last": ("laatste stap", "last step"),
    "col.weeks_open": ("weken open", "weeks open"),
    # CLI journal / logboek (issue 13)
    "cli.journal.added": (
        "stap toegevoegd aan {path}: verwijzing {referral} is nu {status}",
        "step added to {path}: referral {referral} is now {status}",
    ),
    "cli.journal.not_written": (
        "niets geschreven naar {path}",
        "nothing written to {path}",
    ),
    "cli.journal.no_column": (
        "{path} heeft geen kolom {column!r}; voeg die kolom eerst toe aan de kop van het bestand",
        "{path} has no column {column!r}; add the column to the file's header first",
    ),
    "cli.journal.not_a_folder": (
        "{path} is geen map met CSV-bestanden; logboek toevoegen schrijft in referrals.csv in "
        "een kaartmap",
        "{path} is not a folder of CSV files; journal add writes referrals.csv in a map folder",
    ),
    "cli.journal.open_none": (
        "geen open verwijzingen ouder dan {weeks} weken (tot {date})",
        "no open referrals older than {weeks} weeks (to {date})",
    ),
    "cli.journal.open_title": (
        "Verwijzingen zonder nieuwe status na {weeks} weken (tot {date}): {n}",
        "Referrals with no new status after {weeks} weeks (to {date}): {n}",
    ),
    "cli.journal.open_referrer": ("{who}: {n} open", "{who}: {n} open"),
    "cli.journal.open_line": (
        "{referral}: bewoner {resident} naar {target}{theme}, {status} sinds {last} "
        "({weeks} weken)",
        "{referral}: resident {resident} to {target}{theme}, {status} since {last} ({weeks} weeks)",
    ),
    # issue 14, "what a meeting needs": the summary's rule, grouped gaps, the what-if
    "report.summary_several": ("meer buurten", "several neighbourhoods"),
    "report.summary_rule": (
        "Iedereen en alles telt hier één keer, dus de buurten tellen samen op tot het totaal. "
        "Wie of wat in meer dan één buurt actief is, staat in de rij “{several}”.",
        "Everyone and everything counts once here, so the neighbourhoods add up to the total. "
        "Whoever or whatever is active in more than one neighbourhood is in the row "
        "“{several}”.",
    ),
    "report.summary_working": (
        "Professionals per buurt waarin ze werken: {counts}. Samen is dat meer dan het totaal, "
        "omdat de meesten in meer buurten werken.",
        "Professionals per neighbourhood they work in: {counts}. Together that is more than "
        "the total, because most of them work in several neighbourhoods.",
    ),
    "report.summary_ties_rule": (
        "Een relatie telt één keer: in de buurt van degene van wie ze uitgaat (bij “kent”: "
        "wie de ander kent). Gaat ze uit van een professional die in meer buurten werkt, dan "
        "telt ze bij “{several}”.",
        "A tie counts once: in the neighbourhood of the one it starts from (for “knows”: "
        "the one who knows the other). When it starts from a professional who works in several "
        "neighbourhoods, it counts under “{several}”.",
    ),
    "report.gaps_grouped_intro": (
        "De tekorten in drie groepen, zoals een teamoverleg ze bespreekt: een bewoner (casus), "
        "het team en de buurt. Elke groep toont haar eigen {top} ernstigste, zodat veel "
        "tekorten van één soort de andere groepen niet verdringen.",
        "The gaps in three groups, as a team meeting takes them: a resident (a case), the team "
        "and the neighbourhood. Each group shows its own {top} most severe, so that many gaps "
        "of one type cannot crowd out the other groups.",
    ),
    "report.gaps_severity": (
        "Ernst loopt van 0 (licht) tot 1 (zwaar). Elke soort tekort heeft een eigen formule: "
        "hoe meer bewoners het raakt en hoe zwaarder hun vraag (ZRM-score), hoe hoger. "
        "Aantallen tellen steeds minder zwaar: de helft (0,5) is bereikt bij een vast aantal "
        "per soort, bij een tekort aan aanbod bijvoorbeeld een vraag ter grootte van tien "
        "bewoners. Zo weegt een tekort dat veel bewoners met zware vragen raakt zwaarder dan "
        "een administratieve kwestie. De gewichten zijn keuzes; vergelijk ernst vooral "
        "binnen een groep.",
        "Severity runs from 0 (light) to 1 (heavy). Each type of gap has its own formula: the "
        "more residents it touches and the heavier their need (ZRM score), the higher. Counts "
        "weigh less and less: half (0.5) is reached at a fixed number per type, for a coverage "
        "gap for instance a demand the size of ten residents. So a gap touching many residents "
        "with heavy needs outweighs a matter of housekeeping. The weights are choices; compare "
        "severities mainly within a group.",
    ),
    "report.gap_group.resident": ("Een bewoner (casus)", "A resident (case)"),
    "report.gap_group.team": ("Het team", "The team"),
    "report.gap_group.neighbourhood": ("De buurt", "The neighbourhood"),
    "report.gap_group_intro.resident": (
        "Tekorten rond één bewoner: bespreek ze als casus.",
        "Gaps around one resident: discuss them as a case.",
    ),
    "report.gap_group_intro.resident_public": (
        "Bewoners zonder contacten of zonder route naar hulp, geteld per buurt.",
        "Residents without contacts or without a route to help, counted per neighbourhood.",
    ),
    "report.gap_group_intro.team": (
        "Wat het team weet, wat maar één persoon weet, hoe het verwijzingen opvolgt en waar de "
        "tijd heen gaat.",
        "What the team knows, what only one person knows, how it follows up referrals and "
        "where the time goes.",
    ),
    "report.gap_group_intro.neighbourhood": (
        "Wat de buurt mist: passend aanbod, professionals op plekken waar bewoners komen, "
        "contact tussen organisaties met dezelfde cliënten.",
        "What the neighbourhood lacks: fitting offers, professionals at the places residents "
        "go to, contact between organisations with the same clients.",
    ),
    "report.gap_group_shown": (
        "Hier {shown} van de {total}, de ernstigste eerst.",
        "Here {shown} of {total}, the most severe first.",
    ),
    "report.gap_why_line": (
        "Waarom dit telt ({gap_type}): {why}",
        "Why this matters ({gap_type}): {why}",
    ),
    "report.gap_why.coverage": (
        "Bewoners met deze vraag vinden in hun buurt geen aanbod dat ze kunnen gebruiken. De "
        "vraag blijft dan liggen, of komt later en duurder terecht bij maatwerk.",
        "Residents with this need find no offer in their neighbourhood they can use. The need "
        "then waits, or ends up later, and at greater cost, in specialised care.",
    ),
    "report.gap_why.single_knower": (
        "Als de enige die dit aanbod kent vertrekt of ziek wordt, verdwijnt het uit beeld "
        "voor het hele team.",
        "If the only one who knows this offer leaves or falls ill, it drops out of sight for "
        "the whole team.",
    ),
    "report.gap_why.knowledge": (
        "Cliënten van deze professional missen aanbod dat collega's wel kennen; één gesprek in "
        "het team lost dat op.",
        "This professional's clients miss offers that colleagues know; one conversation in the "
        "team fixes that.",
    ),
    "report.gap_why.isolation": (
        "Wie niemand in de buurt kent of geen route naar hulp heeft, valt als eerste tussen "
        "wal en schip.",
        "Someone who knows nobody nearby, or has no route to help, is the first to fall "
        "through the cracks.",
    ),
    "report.gap_why.unreached_place": (
        "Hier komen bewoners met een hulpvraag samen, maar geen professional. Wie hier komt, "
        "bereikt bewoners die nu buiten beeld blijven.",
        "Residents with a need gather here, but no professional comes. Whoever goes there "
        "reaches residents who now stay out of sight.",
    ),
    "report.gap_why.structural_hole": (
        "Twee organisaties helpen dezelfde bewoners zonder contact met elkaar: werk wordt "
        "dubbel gedaan of valt ertussen.",
        "Two organisations help the same residents without any contact: work is done twice "
        "or falls between them.",
    ),
    "report.gap_why.meeting_load": (
        "Overleg met weinig gedeelde cliënten kost uren die niet naar bewoners gaan.",
        "Meetings that share few clients cost hours that do not go to residents.",
    ),
    "report.gap_why.stale_record": (
        "Een verouderd gegeven kan een bewoner naar een deur sturen die dicht is.",
        "A stale record can send a resident to an offer that has closed or moved.",
    ),
    "report.gap_why.repeated_refusal": (
        "Dit aanbod wijst steeds af om dezelfde regel. Wie de regel kent, verwijst meteen naar "
        "het alternatief en bespaart de bewoner een afwijzing.",
        "This offer keeps refusing on the same rule. Whoever knows the rule refers straight to "
        "the alternative and spares the resident a refusal.",
    ),
    "report.gap_why.companion_effect": (
        "Bewoners die iemand meenemen, komen vaker echt op gang; reken die tijd mee in de "
        "planning.",
        "Residents who go with someone more often actually get started; count that time in "
        "the planning.",
    ),
    "report.gap_why.open_loop": (
        "Een verwijzing zonder bericht kan betekenen dat een bewoner nergens is aangekomen.",
        "A referral with no news may mean that a resident never arrived anywhere.",
    ),
    "report.whatif": ("Wat als een verbinder vertrekt?", "What if a connector leaves?"),
    "report.whatif_intro": (
        "Wat het vertrek van een verbinder zou doen met de tekorten, voor de professionals die "
        "de meeste routes tussen anderen verbinden (hier de eerste {n}). Berekend op de kaart "
        "zonder die persoon; verder verandert er niets.",
        "What the departure of a connector would do to the gaps, for the professionals who "
        "connect the most routes between others (here the first {n}). Computed on the map "
        "without that person; nothing else changes.",
    ),
    "report.whatif_change": (
        "{gap_type} van {before} naar {after}",
        "{gap_type} from {before} to {after}",
    ),
    "report.whatif_rises": (
        "Als {name} vertrekt, stijgt het aantal tekorten: {changes}.",
        "If {name} leaves, the number of gaps rises: {changes}.",
    ),
    "report.whatif_no_rise": (
        "Als {name} vertrekt, komen er geen tekorten bij.",
        "If {name} leaves, no gaps are added.",
    ),
    "report.whatif_lost": (
        "Bewoners die hun laatste route naar passend aanbod voor een vraag verliezen: {n}.",
        "Residents who lose their last route to a fitting offer for a need: {n}.",
    ),
    "report.whatif_table": (
        "Het aantal tekorten per soort, nu en zonder elk van hen (alleen de soorten die "
        "veranderen; tekorten over de vertrokken persoon zelf vallen weg).",
        "The number of gaps per type, now and without each of them (only the types that "
        "change; gaps about the person who left drop out).",
    ),
    "report.whatif_now": ("nu", "now"),
    "report.whatif_without": ("zonder {name}", "without {name}"),
    # the report section of a map without residents (issue 11)
    "report.directory": ("Sociale kaart zonder bewoners", "Directory without residents"),
    "report.directory_note": (
        "Deze kaart heeft aanbod maar geen bewoners (een gemeentelijke sociale kaart of een "
        "211-export). Hiaten voor bewoners zijn daarom niet te berekenen: een lege tabel "
        "betekent hier niet dat er geen hiaten zijn. Hieronder staat wat een overzicht van "
        "aanbod wel laat zien: het aanbod per thema en de verouderde gegevens per oorzaak.",
        "This map has offers but no residents (a municipality's directory or a 211 export). "
        "Gaps for residents therefore cannot be computed: an empty table here does not mean "
        "there are no gaps. Below is what a directory can show: the supply per theme and "
        "the stale records per cause.",
    ),
    # the fourth level and the policy page (issue 14, "A policy page")
    "level.insured": ("zorgverzekeringswet (GGZ e.a.)", "covered by health insurance"),
    "report.policy": ("Voor de gemeente", "For the municipality"),
    "report.policy_intro_team": (
        "Cijfers voor beleidsmedewerkers van de gemeente: hoeveel bewoners een hulpvraag hebben, "
        "welk aanbod er is op elke trede van eigen kracht tot zorgverzekeringswet, en hoeveel "
        "overleguren het team kan terugwinnen. Er staat geen persoon in, alleen aantallen. Dit "
        "is de teamversie: kleine aantallen staan er nog in; geef de gemeente de publieke versie.",
        "Figures for the municipality's policy officers: how many residents have a need, what "
        "is offered on each rung from own strength to health insurance, and how many meeting "
        "hours the team could win back. It names no one: counts only. This is the team version, "
        "with small counts still in it; give the municipality the public version.",
    ),
    "report.policy_intro_public": (
        "Cijfers voor beleidsmedewerkers van de gemeente: hoeveel bewoners een hulpvraag hebben, "
        "welk aanbod er is op elke trede van eigen kracht tot zorgverzekeringswet, en hoeveel "
        "overleguren het team kan terugwinnen. Er staat geen persoon in, alleen aantallen; "
        "aantallen bewoners onder de {min_cell} zijn verborgen.",
        "Figures for the municipality's policy officers: how many residents have a need, what "
        "is offered on each rung from own strength to health insurance, and how many meeting "
        "hours the team could win back. It names no one: counts only, and counts of residents "
        "below {min_cell} are hidden.",
    ),
    "report.policy_needs": (
        "Bewoners met een hulpvraag, per thema en buurt",
        "Residents with a need, per theme and neighbourhood",
    ),
    "report.policy_needs_note": (
        "Elke bewoner telt één keer bij elk thema waarop hij of zij een hulpvraag heeft. Wie "
        "meer hulpvragen heeft, telt bij meer thema's mee, dus een buurt telt niet op tot het "
        "aantal bewoners. Het totaal is de som van de buurten.",
        "Each resident counts once on every theme they have a need on. Someone with several "
        "needs counts on several themes, so a neighbourhood's column does not add up to its "
        "residents. The total is the sum of the neighbourhoods.",
    ),
    "report.policy_needs_suppressed": (
        "Een aantal van 1 tot {min_cell} staat er als <{min_cell}. Waar zo'n verborgen cel uit "
        "het totaal terug te rekenen zou zijn, is ook een tweede cel (of het totaal) verborgen.",
        "A count from 1 to below {min_cell} shows as <{min_cell}. Where such a hidden cell could "
        "be worked out from the total, a second cell (or the total) is hidden too.",
    ),
    "report.policy_no_needs": (
        "Op deze kaart staan geen bewoners met een hulpvraag.",
        "This map has no residents with a need.",
    ),
    "report.policy_supply": (
        "Aanbod per thema en trede",
        "Offers per theme and rung of the ladder",
    ),
    "report.policy_supply_note": (
        "Het aantal initiatieven en organisaties per thema, op elke trede: eigen kracht, "
        "voorliggend veld, maatwerk van de gemeente, en zorg uit de zorgverzekeringswet (zoals "
        "de specialistische GGZ), die de gemeente niet inkoopt of toekent. Aanbod met meer "
        "thema's telt bij elk thema. Vrije plekken is de som van de open plekken waar die "
        "bekend zijn; aanbod zonder vastgelegde capaciteit telt daar niet in mee.",
        "The number of initiatives and organisations per theme, on each rung: own strength, the "
        "general front line, the municipality's tailored support, "
        "and care under the health-insurance law (such as specialist mental health care), which "
        "the municipality neither buys nor grants. An offer with several themes counts under "
        "each. Open places is the sum of the places still open where they are known; offers "
        "with no recorded capacity are not in it.",
    ),
    "report.policy_no_supply": (
        "Op deze kaart staat geen aanbod.",
        "This map has no offers.",
    ),
    "report.policy_meetings": (
        "Overleguren die terug te winnen zijn",
        "Meeting hours to win back",
    ),
    "report.policy_meetings_note": (
        "Het team zit {total} uur per maand in {meetings} terugkerende overleggen. {hours} uur "
        "daarvan ({share}) zit in {flagged} overleggen die veel tijd kosten en weinig gedeelde "
        "cliënten of thema's hebben, bij {people} professionals: die uren kunnen terug naar "
        "bewoners.",
        "The team spends {total} hours a month in {meetings} recurring meetings. {hours} of "
        "those hours ({share}) go to {flagged} meetings that cost much time and share few "
        "clients or themes, for {people} professionals: those hours could go back to residents.",
    ),
    "report.policy_no_meetings": (
        "Op deze kaart staan geen overleggen van het team.",
        "This map has no meetings of the team.",
    ),
    "policy.col.no_level": ("trede onbekend", "rung unknown"),
    "policy.col.offers": ("aanbod", "offers"),
    "policy.col.open_places": ("vrije plekken", "open places"),
    "policy.col.capacity_unknown": ("capaciteit onbekend", "capacity unknown"),
    "policy.col.full": ("vol", "full"),
    # strengths: what the neighbourhood already has (issue 14, "Kansen"; referral/strengths.py)
    "strength.offers_at_unreached_place": (
        "Wie iets te bieden heeft op een plek die het team niet bereikt",
        "Residents who offer something at a place the team does not reach",
    ),
    "strength.resident_offers": ("Bewoners die iets te bieden hebben", "Residents who offer help"),
    "strength.matched_pair": ("Bewoners die elkaar kunnen helpen", "Residents who could pair up"),
    "strength.volunteers": ("Vrijwilligers", "Volunteers"),
    "strength.free_capacity": ("Aanbod met vrije plaatsen", "Offers with places free"),
    "strength.vacant_space": ("Leegstaande ruimte", "Vacant space"),
    "strength.connector": ("Verbinders tussen buurten", "Connectors between neighbourhoods"),
    "strengths.unreached_place": (
        "Van de {n} bewoners die bij {place} komen, hebben er {k} zelf iets te bieden ({themes}).",
        "Of the {n} residents who come to {place}, {k} have something to offer ({themes}).",
    ),
    "strengths.unreached_place_do": (
        "Vraag hen: zij kennen de anderen op deze plek en kunnen de weg wijzen naar het team.",
        "Ask them: they know the others there and can show them the way to the team.",
    ),
    "strengths.offers": (
        "{n} bewoners bieden hulp aan; elk van hen {offer}{who}.",
        "{n} residents offer help; each of them {offer}{who}.",
    ),
    "strengths.offers_do": (
        "Vraag hen als een buurtbewoner {need} zoekt.",
        "Ask them when a neighbour looks for {need}.",
    ),
    "strengths.pair_do": (
        "Breng hen met elkaar in contact.",
        "Introduce them to each other.",
    ),
    "strengths.pairs.shared_wish": (
        "{n} tweetallen bewoners hebben dezelfde wens en kennen elkaar nog niet ({themes}).",
        "{n} pairs of residents share a wish and do not know each other yet ({themes}).",
    ),
    "strengths.pairs.offer_need": (
        "{n} keer heeft een bewoner iets te bieden wat een ander nodig heeft ({themes}).",
        "{n} times a resident offers what another resident needs ({themes}).",
    ),
    "strengths.pairs_do": (
        "Het team kan deze bewoners aan elkaar voorstellen.",
        "The team can introduce these residents to each other.",
    ),
    "strengths.volunteers": (
        "{n} vrijwilligers bij {offer}.",
        "{n} volunteers at {offer}.",
    ),
    "strengths.volunteers_named": (
        "{n} vrijwilligers bij {offer}; met toestemming genoemd: {who}.",
        "{n} volunteers at {offer}; named with their consent: {who}.",
    ),
    "strengths.volunteers_none_named": (
        "{n} vrijwilligers bij {offer}; niemand heeft toestemming gegeven om genoemd te worden.",
        "{n} volunteers at {offer}; none has agreed to be named.",
    ),
    "strengths.volunteers_do": (
        "Vraag {offer} of hun vrijwilligers ook elders willen helpen.",
        "Ask {offer} whether their volunteers would help elsewhere too.",
    ),
    "strengths.volunteers_public": (
        "{n} bewoners doen vrijwilligerswerk bij {k} initiatieven: {offers}.",
        "{n} residents volunteer at {k} initiatives: {offers}.",
    ),
    "strengths.volunteers_public_do": (
        "Vraag de initiatieven of hun vrijwilligers ook elders willen helpen.",
        "Ask the initiatives whether their volunteers would help elsewhere too.",
    ),
    "strengths.capacity": (
        "{offer} heeft nog {n} plaatsen vrij ({themes}).",
        "{offer} has {n} places still open ({themes}).",
    ),
    "strengths.capacity_do": (
        "Verwijs bewoners met een vraag over {themes} hiernaartoe; {m} bewoners hebben die vraag.",
        "Refer residents with a question about {themes} here; {m} residents have one.",
    ),
    "strengths.vacant": (
        "{place} staat leeg{nb}.",
        "{place} stands empty{nb}.",
    ),
    "strengths.vacant_nb": (" (buurt {nb})", " (neighbourhood {nb})"),
    "strengths.vacant_do": (
        "Vraag de eigenaar of bewoners of een initiatief de ruimte kunnen gebruiken.",
        "Ask the owner whether residents or an initiative could use the space.",
    ),
    "strengths.connector": (
        "{who} brengt buurten samen: {n} tweetallen bewoners die elkaar niet kennen, kennen "
        "allebei {who}, en ze wonen niet alle drie in dezelfde buurt.",
        "{who} brings neighbourhoods together: {n} pairs of residents who do not know each "
        "other both know {who}, and the three do not all live in the same neighbourhood.",
    ),
    "strengths.connector_do": (
        "Vraag {who} om buren aan elkaar en aan het team voor te stellen.",
        "Ask {who} to introduce neighbours to each other and to the team.",
    ),
    "strengths.connectors": (
        "{n} bewoners kennen mensen in andere buurten die elkaar zelf niet kennen.",
        "{n} residents know people in other neighbourhoods who do not know each other.",
    ),
    "strengths.connectors_do": (
        "Zulke verbinders kunnen buren aan elkaar voorstellen.",
        "Such connectors can introduce neighbours to each other.",
    ),
    "report.strengths": ("Kansen", "Opportunities"),
    "report.strengths_intro": (
        "Wat de buurt al in huis heeft: bewoners die iets te bieden hebben, bewoners die "
        "elkaar kunnen helpen, vrijwilligers, vrije plaatsen, leegstaande ruimte en "
        "verbinders. Een gesprek begint met wat er is, niet alleen met wat ontbreekt.",
        "What the neighbourhood already has: residents with something to offer, residents who "
        "could help each other, volunteers, places still open, vacant space and connectors. "
        "A conversation starts from what is there, not only from what is missing.",
    ),
    "report.strengths_none": (
        "Op deze kaart zijn geen kansen gevonden.",
        "No opportunities were found on this map.",
    ),
    "report.strengths_more": (
        "Per soort staan hier de {top} grootste; {n} andere kansen zijn niet getoond.",
        "Per type the {top} largest are shown here; {n} other opportunities are not.",
    ),
    "col.strength_type": ("soort kans", "opportunity"),
    # the search box of the interactive map (issue 14): {n} and {value} are filled in the page
    "search.heading": ("Aanbod zoeken", "Search offers"),
    "search.theme": ("Thema", "Theme"),
    "search.near": ("In de buurt van (postcode of plek)", "Near (postcode or place)"),
    "search.radius": ("Binnen (km)", "Within (km)"),
    "search.resident": ("Voor bewoner", "For resident"),
    "search.anyone": ("iedereen", "anyone"),
    "search.count": ("Gevonden: {n}", "Found: {n}"),
    "search.none": ("Geen aanbod gevonden.", "No offers found."),
    "search.no_coords": (
        "Weggelaten: {n} zonder coördinaten; zonder plek is de afstand onbekend.",
        "Left out: {n} without coordinates; without a location the distance is unknown.",
    ),
    "search.unknown_theme": (
        "Geen thema van deze kaart: {value}",
        "Not a theme of this map: {value}",
    ),
    "search.unknown_place": (
        "Geen postcode of plek op deze kaart: {value}",
        "Not a postcode or place on this map: {value}",
    ),
    "search.radius_needs_near": (
        "Een afstand werkt alleen met een postcode of plek erbij.",
        "A distance only works together with a postcode or place.",
    ),
    "search.eligible_yes": ("komt in aanmerking", "eligible"),
    "search.eligible_unknown": ("onbekend of het past", "eligibility unknown"),
    "search.eligible_no": ("komt niet in aanmerking", "not eligible"),
}


def check_language(language: str) -> str:
    """Return ``language`` if it is ``"nl"`` or ``"en"``; raise ValueError otherwise.

    Examples
    --------
    >>> from sociale_kaart.core.strings import check_language
    >>> check_language("nl")
    'nl'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'nl' (Dutch) or 'en' (English), not {language!r}")
    return language


def text(key: str, language: str, **values: object) -> str:
    """The string ``key`` in ``language``, with ``{name}`` fields filled from ``values``.

    Examples
    --------
    >>> from sociale_kaart.core.strings import text
    >>> text("kind.resident", "nl"), text("kind.resident", "en")
    ('Bewoner', 'Resident')
    >>> text("report.stale_intro", "en", months=12)
    'Offers not verified for more than 12 months, or never.'
    """
    check_language(language)
    try:
        pair = STRINGS[key]
    except KeyError:
        raise KeyError(
            f"no text for {key!r}: add it to sociale_kaart.core.strings.STRINGS"
        ) from None
    out = pair[LANGUAGES.index(language)]
    return out.format(**values) if values else out


def join_words(items: Iterable[str], language: str) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list as a sentence says it in ``language``.

    Examples
    --------
    >>> from sociale_kaart.core.strings import join_words
    >>> join_words(["a", "b", "c"], "en"), join_words(["a", "b"], "nl")
    ('a, b and c', 'a en b')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + text("word.and", language) + items[-1]


def kind_label(kind: object, language: str, *, plural: bool = False) -> str:
    """The label of a node kind; unknown kinds come back as text."""
    key = f"{'kinds' if plural else 'kind'}.{kind}"
    return text(key, language) if key in STRINGS else str(kind)


def relation_label(relation: object, language: str) -> str:
    """The label of a relation; unknown relations come back as text."""
    key = f"relation.{relation}"
    return text(key, language) if key in STRINGS else str(relation)


def field_label(field: str, language: str) -> str:
    """The label of a node field; unknown fields come back unchanged."""
    key = f"field.{field}"
    return text(key, language) if key in STRINGS else field


def labels(prefix: str, language: str) -> Mapping[str, str]:
    """All labels under ``prefix.`` in ``language``, keyed by the rest of the key."""
    start = prefix + "."
    return {key[len(start) :]: text(key, language) for key in STRINGS if key.startswith(start)}
