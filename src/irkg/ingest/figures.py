"""Figures and dates in news text, normalised: money, per cents, quantities with units,
durations, and dates, months, years and Indian fiscal years as intervals.

Each is found with its span and sentence, and normalised: a value (a Decimal, scaled:
"Rs 40,000 crore" is 400,000,000,000 INR), a unit or currency, and for time, the interval
it covers ("FY2024-25" runs from 2024-04-01 to 2025-03-31).
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Figure", "find_figures", "sentences"]


@dataclass(frozen=True, order=True)
class Figure:
    """One figure or date in a text: where (``text[start:end]``), what kind (money,
    percent, quantity, duration, period), its value and unit, or the interval (start and
    end dates) a period covers, and the sentence it stands in."""

    start: int
    end: int
    surface: str
    kind: str
    value: Decimal | None = None
    unit: str = ""
    begins: str = ""
    ends: str = ""
    sentence: str = ""


_SCALES = {
    "thousand": 10**3, "lakh": 10**5, "million": 10**6, "mn": 10**6, "m": 10**6,
    "crore": 10**7, "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "rs": "INR", "rs.": "INR", "inr": "INR", "₹": "INR", "rupee": "INR", "rupees": "INR",
    "₽": "RUB", "rub": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
}  # fmt: skip
_UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "mw": "MW", "gw": "GW", "megawatts": "MW", "gigawatts": "GW",
    "tonnes": "t", "tons": "t", "tonne": "t", "mt": "Mt",
    "barrels per day": "bbl/d", "bpd": "bbl/d", "barrels a day": "bbl/d", "barrels": "bbl",
    "cubic metres": "m3", "bcm": "bcm", "teu": "TEU",
}  # fmt: skip
_DURATIONS = {"day": "day", "days": "day", "week": "week", "weeks": "week",
              "month": "month", "months": "month", "year": "year", "years": "year"}  # fmt: skip

_NUMBER = r"(?P<number>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|lakh|million|mn|crore|billion|bn|trillion|tn|m|b)\b)?"
_MONEY_BEFORE = re.compile(
    r"(?P<currency>US\$|\$|€|₹|₽|\b(?:USD|EUR|INR|RUB|Rs\.?)\s?)" + _NUMBER + _SCALE, re.I
)
_MONEY_AFTER = re.compile(
    _NUMBER + _SCALE + r"\s+(?P<currency>dollars?|euros?|rupees?|roubles?|rubles?)\b", re.I
)
_PERCENT = re.compile(_NUMBER + r"\s?(?:%|per\s?cent\b|percent\b)", re.I)
_QUANTITY = re.compile(
    _NUMBER
    + _SCALE
    + r"\s+(?P<unit>"
    + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    + r")\b",
    re.I,
)
_DURATION = re.compile(r"\b(?P<number>\d+)\s+(?P<unit>days?|weeks?|months?|years?)\b", re.I)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_FISCAL = re.compile(
    r"(?:\b(?P<half>first|second)\s+half\s+of\s+(?:the\s+)?)?"
    r"\bFY\s?(?P<first>(?:19|20)?\d{2})(?:\s?[-/\u2013]\s?(?P<second>\d{2,4}))?\b",
    re.I,
)
#: India's fiscal year without "FY", as news writes it: 2024-25 (two years in a row).
_FISCAL_BARE = re.compile(
    r"(?:\b(?P<half>first|second)\s+half\s+of\s+(?:the\s+)?)?"
    r"\b(?P<first>(?:19|20)\d{2})[-/\u2013](?P<second>\d{2})\b(?![-/\u2013]\d)",
    re.I,
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),\s+(?P<year>(?:19|20)\d{{2}})\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)
_YEAR = re.compile(
    r"(?<![\d,.$€₹₽-])\b(?P<year>(?:19|20)\d{2})\b(?![\d%]|[,.]\d|-\d|\s?per\s?cent)"
)


def _decimal(number: str, scale: str | None) -> Decimal:
    value = Decimal(number.replace(",", ""))
    return value * _SCALES[scale.lower()] if scale else value


#: The word a sentence's last stop closes (an abbreviation is short: 40 characters is plenty).
_LAST_WORD = re.compile(r"\S+\Z")


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of ``text``'s sentences: a stop, a question or an exclamation mark
    followed by a space and a capital, but not after an abbreviation (Mr., U.S., Rs.).

    Example:
        >>> t = "Mr. Rao met U.S. envoys. Trade rose 5.8 times! Why?"
        >>> [t[a:b] for a, b in sentences(t)]
        ['Mr. Rao met U.S. envoys.', 'Trade rose 5.8 times!', 'Why?']
    """
    spans, start = [], 0
    for match in re.finditer(r"[.!?](?=\s+[\"'(\[]?[A-Z0-9])", text):
        last = _LAST_WORD.search(text, max(0, match.end() - 40), match.end())
        word = last.group() if last else ""
        if re.fullmatch(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|St|Rs|No|vs|Gen|Col|Lt)\.", word):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def find_figures(text: str) -> list[Figure]:
    """Every figure and date in ``text`` (a paragraph), normalised, in order; where two
    readings overlap, the longer wins ("$2.5 billion" is money, not also a number).

    Example:
        >>> [(f.kind, f.value, f.unit) for f in find_figures("Trade hit $68.7 billion, up 12%.")]
        [('money', Decimal('68700000000.0'), 'USD'), ('percent', Decimal('12'), '%')]
    """
    found: list[Figure] = []
    impossible: list[tuple[int, int]] = []

    def add(match: re.Match[str], kind: str, **fields: object) -> None:
        found.append(Figure(match.start(), match.end(), match.group(), kind, **fields))  # type: ignore[arg-type]

    for pattern in (_MONEY_BEFORE, _MONEY_AFTER):
        for m in pattern.finditer(text):
            currency = _CURRENCIES[m.group("currency").strip().lower()]
            add(m, "money", value=_decimal(m.group("number"), m.group("scale")), unit=currency)
    for m in _PERCENT.finditer(text):
        add(m, "percent", value=_decimal(m.group("number"), None), unit="%")
    for m in _QUANTITY.finditer(text):
        unit = _UNITS[" ".join(m.group("unit").lower().split())]
        add(m, "quantity", value=_decimal(m.group("number"), m.group("scale")), unit=unit)
    for m in _DURATION.finditer(text):
        add(
            m,
            "duration",
            value=Decimal(m.group("number")),
            unit=_DURATIONS[m.group("unit").lower()],
        )
    bare = (
        m for m in _FISCAL_BARE.finditer(text) if int(m["second"]) == (int(m["first"]) + 1) % 100
    )
    for m in (*_FISCAL.finditer(text), *bare):
        first = int(m.group("first"))
        year = first if first > 99 else 2000 + first
        if m.group("second") is None:  # FY25 is the year that ends in March 2025
            year -= 1
        begins, ends = f"{year}-04-01", f"{year + 1}-03-31"
        if m.group("half"):
            begins, ends = (
                (begins, f"{year}-09-30")
                if m.group("half").lower() == "first"
                else (f"{year}-10-01", ends)
            )
        add(m, "period", unit="fiscal year", begins=begins, ends=ends)
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            month, year, day = (
                _MONTHS[m.group("month").lower()],
                int(m.group("year")),
                int(m.group("day")),
            )
            if 1 <= day <= calendar.monthrange(year, month)[1]:
                date = f"{year}-{month:02d}-{day:02d}"
                add(m, "period", unit="day", begins=date, ends=date)
            else:  # 31 February: no date, and not its month either
                impossible.append((m.start(), m.end()))
    for m in _MONTH_YEAR.finditer(text):
        month, year = _MONTHS[m.group("month").lower()], int(m.group("year"))
        last = calendar.monthrange(year, month)[1]
        add(
            m,
            "period",
            unit="month",
            begins=f"{year}-{month:02d}-01",
            ends=f"{year}-{month:02d}-{last}",
        )
    for m in _YEAR.finditer(text):
        year = int(m.group("year"))
        add(m, "period", unit="year", begins=f"{year}-01-01", ends=f"{year}-12-31")
    chosen: list[Figure] = []
    taken = bytearray(len(text) + 1)
    for a, b in impossible:
        taken[a:b] = b"\x01" * (b - a)
    for figure in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if not any(taken[figure.start : figure.end]):
            chosen.append(figure)
            taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
    spans = sentences(text)
    starts = [a for a, _ in spans]
    return [
        Figure(**{**f.__dict__, "sentence": _sentence_at(text, spans, starts, f.start)})
        for f in sorted(chosen)
    ]


def _sentence_at(text: str, spans: list[tuple[int, int]], starts: list[int], at: int) -> str:
    """The sentence of ``text`` that holds position ``at`` ("" between sentences)."""
    index = bisect.bisect_right(starts, at) - 1
    if index >= 0 and spans[index][0] <= at < spans[index][1]:
        return text[spans[index][0] : spans[index][1]]
    return ""
