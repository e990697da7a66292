from __future__ import annotations

from pathlib import Path

import pytest

from irkg.errors import ExportError
from irkg.exports import to_trade_chart, write_trade_chart
from irkg.graph import KnowledgeGraph


def test_chart_marks_every_source_and_the_target(kg: KnowledgeGraph) -> None:
    svg = to_trade_chart(kg.trade(), kg.targets(), "svg").decode("utf-8")
    assert "total trade (moscow-diplomats-meeting)" in svg
    assert "total trade (india-russia-business-summit)" in svg
    assert "target: 100 by 2030" in svg
    assert svg == to_trade_chart(kg.trade(), kg.targets(), "svg").decode("utf-8")


def test_chart_writes_png_and_refuses_other_suffixes(kg: KnowledgeGraph, tmp_path: Path) -> None:
    png = write_trade_chart(kg.trade(), kg.targets(), tmp_path / "trade.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ExportError, match=r"trade\.pdf: a chart is written as \.svg or \.png"):
        write_trade_chart(kg.trade(), kg.targets(), tmp_path / "trade.pdf")
