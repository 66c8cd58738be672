"""``kg stats GRAPH [--json] [--timeline PNG]``: most cited resolutions, PageRank, counts,
crime categories over time."""

from __future__ import annotations

import argparse

HELP = "statistics of a graph: most cited resolutions, PageRank, counts by type and year, crime categories over time"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", metavar="GRAPH", help="a build directory, a graph file (.ttl, .nt, ...) or a store")
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")
    p.add_argument("--top", type=int, default=15, metavar="N", help="rows of the ranked tables (default 15)")
    p.add_argument("--timeline", metavar="PNG", help="also draw crime categories by year into this PNG file")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from kg.errors import KgError
    from kg.sparql import open_graph
    from kg.stats import compute_stats, format_stats, write_timeline

    if args.top < 1:
        raise KgError(f"--top must be at least 1, not {args.top}")
    stats = compute_stats(open_graph(args.graph), top=args.top)
    if args.json:
        print(json.dumps(stats, indent=1, ensure_ascii=False))
    else:
        print(format_stats(stats))
    if args.timeline:
        path = write_timeline(stats, args.timeline)
        print(f"kg stats: timeline of crime categories written to {path}", file=sys.stderr)
    return 0
