#!/usr/bin/env python3
"""Benchmark of the network page: Python build time, HTML size, and the time until the page is
interactive in headless Chromium, for synthetic graphs of 500, 2,000 and 10,000 nodes.

    .venv/bin/python bench/bench_network.py [--sizes 500 2000 10000] [--max-nodes 2000] [--keep DIR]

Graphs are generated in the shape of ontology/README.md (:func:`synthetic_graph`): a quarter of
the nodes are documents of the corpus with paragraphs, the rest resolutions they cite (popular
ones cited far more often, as in the real corpus), and 60 entities. The citation view then has
the number of nodes asked; the 10,000-node case shows the capped default view (2,000 nodes).

"Interactive" is ``window.unkgReady``: set after vis-network's first ``afterDrawing`` of the
laid-out nodes (physics off). Also printed: the time of one full redraw (what a pan or zoom
costs) and of a filter change. Figures, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BASE = "https://w3id.org/unkg/"
U = "https://w3id.org/unkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
CITO = "http://purl.org/spar/cito/"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
FUNCTIONS = ["reaffirms", "recalls", "welcomes", "notes", "requests", "urges", "decides"]
ENTITY_KINDS = [("instrument", "Convention", "mentionsInstrument", 20),
                ("body", "Body", "mentionsBody", 20),
                ("crime", "CrimeCategory", "mentionsCrimeCategory", 20)]


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _int(n: int) -> str:
    return f'"{n}"^^<{XSD_INT}>'


def synthetic_ntriples(nodes: int, seed: int = 1) -> str:
    """N-Triples of a graph whose citation view has ``nodes`` nodes (documents and the
    resolutions they cite), in the shape of ontology/README.md."""
    rnd = random.Random(seed)
    n_corpus = max(1, nodes // 4)
    n_cited = max(0, nodes - n_corpus)
    out: list[str] = []
    t = out.append

    def triple(s: str, p: str, o: str) -> None:
        t(f"<{s}> <{p}> {o} .")

    entities = []
    for kind, cls, pred, count in ENTITY_KINDS:
        for i in range(count):
            iri = f"{BASE}id/{kind}/{kind.upper()}-{i}"
            entities.append((iri, pred))
            triple(iri, RDF_TYPE, f"<{SKOS}Concept>")
            triple(iri, RDF_TYPE, f"<{U}{cls}>")
            triple(iri, SKOS + "prefLabel", _lit(f"{kind} number {i} of the synthetic vocabulary"))
            triple(iri, U + "shortLabel", _lit(f"{kind[:3].upper()}{i}"))
            triple(iri, SKOS + "notation", _lit(f"{kind.upper()}-{i}"))
    for f in FUNCTIONS:
        triple(f"{BASE}vocab/clause/{f}", SKOS + "prefLabel", _lit(f))

    cited = []
    for i in range(n_cited):
        iri = f"{BASE}doc/A/RES/{10 + i // 300}/{i % 300 + 1}"
        cited.append(iri)
        triple(iri, RDF_TYPE, f"<{U}Resolution>")
        triple(iri, U + "symbol", _lit(iri[len(BASE) + 4:]))
        triple(iri, RDFS_LABEL, _lit(iri[len(BASE) + 4:]))
    # popular resolutions are cited far more often (Zipf-like weights)
    weights = [1.0 / (r + 1) ** 0.9 for r in range(n_cited)]

    corpus = []
    for d in range(n_corpus):
        session = 50 + d * 30 // max(1, n_corpus)
        doc = f"{BASE}doc/A/RES/{session}/{1000 + d}"
        corpus.append(doc)
        triple(doc, RDF_TYPE, f"<{U}Resolution>")
        triple(doc, U + "symbol", _lit(f"A/RES/{session}/{1000 + d}"))
        triple(doc, U + "number", _lit(f"{session}/{1000 + d}"))
        triple(doc, RDFS_LABEL, _lit(f"A/RES/{session}/{1000 + d}"))
        triple(doc, DCT + "title", _lit(f"Synthetic resolution {d} on crime prevention and criminal justice"))
        triple(doc, U + "year", _int(1945 + session))
        triple(doc, U + "session", f"<{BASE}session/GA/{session}>")
        triple(f"{BASE}session/GA/{session}", RDFS_LABEL, _lit(f"General Assembly, session {session}"))
        triple(f"{BASE}session/GA/{session}", U + "sessionNumber", _int(session))
        triple(doc, "http://www.w3.org/ns/prov#wasDerivedFrom", f"<{BASE}source/{d:08d}>")
        targets = set()
        if n_cited:
            targets.add(cited[d % n_cited] if d < n_cited else cited[rnd.randrange(n_cited)])
            for j in range(d, n_cited, n_corpus):  # every cited resolution is cited at least once
                targets.add(cited[j])
            targets.update(rnd.choices(cited, weights, k=3))
        if d and rnd.random() < 0.6:
            targets.add(corpus[rnd.randrange(d)])
        targets = sorted(targets)
        paragraphs = max(3, len(targets) + 2)
        for p in range(1, paragraphs + 1):
            part = f"{doc}#PP{p}"
            triple(doc, U + "hasParagraph", f"<{part}>")
            triple(part, RDF_TYPE, f"<{U}PreambularParagraph>")
            triple(part, DCT + "isPartOf", f"<{doc}>")
            triple(part, U + "paragraphId", _lit(f"PP{p}"))
            triple(part, U + "order", _int(p))
            text = f"Recalling paragraph {p} of synthetic resolution {d}, on crime prevention and criminal justice,"
            if p <= len(targets):
                target = targets[p - 1]
                function = FUNCTIONS[rnd.randrange(len(FUNCTIONS))]
                c = f"{part}.c1"
                triple(part, U + "citation", f"<{c}>")
                triple(c, RDF_TYPE, f"<{U}Citation>")
                triple(c, CITO + "hasCitingEntity", f"<{part}>")
                triple(c, CITO + "hasCitedEntity", f"<{target}>")
                triple(c, CITO + "hasCitationCharacterization", f"<{BASE}vocab/clause/{function}>")
                triple(part, U + "cites", f"<{target}>")
                triple(doc, U + "cites", f"<{target}>")
            if p > paragraphs - 2:
                for iri, pred in rnd.sample(entities, 2):
                    triple(part, U + pred, f"<{iri}>")
                    triple(part, U + "mentions", f"<{iri}>")
                    triple(doc, U + pred, f"<{iri}>")
                    text += f" naming {iri.rsplit('/', 1)[1]}"
            triple(part, U + "text", _lit(text))
    return "\n".join(out) + "\n"


def synthetic_graph(nodes: int, seed: int = 1):
    """A pyoxigraph Store holding :func:`synthetic_ntriples`."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(synthetic_ntriples(nodes, seed).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def measure_page(html: Path, chromium: str, runs: int = 1) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {"ready_s": [], "redraw_ms": [], "filter_ms": [], "drawn": []}
    refused: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else (refused.append(route.request.url), route.abort()))
                t0 = time.perf_counter()
                page.goto(html.resolve().as_uri(), wait_until="commit")
                page.wait_for_selector("body[data-ready=true]", state="attached", timeout=180_000)
                figures["ready_s"].append(time.perf_counter() - t0)
                figures["drawn"].append(page.evaluate("window.unkg.shownIds().length"))
                figures["redraw_ms"].append(page.evaluate(
                    "(() => { const t = performance.now(); window.unkg.network.redraw(); return performance.now() - t; })()"))
                figures["filter_ms"].append(page.evaluate(
                    """(() => { const box = document.querySelector('#type-filters input');
                                const t = performance.now(); box.click(); box.click();
                                return (performance.now() - t) / 2; })()"""))
                page.close()
        finally:
            browser.close()
    if refused:
        print(f"  warning: the page asked for {len(refused)} outside resources: {refused[:3]}")
    return {k: min(v) for k, v in figures.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    p.add_argument("--max-nodes", type=int, default=2000)
    p.add_argument("--runs", type=int, default=1, help="page loads per size (the fastest is printed)")
    p.add_argument("--keep", type=Path, help="keep the pages in this folder")
    args = p.parse_args(argv)

    from kg.network import write_network

    chromium = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                              else shutil.which("chromium") or "/usr/bin/chromium")
    browser_ok = Path(chromium).exists()
    try:
        import playwright  # noqa: F401
    except ImportError:
        browser_ok = False
    if not browser_ok:
        print(f"no Chromium at {chromium} or no playwright: printing Python figures only")
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="unkg-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"{'nodes':>7} {'shown':>6} {'edges':>7} {'triples':>9} {'load s':>7} {'build s':>8} {'HTML MB':>8}"
          f" {'ready s':>8} {'redraw ms':>10} {'filter ms':>10}")
    for n in args.sizes:
        t = time.perf_counter()
        store = synthetic_graph(n)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        html = out_dir / f"network-{n}.html"
        summary = write_network(store, html, max_nodes=args.max_nodes)
        build_s = time.perf_counter() - t
        row = (f"{summary['nodes_in_view']:>7,} {summary['nodes_shown']:>6,} {summary['edges_shown']:>7,} "
               f"{len(store):>9,} {load_s:>7.2f} {build_s:>8.2f} {summary['bytes'] / 1e6:>8.2f}")
        if browser_ok:
            f = measure_page(html, chromium, runs=args.runs)
            if int(f["drawn"]) != summary["nodes_shown"]:
                row += f"  (page drew {int(f['drawn'])})"
            row += f" {f['ready_s']:>8.2f} {f['redraw_ms']:>10.0f} {f['filter_ms']:>10.0f}"
        print(row, flush=True)
    print("nodes: of the citation view; shown: drawn at first (capped at --max-nodes); build: read + layout +"
          " page; ready: from navigation until the first drawing; redraw: one full redraw (a pan or zoom);"
          " filter: a node-type checkbox toggled")
    if args.keep:
        print(f"pages kept in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
