"""``kg serve DIR|STORE|FILE [--port 7878] [--host 127.0.0.1]``: a SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import argparse

HELP = "serve a built graph as a SPARQL 1.1 Protocol endpoint (read-only by default)"

#: servers started by ``run`` in this process (tests stop them with ``shutdown()``)
RUNNING: list = []


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", nargs="?", default="build", metavar="DIR|STORE|FILE",
                   help="a build directory, a persistent store or a graph file (default: build)")
    p.add_argument("--port", type=int, default=7878, help="TCP port (default 7878; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--allow-updates", action="store_true",
                   help="accept SPARQL updates (a store is then opened read-write; a file stays in memory)")
    p.add_argument("--memory", action="store_true",
                   help="copy a persistent store into memory first (slower start, 3-10x faster answers)")
    p.add_argument("--verbose", "-v", action="store_true", help="log every request on stderr")


def run(args: argparse.Namespace) -> int:
    from kg.errors import KgError
    from kg.serve import serve

    try:
        serve(args.graph, args.host, args.port, allow_updates=args.allow_updates,
              memory=args.memory, verbose=args.verbose, ready=RUNNING.append)
    except OSError as exc:
        raise KgError(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from None
    return 0
