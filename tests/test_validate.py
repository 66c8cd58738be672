"""``kg validate``: the SHACL shapes, document by document, on the seeds' graph, the synthetic graph
and broken records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from conftest import DATA
from test_graph_corpus import synthetic_records, write_jsonl

from kg.cli import main
from kg.graph import build_dataset
from kg.ns import SHAPES_TTL, UNKG

DOC = "https://w3id.org/unkg/doc/"


def validate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validate") / "build"
    assert main(["build", str(DATA), "--out", str(out), "--store", "-q"]) == 0
    return out


def test_the_sample_corpus_graph_conforms(capsys, sample_build):
    code, _out, err = validate(capsys, str(sample_build))
    assert code == 0, err
    assert err.startswith("kg validate: 5 documents conform to the shapes")


def test_the_seeds_graph_conforms(capsys, seeds_dir, tmp_path):
    assert main(["build", str(seeds_dir), "--out", str(tmp_path / "b"), "-q"]) == 0
    code, _out, err = validate(capsys, str(tmp_path / "b" / "graph.ttl"))
    assert code == 0, err
    assert "5 documents conform" in err


def test_the_synthetic_graph_with_citations_and_mentions_conforms(capsys, tmp_path):
    write_jsonl(synthetic_records(), tmp_path / "records.jsonl")
    assert main(["build", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "b"), "--format", "nq", "-q"]) == 0
    for graph in ("b", "b/graph.ttl", "b/graph.nq"):
        code, _out, err = validate(capsys, str(tmp_path / graph))
        assert code == 0, f"{graph}: {err}"
        assert "4 documents conform" in err


def test_a_store_is_validated_graph_by_graph(capsys, sample_build):
    code, _out, err = validate(capsys, str(sample_build / "store"))
    assert code == 0 and "5 documents conform" in err


def _break(mutate):
    records = synthetic_records()
    mutate(records)
    return records


def _set_target_type(rs):
    rs[0].citations[1].target_type = "GA resolutoin"


def _empty_text(rs):
    rs[0].paragraphs[1].text = ""


def _reversed_span(rs):
    rs[4].citations[0].span = (50, 40)


def _bad_mention_type(rs):
    rs[0].mentions[1].type = "organisation"


def _bad_year(rs):
    rs[4].document.adopted = "1914-07-16"


def _bad_paragraph_id(rs):
    rs[4].paragraphs[0].id = "Preamble 1"
    rs[4].citations[0].where = "Preamble 1"


BROKEN = [
    # (what is broken, document, shape, focus, message)
    (_set_target_type, DOC + "A/RES/68/193", "shape:CitationShape", DOC + "A/RES/68/193#PP1.c1",
     "the target type is not one of the record's target types"),
    (_empty_text, DOC + "A/RES/68/193", "shape:PartShape", DOC + "A/RES/68/193#PP2", "a part needs its text"),
    (_reversed_span, DOC + "E/RES/2014/17", "shape:CitationShape", DOC + "E/RES/2014/17#PP1.c1",
     "a citation's span starts at a non-negative offset before its end"),
    (_bad_mention_type, DOC + "A/RES/68/193", "shape:MentionShape", DOC + "A/RES/68/193#PP2.m1",
     "the mention type is not one of the record's mention types"),
    (_bad_year, DOC + "E/RES/2014/17", "shape:DocumentShape", DOC + "E/RES/2014/17",
     "the year must be one integer between 1945 and 2100"),
    (_bad_paragraph_id, DOC + "E/RES/2014/17", "shape:PartShape", DOC + "E/RES/2014/17#Preamble_1",
     "the paragraph id is not one of"),
]


@pytest.mark.parametrize(("mutate", "document", "shape", "focus", "message"), BROKEN,
                         ids=[b[0].__name__.strip("_") for b in BROKEN])
def test_a_broken_record_is_caught_with_shape_focus_and_document(capsys, tmp_path, mutate, document, shape,
                                                                  focus, message):
    write_jsonl(_break(mutate), tmp_path / "records.jsonl")
    assert main(["build", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "b"), "--no-validate", "-q"]) == 0
    code, out, err = validate(capsys, str(tmp_path / "b"), "--json")
    assert code == 1
    violations = json.loads(out)
    assert len(violations) == 1, violations
    v = violations[0]
    assert (v["document"], v["shape"], v["focus"]) == (document, shape, focus)
    assert message in v["message"]
    assert err.strip().splitlines()[-1].startswith(f"kg validate: 1 violation(s) in 1 of 4 documents ({document})")


def test_violations_are_listed_one_line_each(capsys, tmp_path):
    write_jsonl(_break(lambda rs: (_set_target_type(rs), _reversed_span(rs))), tmp_path / "records.jsonl")
    main(["build", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "b"), "--no-validate", "-q"])
    code, _out, err = validate(capsys, str(tmp_path / "b"))
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0] == (f"kg validate: {DOC}A/RES/68/193: shape:CitationShape on {DOC}A/RES/68/193#PP1.c1 "
                        "unkg:targetType: the target type is not one of the record's target types (CONTRACT.md) "
                        "(value GA resolutoin)")


def test_only_the_named_documents_are_validated(capsys, tmp_path):
    write_jsonl(_break(_set_target_type), tmp_path / "records.jsonl")
    main(["build", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "b"), "--no-validate", "-q"])
    code, _out, err = validate(capsys, str(tmp_path / "b"), "--document", DOC + "E/RES/2014/17")
    assert code == 0 and "1 documents conform" in err
    code, _out, err = validate(capsys, str(tmp_path / "b"), "--document", "A/RES/68/193")
    assert code == 1


def test_every_class_the_build_emits_has_a_shape():
    shapes = rdflib.Graph().parse(SHAPES_TTL)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targeted = {str(o) for o in shapes.objects(None, sh.targetClass)}
    ontology = rdflib.Graph().parse(SHAPES_TTL.parent / "unkg.ttl")
    emitted = set()
    for graph in build_dataset(synthetic_records()).graphs[1:]:
        for line in graph.lines:
            s, p, o = line.split(" ", 2)
            if p == f"<{rdflib.RDF.type}>":
                emitted.add(o.rsplit(" ", 1)[0].strip("<>"))
    for cls in sorted(emitted):
        ancestors = {cls} | {str(c) for c in ontology.transitive_objects(rdflib.URIRef(cls), rdflib.RDFS.subClassOf)}
        assert ancestors & targeted, f"no shape targets {cls} (nor a class above it)"
    assert str(UNKG.Citation) in targeted and str(UNKG.Mention) in targeted and str(UNKG.Session) in targeted


def test_a_missing_graph_or_shapes_file_is_one_line(capsys, tmp_path, sample_build):
    code, _out, err = validate(capsys, str(tmp_path / "none"))
    assert code == 1 and err.count("\n") == 1 and "no such graph" in err
    code, _out, err = validate(capsys, str(sample_build), "--shapes", str(tmp_path / "none.ttl"))
    assert code == 1 and err == f"kg validate: {tmp_path / 'none.ttl'}: no such shapes file\n"


def test_workers_find_the_same_violations(capsys, tmp_path):
    write_jsonl(_break(lambda rs: (_set_target_type(rs), _reversed_span(rs))), tmp_path / "records.jsonl")
    main(["build", str(tmp_path / "records.jsonl"), "--out", str(tmp_path / "b"), "--no-validate", "-q"])
    _code, one, _ = validate(capsys, str(tmp_path / "b"), "--json")
    code, two, _ = validate(capsys, str(tmp_path / "b"), "--json", "--jobs", "2")
    assert code == 1 and json.loads(two) == json.loads(one) and len(json.loads(one)) == 2
