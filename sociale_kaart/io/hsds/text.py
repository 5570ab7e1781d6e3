"""Text helpers for the Open Referral (HSDS) importer.

Sanitising HTML, reading ages, fees and languages from free text, and the
default mapping from taxonomy terms to themes. Every function here is pure:
it returns what it could read and, where something could not be read, a
reason for the import report.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sociale_kaart.core.records import ISO_639_1
from sociale_kaart.core.themes import DEFAULT_THEMES, DUTCH_ALIASES

__all__ = [
    "BROAD_CATEGORIES",
    "DEFAULT_TAXONOMY_MAP",
    "TARGET_POPULATIONS",
    "WHOLE_TERM_ONLY",
    "AgeReading",
    "EligibilityReading",
    "LanguageReading",
    "TaxonomyMatcher",
    "clean_text",
    "fee_amount",
    "language_codes",
    "read_ages",
    "read_eligibility",
    "read_languages",
    "target_population",
]

# --------------------------------------------------------------------------- text

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_COMMENT_RE = re.compile(r"<!--.*?(-->|$)", re.S)
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.S | re.I)
_BREAK_RE = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/ul|/ol|hr)\b[^<>]*>", re.I)
_ITEM_RE = re.compile(r"<\s*li\b[^<>]*>", re.I)
# Only tag-like text: '<' followed by a letter or '/'+letter. "<3" and "a < b" survive.
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def clean_text(value: object) -> str | None:
    """Plain text from an HSDS text cell: tags stripped, entities unescaped.

    List items become lines starting with ``- ``; runs of white space shrink to
    one space; empty text becomes ``None``.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import clean_text
    >>> print(clean_text("Courses in <ul><li>Digital&nbsp;skills</li><li>Dutch</li></ul>"))
    Courses in
    - Digital skills
    - Dutch
    >>> clean_text("We &lt;3 our <b>volunteers</b> &amp; more")
    'We <3 our volunteers & more'
    >>> clean_text("  ") is None
    True
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if "<" in text:
        text = _COMMENT_RE.sub(" ", text)
        text = _SCRIPT_RE.sub(" ", text)
        text = _ITEM_RE.sub("\n- ", text)
        text = _BREAK_RE.sub("\n", text)
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _CONTROL_RE.sub("", text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    out = "\n".join(line for line in lines if line and line != "-")
    return out or None


def list_item(text: str) -> str:
    """A list item without the ``;`` and ``|`` that separate items in map files."""
    return re.sub(r"\s*[;|]\s*", ", ", text).strip()


# --------------------------------------------------------------------------- ages

_NUM = r"(\d{1,3})"
_DASH = r"\s*(?:-|–|—|to|through|thru|t/m|tot en met|tot)\s*"
_YEARS = r"\s*(?:years?|yrs?|y/?o|year[- ]olds?|jaar|jr)\b(?:\s*(?:of\s+age|old)\b)?"
_AGE_WORD = r"(?:ages?|aged|age range|leeftijd)"

_PEOPLE = (
    r"(?:children|child|kids|youth|young people|young adults|teens|teenagers|infants|toddlers|"
    r"students|adults|seniors|people|individuals|persons|boys|girls|women|men|kinderen|jongeren|"
    r"volwassenen|ouderen)"
)

_AGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "between the ages of 16 and 24"
    (
        re.compile(
            rf"\bbetween\s*(?:the\s*)?ages?\s*(?:of\s*)?{_NUM}\s*(?:and|-|to)\s*{_NUM}\b", re.I
        ),
        "range",
    ),
    # "from birth - 21 years old", "birth to 5"
    (re.compile(rf"\b(?:from\s*)?(?:birth|newborns?){_DASH}{_NUM}\b", re.I), "birth"),
    # "Children 0-5", "Adults 18-64", "Teens 13 to 19"
    (re.compile(rf"\b{_PEOPLE}\s*(?:\(\s*)?{_NUM}{_DASH}{_NUM}\b", re.I), "range"),
    # "ages 12-17", "aged 18 to 64", "leeftijd 4 t/m 12"
    (re.compile(rf"\b{_AGE_WORD}\s*(?:of\s*|between\s*)?{_NUM}{_DASH}{_NUM}\b", re.I), "range"),
    # "12-17 years", "4 t/m 12 jaar"
    (re.compile(rf"\b{_NUM}{_DASH}{_NUM}{_YEARS}", re.I), "range"),
    # "65 and older", "18 or over", "55 years and up", "65 jaar en ouder"
    (
        re.compile(
            rf"\b{_NUM}(?:{_YEARS})?\s*(?:and|or|en|of)\s*(?:older|over|up|above|ouder)\b", re.I
        ),
        "min",
    ),
    # "adults 18+", "65+"
    (re.compile(rf"(?<![\d.,$€£]){_NUM}\s*\+(?!\d)"), "min"),
    # "17 and under", "12 or younger"
    (
        re.compile(
            rf"\b{_NUM}(?:{_YEARS})?\s*(?:and|or|en|of)\s*(?:under|younger|below|jonger)\b", re.I
        ),
        "max",
    ),
    # "under 18", "under the age of 18", "younger than 23", "jonger dan 18", "tot 18 jaar"
    (
        re.compile(
            rf"\b(?:under|younger than|below|jonger dan|onder de|tot)\s*"
            rf"(?:the\s*age\s*of\s*|age\s*|de leeftijd van\s*)?{_NUM}\b(?!\s*(?:-|to)\s*\d)",
            re.I,
        ),
        "below",
    ),
    # "8 years old through adult"
    (
        re.compile(
            rf"\b{_NUM}(?:{_YEARS})?\s*(?:-|to|through|thru)\s*(?:adults?|adulthood)\b", re.I
        ),
        "min",
    ),
    # "must be 18 years old", "at least 16", "minimum age 21", "from age 16", "vanaf 18 jaar"
    (
        re.compile(
            rf"\b(?:must be(?:\s*at least)?|at least|minimum age(?:\s*of)?|min\.? age|"
            rf"from (?:the )?age(?:\s*of)?|vanaf(?:\s*de leeftijd van)?)\s*{_NUM}\b",
            re.I,
        ),
        "min",
    ),
    # "65-plussers"
    (re.compile(rf"\b{_NUM}\s*-?\s*plussers?\b", re.I), "min"),
    # "up to age 21", "t/m 12 jaar"
    (re.compile(rf"\b(?:up to(?:\s*(?:the\s*)?age(?:\s*of)?)?|t/m)\s*{_NUM}\b", re.I), "max"),
    # "adults", "adults only", "volwassenen"
    (
        re.compile(r"(?<!young\s)\b(?:adults?|volwassenen?)\b(?!\s*(?:ages?|aged|\d))", re.I),
        "adult",
    ),
)

_AGE_HINT_RE = re.compile(
    r"\b(?:age|ages|aged|years?|yrs|old|older|younger|under|over|seniors?|elderly|children|"
    r"kids|youth|teens?|teenagers|young|adults?|jaar|ouderen|jongeren|kinderen|volwassenen)\b|\d",
    re.I,
)
_FILLER_RE = re.compile(
    r"\b(?:adults?|volwassenen?|only|all|people|persons?|individuals|for|and|or|of|the|"
    r"ages?|aged|years?|old|yrs|jaar|who|are|is|in|a|an|open|to|from|between|en|voor)\b",
    re.I,
)


@dataclass(frozen=True)
class AgeReading:
    """What :func:`read_ages` made of a text."""

    min_age: int | None
    max_age: int | None
    #: Why the text could not (fully) be read, for the import report; None when clear.
    problem: str | None


def read_ages(text: str | None) -> AgeReading:
    """Read an age range from free eligibility text where the pattern is clear.

    Recognised: ``18+``, ``ages 12-17``, ``12-17 years``, ``65 and older``,
    ``17 and under``, ``under 18`` (maximum 17), ``adults`` (18 and over), and
    their Dutch equivalents. Patterns that disagree, ages above 120, or age
    words without a clear pattern ("seniors", "young people") give no ages and
    a ``problem``. Text beyond the age (an area, a condition) gives the ages
    and a problem saying the rest was not mapped.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import read_ages
    >>> read_ages("adults 18+ in the county")
    AgeReading(min_age=18, max_age=None, problem="the rest of 'adults 18+ in the county' ...")
    >>> read_ages("ages 12-17")
    AgeReading(min_age=12, max_age=17, problem=None)
    >>> read_ages("under 18")
    AgeReading(min_age=None, max_age=17, problem=None)
    >>> read_ages("seniors").problem
    "no clear age in 'seniors': ages not set"
    """
    if not text:
        return AgeReading(None, None, None)
    low: set[int] = set()
    high: set[int] = set()
    rest = text
    for pattern, what in _AGE_PATTERNS:
        for match in pattern.finditer(rest):
            numbers = [int(g) for g in match.groups() if g is not None]
            if what == "range":
                low.add(numbers[0])
                high.add(numbers[1])
            elif what == "min":
                low.add(numbers[0])
            elif what == "max":
                high.add(numbers[0])
            elif what == "below":
                high.add(numbers[0] - 1)
            elif what == "birth":
                low.add(0)
                high.add(numbers[0])
            elif what == "adult" and not low:
                low.add(18)
            rest = rest.replace(match.group(0), " ")
    quoted = repr(text if len(text) <= 80 else text[:77] + "...")
    if not low and not high:
        if _AGE_HINT_RE.search(text):
            return AgeReading(None, None, f"no clear age in {quoted}: ages not set")
        return AgeReading(None, None, f"eligibility {quoted} has no age: kept as text only")
    if len(low) > 1 or len(high) > 1:
        return AgeReading(None, None, f"ages in {quoted} disagree: ages not set")
    min_age = next(iter(low)) if low else None
    max_age = next(iter(high)) if high else None
    for value in (min_age, max_age):
        if value is not None and not 0 <= value <= 120:
            return AgeReading(None, None, f"age {value} in {quoted} is not 0-120: ages not set")
    if min_age is not None and max_age is not None and min_age > max_age:
        return AgeReading(None, None, f"ages in {quoted} run backwards: ages not set")
    leftover = _FILLER_RE.sub(" ", rest)
    if re.search(r"[^\W\d_]{2,}", leftover):
        return AgeReading(
            min_age, max_age, f"the rest of {quoted} (area, conditions) is kept as text only"
        )
    return AgeReading(min_age, max_age, None)


# --------------------------------------------------------------------------- eligibility

# "Caregivers of seniors 60+", "Parents of children 0-8": the age is the dependant's
_DEPENDANT_RE = re.compile(
    r"\b(?:caregivers?|care ?givers?|carers?|parents?|families|family members|guardians?|"
    r"grandparents?|relatives|mantelzorgers?|ouders?|verzorgers?)\s+"
    r"(?:of|for|with|raising|caring\s+for|van|met)\s+"
    r"[^.;:]*",
    re.I,
)
_ONLY = r"(?:only|alleen|uitsluitend)"
_FEMALE = r"(?:women|woman|females?|girls|ladies|mothers|vrouwen|meisjes|moeders)"
_MALE = r"(?:men|man|males?|boys|fathers|mannen|jongens|vaders)"
_GENDER_RES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (
        re.compile(rf"\b(?:{words}\s*{_ONLY}|{_ONLY}\s*(?:for\s*|voor\s*)?{words})\b", re.I),
        gender,
    )
    for words, gender in ((_FEMALE, "female"), (_MALE, "male"))
)
# "County residents", "residents of Oude Dorp", "must live in Rivierstad", "inwoners van X"
_AREA_RE = re.compile(
    r"\b(?:(?:[A-Z][\w.'-]*\s+){0,3}(?:county|city|town|parish|borough|district|state|area|"
    r"municipality)\s+residents?"
    r"|residents?\s+of\s+(?:the\s+)?[^,.;:()]+"
    r"|(?:must\s+)?(?:live|reside)s?\s+in\s+(?:the\s+)?[^,.;:()]+"
    r"|inwoners?\s+van\s+[^,.;:()]+"
    r"|wonen(?:d)?\s+in\s+[^,.;:()]+)",
    re.I,
)


@dataclass(frozen=True)
class EligibilityReading:
    """What :func:`read_eligibility` made of an eligibility text."""

    min_age: int | None
    max_age: int | None
    #: ``["female"]`` for "women only", ``["male"]`` for "men only"; empty for everyone.
    genders: list[str]
    #: A residence condition ("County residents"), for a service-area note.
    area: str | None
    #: What could not (fully) be read, for the import report; None when clear.
    problem: str | None


def read_eligibility(text: str | None) -> EligibilityReading:
    """Read ages, genders and a residence condition from an eligibility text.

    The client's ages as :func:`read_ages` reads them, with more phrasings
    ("60 years of age or older", "Must be 18 years old", "Children 0-5",
    "from birth - 21 years old", "8 years old through adult"). The age of a
    dependant ("Caregivers of seniors 60+", "Parents of children 0-8") is
    not the client's age: it sets no age and is reported. "Women only" and
    "men only" (and "alleen vrouwen" ...) set ``genders``; a text that names
    a gender without "only" sets none. A residence condition ("County
    residents", "residents of Oude Dorp", "inwoners van Rivierstad") is
    returned as ``area``.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import read_eligibility
    >>> read_eligibility("Women only, 60 years of age or older")
    EligibilityReading(min_age=60, max_age=None, genders=['female'], area=None, problem=None)
    >>> read_eligibility("Caregivers of seniors 60+").min_age is None
    True
    >>> read_eligibility("County residents; must be 18 years old")
    EligibilityReading(min_age=18, max_age=None, genders=[], area='County residents', problem=None)
    """
    if not text:
        return EligibilityReading(None, None, [], None, None)
    quoted = repr(text if len(text) <= 80 else text[:77] + "...")
    rest = text
    problems: list[str] = []
    for match in _DEPENDANT_RE.finditer(text):
        clause = match.group(0)
        if read_ages(clause).min_age is not None or read_ages(clause).max_age is not None:
            problems.append(
                f"the age in {clause.strip()!r} is a dependant's, not the client's: not used"
            )
        rest = rest.replace(clause, " ")
    genders: list[str] = []
    for pattern, gender in _GENDER_RES:
        if pattern.search(rest):
            genders.append(gender)
            rest = pattern.sub(" ", rest)
    if len(genders) > 1:  # "women only ... men only": no restriction that can be trusted
        problems.append(f"{quoted} limits to more than one gender: genders not set")
        genders = []
    area = None
    found = _AREA_RE.search(rest)
    if found:
        area = found.group(0).strip()
        rest = rest.replace(found.group(0), " ")
    ages = read_ages(rest) if rest.strip(" ,;.-") else AgeReading(None, None, None)
    if ages.problem and not (
        ages.problem.endswith("has no age: kept as text only")
        and not re.search(r"[^\W\d_]{2,}", _FILLER_RE.sub(" ", rest))
    ):
        problem = ages.problem.replace(repr(rest if len(rest) <= 80 else rest[:77] + "..."), quoted)
        problems.append(problem)
    if problems and (ages.min_age is not None or ages.max_age is not None):
        problems = [p for p in problems if "ages not set" not in p]
    return EligibilityReading(
        ages.min_age, ages.max_age, genders, area, "; ".join(problems) or None
    )


# --------------------------------------------------------------------------- fees

_FREE_RE = re.compile(
    r"^\s*(?:free|free of charge|no (?:cost|charge|fee)s?|none|gratis|kosteloos|geen kosten|0)"
    r"\s*[.!]?\s*$",
    re.I,
)
_EUR_RE = re.compile(
    r"^\s*(?:€|eur\.?|euro)\s*(\d+(?:[.,]\d{1,2})?)\s*(?:euro|eur)?\s*[.!]?\s*$|"
    r"^\s*(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur|euro)\s*[.!]?\s*$",
    re.I,
)


def fee_amount(text: str | None) -> tuple[float | None, str | None]:
    """A fee in euro from free text: ``"free"`` -> 0, ``"€ 2,50"`` -> 2.5.

    Returns the amount (or ``None``) and a problem text when the text says
    something about money that is not a single euro amount.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import fee_amount
    >>> fee_amount("Free"), fee_amount("€ 2,50")
    ((0.0, None), (2.5, None))
    >>> fee_amount("$5 per visit")[0] is None
    True
    """
    if not text:
        return None, None
    if _FREE_RE.match(text):
        return 0.0, None
    match = _EUR_RE.match(text)
    if match:
        number = match.group(1) or match.group(2)
        return float(number.replace(",", ".")), None
    quoted = repr(text if len(text) <= 60 else text[:57] + "...")
    return None, f"fees {quoted} are not one euro amount: cost_eur not set, text kept"


# --------------------------------------------------------------------------- languages

_LANGUAGE_NAMES_TEXT = """
afrikaans af; albanian sq; albanees sq; amharic am; amhaars am; arabic ar; arabisch ar;
armenian hy; armeens hy; azerbaijani az; bengali bn; bosnian bs; bosnisch bs; bulgarian bg;
bulgaars bg; burmese my; cantonese zh; catalan ca; chinese zh; chinees zh; croatian hr;
kroatisch hr; czech cs; tsjechisch cs; danish da; deens da; dari fa; dutch nl; nederlands nl;
vlaams nl; flemish nl; english en; engels en; estonian et; farsi fa; perzisch fa; persian fa;
finnish fi; fins fi; french fr; frans fr; frisian fy; fries fy; frysk fy; georgian ka;
german de; duits de; greek el; grieks el; gujarati gu; haitian creole ht; hausa ha; hebrew he;
hebreeuws he; hindi hi; hungarian hu; hongaars hu; icelandic is; igbo ig; indonesian id;
indonesisch id; italian it; italiaans it; japanese ja; japans ja; kazakh kk; khmer km;
kinyarwanda rw; korean ko; koreaans ko; kurdish ku; koerdisch ku; kurmanji ku; sorani ku;
lao lo; latvian lv; lets lv; lingala ln; lithuanian lt; litouws lt; macedonian mk;
macedonisch mk; malay ms; malayalam ml; mandarin zh; marathi mr; mongolian mn; nepali ne;
norwegian no; noors no; oromo om; pashto ps; pasjtoe ps; polish pl; pools pl; portuguese pt;
portugees pt; punjabi pa; romanian ro; roemeens ro; russian ru; russisch ru; serbian sr;
servisch sr; sinhala si; slovak sk; slowaaks sk; slovenian sl; sloveens sl; somali so;
somalisch so; spanish es; spaans es; swahili sw; swedish sv; zweeds sv; tagalog tl;
filipino tl; tamil ta; tamazight ber; berber ber; thai th; tigrinya ti; tigrinia ti;
turkish tr; turks tr; ukrainian uk; oekraiens uk; oekraïens uk; urdu ur; uzbek uz;
vietnamese vi; vietnamees vi; wolof wo; yoruba yo; zulu zu; papiamento pap; papiaments pap;
sranan srn; sranantongo srn; sign language sgn; asl sgn; ngt sgn; haitian ht; kreyol ht;
kreyòl ht; haitian kreyol ht; american sign language sgn; samoan sm; tongan to; marshallese mh;
chamorro ch; navajo nv; yiddish yi; irish ga; welsh cy; gaelic gd; scottish gaelic gd;
panjabi pa; telugu te; kannada kn; tibetan bo; fula ff; fulani ff; twi tw; akan ak; ewe ee;
kirundi rn; malagasy mg; belarusian be; luxembourgish lb; maltese mt; basque eu; galician gl;
esperanto eo; latin la; sinhalese si; uighur ug; uyghur ug; tajik tg; turkmen tk; kyrgyz ky;
español es; espanol es; français fr; francais fr; deutsch de; português pt; italiano it;
polski pl; türkçe tr; turkce tr; ukrainian uk; hmong hmn; ilocano ilo; cebuano ceb;
chuukese chk; karen kar; chin cnh; mixteco mix; mixtec mix; quiche quc; k'iche' quc;
cape verdean creole kea; portuguese creole kea
"""
_LANGUAGE_NAMES: dict[str, str] = {}
for _item in _LANGUAGE_NAMES_TEXT.replace("\n", " ").split(";"):
    _name, _, _code = _item.strip().rpartition(" ")
    if _name:
        _LANGUAGE_NAMES[_name] = _code

_ISO_639_2: dict[str, str] = {
    "alb": "sq", "sqi": "sq", "amh": "am", "ara": "ar", "arm": "hy", "hye": "hy", "ben": "bn",
    "bos": "bs", "bul": "bg", "chi": "zh", "zho": "zh", "yue": "zh", "cmn": "zh", "hrv": "hr",
    "cze": "cs", "ces": "cs", "dan": "da", "dut": "nl", "nld": "nl", "eng": "en", "est": "et",
    "per": "fa", "fas": "fa", "prs": "fa", "fin": "fi", "fre": "fr", "fra": "fr", "fry": "fy",
    "geo": "ka", "kat": "ka", "ger": "de", "deu": "de", "gre": "el", "ell": "el", "heb": "he",
    "hin": "hi", "hun": "hu", "ind": "id", "ita": "it", "jpn": "ja", "kor": "ko", "kur": "ku",
    "kmr": "ku", "ckb": "ku", "lav": "lv", "lit": "lt", "mac": "mk", "mkd": "mk", "may": "ms",
    "msa": "ms", "nor": "no", "pus": "ps", "pol": "pl", "por": "pt", "pan": "pa", "rum": "ro",
    "ron": "ro", "rus": "ru", "srp": "sr", "slo": "sk", "slk": "sk", "slv": "sl", "som": "so",
    "spa": "es", "swa": "sw", "swe": "sv", "tgl": "tl", "fil": "tl", "tam": "ta", "tha": "th",
    "tir": "ti", "tur": "tr", "ukr": "uk", "urd": "ur", "vie": "vi",
}  # fmt: skip

# "en" splits only between words ("Nederlands en Engels"): alone it is the code for English.
_LANG_SPLIT_RE = re.compile(r"\s*(?:,|;|/|\||\band\b|&|\+)\s*|\s+en\s+", re.I)
#: Names that do not say which language they are; read as the likeliest one and reported.
_LANGUAGE_GUESSES: dict[str, tuple[str, str]] = {
    "creole": ("ht", "Haitian Creole, the Creole most often listed in Open Referral directories"),
    "kreyol": ("ht", "Haitian Creole"),
}


@dataclass(frozen=True)
class LanguageReading:
    """What :func:`read_languages` made of a text."""

    #: ISO 639-1 codes found, in order, without repeats.
    codes: list[str]
    #: Parts that are not a language with an ISO 639-1 code, as written.
    unknown: list[str]
    #: (part as written, code, why): names that were read as the likeliest language.
    guessed: list[tuple[str, str, str]]


def read_languages(text: str | None) -> LanguageReading:
    """ISO 639-1 codes from language names or codes in free text, with what was guessed.

    Codes may carry a region or script subtag (``en-US``, ``zh_Hant``), which
    is stripped; ISO 639-2 and 639-3 codes of languages with a two-letter
    code are mapped (``nld`` -> ``nl``); English and Dutch names are mapped
    (``Spanish``, ``Spaans``). ``en`` on its own is English; only between two
    words ("Nederlands en Engels") is it the Dutch "and". An ambiguous name
    such as ``Creole`` is read as its likeliest language and listed in
    ``guessed``.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import read_languages
    >>> read_languages("en-US, Creole; Papiamento")
    LanguageReading(codes=['en', 'ht'], unknown=['Papiamento'], guessed=[('Creole', 'ht', ...)])
    >>> read_languages("Nederlands en Engels").codes
    ['nl', 'en']
    """
    codes: list[str] = []
    unknown: list[str] = []
    guessed: list[tuple[str, str, str]] = []
    if not text:
        return LanguageReading(codes, unknown, guessed)
    for part in _LANG_SPLIT_RE.split(text):
        token = part.strip().strip(".()").strip()
        if not token:
            continue
        low = re.sub(r"\s+", " ", token.lower())
        code = None
        base = re.split(r"[-_]", low, maxsplit=1)[0]
        if base in ISO_639_1:
            code = base
        elif base in _ISO_639_2:
            code = _ISO_639_2[base]
        elif low in _LANGUAGE_GUESSES:
            code, why = _LANGUAGE_GUESSES[low]
            guessed.append((token, code, why))
        else:
            named = _LANGUAGE_NAMES.get(low)
            if named is None:
                named = _LANGUAGE_NAMES.get(low.split(" (")[0].strip())
            if named is None and "(" in low:  # "Chinese (Mandarin)", "Sign language (ASL)"
                named = _LANGUAGE_NAMES.get(low.split("(", 1)[1].rstrip(")").strip())
            if named in ISO_639_1:
                code = named
        if code is None:
            unknown.append(token)
        elif code not in codes:
            codes.append(code)
    return LanguageReading(codes, unknown, guessed)


def language_codes(text: str | None) -> tuple[list[str], list[str]]:
    """ISO 639-1 codes from language names or codes in free text.

    Returns the codes found and the parts that are not a language with a
    two-letter code (e.g. Papiamento, sign languages), for the report. See
    :func:`read_languages`, which also says what was guessed.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import language_codes
    >>> language_codes("English, Spanish")
    (['en', 'es'], [])
    >>> language_codes("nld; Papiaments; es-MX; en")
    (['nl', 'es', 'en'], ['Papiaments'])
    """
    reading = read_languages(text)
    return reading.codes, reading.unknown


# --------------------------------------------------------------------------- taxonomy

#: The default mapping from taxonomy terms to theme codes. Keys are matched
#: case-insensitively against a term's name or code, first as the whole term,
#: then as a word or phrase inside it, or its plural (longest key first), then through the
#: term's parents. Every theme code and its English and Dutch labels map to
#: themselves, so packages written by :func:`sociale_kaart.write_hsds` come
#: back with their themes.
DEFAULT_TAXONOMY_MAP: dict[str, str | None] = {
    # basic needs and money
    "food": "finances",
    "food bank": "finances",
    "food pantry": "finances",
    "meals": "finances",
    "clothing": "finances",
    "income support": "finances",
    "financial assistance": "finances",
    "benefits": "finances",
    "debt": "finances",
    "debt counseling": "finances",
    "debt counselling": "finances",
    "credit counseling": "finances",
    "financial counseling": "finances",
    "money management": "finances",
    "tax preparation": "finances",
    "utilities": "finances",
    # housing
    "housing": "housing",
    "shelter": "housing",
    "homelessness": "housing",
    "homeless": "housing",
    "rent": "housing",
    # law and justice
    "legal": "justice",
    "legal aid": "justice",
    "legal services": "justice",
    "immigration": "justice",
    "reentry": "justice",
    # health
    "mental health": "mental_health",
    "counseling": "mental_health",
    "counselling": "mental_health",
    "psychiatric": "mental_health",
    "crisis": "mental_health",
    "health": "physical_health",
    "health care": "physical_health",
    "medical": "physical_health",
    "dental": "physical_health",
    "disability": "physical_health",
    "substance use": "substance_use",
    "substance abuse": "substance_use",
    "addiction": "substance_use",
    "alcohol": "substance_use",
    "personal care": "basic_adl",
    "home care": "instrumental_adl",
    "transportation": "instrumental_adl",
    "transport": "instrumental_adl",
    # work and learning
    "employment": "work_education",
    "jobs": "work_education",
    "job training": "work_education",
    "education": "work_education",
    "tutoring": "work_education",
    "literacy": "language",
    "language": "language",
    "esl": "language",
    "english as a second language": "language",
    "interpretation": "language",
    # family, time, people
    "parenting": "parenting",
    "family support": "parenting",
    "child care": "parenting",
    "childcare": "parenting",
    "domestic violence": "domestic_relations",
    "family violence": "domestic_relations",
    "recreation": "time_use",
    "day activities": "time_use",
    "volunteering": "community_participation",
    "volunteer": "community_participation",
    "civic": "community_participation",
    "community": "community_participation",
    "social": "social_network",
    "companionship": "loneliness",
    "befriending": "loneliness",
    "loneliness": "loneliness",
    "sports": "exercise",
    "fitness": "exercise",
    "exercise": "exercise",
    # common 211 / AIRS terms
    "utility payment assistance": "finances",
    "utility assistance": "finances",
    "social security": "finances",
    "health insurance": "physical_health",
    "clinic": "physical_health",
    "clinics": "physical_health",
    "community clinics": "physical_health",
    "camps": "time_use",
    "summer camps": "time_use",
    "adult day programs": "time_use",
    "adult day care": "time_use",
    "homemaker assistance": "instrumental_adl",
    "chore services": "instrumental_adl",
    "support groups": "social_network",
    "drug use disorders": "substance_use",
    "substance use disorders": "substance_use",
    "alcohol use disorders": "substance_use",
    "community centers": "community_participation",
    "community centres": "community_participation",
    "community gardens": "time_use",
    "case management": None,
    "social services": None,
    "information and referral": None,
    # more common 211 / AIRS words (issue 11), chosen on the development half of the
    # labelled set (tests/data/theme_labels); a key also matches its plural (-s, -es)
    "hospital": "physical_health",
    "medicine": "physical_health",
    "dentistry": "physical_health",
    "pediatrics": "physical_health",
    "pediatric": "physical_health",
    "neurology": "physical_health",
    "radiology": "physical_health",
    "diagnostic imaging": "physical_health",
    "urgent care": "physical_health",
    "primary care": "physical_health",
    "midwifery": "physical_health",
    "pregnancy": "physical_health",
    "pregnancy counseling": "physical_health",
    "prenatal": "physical_health",
    "family planning": "physical_health",
    "abortion": "physical_health",
    "hiv": "physical_health",
    "asthma": "physical_health",
    "allergies": "physical_health",
    "cancer": "physical_health",
    "rehabilitation": "physical_health",
    "nursing": "physical_health",
    "medicare": "physical_health",
    "medicaid": "physical_health",
    "affordable care act": "physical_health",
    "weight management": "physical_health",
    "psychotherapy": "mental_health",
    "psychotherapeutic": "mental_health",
    "psychology": "mental_health",
    "psychologist": "mental_health",
    "psychiatry": "mental_health",
    "behavioral health": "mental_health",
    "suicide": "mental_health",
    "bereavement": "mental_health",
    "grief": "mental_health",
    "drug use disorder": "substance_use",
    "alcohol use disorder": "substance_use",
    "substance use disorder": "substance_use",
    "drug abuse": "substance_use",
    "drug treatment": "substance_use",
    "detoxification": "substance_use",
    "court": "justice",
    "attorney": "justice",
    "law": "justice",
    "police": "justice",
    "sheriff": "justice",
    "probation": "justice",
    "jail": "justice",
    "offender": "justice",
    "crime": "justice",
    "sexual assault": "justice",
    "sexual battery": "justice",
    "ombudsman": "justice",
    "small claims": "justice",
    "divorce": "domestic_relations",
    "head start": "parenting",
    "day care": "parenting",
    "daycare": "parenting",
    "preschool": "parenting",
    "pre school": "parenting",
    "after school": "parenting",
    "afterschool": "parenting",
    "adoption": "parenting",
    "foster care": "parenting",
    "kinship care": "parenting",
    "camp": "time_use",
    "scouting": "time_use",
    "museum": "time_use",
    "festival": "time_use",
    "dance": "time_use",
    "leisure": "time_use",
    "recreational": "time_use",
    "senior center": "time_use",
    "senior centre": "time_use",
    "sport": "exercise",
    "athletic": "exercise",
    "kickboxing": "exercise",
    "wrestling": "exercise",
    "softball": "exercise",
    "baseball": "exercise",
    "basketball": "exercise",
    "soccer": "exercise",
    "swimming": "exercise",
    "yoga": "exercise",
    "transit": "instrumental_adl",
    "bus": "instrumental_adl",
    "paratransit": "instrumental_adl",
    "ride programs": "instrumental_adl",
    "housekeeping": "instrumental_adl",
    "errands": "instrumental_adl",
    "grocery shopping": "instrumental_adl",
    "home delivered meals": "instrumental_adl",
    "in home assistance": "instrumental_adl",
    "activities of daily living": "basic_adl",
    "daily living": "basic_adl",
    "adl": "basic_adl",
    "bathing": "basic_adl",
    "assisted living": "housing",
    "residential care": "housing",
    "care homes": "housing",
    "eviction": "housing",
    "transitional housing": "housing",
    "loan": "finances",
    "tax": "finances",
    "subsidies": "finances",
    "thrift": "finances",
    "furniture": "finances",
    "payment assistance": "finances",
    "food stamps": "finances",
    "snap": "finances",
    "food safety": None,
    "safety education": None,
    "mentoring": "social_network",
    "mentor": "social_network",
    "support group": "social_network",
    "peer support": "social_network",
    "multipurpose centers": "community_participation",
    "citizenship": "community_participation",
    "interpreting": "language",
    "sign language": "language",
    "job": "work_education",
    "job search": "work_education",
    "high school": "work_education",
    "internship": "work_education",
    "career": "work_education",
    "vocational": "work_education",
    "tutorial": "work_education",
    "hospice": "physical_health",
    "end of life": "physical_health",
    "screening": "physical_health",
    "pastoral care": "mental_health",
    "child development": "parenting",
    "parent child": "parenting",
}
for _code, _info in DEFAULT_THEMES.items():
    for _key in (_code, _code.replace("_", " "), _info["label_en"], _info["label_nl"]):
        DEFAULT_TAXONOMY_MAP.setdefault(_key.lower(), _code)
# The Dutch theme aliases come from the one table in core (issue 11).
for _alias, _code in DUTCH_ALIASES.items():
    DEFAULT_TAXONOMY_MAP.setdefault(_alias.replace("_", " "), _code)


#: Keys too general to count inside a longer term: they match a term only as the whole
#: term ("Community" yes; "Community Clinics", "Social Health Insurance" no).
WHOLE_TERM_ONLY: frozenset[str] = frozenset({"community", "social"})

#: Top-level categories of the 211/AIRS taxonomy: so broad that they hand no theme to
#: their children ("Target Populations" are people, not themes).
BROAD_CATEGORIES: frozenset[str] = frozenset(
    {
        "basic needs",
        "consumer services",
        "criminal justice and legal services",
        "education",
        "environment and public health public safety",
        "health care",
        "income support and employment",
        "individual and family life",
        "mental health and substance use disorder services",
        "mental health care and counseling",
        "organizational community international services",
        "target populations",
    }
)


#: Target Populations terms (the AIRS/211 branch that says whom a service is for) that
#: name an age group or a gender: normalised term name -> (min_age, max_age, genders).
#: Ages follow :func:`read_ages`: both ends included ("Children", under 13, is 0-12;
#: "Adults" is 18 and over, as ``adults`` in eligibility text); school groups take the
#: ages of the US grades (elementary 5-11, middle school 11-14, high school 14-18).
#: Older adults and seniors are 60 and over, the age of the US Older Americans Act;
#: youth is 12-24, a choice wide enough for youth services from the teens on (the UN's
#: youth is 15-24). A term not in this table says whom the service is for without an
#: age or gender ("Veterans", "Caregivers", "Parents"), or names a dependant's age
#: ("Parents of Infants/Toddlers"): it gives nothing and is reported as an ignored term.
#: Documented in docs/open-referral.md.
TARGET_POPULATIONS: dict[str, tuple[int | None, int | None, tuple[str, ...]]] = {
    "infants": (0, 1, ()),
    "infants toddlers": (0, 2, ()),
    "infants and toddlers": (0, 2, ()),
    "toddlers": (1, 2, ()),
    "newborns": (0, 0, ()),
    "preschool age children": (3, 5, ()),
    "preschoolers": (3, 5, ()),
    "school age children": (5, 12, ()),
    "primary school age children": (5, 12, ()),
    "preadolescent children": (9, 12, ()),
    "children": (0, 12, ()),
    "preschool students": (3, 5, ()),
    "kindergarten students": (5, 6, ()),
    "elementary school students": (5, 11, ()),
    "middle school students": (11, 14, ()),
    "high school students": (14, 18, ()),
    "all grade school students": (5, 18, ()),
    "teenage parents": (13, 19, ()),
    "adolescents": (13, 17, ()),
    "teens": (13, 19, ()),
    "teenagers": (13, 19, ()),
    "youth": (12, 24, ()),
    "homeless youth": (12, 24, ()),
    "young adults": (18, 24, ()),
    "transition age youth": (16, 24, ()),
    "adults": (18, None, ()),
    "older adults": (60, None, ()),
    "seniors": (60, None, ()),
    "seniors older adults": (60, None, ()),
    "older adults seniors": (60, None, ()),
    "aging": (60, None, ()),
    "elderly": (60, None, ()),
    "older persons": (60, None, ()),
    "frail elderly": (60, None, ()),
    "women": (None, None, ("female",)),
    "females": (None, None, ("female",)),
    "mothers": (None, None, ("female",)),
    "pregnant women": (None, None, ("female",)),
    "pregnant women first trimester": (None, None, ("female",)),
    "pregnant women second trimester": (None, None, ("female",)),
    "pregnant women third trimester": (None, None, ("female",)),
    "pregnant women with children": (None, None, ("female",)),
    "pregnant single women": (None, None, ("female",)),
    "new mothers": (None, None, ("female",)),
    "working mothers": (None, None, ("female",)),
    "single women": (None, None, ("female",)),
    "homeless women": (None, None, ("female",)),
    "abused women": (None, None, ("female",)),
    "pregnant teens": (13, 19, ("female",)),
    "teenage mothers": (13, 19, ("female",)),
    "girls": (0, 17, ("female",)),
    "men": (None, None, ("male",)),
    "males": (None, None, ("male",)),
    "fathers": (None, None, ("male",)),
    "new fathers": (None, None, ("male",)),
    "homeless men": (None, None, ("male",)),
    "abused men": (None, None, ("male",)),
    "gay men": (None, None, ("male",)),
    "teenage fathers": (13, 19, ("male",)),
    "boys": (0, 17, ("male",)),
}


def target_population(name: str | None) -> tuple[int | None, int | None, tuple[str, ...]] | None:
    """The ages and genders a Target Populations term names, or None if it names none.

    The term is looked up by its whole name in :data:`TARGET_POPULATIONS`
    (case, ``&`` and ``/`` do not matter); a term only partly about age
    ("Parents of Children", "Veterans") is not in the table.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import target_population
    >>> target_population("Seniors/Older Adults"), target_population("Infants/Toddlers")
    ((60, None, ()), (0, 2, ()))
    >>> target_population("Women"), target_population("Veterans") is None
    ((None, None, ('female',)), True)
    """
    if not name:
        return None
    return TARGET_POPULATIONS.get(normalise_term(name))


def normalise_term(text: str) -> str:
    """Lower case, ``&`` as ``and``, single spaces."""
    text = text.lower().replace("&", " and ").replace("_", " ")
    return re.sub(r"[\s\-/,.:]+", " ", text).strip()


class TaxonomyMatcher:
    """Resolve taxonomy terms to theme codes with a term -> theme(s) mapping.

    A value of ``None`` or ``""`` in the mapping means "known, no theme":
    such terms are skipped without a report line. A term matches a key as
    the whole term, or as whole words inside it (longest key first, each
    word used once; a key also matches its plural in ``-s`` or ``-es``, so
    ``hospital`` matches "City/County Hospitals"); keys in
    ``whole_term_only`` match only the whole term.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP, TaxonomyMatcher
    >>> matcher = TaxonomyMatcher(DEFAULT_TAXONOMY_MAP)
    >>> matcher.themes("Community"), matcher.themes("Community Clinics")
    (['community_participation'], ['physical_health'])
    >>> matcher.themes("Social Health Insurance"), matcher.themes("Parenting Skills")
    (['physical_health'], ['parenting'])
    >>> matcher.themes("Paralegal Training") is None  # "legal" is not a word in it
    True
    >>> matcher.themes("City/County Hospitals"), matcher.themes("Food Safety Inspections")
    (['physical_health'], [])
    """

    def __init__(
        self,
        mapping: Mapping[str, str | Sequence[str] | None],
        *,
        whole_term_only: Iterable[str] = WHOLE_TERM_ONLY,
    ) -> None:
        self.exact: dict[str, list[str]] = {}
        for key, value in mapping.items():
            if value is None or value == "":
                themes: list[str] = []
            elif isinstance(value, str):
                themes = [value]
            else:
                themes = [str(v) for v in value if v]
            self.exact[normalise_term(str(key))] = themes
        whole = {normalise_term(k) for k in whole_term_only}
        keys = sorted((k for k in self.exact if k and k not in whole), key=lambda k: (-len(k), k))
        self._phrases = [(k, re.compile(rf"(?<!\w){re.escape(k)}(?:s|es)?(?!\w)")) for k in keys]
        self._cache: dict[str, list[str] | None] = {}

    def themes(self, *texts: str | None) -> list[str] | None:
        """Themes for the first of ``texts`` (name, code...) that matches; None if none."""
        for text in texts:
            if not text:
                continue
            key = normalise_term(text)
            if key in self._cache:
                found = self._cache[key]
            else:
                found = self.exact.get(key)
                if found is None:
                    found = self._phrases_in(key)
                self._cache[key] = found
            if found is not None:
                return list(found)
        return None

    def _phrases_in(self, text: str) -> list[str] | None:
        """Themes of the keys in ``text``, longest first, each word used once."""
        found: list[str] | None = None
        for phrase, pattern in self._phrases:
            if phrase not in text:
                continue
            text, count = pattern.subn("\x00", text)
            if count:
                found = found if found is not None else []
                found.extend(t for t in self.exact[phrase] if t not in found)
        return found

    def _hits(self, text: str) -> dict[str, tuple[int, int, int]]:
        """Theme -> (key occurrences, words in its longest key, position of the first).

        Keys are tried longest first and each word counts once, as in :meth:`themes`.
        """
        hits: dict[str, tuple[int, int, int]] = {}
        for phrase, pattern in self._phrases:
            if phrase not in text:
                continue
            spans = [m.span() for m in pattern.finditer(text)]
            if not spans:
                continue
            for start, end in spans:
                text = text[:start] + "\x00" * (end - start) + text[end:]
            for theme in self.exact[phrase]:
                count, words, first = hits.get(theme, (0, 0, len(text)))
                hits[theme] = (
                    count + len(spans),
                    max(words, phrase.count(" ") + 1),
                    min(first, spans[0][0]),
                )
        return hits

    def service_themes(self, name: str | None, description: str | None) -> list[str]:
        """Themes of a service from its name and description (a heuristic, issue 11).

        The name weighs most: every theme whose key is in the name counts. A
        description mentions much that the service is not about ("offers
        education, sports and meals"), so from it only two kinds of theme
        count: its main theme (the one named most often, then by the longest
        key, then first), and every theme named by a key of two or more words
        ("child care", "support group"); a lone word such as "education" or
        "sports" is not enough by itself.

        Examples
        --------
        >>> from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP, TaxonomyMatcher
        >>> matcher = TaxonomyMatcher(DEFAULT_TAXONOMY_MAP)
        >>> matcher.service_themes("West II", "Day care for children of parents in jobs.")
        ['parenting']
        >>> matcher.service_themes("Hope House", "Transitional housing and support groups.")
        ['housing', 'social_network']
        >>> matcher.service_themes("Radio", "News, sports and weather read aloud.")
        ['exercise']
        >>> matcher.service_themes("Food Bank", "Also offers education and sports.")
        ['finances']
        """
        own = (self._phrases_in(normalise_term(name)) if name else None) or []
        hits = self._hits(normalise_term(description)) if description else {}
        ranked = sorted(hits, key=lambda t: (-hits[t][0], -hits[t][1], hits[t][2]))
        strong = [t for t in ranked if hits[t][1] >= 2]
        if own:
            return list(dict.fromkeys([*own, *strong]))
        return list(dict.fromkeys([*ranked[:1], *strong]))

    def themes_in_text(self, texts: Iterable[str | None]) -> list[str]:
        """Every theme whose key occurs as a word or phrase in the texts (heuristic)."""
        body = " ".join(normalise_term(t) for t in texts if t)
        return self._phrases_in(body) or []
