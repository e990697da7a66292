"""Figure checks: both readings of "N times higher" and "N-fold", totals within a
source, and rounding told apart from conflict across sources."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from irkg.graph import KnowledgeGraph, check_figures, readings_of
from irkg.loaders import load_yaml_files

_CODES = """
entities:
  - {id: country/utopia, type: Country, label: Utopia}
  - {id: country/erewhon, type: Country, label: Erewhon}
  - {id: measure/trade, type: Measure, label: trade value}
  - {id: unit/bn, type: Unit, label: billion}
  - {id: period/y1, type: CalendarYear, label: "2001", startDate: 2001-01-01, endDate: 2001-12-31}
  - {id: period/y2, type: CalendarYear, label: "2002", startDate: 2002-01-01, endDate: 2002-12-31}
  - {id: flow/total, type: Flow, label: total}
  - {id: flow/exports, type: Flow, label: exports}
  - {id: flow/imports, type: Flow, label: imports}
  - {id: flow/deficit, type: Flow, label: deficit}
"""


def _obs(name: str, period: str, flow: str, value: str) -> str:
    return (
        f"      - {{id: obs/{name}, type: TradeObservation, label: {name}, measure: measure/trade,"
        f" flow: flow/{flow}, reporter: country/utopia, partner: country/erewhon,"
        f" period: period/{period}, value: {value}, unit: unit/bn}}\n"
    )


def _article(tmp_path: Path, doc: str, facts: str, codes: bool = False) -> Path:
    path = tmp_path / f"{doc}.yaml"
    head = f"document: {{id: doc/{doc}, type: NewsArticle, label: {doc}}}\n"
    path.write_text(
        head + (_CODES if codes else "") + "paragraphs:\n  - paragraph: 1\n    facts:\n" + facts,
        encoding="utf-8",
    )
    return path


def _change(old: str, new: str, stated: str, wording: str) -> str:
    return (
        _obs("old", "y1", "total", old)
        + _obs("new", "y2", "total", new)
        + "      - {id: change/c, type: Change, label: the rise, fromObservation: obs/old,"
        f" toObservation: obs/new, statedMultiple: {stated}, wording: '{wording}'}}\n"
    )


def _multiple(tmp_path: Path, old: str, new: str, stated: str, wording: str):  # type: ignore[no-untyped-def]
    ds = load_yaml_files([_article(tmp_path, "a", _change(old, new, stated, wording), True)])
    (check,) = [c for c in check_figures(ds) if c.kind == "multiple"]
    return check


@pytest.mark.parametrize(
    ("wording", "readings"),
    [
        ("nearly 5.8 times higher than", ("ratio", "increase")),
        ("three times more than", ("ratio", "increase")),
        ("a five-fold increase", ("ratio", "increase")),
        ("grown nearly nine-fold", ("ratio", "increase")),
        ("tenfold", ("ratio", "increase")),
        ("three times as much as", ("ratio",)),
        ("doubled", ("ratio",)),
    ],
)
def test_readings_of_wording_admit_an_increase_only_for_higher_more_and_fold(
    wording: str, readings: tuple[str, ...]
) -> None:
    assert readings_of(wording) == readings


def test_figures_times_higher_agrees_when_read_as_an_increase_over_the_base(
    tmp_path: Path,
) -> None:
    check = _multiple(tmp_path, "10.1", "68.7", "5.8", "nearly 5.8 times higher than")
    assert (check.agrees, check.computed) == (True, Decimal("5.80"))
    assert check.reading.startswith("as an increase")
    assert "as a ratio it would be 6.80" in check.note


def test_figures_n_fold_agrees_when_read_as_a_ratio(tmp_path: Path) -> None:
    check = _multiple(tmp_path, "6.6", "58.9", "9", "grown nearly nine-fold")
    assert (check.agrees, check.computed) == (True, Decimal("8.92"))
    assert check.reading.startswith("as a ratio")
    assert "as an increase over the base it would be 7.92" in check.note


def test_figures_times_as_much_has_one_reading_and_can_disagree(tmp_path: Path) -> None:
    check = _multiple(tmp_path, "10.1", "68.7", "5.8", "5.8 times as much as")
    assert (check.agrees, check.computed) == (False, Decimal("6.80"))
    assert "DISAGREES" in str(check) and "no other reading" in check.note


def test_figures_a_multiple_no_reading_fits_disagrees(tmp_path: Path) -> None:
    check = _multiple(tmp_path, "10", "30", "5", "five times higher than")
    assert not check.agrees  # 3.0 as a ratio, 2.0 as an increase


def test_figures_totals_and_deficits_are_checked_within_one_source(tmp_path: Path) -> None:
    facts = _obs("t", "y2", "total", "68.7") + _obs("i", "y2", "imports", "63.84")
    facts += _obs("e", "y2", "exports", "4.88") + _obs("d", "y2", "deficit", "50")
    ds = load_yaml_files([_article(tmp_path, "a", facts, True)])
    within = {c.kind: c for c in check_figures(ds) if "across" not in c.kind}
    assert within["total"].agrees and within["total"].reading == "which rounded to 0.1 is 68.7"
    assert within["total"].computed == Decimal("68.72")
    assert not within["deficit"].agrees and within["deficit"].computed == Decimal("58.96")


@pytest.mark.parametrize(
    ("a", "b", "agrees", "reading"),
    [
        ("68", "68.7", True, "which cut to whole units is 68 (rounded, 69)"),
        ("69", "68.7", True, "which rounded to whole units is 69"),
        ("68.7", "68.7", True, "the same figure"),
        ("65", "68.7", False, "a gap of 3.7 (5.7%), beyond rounding"),
        ("68.1", "68.7", False, "a gap of 0.6 (0.9%), beyond rounding"),
    ],
)
def test_figures_across_sources_tell_rounding_from_conflict(
    tmp_path: Path, a: str, b: str, agrees: bool, reading: str
) -> None:
    first = _article(tmp_path, "a", _obs("a", "y2", "total", a), True)
    second = _article(tmp_path, "b", _obs("b", "y2", "total", b))
    (check,) = [c for c in check_figures(load_yaml_files([first, second])) if "across" in c.kind]
    assert (check.agrees, check.reading) == (agrees, reading)
    assert check.sources == ("a ¶1", "b ¶1")


def test_figures_across_sources_compare_a_figure_with_the_others_parts(tmp_path: Path) -> None:
    first = _article(tmp_path, "a", _obs("d", "y2", "deficit", "58.9"), True)
    parts = _obs("i", "y2", "imports", "63.84") + _obs("e", "y2", "exports", "4.88")
    second = _article(tmp_path, "b", parts)
    (check,) = [c for c in check_figures(load_yaml_files([first, second])) if "across" in c.kind]
    assert check.kind == "deficit across sources" and check.computed == Decimal("58.96")
    assert check.agrees and check.reading == "which cut to 0.1 is 58.9 (rounded, 59.0)"


def test_figures_of_the_seed_articles_all_agree_and_say_how(kg: KnowledgeGraph) -> None:
    checks = kg.check_figures()
    assert [str(c) for c in checks if not c.agrees] == []
    summit = next(c for c in checks if c.kind == "multiple" and c.stated == Decimal("5.8"))
    assert summit.reading.startswith("as an increase") and summit.computed == Decimal("5.80")
    across = next(c for c in checks if c.kind == "total across sources")
    assert (across.stated, across.computed) == (Decimal("68"), Decimal("68.7"))
    assert across.sources == ("moscow-diplomats-meeting ¶2", "india-russia-business-summit ¶6")
