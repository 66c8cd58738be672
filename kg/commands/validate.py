"""``kg validate GRAPH|DIR|STORE``: check a built graph against ``ontology/shapes.ttl``, document by
document (pySHACL cannot take a graph of millions of triples at once).

Each document's named graph is validated together with the ontology's class hierarchy and the
vocabulary concepts it refers to; the corpus graph (sessions, cited documents outside the corpus,
summaries) is validated on its own. A graph without named graphs (``graph.ttl``) is cut into
documents by IRI: a document node, the parts under ``{document}#...`` and its source. Every
violation is reported with its shape, focus node and document; the command exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

HELP = "validate a built graph against the SHACL shapes, document by document (pySHACL)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", nargs="?", default="build", metavar="GRAPH|DIR|STORE",
                   help="a build directory, a graph file or a store (default: build)")
    p.add_argument("--shapes", default=None, metavar="FILE", help="SHACL shapes (default ontology/shapes.ttl)")
    p.add_argument("--document", action="append", default=[], metavar="IRI|SYMBOL",
                   help="validate only this document (repeatable)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (documents are independent)")
    p.add_argument("--json", action="store_true", help="print the violations as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="only the summary line")


@dataclass
class Violation:
    """One SHACL result: the document it is in, the shape, the focus node, the path, the message."""

    document: str
    shape: str
    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.document}: {self.shape} on {self.focus}{where}: {self.message}"


_SHAPES_CACHE: dict[str, object] = {}


def _shapes(path: str | None = None):
    import rdflib

    from kg.ns import SHAPES_TTL

    key = str(path or SHAPES_TTL)
    if key not in _SHAPES_CACHE:
        g = rdflib.Graph()
        g.parse(key, format="turtle")
        _SHAPES_CACHE[key] = g
    return _SHAPES_CACHE[key]


class _Context:
    """What every document's validation adds to its triples: the ontology's class hierarchy and,
    for each node a document refers to, that node's vocabulary triples."""

    def __init__(self, vocabulary_lines: Iterable[str]):
        from kg.ns import RDFS

        self.hierarchy: list[str] = []
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        sub_class = f"<{RDFS.subClassOf}>"
        for line in vocabulary_lines:
            subject, predicate, _rest = line.split(" ", 2)
            if predicate == sub_class:
                self.hierarchy.append(line)
            self.by_subject[subject].append(line)

    def lines_for(self, lines: list[str]) -> list[str]:
        wanted: set[str] = set()
        for line in lines:
            obj = line.split(" ", 2)[2]
            if obj.startswith("<"):
                wanted.add(obj[: obj.index(">") + 1])
        out = list(self.hierarchy)
        for term in wanted:
            out.extend(self.by_subject.get(term, ()))
        return out


def _short(term, prefixes) -> str:
    text = str(term)
    for prefix, ns in prefixes.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def validate_lines(document: str, lines: list[str], context: _Context, shapes=None) -> list[Violation]:
    """Violations of one document's N-Triples lines (with its context) against the shapes."""
    import rdflib
    from pyshacl import validate
    from rdflib.namespace import SH

    from kg.ns import PREFIXES

    data = rdflib.Graph()
    data.parse(data="\n".join([*lines, *context.lines_for(lines)]) + "\n", format="nt")
    shapes_graph = shapes if shapes is not None else _shapes()
    conforms, report, _text = validate(data, shacl_graph=shapes_graph, inference="none",
                                       abort_on_first=False, allow_warnings=True, advanced=False)
    if conforms:
        return []
    prefixes = {**PREFIXES, "shape": "https://w3id.org/unkg/shapes#"}
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        # a property shape is a blank node: name the node shape that holds it
        if isinstance(shape, rdflib.BNode):
            holder = next(iter(shapes_graph.subjects(SH.property, shape)), None)
            shape = holder if holder is not None else shape
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        text = str(message) if message is not None else "does not conform"
        if value is not None and str(value) not in text:
            text += f" (value {_short(value, prefixes)})"
        out.append(Violation(document, _short(shape, prefixes), str(report.value(result, SH.focusNode)),
                             _short(path, prefixes) if path is not None else "", text,
                             _short(severity, {"sh": str(SH)}).removeprefix("sh:") if severity else "Violation"))
    return sorted(out, key=lambda v: (v.document, v.focus, v.shape, v.path, v.message))


def validate_dataset(dataset, only: Iterable[str] = ()) -> list[Violation]:
    """Violations of a :class:`kg.graph.Dataset`, document by document, then its corpus graph."""
    vocab = next((g for g in dataset.graphs if g.name.endswith("/graph/vocabulary")), None)
    context = _Context(vocab.lines if vocab else [])
    wanted = set(only)
    out: list[Violation] = []
    for g in dataset.graphs:
        if g is vocab:
            continue
        name = g.document or "(corpus graph)"
        if wanted and name not in wanted:
            continue
        out.extend(validate_lines(name, g.lines, context))
    return out


# ---------------------------------------------------------------------------------------------
# graphs read back from a build directory, a file or a store


def _store_graphs(store) -> Iterator[tuple[str, str, list[str]]]:
    """``(kind, name, lines)`` for every named graph of a store; a store without named graphs
    is cut into documents by IRI."""
    import pyoxigraph as ox

    from kg.ns import UNKG

    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    names = [n for n in names if not n.endswith("/graph/build")]
    if names:
        for name in names:
            lines = _lines(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
            kind = "vocabulary" if name.endswith("/graph/vocabulary") else (
                "corpus" if name.endswith("/graph/corpus") else "document")
            yield kind, name, lines
        return
    # one default graph (graph.ttl): documents are the subjects of unkg:inCorpus
    docs = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(str(UNKG.inCorpus)), None)}
    sources = {q.object.value: q.subject.value
               for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), None)
               if q.subject.value in docs}
    groups: dict[str, list] = defaultdict(list)
    vocab_ns = ("https://w3id.org/unkg/ontology", "https://w3id.org/unkg/id/", "https://w3id.org/unkg/vocab/")
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        s = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
        head = s.split("#", 1)[0]
        if head in docs:
            groups[head].append(q)
        elif s in sources:
            groups[sources[s]].append(q)
        elif s.startswith(vocab_ns) or s.startswith("http://") and "unkg" not in s:
            groups["(vocabulary)"].append(q)
        else:
            groups["(corpus graph)"].append(q)
    for name in sorted(groups):
        kind = "vocabulary" if name == "(vocabulary)" else ("corpus" if name == "(corpus graph)" else "document")
        yield kind, name, _lines(groups[name])


def _lines(quads) -> list[str]:
    import pyoxigraph as ox

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


_WORKER_CONTEXT: _Context | None = None


def _init_worker(vocabulary_lines: list[str], shapes_path: str | None) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = _Context(vocabulary_lines)
    if shapes_path:
        from kg.ns import SHAPES_TTL

        _SHAPES_CACHE[str(SHAPES_TTL)] = _shapes(shapes_path)


def _work(item: tuple[str, list[str]]) -> list[Violation]:
    assert _WORKER_CONTEXT is not None
    return validate_lines(item[0], item[1], _WORKER_CONTEXT)


def validate_graph(graph: Any, only: Iterable[str] = (), progress: bool = False, jobs: int = 1,
                   shapes_path: str | None = None) -> tuple[list[Violation], int]:
    """Violations of a graph opened with :func:`kg.sparql.open_graph`, and how many documents were
    validated."""
    from kg.graph import vocabulary_lines

    parts = list(_store_graphs(graph))
    vocab = [lines for kind, _n, lines in parts if kind == "vocabulary"]
    vocab_lines = vocab[0] if vocab else vocabulary_lines()
    context = _Context(vocab_lines)
    wanted = set(only)
    out: list[Violation] = []
    todo = []
    for kind, name, lines in parts:
        if kind == "vocabulary":
            continue
        doc = _document_of(name, lines) if kind == "document" else "(corpus graph)"
        if wanted and not (doc in wanted or any(f"/doc/{w}" in doc for w in wanted)):
            continue
        todo.append((doc, lines))
    bar = None
    if progress and len(todo) > 20 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, desc="validate")
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(vocab_lines, shapes_path)) as pool:
            for found in pool.map(_work, todo, chunksize=4):
                out.extend(found)
                if bar:
                    bar.update(1)
    else:
        for doc, lines in todo:
            out.extend(validate_lines(doc, lines, context))
            if bar:
                bar.update(1)
    if bar:
        bar.close()
    return out, sum(1 for d, _ in todo if d != "(corpus graph)")


def _document_of(name: str, lines: list[str]) -> str:
    marker = " <https://w3id.org/unkg/ontology#inCorpus> "
    for line in lines:
        if marker in line:
            return line[1: line.index(">")]
    return name


def run(args: argparse.Namespace) -> int:
    import json

    from kg.sparql import open_graph

    t = time.perf_counter()
    if args.shapes:
        from pathlib import Path

        from kg.errors import KgError

        if not Path(args.shapes).is_file():
            raise KgError(f"{args.shapes}: no such shapes file")
        _SHAPES_CACHE.clear()
        from kg.ns import SHAPES_TTL

        _SHAPES_CACHE[str(SHAPES_TTL)] = _shapes(args.shapes)
    graph = open_graph(args.graph)
    violations, documents = validate_graph(graph, args.document, progress=not args.quiet,
                                           jobs=args.jobs, shapes_path=args.shapes)
    violations.sort(key=lambda v: (v.document, v.focus, v.shape, v.path, v.message))
    seconds = time.perf_counter() - t
    if args.json:
        json.dump([v.as_dict() for v in violations], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif not args.quiet:
        for v in violations:
            print(f"kg validate: {v}", file=sys.stderr)
    bad = sorted({v.document for v in violations})
    if violations:
        print(f"kg validate: {len(violations)} violation(s) in {len(bad)} of {documents} documents "
              f"({', '.join(bad[:3])}{' ...' if len(bad) > 3 else ''}) [{seconds:.1f}s]", file=sys.stderr)
        return 1
    print(f"kg validate: {documents} documents conform to the shapes [{seconds:.1f}s]", file=sys.stderr)
    return 0
