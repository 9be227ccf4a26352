"""Event dates: explicit and relative date expressions, resolved against the publication date.

One compiled regex per language finds the expressions (fast); resolution is exact arithmetic on
the publication date, keeping its precision: "on Tuesday" in an article dated 2020-08 gives
2020-08, in one dated 2020-08-21 gives 2020-08-18. Nothing is ever filled in from the article
date when the sentence gives no date (the caller decides about present-tense reports).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
}
MONTH_ALIASES = {"sept": 9, "sep": 9, "jan": 1, "feb": 2, "aug": 8, "oct": 10, "nov": 11, "dec": 12,
                 "fevrier": 2, "aout": 8, "decembre": 12}
WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
YEAR = r"(?P<year>19[5-9]\d|20[0-4]\d)"
RELATIVE = {
    "en": {
        "yesterday": ("day", -1), "today": ("day", 0), "this week": ("week", 0), "last week": ("week", -1),
        "over the weekend": ("week", 0), "this weekend": ("week", 0), "last weekend": ("week", 0),
        "earlier this month": ("month", 0), "this month": ("month", 0), "last month": ("month", -1),
        "earlier this year": ("year", 0), "this year": ("year", 0), "last year": ("year", -1),
        "next year": ("year", 1), "next month": ("month", 1), "in recent weeks": ("year", 0),
        "in recent days": ("month", 0), "in recent months": ("year", 0), "in the past few months": ("year", 0),
        "in the last few months": ("year", 0), "in recent years": ("year", 0), "a year ago": ("year", -1), "two years ago": ("year", -2),
        "three years ago": ("year", -3), "a week ago": ("week", -1), "a month ago": ("month", -1),
        "the previous year": ("year", -1), "the year before": ("year", -1),
        "in the past two years": ("year", 0), "over the past two years": ("year", 0),
        "in the past three years": ("year", 0), "over the past three years": ("year", 0),
    },
    "fr": {
        "hier": ("day", -1), "aujourd'hui": ("day", 0), "cette semaine": ("week", 0),
        "la semaine dernière": ("week", -1), "la semaine passée": ("week", -1), "le week-end dernier": ("week", 0),
        "ce week-end": ("week", 0), "plus tôt ce mois-ci": ("month", 0), "ce mois-ci": ("month", 0),
        "le mois dernier": ("month", -1), "le mois passé": ("month", -1), "plus tôt cette année": ("year", 0),
        "cette année": ("year", 0), "l'an dernier": ("year", -1), "l'année dernière": ("year", -1),
        "l'an passé": ("year", -1), "l'année passée": ("year", -1), "l'an prochain": ("year", 1),
        "l'année prochaine": ("year", 1), "ces dernières semaines": ("year", 0),
        "ces derniers mois": ("year", 0), "au cours des derniers mois": ("year", 0), "il y a un an": ("year", -1),
        "il y a deux ans": ("year", -2), "il y a une semaine": ("week", -1),
        "ces dernières années": ("year", 0), "ces deux dernières années": ("year", 0),
        "ces trois dernières années": ("year", 0),
    },
}
MODEL_NAME = re.compile(r"(?<=[\w,;)»”]\s)(?-i:[A-Z][\w-]*)\s+$")  # a capitalised word inside the sentence, right before a bare year
NOT_DATES = re.compile(r"\b(?:born|née?|aged?|âgée?)\s+(?:in|en|on|le)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date expression in a sentence and the date it resolves to."""

    start: int
    end: int
    text: str
    value: str
    kind: str  # explicit | relative
    yearless: bool = False  # a month or day named without a year ('on February 2', 'in March')


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _regex(language: str) -> re.Pattern:
    """Return the one regex that finds every date expression of a language."""
    month = _alternation(MONTHS[language] + list(MONTH_ALIASES))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
    weekday = _alternation(WEEKDAYS[language])
    last = r"(?P<last>last|past|dernier|passé)"
    parts = [
        rf"{day}\s+(?P<m1>{month})\.?,?\s+(?P<year1>19[5-9]\d|20[0-4]\d)",                 # 20 May 2022, le 15 août 2022
        rf"(?P<m2>{month})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>19[5-9]\d|20[0-4]\d)",  # May 20, 2022
        rf"(?P<m3>{month})\.?,?\s+(?P<year3>19[5-9]\d|20[0-4]\d)",  # May 2021, août 2022
        rf"(?P<day4>[0-3]?\d)(?:st|nd|rd|th|er)?\s+(?P<m4>{month})\b",  # 20 May, 15 août
        rf"(?P<m8>{month})\.?\s+(?P<day8>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]*\d|\s*%)",  # February 2 (no year)
        rf"(?:{last}\s+(?P<m5>{month})|(?P<m6>{month})\s+(?P<last2>dernier|passé))",  # last February
        rf"(?:(?:in|since|until|by|early|late|en|depuis|début|fin)\s+|mid-?\s*|mi-\s*|"  # in (early) May, mid-March
        rf"(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+|(?:la\s+)?(?:fin|début|mi-?)\s*(?:du\s+mois\s+)?(?:de\s+|d['’]))"
        rf"(?:early\s+|late\s+)?(?P<m7>{month})\b(?!\.?,?\s+(?:19|20)\d\d|\s+(?:dernier|passé))",  # the end of August, fin du mois d'août
        rf"(?P<wd>{weekday})(?:'s|’s)?",
        rf"(?P<rel>{_alternation(RELATIVE[language])})",
        r"(?P<ago>\d+|two|three|four|five|six)\s+years\s+ago",
        rf"(?<![\d,.]){YEAR}(?![\d,.]\d|\s*%)",
    ]
    flags = re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in parts) + r")(?!\w)", flags)


REGEXES = {language: _regex(language) for language in MONTHS}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
           "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "dix": 10}
DAYS_LATER = re.compile(r"\b(?:(?P<next>(?:on )?the (?:next|following) day|le lendemain)|(?P<week>the following week|"
                        r"la semaine suivante)|(?P<n>\d{1,2}|" + "|".join(NUMBERS) + r") "
                        r"(?:(?P<unit_d>days?|jours?)|(?P<unit_w>weeks?|semaines?)) (?:later|plus tard|après))\b", re.IGNORECASE)


def days_later(sentence: str, base: str | None) -> str | None:
    """Return the day a 'the next day', 'two days later', 'le lendemain' in the sentence points to,
    counted from `base` (a full YYYY-MM-DD date the text gave before), or None."""
    match = DAYS_LATER.search(sentence) if base else None
    if match is None:
        return None
    if match.group("next"):
        days = 1
    elif match.group("week"):
        days = 7
    else:
        count = match.group("n").lower()
        days = (int(count) if count.isdigit() else NUMBERS.get(count, 1)) * (7 if match.group("unit_w") else 1)
    return (date.fromisoformat(base) + timedelta(days=days)).isoformat()


def _month_number(name: str, language: str) -> int:
    name = name.lower().rstrip(".")
    if name in MONTHS[language]:
        return MONTHS[language].index(name) + 1
    for months in MONTHS.values():
        if name in months:
            return months.index(name) + 1
    return MONTH_ALIASES[name]


def _published(value: str | None) -> tuple[date | None, int]:
    """Return the publication date as a date (first day of its period) and its precision (0-3)."""
    if not value:
        return None, 0
    parts = [int(p) for p in value.split("-")]
    precision = len(parts)
    parts += [1] * (3 - len(parts))
    try:
        return date(*parts), precision
    except ValueError:
        return None, 0


def _format(day: date, precision: int) -> str:
    return day.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative(unit: str, amount: int, pub: date, precision: int) -> str | None:
    """Return a relative expression resolved against the publication date, at most as precise as it."""
    if unit == "year":
        return str(pub.year + amount)
    if precision < 2:
        return str(pub.year) if unit != "month" or amount == 0 else None
    if unit == "month":
        return _format(_shift_month(pub, amount), 2)
    if precision < 3:
        return _format(pub, 2)
    shifted = pub + timedelta(days=amount * (7 if unit == "week" else 1))
    return _format(shifted, 3 if unit == "day" else 2)


def _weekday(name: str, language: str, pub: date, precision: int) -> str | None:
    """Return the last such weekday on or before publication (day precision only if published has a day)."""
    if precision < 3:
        return _format(pub, precision) if precision else None
    back = (pub.weekday() - WEEKDAYS[language].index(name.lower())) % 7
    return (pub - timedelta(days=back)).isoformat()


def _month_only(month: int, pub: date, precision: int, strictly_before: bool) -> str:
    """Return YYYY-MM for a month named without a year: the most recent one up to publication."""
    year = pub.year
    if precision >= 2 and (month > pub.month or (strictly_before and month == pub.month)):
        year -= 1
    return f"{year}-{month:02d}"


def _resolve(match: re.Match, language: str, pub: date | None, precision: int) -> tuple[str | None, str]:
    """Return (value, kind) of one date expression."""
    g = match.groupdict()
    if g["m1"]:
        return f"{g['year1']}-{_month_number(g['m1'], language):02d}-{int(g['day']):02d}", "explicit"
    if g["m2"]:
        return f"{g['year2']}-{_month_number(g['m2'], language):02d}-{int(g['day2']):02d}", "explicit"
    if g["m3"]:
        return f"{g['year3']}-{_month_number(g['m3'], language):02d}", "explicit"
    if g["year"]:
        return g["year"], "explicit"
    if pub is None:
        return None, "relative"
    if g["m4"] or g["m8"]:
        month = _month_only(_month_number(g["m4"] or g["m8"], language), pub, precision, False)
        return f"{month}-{int(g['day4'] or g['day8']):02d}", "explicit"
    if g["m5"] or g["m6"]:
        return _month_only(_month_number(g["m5"] or g["m6"], language), pub, precision, True), "relative"
    if g["m7"]:
        return _month_only(_month_number(g["m7"], language), pub, precision, False), "relative"
    if g["wd"]:
        return _weekday(g["wd"], language, pub, precision), "relative"
    if g["ago"]:
        years = NUMBERS.get(g["ago"].lower()) or int(g["ago"])
        return str(pub.year - years), "relative"
    unit, amount = RELATIVE[language][g["rel"].lower()]
    return _relative(unit, amount, pub, precision), "relative"


DEADLINE = re.compile(r"\b(?:by|until|till|before|no later than|d['’]ici(?: \w+){0,2}|avant (?:le |la |fin )?|jusqu'(?:au|à)|jusqu’(?:au|à))\s*(?:the end of |la fin )?$",
                      re.IGNORECASE)


FUTURE_CUE = re.compile(r"\b(?:will|would|must|should|shall|to|plans?|planned|expected|deadline|ultimatum|gave|given|"
                        r"doi(?:t|vent)|devr\w+|va|vont|pour|quitter|d['’]ici|délai|sommé|exigé|demandé)\b", re.IGNORECASE)
DEADLINE_AFTER = re.compile(r"\s+(?:deadline|date limite|échéance)", re.IGNORECASE)  # 'a September 15 deadline'
DEADLINE_WORD = re.compile(r"(?:by|until)\b", re.IGNORECASE)  # 'by September' read as one expression


def _upcoming(value: str, pub: date, precision: int) -> str:
    """Return a month or day named without a year as its next occurrence from publication."""
    if precision < 2:
        return value
    if value[:7] < _format(pub, 2):
        return str(int(value[:4]) + 1) + value[4:]
    return value


@lru_cache(maxsize=4096)
def find_dates(sentence: str, published: str | None, language: str = "en") -> list[FoundDate]:
    """Return the date expressions of a sentence with the dates they resolve to (cached: a sentence
    with several triggers is read once)."""
    regex = REGEXES.get(language, REGEXES["en"])
    pub, precision = _published(published)
    found, future = [], FUTURE_CUE.search(sentence)  # 'were withdrawn by the end of August' looks back
    for match in regex.finditer(sentence):
        if NOT_DATES.search(sentence[max(0, match.start() - 12):match.start()]):
            continue  # 'born in 1979' dates a person, not an event
        if match.group("year") and MODEL_NAME.search(sentence, 0, match.start()):
            continue  # 'Mirage 2000', 'Agenda 2063': a name, not a year
        value, kind = _resolve(match, language, pub, precision)
        yearless = bool(match.group("m4") or match.group("m7") or match.group("m8"))
        if value and pub and yearless and future and (DEADLINE.search(sentence[max(0, match.start() - 16):match.start()])
                                           or DEADLINE_WORD.match(match.group())
                                           or DEADLINE_AFTER.match(sentence, match.end())):
            value = _upcoming(value, pub, precision)  # 'by September 15': a deadline ahead
        if value:
            found.append(FoundDate(match.start(), match.end(), match.group(), value, kind, yearless))
    return found


def event_date(sentence: str, published: str | None, language: str = "en", near: int | None = None,
               allowed=None, anchor_year: str | None = None) -> str | None:
    """Return the date of the expression nearest to character `near` (else the first), or None;
    `allowed(start, end)`, when given, says which expressions may date the event. A month or day
    named without a year takes `anchor_year` (the year the text was last speaking of) when that
    year is before the publication's: 'Serval was launched in January 2013. On February 2, ...'."""
    found = [d for d in find_dates(sentence, published, language) if allowed is None or allowed(d.start, d.end)]
    if anchor_year and published and anchor_year < published[:4]:
        found = [FoundDate(d.start, d.end, d.text, anchor_year + d.value[4:], d.kind, True) if d.yearless else d
                 for d in found]
    if not found:
        return None
    best = found[0] if near is None else min(found, key=lambda d: (min(abs(d.start - near), abs(d.end - near)), d.start))
    finer = [d for d in found if d.value.startswith(best.value) and len(d.value) > len(best.value)
             and abs(d.start - best.end) <= 20]
    return finer[0].value if finer else best.value  # 'On Friday (20 May)': the day refines the weekday
