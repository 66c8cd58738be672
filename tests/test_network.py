"""The network page without a browser: what is read from the graph (nodes, edges, provenance),
what the page carries (views, capping, texts), that it is self-contained and escaped, and the
``kg network`` command. The page in a browser: tests/test_network_browser.py."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.network import (
    NetworkError,
    build_page_data,
    json_for_script,
    read_network,
    to_networkx,
    view_graph,
    write_network,
)
from kg.sparql import open_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "network-sample.ttl"
ROOT = Path(__file__).resolve().parent.parent
B = "https://w3id.org/unkg/"
DRAFT72 = B + "draft/GA/72/draft/strengthening-the-programme"


def synthetic_graph(nodes: int):
    """The benchmark's generator of synthetic graphs (bench/bench_network.py)."""
    spec = importlib.util.spec_from_file_location("bench_network", ROOT / "bench" / "bench_network.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_graph(nodes)


@pytest.fixture(scope="module")
def store():
    return open_graph(SAMPLE)


@pytest.fixture(scope="module")
def data(store):
    return read_network(store)


@pytest.fixture(scope="module")
def page_html(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("net") / "network.html"
    summary = write_network(store, path)
    return path.read_text(encoding="utf-8"), summary


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="unkg-data">(.*?)</script>', html, re.S)
    assert m, "the page has no data block"
    return json.loads(m.group(1))


# ---------------------------------------------------------------------------------------------
# What is read from the graph

VIEW_SIZES = [
    # view, nodes, edges (the fixture's header lists them)
    ("citations", 13, 17),  # 6 corpus documents + 7 cited only; 16 citation links + 1 adopted as
    ("entities", 14, 14),   # 6 corpus documents + 8 entities (Austria is no entity of the page)
    ("all", 21, 31),
]


@pytest.mark.parametrize(("view", "nodes", "edges"), VIEW_SIZES)
def test_each_view_has_the_documents_and_links_of_the_fixture(data, view, nodes, edges):
    g = view_graph(data.graph, view)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges), \
        f"the {view} view should have {nodes} nodes and {edges} edges"


NODES = [
    # node, type, short label, citations received (documents citing / mentioning it)
    (B + "doc/A/RES/67/189", "resolution", "67/189", 2),
    (B + "doc/A/RES/68/193", "resolution", "68/193", 1),
    (B + "doc/E/RES/2013/35", "resolution", "2013/35", 0),
    (B + "doc/A/C.3/67/L.10/Rev.1", "draft", "A/C.3/67/L.10/Rev.1", 0),
    (DRAFT72, "draft", "GA 72 draft", 0),
    (B + "doc/A/RES/46/152", "cited-resolution", "A/RES/46/152", 6),
    (B + "doc/A/RES/66/181", "cited-resolution", "A/RES/66/181", 2),
    (B + "decision/CCPCJ/22/7", "cited-resolution", "CCPCJ decision 22/7", 1),
    (B + "doc/A/67/156", "cited-document", "A/67/156", 1),
    (B + "unts/2225/39574", "cited-document", "UNTS 2225, No. 39574", 1),
    (B + "id/instrument/UNTOC", "instrument", "UNTOC", 3),
    (B + "id/instrument/UNCAC", "instrument", "UNCAC", 1),
    (B + "id/body/UNODC", "body", "UNODC", 2),
    (B + "id/body/CCPCJ", "body", "CCPCJ", 2),
    (B + "id/crime/trafficking-in-persons", "crime-category", "trafficking in persons", 3),
    (B + "id/crime/smuggling-of-migrants", "crime-category", "smuggling of migrants", 1),
]


@pytest.mark.parametrize(("node", "type_", "label", "cited_by"), NODES)
def test_nodes_are_typed_labelled_and_counted(data, node, type_, label, cited_by):
    assert node in data.graph, f"{node} is missing from the network"
    a = data.graph.nodes[node]
    assert (a["type"], a["label"], a["cited_by"]) == (type_, label, cited_by)


def test_member_states_are_not_entities_of_the_network(data):
    assert B + "id/state/AUT" not in data.graph


METADATA = [
    (B + "doc/A/RES/68/193", "year", 2013),
    (B + "doc/A/RES/68/193", "session_label", "General Assembly, 68th session"),
    (B + "doc/A/RES/68/193", "adopted", "2013-12-18"),
    (B + "doc/A/RES/68/193", "adopted_by", "GA"),
    (B + "doc/A/RES/46/152", "year", 1991),  # from the adoption date
    (B + "doc/A/RES/46/152", "resolver", "https://undocs.org/A/RES/46/152"),
    (B + "id/instrument/UNTOC", "title", "United Nations Convention against Transnational Organized Crime"),
    (B + "id/instrument/UNTOC", "notation", "UNTOC"),
    (DRAFT72, "title", "Strengthening the programme </script><script>window.injected = true</script>"),
]


@pytest.mark.parametrize(("node", "key", "value"), METADATA)
def test_metadata_for_the_side_panel(data, node, key, value):
    assert data.graph.nodes[node].get(key) == value


EDGES = [
    # from, to, kind, main function, paragraphs
    ("doc/A/RES/68/193", "doc/A/RES/46/152", "cites", "reaffirms", "PP1"),
    ("doc/A/RES/69/197", "doc/A/RES/67/189", "cites", "recalls", "PP1"),
    ("doc/A/RES/67/189", "doc/A/67/156", "cites", "notes", "OP1"),
    ("doc/A/RES/69/197", "unts/2225/39574", "cites", "footnote", "FN1"),  # in a footnote, no clause
    ("doc/A/RES/69/197", "doc/A/RES/46/152", "cites", "reaffirms", "PP1 FN2"),  # the clause says more
    ("doc/E/RES/2013/35", "decision/CCPCJ/22/7", "cites", "cites", ""),  # document level only
    ("doc/A/C.3/67/L.10/Rev.1", "doc/A/RES/67/189", "adopted_as", "adoptedAs", ""),
    ("doc/A/RES/68/193", "id/crime/trafficking-in-persons", "mentions", "mentions", "OP5"),
    ("doc/A/RES/68/193", "id/instrument/UNTOC", "mentions", "mentions", "PP2"),
    ("doc/E/RES/2013/35", "id/body/CCPCJ", "mentions", "mentions", "PP1"),
]


@pytest.mark.parametrize(("source", "target", "kind", "function", "paragraphs"), EDGES)
def test_edges_are_typed_by_clause_function_with_their_paragraphs(data, source, target, kind, function, paragraphs):
    g = data.graph
    assert g.has_edge(B + source, B + target), f"no edge {source} -> {target}"
    e = g.edges[B + source, B + target]
    assert (e["kind"], e["function"], e["paragraphs"]) == (kind, function, paragraphs)


def test_large_layouts_spread_nodes_out():
    import numpy as np
    from scipy.spatial import cKDTree

    from kg.network import layout

    g = read_network(synthetic_graph(1200)).graph  # past the size where networkx's layout is used
    pos = layout(g)
    xy = np.array(list(pos.values()))
    assert len(pos) == g.number_of_nodes() and np.isfinite(xy).all()
    nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
    assert np.median(nearest) > 20, "nodes pile up: the median distance to the nearest one is under 20 px"


def test_entity_mentions_keep_document_and_paragraph_in_order(data):
    assert [(d[len(B):], pid) for d, _part, pid in data.mentions[B + "id/crime/trafficking-in-persons"]] == [
        ("doc/A/RES/68/193", "OP5"), ("doc/A/RES/69/197", "OP3"), ("draft/GA/72/draft/strengthening-the-programme", "OP2")]


def test_function_labels_come_from_the_clause_vocabulary(data):
    assert data.function_labels["notes"] == "notes / takes note of"


def test_an_rdflib_graph_gives_the_same_network_as_a_store(data):
    import rdflib

    g = rdflib.Graph().parse(SAMPLE)
    other = read_network(g).graph
    assert sorted(other.nodes) == sorted(data.graph.nodes)
    assert sorted(other.edges) == sorted(data.graph.edges)


def test_to_networkx_is_ready_for_graphml(store):
    g = to_networkx(store, "citations")
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    assert b"A/RES/46/152" in buf.getvalue()
    assert g.number_of_nodes() == 13


SPARSE_GRAPHS = [
    # what a graph gives beyond what the shape requires, and what the network makes of it:
    # {node (after the base): (type, label)}
    ("document-level citation, no symbols or labels", """
        <https://w3id.org/unkg/doc/A/RES/70/1> a unkg:Resolution ; unkg:hasParagraph <https://w3id.org/unkg/doc/A/RES/70/1#PP1> ;
            unkg:cites <https://w3id.org/unkg/doc/A/RES/60/1> .
        <https://w3id.org/unkg/doc/A/RES/70/1#PP1> dcterms:isPartOf <https://w3id.org/unkg/doc/A/RES/70/1> .""",
     {"doc/A/RES/70/1": ("resolution", "1"), "doc/A/RES/60/1": ("cited-document", "1")}),
    ("untyped target of a reified citation", """
        <https://w3id.org/unkg/doc/A/RES/70/1> a unkg:Resolution ; unkg:symbol "A/RES/70/1" .
        <https://w3id.org/unkg/doc/A/RES/70/1#PP1> dcterms:isPartOf <https://w3id.org/unkg/doc/A/RES/70/1> ;
            unkg:paragraphId "PP1" .
        [] cito:hasCitingEntity <https://w3id.org/unkg/doc/A/RES/70/1#PP1> ;
           cito:hasCitedEntity <https://w3id.org/unkg/doc/A/70/100> .""",
     {"doc/A/RES/70/1": ("resolution", "A/RES/70/1"), "doc/A/70/100": ("cited-document", "100")}),
    ("mention by the generic property, concept typed by its class only", """
        <https://w3id.org/unkg/doc/A/RES/70/1> a unkg:Resolution ; unkg:symbol "A/RES/70/1" .
        <https://w3id.org/unkg/doc/A/RES/70/1#OP1> dcterms:isPartOf <https://w3id.org/unkg/doc/A/RES/70/1> ;
            unkg:mentions <https://w3id.org/unkg/id/x/office> .
        <https://w3id.org/unkg/id/x/office> a unkg:Body .""",
     {"doc/A/RES/70/1": ("resolution", "A/RES/70/1"), "id/x/office": ("body", "office")}),
    ("mention of a concept known only by its namespace", """
        <https://w3id.org/unkg/doc/A/RES/70/1> a unkg:Resolution ; unkg:symbol "A/RES/70/1" ;
            unkg:mentions <https://w3id.org/unkg/id/crime/piracy> , <https://w3id.org/unkg/id/place/Vienna> .""",
     {"doc/A/RES/70/1": ("resolution", "A/RES/70/1"), "id/crime/piracy": ("crime-category", "piracy")}),
]


@pytest.mark.parametrize(("what", "turtle", "expected"), SPARSE_GRAPHS, ids=[g[0] for g in SPARSE_GRAPHS])
def test_optional_values_may_be_missing(what, turtle, expected):
    import rdflib

    g = rdflib.Graph().parse(data="""
        @prefix unkg: <https://w3id.org/unkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix cito: <http://purl.org/spar/cito/> .""" + turtle, format="turtle")
    net = read_network(g).graph
    got = {n[len(B):]: (a["type"], a["label"]) for n, a in net.nodes(data=True)}
    assert got == expected, what


# ---------------------------------------------------------------------------------------------
# The page: self-contained, escaped, capped

def test_the_page_fetches_nothing_every_script_and_stylesheet_is_inline(page_html):
    html, _ = page_html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I), "a script is loaded from a file or the web"
    assert not re.search(r"<link\b", html, re.I), "a stylesheet or other resource is linked"
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html, re.I), "an element points at the web"
    styles = " ".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert not re.search(r"@import|url\(\s*(?!['\"]?data:)", styles), "a stylesheet fetches something"
    assert "sourceMappingURL" not in html, "a source map would be fetched by developer tools"
    assert "default-src 'none'" in html, "the page's security policy should refuse any fetch"
    assert "vis-network" in html and "Apache 2.0" in html, "vis-network and its licence header are inlined"


def test_the_page_has_exactly_its_three_scripts(page_html):
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.scripts = []

        def handle_starttag(self, tag, attrs):
            if tag == "script":
                self.scripts.append(dict(attrs))

    parser = Tags()
    parser.feed(page_html[0])
    assert parser.scripts == [{"type": "application/json", "id": "unkg-data"}, {}, {}], \
        "data, vis-network and the page's own script, nothing else"


INJECTIONS = [
    "<script>alert(1)</script>",
    "<b>bold</b>",
    '<img src=x onerror="window.injected=true">',
    "</script><script>window.injected = true</script>",
]


@pytest.mark.parametrize("markup", INJECTIONS)
def test_document_text_never_reaches_the_page_as_markup(page_html, markup):
    html, _ = page_html
    assert markup not in html, f"{markup!r} is in the page as markup"
    block = re.search(r'id="unkg-data">(.*?)</script>', html, re.S).group(1)
    assert not set("<>&") & set(block), "the data block holds a raw <, > or &"


def test_document_text_is_carried_as_data_and_survives_intact(page_html):
    html, _ = page_html
    texts = page_data(html)["texts"]
    assert any(t.startswith("Condemns <script>alert(1)</script> the <b>bold</b> & persistent") for t in texts)


JSON_CASES = [
    ("</script><script>x()</script>", "\\u003c/script\\u003e\\u003cscript\\u003ex()\\u003c/script\\u003e"),
    ("a & b", "a \\u0026 b"),
    ("<!-- comment", "\\u003c!-- comment"),
    ("line\u2028separator", "line\\u2028separator"),
    ("plain 46/152", "plain 46/152"),
]


@pytest.mark.parametrize(("text", "escaped"), JSON_CASES)
def test_json_for_script_escapes_what_could_end_a_script(text, escaped):
    out = json_for_script({"t": text})
    assert out == '{"t":"' + escaped + '"}'
    assert json.loads(out) == {"t": text}


def test_summary_of_the_sample(page_html):
    _, s = page_html
    assert {k: s[k] for k in ("view", "nodes_shown", "edges_shown", "nodes_in_view", "nodes_in_graph",
                              "documents", "capped")} == {
        "view": "citations", "nodes_shown": 13, "edges_shown": 17, "nodes_in_view": 13,
        "nodes_in_graph": 21, "documents": 6, "capped": False}
    assert s["paragraph_texts"] == 7  # every paragraph that mentions an entity of the sample


def test_every_node_has_a_position_and_a_pagerank_for_each_of_its_views(page_html):
    d = page_data(page_html[0])
    for n in d["nodes"]:
        assert isinstance(n["x"], float | int) and isinstance(n["y"], float | int)
        assert "all" in n["views"]
    views = {n["id"]: set(n["views"]) for n in d["nodes"]}
    assert views[B + "id/instrument/UNTOC"] == {"entities", "all"}
    assert views[B + "doc/A/RES/46/152"] == {"citations", "all"}
    assert views[B + "doc/A/RES/68/193"] == {"citations", "entities", "all"}


@pytest.mark.parametrize(("view", "nodes"), [(v, n) for v, n, _ in VIEW_SIZES])
def test_the_view_option_chooses_the_first_view(store, tmp_path, view, nodes):
    s = write_network(store, tmp_path / "n.html", view=view)
    assert (s["view"], s["nodes_in_view"], s["nodes_shown"]) == (view, nodes, nodes)
    assert page_data((tmp_path / "n.html").read_text(encoding="utf-8"))["view"] == view


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"view": "timeline"}, "unknown view 'timeline'"),
    ({"size_by": "degree"}, "unknown size measure 'degree'"),
    ({"max_nodes": 0}, "--max-nodes must be at least 1"),
])
def test_bad_options_are_refused_with_a_clear_message(store, tmp_path, kwargs, message):
    with pytest.raises(NetworkError, match=re.escape(message)):
        write_network(store, tmp_path / "n.html", **kwargs)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_graph(400)  # 100 documents, 300 cited resolutions, 60 entities


def test_a_large_view_is_capped_to_the_most_cited_nodes(synthetic):
    data = read_network(synthetic)
    page, s = build_page_data(data, max_nodes=50, graph=synthetic)
    assert (s["capped"], s["nodes_shown"], s["nodes_in_view"]) == (True, 50, 400)
    cited = sorted((n.get("cited_by", 0) for _, n in view_graph(data.graph, "citations").nodes(data=True)), reverse=True)
    assert len(page["nodes"]) == data.graph.number_of_nodes(), "the page carries every node, for the filters"
    assert page["max_nodes"] == 50
    assert cited[49] >= cited[50], "most cited first"


def test_capped_pages_carry_paragraph_text_only_for_entities_shown(synthetic):
    data = read_network(synthetic)
    page, _ = build_page_data(data, max_nodes=20, graph=synthetic, texts_per_entity=3)
    entities = [n for n in page["nodes"] if "mentions" in n]
    with_text = [n for n in entities if any(len(m) == 3 for m in n["mentions"])]
    assert 0 < len(with_text) < len(entities), "only entities among the first nodes shown carry text"
    assert all(sum(len(m) == 3 for m in n["mentions"]) <= 3 for n in entities), "at most 3 texts an entity"
    assert all(len(n["mentions"]) == len(data.mentions[n["id"]]) for n in entities), \
        "every mentioning paragraph is listed, with or without its text"


def test_size_by_pagerank_ranks_by_pagerank(synthetic):
    data = read_network(synthetic)
    page, s = build_page_data(data, max_nodes=30, size_by="pagerank")
    assert (page["size_by"], s["nodes_shown"]) == ("pagerank", 30)


def test_an_empty_graph_gives_an_empty_page(tmp_path):
    import rdflib

    s = write_network(rdflib.Graph(), tmp_path / "empty.html")
    assert (s["nodes_in_graph"], s["documents"], s["capped"]) == (0, 0, False)
    assert page_data((tmp_path / "empty.html").read_text(encoding="utf-8"))["nodes"] == []


# ---------------------------------------------------------------------------------------------
# kg network

def test_kg_network_writes_the_page_and_says_what_it_shows(tmp_path, capsys):
    out = tmp_path / "sub" / "network.html"
    assert main(["network", str(SAMPLE), "--out", str(out)]) == 0
    line = capsys.readouterr().out
    assert out.is_file()
    assert "citations view, 13 nodes and 17 edges shown" in line


def test_kg_network_reads_a_build_directory(tmp_path, capsys):
    build = tmp_path / "build"
    build.mkdir()
    (build / "graph.ttl").write_bytes(SAMPLE.read_bytes())
    assert main(["network", str(build), "--out", str(tmp_path / "n.html"), "--view", "entities", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["view"], summary["nodes_shown"]) == ("entities", 14)


def test_kg_network_says_when_the_view_is_capped(tmp_path, capsys):
    assert main(["network", str(SAMPLE), "--out", str(tmp_path / "n.html"), "--max-nodes", "5"]) == 0
    assert "capped at 5 of 13 nodes, most cited first" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["missing.ttl"], "missing.ttl: no such graph"),
    ([str(FIXTURES / "network-sample.ttl"), "--max-nodes", "-3"], "--max-nodes must be at least 1"),
])
def test_kg_network_errors_are_one_line(tmp_path, capsys, args, message):
    assert main(["network", *args, "--out", str(tmp_path / "n.html")]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_kg_network_refuses_an_unwritable_output(tmp_path, capsys):
    assert main(["network", str(SAMPLE), "--out", str(tmp_path)]) == 1  # a directory
    err = capsys.readouterr().err
    assert "cannot write the page" in err and str(tmp_path) in err


def test_kg_network_on_a_graph_that_is_not_rdf(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    assert main(["network", str(bad), "--out", str(tmp_path / "n.html")]) == 1
    assert "bad.ttl: cannot be parsed" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# The sample corpus, built with kg build

@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "build"
    assert main(["build", str(ROOT / "data"), "--out", str(out)]) == 0, "kg build of data/ failed"
    return out


def test_the_network_of_the_sample_corpus(sample_build, tmp_path):
    s = write_network(sample_build, tmp_path / "n.html")
    assert s["documents"] == 5, "data/ holds three resolutions and two drafts"
    data = read_network(open_graph(sample_build))
    cited = {a.get("symbol") for _, a in data.graph.nodes(data=True) if a["type"] == "cited-resolution"}
    assert "A/RES/46/152" in cited, "every text of the series reaffirms resolution 46/152"
    assert s["nodes_shown"] == s["nodes_in_view"] == view_graph(data.graph, "citations").number_of_nodes()
    # counted from the records alone: the five documents and every target they cite outside them
    records = [json.loads(line) for line in (sample_build / "records.jsonl").read_text().splitlines()]
    own = {r["document"]["symbol"] for r in records}
    targets = {c["target"] for r in records for c in r["citations"]} - own
    assert s["nodes_shown"] == len(records) + len(targets), "the citation view draws documents and what they cite"


def test_every_ontology_term_the_network_reads_is_in_the_ontology():
    import rdflib

    onto = rdflib.Graph().parse(ROOT / "ontology" / "unkg.ttl")
    defined = {str(s).split("#", 1)[1] for s in onto.subjects() if str(s).startswith("https://w3id.org/unkg/ontology#")}
    source = (ROOT / "kg" / "network.py").read_text(encoding="utf-8")
    used = set(re.findall(r"\bunkg:(\w+)", source)) | set(re.findall(r'UNKG \+ "(\w+)"', source))
    from kg import network

    used |= set(network._CLASS_PRIORITY) | set(network._CORPUS_CLASSES) | set(network._ENTITY_CLASSES)
    assert used - defined == set(), f"terms missing from ontology/unkg.ttl: {sorted(used - defined)}"
