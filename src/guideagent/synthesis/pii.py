"""Where personal data is in a text: the detectors behind `redact.Redactor`.

Emails, written or said aloud ("maria dot gonzalez at gmail dot com", "jo [at] acme [dot]
com"); phone numbers in digits (international, US, UK, FR, 7-digit local after a phone
word) or in words ("oh seven seven double oh…"); card numbers (Luhn); IBANs (mod-97);
postcodes (UK, US ZIP after "City, ST", common EU shapes after a street or a country
letter, any shape after "postcode"); national-ID shapes (US SSN, NHS with its check digit
beside "NHS", UK National Insurance, and long codes right after "passport", "ID number"
and the like); street addresses (English, German, Dutch, French, Italian, Spanish shapes).

Precision matters as much as recall: a year, a price, a time, a version or a product
number turned into "[PHONE_1]" would corrupt quotes. So every shape that ordinary numbers
can also take needs a check digit, a context word, or a shape no quantity has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KINDS = ("EMAIL", "PHONE", "CARD", "IBAN", "ID", "ADDRESS", "POSTCODE", "NAME")

# -- emails -------------------------------------------------------------------------------

_AT = r"(?:\s*@\s*|\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
_TLD = (
    r"(?:com|org|net|edu|gov|io|co|uk|us|ca|au|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pl|pt"
    r"|cz|eu|in|jp|br|mx|nz|za|info|biz|me|app|dev|ai|tech|email|mail)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)")
_SPOKEN_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w+-]+(?:{_DOT}[\w+-]+)*)(?P<at>{_AT})"
    rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)
# A spoken " at " only makes an email when what comes before it could be a mailbox name.
_NOT_A_MAILBOX = _words(
    "i me my you we us it its they them he she him her this that these those there here "
    "is was be been am are were look looked looking went go goes going get got come came "
    "stay stayed live lived work worked working home one anything something everything "
    "site website page web online email mail app store shop office desk both all just "
    "and or but so then also even still only"
)
# ... and when it looks like one: a handle ("sam_r", "maria dot gonzalez"), a shared mailbox,
# a webmail domain, or email words just before. "I shop at target dot com" is a website.
_MAILBOX_WORDS = _words("info hello hi contact support sales admin team office jobs careers help")
_WEBMAIL = _words(
    "gmail googlemail hotmail outlook live msn yahoo ymail icloud me mac aol proton protonmail "
    "pm gmx web mail zoho yandex orange free btinternet sky virginmedia comcast verizon"
)
_EMAIL_CONTEXT = re.compile(r"\b(?:e-?mail\w*|mail|address|write|send|contact|inbox)\b", re.I)

# -- phones -------------------------------------------------------------------------------

_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}"  # international
    r"|(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"  # US
    r"|0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}"  # UK
    r"|0\d(?:[\s.-]?\d{2}){4}"  # FR
    r")(?![\w-]|\.\d)"
)
_LOCAL_PHONE = re.compile(r"(?<![\w$£€#/.,:+-])(?:\d{3}[\s.-]\d{4}|\d{10,11})(?![\w/%]|[.,:-]\d)")
_PHONE_CONTEXT = re.compile(
    r"\b(?:call|calls|called|calling|phone|cell|mobile|landline|ring|text|texts|dial|reach"
    r"|number|tel|whatsapp|fax|extension|ext|desk|reception|hotline|helpline|switchboard"
    r"|line|contact)\b",
    re.IGNORECASE,
)
_NOT_PHONE_CONTEXT = re.compile(
    r"\b(?:part|parts|sku|order|orders|item|items|product|model|serial|invoice|ticket|ref"
    r"|reference|version|build|batch|lot|room|flight|case|po|id|account)\b\W*(?:number|no\.?|#)?\W*$",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"\b(?:from|between|of|about|around|roughly|approximately|approx|maybe|like|some|nearly"
    r"|almost|over|under|up to|to|by|went|grew|rose|fell|dropped)\s*$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per\b|a (?:day|week|month|year)|k\b|(?:users|people|customers|tickets"
    r"|items|units|orders|dollars|euros|pounds|visits|views|downloads|rows|records|hours"
    r"|minutes|seconds|days|weeks|months|years|times|words|pages|files|employees|staff)\b)",
    re.IGNORECASE,
)
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_WORD = r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|\d{1,4})"
_SPOKEN_PHONE = re.compile(
    rf"(?<![\w-])(?:(?:double|triple)\s+)?{_WORD}"
    rf"(?:(?:\s*,\s*|\s+|-)(?:(?:double|triple)\s+)?(?:{_WORD}|hundred|thousand)){{3,}}(?![\w-])",
    re.IGNORECASE,
)

# -- numbers with check digits, IDs --------------------------------------------------------

_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
_SSN = re.compile(r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])")
_NHS = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])")
_NI = re.compile(r"(?<![\w])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)")
_ID_CONTEXT = re.compile(
    r"(?:(?i:\b(?:passport|social security|national insurance|NI number|NHS number"
    r"|national id|id number|identity number|identity card|ID card|tax id|tax number"
    r"|personnummer|driver'?s licen[cs]e|licen[cs]e number))|\b(?:SSN|TIN|BSN|DNI|NIE|SIN))\b"
    r"(?P<gap>(?:\s|[:#,]|(?i:number|no\.?|num|is|was|it'?s|my|card|code|reads?))*?)"
    r"(?<![\w-])(?P<id>[A-Z0-9]*\d[A-Z0-9]*(?:[ -][A-Z0-9]*\d[A-Z0-9]*)*)(?![\w-])"
)

# -- addresses and postcodes ----------------------------------------------------------------

_STREET_TYPES = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl"
    r"|terrace|close|crescent|square|sq|parkway|pkwy|highway|hwy|row|mews|grove|gardens)"
)
_NOT_A_STREET_NAME = _words(
    "the a an my our your his her their this that of to in on at by for from down up "
    "along across over past near and or miles mile minutes minute hours blocks block km "
    "meters metres steps doors houses years days weeks times people google microsoft one"
)
_STREET = re.compile(
    rf"(?<![\w-])(?P<number>\d{{1,5}}[A-Za-z]?),?\s+(?P<name>(?:[A-Za-z][\w'’-]*\s+){{1,3}}){_STREET_TYPES}\b\.?",
    re.IGNORECASE,
)
_EU_STREET = re.compile(
    r"(?<![\w-])[A-ZÄÖÜ][\wäöüßéè-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm"
    r"|gracht|laan|straat|plein|kade|vej|gatan|gade|väg)\s+\d{1,4}[a-z]?(?!\w)"
    r"|(?<![\w-])(?:Rue|Avenue|Boulevard|Chemin|Route|Via|Viale|Piazza|Calle|Avenida|Rua)"
    r"\s+(?:(?:de|du|des|la|le|d'|del|della|di)\s+)*[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)*"
    r"\s+\d{1,4}[a-z]?(?!\w)"
    r"|(?<![\w-])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée"
    r"|impasse|quai|piazza|calle|avenida|rua)\s+(?:(?:de|du|des|la|le|d'|del"
    r"|della|di)\s+)*[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)*",
)
_UK_POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_US_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    r"|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
# "Austin, TX 78704": a ZIP only after a state that follows a capitalised place name.
_ZIP = re.compile(rf"\b(?:{_US_STATES})\s+(?P<code>\d{{5}}(?:-\d{{4}})?)(?![\w-])")
_PLACE_BEFORE = re.compile(r"[A-Z][a-z]+,?\s$")
_POSTCODE_AFTER_WORD = re.compile(
    r"(?:(?i:\b(?:postcode|post code|postal code|zip(?: ?code)?|code postal))|\bPLZ|\bCAP)\b"
    r"[\s:,]*(?:is\s+|was\s+)?(?P<code>(?i:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})"
    r"|[1-9]\d{3} ?[A-Z]{2}|\d{5}(?:-\d{4})?|\d{4})(?![\w-])"
)
_BARE_ZIP_AS_VERB = re.compile(r"(?i:zip)\s+\d")
_WORD_AFTER = re.compile(r"\s+[a-z]")
# "Lindenstraße 23, 10969 Berlin", "D-10969 Berlin": a code before a place name, right after
# a street address or a country letter; a bare ", 2000 People" is not enough.
_EU_POSTCODE = re.compile(
    r"(?<![\w-])(?P<prefix>[A-Z]-)?(?P<code>\d{4,5}|[1-9]\d{3} ?[A-Z]{2})\s+(?=[A-ZÀ-Ý][a-zà-ÿ]+)"
)
_NL_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?=\s+[A-Z][a-z])")


@dataclass(frozen=True)
class Span:
    """A detected piece of personal data: where it is, its kind, its exact text."""

    start: int
    end: int
    kind: str
    original: str


def find(text: str) -> Iterator[Span]:
    """Every detection, overlapping ones included, in detector order (emails first, so
    an email's digits are not a phone; see `redact._non_overlapping`)."""
    yield from _emails(text)
    yield from _checked_numbers(text)
    yield from _ids(text)
    yield from _phones(text)
    yield from _addresses(text)


def _emails(text: str) -> Iterator[Span]:
    for m in _EMAIL.finditer(text):
        yield Span(m.start(), m.end(), "EMAIL", m[0])
    for m in _SPOKEN_EMAIL.finditer(text):
        local = re.split(_DOT, m["local"], flags=re.IGNORECASE)
        if local[0].isdigit():
            continue
        spoken_at = "@" not in m["at"] and not re.search(r"[\[({<]", m["at"])
        if spoken_at and not _looks_like_mailbox(text, m, local):
            continue
        yield Span(m.start(), m.end(), "EMAIL", m[0])


def _looks_like_mailbox(text: str, m: re.Match[str], local: list[str]) -> bool:
    words = [w.lower() for w in local]
    if words[0] in _NOT_A_MAILBOX or words[-1] in _NOT_A_MAILBOX:
        return False
    domain = re.split(r"\W+", m[0][m.end("at") - m.start() :].strip().lower())[0]
    return (
        len(local) > 1
        or bool(re.search(r"[\d_.+]", m["local"]))
        or words[0] in _MAILBOX_WORDS
        or domain in _WEBMAIL
        or bool(_EMAIL_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]))
    )


def _checked_numbers(text: str) -> Iterator[Span]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m[0])
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            yield Span(m.start(), m.end(), "CARD", m[0])
    for m in _IBAN.finditer(text):
        if _iban_ok(m[0]):
            yield Span(m.start(), m.end(), "IBAN", m[0])


def _ids(text: str) -> Iterator[Span]:
    for m in _SSN.finditer(text):
        yield Span(m.start(), m.end(), "ID", m[0])
    for m in _NHS.finditer(text):
        if _nhs_ok(re.sub(r"\D", "", m[0])) and re.search(r"\bNHS\b", text[: m.start()][-60:]):
            yield Span(m.start(), m.end(), "ID", m[0])
    for m in _NI.finditer(text):
        yield Span(m.start(), m.end(), "ID", m[0])
    for m in _ID_CONTEXT.finditer(text):
        if sum(c.isdigit() for c in m["id"]) >= 6:
            yield Span(m.start("id"), m.end("id"), "ID", m["id"])


def _phones(text: str) -> Iterator[Span]:
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m[0])
        if (8 if m[0].startswith("+") else 9) <= len(digits) <= 15:
            yield Span(m.start(), m.end(), "PHONE", m[0])
    for m in _LOCAL_PHONE.finditer(text):
        before = text[: m.start()]
        if _NOT_PHONE_CONTEXT.search(before[-30:]) or _RANGE_BEFORE.search(before[-25:]):
            continue
        if _UNIT_AFTER.match(text, m.end()):
            continue
        if _PHONE_CONTEXT.search(before[-40:]):
            yield Span(m.start(), m.end(), "PHONE", m[0])
    for m in _SPOKEN_PHONE.finditer(text):
        digits = _spoken_digits(m[0])
        if 7 <= len(digits) <= 15 and sum(not w.isdigit() for w in re.findall(r"\w+", m[0])) >= 3:
            yield Span(m.start(), m.end(), "PHONE", m[0])


def _addresses(text: str) -> Iterator[Span]:
    streets = [
        Span(m.start(), m.start() + len(m[0].rstrip(".")), "ADDRESS", m[0].rstrip("."))
        for m in _STREET.finditer(text)
        if not any(w.lower() in _NOT_A_STREET_NAME for w in m["name"].split())
    ]
    streets += [Span(m.start(), m.end(), "ADDRESS", m[0]) for m in _EU_STREET.finditer(text)]
    yield from streets
    for m in _UK_POSTCODE.finditer(text):
        if m[0][-2:] not in {"GB", "TB"}:
            yield Span(m.start(), m.end(), "POSTCODE", m[0])
    for m in _ZIP.finditer(text):
        if _PLACE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            yield Span(m.start("code"), m.end("code"), "POSTCODE", m["code"])
    for m in _POSTCODE_AFTER_WORD.finditer(text):
        if _BARE_ZIP_AS_VERB.match(m[0]) and _WORD_AFTER.match(text, m.end()):
            continue  # "we zip 12345 files": the verb, not a ZIP code
        yield Span(m.start("code"), m.end("code"), "POSTCODE", m["code"])
    for m in _EU_POSTCODE.finditer(text):
        if m["prefix"] or any(0 <= m.start() - a.end <= 2 for a in streets):
            yield Span(m.start("code"), m.end("code"), "POSTCODE", m["code"])
    for m in _NL_POSTCODE.finditer(text):
        yield Span(m.start(), m.end(), "POSTCODE", m[0])


def _spoken_digits(spoken: str) -> str:
    digits: list[str] = []
    repeat = 1
    for word in re.findall(r"[A-Za-z]+|\d+", spoken.lower()):
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
        elif word in ("hundred", "thousand"):
            digits.extend("0" * (2 if word == "hundred" else 3))
        else:
            digits.extend(_DIGIT_WORDS.get(word, word) * repeat)
            repeat = 1
    return "".join(digits)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _iban_ok(candidate: str) -> bool:
    code = candidate.replace(" ", "")
    if not 15 <= len(code) <= 34:
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _nhs_ok(digits: str) -> bool:
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])
