"""A SPARQL 1.1 Protocol endpoint over a built graph (a pyoxigraph store), read-only by default.

``/sparql`` (also ``/query``) answers queries sent as the protocol says:

* ``GET /sparql?query=...``
* ``POST`` with ``Content-Type: application/x-www-form-urlencoded`` and ``query=...``
* ``POST`` with ``Content-Type: application/sparql-query`` and the query as the body

with ``default-graph-uri`` / ``named-graph-uri`` honoured (without them the default graph is the
union of the build's named graphs). Answers follow the ``Accept`` header (or a ``format``
parameter): SELECT and ASK as ``application/sparql-results+json`` (the default),
``application/sparql-results+xml``, ``text/csv`` or ``text/tab-separated-values``; CONSTRUCT and
DESCRIBE as ``text/turtle`` (the default), ``application/n-triples``, ``application/ld+json`` or
``application/rdf+xml``. A query that does not parse gets ``400`` with a one-line reason; an update
gets ``403`` unless the server was started with updates allowed. CORS headers let browser clients
(YASGUI) call it from any page. ``GET /sparql`` without a query returns the SPARQL service
description (Turtle); ``GET /`` a short HTML page with a query form.
"""

from __future__ import annotations

import html
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ENDPOINT_PATHS = ("/sparql", "/query")
MAX_BODY = 10 * 1024 * 1024  # bytes of a POSTed query or form

_RESULTS = {  # media type -> pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML", "text/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
_GRAPHS = {  # media type -> pyoxigraph RdfFormat name
    "text/turtle": "TURTLE", "application/x-turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES", "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N_QUADS", "application/trig": "TRIG",
}
_SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
          "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
          "turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
          "rdfxml": "application/rdf+xml"}


def _accepted(accept: str | None, offered: dict[str, str], default: str) -> str | None:
    """The offered media type the ``Accept`` header prefers (q-values honoured), ``default`` for
    ``*/*`` or no header, ``None`` if nothing offered is acceptable."""
    if not accept:
        return default
    choices = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media))
    for negq, _i, media in sorted(choices):
        if negq == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "unkg-sparql/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)

    # -- plumbing ----------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Content-Type")
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.strip().splitlines() or [""])[0].encode("utf-8") + b"\n",
                   "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
            "Access-Control-Max-Age": "86400",
        })

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            return self._send(HTTPStatus.OK, _home_page(self.server).encode("utf-8"), "text/html; charset=utf-8")
        if url.path not in ENDPOINT_PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is at /sparql")
        if "update" in params:
            return self._error(HTTPStatus.BAD_REQUEST, "updates must be sent with POST")
        if "query" not in params:
            return self._send(HTTPStatus.OK, _service_description(self.server).encode("utf-8"),
                              "text/turtle; charset=utf-8")
        self._query(params["query"][0], params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is at /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
            if "update" in params:
                return self._update(params["update"][0])
            if "query" not in params:
                return self._error(HTTPStatus.BAD_REQUEST, "the form has no 'query' (nor 'update') field")
            return self._query(params["query"][0], params)
        if ctype == "application/sparql-query":
            return self._query(text, params)
        if ctype == "application/sparql-update":
            return self._update(text)
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"Content-Type {ctype or '(none)'} is not one of application/sparql-query, "
                           "application/sparql-update, application/x-www-form-urlencoded")

    # -- SPARQL ------------------------------------------------------------------------

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        import pyoxigraph as ox

        from kg.ns import PREFIXES

        kwargs: dict[str, Any] = {"prefixes": PREFIXES}
        if params.get("default-graph-uri"):
            kwargs["default_graph"] = [ox.NamedNode(g) for g in params["default-graph-uri"]]
        else:
            kwargs["use_default_graph_as_union"] = True
        if params.get("named-graph-uri"):
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in params["named-graph-uri"]]
        try:
            with self.server.lock_for_read():
                results = self.server.graph.query(text, **kwargs)
                is_graph = isinstance(results, ox.QueryTriples)
                accept = params.get("format", [None])[0]
                accept = _SHORT.get(accept, accept) if accept else self.headers.get("Accept")
                if is_graph:
                    media = _accepted(accept, _GRAPHS, "text/turtle")
                    if media is None:
                        return self._error(HTTPStatus.NOT_ACCEPTABLE,
                                           "no acceptable format: CONSTRUCT answers are " + ", ".join(sorted(set(_GRAPHS))))
                    fmt = getattr(ox.RdfFormat, _GRAPHS[media])
                    data = ox.serialize(results, format=fmt,
                                        prefixes=PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None)
                else:
                    media = _accepted(accept, _RESULTS, "application/sparql-results+json")
                    if media is None:
                        return self._error(HTTPStatus.NOT_ACCEPTABLE,
                                           "no acceptable format: SELECT and ASK answers are " + ", ".join(sorted(_RESULTS)))
                    data = results.serialize(format=getattr(ox.QueryResultsFormat, _RESULTS[media]))
        except SyntaxError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"syntax error in the query: {exc}")
        except (ValueError, OSError, RuntimeError) as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"the query failed: {exc}")
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
        self._send(HTTPStatus.OK, data or b"", media + charset)

    def _update(self, text: str) -> None:
        if not self.server.allow_updates:
            return self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only "
                               "(start kg serve with --allow-updates to accept them)")
        from kg.ns import PREFIXES

        try:
            with self.server.lock_for_write():
                self.server.graph.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"syntax error in the update: {exc}")
        except (ValueError, OSError, RuntimeError) as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"the update failed: {exc}")
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL over ``graph`` (a :class:`pyoxigraph.Store`)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, graph, host: str = "127.0.0.1", port: int = 7878, *,
                 allow_updates: bool = False, verbose: bool = False, source: str = ""):
        self.graph = graph
        self.allow_updates = allow_updates
        self.verbose = verbose
        self.source = source
        self._lock = threading.RLock()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def lock_for_read(self) -> Any:
        # the store answers concurrent reads by itself; only updates need to be kept apart
        return self._lock if self.allow_updates else _NoLock()

    def lock_for_write(self) -> Any:
        return self._lock


class _NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


def _service_description(server: SparqlServer) -> str:
    langs = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if server.allow_updates else "")
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{server.url}> a sd:Service ;
    rdfs:label "unkg SPARQL endpoint{' (read-only)' if not server.allow_updates else ''}" ;
    sd:endpoint <{server.url}> ;
    sd:supportedLanguage {langs} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML>, <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,
        <http://www.w3.org/ns/formats/SPARQL_Results_TSV>, <http://www.w3.org/ns/formats/Turtle>,
        <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD> .
"""


def _home_page(server: SparqlServer) -> str:
    example = ("PREFIX unkg: <https://w3id.org/unkg/ontology#>\n"
               "SELECT ?cited ?label ?citedBy WHERE {\n  ?cited unkg:citedByCount ?citedBy ; "
               "rdfs:label ?label .\n} ORDER BY DESC(?citedBy) LIMIT 10")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>unkg SPARQL endpoint</title></head>
<body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">
<h1>unkg SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint at <code>{html.escape(server.url)}</code> over
<code>{html.escape(server.source)}</code> ({'read-only' if not server.allow_updates else 'updates allowed'}).
Point a SPARQL client (SPARQLWrapper, YASGUI, curl) at it.</p>
<form method="post" action="/sparql">
<textarea name="query" rows="10" cols="80">{html.escape(example)}</textarea><br>
<select name="format"><option>json</option><option>csv</option><option>tsv</option><option>xml</option></select>
<button type="submit">Run</button></form>
</body></html>
"""


def open_for_serving(path: str, allow_updates: bool = False, memory: bool = False) -> Any:
    """The graph at ``path`` for the server: a store opened read-only (or read-write with
    ``allow_updates``), or a file or build directory loaded into memory. With ``memory`` a
    persistent store is copied into memory first: slower to start, faster to answer (see the
    benchmark figures in the README)."""
    from pathlib import Path

    from kg.sparql import GraphError, open_graph

    p = Path(path)
    if memory:
        import pyoxigraph as ox

        from kg.sparql import store_path

        graph = open_graph(path)
        if store_path(path) is not None:
            copy = ox.Store()  # the store's default graph: the build's marker graph stays behind
            copy.bulk_extend(graph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            return copy
        return graph
    if allow_updates and p.is_dir() and ((p / "CURRENT").exists() or (p / "store").is_dir()):
        import pyoxigraph as ox

        target = p / "store" if (p / "store").is_dir() else p
        try:
            return ox.Store(str(target))
        except OSError as exc:
            raise GraphError(f"{target}: cannot open the store for writing ({exc})") from None
    return open_graph(path)


def serve(path: str, host: str = "127.0.0.1", port: int = 7878, *, allow_updates: bool = False,
          memory: bool = False, verbose: bool = False, ready=None) -> None:
    """Serve the graph at ``path`` until interrupted. ``ready(server)`` is called once listening."""
    graph = open_for_serving(path, allow_updates, memory)
    server = SparqlServer(graph, host, port, allow_updates=allow_updates, verbose=verbose, source=str(path))
    print(f"kg serve: SPARQL endpoint at {server.url} over {path} "
          f"({'read-only' if not allow_updates else 'updates allowed'}; Ctrl-C stops it)",
          file=sys.stderr, flush=True)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


__all__ = ["SparqlServer", "open_for_serving", "serve"]
