"""``kg build`` through the CLI: the build directory, formats, determinism, incremental rebuilds,
bad input, atomic writes, the persistent store."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import DATA
from test_graph_corpus import synthetic_records, write_jsonl

from kg.cli import main
from kg.commands.build import atomic
from kg.sparql import execute, open_graph, select

SAMPLE_FILES = sorted(p.name for p in DATA.iterdir() if p.is_file())


def build(args: list[str], capsys=None) -> tuple[int, str]:
    code = main(["build", *args])
    err = capsys.readouterr().err if capsys is not None else ""
    return code, err


def store_triples(store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def file_triples(path: Path) -> set:
    return {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(path))}


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "build"
    assert main(["build", str(DATA), "--out", str(out), "--format", "jsonld", "--format", "nt",
                 "--format", "trig", "--format", "nq", "--quiet"]) == 0
    return out


def test_build_writes_the_graph_records_tables_graphml_and_report(sample_build):
    for name in ("graph.ttl", "graph.jsonld", "graph.nt", "graph.trig", "graph.nq", "records.jsonl",
                 "documents.csv", "paragraphs.csv", "citations.csv", "mentions.csv", "graph.graphml",
                 "report.json"):
        assert (sample_build / name).is_file(), f"kg build did not write {name}"
    r = report(sample_build)
    assert r["documents"] == 5 and r["records"] == 5 and r["failures"] == []
    assert r["triples"] > 5000
    assert set(r["seconds"]) >= {"read", "layout", "structure", "triples", "write ttl"}
    lines = (sample_build / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["source"] for line in lines) == SAMPLE_FILES


@pytest.mark.parametrize(("name", "fmt"), [
    ("graph.ttl", ox.RdfFormat.TURTLE), ("graph.nt", ox.RdfFormat.N_TRIPLES),
    ("graph.jsonld", ox.RdfFormat.JSON_LD), ("graph.trig", ox.RdfFormat.TRIG), ("graph.nq", ox.RdfFormat.N_QUADS),
])
def test_every_rendition_holds_the_same_triples(sample_build, name, fmt):
    store = ox.Store()
    store.bulk_load(path=str(sample_build / name), format=fmt)
    triples = {(q.subject, q.predicate, q.object) for q in store}
    assert len(triples) == report(sample_build)["triples"], f"{name} does not hold the graph's triples"


@pytest.mark.parametrize("name", ["graph.trig", "graph.nq"])
def test_trig_and_nquads_keep_one_named_graph_per_document(sample_build, name):
    store = ox.Store()
    store.bulk_load(path=str(sample_build / name), format=ox.RdfFormat.from_extension(name.split(".")[1]))
    graphs = sorted(g.value for g in store.named_graphs())
    documents = [g for g in graphs if "?sha256=" in g]
    assert len(documents) == 5
    assert "https://w3id.org/unkg/graph/vocabulary" in graphs and "https://w3id.org/unkg/graph/corpus" in graphs
    assert any(g.startswith("https://w3id.org/unkg/graph/doc/A/RES/68/193?sha256=") for g in documents)


def test_csv_tables_have_one_row_per_document_and_paragraph(sample_build):
    with open(sample_build / "documents.csv", encoding="utf-8") as f:
        documents = list(csv.DictReader(f))
    assert sorted(d["symbol"] for d in documents) == ["", "", "A/RES/67/189", "A/RES/68/193", "A/RES/69/197"]
    with open(sample_build / "paragraphs.csv", encoding="utf-8") as f:
        paragraphs = list(csv.DictReader(f))
    by_doc = {d["document"]: int(d["preambular_paragraphs"]) + int(d["operative_paragraphs"]) for d in documents}
    assert len(paragraphs) == sum(by_doc.values())
    pp1 = next(p for p in paragraphs if p["document"].endswith("/A/RES/68/193") and p["id"] == "PP1")
    assert pp1["verb"] == "Reaffirming" and pp1["clause_function"] == "reaffirms"
    for name in ("citations.csv", "mentions.csv"):
        header = (sample_build / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("document,where,")


def test_graphml_opens_in_networkx_with_documents_and_the_draft_link(sample_build):
    g = nx.read_graphml(sample_build / "graph.graphml")
    corpus = [n for n, d in g.nodes(data=True) if d.get("in_corpus")]
    assert len(corpus) == 5
    adopted = [(s, o) for s, o, d in g.edges(data=True) if d["relation"] == "adoptedAs"]
    assert [o for _s, o in adopted] == ["https://w3id.org/unkg/doc/A/RES/67/189"]


def test_two_builds_of_the_same_input_diff_clean(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert main(["build", str(DATA), "--out", str(out), "--format", "trig", "--format", "jsonld", "-q"]) == 0
    for path in sorted(a.iterdir()):
        if path.is_file() and path.name != "report.json":
            assert path.read_bytes() == (b / path.name).read_bytes(), f"{path.name} differs between two builds"
    ra, rb = report(a), report(b)
    for r in (ra, rb):
        r.pop("seconds")
        r.pop("out")
    assert ra == rb


def test_an_unchanged_input_reuses_its_record_and_triples(tmp_path, capsys):
    inputs = tmp_path / "in"
    shutil.copytree(DATA, inputs)
    out = tmp_path / "build"
    assert build([str(inputs), "--out", str(out), "--store"], capsys)[0] == 0
    first = (out / "graph.ttl").read_bytes()
    code, err = build([str(inputs), "--out", str(out), "--store"], capsys)
    assert code == 0 and "0 read, 5 reused" in err
    assert (out / "graph.ttl").read_bytes() == first
    assert report(out)["store"]["loaded"] == 0 and report(out)["store"]["kept"] == 5
    assert report(out)["store"]["rebuilt"] is False, "an unchanged build updates the store in place"

    # change one document: only it is read again, and the store swaps only its graph
    path = inputs / "A_RES_68_193.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Reaffirming its resolutions 46/152",
                                                             "Reaffirming its resolutions 46/152 and 46/153"),
                    encoding="utf-8")
    code, err = build([str(inputs), "--out", str(out), "--store"], capsys)
    assert code == 0 and "1 read, 4 reused" in err
    r = report(out)
    assert r["store"]["removed"] == 1 and r["store"]["loaded"] == 1 and r["store"]["kept"] == 4
    store = open_graph(out)
    text = select(store, 'SELECT ?t WHERE { <https://w3id.org/unkg/doc/A/RES/68/193#PP1> unkg:text ?t }')
    assert "46/153" in text[0]["t"]
    assert len(store) == r["store"]["quads"]
    assert r["store"]["rebuilt"] is False
    assert store_triples(store) == file_triples(out / "graph.ttl"), "the updated store holds the new graph exactly"

    # remove a document: its graph leaves the store and the files
    (inputs / "A_RES_69_197.md").unlink()
    code, err = build([str(inputs), "--out", str(out), "--store"], capsys)
    assert code == 0 and report(out)["documents"] == 4
    store = open_graph(out)
    assert not bool(execute(store, 'ASK { ?d unkg:symbol "A/RES/69/197" ; unkg:inCorpus true }'))
    assert bool(execute(store, 'ASK { ?d unkg:symbol "A/RES/68/193" ; unkg:inCorpus true }'))
    assert "A/RES/69/197" not in (out / "documents.csv").read_text(encoding="utf-8")
    assert store_triples(store) == file_triples(out / "graph.ttl")


def test_full_rebuild_reads_every_input_again(tmp_path, capsys):
    out = tmp_path / "build"
    build([str(DATA), "--out", str(out)], capsys)
    code, err = build([str(DATA), "--out", str(out), "--full"], capsys)
    assert code == 0 and "5 read, 0 reused" in err


def test_a_build_with_bad_files_writes_the_rest_and_exits_non_zero(tmp_path, capsys):
    inputs = tmp_path / "in"
    shutil.copytree(DATA, inputs)
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "build"
    code, err = build([str(inputs), str(tmp_path / "missing"), "--out", str(out)], capsys)
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("kg build: 3 of 7 inputs failed (") and "was written to" in last
    assert "empty.txt: is empty" in err and "binary.txt: is a binary file" in err
    assert "Traceback" not in err
    r = report(out)
    assert r["documents"] == 5 and len(r["failures"]) == 3
    assert (out / "graph.ttl").stat().st_size > 0


def test_records_jsonl_input_builds_the_graph_and_reports_duplicates(tmp_path, capsys):
    records = tmp_path / "records.jsonl"
    write_jsonl(synthetic_records(), records)
    out = tmp_path / "build"
    code, err = build([str(records), "--out", str(out)], capsys)
    assert code == 0
    assert "1 duplicate(s): A_RES_67_189.txt = A_RES_67_189.docx (kept A_RES_67_189.docx)" in err
    r = report(out)
    assert r["documents"] == 4 and r["duplicates"][0]["dropped"] == "A_RES_67_189.txt"
    rows = list(csv.DictReader((out / "citations.csv").read_text(encoding="utf-8").splitlines()))
    assert {row["target"] for row in rows} >= {"A/RES/46/152", "CCPCJ 22/7", "UNTS 2225/39574"}


def test_a_line_that_is_no_record_is_reported_with_its_line_number(tmp_path, capsys):
    records = tmp_path / "records.jsonl"
    write_jsonl(synthetic_records()[:1], records)
    with open(records, "a", encoding="utf-8") as f:
        f.write('{"not": "a record"}\n')
    code, err = build([str(records), "--out", str(tmp_path / "b")], capsys)
    assert code == 1 and f"{records}:2: not a record" in err
    assert report(tmp_path / "b")["documents"] == 1


def test_base_sets_the_iris_and_a_bad_base_is_one_line(tmp_path, capsys):
    out = tmp_path / "build"
    assert build([str(DATA), "--out", str(out), "--base", "http://example.org/un/"], capsys)[0] == 0
    assert "<http://example.org/un/doc/A/RES/68/193>" in (out / "graph.ttl").read_text(encoding="utf-8")
    code, err = build([str(DATA), "--out", str(tmp_path / "x"), "--base", "no base"], capsys)
    assert code == 1 and err.strip().count("\n") == 0 and "not an absolute IRI" in err


def test_validate_during_build_reports_shape_and_document(tmp_path, capsys):
    records = synthetic_records()
    records[0].citations[1].target_type = "GA resolutoin"
    path = tmp_path / "records.jsonl"
    write_jsonl(records, path)
    code, err = build([str(path), "--out", str(tmp_path / "b"), "--validate"], capsys)
    assert code == 1
    assert "invalid: https://w3id.org/unkg/doc/A/RES/68/193: shape:CitationShape on https://w3id.org/unkg/doc/A/RES/68/193#PP1.c1" in err
    assert "1 document(s) fail validation (https://w3id.org/unkg/doc/A/RES/68/193)" in err.strip().splitlines()[-1]
    assert report(tmp_path / "b")["violations"][0]["shape"] == "shape:CitationShape"


def test_a_store_outside_the_build_directory_is_found_through_the_report(tmp_path, capsys):
    out, store = tmp_path / "build", tmp_path / "elsewhere" / "store"
    assert build([str(DATA), "--out", str(out), "--store", str(store)], capsys)[0] == 0
    assert store.is_dir()
    graph = open_graph(out)
    assert isinstance(graph, ox.Store)
    assert len(graph) == report(out)["store"]["quads"]


def test_the_network_is_skipped_with_a_note_where_its_module_is_absent(sample_build):
    try:
        import kg.network  # noqa: F401
    except ImportError:
        assert any("network.html not written" in n for n in report(sample_build)["notes"])
    else:
        assert (sample_build / "network.html").is_file()


def test_atomic_writes_leave_the_old_file_whole_when_writing_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old graph\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic(target) as f:
        f.write("half a gra")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"], "no temporary file is left behind"
    with atomic(target) as f:
        f.write("new graph\n")
    assert target.read_text(encoding="utf-8") == "new graph\n"


def test_a_store_built_under_another_base_is_made_anew(tmp_path, capsys):
    out = tmp_path / "build"
    assert build([str(DATA), "--out", str(out), "--store"], capsys)[0] == 0
    assert report(out)["store"]["rebuilt"] is True
    assert build([str(DATA), "--out", str(out), "--store", "--base", "http://example.org/un/"], capsys)[0] == 0
    r = report(out)
    assert r["store"]["rebuilt"] is True and r["reused"] == 0
    store = open_graph(out)
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                if isinstance(q.subject, ox.NamedNode)}
    assert not any(s.startswith("https://w3id.org/unkg/doc/") for s in subjects)
    assert "http://example.org/un/doc/A/RES/68/193" in subjects


def test_small_builds_are_validated_and_reused_documents_keep_their_verdict(tmp_path, capsys):
    records = synthetic_records()
    records[0].citations[1].target_type = "GA resolutoin"
    path = tmp_path / "records.jsonl"
    write_jsonl(records, path)
    out = tmp_path / "b"
    code, err = build([str(path), "--out", str(out)], capsys)
    assert code == 1 and "shape:CitationShape" in err
    assert report(out)["validated"] == 4
    # the same input again: nothing is validated anew, the verdict stands
    code, err = build([str(path), "--out", str(out)], capsys)
    assert code == 1 and "shape:CitationShape" in err
    r = report(out)
    assert r["validated"] == 0 and len(r["violations"]) == 1
    code, _err = build([str(path), "--out", str(tmp_path / "c"), "--no-validate"], capsys)
    assert code == 0 and report(tmp_path / "c")["violations"] == []


def test_a_build_validated_after_one_that_was_not_validates_every_document(tmp_path, capsys):
    out = tmp_path / "b"
    assert build([str(DATA), "--out", str(out), "--no-validate"], capsys)[0] == 0
    assert report(out)["validated"] == 0
    assert build([str(DATA), "--out", str(out)], capsys)[0] == 0
    assert report(out)["validated"] == 5 and report(out)["reused"] == 5
