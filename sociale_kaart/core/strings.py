"""Every Dutch and English string shown in pictures, pages and the report.

One table, so that a page never mixes languages: :func:`text` looks a key up
in the page's language and fails loudly on a missing key or translation
(the test suite checks that both languages have every key).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "LANGUAGES",
    "STRINGS",
    "check_language",
    "field_label",
    "kind_label",
    "relation_label",
    "text",
]

#: The page languages: Dutch and English.
LANGUAGES: tuple[str, ...] = ("nl", "en")

#: key -> (Dutch, English).
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
    # levels
    "level.informal": ("informeel (eigen kracht)", "informal"),
    "level.general": ("algemeen (voorliggend veld)", "general"),
    "level.specialised": ("specialistisch (maatwerk)", "specialised"),
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
    "role.coordinator": ("coördinator", "coordinator"),
    "role.itinerant": ("rondreizend makelaar", "itinerant"),
    "role.representative": ("vertegenwoordiger", "representative"),
    "role.gatekeeper": ("poortwachter", "gatekeeper"),
    "role.liaison": ("verbinder", "liaison"),
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
    "report.brokers": ("Verbinders", "Brokers"),
    "report.brokers_intro": (
        "Wie verbindt groepen die elkaar anders niet bereiken (makelaarsrollen naar buurt).",
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
        "Aanbod dat meer dan {days} dagen niet is gecontroleerd, of nooit.",
        "Offers not verified for more than {days} days, or never.",
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
    "gap.coverage": ("dekking", "coverage"),
    "gap.single_knower": ("één kenner", "single knower"),
    "gap.knowledge": ("kennis", "knowledge"),
    "gap.isolation": ("isolement", "isolation"),
    "gap.unreached_place": ("onbereikte plek", "unreached place"),
    "gap.structural_hole": ("structureel gat", "structural hole"),
    "gap.meeting_load": ("overlegdruk", "meeting load"),
    "gap.stale_record": ("verouderd", "stale record"),
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
    "col.degree": ("graad", "degree"),
    "col.betweenness": ("tussenpositie", "betweenness"),
    "col.pagerank": ("PageRank", "PageRank"),
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
    "change.gap.opened": ("Nieuw knelpunt: {explanation}", "New gap: {explanation}"),
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
    "measure.degree": ("aantal verbindingen (degree)", "degree"),
    "measure.betweenness": ("tussenpositie (betweenness)", "betweenness"),
    "measure.brokerage": ("makelaarsrol (brokerage)", "brokerage"),
    "score.nodes": ("knooppunten", "nodes"),
    "score.ties": ("verbindingen", "ties"),
    "score.density": ("dichtheid", "density"),
    "score.mean_trust": ("gemiddeld vertrouwen", "mean trust"),
    "score.ei_organisations": ("E-I-index tussen organisaties", "E-I index between organisations"),
    "score.ei_roles": ("E-I-index tussen rollen", "E-I index between roles"),
    "score.components": ("componenten", "components"),
    "score.isolates": ("losse knooppunten", "isolates"),
    "score.meeting_hours": ("uren overleg per maand", "meeting hours a month"),
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
    >>> text("report.stale_intro", "en", days=365)
    'Offers not verified for more than 365 days, or never.'
    """
    check_language(language)
    try:
        pair = STRINGS[key]
    except KeyError:
        raise KeyError(
            f"no text for {key!r}: add it to sociale_kaart.core.strings.STRINGS"
        ) from None
    out = pair[0] if language == "nl" else pair[1]
    return out.format(**values) if values else out


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
