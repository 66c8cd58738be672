"""The persistent store: a pyoxigraph (RocksDB) database on disk that ``kg query``, ``kg serve``
and ``kg validate`` open without rebuilding, kept in step with the build.

Chosen by measurement (``bench/bench_graph.py``, 2.1 million triples, README "Benchmarks"):
opening the store takes under 0.1 s where loading ``graph.ttl`` or ``graph.nq`` into memory
takes 10-25 s, so every ``kg query`` on a built graph starts at once. The triples are kept in
the store's default graph, not in one named graph per document as in TriG / N-Quads: bulk
loading was 5 times faster (13 s against 69 s) and the canned queries 2-4 times faster.

An incremental build still touches only what changed: the build directory keeps the previous
build's triples per named graph (``DIR/.kg-cache``), so the store removes the triples of the
documents that changed or left, the lines of the corpus and vocabulary graphs that changed, and
adds the new ones. A marker in the store's named graph ``{base}graph/build`` records the
fingerprint (builder, base, ontology, vocabularies) and the state of the build it holds; a store
that holds anything else than the previous build is made anew.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.graph import Dataset, _chunks
from kg.ns import UNKG


class StoreError(KgError):
    """A store that cannot be opened or written; the message names the path."""


@dataclass
class StoreUpdate:
    """What a store update did."""

    path: str
    removed: int  # document graphs whose triples were removed
    loaded: int  # document graphs whose triples were added
    kept: int  # document graphs left as they were
    rebuilt: bool  # the store was made anew
    quads: int  # quads in the store after the update (the build marker included)


def dataset_state(dataset: Dataset) -> str:
    """A digest of everything a dataset holds (names of its document graphs, which carry their
    content hash, and the lines of its corpus and vocabulary graphs)."""
    h = hashlib.sha256()
    for g in dataset.graphs:
        h.update(g.name.encode() + b"\n")
        if g.document is None:
            for line in g.lines:
                h.update(line.encode())
    return h.hexdigest()[:16]


def _marker(dataset: Dataset):
    import pyoxigraph as ox

    graph = ox.NamedNode(f"{dataset.base}graph/build")
    return graph, ox.NamedNode(str(UNKG.fingerprint))


def _triples(lines):
    import pyoxigraph as ox

    for chunk in _chunks(lines, 200_000):
        yield from ox.parse(input="\n".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def _bulk_load(store, lines) -> None:
    import pyoxigraph as ox

    for chunk in _chunks(lines, 200_000):
        store.bulk_load(input=("\n".join(chunk) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def write_store(dataset: Dataset, path: str | Path, fingerprint: str,
                previous: dict[str, list[str]] | None = None, previous_state: str | None = None) -> StoreUpdate:
    """Make the store at ``path`` hold exactly ``dataset`` (all triples in its default graph).

    ``previous`` (named graph -> lines) and ``previous_state`` describe the previous build; where
    the store holds that build under the same fingerprint only the differences are written,
    otherwise the store is made anew."""
    import pyoxigraph as ox

    p = Path(path)
    graph, predicate = _marker(dataset)
    state = f"{fingerprint}:{dataset_state(dataset)}"
    store = None
    rebuilt = True
    if p.exists():
        try:
            store = ox.Store(str(p))
        except OSError as exc:
            raise StoreError(f"{p}: cannot open the store for writing ({exc}); is `kg serve` using it?") from None
        held = [q.object.value for q in store.quads_for_pattern(graph, predicate, None, graph)]
        if previous is not None and previous_state and held == [f"{fingerprint}:{previous_state}"]:
            rebuilt = False
        else:
            del store
            store = None
            shutil.rmtree(p)
    new = {g.name: g for g in dataset.graphs}
    if store is None:
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            store = ox.Store(str(p))
        except OSError as exc:
            raise StoreError(f"{p}: cannot create the store ({exc})") from None
        _bulk_load(store, (line for g in dataset.graphs for line in g.lines))
        removed = kept = 0
        loaded = sum(1 for g in dataset.graphs if g.document)
    else:
        old = previous or {}
        fixed = {g.name for g in dataset.graphs if g.document is None}
        gone: list[str] = []
        added: list[str] = []
        removed = loaded = kept = 0
        for name, lines in old.items():
            if name in fixed:
                continue
            if name not in new:
                gone.extend(lines)
                removed += 1
            else:
                kept += 1
        for name, g in new.items():
            if name in fixed:
                before = set(old.get(name, ()))
                after = set(g.lines)
                gone.extend(sorted(before - after))
                added.extend(sorted(after - before))
            elif name not in old:
                added.extend(g.lines)
                loaded += 1
        for t in _triples(gone):
            store.remove(ox.Quad(t.subject, t.predicate, t.object))
        _bulk_load(store, added)
    store.remove_graph(graph)
    store.add(ox.Quad(graph, predicate, ox.Literal(state), graph))
    store.flush()
    if rebuilt:
        store.optimize()
    quads = len(store)
    del store
    return StoreUpdate(str(p), removed, loaded, kept, rebuilt, quads)
