"""Figures and dates pulled from news text and normalised (sentences written for these
tests, in the forms news uses)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from irkg.ingest.figures import find_figures, sentences


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("exports of $5.43 billion", "money", "5430000000", "USD"),
        ("a goal of USD 100 bn", "money", "100000000000", "USD"),
        ("some 1.3 billion euros", "money", "1300000000", "EUR"),
        ("worth Rs 40,000 crore", "money", "400000000000", "INR"),
        ("worth ₹2,000 crore", "money", "20000000000", "INR"),
        ("paid 450 million roubles", "money", "450000000", "RUB"),
        ("up 40 per cent", "percent", "40", "%"),
        ("a 12.5% rise", "percent", "12.5", "%"),
        ("1.8 million barrels per day", "quantity", "1800000", "bbl/d"),
        ("a 7,200 km corridor", "quantity", "7200", "km"),
        ("a 1,000 MW plant", "quantity", "1000", "MW"),
        ("cut transit to 24 days", "duration", "24", "day"),
    ],
)
def test_figures_are_normalised(text: str, kind: str, value: str, unit: str) -> None:
    [figure] = find_figures(text)
    assert (figure.kind, figure.value, figure.unit) == (kind, Decimal(value), unit)
    assert text[figure.start : figure.end] == figure.surface


@pytest.mark.parametrize(
    ("text", "begins", "ends"),
    [
        ("in FY2024-25", "2024-04-01", "2025-03-31"),
        ("in FY25", "2024-04-01", "2025-03-31"),
        ("in the first half of FY2025-26", "2025-04-01", "2025-09-30"),
        ("in the second half of FY2025-26", "2025-10-01", "2026-03-31"),
        ("on 18 November 2026", "2026-11-18", "2026-11-18"),
        ("on November 18, 2026", "2026-11-18", "2026-11-18"),
        ("in October 2025", "2025-10-01", "2025-10-31"),
        ("by 2030", "2030-01-01", "2030-12-31"),
    ],
)
def test_dates_are_intervals(text: str, begins: str, ends: str) -> None:
    [period] = find_figures(text)
    assert (period.kind, period.begins, period.ends) == ("period", begins, ends)


def test_each_figure_keeps_its_sentence_and_nothing_is_read_twice() -> None:
    text = (
        "Mr. Rao said trade with the U.S. rose 12% in FY25. "
        "A target of $100 billion was set for 2030, not 2,030 tonnes."
    )
    found = [(f.surface, f.sentence) for f in find_figures(text)]
    assert found == [
        ("12%", "Mr. Rao said trade with the U.S. rose 12% in FY25."),
        ("FY25", "Mr. Rao said trade with the U.S. rose 12% in FY25."),
        ("$100 billion", "A target of $100 billion was set for 2030, not 2,030 tonnes."),
        ("2030", "A target of $100 billion was set for 2030, not 2,030 tonnes."),
        ("2,030 tonnes", "A target of $100 billion was set for 2030, not 2,030 tonnes."),
    ]


def test_no_date_out_of_a_number() -> None:
    found = find_figures("on 31 February 2026 they counted 2031.5 units, as in 1999, and 2,030")
    assert [(f.surface, f.begins) for f in found] == [("1999", "1999-01-01")]
    assert [s for s in sentences("One. Two")] == [(0, 4), (5, 8)]
