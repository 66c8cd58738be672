"""The network page in headless Chromium (Debian's ``chromium`` driven by playwright-python),
opened from ``file://`` with every other request refused: it loads without console errors,
fetches nothing, draws the expected nodes, and its filters, search and side panel work; text
from documents never runs as markup.

Skipped, with the reason, where playwright or Chromium is absent (``.ci/run`` installs Chromium
with apt; never ``playwright install``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from kg.network import write_network
from kg.sparql import open_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "network-sample.ttl"
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                           else shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
B = "https://w3id.org/unkg/"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # a Chromium that will not start is an absent one
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "network.html"
    write_network(open_graph(SAMPLE), path)
    return path


class Page:
    """A page opened from file:// with the network refused, and what it tried and said."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def shown(self) -> list[str]:
        return self.page.evaluate("window.unkg.shownIds()")

    def status(self) -> int:
        return int(self.page.get_attribute("#status", "data-shown"))

    def click_node(self, iri: str) -> None:
        """Click where the node is drawn, as a person would."""
        pos = self.page.evaluate("(id) => window.unkg.domPosition(id)", iri)
        box = self.page.locator("#network canvas").bounding_box()
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


@pytest.fixture
def page(browser, sample_page):
    p = Page(browser, sample_page)
    yield p
    p.page.close()


def test_the_page_loads_offline_without_errors_and_asks_for_nothing(page):
    assert page.errors == [], f"console errors: {page.errors}"
    assert page.outside == [], f"the page tried to reach {page.outside}"
    assert all(u.startswith(("file:", "data:")) for u in page.requests), page.requests


SHOWN = [
    # view, nodes drawn (the sample's; the lead adds the seeds' count after the merge)
    ("citations", 13),
    ("entities", 14),
    ("all", 21),
]


@pytest.mark.parametrize(("view", "count"), SHOWN)
def test_each_view_draws_the_expected_nodes(page, view, count):
    page.page.select_option("#view", view)
    assert len(page.shown()) == count, f"the {view} view should draw {count} nodes"
    assert page.status() == count
    assert page.errors == []


TYPE_FILTERS = [
    # view, type unticked, nodes left
    ("citations", "cited-resolution", 8),
    ("citations", "draft", 11),
    ("entities", "crime-category", 10),
    ("all", "instrument", 19),
]


@pytest.mark.parametrize(("view", "type_", "left"), TYPE_FILTERS)
def test_the_type_filter_hides_nodes_of_that_type(page, view, type_, left):
    page.page.select_option("#view", view)
    page.page.uncheck(f'#type-filters input[data-type="{type_}"]')
    assert len(page.shown()) == left
    page.page.check(f'#type-filters input[data-type="{type_}"]')
    assert len(page.shown()) == dict((v, c) for v, c in SHOWN)[view]


SESSION_FILTERS = [
    # control, value, nodes drawn in the citation view: the chosen documents and what they cite
    ("#session", B + "session/GA/68", {"doc/A/RES/68/193", "doc/A/RES/46/152", "doc/A/RES/67/189"}),
    ("#year-from", "2014", {"doc/A/RES/69/197", "draft/GA/72/draft/strengthening-the-programme", "doc/A/RES/46/152",
                            "doc/A/RES/67/189", "doc/A/RES/68/193", "unts/2225/39574", "doc/A/RES/71/209",
                            "doc/E/RES/2017/19"}),
]


@pytest.mark.parametrize(("control", "value", "expected"), SESSION_FILTERS)
def test_session_and_year_choose_documents_and_what_they_cite(page, control, value, expected):
    page.page.select_option(control, value)
    assert {i[len(B):] for i in page.shown()} == expected


def test_the_search_finds_46_152_and_opens_it(page):
    page.page.fill("#search", "46/152")
    page.page.press("#search", "Enter")
    assert page.page.text_content("#panel h2") == "A/RES/46/152"
    assert page.page.evaluate("window.unkg.network.getSelectedNodes().length") == 1
    assert "Cited by (6)" in page.page.text_content("#panel")


def test_search_results_list_matches_by_label(page):
    page.page.fill("#search", "untoc")
    page.page.wait_for_selector("#search-results button")
    assert page.page.get_attribute("#search-results button", "data-node") == B + "id/instrument/UNTOC"


def test_clicking_an_entity_shows_the_paragraphs_that_mention_it(page):
    page.page.select_option("#view", "entities")
    page.click_node(B + "id/crime/trafficking-in-persons")
    panel = page.page.locator("#panel")
    assert panel.locator("h2").text_content() == "trafficking in persons"
    assert "Mentioned in 3 paragraphs of 3 documents" in panel.text_content()
    quotes = panel.locator("blockquote.paragraph").all_text_contents()
    assert "Urges States parties to the United Nations Convention against Transnational Organized Crime to counter " \
           "cybercrime and trafficking in persons with the help of the United Nations Office on Drugs and Crime;" in quotes
    assert "A/RES/69/197 · OP3" in panel.text_content(), "provenance: document and paragraph"


def test_markup_in_a_paragraph_is_shown_as_text_and_never_runs(page):
    page.page.select_option("#view", "entities")
    page.click_node(B + "id/crime/trafficking-in-persons")
    quotes = page.page.locator("#panel blockquote.paragraph").all_text_contents()
    assert any(q.startswith("Condemns <script>alert(1)</script> the <b>bold</b> & persistent") for q in quotes)
    assert page.page.locator("#panel script, #panel b, #panel img").count() == 0
    assert page.page.evaluate("window.injected") is None
    assert page.dialogs == [], "an alert ran"
    assert page.errors == []


def test_a_title_closing_the_script_element_is_shown_as_text(page):
    page.page.fill("#search", "GA 72 draft")
    page.page.press("#search", "Enter")
    assert page.page.text_content("#panel .title") == \
        "Strengthening the programme </script><script>window.injected = true</script>"
    assert page.page.evaluate("window.injected") is None


def test_hovering_shows_the_full_title_as_text(page):
    draft = B + "draft/GA/72/draft/strengthening-the-programme"
    pos = page.page.evaluate("(id) => window.unkg.domPosition(id)", draft)
    box = page.page.locator("#network canvas").bounding_box()
    page.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tip = page.page.locator(".vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert "Strengthening the programme </script><script>window.injected = true</script>" in tip.text_content()
    assert tip.locator("script").count() == 0
    assert page.page.evaluate("window.injected") is None


def test_clicking_a_document_in_the_panel_opens_it(page):
    page.page.fill("#search", "46/152")
    page.page.press("#search", "Enter")
    page.page.click("#panel button.link:text-is('68/193')")
    assert page.page.text_content("#panel h2") == "A/RES/68/193"


# ---------------------------------------------------------------------------------------------
# a capped page

@pytest.fixture(scope="module")
def capped_page(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_network", ROOT / "bench" / "bench_network.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path_factory.mktemp("capped") / "network.html"
    write_network(bench.synthetic_graph(400), path, max_nodes=60)
    return path


def test_a_capped_page_says_so_and_the_search_reaches_the_rest(browser, capped_page):
    p = Page(browser, capped_page)
    try:
        assert len(p.shown()) == 60
        note = p.page.locator("#cap-note")
        assert note.is_visible() and "the page draws the 60 most cited" in note.text_content()
        hidden = p.page.evaluate("""() => { const shown = new Set(window.unkg.shownIds());
            return window.unkg.data.nodes.find(n => n.type === 'resolution' && !shown.has(n.id)).symbol; }""")
        p.page.fill("#search", hidden)
        p.page.press("#search", "Enter")
        assert p.page.text_content("#panel h2") == hidden
        assert len(p.shown()) == 61, "the node found is drawn with the others"
        assert p.errors == [] and p.outside == []
    finally:
        p.page.close()


def test_a_capped_page_filters_by_year_beyond_the_cap(browser, capped_page):
    p = Page(browser, capped_page)
    try:
        first = set(p.shown())
        years = p.page.evaluate("() => [...new Set(window.unkg.data.nodes.filter(n => n.year).map(n => n.year))].sort()")
        p.page.select_option("#year-from", str(years[-1]))
        now = set(p.shown())
        assert now and now - first, "the year filter draws nodes that the capped view left out"
    finally:
        p.page.close()


# ---------------------------------------------------------------------------------------------
# the sample corpus, built with kg build

def test_the_page_of_the_sample_corpus(browser, tmp_path):
    from kg.cli import main
    from kg.network import read_network, view_graph

    build = tmp_path / "build"
    assert main(["build", str(ROOT / "data"), "--out", str(build)]) == 0, "kg build of data/ failed"
    write_network(build, tmp_path / "network.html")
    expected = view_graph(read_network(build).graph, "citations").number_of_nodes()
    p = Page(browser, tmp_path / "network.html")
    try:
        assert p.errors == [] and p.outside == []
        assert len(p.shown()) == expected
        p.page.fill("#search", "46/152")
        p.page.press("#search", "Enter")
        assert p.page.text_content("#panel h2") == "A/RES/46/152"
    finally:
        p.page.close()
