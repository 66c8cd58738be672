"""``kg serve``: a SPARQL 1.1 Protocol endpoint, queried over HTTP with SPARQLWrapper and urllib
on a free port of the loopback address."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_graph_corpus import synthetic_records, write_jsonl

from kg.cli import main
from kg.commands import serve as serve_command

DOC = "https://w3id.org/unkg/doc/"
MOST_CITED = ("PREFIX unkg: <https://w3id.org/unkg/ontology#> "
              "SELECT ?cited ?n WHERE { ?cited unkg:citedByCount ?n } ORDER BY DESC(?n) ?cited LIMIT 2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("serve")
    write_jsonl(synthetic_records(), d / "records.jsonl")
    assert main(["build", str(d / "records.jsonl"), "--out", str(d / "build"), "--store", "-q"]) == 0
    return d / "build"


def start(args: list[str]):
    """Run ``kg serve`` through the CLI in a thread; the server object once it listens."""
    before = len(serve_command.RUNNING)
    thread = threading.Thread(target=main, args=(["serve", *args],), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while len(serve_command.RUNNING) == before:
        assert time.monotonic() < deadline, "kg serve did not start listening"
        assert thread.is_alive(), "kg serve stopped before listening"
        time.sleep(0.02)
    return serve_command.RUNNING[-1], thread


@pytest.fixture(scope="module")
def endpoint(built):
    server, thread = start([str(built), "--port", "0"])
    yield server.url
    server.shutdown()
    thread.join(timeout=10)


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_sparqlwrapper_gets_json_results(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(MOST_CITED)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["cited"]["value"] for b in data["results"]["bindings"]] == [DOC + "A/RES/46/152", "https://w3id.org/unkg/decision/CCPCJ/22/7"]
    assert data["results"]["bindings"][0]["n"]["value"] == "3"


def test_sparqlwrapper_posts_and_gets_xml_and_construct(endpoint):
    from SPARQLWrapper import POST, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(MOST_CITED)
    client.setReturnFormat(XML)
    doc = client.query().convert()  # an xml.dom document
    uris = [n.firstChild.data for n in doc.getElementsByTagName("uri")]
    assert uris[0] == DOC + "A/RES/46/152"
    client.setQuery("CONSTRUCT { ?d unkg:cites ?t } WHERE { ?d unkg:symbol 'E/RES/2014/17' ; unkg:cites ?t }")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    triples = list(ox.parse(input=data, format=ox.RdfFormat.TURTLE))
    assert len(triples) == 2


@pytest.mark.parametrize(("how", "accept", "media"), [
    ("get", "application/sparql-results+json", "application/sparql-results+json"),
    ("get", None, "application/sparql-results+json"),
    ("form", "text/csv", "text/csv"),
    ("direct", "text/tab-separated-values", "text/tab-separated-values"),
    ("direct", "application/sparql-results+xml", "application/sparql-results+xml"),
    ("get", "text/html;q=0.9, application/sparql-results+json;q=0.8, */*;q=0.1", "application/sparql-results+json"),
])
def test_queries_by_get_form_and_direct_post_with_content_negotiation(endpoint, how, accept, media):
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        status, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": MOST_CITED}), headers=headers)
    elif how == "form":
        status, h, body = http(endpoint, urllib.parse.urlencode({"query": MOST_CITED}).encode(),
                               {**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, h, body = http(endpoint, MOST_CITED.encode(), {**headers, "Content-Type": "application/sparql-query"})
    assert status == 200
    assert h["Content-Type"].split(";")[0] == media
    assert b"A/RES/46/152" in body
    assert h["Access-Control-Allow-Origin"] == "*"


def test_ask_answers_a_boolean(endpoint):
    q = "ASK { ?d unkg:symbol 'A/RES/68/193' ; unkg:cites/unkg:symbol 'A/RES/46/152' }"
    status, _h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": q}))
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_construct_answers_turtle_or_what_is_asked(endpoint):
    q = "CONSTRUCT { ?d unkg:cites ?t } WHERE { ?d unkg:symbol 'A/RES/68/193' ; unkg:cites ?t }"
    status, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": q}))
    assert status == 200 and h["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(input=body, format=ox.RdfFormat.TURTLE))) == 6
    status, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "application/n-triples"})
    assert h["Content-Type"].startswith("application/n-triples") and body.count(b"\n") == 6


def test_default_graph_uri_restricts_the_query_to_one_named_graph(endpoint):
    # the store keeps the graph in its default graph and the build's marker in a named graph
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    marker = "https://w3id.org/unkg/graph/build"
    _status, _h, all_body = http(endpoint + "?" + urllib.parse.urlencode({"query": q}))
    _status, _h, marker_body = http(endpoint + "?" + urllib.parse.urlencode({"query": q, "default-graph-uri": marker}))
    n_all = int(json.loads(all_body)["results"]["bindings"][0]["n"]["value"])
    n_marker = int(json.loads(marker_body)["results"]["bindings"][0]["n"]["value"])
    assert n_marker == 1 and n_all > 1000


def test_a_bad_query_is_400_with_one_line(endpoint):
    status, h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x ?y }"}))
    assert status == 400
    assert body.decode().startswith("syntax error in the query") and body.count(b"\n") == 1


def test_updates_are_refused_when_read_only(endpoint):
    status, _h, body = http(endpoint, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                            {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _h, body = http(endpoint, urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _h, body = http(endpoint + "?" + urllib.parse.urlencode({"query": "ASK { <urn:a> ?p ?o }"}))
    assert json.loads(body)["boolean"] is False


def test_cors_preflight_lets_browser_clients_post(endpoint):
    status, h, _ = http(endpoint, method="OPTIONS", headers={"Origin": "http://yasgui.example",
                                                             "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert h["Access-Control-Allow-Origin"] == "*" and "POST" in h["Access-Control-Allow-Methods"]
    assert "Content-Type" in h["Access-Control-Allow-Headers"]


def test_service_description_home_page_and_unknown_paths(endpoint):
    status, h, body = http(endpoint)
    assert status == 200 and h["Content-Type"].startswith("text/turtle")
    assert any(t.object.value.endswith("#SPARQL11Query") for t in ox.parse(input=body, format=ox.RdfFormat.TURTLE))
    status, h, body = http(endpoint.rsplit("/", 1)[0] + "/")
    assert status == 200 and b"<form" in body
    status, _h, _ = http(endpoint.rsplit("/", 1)[0] + "/nothing")
    assert status == 404
    status, _h, _ = http(endpoint, b"x", {"Content-Type": "image/png"})
    assert status == 415


def test_updates_are_accepted_with_allow_updates(tmp_path, built):
    import shutil

    graph = tmp_path / "graph.ttl"
    shutil.copy(built / "graph.ttl", graph)
    server, thread = start([str(graph), "--port", "0", "--allow-updates"])
    try:
        status, _h, _ = http(server.url, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                             {"Content-Type": "application/sparql-update"})
        assert status == 204
        status, _h, body = http(server.url + "?" + urllib.parse.urlencode({"query": "ASK { <urn:a> ?p ?o }"}))
        assert json.loads(body)["boolean"] is True
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_kg_serve_as_a_process_serves_the_persistent_store(built):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(built / "store"), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert f"SPARQL endpoint at http://127.0.0.1:{port}/sparql" in line, line
        status, _h, body = http(f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": MOST_CITED}))
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["cited"]["value"] == DOC + "A/RES/46/152"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def test_a_port_in_use_is_one_line(capsys, built):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        code = main(["serve", str(built), "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1].startswith(f"kg serve: cannot listen on 127.0.0.1:{port}")


def test_memory_copies_the_store_into_memory_and_answers_the_same(built):
    server, thread = start([str(built), "--port", "0", "--memory"])
    try:
        from kg.sparql import open_graph

        assert len(server.graph) == len(open_graph(built / "store")) - 1, "the copy holds the graph, not the marker"
        status, _h, body = http(server.url + "?" + urllib.parse.urlencode({"query": MOST_CITED}))
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["cited"]["value"] == DOC + "A/RES/46/152"
        status, _h, _ = http(server.url, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                             {"Content-Type": "application/sparql-update"})
        assert status == 403, "a copy in memory is read-only too"
    finally:
        server.shutdown()
        thread.join(timeout=10)
