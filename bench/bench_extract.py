"""Benchmark of the extract stage: structure -> citations + mentions, on text already read.

Prints documents/s and characters/s for each stage over real resolutions and the ratio to a
bare ``spacy.blank("en")`` tokenisation of the same normalised texts (the target: citations +
mentions within 3x bare tokenisation). Reading and PDF parsing are excluded: the texts are
made first (plain text of the AKN files' ``<p>`` elements, and the seeds as they are), then
timed stage by stage in one process, document by document (so that the load of a shared
machine touches every stage alike).

    .venv/bin/python bench/bench_extract.py                      # ../shared/corpus/akn + seeds
    .venv/bin/python bench/bench_extract.py --limit 200 --repeat 3
    .venv/bin/python bench/bench_extract.py --akn path/to/akn --seeds path/to/seeds

A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def akn_texts(folder: Path, limit: int | None) -> list[tuple[str, str]]:
    """(name, text) of each AKN file: its ``<p>`` elements, one paragraph each."""
    from lxml import etree

    out = []
    for path in sorted(folder.glob("*.xml"))[:limit]:
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in tree.iter("{*}p")]
        out.append((path.name, "\n\n".join(p for p in paragraphs if p)))
    return out


def seed_texts(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir()) if p.is_file()]


def run(texts: list[tuple[str, str]], repeat: int) -> dict[str, float]:
    """Seconds per stage (best of ``repeat``) over ``texts``, and their sizes."""
    import spacy

    from kg import citations, entities
    from kg.errors import KgError
    from kg.pipeline import Options, extract_text

    entities.pipeline()  # built once per process; not part of the per-document cost
    no_extract = Options(citations=False, mentions=False)
    records = []
    t0 = time.perf_counter()
    for name, text in texts:
        try:
            records.append(extract_text(text, name, no_extract))
        except KgError:
            continue  # not a resolution: the extract stage never sees it
    structure = time.perf_counter() - t0
    best = {"citations": float("inf"), "mentions": float("inf"), "tokenise": float("inf"),
            "tokenise_flat": float("inf")}
    flat = [r.normalised.replace("\n", " ") for r in records]
    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    # stages are timed document by document, one after the other, so that a change in the
    # load of this shared machine touches them alike; the best of ``repeat`` sums counts
    clock = time.perf_counter
    for _ in range(repeat):
        sums = dict.fromkeys(best, 0.0)
        for r, text in zip(records, flat, strict=True):
            t0 = clock()
            citations.find_citations(r)
            t1 = clock()
            entities.find_mentions(r)
            t2 = clock()
            nlp.make_doc(r.normalised)
            t3 = clock()
            nlp.make_doc(text)
            t4 = clock()
            sums["citations"] += t1 - t0
            sums["mentions"] += t2 - t1
            sums["tokenise"] += t3 - t2
            sums["tokenise_flat"] += t4 - t3
        for k, v in sums.items():
            best[k] = min(best[k], v)
    return {"documents": len(records), "skipped": len(texts) - len(records),
            "chars": sum(len(r.normalised) for r in records), "structure": structure, **best}


def report(label: str, f: dict[str, float]) -> str:
    n, chars = f["documents"], f["chars"]
    extract = f["citations"] + f["mentions"]
    lines = [f"{label}: {n} documents ({f['skipped']} not resolutions), {chars / 1e6:.2f} M characters of normalised text"]

    def row(stage: str, seconds: float) -> None:
        lines.append(f"  {stage:34} {seconds:8.3f} s {n / seconds:9.1f} docs/s {chars / seconds / 1e6:7.2f} M chars/s")

    row("structure (layout + structure)", f["structure"])
    row("citations", f["citations"])
    row("mentions", f["mentions"])
    row("extract (citations + mentions)", extract)
    row("full (structure + extract)", f["structure"] + extract)
    row('bare spacy.blank("en") tokenisation', f["tokenise"])
    row("  the same, line breaks as spaces", f["tokenise_flat"])
    lines.append(f"  ratio extract / bare tokenisation: {extract / f['tokenise']:.2f}x (target <= 3x); "
                 f"{extract / f['tokenise_flat']:.2f}x against line breaks as spaces")
    lines.append(f"  ratio full / bare tokenisation:    {(f['structure'] + extract) / f['tokenise']:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--akn", type=Path, default=SHARED / "corpus" / "akn")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--limit", type=int, default=None, help="at most this many AKN files")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each stage (the best counts)")
    args = ap.parse_args(argv)
    import spacy

    print(f"python {sys.version.split()[0]}, spaCy {spacy.__version__}")
    t = time.perf_counter()
    from kg import entities

    entities.pipeline()
    print(f"mention pipeline built in {time.perf_counter() - t:.2f} s (once per process)")
    if args.seeds.is_dir():
        print(report(f"seeds ({args.seeds})", run(seed_texts(args.seeds), args.repeat)))
    if args.akn.is_dir():
        print(report(f"AKN corpus <p> text ({args.akn})", run(akn_texts(args.akn, args.limit), args.repeat)))
    if not args.seeds.is_dir() and not args.akn.is_dir():
        print(f"bench_extract: neither {args.seeds} nor {args.akn} exists", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
