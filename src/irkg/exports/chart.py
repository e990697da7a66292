"""The trade chart: every stated figure by period and flow, each source marked, targets shown."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from irkg.errors import ExportError
from irkg.exports.files import write_atomic

if TYPE_CHECKING:
    from irkg.graph.helpers import TargetInfo, TradeFigure

__all__ = ["CHART_FORMATS", "to_trade_chart", "write_trade_chart"]

#: Chart formats by file suffix.
CHART_FORMATS = (".svg", ".png")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def to_trade_chart(
    figures: Sequence[TradeFigure], targets: Sequence[TargetInfo] = (), fmt: str = "svg"
) -> bytes:
    """Draw trade figures by period (x) and value (y): a colour per flow, a marker per source.

    Periods are placed in the order the figures come in (the trade helper sorts
    them by start date); targets are drawn as dashed lines with their period on
    the axis. The output is deterministic: no date stamp, fixed SVG ids.

    Example:
        >>> to_trade_chart([], fmt="svg").startswith(b"<?xml")
        True
    """
    # The object API without pyplot: no GUI backend, no global figure state, faster import.
    from matplotlib import colormaps, rc_context
    from matplotlib.figure import Figure

    periods: list[str] = []
    for f in figures:
        if f.period not in periods:
            periods.append(f.period)
    for t in targets:
        if t.period not in periods:
            periods.append(t.period)
    sources = sorted({f.source.partition(" ¶")[0] for f in figures})
    flows = sorted({f.flow for f in figures})
    colours = colormaps["tab10"]
    fig = Figure(figsize=(9, 5), dpi=100)
    ax = fig.subplots()
    for i, flow in enumerate(flows):
        for j, source in enumerate(sources):
            # Each source sits a little to one side, so figures that disagree stay visible.
            shift = (j - (len(sources) - 1) / 2) * 0.12
            points = [
                (periods.index(f.period) + shift, float(f.value))
                for f in figures
                if f.flow == flow and f.source.partition(" ¶")[0] == source
            ]
            if points:
                xs, ys = zip(*points, strict=True)
                ax.plot(
                    xs, ys, linestyle="none", marker=_MARKERS[j % len(_MARKERS)], markersize=8,
                    color=colours(i), label=f"{flow} ({source})",
                )  # fmt: skip
                for x, y in points:
                    ax.annotate(
                        f"{y:g}", (x, y), textcoords="offset points", xytext=(7, -3), fontsize=8,
                    )  # fmt: skip
    for t in targets:
        ax.axhline(float(t.value), color="grey", linestyle="--", linewidth=1)
        ax.annotate(
            f"target: {t.value.normalize():f} by {t.period}", (periods.index(t.period), float(t.value)),
            textcoords="offset points", xytext=(-10, 6), ha="right", fontsize=9, color="dimgrey",
        )  # fmt: skip
    ax.set_xticks(range(len(periods)), periods)
    unit = figures[0].unit if figures else ""
    ax.set_ylabel(unit)
    ax.set_ylim(bottom=0)
    ax.set_title("India-Russia trade: figures as each source states them")
    ax.grid(axis="y", alpha=0.3)
    if figures:
        ax.legend(fontsize=8, loc="upper left", frameon=False)
    fig.tight_layout()
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with rc_context({"svg.hashsalt": "irkg"}):  # fixed ids inside the SVG
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def write_trade_chart(
    figures: Sequence[TradeFigure], targets: Sequence[TargetInfo], destination: Path | str
) -> Path:
    """Write the trade chart as SVG or PNG, by the destination's suffix.

    Raises:
        ExportError: for any other suffix.
    """
    path = Path(destination)
    if path.suffix.lower() not in CHART_FORMATS:
        raise ExportError(f"{path}: a chart is written as .svg or .png, not {path.suffix!r}")
    return write_atomic(path, to_trade_chart(figures, targets, path.suffix.lower()[1:]))
