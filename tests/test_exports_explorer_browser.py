"""The explorer page in a real browser: the system's Chromium, driven by Playwright.

No browser is downloaded: Playwright launches the Chromium that `.ci/run`
installs (Debian's `chromium`), or the one named by IRKG_CHROMIUM. Without it the
tests skip with the reason locally, and fail in CI.

Tests assert what a person sees: the names the page draws on the canvas (each
``fillText`` call is recorded, with its font and opacity), their sizes and
overlaps, and which panels are on screen at 1440x900, 1024x700 and 390x844.
Read-only checks share one page per window size.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from conftest import RAIL_TALKS, ROOT
from foreign_data import HUB, write_foreign_graph
from irkg.exports import to_explorer_html
from irkg.graph import KnowledgeGraph
from irkg.loaders import load_rdf_files

playwright = pytest.importorskip("playwright.sync_api")

SIZES = {"wide": (1440, 900), "laptop": (1024, 700), "phone": (390, 844)}

#: Installed before the page's scripts: records every text drawn on a canvas.
RECORD_TEXT = """
(() => {
  window.__texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    window.__texts.push({ text: String(text), font: this.font, alpha: this.globalAlpha, style: String(this.fillStyle) });
    return fill.call(this, text, x, y, ...rest);
  };
})();
"""


class Page:
    """A loaded explorer page with the network blocked, and what it tried to do."""

    def __init__(self, browser: Any, path: Path, size: tuple[int, int] = SIZES["wide"]) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.set_default_timeout(5000)
        self.page.add_init_script(RECORD_TEXT)
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
        self.page.wait_for_function("() => window.irkg !== undefined")

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def search(self, text: str) -> list[str]:
        """Type into the search box; return the listed matches (names)."""
        self.page.fill("#search", text)
        return [li.split("\n")[0] for li in self.page.locator("#matches li").all_inner_texts()]

    def pick(self, text: str) -> None:
        """Search and take the first match with Enter, as a person would."""
        self.search(text)
        self.page.press("#search", "Enter")

    def shown(self) -> list[str]:
        return list(self.js("window.irkg.nodeView.getIds()"))

    def drawn(self) -> list[dict[str, Any]]:
        """The names drawn in the last frame: kind, id, text, box in screen pixels, size, opacity."""
        self.js("window.__texts = []; window.irkg.network.redraw()")
        return list(self.js("window.irkg.drawn"))

    def canvas_texts(self) -> list[dict[str, Any]]:
        """What the last redraw (see :meth:`drawn`) put on the canvas with fillText."""
        return list(self.js("window.__texts"))

    def zoom(self, scale: float, at: str | None = None) -> None:
        self.js(
            "([s, id]) => window.irkg.network.moveTo({scale: s, animation: false,"
            " position: id ? window.irkg.network.getPosition(id) : undefined})",
            [scale, at],
        )

    def screen_point(self, canvas_xy: dict[str, float]) -> tuple[float, float]:
        box = self.page.locator("#graph").bounding_box()
        point = self.js("(xy) => window.irkg.network.canvasToDOM(xy)", canvas_xy)
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, node: str, scale: float = 1.5) -> None:
        """Bring ``node`` into view at ``scale`` and click it as a person would (on a phone,
        above the details sheet)."""
        self.zoom(scale, node)
        if self.page.locator("#details").is_visible() and SIZES["phone"][0] >= self.js(
            "innerWidth"
        ):
            self.js(
                "(id) => window.irkg.network.moveTo({position: window.irkg.network.getPosition(id),"
                " offset: {x: 0, y: -document.getElementById('graph').clientHeight / 4},"
                " animation: false})",
                node,
            )
        self.page.mouse.click(
            *self.screen_point(self.js("(id) => window.irkg.network.getPosition(id)", node))
        )

    def filters(self) -> Any:
        """The page, with the filters panel open where it folds into a button."""
        if self.page.locator("#legend").is_hidden():
            self.page.click("#toggle-legend")
        return self.page

    def visible_width(self, selector: str) -> float:
        box = self.page.locator(selector).bounding_box()
        return 0.0 if box is None else float(box["width"])


PAGE = ROOT / "exports" / "explorer.html"


@pytest.fixture(scope="module")
def kg(memory_kg: KnowledgeGraph) -> KnowledgeGraph:
    """The page is written from the graph in memory; its expectations come from there too."""
    return memory_kg


@pytest.fixture(scope="module")
def shared(browser: Any) -> Iterator[Page]:
    """One wide page for checks that change nothing but the zoom."""
    page = Page(browser, PAGE)
    yield page
    page.page.close()


@pytest.fixture(params=SIZES)
def explorer(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page at each window size: every interaction is checked on a wide screen,
    a laptop and a phone."""
    page = Page(browser, PAGE, SIZES[request.param])
    yield page
    assert page.errors == []
    page.page.close()


def overlaps(drawn: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(drawn)
        for b in drawn[i + 1 :]
        if min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 1
        and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 1
    ]


# -- loading, sizes and what is drawn ---------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_explorer_first_view_names_the_hubs_at_every_window_size(browser: Any, size: str) -> None:
    page = Page(browser, PAGE, SIZES[size])
    width = SIZES[size][0]
    assert [u for u in page.requests if not u.startswith("file:")] == []
    assert page.errors == []
    # The graph takes the room; nothing runs off the side.
    assert page.visible_width("#graph") >= min(600, width - 20)
    assert page.js("document.documentElement.scrollWidth") <= width
    assert page.page.locator("#search").is_visible()
    drawn = page.drawn()
    names = {d["id"] for d in drawn if d["kind"] == "node"}
    assert {"country/india", "country/russia"} <= names
    assert overlaps(drawn) == []
    texts = {t["text"] for t in page.canvas_texts() if t["alpha"] == 1}
    assert {"India", "Russia"} <= texts  # on the canvas itself, fully opaque
    page.page.close()


@pytest.mark.parametrize("scale", [1.3, 2.25, 3.0, 4.0])
def test_explorer_names_stay_drawn_and_readable_when_zoomed_in(shared: Page, scale: float) -> None:
    shared.zoom(scale, "bloc/eaeu")
    drawn = shared.drawn()
    kinds = {d["kind"] for d in drawn}
    assert kinds == {"node", "edge"}  # entity and relation names together
    assert "bloc/eaeu" in {d["id"] for d in drawn}
    assert all(d["alpha"] == 1 and 11 <= d["px"] <= 16 for d in drawn)
    assert overlaps(drawn) == []
    eaeu = next(d for d in drawn if d["id"] == "bloc/eaeu")
    assert eaeu["text"] == "Eurasian Economic Union"
    on_canvas = {t["text"] for t in shared.canvas_texts() if t["alpha"] == 1}
    assert set(eaeu["lines"]) <= on_canvas  # each line of it, fully opaque, on the canvas


def test_explorer_names_every_entity_somewhere_when_zoomed_in(shared: Page) -> None:
    seen: set[str] = set()
    for node in shared.shown():
        if node not in seen:
            shared.zoom(2.5, node)
            seen |= {d["id"] for d in shared.drawn() if d["kind"] == "node"}
    assert seen == set(shared.shown())


def test_explorer_records_have_names_and_kinds_of_their_own(shared: Page) -> None:
    record = "obs/summit-trade-total-fy2024-25"
    shared.zoom(2.5, record)
    names = {d["id"]: d["text"] for d in shared.drawn() if d["kind"] == "node"}
    assert names[record] == "India-Russia trade in FY25, per the summit report: 68.7 bn USD"
    kinds = shared.page.locator("#kinds label").all_inner_texts()
    assert any(k.startswith("statement") for k in kinds)
    assert any(k.startswith("observation") for k in kinds)


def test_explorer_legend_draws_each_kind_in_its_shape(shared: Page) -> None:
    shapes = shared.js(
        "[...document.querySelectorAll('#kinds svg')].map((s) => s.firstChild.tagName"
        " + ':' + (s.firstChild.getAttribute('points') || ''))"
    )
    assert len(set(shapes)) >= 6
    assert "hideEdgesOnDrag" not in str(
        shared.js("window.irkg.network.interactionHandler.options.hideEdgesOnDrag || ''")
    )


def test_explorer_shows_every_entity(shared: Page, kg: KnowledgeGraph) -> None:
    ids = shared.js("window.irkg.nodes.getIds()")
    assert sorted(ids) == sorted(kg.to_networkx().nodes)
    assert len(shared.shown()) == len(ids)


# -- search ------------------------------------------------------------------------------------


def test_explorer_search_ranks_names_and_forgives_typos(explorer: Page) -> None:
    assert explorer.search("Jaish")[0] == "S. Jaishankar"
    assert explorer.search("jaishanker")[0] == "S. Jaishankar"
    assert explorer.search("EAEU")[0] == "Eurasian Economic Union"
    assert explorer.search("58.9")[0] == "India-Russia trade gap in 2024-25, per Jaishankar"
    assert explorer.search("zzzzqqq") == []
    assert "Nothing matches" in explorer.page.inner_text("#status")
    explorer.pick("Pearl")
    assert explorer.page.locator("#details .title").inner_text() == "Zhemchug"
    assert "Nothing matches" not in explorer.page.inner_text("#status")
    assert explorer.js("window.irkg.network.getSelectedNodes()") == ["film/zhemchug"]


def test_explorer_search_takes_several_words_in_any_order(explorer: Page) -> None:
    assert explorer.js("window.irkg.find('gap 58.9')")[0] == "obs/moscow-deficit-fy2024-25"
    assert explorer.js("window.irkg.find('$58.9 billion')")[0] == "obs/moscow-deficit-fy2024-25"
    assert explorer.js("window.irkg.find('trade 2021')")[0] == "obs/moscow-trade-total-2021"


def test_explorer_search_reveals_a_hidden_match_and_says_so(explorer: Page) -> None:
    explorer.filters().locator('#kinds input[data-group="Film"]').uncheck()
    assert "film/zhemchug" not in explorer.shown()
    explorer.pick("Zhemchug")
    assert "film/zhemchug" in explorer.shown()
    assert explorer.filters().locator('#kinds input[data-group="Film"]').is_checked()
    assert "was hidden by the film filter" in explorer.page.inner_text("#status")
    assert explorer.page.locator("#details .title").inner_text() == "Zhemchug"
    explorer.js("window.irkg.focusOn('bloc/eaeu', 1)")
    explorer.pick("Goyal")
    assert explorer.page.locator("#details .title").inner_text() == "Piyush Goyal"
    assert explorer.page.locator("#focusbar").is_hidden()


# -- filters and counts ------------------------------------------------------------------------


def test_explorer_counts_follow_the_filters(explorer: Page) -> None:
    total = len(explorer.shown())
    explorer.filters().locator('#kinds input[data-group="Statement"]').uncheck()
    status = explorer.page.inner_text("#status")
    statements = explorer.js(
        "window.irkg.nodes.get().filter((n) => n.category === 'Statement').length"
    )
    assert status.startswith(f"{total - statements} of {total} entities")
    assert "film/zhemchug" in explorer.shown()


def test_explorer_source_filter_leaves_no_orphans_and_reaches_the_details(explorer: Page) -> None:
    explorer.filters().locator('#sources input[data-source="moscow-diplomats-meeting"]').uncheck()
    shown = set(explorer.shown())
    assert "film/zhemchug" not in shown  # only the Moscow article mentions the film
    assert "person/piyush-goyal" in shown
    linked = explorer.js("[...new Set(window.irkg.edgeView.get().flatMap((e) => [e.from, e.to]))]")
    assert shown == set(linked)  # every entity shown has a relation shown
    explorer.js("window.irkg.select('country/india')")
    assert "from unchecked sources are left out" in explorer.page.inner_text("#details")
    sources = explorer.page.locator("#details .src").all_inner_texts()
    assert sources and not any("Moscow ¶" in line for line in sources)


@pytest.fixture(scope="module")
def ingested_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The explorer of data/ with one article ingested (its slug beside the page)."""
    from irkg.ingest.run import ingest_files

    data = tmp_path_factory.mktemp("ingested") / "data"
    shutil.copytree(ROOT / "data", data)
    report = ingest_files([RAIL_TALKS], data_dir=data, review_dir=None)
    path = data.parent / "explorer.html"
    kg = KnowledgeGraph.from_data(data, reason=False)
    path.write_text(to_explorer_html(kg.to_networkx()), encoding="utf-8")
    return path, report.documents[0][1].removeprefix("doc/")


@pytest.mark.parametrize("size", ["wide", "phone"])
def test_explorer_source_filter_shows_what_an_ingested_article_names(
    browser: Any, ingested_page: tuple[Path, str], size: str
) -> None:
    path, slug = ingested_page
    page = Page(browser, path, SIZES[size])
    page.filters().click('#legend [data-none="sources"]')
    row = page.page.locator(f'#sources input[data-source="{slug}"]')
    row.check()
    assert set(page.shown()) == {
        "country/india", "country/russia", "city/moscow", "route/instc", "city/mumbai"
    }  # fmt: skip
    label = row.locator("xpath=..").inner_text()
    assert "Rail talks resume between Delhi and Moscow" in label and "5" in label
    page.js("window.irkg.select('city/mumbai')")
    assert "Named in: Rail talks resume between Delhi and Moscow ¶2" in page.page.inner_text(
        "#details"
    )
    assert page.errors == []
    page.page.close()


def test_explorer_says_why_the_canvas_is_empty(explorer: Page) -> None:
    explorer.filters().click('#legend [data-none="sources"]')
    assert explorer.shown() == []
    assert "every source is unchecked" in explorer.page.inner_text("#empty")
    explorer.page.click("#empty button")
    assert len(explorer.shown()) == explorer.js("window.irkg.nodes.length")
    assert explorer.page.locator("#empty").is_hidden()


def test_explorer_only_shows_one_kind(explorer: Page) -> None:
    explorer.filters().hover('#kinds label:has(input[data-group="Film"])')
    explorer.filters().click('#kinds label:has(input[data-group="Film"]) .only')
    kinds = set(explorer.js("window.irkg.nodeView.get().map((n) => n.category)"))
    assert kinds == {"Film"}


# -- focus -------------------------------------------------------------------------------------


def test_explorer_focus_mode_is_small_named_laid_out_and_left_with_escape_or_back(
    explorer: Page,
) -> None:
    total = len(explorer.shown())
    home = explorer.js("window.irkg.network.getPosition('country/india')")
    explorer.js("window.irkg.focusOn('film/zhemchug')")
    focused = explorer.shown()
    assert "film/zhemchug" in focused and "country/india" in focused
    assert len(focused) < 20 < total  # not spread through the India and Russia hubs
    assert "Focused on Zhemchug" in explorer.page.inner_text("#focus-text")
    assert explorer.js("window.irkg.network.getPosition('country/india')") != home
    explorer.page.select_option("#depth", "1")
    assert len(explorer.shown()) < len(focused)  # the depth applies at once
    explorer.page.focus("#graph")
    explorer.page.keyboard.press("Escape")
    assert len(explorer.shown()) == total
    assert explorer.js("window.irkg.network.getPosition('country/india')") == home
    explorer.js("window.irkg.focusOn('film/zhemchug')")
    explorer.page.go_back()
    assert len(explorer.shown()) == total


# -- details -----------------------------------------------------------------------------------


def test_explorer_click_shows_details_with_readable_sources(explorer: Page) -> None:
    explorer.click_node("film/zhemchug")
    details = explorer.page.locator("#details").inner_text()
    assert "Zhemchug" in details
    assert "Source: India's and Russia's top diplomats meet in Moscow ¶7" in details
    for line in explorer.page.locator("#details .src").all_inner_texts():
        parts = line.removeprefix("Source: ").split("; ")
        bare = {p for p in parts if "¶" not in p}
        assert not bare & {p.split(" ¶")[0] for p in parts if "¶" in p}  # no source twice


def test_explorer_details_are_grouped_and_clickable(explorer: Page) -> None:
    explorer.js("window.irkg.select('country/india')")
    headings = explorer.page.locator("#details h3").all_inner_texts()
    assert any(h.startswith("member of (") for h in headings)
    explorer.js("document.getElementById('details').scrollTop = 400")
    explorer.page.locator("#details button.go", has_text="BRICS").first.click()
    assert explorer.page.locator("#details .title").inner_text() == "BRICS"
    assert explorer.js("document.getElementById('details').scrollTop") == 0
    explorer.page.click("#details button.back[data-dir='back']")
    assert explorer.page.locator("#details .title").inner_text() == "India"


def test_explorer_source_opens_its_title_and_paragraph(explorer: Page) -> None:
    explorer.js("window.irkg.select('film/zhemchug')")
    moscow = explorer.page.locator("#details .src button.go", has_text="diplomats meet in Moscow")
    moscow.first.click()
    details = explorer.page.locator("#details").inner_text()
    assert "India's and Russia's top diplomats meet in Moscow ¶7" in details
    assert "paragraph 7 in brief" in details.lower()
    explorer.js("window.irkg.select({source: 'background'})")
    assert "No article states these facts" in explorer.page.inner_text("#details")


def test_explorer_details_give_the_claim_each_fact_carries(explorer: Page) -> None:
    explorer.js("window.irkg.select('film/zhemchug')")
    claims = explorer.page.locator("#details .claim").all_inner_texts()
    assert claims[0] == (
        "Claim (moscow-diplomats-meeting ¶7): Zhemchug (Pearl), a Russian-Indian film, "
        "is planned to come out in autumn 2025."
    )


def test_explorer_reads_a_trade_figure_as_a_sentence(explorer: Page, kg: KnowledgeGraph) -> None:
    record = "obs/summit-india-exports-fy2024-25"
    sentence = kg.to_networkx().nodes[record]["sentence"]
    assert all(word in sentence for word in ("India", "Russia", "4.88", "FY2024-25"))
    explorer.click_node(record)
    details = explorer.page.locator("#details").inner_text()
    assert sentence in details
    assert "India-Russia Business Summit: Goyal and others ¶6" in details
    assert "obs/" not in details and "https://" not in details
    claim = "Claim (india-russia-business-summit ¶6): India's exports to Russia were 4.88 billion dollars."
    assert claim in details
    explorer.js("window.irkg.select('country/india')")
    facts = explorer.page.locator("#details li").all_inner_texts()
    assert any(fact.startswith(sentence) and claim in fact for fact in facts)


def test_explorer_marks_quotation_and_paraphrase(explorer: Page) -> None:
    explorer.js("window.irkg.select('stmt/srivastava-outcomes')")
    assert (
        explorer.page.locator("#details .sentence").inner_text().startswith("Ajay Srivastava said:")
    )
    tags = explorer.page.locator("#details .tag").all_inner_texts()
    assert [t.lower() for t in tags[:2]] == ["paraphrase", "quotation"]
    quote = explorer.page.locator("#details blockquote").first.inner_text()
    assert quote == "\u201cmanaging dependence in a fractured world\u201d \u2014 Ajay Srivastava"


# -- relations' names --------------------------------------------------------------------------

EAEU_ARMENIA = "bloc/eaeu|hasMember|country/armenia"


def _edge_names(page: Page) -> set[str]:
    return {d["id"] for d in page.drawn() if d["kind"] == "edge"}


def test_explorer_names_relations_when_zoomed_in(explorer: Page) -> None:
    explorer.zoom(0.5, "country/armenia")
    assert EAEU_ARMENIA not in _edge_names(explorer)
    explorer.js(  # zoomed in on the relation's middle, where its name goes
        """() => { const net = window.irkg.network, p = net.getPositions(["bloc/eaeu", "country/armenia"]);
        net.moveTo({ scale: 2, animation: false, position: { x: (p["bloc/eaeu"].x + p["country/armenia"].x) / 2,
        y: (p["bloc/eaeu"].y + p["country/armenia"].y) / 2 } }); }"""
    )
    assert EAEU_ARMENIA in _edge_names(explorer)


def test_explorer_names_a_relation_on_hover(explorer: Page) -> None:
    # The first relation (in id order) whose midpoint, at zoom 1, lies on that edge alone.
    edge, middle = explorer.js(
        """() => {
      const net = window.irkg.network;
      for (const id of window.irkg.edgeView.getIds().sort()) {
        const e = window.irkg.edges.get(id), p = net.getPositions([e.from, e.to]);
        const middle = { x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2 };
        net.moveTo({ position: middle, scale: 0.8 });
        const dom = net.canvasToDOM(middle);
        if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined) return [id, middle];
      }
      return [null, null];
    }"""
    )
    assert edge is not None
    assert edge not in _edge_names(explorer)
    x, y = explorer.screen_point(middle)
    explorer.page.mouse.move(x - 20, y)
    explorer.page.mouse.move(x, y, steps=5)
    assert edge in _edge_names(explorer)
    box = explorer.page.locator("#graph").bounding_box()
    explorer.page.mouse.move(box["x"] + 3, box["y"] + 3, steps=5)
    assert edge not in _edge_names(explorer)


def test_explorer_names_the_relations_of_a_clicked_node(explorer: Page) -> None:
    explorer.click_node("bloc/eaeu", scale=1)
    named = _edge_names(explorer)
    assert EAEU_ARMENIA in named
    assert "country/india|memberOf|bloc/brics" not in named


# -- zoom, keys and the address ----------------------------------------------------------------


def test_explorer_zoom_has_limits_and_a_fit_button(explorer: Page) -> None:
    fitted = explorer.js("window.irkg.network.getScale()")
    box = explorer.page.locator("#graph").bounding_box()
    explorer.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(30):
        explorer.page.mouse.wheel(0, 400)
    assert explorer.js("window.irkg.network.getScale()") >= fitted * 0.5 - 1e-6
    explorer.page.click("#zoom-fit")
    assert abs(explorer.js("window.irkg.network.getScale()") - fitted) < 1e-6
    explorer.page.click("#zoom-in")
    assert explorer.js("window.irkg.network.getScale()") > fitted


def test_explorer_works_from_the_keyboard(explorer: Page) -> None:
    explorer.page.focus("#graph")
    fitted = explorer.js("window.irkg.network.getScale()")
    explorer.page.keyboard.press("+")
    assert explorer.js("window.irkg.network.getScale()") > fitted
    explorer.page.keyboard.press("0")
    assert abs(explorer.js("window.irkg.network.getScale()") - fitted) < 1e-6
    explorer.page.keyboard.press("ArrowRight")  # nothing selected: the biggest hub
    assert explorer.page.locator("#details .title").inner_text() == "India"
    explorer.page.keyboard.press("ArrowRight")
    status = explorer.page.inner_text("#status")
    assert status.startswith("Neighbour 1 of ")
    name = status.split(": ", 1)[1].rsplit(" (", 1)[0]
    explorer.page.keyboard.press("Enter")
    assert explorer.page.locator("#details .title").inner_text() == name
    assert explorer.page.get_attribute("#status", "aria-live") == "polite"
    assert explorer.page.get_attribute("#graph", "role") == "application"


def test_explorer_address_reopens_the_same_view(explorer: Page, browser: Any) -> None:
    explorer.filters().locator('#kinds input[data-group="Film"]').uncheck()
    explorer.js("window.irkg.select('bloc/eaeu')")
    url = explorer.page.url
    again = Page(browser, PAGE)
    again.page.goto(url)
    again.page.wait_for_function("() => window.irkg !== undefined")
    assert again.page.locator("#details .title").inner_text() == "Eurasian Economic Union"
    assert not again.page.locator('#kinds input[data-group="Film"]').is_checked()
    assert again.errors == []
    again.page.close()


# -- analyst tools: relations, years, table, paths, growing, exports, chart ------------------------


def save(page: Page, click: str, folder: Path) -> Path:
    """Click what makes the page offer a file, and keep the file the browser receives."""
    with page.page.expect_download() as info:
        page.page.click(click)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def export(page: Page, fmt: str, folder: Path) -> Path:
    page.page.click("#toggle-export")
    return save(page, f'#export-menu button[data-format="{fmt}"]', folder)


def test_explorer_filters_by_relation_type(explorer: Page, kg: KnowledgeGraph) -> None:
    keys = [k for _, _, k in kg.to_networkx().edges(keys=True)]
    explorer.filters().locator('#relations input[data-relation="about"]').uncheck()
    shown = explorer.js("window.irkg.edgeView.get().map((e) => e.key)")
    assert "about" not in shown and len(shown) == len(keys) - keys.count("about")
    assert f"{len(shown)} of {len(keys)} relations" in explorer.page.inner_text("#status")
    assert "relation-off=about" in explorer.js("location.hash")
    explorer.filters().hover('#relations label:has(input[data-relation="memberOf"])')
    explorer.filters().click('#relations label:has(input[data-relation="memberOf"]) .only')
    assert set(explorer.js("window.irkg.edgeView.get().map((e) => e.key)")) == {"memberOf"}


def set_years(page: Page, first: int, last: int) -> None:
    page.js(
        """([a, b]) => { const f = document.getElementById('time-from'), t = document.getElementById('time-to');
        t.value = String(b); t.dispatchEvent(new Event('input'));
        f.value = String(a); f.dispatchEvent(new Event('input')); }""",
        [first, last],
    )


def test_explorer_years_filter_keeps_what_is_dated_in_them(
    explorer: Page, kg: KnowledgeGraph
) -> None:
    network = kg.to_networkx()
    dated = {n: d["when"] for n, d in network.nodes(data=True) if "when" in d}
    assert dated["obs/summit-trade-total-fy2024-25"] == ["2024-04-01", "2025-03-31"]
    set_years(explorer, 2030, 2030)
    shown = set(explorer.shown())
    assert {n for n in dated if n in shown} == {"period/2030", "target/trade-100bn-2030"}
    assert "country/india" in shown  # undated entities always show
    assert "only 2030" in explorer.page.inner_text("#time-text")
    assert "years=2030-2030" in explorer.js("location.hash")
    explorer.filters().locator("#time-bars .tick").first.click()  # the bar of 2021
    years = {n for n in dated if n in set(explorer.shown())}
    assert "obs/moscow-deficit-2021" in years and "period/fy2024-25" not in years
    explorer.pick("58.9")  # a figure of FY2024-25: picking it shows it again, and says why
    assert "the years chosen" in explorer.page.inner_text("#status")
    assert "obs/moscow-deficit-fy2024-25" in explorer.shown()


def test_explorer_table_sorts_filters_and_saves_csv(explorer: Page, tmp_path: Path) -> None:
    explorer.page.click("#toggle-table")
    assert explorer.page.locator("#table-view").is_visible()
    rows = explorer.page.locator("#table-body tr")
    assert rows.count() == len(explorer.js("window.irkg.edgeView.getIds()"))
    explorer.page.click('#table-head th[data-key="relation"] button')
    relations = explorer.page.locator("#table-body tr td:nth-child(3)").all_inner_texts()
    assert relations == sorted(relations, key=str.casefold)
    assert (
        explorer.page.get_attribute('#table-head th[data-key="relation"]', "aria-sort")
        == "ascending"
    )
    explorer.page.fill("#table-filter", "zhemchug")
    texts = rows.all_inner_texts()
    assert texts and all("zhemchug" in row.casefold() for row in texts)
    saved = save(explorer, "#table-csv", tmp_path)
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(texts) and all(r["subject_id"] and r["relation_key"] for r in table)
    assert any(r["subject"] == "Zhemchug" and "Moscow ¶7" in r["sources"] for r in table)
    explorer.page.fill("#table-filter", "")
    explorer.js("window.irkg.select('film/zhemchug')")
    explorer.page.select_option("#table-scope", "selection")
    degree = len(explorer.js("window.irkg.network.getConnectedEdges('film/zhemchug')"))
    assert rows.count() == degree
    assert "table=1" in explorer.js("location.hash")
    explorer.page.fill("#table-filter", "russia")
    explorer.page.click('#table-head th[data-key="object"] button')
    explorer.page.click('#table-head th[data-key="object"] button')
    explorer.page.reload()
    explorer.page.wait_for_function("() => window.irkg !== undefined")
    assert explorer.page.input_value("#table-filter") == "russia"
    assert explorer.page.input_value("#table-scope") == "selection"
    assert (
        explorer.page.get_attribute('#table-head th[data-key="object"]', "aria-sort")
        == "descending"
    )
    assert saved.read_bytes().startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    explorer.page.click("#toggle-table")  # back to the graph
    assert explorer.page.locator("#table-view").is_hidden()


def test_explorer_finds_the_shortest_and_next_shortest_path(
    explorer: Page, kg: KnowledgeGraph, browser: Any
) -> None:
    undirected = nx.Graph(kg.to_networkx())
    length = nx.shortest_path_length(undirected, "film/zhemchug", "person/piyush-goyal")
    explorer.pick("Zhemchug")
    explorer.page.click("#details button.action >> text=Path from here")
    explorer.pick("Piyush Goyal")
    assert explorer.page.inner_text("#details .title") == "Zhemchug → Piyush Goyal"
    headings = explorer.page.locator("#details h2").all_inner_texts()
    assert headings[0].casefold() == f"shortest: {length} steps"
    assert headings[1].casefold().startswith("next shortest:")
    steps = explorer.page.locator("#details ol").first.locator("li").all_inner_texts()
    assert len(steps) == length and all("Source:" in s for s in steps)
    path = explorer.js("window.irkg.path('film/zhemchug', 'person/piyush-goyal')")
    assert len(path) == length + 1 and nx.is_path(undirected, path)
    for end in ("film/zhemchug", "person/piyush-goyal"):  # the view fits the whole path
        x, y = explorer.screen_point(explorer.js(f"window.irkg.network.getPosition('{end}')"))
        box = explorer.page.locator("#graph").bounding_box()
        assert (
            box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
        )
    explorer.zoom(1.0, "film/zhemchug")
    strong = {d["id"] for d in explorer.drawn() if d["kind"] == "node"}
    fonts = {t["text"]: t["font"] for t in explorer.canvas_texts()}
    assert "film/zhemchug" in strong and fonts["Zhemchug"].startswith("600")
    address = explorer.js("location.href")
    again = Page(browser, PAGE)
    again.page.goto(address)
    again.page.reload()
    again.page.wait_for_function("() => window.irkg !== undefined")
    assert again.page.inner_text("#details .title") == "Zhemchug → Piyush Goyal"
    again.page.close()
    explorer.page.go_back()  # one step back: the entity the path started from
    assert explorer.page.inner_text("#details .title") == "Zhemchug"


def test_explorer_grows_the_view_a_few_neighbours_at_a_time(
    explorer: Page, kg: KnowledgeGraph
) -> None:
    network = nx.Graph(kg.to_networkx())
    explorer.pick("Zhemchug")
    explorer.page.click("#details button.action >> text=Grow from here")
    first = set(explorer.shown())
    assert "grow=film%2Fzhemchug" in explorer.js("location.hash")
    assert "film/zhemchug" in first and len(first) == 1 + min(8, network.degree("film/zhemchug"))
    badges = {d["id"]: d["text"] for d in explorer.drawn() if d["kind"] == "more"}
    india_left = len(set(network["country/india"]) - first)
    assert badges["country/india"] == f"+{india_left}"
    assert overlaps(explorer.drawn()) == []
    explorer.click_node("country/india", scale=1.0)
    grown = set(explorer.shown())
    assert first < grown and len(grown - first) == 8
    assert "Growing from Zhemchug" in explorer.page.inner_text("#focusbar")
    explorer.page.keyboard.press("Escape")
    explorer.page.keyboard.press("Escape")
    assert len(explorer.shown()) == network.number_of_nodes()


def test_explorer_exports_the_view(explorer: Page, kg: KnowledgeGraph, tmp_path: Path) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS

    explorer.filters().hover('#kinds label:has(input[data-group="Person"])')
    explorer.filters().click('#kinds label:has(input[data-group="Person"]) .only')
    explorer.filters().locator('#kinds input[data-group="Post"]').check()
    shown, edges = set(explorer.shown()), explorer.js("window.irkg.edgeView.getIds()")
    turtle = Graph().parse(export(explorer, "ttl", tmp_path), format="turtle")
    assert len(set(turtle.subjects(RDFS.label, None))) == len(shown)
    relations = [
        t
        for t in turtle
        if t[1] not in (RDFS.label, URIRef(str(RDFS) + "type"))
        and str(t[1]).startswith("https://w3id.org/irkg/ontology#")
        and t[1] != URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    ]
    assert len(relations) == len(edges)
    assert all(
        triple in kg.dataset for triple in relations
    )  # the view's facts, as the graph states them
    drawing = ElementTree.parse(export(explorer, "svg", tmp_path)).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    marks = drawing.findall(f"{svg}circle") + drawing.findall(f"{svg}polygon")
    assert len(marks) == len(shown) and drawing.findall(f"{svg}polygon")  # posts are squares
    assert len([e for e in drawing.findall(f"{svg}line") if e.get("marker-end")]) == len(edges)
    assert "Piyush Goyal" in {e.text for e in drawing.findall(f"{svg}text")}
    explorer.page.click("#toggle-export")
    explorer.page.mouse.click(5, 300)  # a click elsewhere closes the menu
    assert explorer.page.locator("#export-menu").is_hidden()
    picture = export(explorer, "png", tmp_path).read_bytes()
    assert picture.startswith(b"\x89PNG") and len(picture) > 5_000
    with export(explorer, "csv", tmp_path).open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(edges)
    assert [u for u in explorer.requests if not u.startswith(("file:", "blob:"))] == []


def test_explorer_draws_the_trade_figures_as_a_chart(explorer: Page, kg: KnowledgeGraph) -> None:
    figures = [f for f in kg.trade() if "US dollars" in f.unit]
    explorer.filters().click("#show-chart")
    units = explorer.page.locator("#details h2").all_inner_texts()
    assert [u.casefold() for u in units] == ["in billion us dollars", "in trillion us dollars"]
    bars = explorer.page.locator("#details ul.chart li")
    assert bars.count() >= len(figures)
    assert any("68.7" in b for b in bars.all_inner_texts())
    assert "chart=1" in explorer.js("location.hash")
    bars.filter(has_text="per the summit report").first.locator("button").click()
    assert explorer.page.text_content("#details .kind") == "trade observation"
    explorer.page.go_back()
    assert explorer.page.text_content("#details .title") == "Trade figures"


@pytest.mark.parametrize("size", SIZES)
def test_explorer_tools_fit_every_window_size(browser: Any, size: str) -> None:
    page = Page(browser, PAGE, SIZES[size])
    width = SIZES[size][0]
    for button in ("#toggle-table", "#toggle-export"):
        box = page.page.locator(button).bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    page.page.click("#toggle-table")
    table = page.page.locator("#table-view").bounding_box()
    assert table is not None and table["width"] >= min(600, width - 20) * 0.9
    assert page.js("document.documentElement.scrollWidth") <= width
    page.page.click("#toggle-table")
    page.page.click("#toggle-export")
    menu = page.page.locator("#export-menu").bounding_box()
    assert menu is not None and menu["x"] >= 0 and menu["x"] + menu["width"] <= width
    page.page.keyboard.press("Escape")
    page.pick("Zhemchug")
    page.page.click("#details button.action >> text=Grow from here")
    grown = set(page.shown())
    assert page.page.locator("#focusbar").is_visible() and "film/zhemchug" in grown
    assert grown - {"film/zhemchug"} == set(
        page.js("window.irkg.network.getConnectedNodes('film/zhemchug')")
    )
    page.page.click("#show-all")
    page.page.click("#details button.action >> text=Path from here")
    page.pick("Piyush Goyal")
    assert page.page.locator("#details").is_visible()
    assert page.page.inner_text("#details .title") == "Zhemchug \u2192 Piyush Goyal"
    page.pick("Awara")  # a picked entity is drawn where the details do not cover it
    x, y = page.screen_point(page.js("window.irkg.network.getPosition('film/awara')"))
    panel = page.page.locator("#details").bounding_box()
    assert panel is not None and not (
        panel["x"] <= x <= panel["x"] + panel["width"] and panel["y"] <= y
    )
    if page.page.locator("#show-chart").is_hidden():
        page.page.click("#toggle-legend")
    page.page.click("#show-chart")
    assert page.page.locator("#details").is_visible()
    assert page.page.text_content("#details .title") == "Trade figures"
    assert page.errors == []
    page.page.close()


# -- any RDF graph -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def foreign_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The explorer of 2,000 schema.org, FOAF and unknown-vocabulary entities."""
    folder = tmp_path_factory.mktemp("foreign")
    kg = KnowledgeGraph(load_rdf_files([write_foreign_graph(folder / "people.ttl")]))
    path = folder / "foreign.html"
    path.write_text(to_explorer_html(kg.to_networkx()), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", SIZES)
def test_explorer_reads_a_foreign_graph_at_every_window_size(
    browser: Any, foreign_page: Path, size: str
) -> None:
    page = Page(browser, foreign_page, SIZES[size])
    assert [u for u in page.requests if not u.startswith("file:")] == []
    assert page.js("document.getElementById('status').textContent").startswith("2,000 entities")
    legend = page.page.locator("#legend").inner_text(timeout=1000) if size != "phone" else ""
    if size == "wide":
        assert "gadget" in legend and "person" in legend
    drawn = page.drawn()
    assert str(HUB) in {d["id"] for d in drawn if d["kind"] == "node"}
    assert overlaps(drawn) == []
    assert page.search("Freund Null")[0] == "Friend Zero"  # found by its German name
    page.pick("Person 4")
    assert page.page.locator("#details .title").inner_text() == "Person 4"
    details = page.page.locator("#details").inner_text()
    assert "birth date" in details and "1954-01-05" in details
    assert "IRI: http://example.org/person/p4" in details
    assert "works for" in details
    assert page.errors == []
    page.page.close()


def test_explorer_shows_a_hostile_foreign_vocabulary_as_text(browser: Any, tmp_path: Path) -> None:
    """Class and property labels and literal values of a foreign file are data, never markup."""
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(
        """@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Evil a rdfs:Class ; rdfs:label "<img src=x onerror=\\"window.__xss=1\\">" .
ex:says rdfs:label "</script><script>window.__xss=2</script>" .
ex:a a ex:Evil ; rdfs:label "A" ; ex:note "<b onmouseover=alert(1)>x</b>" ; ex:says ex:b .
ex:b rdfs:label "B" .
""",
        encoding="utf-8",
    )
    graph = KnowledgeGraph(load_rdf_files([hostile])).to_networkx()
    path = tmp_path / "hostile.html"
    path.write_text(to_explorer_html(graph, title="<i>hostile.ttl</i>"), encoding="utf-8")
    page = Page(browser, path)
    assert '<img src=x onerror="window.__xss=1">' in page.page.locator("#legend").inner_text()
    assert page.page.locator("h1").inner_text() == "<i>hostile.ttl</i>"
    page.pick("A")
    details = page.page.locator("#details").inner_text()
    assert "<b onmouseover=alert(1)>x</b>" in details
    assert "</script><script>window.__xss=2</script>" in details
    assert page.js("document.querySelectorAll('img, b, i, header script').length") == 0
    assert page.page.evaluate("window.__xss === undefined")
    assert page.dialogs == [] and page.errors == []
    page.page.close()


# -- small screens -----------------------------------------------------------------------------


def test_explorer_on_a_phone_puts_the_graph_first_and_panels_on_demand(browser: Any) -> None:
    page = Page(browser, PAGE, SIZES["phone"])
    assert page.page.locator("#legend").is_hidden() and page.page.locator("#details").is_hidden()
    page.page.click("#toggle-legend")
    assert page.page.locator("#legend").is_visible()
    page.pick("Zhemchug")
    assert page.page.locator("#details").is_visible()
    assert page.page.locator("#legend").is_hidden()
    assert page.page.locator("#details .title").inner_text() == "Zhemchug"
    assert page.errors == []
    page.page.close()


# -- safety ------------------------------------------------------------------------------------


def test_explorer_renders_a_hostile_label_as_text(browser: Any, tmp_path: Path) -> None:
    label = '<img src=x onerror="window.__xss=1;alert(1)">'
    graph = nx.MultiDiGraph()
    graph.add_node(
        "person/x", label=label, kind="Person", aliases=["</script><script>alert(2)</script>"]
    )
    graph.add_node("country/y", label="/*IRKG_PAGE*/ <script>/*IRKG_JS*/</script>", kind="Country")
    graph.add_edge("person/x", "country/y", key="memberOf", label="member of", sources=["a ¶1"])
    path = tmp_path / "evil.html"
    path.write_text(to_explorer_html(graph), encoding="utf-8")
    page = Page(browser, path)
    page.pick("onerror")
    assert page.page.locator("#details .title").inner_text() == label
    assert label in {t["text"] for t in page.canvas_texts()} | {d["text"] for d in page.drawn()}
    assert page.page.evaluate("window.__xss === undefined")
    assert page.dialogs == [] and page.errors == []
    assert page.page.locator("#details img").count() == 0
    page.page.close()


def test_explorer_exports_hostile_text_as_data(browser: Any, tmp_path: Path) -> None:
    """Names go into Turtle, SVG and CSV escaped for each: no injection, no formula."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS

    names = {
        "person/x": 'a "quoted" name \\ with a backslash\nand a line > " . <evil> a <x> .',
        "person/y": '=HYPERLINK("http://127.0.0.1/steal","click")',
        "country/z": "</text><script>window.__xss=1</script>",
    }
    graph = nx.MultiDiGraph()
    for node, name in names.items():
        graph.add_node(node, label=name, kind="Country" if node.startswith("country") else "Person")
    graph.add_edge("person/x", "country/z", key="citizenOf", label="citizen of", sources=[])
    graph.add_edge("person/y", "country/z", key="citizenOf", label="citizen of", sources=[])
    path = tmp_path / "evil.html"
    path.write_text(to_explorer_html(graph), encoding="utf-8")
    page = Page(browser, path)
    turtle = Graph().parse(export(page, "ttl", tmp_path), format="turtle")
    assert {str(o) for o in turtle.objects(None, RDFS.label)} == set(names.values())
    assert len(turtle) == 2 * len(names) + 2  # a type and a label each, and the two relations
    assert Literal(names["person/x"]) in set(turtle.objects(None, RDFS.label))
    drawing = ElementTree.parse(export(page, "svg", tmp_path)).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    assert all(any(name in (e.text or "") for e in drawing.iter()) for name in names.values())
    assert not list(drawing.iter(f"{svg}script"))
    with export(page, "csv", tmp_path).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["subject"] for r in rows} == {"'" + names["person/y"], names["person/x"]}
    assert page.page.evaluate("window.__xss === undefined") and page.errors == []
    page.page.close()


def test_explorer_screenshots(browser: Any, tmp_path: Path) -> None:
    """Takes the README's pictures at 1024x700; IRKG_UPDATE_SCREENSHOT=1 writes them to docs/."""
    folder = ROOT / "docs" if os.environ.get("IRKG_UPDATE_SCREENSHOT") else tmp_path
    page = Page(browser, PAGE, SIZES["laptop"])
    shots = ["explorer.png", "explorer-search.png", "explorer-figure.png"]
    page.page.screenshot(path=str(folder / "explorer.png"))
    assert page.search("jaishanker")[0] == "S. Jaishankar"  # a typo, forgiven
    page.page.screenshot(path=str(folder / "explorer-search.png"))
    page.pick("68.7")
    assert (
        page.page.locator("#details .title").inner_text().startswith("India-Russia trade in FY25")
    )
    page.page.screenshot(path=str(folder / "explorer-figure.png"))
    page.pick("Zhemchug")
    page.page.click("#details button.action >> text=Path from here")
    page.pick("Piyush Goyal")
    page.page.screenshot(path=str(folder / "explorer-path.png"))
    page.pick("Zhemchug")
    page.page.click("#toggle-table")
    page.page.select_option("#table-scope", "selection")
    page.page.screenshot(path=str(folder / "explorer-table.png"))
    shots += ["explorer-path.png", "explorer-table.png"]
    assert all((folder / name).stat().st_size > 10_000 for name in shots)
    assert page.errors == []
    page.page.close()


def test_explorer_runs_only_its_own_scripts(browser: Any, tmp_path: Path) -> None:
    """The page's Content-Security-Policy lets its three scripts run (by hash) and no
    other: a script slipped into the file does not run, an inline handler neither, and
    the explorer still works."""
    html = PAGE.read_text(encoding="utf-8")
    assert html.count("'sha256-") == 3 and "default-src 'none'" in html
    slipped = tmp_path / "explorer.html"
    slipped.write_text(
        html.replace(
            "</body>",
            "<script>window.__slipped = 1</script>"
            '<img src="data:," onerror="window.__handler = 1"></body>',
        ),
        encoding="utf-8",
    )
    page = Page(browser, slipped)
    assert page.js("[typeof window.__slipped, typeof window.__handler]") == [
        "undefined",
        "undefined",
    ]
    assert page.search("EAEU")[0] == "Eurasian Economic Union"
    assert page.errors == []
