"""The explorer page in a real browser: the system's Chromium, driven by Playwright.

No browser is downloaded: Playwright launches the Chromium that `.ci/run`
installs (Debian's `chromium`), or the one named by IRKG_CHROMIUM. Without it the
tests skip with the reason locally, and fail in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from conftest import ROOT
from irkg.exports import to_explorer_html
from irkg.graph import KnowledgeGraph

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    named = os.environ.get("IRKG_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        reason = "Chromium not found: `apt-get install chromium` or set IRKG_CHROMIUM (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Page:
    """A loaded explorer page with the network blocked, and what it tried to do."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.irkg !== undefined")

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.dispatch_event("#search", "change")

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def screen_point(self, canvas_xy: dict[str, float]) -> tuple[float, float]:
        box = self.page.locator("#graph").bounding_box()
        point = self.js("(xy) => window.irkg.network.canvasToDOM(xy)", canvas_xy)
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, node: str, scale: float = 1.5) -> None:
        """Centre the view on ``node`` at ``scale`` and click it as a person would."""
        self.js(
            "([id, s]) => window.irkg.network.moveTo({position: window.irkg.network.getPosition(id), scale: s})",
            [node, scale],
        )
        self.page.mouse.click(
            *self.screen_point(self.js("(id) => window.irkg.network.getPosition(id)", node))
        )

    def label_shown(self, edge: str) -> bool:
        """Whether vis draws the edge's label at the current zoom and size (its own test)."""
        return bool(
            self.js("(id) => window.irkg.network.body.edges[id].labelModule.visible()", edge)
        )


@pytest.fixture
def explorer(browser: Any) -> Iterator[Page]:
    page = Page(browser, ROOT / "exports" / "explorer.html")
    yield page
    page.page.close()


def test_explorer_loads_offline_without_errors(explorer: Page) -> None:
    assert [u for u in explorer.requests if not u.startswith("file:")] == []
    assert explorer.errors == []


def test_explorer_shows_every_entity(explorer: Page, kg: KnowledgeGraph) -> None:
    ids = explorer.page.evaluate("window.irkg.nodes.getIds()")
    assert sorted(ids) == sorted(kg.to_networkx().nodes)
    shown = explorer.page.evaluate("window.irkg.nodeView.length")
    assert shown == len(ids)


def test_explorer_search_finds_an_entity_by_alias(explorer: Page) -> None:
    explorer.search("Pearl")
    assert explorer.page.locator("#details .title").inner_text() == "Zhemchug"
    assert explorer.page.evaluate("window.irkg.network.getSelectedNodes()") == ["film/zhemchug"]
    own = explorer.js("window.irkg.network.getConnectedEdges('film/zhemchug')")
    assert own and all(explorer.label_shown(edge) for edge in own)  # its relations are named


def test_explorer_kind_filter_hides_that_kind(explorer: Page) -> None:
    before = explorer.page.evaluate("window.irkg.nodeView.length")
    explorer.page.locator('#kinds input[data-group="Film"]').uncheck()
    after = explorer.page.evaluate("window.irkg.nodeView.length")
    assert before - after == 3
    films = explorer.page.evaluate(
        "window.irkg.nodeView.get().filter(n => n.category === 'Film').length"
    )
    assert films == 0


def test_explorer_click_shows_details_with_source(explorer: Page) -> None:
    explorer.click_node("film/zhemchug")
    details = explorer.page.locator("#details").inner_text()
    assert "Zhemchug" in details
    assert "Source: moscow-diplomats-meeting ¶7" in details


def test_explorer_details_give_the_claim_each_fact_carries(explorer: Page) -> None:
    explorer.click_node("film/zhemchug")
    claims = explorer.page.locator("#details .claim").all_inner_texts()
    assert claims[0] == (
        "Claim (moscow-diplomats-meeting ¶7): A Russian-Indian film, Zhemchug (Pearl), "
        "is planned for release in autumn 2025."
    )
    explorer.click_node("country/russia")
    facts = explorer.page.locator("#details li").all_inner_texts()
    joined = "advocates: multipolar world order\nClaim (moscow-diplomats-meeting ¶6): India and"
    assert any(fact.startswith(joined) for fact in facts)


def test_explorer_renders_a_hostile_label_as_text(browser: Any, tmp_path: Path) -> None:
    label = '<img src=x onerror="window.__xss=1;alert(1)">'
    graph = nx.MultiDiGraph()
    graph.add_node(
        "person/x", label=label, kind="Person", aliases=["</script><script>alert(2)</script>"]
    )
    graph.add_node("country/y", label="Y", kind="Country")
    graph.add_edge("person/x", "country/y", key="memberOf", label="member of", sources=["a ¶1"])
    path = tmp_path / "evil.html"
    path.write_text(to_explorer_html(graph), encoding="utf-8")
    page = Page(browser, path)
    page.search("Y")
    page.page.evaluate("window.irkg.network.selectNodes(['person/x'])")
    page.search(label)
    assert page.page.locator("#details .title").inner_text() == label
    assert page.page.evaluate("window.__xss === undefined")
    assert page.dialogs == [] and page.errors == []
    assert page.page.locator("#details img").count() == 0
    page.page.close()


def test_explorer_screenshot(explorer: Page, tmp_path: Path) -> None:
    """Takes the README's picture; IRKG_UPDATE_SCREENSHOT=1 writes it to docs/explorer.png."""
    explorer.search("Srivastava")  # a person whose statements carry quotations
    explorer.page.evaluate("window.irkg.network.fit()")
    target = (
        ROOT / "docs" / "explorer.png"
        if os.environ.get("IRKG_UPDATE_SCREENSHOT")
        else tmp_path / "explorer.png"
    )
    explorer.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_explorer_source_filter_hides_what_only_that_article_states(explorer: Page) -> None:
    explorer.page.locator('#sources input[data-source="moscow-diplomats-meeting"]').uncheck()
    shown = explorer.page.evaluate("window.irkg.nodeView.getIds()")
    assert "film/zhemchug" not in shown  # only the Moscow article mentions the film
    assert "person/piyush-goyal" in shown


def test_explorer_focus_mode_and_the_way_back(explorer: Page) -> None:
    total = explorer.page.evaluate("window.irkg.nodeView.length")
    explorer.page.select_option("#depth", "1")
    explorer.page.evaluate("window.irkg.focusOn('film/zhemchug')")
    focused = explorer.page.evaluate("window.irkg.nodeView.getIds()")
    assert "film/zhemchug" in focused and "country/india" in focused
    assert len(focused) < total
    explorer.page.click("#show-all")
    assert explorer.page.evaluate("window.irkg.nodeView.length") == total


def _drawn_labels(page: Page) -> list[dict[str, Any]]:
    """The node labels vis draws at the current zoom, with their boxes in screen pixels."""
    page.js("window.irkg.network.redraw()")
    return list(
        page.js(
            """() => {
      const net = window.irkg.network, scale = net.getScale();
      return window.irkg.nodeView.getIds().map((id) => net.body.nodes[id])
        .filter((n) => n.options.label.trim() && n.labelModule.visible())
        .map((n) => ({ id: n.id, left: n.labelModule.size.left * scale, top: n.labelModule.size.top * scale,
                       width: n.labelModule.size.width * scale, height: n.labelModule.size.height * scale }));
    }"""
        )
    )


def test_explorer_names_the_hubs_at_first_sight_without_overlap(explorer: Page) -> None:
    drawn = _drawn_labels(explorer)
    names = {d["id"] for d in drawn}
    assert {"country/india", "country/russia"} <= names
    assert (
        8 <= len(drawn) < explorer.js("window.irkg.nodeView.length") / 2
    )  # the rest wait for zoom
    overlapping = [
        (a["id"], b["id"])
        for i, a in enumerate(drawn)
        for b in drawn[i + 1 :]
        if min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"]) > 2
        and min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"]) > 2
    ]
    assert overlapping == []


def test_explorer_names_every_entity_when_zoomed_in(explorer: Page) -> None:
    explorer.js("window.irkg.network.moveTo({position: {x: 0, y: 0}, scale: 1.2})")
    drawn = {d["id"] for d in _drawn_labels(explorer)}
    named = explorer.js("window.irkg.nodeView.get().filter((n) => n.label.trim()).map((n) => n.id)")
    assert drawn == set(named)


EAEU_ARMENIA = "bloc/eaeu|hasMember|country/armenia"


def test_explorer_names_relations_when_zoomed_in(explorer: Page) -> None:
    assert not explorer.label_shown(EAEU_ARMENIA)
    explorer.js("window.irkg.network.moveTo({scale: 2})")
    assert explorer.label_shown(EAEU_ARMENIA)
    assert explorer.js(f"window.irkg.edges.get('{EAEU_ARMENIA}').label") == "has member"


def test_explorer_names_a_relation_on_hover(explorer: Page) -> None:
    # The first relation (in id order) whose midpoint, at zoom 1, lies on that edge alone.
    edge, middle = explorer.js(
        """() => {
      const net = window.irkg.network;
      for (const id of window.irkg.edgeView.getIds().sort()) {
        const e = window.irkg.edges.get(id), p = net.getPositions([e.from, e.to]);
        const middle = { x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2 };
        net.moveTo({ position: middle, scale: 1 });
        const dom = net.canvasToDOM(middle);
        if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined) return [id, middle];
      }
      return [null, null];
    }"""
    )
    assert edge is not None
    assert not explorer.label_shown(edge)
    x, y = explorer.screen_point(middle)
    explorer.page.mouse.move(x - 20, y)
    explorer.page.mouse.move(x, y, steps=5)
    explorer.page.wait_for_function(
        "(id) => window.irkg.network.body.edges[id].labelModule.visible()", arg=edge
    )
    box = explorer.page.locator("#graph").bounding_box()
    explorer.page.mouse.move(box["x"] + 3, box["y"] + 3, steps=5)
    explorer.page.wait_for_function(
        "(id) => !window.irkg.network.body.edges[id].labelModule.visible()", arg=edge
    )


def test_explorer_names_the_relations_of_a_clicked_node(explorer: Page) -> None:
    explorer.click_node("bloc/eaeu", scale=1)
    own = explorer.js("window.irkg.network.getConnectedEdges('bloc/eaeu')")
    assert EAEU_ARMENIA in own
    assert all(explorer.label_shown(edge) for edge in own)
    assert not explorer.label_shown("country/india|memberOf|bloc/brics")


def test_explorer_reads_a_trade_figure_as_a_sentence(explorer: Page, kg: KnowledgeGraph) -> None:
    record = "obs/summit-india-exports-fy2024-25"
    sentence = kg.to_networkx().nodes[record]["sentence"]
    assert all(word in sentence for word in ("India", "Russia", "4.88", "FY2024-25"))
    explorer.click_node(record)
    details = explorer.page.locator("#details").inner_text()
    assert sentence in details
    assert "Source: india-russia-business-summit ¶6" in details
    assert "obs/" not in details and "https://" not in details
    claim = "Claim (india-russia-business-summit ¶6): India's exports to Russia were 4.88 billion dollars."
    assert claim in details
    explorer.click_node("country/india")
    facts = explorer.page.locator("#details li").all_inner_texts()
    assert any(
        fact.startswith(sentence + "\n" + claim)
        and fact.endswith("Source: india-russia-business-summit ¶6")
        for fact in facts
    )


def test_explorer_quotes_a_statement_with_its_speaker(explorer: Page) -> None:
    explorer.click_node("stmt/srivastava-outcomes")
    assert (
        explorer.page.locator("#details .sentence").inner_text().startswith("Ajay Srivastava said:")
    )
    quote = explorer.page.locator("#details blockquote").first.inner_text()
    assert quote == "\u201cmanaging dependence in a fractured world\u201d \u2014 Ajay Srivastava"
