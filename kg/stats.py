"""Statistics of a graph, from the networkx graph of :func:`kg.network.read_network`: the most
cited resolutions, PageRank in the citation network, counts by type and by year, and the crime
categories the documents of each year mention (a table, JSON, and a timeline chart)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.network import NODE_TYPES, pagerank, read_network

#: node types counted as resolutions (and decisions) in the "most cited" tables
_RESOLUTION_TYPES = ("resolution", "decision", "cited-resolution")
_CORPUS_TYPES = tuple(t for t, s in NODE_TYPES.items() if s["group"] == "document")


def compute_stats(graph: Any, top: int = 15) -> dict[str, Any]:
    """Statistics of ``graph`` (a pyoxigraph Store, an rdflib Graph or a path) as plain JSON
    values: ``counts`` (nodes by type, edges), ``most_cited`` and ``pagerank`` (the ``top``
    resolutions and decisions), ``documents_by_year`` (corpus documents by year and type) and
    ``crime_categories_by_year`` (category label -> year -> documents mentioning it)."""
    data = read_network(graph)
    g = data.graph
    citations = nx.DiGraph()
    citations.add_nodes_from(n for n, d in g.nodes(data=True) if NODE_TYPES[d["type"]]["group"] != "entity")
    citations.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d["kind"] == "cites")
    pr = pagerank(citations)

    def row(n: str) -> dict[str, Any]:
        a = g.nodes[n]
        out = {"id": n, "label": a.get("symbol") or a["label"], "type": a["type"],
               "in_corpus": a["in_corpus"], "cited_by": a.get("cited_by", 0),
               "pagerank": round(pr.get(n, 0.0), 6)}
        for key in ("title", "year"):
            if a.get(key) is not None:
                out[key] = a[key]
        return out

    resolutions = [n for n in citations if g.nodes[n]["type"] in _RESOLUTION_TYPES]
    most_cited = sorted((n for n in resolutions if g.nodes[n].get("cited_by", 0) > 0),
                        key=lambda n: (-g.nodes[n]["cited_by"], -pr.get(n, 0.0), g.nodes[n]["label"]))
    by_rank = sorted(resolutions, key=lambda n: (-pr.get(n, 0.0), -g.nodes[n].get("cited_by", 0), g.nodes[n]["label"]))

    types = Counter(d["type"] for _, d in g.nodes(data=True))
    edges = Counter(d["kind"] for _, _, d in g.edges(data=True))
    functions = Counter(d["function"] for _, _, d in g.edges(data=True) if d["kind"] == "cites")
    corpus = [n for n, d in g.nodes(data=True) if d["type"] in _CORPUS_TYPES]

    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    for n in corpus:
        by_year[g.nodes[n].get("year")][g.nodes[n]["type"]] += 1
    crime: dict[str, Counter[int]] = defaultdict(Counter)
    for u, v, d in g.edges(data=True):
        if d["kind"] == "mentions" and g.nodes[v]["type"] == "crime-category":
            year = g.nodes[u].get("year")
            if year is not None:
                crime[g.nodes[v].get("title") or g.nodes[v]["label"]][year] += 1

    return {
        "counts": {
            "nodes": {t: types.get(t, 0) for t in NODE_TYPES if types.get(t)},
            "documents_in_corpus": len(corpus),
            "cited_documents": sum(1 for _, d in g.nodes(data=True) if d["type"].startswith("cited-")),
            "entities": sum(1 for _, d in g.nodes(data=True) if NODE_TYPES[d["type"]]["group"] == "entity"),
            "citation_links": edges.get("cites", 0),
            "citing_paragraphs": sum(d.get("weight", 1) for _, _, d in g.edges(data=True) if d["kind"] == "cites"),
            "citation_links_by_function": dict(functions.most_common()),
            "function_labels": {f: data.function_labels.get(f, f) for f in functions},
            "drafts_adopted_as": edges.get("adopted_as", 0),
            "mention_links": edges.get("mentions", 0),
        },
        "most_cited": [row(n) for n in most_cited[:top]],
        "pagerank": [row(n) for n in by_rank[:top]],
        "documents_by_year": {("unknown" if y is None else str(y)): dict(c) for y, c in
                              sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))},
        "crime_categories_by_year": {
            label: {str(y): n for y, n in sorted(years.items())}
            for label, years in sorted(crime.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        },
    }


def _table(headers: list[str], rows: list[list[Any]], right: set[int] = frozenset()) -> str:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for k, r in enumerate(cells):
        lines.append("  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _clip(text: str | None, width: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_stats(stats: dict[str, Any]) -> str:
    """The statistics as tables for the terminal."""
    c = stats["counts"]
    out = ["Counts",
           _table(["what", "count"],
                  [[NODE_TYPES[t]["label"], n] for t, n in c["nodes"].items()]
                  + [["citation links (document → document)", c["citation_links"]],
                     ["citing paragraphs", c["citing_paragraphs"]],
                     ["drafts adopted as resolutions", c["drafts_adopted_as"]],
                     ["mention links (document → entity)", c["mention_links"]]], right={1})]
    if c["citation_links_by_function"]:
        out += ["", "Citation links by clause function",
                _table(["function", "links"], [[c["function_labels"].get(f, f), n]
                                               for f, n in c["citation_links_by_function"].items()], right={1})]
    out += ["", "Most cited resolutions and decisions"]
    out.append(_table(["#", "resolution", "cited by", "PageRank", "in corpus", "title"],
                      [[i, r["label"], r["cited_by"], f"{r['pagerank']:.4f}", "yes" if r["in_corpus"] else "no",
                        _clip(r.get("title"))] for i, r in enumerate(stats["most_cited"], 1)], right={0, 2, 3})
               if stats["most_cited"] else "(no resolution is cited in this graph)")
    out += ["", "Highest PageRank in the citation network"]
    out.append(_table(["#", "resolution", "PageRank", "cited by"],
                      [[i, r["label"], f"{r['pagerank']:.4f}", r["cited_by"]] for i, r in enumerate(stats["pagerank"], 1)],
                      right={0, 2, 3}) if stats["pagerank"] else "(no resolution in this graph)")
    years = stats["documents_by_year"]
    if years:
        kinds = [t for t in _CORPUS_TYPES if any(t in v for v in years.values())]
        out += ["", "Documents of the corpus by year",
                _table(["year", *[NODE_TYPES[t]["label"] for t in kinds], "all"],
                       [[y, *[v.get(t, 0) for t in kinds], sum(v.values())] for y, v in years.items()],
                       right=set(range(1, len(kinds) + 2)))]
    crime = stats["crime_categories_by_year"]
    if crime:
        all_years = sorted({y for v in crime.values() for y in v})
        out += ["", "Crime categories by year (documents mentioning them)",
                _table(["crime category", *all_years, "all"],
                       [[_clip(label, 40), *[v.get(y, 0) or "" for y in all_years], sum(v.values())]
                        for label, v in crime.items()], right=set(range(1, len(all_years) + 2)))]
    else:
        out += ["", "Crime categories by year: no document of the corpus mentions a crime category"]
    return "\n".join(out)


def write_timeline(stats: dict[str, Any], path: str | Path, max_categories: int = 10) -> Path:
    """Draw the ``max_categories`` most mentioned crime categories by year (documents of the
    year mentioning each) into a PNG at ``path``; a chart saying so where there are none."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(path)
    crime = stats["crime_categories_by_year"]
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    try:
        if crime:
            # every year of the corpus, so that a year without a mention shows as none
            years = sorted({int(y) for v in crime.values() for y in v}
                           | {int(y) for y in stats["documents_by_year"] if y != "unknown"})
            for label, per_year in list(crime.items())[:max_categories]:
                ax.plot(years, [per_year.get(str(y), 0) for y in years], marker="o", linewidth=1.8,
                        label=_clip(label, 45))
            ax.set_xticks(years if len(years) <= 25 else years[:: max(1, len(years) // 20)])
            ax.tick_params(axis="x", rotation=45 if len(years) > 12 else 0)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        else:
            ax.text(0.5, 0.5, "No document of the corpus mentions a crime category",
                    ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
        ax.set_title("Crime categories mentioned, by year")
        ax.set_xlabel("year")
        ax.set_ylabel("documents mentioning")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(out, format="png")
        except OSError as exc:
            raise KgError(f"{out}: cannot write the timeline ({exc.strerror or exc})") from None
    finally:
        plt.close(fig)
    return out
