#!/usr/bin/env python3
"""Benchmark of the graph: build time per stage, triples, peak memory, and the median latency of
every canned query against the in-memory and the persistent (RocksDB) pyoxigraph store.

    .venv/bin/python bench/bench_graph.py                      # the corpus of ../shared/corpus
    .venv/bin/python bench/bench_graph.py --synthetic 200      # the sample records scaled up 200 times
    .venv/bin/python bench/bench_graph.py --synthetic 200 --rdflib   # also time rdflib on the same triples

``--synthetic N`` makes N copies of the records of ``data/`` under rewritten symbols, sessions
and dates (copy 0 keeps the real ones, so every canned query's default answers); where the
records carry no citations or mentions (the extractors of this branch are placeholders) each
copy gets citations of the resolution numbers its paragraphs print and mentions of the concepts
its paragraphs name (the vocabulary's, and for the mention types the vocabulary of the branch
lacks, the controlled ids of ``shared/gold/VOCAB.md``), about as many as the real extractors
find; a third of the citations point at earlier copies, so that citation chains and counts have
depth.

Targets (issue 4), on the better store: lookups (one document, one target) < 100 ms median,
aggregates (counts, timelines, rankings) < 1 s median, peak memory < 3 GB. Figures are printed,
never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import build_dataset, fingerprint  # noqa: E402
from kg.ns import DEFAULT_BASE  # noqa: E402
from kg.record import Citation, Mention, Record  # noqa: E402
from kg.sparql import bind, canned_queries, execute, open_graph  # noqa: E402
from kg.store import write_store  # noqa: E402

TARGET_LOOKUP = 0.100
TARGET_AGGREGATE = 1.0
TARGET_MEMORY_GB = 3.0

_NUMBER = re.compile(r"\b(?:resolutions?|decisions?)\s+((?:\d{2}/\d{1,3}(?:,\s*|\s+and\s+|\s+of\s+\d{1,2}\s+\w+\s+\d{4},?\s*)?)+)")
_EACH = re.compile(r"\b(\d{2})/(\d{1,3})\b")


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _synthesise_facts(r: Record, vocabulary) -> None:
    """Citations of the resolution numbers a paragraph prints and mentions of the concepts it
    names, for records whose extractors are placeholders (bench only)."""
    if r.citations or r.mentions:
        return
    labels = sorted({(label, c) for c in vocabulary.concepts for label in c.labels if len(label) >= 6},
                    key=lambda lc: -len(lc[0]))
    for p in r.paragraphs:
        for m in _NUMBER.finditer(p.text):
            for n in _EACH.finditer(m.group(1)):
                a = p.span[0] + m.start(1) + n.start()
                r.citations.append(Citation(f"A/RES/{n[1]}/{n[2]}", "GA resolution", None, p.id, p.verb,
                                            n.group(0), (a, a + len(n.group(0)))))
        for label, c in labels:
            i = p.text.find(label)
            if i >= 0:
                a = p.span[0] + i
                r.mentions.append(Mention(c.type, c.iri, c.notation, c.pref_label, p.id, label, (a, a + len(label))))


def _gold_concepts(vocabulary):
    """Concepts for the mention types the vocabulary of this branch lacks (instruments, crime
    categories), from the controlled ids of ``shared/gold/VOCAB.md`` -- for the benchmark only,
    so that the queries over those types have data to work on; the extractor never reads them."""
    from kg.vocab import Concept

    have = {c.type for c in vocabulary.concepts}
    path = ROOT.parent / "shared" / "gold" / "VOCAB.md"
    if not path.is_file():
        return []
    out, section = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].split()[0]
            continue
        if not line.strip():
            continue
        if section == "instruments" and "instrument" not in have and ":" in line:
            key, label = (x.strip() for x in line.split(":", 1))
            out.append(Concept(f"https://w3id.org/unkg/id/instrument/{key}", "instrument", key, label, (label, key)))
        elif section == "crime_categories" and "crime_category" not in have:
            label = line.split("(")[0].strip()
            key = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            out.append(Concept(f"https://w3id.org/unkg/id/crime/{key}", "crime_category", label, label, (label,)))
    return out


def synthetic_records(n: int) -> list[Record]:
    """``n`` copies of the sample records under rewritten symbols (copy 0 unchanged)."""
    from kg import vocab
    from kg.pipeline import extract
    from kg.vocab import Vocabulary

    seeds = sorted(extract(ROOT / "data"), key=lambda r: r.source)
    vocabulary = vocab.load()
    vocabulary = Vocabulary([*vocabulary.concepts, *_gold_concepts(vocabulary)])
    for r in seeds:
        _synthesise_facts(r, vocabulary)
    resolutions = [j for j, r in enumerate(seeds) if r.document.number]

    def session_of(k: int, seed: Record) -> int:
        # a draft and the resolution it became share their session in every copy
        return 40 + (k * 7 + (seed.document.session or 0)) % 40

    def number_of(k: int, j: int) -> str:
        return f"{session_of(k, seeds[j])}/{300 + k * len(seeds) + j}"

    out: list[Record] = []
    for k in range(n):
        for j, seed in enumerate(seeds):
            r = copy.deepcopy(seed)
            if k:
                d = r.document
                d.session = session_of(k, seed)
                year = 1945 + d.session
                if d.number:
                    d.number = number_of(k, j)
                    d.symbol = f"A/RES/{d.number}"
                for field in ("adopted", "issued"):
                    value = getattr(d, field)
                    if value:
                        setattr(d, field, f"{year}{value[4:]}")
                if d.title:
                    d.title = f"{d.title} ({k})"
                for i, c in enumerate(r.citations):
                    if i % 3 == 0 and k > 1:  # a third cite an earlier copy: chains and shared targets
                        c.target = "A/RES/" + number_of(k - 1, resolutions[i % len(resolutions)])
                r.source = f"copy{k:05d}_{r.source}"
                r.sha256 = hashlib.sha256(f"{k}:{seed.sha256}".encode()).hexdigest()
            out.append(r)
    return out


def corpus_records(path: Path, jobs: int):
    from kg.pipeline import extract_many

    t = time.perf_counter()
    result = extract_many([path], jobs=jobs, progress=sys.stderr.isatty())
    print(f"corpus: {len(result.records)} records read, {len(result.failures)} files failed "
          f"({time.perf_counter() - t:.1f} s)")
    reasons: dict[str, int] = {}
    for f in result.failures:
        key = re.sub(r"\d+(\.\d+)?", "N", f.reason)[:70]
        reasons[key] = reasons.get(key, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {count:5}  {reason}")
    for stage, s in result.seconds.items():
        print(f"  extract {stage:10} {s:8.2f} s (summed over workers)")
    return result.records


#: canned queries that ask about one document or one target (the others count, rank or list)
LOOKUPS = {"citing-documents", "citation-chain", "citing-verbs-over-time", "document-outline",
           "paragraphs-mentioning", "cites-ask"}


def is_lookup(query) -> bool:
    return query.name in LOOKUPS


def lookup_parameters(store) -> dict[str, str]:
    """Parameters for the lookups that name things present in this graph (the queries' defaults
    name documents of the sample corpus, which a corpus graph may lack): the most cited target,
    and the corpus document citing it in the most paragraphs."""
    from kg.sparql import select

    top = select(store, """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?key WHERE { ?t unkg:key ?key ; unkg:citedByCount ?n } ORDER BY DESC(?n) ?key LIMIT 1""")
    if not top:
        return {}
    target = top[0]["key"]
    citing = select(store, f"""PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?symbol (COUNT(DISTINCT ?p) AS ?n) WHERE {{
          ?t unkg:key {json.dumps(target)} . ?d unkg:inCorpus true ; unkg:symbol ?symbol ; unkg:hasParagraph ?p .
          ?p unkg:cites ?t }} GROUP BY ?symbol ORDER BY DESC(?n) ?symbol LIMIT 1""")
    values = {"target": target, "cited": target}
    if citing:
        values.update(start=citing[0]["symbol"], symbol=citing[0]["symbol"], citing=citing[0]["symbol"])
    return values


def time_queries(store, label: str, repeat: int, values: dict[str, str]) -> dict[str, tuple[float, int]]:
    out = {}
    for name, q in canned_queries().items():
        text = bind(q.text, {k: v for k, v in values.items() if k in q.parameters and is_lookup(q)})
        times = []
        count = 0
        for _ in range(repeat):
            t = time.perf_counter()
            results = execute(store, text)
            count = sum(1 for _ in results) if not isinstance(results, bool) and hasattr(results, "__iter__") else int(bool(results))
            times.append(time.perf_counter() - t)
        out[name] = (statistics.median(times), count)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"), help="corpus folder")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N", help="scale the sample records N times instead")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (the median is printed)")
    ap.add_argument("--rdflib", action="store_true", help="also load the triples into rdflib and time a GROUP BY")
    ap.add_argument("--keep", metavar="DIR", help="keep the store and graph.nq in DIR")
    args = ap.parse_args()

    stages: dict[str, float] = {}
    t = time.perf_counter()
    if args.synthetic:
        records = synthetic_records(args.synthetic)
        what = f"synthetic: {args.synthetic} copies of the {len(records) // args.synthetic} sample records"
    else:
        corpus = Path(args.corpus)
        if not corpus.is_dir():
            print(f"{corpus} is not available; use --synthetic N", file=sys.stderr)
            return 2
        records = corpus_records(corpus, args.jobs)
        what = f"corpus: {corpus}"
        if not records:
            print("no record could be read from the corpus; use --synthetic N", file=sys.stderr)
            return 2
    stages["records"] = time.perf_counter() - t
    citations = sum(len(r.citations) for r in records)
    mentions = sum(len(r.mentions) for r in records)

    t = time.perf_counter()
    dataset = build_dataset(records, DEFAULT_BASE)
    stages["triples (records -> N-Triples lines)"] = time.perf_counter() - t
    triples = len(dataset)
    documents = len(dataset.documents)
    graphs = len(dataset.graphs)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-graph-"))
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with open(work / "graph.nq", "w", encoding="utf-8") as f:
        f.writelines(dataset.nquads())
    stages["write graph.nq"] = time.perf_counter() - t

    from kg.commands.build import _write_rdf

    t = time.perf_counter()
    _write_rdf(dataset, work / "graph.ttl", "ttl")
    stages["write graph.ttl"] = time.perf_counter() - t

    t = time.perf_counter()
    write_store(dataset, work / "store", fingerprint(DEFAULT_BASE))
    stages["write persistent store (new)"] = time.perf_counter() - t

    t = time.perf_counter()
    quads_store = open_graph(work / "graph.nq")
    stages["load graph.nq into memory (named graphs)"] = time.perf_counter() - t
    del quads_store

    t = time.perf_counter()
    memory_store = open_graph(work / "graph.ttl")
    stages["load graph.ttl into memory (kg query on DIR without a store)"] = time.perf_counter() - t

    t = time.perf_counter()
    disk_store = open_graph(work / "store")
    stages["open persistent store (kg query on DIR with a store)"] = time.perf_counter() - t
    del dataset

    print(f"\n{what}")
    print(f"documents {documents:,}  records {len(records):,}  citations {citations:,}  "
          f"mentions {mentions:,}  triples {triples:,}  named graphs {graphs:,}")
    print("\nbuild stages")
    for stage, s in stages.items():
        print(f"  {stage:62} {s:8.2f} s")
    print(f"  {'triples per second (records -> lines)':62} {triples / max(stages['triples (records -> N-Triples lines)'], 1e-9):10,.0f}")

    values = lookup_parameters(memory_store)
    print("\nlookup parameters: " + (", ".join(f"{k}={v}" for k, v in sorted(values.items())) or "the queries' defaults"))
    memory = time_queries(memory_store, "memory", args.repeat, values)
    disk = time_queries(disk_store, "disk", args.repeat, values)
    print(f"\ncanned queries: median of {args.repeat} runs (ms); target lookups < {TARGET_LOOKUP * 1000:.0f} ms, "
          f"aggregates < {TARGET_AGGREGATE * 1000:.0f} ms")
    print(f"  {'query':26} {'kind':9} {'rows':>6} {'in-memory':>10} {'on disk':>10} {'disk/mem':>8}  target")
    worst = {"lookup": 0.0, "aggregate": 0.0}
    canned = canned_queries()
    for name in canned:
        kind = "lookup" if is_lookup(canned[name]) else "aggregate"
        (m, rows), (d, _rows) = memory[name], disk[name]
        best = min(m, d)
        worst[kind] = max(worst[kind], best)
        limit = TARGET_LOOKUP if kind == "lookup" else TARGET_AGGREGATE
        print(f"  {name:26} {kind:9} {rows:6} {m * 1000:10.1f} {d * 1000:10.1f} {d / max(m, 1e-9):8.2f}  "
              f"{'ok' if best < limit else 'OVER'}")
    print(f"  slowest lookup {worst['lookup'] * 1000:.1f} ms, slowest aggregate {worst['aggregate'] * 1000:.1f} ms")

    size = sum(p.stat().st_size for p in (work / "store").rglob("*") if p.is_file())
    print(f"\npersistent store on disk {size / 1e6:.0f} MB; graph.nq {(work / 'graph.nq').stat().st_size / 1e6:.0f} MB; "
          f"graph.ttl {(work / 'graph.ttl').stat().st_size / 1e6:.0f} MB")
    print(f"peak memory (max RSS) {peak_gb():.2f} GB (target < {TARGET_MEMORY_GB:.0f} GB)", flush=True)

    if args.rdflib:
        import rdflib

        t = time.perf_counter()
        g = rdflib.Graph()
        g.parse(work / "graph.ttl", format="turtle")
        parse = time.perf_counter() - t
        t = time.perf_counter()
        list(g.query("PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT ?t (COUNT(?d) AS ?n) "
                     "WHERE { ?d unkg:cites ?t } GROUP BY ?t ORDER BY DESC(?n) LIMIT 10"))
        count = time.perf_counter() - t
        t = time.perf_counter()
        list(execute(memory_store, "SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d unkg:cites ?t } GROUP BY ?t "
                                   "ORDER BY DESC(?n) LIMIT 10"))
        ox_count = time.perf_counter() - t
        print(f"\nrdflib Memory store: parse graph.ttl {parse:.1f} s, GROUP BY count {count:.2f} s "
              f"(pyoxigraph: {ox_count:.3f} s, x{count / max(ox_count, 1e-9):.0f})")
        del g
        print(f"peak memory with rdflib (max RSS) {peak_gb():.2f} GB")
    if not args.keep:
        del disk_store
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
