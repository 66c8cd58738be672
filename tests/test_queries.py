"""``kg query`` and the canned queries of ``queries/``: every canned query answers on the
synthetic graph and on the seeds' graph; formats, parameters, ASK, CONSTRUCT, bad queries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_graph_corpus import synthetic_records, write_jsonl

from kg.cli import main
from kg.sparql import (
    QUERIES_DIR,
    QueryError,
    bind,
    canned_queries,
    load_query,
    open_graph,
    parameters,
)

BASE = "https://w3id.org/unkg/"
DOC = BASE + "doc/"
DRAFT67 = BASE + ("draft/GA/67/revised-draft-resolution/"
                  "strengthening-the-united-nations-crime-prevention-and-criminal-justice-6aec1c27")


def run_query(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(capsys, graph: Path, name: str, *params: str) -> list[dict]:
    """The answer of a canned query as rows of plain strings (via --format json)."""
    args = [name, "--graph", str(graph), "--format", "json"]
    for p in params:
        args += ["--param", p]
    code, out, err = run_query(capsys, *args)
    assert code == 0, err
    data = json.loads(out)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("synthetic")
    write_jsonl(synthetic_records(), d / "records.jsonl")
    assert main(["build", str(d / "records.jsonl"), "--out", str(d / "build"), "--store", "-q"]) == 0
    return d / "build"


# -- the canned queries --------------------------------------------------------------------

def test_there_are_at_least_twelve_canned_queries_each_with_a_header():
    queries = canned_queries()
    assert len(queries) >= 12
    for name, q in queries.items():
        header = q.text.split("\nPREFIX", 1)[0]
        assert header.startswith(f"# {name}: "), f"{name}.rq should open with '# {name}: what it answers'"
        assert "# Parameters:" in header, f"{name}.rq should say what parameters it takes"
        assert f"kg query {name} --graph" in header, f"{name}.rq should say how to run it"
        for param, default in q.parameters.items():
            assert re.search(rf"#\s+{param}\s", header), f"{name}.rq does not document its parameter {param}"
            assert default, param


def _pref_label(type_: str, notation: str) -> str:
    from kg.vocab import load

    concept = load().get(type_, notation)
    return concept.pref_label if concept else notation


SYNTHETIC_ANSWERS = [
    # (query, params, column, expected values in order)
    ("citing-documents", [], "document", [DOC + "A/RES/67/189", DRAFT67, DOC + "A/RES/68/193"]),
    ("citing-documents", ["target=CCPCJ 22/7"], "document", [DOC + "A/RES/68/193", DOC + "E/RES/2014/17"]),
    ("citing-documents", ["target=UNTS 2225/39574"], "paragraphs", ["FN1"]),
    ("most-cited", [], "label", ["A/RES/46/152", "A/RES/65/230", "CCPCJ resolution 22/7", "A/RES/67/189", "A/RES/68/193"]),
    ("most-cited", [], "citedBy", ["3", "2", "2", "1", "1"]),
    ("most-cited", ["class=unkg:Report"], "label", ["A/68/136", "A/68/457"]),
    ("citation-chain", ["start=E/RES/2014/17"], "label",
     ["A/RES/68/193", "CCPCJ resolution 22/7", "A/RES/67/189", "A/RES/65/230", "A/RES/46/152"]),
    ("citation-chain", ["start=E/RES/2014/17"], "how", ["direct", "direct", "indirect", "indirect", "indirect"]),
    # an instrument's name is its preferred label in the vocabulary
    ("instruments-per-document", [], "name",
     [_pref_label("instrument", n) for n in
      ("SALVADOR-DECLARATION", "UNTOC", "SALVADOR-DECLARATION", "UNTOC", "UNTOC", "CULTURAL-PROPERTY-GUIDELINES")]),
    ("crime-timeline", [], "year", ["2012", "2012", "2013", "2013", "2014"]),
    ("crime-timeline", [], "documents", ["2", "2", "1", "1", "1"]),
    ("crime-first-appearance", [], "category",
     [f"{BASE}id/crime/{c}" for c in ("cybercrime", "trafficking-in-persons", "corruption", "trafficking-in-cultural-property")]),
    ("crime-first-appearance", [], "first", ["2012", "2012", "2013", "2014"]),
    ("bodies-addressed", [], "body", [BASE + "id/body/UNODC", BASE + "id/body/CCPCJ"]),
    ("bodies-addressed", [], "paragraphs", ["3", "1"]),
    ("bodies-addressed", ["function=clause:welcomes"], "body", [BASE + "id/body/UNODC"]),
    ("draft-sponsors", [], "sponsors", ["4"]),
    ("draft-sponsors", [], "adoptedAs", ["A/RES/67/189"]),
    ("draft-sponsors", ["sponsor=Narnia"], "draft", []),
    ("paragraphs-mentioning", [], "where", ["PP3", "PP2", "PP3"]),
    ("paragraphs-mentioning", ["concept=body:CCPCJ"], "label", ["A/RES/68/193", "E/RES/2014/17"]),
    ("paragraphs-mentioning", [f"concept={BASE}id/crime/corruption"], "text",
     ["Urges Member States to combat trafficking in persons and corruption;"]),
    ("drafts-adopted", [], "resolution", [DOC + "A/RES/67/189"]),
    ("drafts-adopted", [], "kind", ["revised draft resolution"]),
    ("treaty-series", [], "entries", ["2225/39574"]),
    ("treaty-series", [], "instrument", [BASE + "id/instrument/UNTOC"]),
    ("documents-per-session", [], "label",
     ["Economic and Social Council, 2014 session", "General Assembly, 67th session",
      "General Assembly, 67th session", "General Assembly, 68th session"]),
    ("documents-per-session", [], "kind", ["resolution", "resolution", "revised draft resolution", "resolution"]),
    ("citing-verbs-over-time", [], "year", ["2012", "2013"]),
    ("citing-verbs-over-time", [], "citations", ["2", "1"]),
    ("citing-verbs-over-time", ["target=CCPCJ 22/7"], "verb", ["Taking note", "Requests"]),
    ("citation-functions", [], "function", ["reaffirms", "recalls", "requests", "takes-note", "takes-note"]),
    ("document-outline", [], "id", ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]),
    ("document-outline", [], "citations", ["2", "0", "1", "1", "0", "0"]),
    ("document-outline", ["symbol=E/RES/2014/17"], "verb", ["Recalling", "Concerned", "Encourages", "Requests"]),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), SYNTHETIC_ANSWERS)
def test_canned_queries_answer_on_the_synthetic_graph(capsys, synthetic, name, params, column, expected):
    got = [r.get(column, "") for r in rows(capsys, synthetic, name, *params)]
    assert got == expected, f"kg query {name} {' '.join(params)}: {column} should be {expected}"


def test_every_canned_query_is_tested_on_the_synthetic_graph():
    tested = {name for name, *_ in SYNTHETIC_ANSWERS} | {"cites-ask", "citation-network"}
    assert set(canned_queries()) <= tested


@pytest.mark.parametrize(("params", "answer"), [
    ([], "true\n"),
    (["citing=E/RES/2014/17", "cited=A/RES/68/193"], "true\n"),
    (["citing=E/RES/2014/17", "cited=A/RES/46/152"], "false\n"),
])
def test_ask_queries_print_true_or_false(capsys, synthetic, params, answer):
    args = ["cites-ask", "--graph", str(synthetic)]
    for p in params:
        args += ["--param", p]
    code, out, _err = run_query(capsys, *args)
    assert code == 0 and out == answer


def test_ask_answers_in_the_sparql_json_format(capsys, synthetic):
    code, out, _ = run_query(capsys, "cites-ask", "--graph", str(synthetic), "--format", "json")
    assert json.loads(out) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(("fmt", "rdf"), [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                          ("jsonld", ox.RdfFormat.JSON_LD)])
def test_construct_queries_print_a_graph(capsys, synthetic, fmt, rdf):
    code, out, _ = run_query(capsys, "citation-network", "--graph", str(synthetic), "--format", fmt)
    assert code == 0
    triples = list(ox.parse(input=out.encode(), format=rdf))
    cites = {(t.subject.value, t.object.value) for t in triples if t.predicate.value.endswith("#cites")}
    assert (DOC + "E/RES/2014/17", DOC + "A/RES/68/193") in cites
    assert len(cites) == 12  # 6 targets of 68/193, 2 each of 67/189, its draft and ECOSOC 2014/17


# -- formats, inputs, errors --------------------------------------------------------------

def test_json_is_the_sparql_query_results_json_format(capsys, synthetic):
    code, out, _ = run_query(capsys, "most-cited", "--graph", str(synthetic), "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["cited", "label", "year", "citedBy"]
    first = data["results"]["bindings"][0]
    assert first["cited"] == {"type": "uri", "value": DOC + "A/RES/46/152"}
    assert first["citedBy"] == {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_csv_and_table_formats(capsys, synthetic):
    _, out, _ = run_query(capsys, "most-cited", "--graph", str(synthetic), "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "cited,label,year,citedBy"
    assert lines[1] == f"{DOC}A/RES/46/152,A/RES/46/152,1991,3"
    _, out, _ = run_query(capsys, "most-cited", "--graph", str(synthetic))
    table = out.splitlines()
    assert table[0].split() == ["cited", "label", "year", "citedBy"]
    assert set(table[1]) <= {"-", " "}
    assert table[2].split() == [f"{DOC}A/RES/46/152", "A/RES/46/152", "1991", "3"]
    _, out, _ = run_query(capsys, "most-cited", "--graph", str(synthetic), "--format", "tsv")
    assert out.splitlines()[0] == "?cited\t?label\t?year\t?citedBy"


def test_a_query_runs_from_a_file_from_inline_text_and_by_name(capsys, synthetic, tmp_path):
    q = tmp_path / "count.rq"
    q.write_text("SELECT (COUNT(?d) AS ?n) WHERE { ?d unkg:inCorpus true }\n", encoding="utf-8")
    for spec in (str(q), q.read_text(encoding="utf-8")):
        code, out, _ = run_query(capsys, spec, "--graph", str(synthetic), "--format", "csv")
        assert (code, out.splitlines()) == (0, ["n", "4"])
    code, out, _ = run_query(capsys, str(QUERIES_DIR / "drafts-adopted.rq"), "--graph", str(synthetic), "--format", "csv")
    assert code == 0 and "A/RES/67/189" in out


@pytest.mark.parametrize("graph", ["build", "graph.ttl", "graph.nq", "store"])
def test_the_same_answer_from_the_build_directory_a_file_or_the_store(capsys, synthetic, graph):
    if graph == "graph.nq" and not (synthetic / "graph.nq").exists():
        assert main(["build", str(synthetic.parent / "records.jsonl"), "--out", str(synthetic), "--format", "nq",
                     "--store", "-q"]) == 0
    path = synthetic if graph == "build" else synthetic / graph
    got = [r["citedBy"] for r in rows(capsys, path, "most-cited")]
    assert got == ["3", "2", "2", "1", "1"]


def test_open_graph_takes_a_store_directory_directly(synthetic):
    store = open_graph(synthetic / "store")
    assert isinstance(store, ox.Store) and len(store) > 1000


@pytest.mark.parametrize(("args", "message"), [
    (["SELECT ?x WHERE { ?x ?y }"], "kg query: syntax error in the query: "),
    (["most-cited", "--param", "nope=1"], "kg query: unknown parameter 'nope' (this query takes: class)"),
    (["most-cited", "--param", "class=Resolution"], "kg query: parameter 'class' takes an IRI"),
    (["most-cited", "--param", "class"], "kg query: --param 'class' is not NAME=VALUE"),
    (["no-such-query"], "kg query: 'no-such-query' is neither a query file, nor a canned query"),
    (["missing.rq"], "kg query: missing.rq: cannot read the query file"),
    (["most-cited", "--format", "ttl"], "kg query: --format ttl is for CONSTRUCT and DESCRIBE queries"),
])
def test_bad_queries_get_one_line_naming_the_problem(capsys, synthetic, args, message):
    code, out, err = run_query(capsys, *args, "--graph", str(synthetic))
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err


def test_a_missing_graph_is_one_line(capsys, tmp_path):
    code, _, err = run_query(capsys, "most-cited", "--graph", str(tmp_path / "nowhere"))
    assert code == 1 and err == f"kg query: {tmp_path / 'nowhere'}: no such graph, build directory or store\n"


def test_list_names_every_canned_query_with_its_parameters(capsys):
    code, out, _ = run_query(capsys, "--list")
    assert code == 0
    for name in canned_queries():
        assert re.search(rf"^{re.escape(name)}\s", out, re.M)
    assert 'parameters: target="A/RES/46/152"' in out


def test_show_prints_the_query_with_its_parameters_bound(capsys):
    code, out, _ = run_query(capsys, "citing-documents", "--param", "target=A/RES/67/189", "--show")
    assert code == 0 and 'VALUES ?target { "A/RES/67/189" }' in out


@pytest.mark.parametrize(("default", "value", "term"), [
    ('"A/RES/46/152"', 'say "hi"', '"say \\"hi\\""'),
    ("instrument:UNTOC", "body:UNODC", "body:UNODC"),
    ("instrument:UNTOC", "https://w3id.org/unkg/id/body/GA", "<https://w3id.org/unkg/id/body/GA>"),
    ("10", "25", "25"),
    ("UNDEF", "Austria", '"Austria"'),
    ("UNDEF", "clause:requests", "clause:requests"),
    ('"x"', "UNDEF", "UNDEF"),
])
def test_parameters_are_bound_as_terms_of_their_default_kind(default, value, term):
    text = f"SELECT * WHERE {{ VALUES ?p {{ {default} }} ?s ?q ?p }}"
    assert parameters(text) == {"p": default}
    assert bind(text, {"p": value}) == f"SELECT * WHERE {{ VALUES ?p {{ {term} }} ?s ?q ?p }}"


def test_a_number_parameter_refuses_words():
    with pytest.raises(QueryError, match="takes a whole number"):
        bind("SELECT * WHERE { VALUES ?n { 10 } }", {"n": "ten"})


def test_load_query_tells_files_names_and_text_apart(tmp_path):
    assert load_query("most-cited")[1] == "most-cited"
    assert load_query("ASK { ?s ?p ?o }")[1] == "the query"
    assert load_query("# a comment\nPREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p ?o }")[1] == "the query"


# -- the seeds' graph ----------------------------------------------------------------------

GOLD_TARGET = re.compile(r"^GA:(.+)$")


def gold_label(key: str) -> str | None:
    """The graph's label of a cited resolution the gold names by key (GA:46/152, SC:1373(2001)),
    without spaces."""
    family, _, number = key.partition(":")
    prefix = {"GA": "A/RES/", "ECOSOC": "E/RES/", "SC": "S/RES/", "CCPCJ": "CCPCJresolution",
              "CND": "CNDresolution"}.get(family)
    return prefix + number.replace(" ", "") if prefix else None


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, seeds_dir, gold_dir):
    out = tmp_path_factory.mktemp("seeds") / "build"
    assert main(["build", str(seeds_dir), "--out", str(out), "-q"]) == 0
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = {json.loads(p.read_text(encoding="utf-8"))["file"]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(gold_dir.glob("0*.json"))}
    return out, records, gold


def sources(capsys, graph: Path) -> dict[str, str]:
    """Document IRI -> the seed file it was read from."""
    code, out, _ = run_query(capsys, "SELECT ?d ?f WHERE { ?d unkg:inCorpus true ; prov:wasDerivedFrom/unkg:sourceFile ?f }",
                             "--graph", str(graph), "--format", "json")
    return {b["d"]["value"]: b["f"]["value"] for b in json.loads(out)["results"]["bindings"]}


def test_seeds_the_revised_draft_became_resolution_67_189(capsys, seeds):
    graph, _records, gold = seeds
    files = sources(capsys, graph)
    got = [(files[r["draft"]], r["symbol"]) for r in rows(capsys, graph, "drafts-adopted")]
    drafts = [f for f, g in gold.items() if g["doc"]["kind"] == "revised draft resolution"]
    assert got == [(drafts[0], "A/RES/67/189")]


def test_seeds_sponsors_of_the_drafts_match_the_gold(capsys, seeds):
    graph, _records, gold = seeds
    files = sources(capsys, graph)
    got = {files[r["draft"]]: int(r["sponsors"]) for r in rows(capsys, graph, "draft-sponsors")}
    expected = {f: len(g["doc"]["sponsors"]) for f, g in gold.items() if g["doc"]["sponsors"]}
    assert got == expected


def test_seeds_documents_per_session(capsys, seeds):
    graph, _records, gold = seeds
    got = sorted((r["label"], r["kind"], int(r["documents"])) for r in rows(capsys, graph, "documents-per-session"))
    expected: dict[tuple, int] = {}
    for g in gold.values():
        n = g["doc"]["session"]
        nth = {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")
        key = (f"General Assembly, {n}{nth} session", g["doc"]["kind"])
        expected[key] = expected.get(key, 0) + 1
    assert got == sorted((*k, n) for k, n in expected.items())


def test_seeds_outline_of_68_193_has_its_paragraphs_in_order(capsys, seeds):
    graph, _records, gold = seeds
    doc = next(g["doc"] for g in gold.values() if g["doc"].get("symbol") == "A/RES/68/193")
    got = rows(capsys, graph, "document-outline")
    assert len(got) == doc["preambular_paragraphs"] + doc["operative_paragraphs"]
    assert [int(r["order"]) for r in got] == list(range(1, len(got) + 1))
    assert (got[0]["id"], got[0]["verb"], got[0]["function"]) == ("PP1", "Reaffirming", "reaffirms")


def test_seeds_which_documents_cite_46_152(capsys, seeds):
    graph, records, gold = seeds
    files = sources(capsys, graph)
    got = {files[r["document"]] for r in rows(capsys, graph, "citing-documents")}
    assert got == {f for f, g in gold.items() if any(c["target"] == "GA:46/152" for c in g["citations"])}


def test_seeds_most_cited_resolutions_match_the_gold(capsys, seeds):
    graph, records, gold = seeds
    counts: dict[str, int] = {}
    for g in gold.values():
        for label in {gold_label(c["target"]) for c in g["citations"]} - {None}:
            counts[label] = counts.get(label, 0) + 1
    top = max(counts.values())
    got = rows(capsys, graph, "most-cited")
    assert int(got[0]["citedBy"]) == top
    assert {r["label"].replace(" ", "") for r in got if int(r["citedBy"]) == top} == {
        t for t, n in counts.items() if n == top}


def test_seeds_citation_chain_behind_69_197_reaches_through_68_193(capsys, seeds):
    graph, records, gold = seeds
    got = {r["label"]: r["how"] for r in rows(capsys, graph, "citation-chain")}
    assert got.get("A/RES/68/193") == "direct" and got.get("A/RES/46/152") == "direct"
    gold_68 = next(g for g in gold.values() if g["doc"].get("symbol") == "A/RES/68/193")
    gold_69 = next(g for g in gold.values() if g["doc"].get("symbol") == "A/RES/69/197")
    direct = {c["target"] for c in gold_69["citations"]}
    through = {"A/RES/" + GOLD_TARGET.match(t)[1] for t in {c["target"] for c in gold_68["citations"]} - direct
               if GOLD_TARGET.match(t)}
    assert through and all(got.get(t) == "indirect" for t in through), through


def test_seeds_verbs_citing_46_152_over_time(capsys, seeds):
    graph, records, _gold = seeds
    got = rows(capsys, graph, "citing-verbs-over-time")
    assert {r["verb"] for r in got} == {"Reaffirming"}
    assert {r.get("year") for r in got} >= {"2012", "2013", "2014"}


def test_seeds_every_document_names_untoc_in_its_second_preambular_paragraph(capsys, seeds):
    graph, records, gold = seeds
    where: dict[str, set[str]] = {}
    for r in rows(capsys, graph, "paragraphs-mentioning"):
        where.setdefault(r["label"], set()).add(r["where"])
    assert len(where) == len(gold), "every seed names UNTOC"
    assert all("PP2" in paragraphs for paragraphs in where.values()), where
    got = rows(capsys, graph, "instruments-per-document")
    assert len({r["document"] for r in got if r["instrument"].endswith("/UNTOC")}) == len(gold)


def test_seeds_treaty_series_entry_of_untoc(capsys, seeds):
    graph, records, _gold = seeds
    got = {r["instrument"].rsplit("/", 1)[-1]: r["entries"] for r in rows(capsys, graph, "treaty-series")}
    assert "2225/39574" in got.get("UNTOC", "")


def test_seeds_bodies_addressed_include_unodc_and_the_commission(capsys, seeds):
    graph, records, _gold = seeds
    got = {r["body"].rsplit("/", 1)[-1] for r in rows(capsys, graph, "bodies-addressed")}
    assert {"UNODC", "CCPCJ", "SG"} <= got


def test_seeds_crime_categories_per_year_and_first_appearance(capsys, seeds):
    graph, records, gold = seeds
    timeline = rows(capsys, graph, "crime-timeline")
    # the name is the vocabulary's label, or the concept's local name where the vocabulary lacks it
    toc_years = {r["year"] for r in timeline if r["name"].replace("-", " ") == "transnational organized crime"}
    years = {g["doc"]["adopted"][:4] for g in gold.values() if g["doc"].get("adopted")}
    assert years <= toc_years
    first = {r["name"].replace("-", " "): r["first"] for r in rows(capsys, graph, "crime-first-appearance")}
    assert first.get("transnational organized crime") == min(years)


def test_seeds_citation_functions_and_ask(capsys, seeds):
    graph, records, _gold = seeds
    functions = {r["function"] for r in rows(capsys, graph, "citation-functions")}
    assert {"reaffirms", "recalls"} <= functions
    code, out, _ = run_query(capsys, "cites-ask", "--graph", str(graph))
    assert out == "true\n"
    code, out, _ = run_query(capsys, "citation-network", "--graph", str(graph), "--format", "nt")
    assert f"<{DOC}A/RES/68/193> <https://w3id.org/unkg/ontology#cites> <{DOC}A/RES/46/152>" in out
