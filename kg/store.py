"""The persistent store: a pyoxigraph (RocksDB) database on disk that ``kg query``, ``kg serve``
and ``kg validate`` open without rebuilding, kept in step with the build graph by graph.

Why pyoxigraph on disk: on the benchmark graph (``bench/bench_graph.py``) it answers the canned
queries as fast as the in-memory store once open, and opening it costs milliseconds, where
loading ``graph.ttl`` or ``graph.nq`` into memory costs seconds per million triples; rdflib's
stores were slower still by one to two orders of magnitude (figures in the README).

Each document lives in a named graph keyed by its IRI and the hash of its source
(``kg.graph.document_graph_iri``), so an incremental build removes the graphs of documents that
changed or left the corpus and loads only the new ones; the corpus and vocabulary graphs are
replaced each time. A fingerprint (builder version, base, ontology and vocabularies) is kept in
the store: a store made under another fingerprint is rebuilt from scratch.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.graph import Dataset, NamedGraph, _chunks
from kg.ns import UNKG


class StoreError(KgError):
    """A store that cannot be opened or written; the message names the path."""


@dataclass
class StoreUpdate:
    """What a store update did."""

    path: str
    removed: int  # named graphs dropped
    loaded: int  # named graphs loaded
    kept: int  # document graphs left as they were
    rebuilt: bool  # the store was made anew
    quads: int


def _build_graph(base: str) -> str:
    return f"{base}graph/build"


def _load(store, graphs: list[NamedGraph]) -> None:
    import pyoxigraph as ox

    def lines():
        for g in graphs:
            suffix = f"<{g.name}> .\n"
            for line in g.lines:
                yield line[:-1] + suffix

    for chunk in _chunks(lines(), 200_000):
        store.bulk_load(input="".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def write_store(dataset: Dataset, path: str | Path, fingerprint: str) -> StoreUpdate:
    """Make the store at ``path`` hold exactly ``dataset``: in place where it was built under the
    same fingerprint (only changed document graphs are removed and loaded), anew otherwise."""
    import pyoxigraph as ox

    p = Path(path)
    build_graph = ox.NamedNode(_build_graph(dataset.base))
    marker = ox.NamedNode(str(UNKG.fingerprint))
    store = None
    rebuilt = True
    if p.exists():
        try:
            store = ox.Store(str(p))
        except OSError as exc:
            raise StoreError(f"{p}: cannot open the store for writing ({exc}); is `kg serve` using it?") from None
        old = [q.object.value for q in store.quads_for_pattern(build_graph, marker, None, build_graph)]
        if old == [fingerprint]:
            rebuilt = False
        else:
            del store
            store = None
            shutil.rmtree(p)
    if store is None:
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            store = ox.Store(str(p))
        except OSError as exc:
            raise StoreError(f"{p}: cannot create the store ({exc})") from None
    wanted = {g.name: g for g in dataset.graphs}
    present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    present.discard(build_graph.value)
    # corpus and vocabulary graphs change with any document: always replaced
    fixed = {g.name for g in dataset.graphs if g.document is None}
    removed = [name for name in sorted(present) if name not in wanted or name in fixed]
    for name in removed:
        store.remove_graph(ox.NamedNode(name))
    to_load = [g for name, g in wanted.items() if name not in present or name in fixed]
    _load(store, to_load)
    store.remove_graph(build_graph)
    store.add(ox.Quad(build_graph, marker, ox.Literal(fingerprint), build_graph))
    store.flush()
    quads = len(store)
    store.optimize()
    del store
    kept = sum(1 for g in dataset.graphs if g.document is not None and g.name in present)
    return StoreUpdate(str(p), len([r for r in removed if r not in fixed]),
                       len([g for g in to_load if g.document is not None]), kept, rebuilt, quads)
