"""``kg build INPUT... --out DIR``: records -> the knowledge graph and everything made from it.

Writes into DIR: ``graph.ttl`` (always) and the ``--format`` renditions (``graph.jsonld``,
``graph.nt``, ``graph.trig``, ``graph.nq``; TriG and N-Quads with one named graph per document),
``records.jsonl``, ``documents.csv``, ``paragraphs.csv``, ``citations.csv``, ``mentions.csv``,
``graph.graphml`` (Gephi), ``network.html`` (where ``kg.network`` is present) and
``report.json``; with ``--store PATH`` a persistent pyoxigraph store. INPUT is any file or
folder ``kg extract`` reads, or a ``.jsonl`` file of records (``kg extract --jsonl``).

Incremental: an input whose bytes (sha256) and name match a record of the previous build in DIR,
made under the same fingerprint (builder, base, ontology, vocabularies), is not read again, and its
document graph is reused as it was. Deterministic: every output is sorted, so two builds of the same
inputs diff clean (``report.json`` differs only in its timings). Every file is written to a
temporary file and moved into place, so an interrupted build leaves the previous outputs whole.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

HELP = "build the knowledge graph (Turtle, JSON-LD, N-Triples, TriG, N-Quads, CSV, GraphML, store) from documents"

FORMATS = {"ttl": "graph.ttl", "jsonld": "graph.jsonld", "nt": "graph.nt", "trig": "graph.trig", "nq": "graph.nq"}
CACHE_DIR = ".kg-cache"
#: builds of up to this many documents are validated unless --no-validate (pySHACL takes
#: 0.2-0.5 s a document; larger builds validate with --validate, or later with kg validate)
VALIDATE_UP_TO = 200
_UMASK = os.umask(0)
os.umask(_UMASK)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or folders of documents, or .jsonl files of records")
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="the build directory")
    p.add_argument("--format", "-f", action="append", choices=sorted(FORMATS), default=None,
                   help="also write this rendition (repeatable; graph.ttl is always written)")
    p.add_argument("--store", nargs="?", const="", default=None, metavar="PATH",
                   help="also keep the graph in a persistent pyoxigraph store at PATH (default DIR/store)")
    p.add_argument("--base", default=None, metavar="IRI",
                   help="base of the instance IRIs (default https://w3id.org/unkg/)")
    p.add_argument("--jobs", "-j", type=int, default=0,
                   help="worker processes for extraction (default: 1 below 200 files, else 2)")
    check = p.add_mutually_exclusive_group()
    check.add_argument("--validate", action="store_true", default=None,
                       help="validate every document's graph against ontology/shapes.ttl (pySHACL); "
                            f"the default for builds of up to {VALIDATE_UP_TO} documents")
    check.add_argument("--no-validate", dest="validate", action="store_false", help="do not validate")
    p.add_argument("--full", action="store_true", help="ignore the previous build: read every input again")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")


@dataclass
class BuildReport:
    """What a build did; written as ``report.json``."""

    out: str
    base: str
    fingerprint: str
    inputs: int = 0
    records: int = 0
    documents: int = 0
    reused: int = 0
    extracted: int = 0
    triples: int = 0
    graphs: int = 0
    failures: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    validated: int = 0  # documents validated by this build (the others kept their verdict)
    outputs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    store: dict | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.violations

    def summary(self) -> str:
        lines = [
            f"kg build: {self.documents} documents from {self.records} records "
            f"({self.extracted} read, {self.reused} reused from the previous build), "
            f"{self.triples:,} triples in {self.graphs} named graphs -> {self.out}",
        ]
        if self.duplicates:
            lines.append(f"  {len(self.duplicates)} duplicate(s): " + "; ".join(
                f"{d['dropped']} = {d['kept']} (kept {d['kept']})" for d in self.duplicates[:5]))
        for f in self.failures:
            lines.append(f"  failed: {f['path']}: {f['reason']}")
        for v in self.violations[:20]:
            lines.append(f"  invalid: {v['document']}: {v['shape']} on {v['focus']}: {v['message']}")
        for w in self.warnings[:20]:
            lines.append(f"  warning: {w}")
        if len(self.warnings) > 20:
            lines.append(f"  ... and {len(self.warnings) - 20} more warnings (report.json)")
        for n in self.notes:
            lines.append(f"  note: {n}")
        lines.append("  time: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.seconds.items()))
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# atomic writes


@contextmanager
def atomic(path: Path, mode: str = "w") -> Iterator[IO]:
    """A file object writing to a temporary file beside ``path``, moved onto ``path`` on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
    try:
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------------------------------------
# the build


def _timer(seconds: dict[str, float]) -> Callable[[str], None]:
    state = {"t": time.perf_counter()}

    def tick(stage: str) -> None:
        now = time.perf_counter()
        seconds[stage] = round(seconds.get(stage, 0.0) + now - state["t"], 4)
        state["t"] = now

    return tick


@dataclass
class Previous:
    """What the previous build in a directory left for an incremental one."""

    records: dict = field(default_factory=dict)  # (source, sha256) -> record
    lines: dict = field(default_factory=dict)  # (document, sha256) -> its graph's lines
    graphs: dict = field(default_factory=dict)  # named graph -> lines (every graph)
    state: str | None = None  # kg.store.dataset_state of that build
    violations: list = field(default_factory=list)  # that build's validation results
    validated: bool = False  # whether that build validated its documents


def _previous(out: Path, fingerprint: str) -> Previous:
    """Records and graphs of the previous build in ``out``, where made under the same
    fingerprint; empty otherwise (an unreadable cache only costs a full build)."""
    from kg.record import Record

    manifest = out / CACHE_DIR / "manifest.json"
    cache = out / CACHE_DIR / "graphs.nq"
    records_path = out / "records.jsonl"
    if not (manifest.is_file() and cache.is_file() and records_path.is_file()):
        return Previous()
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        if meta.get("fingerprint") != fingerprint:
            return Previous()
        prev = Previous(state=meta.get("state"), validated=bool(meta.get("validated")))
        try:
            prev.violations = json.loads((out / "report.json").read_text(encoding="utf-8")).get("violations", [])
        except (OSError, ValueError):
            prev.violations = []
        with open(records_path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = Record.from_dict(json.loads(line))
                    prev.records[(r.source, r.sha256)] = r
        with open(cache, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    continue
                cut = line.rindex(" <", 0, len(line) - 2)
                prev.graphs.setdefault(line[cut + 2:-3], []).append(line[:cut] + " .")
    except (OSError, ValueError, KeyError, TypeError):
        return Previous()
    for name, (doc, sha) in meta.get("graphs", {}).items():
        if name in prev.graphs:
            prev.lines[(doc, sha)] = prev.graphs[name]
    return prev


def _read_inputs(inputs: list[str], previous: dict, jobs: int, progress: bool | None,
                 report: BuildReport, seconds: dict[str, float]):
    """Records of every input: ``.jsonl`` files read as records, files unchanged since the previous
    build reused, the rest extracted."""
    import hashlib

    from kg.pipeline import Options, extract_many, iter_input_files
    from kg.record import Record

    records = []
    to_extract: list[str] = []
    for raw in inputs:
        if not Path(raw).exists():
            report.failures.append({"path": raw, "reason": "no such file or folder"})
    for path in iter_input_files(p for p in inputs if Path(p).exists()):
        report.inputs += 1
        if path.suffix == ".jsonl":
            try:
                with open(path, encoding="utf-8") as f:
                    for n, line in enumerate(f, start=1):
                        if line.strip():
                            try:
                                records.append(Record.from_dict(json.loads(line)))
                                report.extracted += 1
                            except (ValueError, KeyError, TypeError) as exc:
                                report.failures.append({"path": f"{path}:{n}", "reason": f"not a record ({exc})"})
            except (OSError, UnicodeDecodeError) as exc:
                report.failures.append({"path": str(path), "reason": f"cannot be read ({exc})"})
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        old = previous.get((path.name, digest))
        if old is not None:
            records.append(old)
            report.reused += 1
        else:
            to_extract.append(str(path))
    if to_extract:
        if jobs <= 0:
            jobs = 1 if len(to_extract) < 200 else 2
        result = extract_many(to_extract, Options(), jobs=jobs, progress=progress)
        records.extend(result.records)
        report.extracted += len(result.records)
        for f in result.failures:
            report.failures.append({"path": f.path, "reason": f.reason})
        for stage, s in result.seconds.items():
            seconds[stage] = round(seconds.get(stage, 0.0) + s, 4)
    return records


def build(inputs: Iterable[str], out: str | os.PathLike, *, formats: Iterable[str] = ("ttl",),
          store: str | None = None, base: str | None = None, jobs: int = 0,
          validate: bool | None = None, full: bool = False, progress: bool | None = None,
          vocabulary=None) -> BuildReport:
    """Build the graph of ``inputs`` into the directory ``out`` (see the module docstring) and
    return the report (also written as ``out/report.json``). Failed inputs are reported, never
    raised: the graph of the others is written all the same."""
    from kg.graph import build_dataset, fingerprint
    from kg.ns import DEFAULT_BASE

    out = Path(out)
    base = base or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    fp = fingerprint(base)
    report = BuildReport(out=str(out), base=base, fingerprint=fp)
    seconds = report.seconds
    tick = _timer(seconds)
    previous = Previous() if full else _previous(out, fp)
    tick("previous build")
    records = _read_inputs(list(inputs), previous.records, jobs, progress, report, seconds)
    tick = _timer(seconds)
    report.records = len(records)
    try:
        show = sys.stderr.isatty() and len(records) > 200 if progress is None else bool(progress) and len(records) > 200
        dataset = build_dataset(records, base, vocabulary, cached=previous.lines, progress=show)
    except ValueError as exc:  # a bad --base
        from kg.errors import KgError

        raise KgError(str(exc)) from None
    tick("triples")
    report.documents = len(dataset.documents)
    report.triples = len(dataset)
    report.graphs = len(dataset.graphs)
    report.duplicates = [asdict(d) for d in dataset.duplicates]
    report.warnings = list(dataset.warnings)

    if validate is None:
        validate = len(dataset.documents) <= VALIDATE_UP_TO
    if validate:
        from kg.commands.validate import validate_dataset

        # documents whose graphs were reused keep the previous build's verdict
        fresh = {g.document for g in dataset.graphs
                 if g.document and (not previous.validated or (g.document, g.sha256) not in previous.lines)}
        carried = [v for v in previous.violations
                   if v["document"] in dataset.documents and v["document"] not in fresh]
        checked = validate_dataset(dataset, only=[*sorted(fresh), "(corpus graph)"])
        report.violations = sorted(carried + [v.as_dict() for v in checked],
                                   key=lambda v: (v["document"], v["focus"], v["shape"], v["path"], v["message"]))
        report.validated = len(fresh)
        tick("validate")

    out.mkdir(parents=True, exist_ok=True)
    wanted = ["ttl", *[f for f in (formats or []) if f != "ttl"]]
    for fmt in dict.fromkeys(wanted):
        _write_rdf(dataset, out / FORMATS[fmt], fmt)
        report.outputs.append(FORMATS[fmt])
        tick(f"write {fmt}")
    _write_records(records, dataset, out / "records.jsonl")
    report.outputs.append("records.jsonl")
    from kg.store import dataset_state

    state = dataset_state(dataset)
    _write_cache(dataset, out, fp, state, validated=bool(validate))
    tick("write records")
    for name, rows in _tables(dataset).items():
        _write_csv(out / name, rows)
        report.outputs.append(name)
    tick("write tables")
    _write_graphml(dataset, out / "graph.graphml")
    report.outputs.append("graph.graphml")
    tick("write graphml")
    _write_network(dataset, out / "network.html", report)
    tick("write network")
    if store is not None:
        from kg.store import write_store

        path = Path(store) if store else out / "store"
        update = write_store(dataset, path, fp, previous.graphs or None, previous.state)
        report.store = asdict(update)
        report.outputs.append(str(path) if store else "store")
        tick("store")
    report.outputs.append("report.json")
    with atomic(out / "report.json") as f:
        json.dump(asdict(report), f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    return report


# ---------------------------------------------------------------------------------------------
# outputs


def _write_rdf(dataset, path: Path, fmt: str) -> None:
    import pyoxigraph as ox

    from kg.ns import PREFIXES

    if fmt == "nt":
        with atomic(path) as f:
            f.writelines(dataset.ntriples())
        return
    if fmt == "nq":
        with atomic(path) as f:
            f.writelines(dataset.nquads())
        return
    if fmt in ("ttl", "trig"):
        source = dataset.ntriples() if fmt == "ttl" else dataset.nquads()
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "ttl" else ox.RdfFormat.N_QUADS
        out_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.TRIG
        header = "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(PREFIXES.items())) + "\n"
        with atomic(path, "wb") as f:
            f.write(header.encode("utf-8"))
            for chunk in _grouped_chunks(source, fmt):
                terms = ox.parse(input="".join(chunk).encode("utf-8"), format=rdf_format)
                text = ox.serialize(terms, format=out_format, prefixes=PREFIXES)
                # the serialiser's own prefix lines are replaced by the sorted header above
                body = b"\n".join(line for line in text.split(b"\n") if not line.startswith(b"@prefix "))
                f.write(body.lstrip(b"\n"))
        return
    if fmt == "jsonld":
        data = "".join(dataset.ntriples()).encode("utf-8")
        with atomic(path, "wb") as f:
            ox.serialize(ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES), f,
                         format=ox.RdfFormat.JSON_LD)
        return
    raise ValueError(f"unknown format {fmt}")


def _grouped_chunks(lines, fmt: str, size: int = 100_000):
    """Chunks of lines that never split one subject (Turtle) or one graph (TriG)."""
    chunk: list[str] = []
    last_key = None
    for line in lines:
        key = line[: line.index(" ")] if fmt == "ttl" else line[line.rindex(" <", 0, len(line) - 3):]
        if len(chunk) >= size and key != last_key:
            yield chunk
            chunk = []
        chunk.append(line)
        last_key = key
    if chunk:
        yield chunk


def _write_records(records, dataset, path: Path) -> None:
    seen = set()
    with atomic(path) as f:
        for r in sorted(records, key=lambda r: (r.source, r.sha256)):
            if (r.source, r.sha256) not in seen:  # one line per file, even if named twice
                seen.add((r.source, r.sha256))
                f.write(r.to_json() + "\n")


def _write_cache(dataset, out: Path, fp: str, state: str, validated: bool = False) -> None:
    """Every named graph's lines and the manifest, for the next build to reuse."""
    graphs = {g.name: [g.document, g.sha256] for g in dataset.graphs if g.document}
    with atomic(out / CACHE_DIR / "graphs.nq") as f:
        f.writelines(dataset.nquads())
    with atomic(out / CACHE_DIR / "manifest.json") as f:
        json.dump({"fingerprint": fp, "state": state, "base": dataset.base, "graphs": graphs,
                   "validated": validated}, f,
                  indent=0, sort_keys=True)
    old = out / CACHE_DIR / "documents.nq"  # the cache's name in earlier builds
    if old.exists():
        old.unlink()


def _tables(dataset) -> dict[str, list[list]]:
    from kg.clauses import clause_function
    from kg.iri import Iris

    iris = Iris(dataset.base)
    documents = [["document", "symbol", "kind", "title", "body", "session", "year", "adopted", "issued",
                  "agenda_item", "committee", "committee_report", "plenary_meeting", "sponsors",
                  "preambular_paragraphs", "operative_paragraphs", "footnotes", "citations", "mentions",
                  "source", "format", "sha256"]]
    paragraphs = [["document", "paragraph", "id", "kind", "number", "part", "verb", "clause_function",
                   "start", "end", "footnotes", "text"]]
    citations = [["document", "where", "target", "target_type", "target_iri", "date", "verb",
                  "clause_function", "surface", "start", "end"]]
    mentions = [["document", "where", "type", "notation", "concept", "label", "surface", "start", "end"]]
    for doc, r in sorted(dataset.documents.items()):
        d = r.document
        year = next((v[:4] for v in (d.adopted, d.issued) if v), "")
        documents.append([doc, d.symbol, d.kind, d.title, d.body, d.session, year, d.adopted, d.issued,
                          d.agenda_item, d.committee, d.committee_report, d.plenary_meeting,
                          "; ".join(d.sponsors), len(r.preambular_paragraphs), len(r.operative_paragraphs),
                          len(r.footnotes), len(r.citations), len(r.mentions), r.source, r.format, r.sha256])
        for p in r.paragraphs:
            paragraphs.append([doc, f"{doc}#{p.id}", p.id, p.kind, p.number, p.part, p.verb,
                               clause_function(p.verb) if p.verb else "", p.span[0], p.span[1],
                               " ".join(f"FN{m.number}" for m in p.markers), p.text])
        for c in sorted(r.citations, key=lambda c: (c.span, c.target)):
            verb = c.verb if c.where.startswith(("PP", "OP")) or "." in c.where else None
            citations.append([doc, c.where, c.target, c.target_type, iris.target(c.target, c.target_type).iri,
                              c.date, c.verb, clause_function(verb) if verb else "", c.text, c.span[0], c.span[1]])
        for m in sorted(r.mentions, key=lambda m: (m.span, m.id)):
            mentions.append([doc, m.where, m.type, m.notation, m.id, m.label, m.text, m.span[0], m.span[1]])
    return {"documents.csv": documents, "paragraphs.csv": paragraphs, "citations.csv": citations,
            "mentions.csv": mentions}


def _write_csv(path: Path, rows: list[list]) -> None:
    with atomic(path) as f:
        w = csv.writer(f, lineterminator="\n")
        for row in rows:
            w.writerow(["" if v is None else v for v in row])


def _xml_safe(value):
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return value


def _write_graphml(dataset, path: Path) -> None:
    """Documents, cited documents and mentioned concepts as nodes; citations (weighted by how many
    paragraphs cite), mentions and drafts-to-resolutions as edges: for Gephi."""
    import networkx as nx

    from kg.graph import match_drafts
    from kg.iri import Iris

    iris = Iris(dataset.base)
    g = nx.DiGraph()
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    for doc, r in sorted(dataset.documents.items()):
        d = r.document
        year = next((int(v[:4]) for v in (d.adopted, d.issued) if v), 0)
        nodes[doc] = {"label": d.symbol or (d.title or r.source)[:80], "kind": d.kind or "document",
                      "year": year, "in_corpus": True, "session": d.session or 0}
        for c in r.citations:
            t = iris.target(c.target, c.target_type)
            nodes.setdefault(t.iri, {"label": t.label, "kind": t.kind, "year": 0, "in_corpus": False, "session": 0})
            e = edges.setdefault((doc, t.iri), {"relation": "cites", "weight": 0})
            e["weight"] += 1
        for m in r.mentions:
            if m.type == "date" or not m.id:
                continue
            nodes.setdefault(m.id, {"label": m.notation or m.label, "kind": m.type, "year": 0,
                                    "in_corpus": False, "session": 0})
            e = edges.setdefault((doc, m.id), {"relation": "mentions", "weight": 0})
            e["weight"] += 1
    for draft, adopted in sorted(match_drafts(dataset.documents, iris).items()):
        edges[(draft, adopted)] = {"relation": "adoptedAs", "weight": 1}
    for iri in sorted(nodes):
        g.add_node(iri, **{k: _xml_safe(v) for k, v in nodes[iri].items()})
    for (s, o) in sorted(edges):
        g.add_edge(s, o, **edges[(s, o)])
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    with atomic(path, "wb") as f:
        f.write(buf.getvalue())


def _write_network(dataset, path: Path, report: BuildReport) -> None:
    from kg import network

    store = dataset.store()
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        network.write_network(store, tmp)
        os.replace(tmp, path)
        report.outputs.append(path.name)
    except Exception as exc:  # noqa: BLE001 - the graph is written whatever the network does
        report.notes.append(f"network.html not written: {type(exc).__name__}: {exc}")
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    report = build(args.inputs, args.out, formats=args.format or [], store=args.store, base=args.base,
                   jobs=args.jobs, validate=args.validate, full=args.full,
                   progress=False if args.quiet else None)
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    if report.failures or report.violations:
        parts = []
        if report.failures:
            names = ", ".join(f["path"] for f in report.failures[:3])
            more = f" and {len(report.failures) - 3} more" if len(report.failures) > 3 else ""
            parts.append(f"{len(report.failures)} of {report.inputs} inputs failed ({names}{more})")
        if report.violations:
            docs = sorted({v["document"] for v in report.violations})
            parts.append(f"{len(docs)} document(s) fail validation ({', '.join(docs[:3])})")
        written = ("the graph of the other documents was written to" if report.failures
                   else "the graph, with them, was written to")
        print(f"kg build: {'; '.join(parts)}; {written} {args.out}", file=sys.stderr)
        return 1
    return 0
