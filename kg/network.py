"""The graph as an interactive network: SPARQL → networkx → one self-contained HTML page.

The graph is read only through :func:`kg.sparql.select`, with queries on the shape documented
in ``ontology/README.md`` (documents, their parts, reified citations and mentions, concepts with
SKOS labels); values the shape marks optional may be missing.

Two networks are drawn from it, and a third that joins them:

* ``citations``: documents and the documents they cite (``unkg:cites`` made by a paragraph or
  footnote, typed by the clause's function ``cito:hasCitationCharacterization``), and drafts to
  the resolutions they became (``unkg:adoptedAs``);
* ``entities``: documents of the corpus and the instruments, bodies and crime categories their
  paragraphs mention;
* ``all``: both.

:func:`read_network` returns the networkx graph of all of it (:func:`to_networkx` one view,
with plain scalar attributes, so that ``networkx.write_graphml`` takes it as it is);
:func:`write_network` lays each view out in Python and writes the page. The page works offline
from ``file://``: vis-network (shipped inside the pyvis package; dual Apache-2.0/MIT licence,
whose header is kept) and the page's own script and stylesheet are inlined, and nothing is
fetched. pyvis's own page template is not used: it loads bootstrap and tom-select from CDNs,
writes node data into a script unescaped, and its ``add_node``/``add_edge`` check for
duplicates by scanning lists (quadratic in the size of the graph).

All text taken from documents travels as JSON in a ``<script type="application/json">`` block
with ``<``, ``>`` and ``&`` escaped, and the page inserts it with ``textContent`` only.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.sparql import select

VIEWS = ("citations", "entities", "all")
SIZE_BY = ("cited", "pagerank")
DEFAULT_MAX_NODES = 2000
#: paragraph texts carried for one entity (every reference is listed; text for the first ones)
PARAGRAPH_TEXTS_PER_ENTITY = 40

UNKG = "https://w3id.org/unkg/ontology#"
PREFIXES = """\
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

# Node types of the page: how a node of each kind is drawn. Keyed by what the graph says of
# the node (its ontology class, whether the corpus holds its text); labels are the legend's.
NODE_TYPES: dict[str, dict[str, str]] = {
    "resolution": {"label": "resolution", "shape": "dot", "color": "#1f5fa8", "group": "document"},
    "draft": {"label": "draft", "shape": "square", "color": "#12a4b8", "group": "document"},
    "decision": {"label": "decision", "shape": "diamond", "color": "#7b4fb0", "group": "document"},
    "amendment": {"label": "amendment", "shape": "square", "color": "#8c564b", "group": "document"},
    "cited-resolution": {"label": "cited resolution or decision (text not in the corpus)",
                         "shape": "dot", "color": "#9cbbe0", "group": "cited"},
    "cited-document": {"label": "cited report, record or treaty", "shape": "triangle",
                       "color": "#b9b9b9", "group": "cited"},
    "instrument": {"label": "instrument", "shape": "star", "color": "#f28e1c", "group": "entity"},
    "body": {"label": "body", "shape": "hexagon", "color": "#2e9e44", "group": "entity"},
    "crime-category": {"label": "crime category", "shape": "triangleDown", "color": "#d43a3a",
                       "group": "entity"},
}

# ontology class (local name) -> node type, for documents whose text is in the corpus
_CORPUS_CLASSES = {
    "Resolution": "resolution", "DraftResolution": "draft", "RevisedDraftResolution": "draft",
    "Decision": "decision", "DraftDecision": "draft", "Amendment": "amendment",
}
# the more specific class wins where a node carries several
_CLASS_PRIORITY = ["RevisedDraftResolution", "DraftResolution", "DraftDecision", "Amendment",
                   "Decision", "Resolution", "Report", "TreatySeriesEntry", "Document"]
_DOCUMENT_CLASSES = _CLASS_PRIORITY

# mention predicate / concept class / IRI path -> entity node type
_MENTION_PREDICATES = {
    UNKG + "mentionsInstrument": "instrument",
    UNKG + "mentionsBody": "body",
    UNKG + "mentionsCrimeCategory": "crime-category",
}
_ENTITY_CLASSES = {
    "Instrument": "instrument", "Convention": "instrument", "Protocol": "instrument",
    "Declaration": "instrument", "RulesAndStandards": "instrument", "Strategy": "instrument",
    "Body": "body", "CrimeCategory": "crime-category",
}
_ENTITY_PATHS = {"/id/instrument/": "instrument", "/id/body/": "body", "/id/crime/": "crime-category"}
_MENTION_TYPES = {"instrument": "instrument", "body": "body", "crime_category": "crime-category"}

# Colours of citation functions, given out in order of frequency (a function is a concept of
# ontology/vocab/clauses.ttl; no list of them lives here).
_FUNCTION_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                     "#e377c2", "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939",
                     "#7b4173", "#3182bd", "#e6550d", "#31a354"]
_UNTYPED_FUNCTION = "cites"  # a citation whose clause function the graph does not give
_IN_FOOTNOTE = "footnote"  # a footnote's citation: no clause, so no clause function
_ADOPTED_AS = "adoptedAs"
_MENTION_EDGE_COLOR = "#c9ccd3"


class NetworkError(KgError):
    """A network that cannot be drawn as asked; the message says why."""


@dataclass
class NetworkData:
    """Everything the page and the statistics need, read from the graph once.

    ``graph`` holds every node (documents, cited documents, entities) and edge (``kind`` is
    ``cites``, ``adopted_as`` or ``mentions``); ``mentions`` lists, for each entity, the parts
    that mention it as ``(document, part, paragraph id)`` in document and paragraph order.
    """

    graph: nx.DiGraph
    mentions: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    function_labels: dict[str, str] = field(default_factory=dict)

    def view(self, view: str = "all") -> nx.DiGraph:
        """The subgraph of one view (a view of the same node and edge attributes)."""
        return view_graph(self.graph, view)


def view_graph(g: nx.DiGraph, view: str) -> nx.DiGraph:
    """The nodes and edges of ``view`` in ``g`` (see the module docstring), as a new graph
    sharing ``g``'s attribute dictionaries (``g`` itself for ``all``)."""
    if view not in VIEWS:
        raise NetworkError(f"unknown view {view!r} (expected one of {', '.join(VIEWS)})")
    if view == "all":
        return g
    kinds = {"cites", "adopted_as"} if view == "citations" else {"mentions"}
    groups = {"document", "cited"} if view == "citations" else {"document", "entity"}
    sub = nx.DiGraph()
    sub.add_nodes_from((n, d) for n, d in g.nodes(data=True) if NODE_TYPES[d["type"]]["group"] in groups)
    sub.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if d["kind"] in kinds and u in sub and v in sub)
    for n in sub:  # the same dictionaries, not copies
        sub._node[n] = g._node[n]
    return sub


# ---------------------------------------------------------------------------------------------
# Reading the graph

_CLASS_VALUES = " ".join(f"unkg:{c}" for c in _DOCUMENT_CLASSES)

_Q_DOCUMENTS = PREFIXES + """
SELECT ?doc ?class ?symbol ?number ?label ?title ?year ?adopted ?issued ?session ?sessionLabel
       ?sessionNumber ?body ?bodyLabel ?resolver ?inCorpus WHERE {
  ?doc a ?class .
  VALUES ?class { @CLASSES@ }
  OPTIONAL { ?doc unkg:symbol ?symbol }
  OPTIONAL { ?doc unkg:number ?number }
  OPTIONAL { ?doc rdfs:label ?label }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc unkg:year ?year }
  OPTIONAL { ?doc unkg:adopted ?adopted }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?doc unkg:session ?session .
             OPTIONAL { ?session rdfs:label ?sessionLabel }
             OPTIONAL { ?session unkg:sessionNumber ?sessionNumber } }
  OPTIONAL { ?doc unkg:adoptedBy ?body . OPTIONAL { ?body unkg:shortLabel ?bodyLabel } }
  OPTIONAL { ?doc unkg:resolver ?resolver }
  BIND (EXISTS { ?doc unkg:hasParagraph ?anyPart } || EXISTS { ?somePart dcterms:isPartOf ?doc }
        || EXISTS { ?doc prov:wasDerivedFrom ?source } AS ?inCorpus)
}""".replace("@CLASSES@", _CLASS_VALUES)

# the document of a part: either direction of the part-whole link will do
_PART_OF = """{ ?part dcterms:isPartOf ?doc } UNION { ?doc unkg:hasParagraph ?part }
  UNION { ?doc unkg:hasFootnote ?part }"""

_Q_CITATIONS = PREFIXES + """
SELECT DISTINCT ?citation ?doc ?part ?target ?function ?pid ?order ?inFootnote WHERE {
  ?citation cito:hasCitingEntity ?part ; cito:hasCitedEntity ?target .
  @PART_OF@
  OPTIONAL { ?citation cito:hasCitationCharacterization ?function }
  OPTIONAL { ?part unkg:paragraphId ?pid }
  OPTIONAL { ?part unkg:order ?order }
  BIND (EXISTS { ?part a unkg:Footnote } AS ?inFootnote)
}""".replace("@PART_OF@", _PART_OF)

# document-level citations, for the targets no reified citation reaches
_Q_DOCUMENT_CITES = PREFIXES + """
SELECT DISTINCT ?doc ?target WHERE {
  ?doc unkg:cites ?target ; a ?class .
  VALUES ?class { @CLASSES@ }
  FILTER NOT EXISTS { ?doc dcterms:isPartOf ?whole }
  FILTER NOT EXISTS { ?whole2 unkg:hasParagraph ?doc }
  FILTER NOT EXISTS { ?whole3 unkg:hasFootnote ?doc }
}""".replace("@CLASSES@", _CLASS_VALUES)

_Q_ADOPTED_AS = PREFIXES + "SELECT DISTINCT ?draft ?adopted WHERE { ?draft unkg:adoptedAs ?adopted }"

_Q_PART_MENTIONS = PREFIXES + """
SELECT DISTINCT ?doc ?part ?pid ?order ?predicate ?concept WHERE {
  VALUES ?predicate { unkg:mentions unkg:mentionsInstrument unkg:mentionsBody
                      unkg:mentionsCrimeCategory }
  ?part ?predicate ?concept .
  @PART_OF@
  OPTIONAL { ?part unkg:paragraphId ?pid }
  OPTIONAL { ?part unkg:order ?order }
}""".replace("@PART_OF@", _PART_OF)

_Q_REIFIED_MENTIONS = PREFIXES + """
SELECT DISTINCT ?concept ?type WHERE {
  ?mention unkg:mentionedConcept ?concept ; unkg:mentionType ?type .
}"""

_Q_DOCUMENT_MENTIONS = PREFIXES + """
SELECT DISTINCT ?doc ?predicate ?concept WHERE {
  VALUES ?predicate { unkg:mentions unkg:mentionsInstrument unkg:mentionsBody
                      unkg:mentionsCrimeCategory }
  ?doc ?predicate ?concept ; a ?class .
  VALUES ?class { @CLASSES@ }
  FILTER NOT EXISTS { ?doc dcterms:isPartOf ?whole }
  FILTER NOT EXISTS { ?whole2 unkg:hasParagraph ?doc }
  FILTER NOT EXISTS { ?whole3 unkg:hasFootnote ?doc }
}""".replace("@CLASSES@", _CLASS_VALUES)

# labels of the vocabularies' concepts (entities and clause functions), and the classes that
# make a concept an entity of the page; not every typed node of the graph
_Q_CONCEPTS = PREFIXES + """
SELECT ?concept ?pref ?short ?notation ?class WHERE {
  { ?concept skos:prefLabel ?pref } UNION { ?concept unkg:shortLabel ?short }
  UNION { ?concept skos:notation ?notation }
  UNION { ?concept a ?class . VALUES ?class { @ENTITY_CLASSES@ } }
  FILTER (isIRI(?concept) && (!BOUND(?pref) || lang(?pref) = "" || langMatches(lang(?pref), "en")))
}""".replace("@ENTITY_CLASSES@", " ".join(f"unkg:{c}" for c in _ENTITY_CLASSES))

_Q_TEXTS = PREFIXES + """
SELECT DISTINCT ?part ?text WHERE {
  VALUES ?concept { %s }
  VALUES ?predicate { unkg:mentions unkg:mentionsInstrument unkg:mentionsBody
                      unkg:mentionsCrimeCategory }
  ?part ?predicate ?concept ; unkg:text ?text .
}"""


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _year_of(*values: Any) -> int | None:
    for v in values:
        if isinstance(v, int):
            return v
        if isinstance(v, str) and re.match(r"\d{4}", v):
            return int(v[:4])
    return None


def _short(text: str, limit: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pid_key(pid: str | None, order: Any) -> tuple:
    """Sort key of a part in document order: its order if given, else its id's number."""
    if isinstance(order, int):
        return (order, pid or "")
    m = re.search(r"(\d+)$", pid or "")
    rank = {"HEAD": 0, "PP": 1, "OP": 2, "FN": 4}.get(re.sub(r"[\d.]+$", "", (pid or "").split(".")[-1]), 3)
    return (10**6 + rank * 10**4 + (int(m.group(1)) if m else 0), pid or "")


def read_network(graph: Any) -> NetworkData:
    """Read documents, citations and mentions of ``graph`` (a pyoxigraph Store, an rdflib Graph,
    or a path for :func:`kg.sparql.open_graph`) into a :class:`NetworkData`."""
    if isinstance(graph, str | Path):
        from kg.sparql import open_graph

        graph = open_graph(graph)
    g = nx.DiGraph()
    concepts = _read_concepts(graph)

    # documents
    docs: dict[str, dict[str, Any]] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    for row in select(graph, _Q_DOCUMENTS):
        iri = row["doc"]
        classes[iri].add(_local(row["class"]))
        d = docs.setdefault(iri, {})
        for key in ("symbol", "number", "label", "title", "year", "adopted", "issued", "session",
                    "sessionLabel", "sessionNumber", "body", "bodyLabel", "resolver"):
            if d.get(key) is None and row.get(key) is not None:
                d[key] = row[key]
        d["inCorpus"] = bool(d.get("inCorpus")) or bool(row.get("inCorpus"))

    # citations made by parts (reified), grouped into one edge per (document, target)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    function_iris: dict[str, str] = {}
    for row in select(graph, _Q_CITATIONS):
        doc, target = row["doc"], row["target"]
        if doc == target:
            continue
        e = edges.setdefault((doc, target), {"functions": Counter(), "parts": {}})
        if row.get("function"):
            function = _local(row["function"])
            function_iris[function] = row["function"]
        else:
            function = _IN_FOOTNOTE if row.get("inFootnote") else _UNTYPED_FUNCTION
        e["functions"][function] += 1
        e["parts"].setdefault(row["part"], (row.get("pid") or _local(row["part"]), row.get("order")))
    for row in select(graph, _Q_DOCUMENT_CITES):
        if row["doc"] != row["target"]:
            edges.setdefault((row["doc"], row["target"]),
                             {"functions": Counter({_UNTYPED_FUNCTION: 1}), "parts": {}})
    adopted_as = [(r["draft"], r["adopted"]) for r in select(graph, _Q_ADOPTED_AS)]

    # mentions of entities by parts, and by documents where no part is given
    reified_types = {r["concept"]: r["type"] for r in select(graph, _Q_REIFIED_MENTIONS)}
    mention_parts: dict[str, dict[str, tuple[str, str, str, Any]]] = defaultdict(dict)
    entity_types: dict[str, str] = {}
    for row in select(graph, _Q_PART_MENTIONS):
        etype = _entity_type(row["concept"], row["predicate"], concepts, reified_types)
        if etype is None:
            continue
        entity_types[row["concept"]] = etype
        mention_parts[row["concept"]].setdefault(
            row["part"], (row["doc"], row["part"], row.get("pid") or _local(row["part"]), row.get("order")))
    doc_mentions: set[tuple[str, str]] = set()
    for row in select(graph, _Q_DOCUMENT_MENTIONS):
        etype = _entity_type(row["concept"], row["predicate"], concepts, reified_types)
        if etype is not None:
            entity_types[row["concept"]] = etype
            doc_mentions.add((row["doc"], row["concept"]))

    # nodes: every document named anywhere above, then the entities
    def add_document(iri: str, cites_or_mentions: bool = False) -> None:
        if iri in g:
            return
        d = docs.get(iri, {})
        # only a document whose text was read cites or mentions anything
        in_corpus = bool(d.get("inCorpus")) or cites_or_mentions
        cls = next((c for c in _CLASS_PRIORITY if c in classes.get(iri, ())), None)
        if in_corpus:
            ntype = _CORPUS_CLASSES.get(cls or "", "resolution")
        else:
            ntype = "cited-resolution" if cls in ("Resolution", "Decision") else "cited-document"
        symbol = d.get("symbol")
        title = d.get("title")
        label = d.get("number") or symbol
        if not label and ntype == "draft" and d.get("sessionNumber") is not None:
            # a draft without a symbol: "GA 72 draft" says more than the start of its title
            label = " ".join(str(x) for x in (d.get("bodyLabel"), d["sessionNumber"], "draft") if x)
        label = label or d.get("label") or _short(title or _local(iri))
        attrs = {"type": ntype, "label": _short(str(label), 32), "in_corpus": in_corpus,
                 "symbol": symbol, "number": d.get("number"), "name": d.get("label"),
                 "title": title, "adopted": d.get("adopted"),
                 "year": _year_of(d.get("year"), d.get("adopted"), d.get("issued")),
                 "session": d.get("session"), "adopted_by": d.get("bodyLabel") or
                 (_local(d["body"]) if d.get("body") else None),
                 "session_label": d.get("sessionLabel") or _session_label(d), "resolver": d.get("resolver")}
        g.add_node(iri, **{k: v for k, v in attrs.items() if v is not None})

    for iri, d in docs.items():
        if d.get("inCorpus"):
            add_document(iri)
    for doc, _target in edges:
        add_document(doc, cites_or_mentions=True)
    for parts in mention_parts.values():
        for doc, *_ in parts.values():
            add_document(doc, cites_or_mentions=True)
    for doc, _concept in doc_mentions:
        add_document(doc, cites_or_mentions=True)
    for _doc, target in edges:
        add_document(target)
    for draft, adopted in adopted_as:
        add_document(draft)
        add_document(adopted)

    for concept, etype in entity_types.items():
        c = concepts.get(concept, {})
        pref = str(c.get("pref") or c.get("notation") or _local(concept))
        # short labels for display: the concept's own, else its name if short, else its id
        short = c.get("short") or (pref if len(pref) <= 32 else c.get("notation")) or pref
        g.add_node(concept, type=etype, label=_short(str(short), 32), title=pref, in_corpus=False,
                   **({"notation": c["notation"]} if c.get("notation") else {}))

    function_counts: Counter[str] = Counter()
    for (doc, target), e in edges.items():
        parts = sorted(e["parts"].values(), key=lambda p: _pid_key(p[0], p[1]))
        # the edge's colour: the clause function citing most often; a footnote or an untyped
        # citation only where no clause says more
        main = max(e["functions"].items(),
                   key=lambda kv: (kv[0] not in (_IN_FOOTNOTE, _UNTYPED_FUNCTION), kv[0] != _UNTYPED_FUNCTION,
                                   kv[1], kv[0]))[0]
        function_counts.update(e["functions"].keys())
        g.add_edge(doc, target, kind="cites", function=main,
                   functions=" ".join(sorted(e["functions"])),
                   paragraphs=" ".join(p[0] for p in parts), weight=max(1, len(parts)))
    for draft, adopted in adopted_as:
        if draft != adopted and not g.has_edge(draft, adopted):
            g.add_edge(draft, adopted, kind="adopted_as", function=_ADOPTED_AS, functions=_ADOPTED_AS,
                       paragraphs="", weight=1)

    mentions: dict[str, list[tuple[str, str, str]]] = {}
    per_doc: dict[tuple[str, str], list[str]] = defaultdict(list)
    for concept, parts in mention_parts.items():
        ordered = sorted(parts.values(), key=lambda p: (p[0], _pid_key(p[2], p[3])))
        mentions[concept] = [(doc, part, pid) for doc, part, pid, _ in ordered]
        for doc, _part, pid, _ in ordered:
            per_doc[(doc, concept)].append(pid)
    for pair in doc_mentions:
        per_doc.setdefault(pair, [])
    for (doc, concept), pids in per_doc.items():
        g.add_edge(doc, concept, kind="mentions", function="mentions", functions="mentions",
                   paragraphs=" ".join(pids), weight=max(1, len(pids)))

    # citations received: distinct documents citing a document, or mentioning an entity
    for n in g:
        g.nodes[n]["cited_by"] = sum(1 for u in g.predecessors(n) if g.edges[u, n]["kind"] != "adopted_as")

    labels = {f: str(concepts.get(function_iris.get(f, ""), {}).get("pref") or f) for f in function_counts}
    labels[_ADOPTED_AS] = "adopted as (draft → resolution)"
    labels[_IN_FOOTNOTE] = "cites in a footnote"
    return NetworkData(graph=g, mentions=mentions, function_labels=labels)


def _session_label(d: dict[str, Any]) -> str | None:
    if d.get("session") is None:
        return None
    if d.get("sessionNumber") is not None:
        body = d.get("bodyLabel") or (_local(d["body"]) if d.get("body") else "")
        return f"{body} {d['sessionNumber']}".strip()
    return _local(d["session"])


def _read_concepts(graph: Any) -> dict[str, dict[str, Any]]:
    concepts: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in select(graph, _Q_CONCEPTS):
        c = concepts[row["concept"]]
        for key in ("pref", "short", "notation"):
            if row.get(key) is not None and c.get(key) is None:
                c[key] = row[key]
        if row.get("class"):
            c.setdefault("classes", set()).add(_local(row["class"]))
    return concepts


def _entity_type(concept: str, predicate: str, concepts: dict[str, dict[str, Any]],
                 reified_types: dict[str, str]) -> str | None:
    """The entity node type of a mentioned concept, or None for kinds the page does not draw
    (Member States, places, dates)."""
    if predicate in _MENTION_PREDICATES:
        return _MENTION_PREDICATES[predicate]
    for cls in concepts.get(concept, {}).get("classes", ()):
        if cls in _ENTITY_CLASSES:
            return _ENTITY_CLASSES[cls]
    if concept in reified_types:
        return _MENTION_TYPES.get(reified_types[concept])
    for path, etype in _ENTITY_PATHS.items():
        if path in concept:
            return etype
    return None


def to_networkx(graph: Any, view: str = "all") -> nx.DiGraph:
    """The networkx graph of one view of ``graph``, a copy with scalar node and edge attributes
    only (``type``, ``label``, ``title``, ``symbol``, ``year``, ``cited_by``...; edges ``kind``,
    ``function``, ``paragraphs``), ready for ``networkx.write_graphml``."""
    return nx.DiGraph(read_network(graph).view(view))


# ---------------------------------------------------------------------------------------------
# Measures and layout

def pagerank(g: nx.DiGraph) -> dict[Any, float]:
    """PageRank of the nodes of ``g`` (edges weighted by the number of citing paragraphs);
    an empty dict for an empty graph."""
    if g.number_of_nodes() == 0:
        return {}
    try:
        return nx.pagerank(g, weight=None)
    except nx.PowerIterationFailedConvergence:
        return nx.pagerank(g, weight=None, max_iter=1000, tol=1e-4)


def layout(g: nx.Graph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions in page pixels for the nodes of ``g``, spread over about 80 px square a node:
    networkx's Kamada-Kawai layout for small graphs, its spring layout up to 400 nodes, and
    beyond a Fruchterman-Reingold of O(n log n) a step (networkx's is O(n²))."""
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    und = g.to_undirected(as_view=True)
    if n <= 120:
        # small graphs: Kamada-Kawai spaces nodes evenly (O(n³), cheap at this size)
        pos = nx.kamada_kawai_layout(und)
        coords = [pos[v] for v in nodes]
    elif n <= 400:
        # nodes further apart than networkx's default (1/sqrt(n)), so that labels overlap less
        pos = nx.spring_layout(und, k=1.8 / math.sqrt(n), seed=seed, iterations=100)
        coords = [pos[v] for v in nodes]
    else:
        index = {v: i for i, v in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in und.edges() if u != v]
        coords = _grid_force_layout(n, edges, seed=seed)
    return _to_pixels(nodes, coords)


def _to_pixels(nodes: list, coords) -> dict[Any, tuple[float, float]]:
    import numpy as np

    xy = np.asarray(coords, dtype=float)
    xy -= np.median(xy, axis=0)
    dist = np.sqrt((xy ** 2).sum(axis=1))
    # most nodes within a disc whose area gives each about 80 px square, whatever stray
    # node lies far out (a percentile, not the maximum)
    reach = float(np.percentile(dist, 90)) or float(dist.max()) or 1.0
    xy *= (45.0 * math.sqrt(len(nodes)) + 150.0) / reach
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy, strict=True)}


def _grid_force_layout(n: int, edges: list[tuple[int, int]], seed: int, iterations: int = 60,
                       pivots: int = 64):
    """Fruchterman-Reingold in O(n log n) a step: exact repulsion between nodes closer than 2k
    (the grid variant's near field; neighbours found with a k-d tree), the far field estimated
    from a fresh random sample of ``pivots`` nodes each step (scaled up to all n, so that the
    layout spreads as a whole instead of packing into clumps), edges pulling, and a weak pull to
    the centre that keeps separate components together."""
    import numpy as np
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    k = 1.0
    side = math.sqrt(n) * k
    pos = rng.uniform(-side, side, size=(n, 2))
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    t = side / 4
    cooling = 0.02 ** (1 / iterations)
    m = min(pivots, n)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # far field: k²/d from every pivot, standing for n/m nodes each
        sample = pos[rng.choice(n, size=m, replace=False)]
        dx = pos[:, 0:1] - sample[None, :, 0]  # (n, m), one array per axis: faster than (n, m, 2)
        dy = pos[:, 1:2] - sample[None, :, 1]
        inv = dx * dx + dy * dy
        np.maximum(inv, (2 * k) ** 2, out=inv)  # the near field is counted below
        np.reciprocal(inv, out=inv)
        disp[:, 0] += (dx * inv).sum(axis=1) * (k * k * n / m)
        disp[:, 1] += (dy * inv).sum(axis=1) * (k * k * n / m)
        # near field, exact
        pairs = cKDTree(pos).query_pairs(r=2 * k, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = pos[i] - pos[j]
            dist2 = np.maximum((d ** 2).sum(axis=1), 1e-4)
            f = (k * k / dist2)[:, None] * d  # k²/dist along the unit vector
            disp[:, 0] += np.bincount(i, f[:, 0], n) - np.bincount(j, f[:, 0], n)
            disp[:, 1] += np.bincount(i, f[:, 1], n) - np.bincount(j, f[:, 1], n)
        if len(e):
            i, j = e[:, 0], e[:, 1]
            d = pos[i] - pos[j]
            dist = np.sqrt(np.maximum((d ** 2).sum(axis=1), 1e-8))
            f = (dist / k)[:, None] * d  # dist²/k along the unit vector
            disp[:, 0] += np.bincount(j, f[:, 0], n) - np.bincount(i, f[:, 0], n)
            disp[:, 1] += np.bincount(j, f[:, 1], n) - np.bincount(i, f[:, 1], n)
        disp -= pos * (0.05 * n / side ** 2)
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=1), 1e-12))
        pos += disp / length[:, None] * np.minimum(length, t)[:, None]
        t *= cooling
    return pos


# ---------------------------------------------------------------------------------------------
# The page

_TEMPLATE = Path(__file__).resolve().parent / "templates" / "network.html"


def _vis_files() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: _version_key(p.parent.name))
    if not candidates:
        raise NetworkError(f"vis-network is missing from the pyvis package ({lib})")
    js = candidates[-1]
    css = js.with_name("vis-network.css")
    return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8") if css.exists() else ""


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", name))


def json_for_script(data: Any) -> str:
    """``data`` as JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped as
    JSON escapes, so no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_safe(code: str) -> str:
    # an inlined library must not close its element; its source map is not shipped
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _style_safe(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def build_page_data(data: NetworkData, *, view: str = "citations", max_nodes: int = DEFAULT_MAX_NODES,
                    size_by: str = "cited", title: str | None = None, graph: Any = None,
                    texts_per_entity: int = PARAGRAPH_TEXTS_PER_ENTITY) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's data (the JSON the page reads) and a summary of what it shows.

    Every node of every view is in the data, with a position for each view it belongs to; the
    page shows at most ``max_nodes`` at once (ranked by ``size_by``). Paragraph texts are
    carried only for entities among the nodes shown at first in some view, and only if
    ``graph`` is given to read them from."""
    if view not in VIEWS:
        raise NetworkError(f"unknown view {view!r} (expected one of {', '.join(VIEWS)})")
    if size_by not in SIZE_BY:
        raise NetworkError(f"unknown size measure {size_by!r} (expected one of {', '.join(SIZE_BY)})")
    if max_nodes < 1:
        raise NetworkError(f"--max-nodes must be at least 1, not {max_nodes}")
    g = data.graph
    nodes = sorted(g.nodes, key=lambda n: (NODE_TYPES[g.nodes[n]["type"]]["group"] != "document",
                                           -g.nodes[n].get("cited_by", 0), g.nodes[n]["label"], n))
    index = {n: i for i, n in enumerate(nodes)}

    # one layout for all views: a node keeps its place when the page switches views
    pos = layout(g)
    per_view: dict[str, dict[str, Any]] = {}
    shown_first: set[Any] = set()
    for v in VIEWS:
        vg = view_graph(g, v)
        pr = pagerank(vg)
        top = {measure: _top(vg, pr, measure, max_nodes) for measure in SIZE_BY}
        per_view[v] = {"pr": pr, "nodes": set(vg.nodes), "n_nodes": vg.number_of_nodes(),
                       "n_edges": vg.number_of_edges(), "top": top, "graph": vg}
        for shown in top.values():
            shown_first.update(shown)

    default_shown = set(per_view[view]["top"][size_by])
    default_edges = sum(1 for u, w in per_view[view]["graph"].edges() if u in default_shown and w in default_shown)

    shown_entities = [n for n in shown_first if NODE_TYPES[g.nodes[n]["type"]]["group"] == "entity"]
    texts = _read_texts(graph, shown_entities, data.mentions, texts_per_entity) if graph is not None else {}

    text_table: list[str] = []
    text_index: dict[str, int] = {}
    out_nodes = []
    for n in nodes:
        a = g.nodes[n]
        rec: dict[str, Any] = {"id": n, "type": a["type"], "label": a["label"], "cited": a.get("cited_by", 0)}
        for key in ("title", "symbol", "number", "name", "year", "adopted", "session", "session_label",
                    "adopted_by", "resolver", "notation"):
            if a.get(key) is not None:
                rec[key] = a[key]
        rec["x"], rec["y"] = pos[n]
        rec["views"] = {v: round(per_view[v]["pr"].get(n, 0.0), 6) for v in VIEWS if n in per_view[v]["nodes"]}
        if n in data.mentions:
            refs = []
            for k, (doc, part, pid) in enumerate(data.mentions[n]):
                t = texts.get(part) if k < texts_per_entity else None
                if t is not None:
                    if part not in text_index:
                        text_index[part] = len(text_table)
                        text_table.append(t)
                    refs.append([index[doc], pid, text_index[part]])
                else:
                    refs.append([index[doc], pid])
            rec["mentions"] = refs
        out_nodes.append(rec)

    out_edges = []
    for u, w, e in g.edges(data=True):
        out_edges.append([index[u], index[w], e["kind"], e["function"], e.get("weight", 1),
                          e.get("paragraphs", ""), e.get("functions", e["function"])])

    functions = Counter(e["function"] for _, _, e in g.edges(data=True) if e["kind"] == "cites")
    function_styles = {}
    for i, (f, _count) in enumerate(sorted(functions.items(), key=lambda kv: (-kv[1], kv[0]))):
        color = "#8a8a8a" if f == _UNTYPED_FUNCTION else _FUNCTION_PALETTE[i % len(_FUNCTION_PALETTE)]
        function_styles[f] = {"label": data.function_labels.get(f, f), "color": color}
    if any(e["kind"] == "adopted_as" for _, _, e in g.edges(data=True)):
        function_styles[_ADOPTED_AS] = {"label": data.function_labels.get(_ADOPTED_AS, _ADOPTED_AS), "color": "#333333", "dashes": True}
    function_styles["mentions"] = {"label": "mentions (document → entity)", "color": _MENTION_EDGE_COLOR}

    n_docs = sum(1 for n in g if g.nodes[n]["type"] in _CORPUS_TYPES)
    page_title = title or f"unkg network: {n_docs:,} document{'s' if n_docs != 1 else ''}"
    page = {
        "title": page_title, "view": view, "size_by": size_by, "max_nodes": max_nodes,
        "types": NODE_TYPES, "functions": function_styles,
        "view_counts": {v: {"nodes": per_view[v]["n_nodes"], "edges": per_view[v]["n_edges"]} for v in VIEWS},
        "texts_per_entity": texts_per_entity,
        "nodes": out_nodes, "edges": out_edges, "texts": text_table,
    }
    summary = {
        "view": view, "nodes_shown": len(default_shown), "edges_shown": default_edges,
        "nodes_in_view": per_view[view]["n_nodes"], "edges_in_view": per_view[view]["n_edges"],
        "nodes_in_graph": g.number_of_nodes(), "edges_in_graph": g.number_of_edges(),
        "documents": n_docs, "capped": per_view[view]["n_nodes"] > max_nodes, "max_nodes": max_nodes,
        "paragraph_texts": len(text_table),
    }
    return page, summary


_CORPUS_TYPES = {t for t, s in NODE_TYPES.items() if s["group"] == "document"}


def _top(vg: nx.DiGraph, pr: dict[Any, float], measure: str, max_nodes: int) -> list[Any]:
    """The ``max_nodes`` highest ranked nodes of a view: most cited first (ties: more
    connected first), or highest PageRank first. The page ranks the same way."""
    degree = dict(vg.degree())

    def key(n):
        a = vg.nodes[n]
        cited = a.get("cited_by", 0)
        if measure == "pagerank":
            return (-round(pr.get(n, 0.0), 6), -cited, a["label"], n)
        return (-cited, -degree[n], a["label"], n)
    return sorted(vg.nodes, key=key)[:max_nodes]


def _read_texts(graph: Any, entities: list[str], mentions: dict[str, list[tuple[str, str, str]]],
                per_entity: int) -> dict[str, str]:
    """Texts of the first ``per_entity`` parts mentioning each of ``entities``."""
    wanted = {part for e in entities for _doc, part, _pid in mentions.get(e, [])[:per_entity]}
    if not wanted:
        return {}
    iris = [e for e in entities if _is_plain_iri(e)]
    texts: dict[str, str] = {}
    for i in range(0, len(iris), 200):
        values = " ".join(f"<{e}>" for e in iris[i:i + 200])
        for row in select(graph, _Q_TEXTS % values):
            if row["part"] in wanted and row.get("text") is not None:
                texts.setdefault(row["part"], row["text"])
    return texts


def _is_plain_iri(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.IGNORECASE))


def render_page(page: dict[str, Any]) -> str:
    """The HTML of the page for ``page`` data: one file, every script and stylesheet inline."""
    vis_js, vis_css = _vis_files()
    template = _TEMPLATE.read_text(encoding="utf-8")
    parts = {
        "TITLE": html.escape(page["title"]),
        "VIS_CSS": _style_safe(vis_css),
        "VIS_JS": _script_safe(vis_js),
        "DATA": json_for_script(page),
    }
    # one pass, so that text inserted for one placeholder is never read as another
    return re.sub(r"/\*@(TITLE|VIS_CSS|VIS_JS|DATA)@\*/", lambda m: parts[m.group(1)], template)


def write_network(graph: Any, path: str | Path, *, view: str = "citations",
                  max_nodes: int = DEFAULT_MAX_NODES, size_by: str = "cited",
                  title: str | None = None) -> dict[str, Any]:
    """Write the interactive network of ``graph`` (a pyoxigraph Store, an rdflib Graph, or a
    path for :func:`kg.sparql.open_graph`) to ``path`` as one offline HTML page.

    ``view`` is the view shown first (the page switches between all three), ``max_nodes`` the
    most nodes shown at once, ``size_by`` what node size shows. Returns a summary: ``nodes_shown``
    and ``edges_shown`` (the first view), ``nodes_in_view``, ``nodes_in_graph``, ``capped``,
    ``documents``, ``paragraph_texts``, ``bytes`` and ``path``."""
    if isinstance(graph, str | Path):
        from kg.sparql import open_graph

        graph = open_graph(graph)
    data = read_network(graph)
    page, summary = build_page_data(data, view=view, max_nodes=max_nodes, size_by=size_by,
                                    title=title, graph=graph)
    out = Path(path)
    text = render_page(page)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NetworkError(f"{out}: cannot write the page ({exc.strerror or exc})") from None
    summary["path"] = str(out)
    summary["bytes"] = len(text.encode("utf-8"))
    return summary
