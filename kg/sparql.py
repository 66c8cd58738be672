"""Open a built graph and ask it SPARQL: the one way downstream code (queries, network,
statistics) reads the graph, whatever holds it.

A graph is given as a build directory (``DIR/store`` if a persistent store was built there, or
the store ``DIR/report.json`` names, else ``DIR/graph.ttl`` or ``DIR/graph.nq``), a graph file
(Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) or a persistent pyoxigraph store directory.
It is held in a :class:`pyoxigraph.Store`, which loads and queries far faster than rdflib's
memory store; an ``rdflib.Graph`` is accepted too (tests, small graphs built in memory).

Queries see the union of all named graphs as their default graph (the build keeps one named
graph per document; no triple is in two of them), and may use the project's prefixes
(``unkg:``, ``dcterms:``, ``cito:``, ``body:``... :data:`kg.ns.PREFIXES`) without declaring them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError

#: file suffix -> pyoxigraph format name
FORMATS = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
    ".trig": "TRIG", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML",
    ".jsonld": "JSON_LD", ".json": "JSON_LD",
}


class GraphError(KgError):
    """A graph that cannot be opened; the message names the path."""


def open_graph(path: str | Path) -> Any:
    """A :class:`pyoxigraph.Store` holding the graph at ``path`` (see the module docstring)."""
    p = Path(path)
    if not p.exists():
        raise GraphError(f"{p}: no such graph, build directory or store")
    if p.is_dir():
        store = store_path(p)
        if store is not None:
            return _open_store(store)
        # Turtle loads into the default graph, 2-3 times faster than N-Quads' named graphs
        for name in ("graph.ttl", "graph.nq"):
            if (p / name).is_file():
                return _load_file(p / name)
        raise GraphError(f"{p}: not a build directory (no graph.ttl or store/ inside) nor a store")
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphError(f"{p}: unknown graph format {p.suffix!r} (expected one of {', '.join(sorted(FORMATS))})")
    return _load_file(p)


def store_path(path: str | Path) -> Path | None:
    """The persistent store :func:`open_graph` opens for ``path`` (a store, or a build directory
    with ``store/`` or a store named in its report), ``None`` if it would load a file instead."""
    p = Path(path)
    if not p.is_dir():
        return None
    if (p / "store").is_dir():
        return p / "store"
    named = _store_in_report(p)
    if named is not None:
        return named
    if not (p / "graph.nq").is_file() and not (p / "graph.ttl").is_file() and (
            (p / "CURRENT").exists() or any(p.glob("*.sst"))):
        return p
    return None


def _store_in_report(directory: Path) -> Path | None:
    """The store a build directory's report names (``kg build --store PATH`` outside DIR)."""
    import json

    try:
        report = json.loads((directory / "report.json").read_text(encoding="utf-8"))
        path = Path((report.get("store") or {}).get("path", ""))
    except (OSError, ValueError, AttributeError):
        return None
    if not str(path) or str(path) == ".":
        return None
    if not path.is_absolute() and not path.exists():
        path = directory / path
    return path if path.is_dir() else None


def _open_store(path: Path):
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise GraphError(f"{path}: cannot open the store ({_first_line(exc)})") from None


def _load_file(path: Path):
    import pyoxigraph as ox

    store = ox.Store()
    fmt = getattr(ox.RdfFormat, FORMATS[path.suffix.lower()])
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"{path}: cannot be parsed as {fmt} ({_first_line(exc)})") from None
    return store


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class QueryError(KgError):
    """A query that cannot be parsed or run; the message is one line."""


def execute(graph: Any, text: str) -> Any:
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of the graph's named
    graphs with the project's prefixes predeclared: a :class:`pyoxigraph.QuerySolutions`,
    :class:`pyoxigraph.QueryBoolean` or :class:`pyoxigraph.QueryTriples`. A syntax error raises
    :class:`QueryError` with a one-line message."""
    from kg.ns import PREFIXES

    try:
        return graph.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"syntax error in the query: {_first_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {_first_line(exc)}") from None


def select(graph: Any, query: str) -> list[dict[str, Any]]:
    """Rows of a SELECT query as dicts of plain Python values: IRIs as ``str``, literals as
    ``int``/``float``/``bool``/``str`` by datatype (dates stay ISO strings), unbound as ``None``."""
    import pyoxigraph as ox

    if isinstance(graph, ox.Store):
        results = execute(graph, query)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("select() answers SELECT queries; use execute() for ASK, CONSTRUCT and DESCRIBE")
        names = [v.value for v in results.variables]
        return [{n: _ox_value(row[n]) for n in names} for row in results]
    # rdflib.Graph (or anything with rdflib's query API)
    results = graph.query(query)
    names = [str(v) for v in results.vars]
    return [{n: _rdflib_value(row[i]) for i, n in enumerate(names)} for row in results]


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def _literal_value(lexical: str, datatype: str | None) -> Any:
    """A literal's Python value by its datatype (dates and other types stay their lexical form)."""
    if datatype in _INTEGERS:
        return int(lexical)
    if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
        return float(lexical)
    if datatype == _XSD + "boolean":
        return lexical in ("true", "1")
    return lexical


def _ox_value(term: Any) -> Any:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal_value(term.value, term.datatype.value)
    return term.value  # NamedNode / BlankNode


def _rdflib_value(term: Any) -> Any:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return _literal_value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)


# ---------------------------------------------------------------------------------------------
# canned queries and their parameters

QUERIES_DIR = Path(os.environ.get("UNKG_QUERIES", Path(__file__).resolve().parent.parent / "queries"))

# a parameter is a one-variable VALUES clause with one default value: VALUES ?target { "A/RES/46/152" }
_PARAMETER = re.compile(r"VALUES\s+\?(?P<name>\w+)\s*\{\s*(?P<default>[^{}\s][^{}]*?)\s*\}")
_QUERY_FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b.*\n\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I | re.M)


@dataclass
class CannedQuery:
    """One ``queries/*.rq`` file: its name, the first paragraph of its header, its parameters."""

    name: str
    path: Path
    summary: str
    text: str

    @property
    def parameters(self) -> dict[str, str]:
        return parameters(self.text)


def canned_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries by name (file name without ``.rq``), sorted."""
    d = directory or QUERIES_DIR
    out: dict[str, CannedQuery] = {}
    for path in sorted(d.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = []
        for line in text.splitlines():
            if not line.startswith("#") or not line.strip("# "):
                break  # the first paragraph of the header comment
            lines.append(line.lstrip("#").strip())
        summary = " ".join(lines).split(":", 1)[-1].strip()
        out[path.stem] = CannedQuery(path.stem, path, summary, text)
    return out


def load_query(spec: str) -> tuple[str, str]:
    """The text of a query given as a ``.rq`` file, a canned query's name or inline SPARQL, and a
    name for messages. Anything else raises :class:`QueryError`."""
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or (len(spec) < 200 and "\n" not in spec and path.is_file()):
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise QueryError(f"{spec}: cannot read the query file ({exc.strerror})") from None
    canned = canned_queries()
    if spec in canned:
        return canned[spec].text, spec
    if _QUERY_FORM.search(_strip_comments(spec)):
        return spec, "the query"
    raise QueryError(f"{spec!r} is neither a query file, nor a canned query ({', '.join(canned)}), "
                     "nor SPARQL text")


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def parameters(text: str) -> dict[str, str]:
    """Parameter name -> default term of a query (its one-variable ``VALUES`` clauses)."""
    return {m["name"]: m["default"] for m in _PARAMETER.finditer(_strip_comments(text))}


def bind(text: str, values: dict[str, str]) -> str:
    """``text`` with each parameter's default replaced by the given value, written as a term of
    the default's kind (a string, a number, an IRI or prefixed name). Unknown names and values
    that do not fit raise :class:`QueryError`."""
    known = parameters(text)
    for name in values:
        if name not in known:
            takes = ", ".join(known) if known else "no parameters"
            raise QueryError(f"unknown parameter {name!r} (this query takes: {takes})")
    declared = set(re.findall(r"PREFIX\s+(\w*):", text, re.I))

    def replace(m: re.Match) -> str:
        name = m["name"]
        if name not in values or m.group(0) is None:
            return m.group(0)
        term = _term(name, values[name], m["default"], declared)
        return m.group(0)[: m.start("default") - m.start()] + term + m.group(0)[m.end("default") - m.start():]

    out = []
    for line in text.splitlines(keepends=True):
        out.append(line if line.lstrip().startswith("#") else _PARAMETER.sub(replace, line))
    return "".join(out)


def _term(name: str, value: str, default: str, declared: set[str]) -> str:
    from kg.ns import PREFIXES

    if value == "UNDEF":
        return "UNDEF"
    looks_iri = bool(re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value, re.I))
    prefixed = re.match(r"^(\w*):(\S*)$", value)
    if default.startswith('"') or (default == "UNDEF" and not looks_iri and not prefixed
                                   and not re.fullmatch(r"-?\d+", value)):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if re.fullmatch(r"-?\d+", default) or (default == "UNDEF" and re.fullmatch(r"-?\d+", value)):
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"parameter {name!r} takes a whole number, not {value!r}")
        return value
    if looks_iri:
        return f"<{value}>"
    if prefixed and (prefixed[1] in declared or prefixed[1] in PREFIXES):
        return value
    raise QueryError(f"parameter {name!r} takes an IRI (<https://...> or a prefixed name such as "
                     f"{default}), not {value!r}")
