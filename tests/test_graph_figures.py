from __future__ import annotations

from decimal import Decimal

from irkg.graph import KnowledgeGraph


def test_figures_flag_the_stated_multiple_that_does_not_add_up(kg: KnowledgeGraph) -> None:
    checks = {c.subject: c for c in kg.check_figures() if c.kind == "multiple"}
    summit = checks["Rise in India-Russia trade from pre-pandemic to FY25"]
    assert (summit.stated, summit.computed, summit.agrees) == (
        Decimal("5.8"),
        Decimal("6.80"),
        False,
    )
    five_fold = checks["Five-fold rise in India-Russia trade, 2021 to 2024-25"]
    assert five_fold.agrees


def test_figures_balance_and_total_are_checked_against_parts(kg: KnowledgeGraph) -> None:
    checks = [c for c in kg.check_figures() if c.kind in ("balance", "total")]
    balance = next(c for c in checks if c.kind == "balance")
    assert balance.computed == Decimal("58.96") and balance.agrees
    totals = sorted((c.stated, c.agrees) for c in checks if c.kind == "total")
    assert totals == [(Decimal("68"), False), (Decimal("68.7"), True)]


def test_figures_sources_that_disagree_are_reported_not_merged(kg: KnowledgeGraph) -> None:
    by_source = [c for c in kg.check_figures() if c.kind == "total by source"]
    assert len(by_source) == 1
    assert not by_source[0].agrees
    assert by_source[0].sources == (
        "moscow-diplomats-meeting ¶2",
        "india-russia-business-summit ¶6",
    )
