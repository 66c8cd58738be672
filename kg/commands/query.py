"""``kg query QUERY --graph DIR|FILE|STORE``: answer a SPARQL query over a built graph.

QUERY is a ``.rq`` file, the name of a canned query of ``queries/`` (``kg query --list``) or
inline SPARQL. Parameters (one-variable ``VALUES`` clauses with a default) are bound with
``--param name=value``. SELECT answers print as an aligned table, CSV, TSV, the SPARQL 1.1 Query
Results JSON or XML formats; ASK answers print ``true``/``false`` (or the results formats);
CONSTRUCT and DESCRIBE answers print Turtle, N-Triples or JSON-LD.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

HELP = "answer a SPARQL query (a .rq file, a canned query's name, or inline text) over a built graph"

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="a .rq file, a canned query's name (see --list), or SPARQL text")
    p.add_argument("--graph", "-g", default="build", metavar="DIR|FILE|STORE",
                   help="a build directory, a graph file or a store (default: build)")
    p.add_argument("--format", "-f", choices=RESULT_FORMATS + GRAPH_FORMATS, default="table",
                   help="table (default), csv, tsv, json, xml; ttl, nt, jsonld for CONSTRUCT/DESCRIBE")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter of the query (repeatable)")
    p.add_argument("--list", action="store_true", help="list the canned queries and their parameters")
    p.add_argument("--show", action="store_true", help="print the query (parameters bound) instead of running it")
    p.add_argument("--out", "-o", metavar="FILE", help="write the answer to FILE")


def _params(raw: list[str]) -> dict[str, str]:
    from kg.sparql import QueryError

    out = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r} is not NAME=VALUE")
        out[name.strip()] = value
    return out


def compact(iri: str) -> str:
    """An IRI with the project's prefixes where one fits (``unkg:Resolution``, ``body:GA``)."""
    from kg.ns import PREFIXES

    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return iri
    local = iri[len(PREFIXES[best]):]
    return f"{best}:{local}" if local and all(c.isalnum() or c in "-_." for c in local) else iri


def _cell(term) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.Literal) else str(term)


def table(names: list[str], rows: list[list[str]], width: int = 60) -> str:
    """An aligned text table; cells longer than ``width`` are cut with an ellipsis."""
    def cut(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cut(c) for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(out) + "\n"


def answer(graph: Any, text: str, fmt: str) -> tuple[bytes, int]:
    """The answer to ``text`` in ``fmt``, and how many rows (or triples; 1/0 for ASK) it has
    (-1 for SELECT answers serialised in a results format, which are not counted)."""
    import pyoxigraph as ox

    from kg.sparql import execute

    results = execute(graph, text)
    if isinstance(results, ox.QueryBoolean):
        if fmt in ("table",) + GRAPH_FORMATS:
            return (b"true\n" if bool(results) else b"false\n"), int(bool(results))
        return results.serialize(format=_results_format(fmt)), int(bool(results))
    if isinstance(results, ox.QueryTriples):
        triples = list(results)
        rdf = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}.get(fmt, ox.RdfFormat.TURTLE)
        from kg.ns import PREFIXES

        return ox.serialize(triples, format=rdf, prefixes=PREFIXES if rdf == ox.RdfFormat.TURTLE else None), len(triples)
    names = [v.value for v in results.variables]
    if fmt == "table":
        rows = [[_cell(row[n]) for n in names] for row in results]
        return table(names, rows).encode("utf-8"), len(rows)
    if fmt in GRAPH_FORMATS:
        from kg.sparql import QueryError

        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; this is a SELECT query")
    data = results.serialize(format=_results_format(fmt))
    return data, -1  # not counted: the solutions are streamed into the serialiser


def _results_format(fmt: str):
    import pyoxigraph as ox

    return {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}[fmt]


def run(args: argparse.Namespace) -> int:
    from kg.sparql import QueryError, bind, canned_queries, load_query, open_graph

    if args.list:
        for name, q in canned_queries().items():
            params = " ".join(f"{k}={v}" for k, v in q.parameters.items())
            summary = q.summary if len(q.summary) <= 90 else q.summary[:89].rsplit(" ", 1)[0] + " …"
            print(f"{name:26} {summary}" + (f"\n{'':26} parameters: {params}" if params else ""))
        return 0
    if not args.query:
        raise QueryError("no query given (a .rq file, a canned query's name, or SPARQL text; --list shows the canned ones)")
    text, _name = load_query(args.query)
    text = bind(text, _params(args.param))
    if args.show:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    graph = open_graph(args.graph)
    data, _count = answer(graph, text, args.format)
    if args.out:
        from pathlib import Path

        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data if not data or data.endswith(b"\n") else data + b"\n")
        sys.stdout.flush()
    return 0
