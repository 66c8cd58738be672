"""``kg network GRAPH --out FILE``: the graph as an interactive HTML network, one offline file."""

from __future__ import annotations

import argparse

HELP = "write the graph as an interactive network: one HTML file that works offline"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", metavar="GRAPH", help="a build directory, a graph file (.ttl, .nt, ...) or a store")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument("--view", choices=["citations", "entities", "all"], default="citations",
                   help="the view shown first (the page switches between all three; default citations)")
    p.add_argument("--max-nodes", type=int, default=2000, metavar="N",
                   help="most nodes drawn at once, most cited first (default 2000)")
    p.add_argument("--size-by", choices=["cited", "pagerank"], default="cited",
                   help="node size by citations received or by PageRank (default cited)")
    p.add_argument("--title", help="the page's title (default: 'unkg network: N documents')")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args: argparse.Namespace) -> int:
    import json

    from kg.network import write_network
    from kg.sparql import open_graph

    summary = write_network(open_graph(args.graph), args.out, view=args.view, max_nodes=args.max_nodes,
                            size_by=args.size_by, title=args.title)
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    line = (f"kg network: wrote {summary['path']} ({summary['bytes'] / 1e6:.1f} MB): "
            f"{summary['view']} view, {summary['nodes_shown']:,} nodes and {summary['edges_shown']:,} edges shown")
    if summary["capped"]:
        line += (f"; capped at {summary['max_nodes']:,} of {summary['nodes_in_view']:,} nodes, "
                 f"most {'cited' if args.size_by == 'cited' else 'central'} first (the page's filters reach the rest)")
    print(line)
    if summary["documents"] == 0:
        print("kg network: the graph holds no document of the corpus; the page is empty")
    return 0
