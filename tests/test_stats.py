"""``kg stats`` and kg.stats on the hand-written sample graph (tests/fixtures/network-sample.ttl):
most cited resolutions, PageRank, counts by type and by year, crime categories over time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.sparql import open_graph
from kg.stats import compute_stats, format_stats, write_timeline

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "network-sample.ttl"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def stats():
    return compute_stats(open_graph(SAMPLE))


COUNTS = [
    ("documents_in_corpus", 6),
    ("cited_documents", 7),
    ("entities", 8),
    ("citation_links", 16),
    ("citing_paragraphs", 17),  # 69/197 cites 46/152 in PP1 and in FN2
    ("drafts_adopted_as", 1),
    ("mention_links", 14),
]


@pytest.mark.parametrize(("key", "value"), COUNTS)
def test_counts(stats, key, value):
    assert stats["counts"][key] == value


def test_counts_by_node_type(stats):
    assert stats["counts"]["nodes"] == {
        "resolution": 4, "draft": 2, "cited-resolution": 5, "cited-document": 2,
        "instrument": 2, "body": 2, "crime-category": 4}


def test_citation_links_by_clause_function(stats):
    assert stats["counts"]["citation_links_by_function"] == {
        "recalls": 8, "reaffirms": 5, "cites": 1, "footnote": 1, "notes": 1}


def test_most_cited_resolutions_in_order(stats):
    assert [(r["label"], r["cited_by"]) for r in stats["most_cited"]] == [
        ("A/RES/46/152", 6), ("A/RES/66/181", 2), ("A/RES/67/189", 2), ("CCPCJ decision 22/7", 1),
        ("A/RES/71/209", 1), ("E/RES/2017/19", 1), ("A/RES/68/193", 1)]
    assert stats["most_cited"][2]["in_corpus"] is True
    assert "A/67/156" not in [r["label"] for r in stats["most_cited"]], "a report is no resolution"


def test_pagerank_puts_the_founding_resolution_first(stats):
    ranks = stats["pagerank"]
    assert ranks[0]["label"] == "A/RES/46/152"
    assert [r["pagerank"] for r in ranks] == sorted((r["pagerank"] for r in ranks), reverse=True)


def test_top_limits_the_ranked_tables():
    s = compute_stats(open_graph(SAMPLE), top=2)
    assert (len(s["most_cited"]), len(s["pagerank"])) == (2, 2)


def test_documents_by_year_and_type(stats):
    assert stats["documents_by_year"] == {
        "2012": {"resolution": 1, "draft": 1}, "2013": {"resolution": 2}, "2014": {"resolution": 1},
        "2017": {"draft": 1}}


def test_crime_categories_over_time(stats):
    assert stats["crime_categories_by_year"] == {
        "trafficking in persons": {"2013": 1, "2014": 1, "2017": 1},
        "corruption": {"2013": 1}, "cybercrime": {"2014": 1}, "smuggling of migrants": {"2017": 1}}


TABLE_LINES = [
    "Most cited resolutions and decisions",
    "1  A/RES/46/152                6",
    "Highest PageRank in the citation network",
    "Documents of the corpus by year",
    "trafficking in persons     1     1     1    3",
    "cites in a footnote",
]


@pytest.mark.parametrize("line", TABLE_LINES)
def test_the_terminal_table_shows(stats, line):
    assert line in format_stats(stats)


def test_timeline_is_a_png(stats, tmp_path):
    path = write_timeline(stats, tmp_path / "charts" / "timeline.png")
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000


def test_timeline_without_crime_categories_says_so(tmp_path):
    import rdflib

    empty = compute_stats(rdflib.Graph())
    assert empty["crime_categories_by_year"] == {} and empty["most_cited"] == []
    assert "no document of the corpus mentions a crime category" in format_stats(empty)
    assert write_timeline(empty, tmp_path / "t.png").read_bytes().startswith(PNG_MAGIC)


def test_kg_stats_prints_tables(capsys):
    assert main(["stats", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Counts") and "A/RES/46/152" in out


def test_kg_stats_json_and_timeline(tmp_path, capsys):
    png = tmp_path / "timeline.png"
    assert main(["stats", str(SAMPLE), "--json", "--timeline", str(png)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["counts"]["documents_in_corpus"] == 6
    assert png.read_bytes().startswith(PNG_MAGIC)
    assert str(png) in captured.err


@pytest.mark.parametrize(("args", "message"), [
    (["nowhere"], "nowhere: no such graph"),
    ([str(SAMPLE), "--top", "0"], "--top must be at least 1"),
])
def test_kg_stats_errors_are_one_line(capsys, args, message):
    assert main(["stats", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_kg_stats_refuses_an_unwritable_timeline(tmp_path, capsys):
    assert main(["stats", str(SAMPLE), "--timeline", str(tmp_path)]) == 1
    assert "cannot write the timeline" in capsys.readouterr().err
