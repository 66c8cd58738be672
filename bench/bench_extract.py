"""Benchmark of the extract stage: structure -> citations + mentions, on text already read.

Prints documents/s and characters/s for each stage over real resolutions and the ratio to a
bare ``spacy.blank("en")`` tokenisation of the same normalised texts (the target: citations +
mentions within 3x bare tokenisation). Reading and PDF parsing are excluded: every file is
read and laid out first (the readers of each format: AKN, Word, PDF, plain text), then the
structure stage, the citations, the mentions and a bare tokenisation are timed in one process,
document by document (so that the load of a shared machine touches every stage alike).

    .venv/bin/python bench/bench_extract.py                      # ../shared/corpus (every format) + seeds
    .venv/bin/python bench/bench_extract.py --limit 200 --repeat 3   # the first 200 files of each format
    .venv/bin/python bench/bench_extract.py --corpus path/to/corpus --seeds path/to/seeds

A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def laid_sources(paths: list[Path]) -> list[tuple[object, object]]:
    """(source, laid) of every file that reads: the work of the readers, done before the clock."""
    from kg import layout, read
    from kg.errors import KgError
    from kg.pipeline import DEFAULT_MAX_BYTES

    out = []
    for path in paths:
        try:
            source = read.read_file(path, max_bytes=DEFAULT_MAX_BYTES)
            out.append((source, layout.lay_out(source)))
        except KgError:
            continue
    return out


def corpus_files(folder: Path, limit: int | None) -> list[Path]:
    """The files of each format folder of the corpus (``akn/``, ``docx/``, ``pdf/``), at most
    ``limit`` of each."""
    out: list[Path] = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        out += sorted(p for p in sub.iterdir() if p.is_file())[:limit]
    return out


def run(sources: list[tuple[object, object]], repeat: int) -> dict[str, float]:
    """Seconds per stage (best of ``repeat``) over the laid-out ``sources``, and their sizes."""
    import spacy

    from kg import citations, entities
    from kg import structure as structure_stage
    from kg.errors import KgError

    entities.pipeline()  # built once per process; not part of the per-document cost
    for source, laid in sources[:1]:  # the clause lexicon and patterns load on first use
        with contextlib.suppress(KgError):
            citations.find_citations(structure_stage.build_record(laid, source))
    records = []
    t0 = time.perf_counter()
    for source, laid in sources:
        try:
            records.append(structure_stage.build_record(laid, source))
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
    return {"documents": len(records), "skipped": len(sources) - len(records),
            "chars": sum(len(r.normalised) for r in records), "structure": structure, **best}


def report(label: str, f: dict[str, float]) -> str:
    n, chars = f["documents"], f["chars"]
    extract = f["citations"] + f["mentions"]
    lines = [f"{label}: {n} documents ({f['skipped']} not resolutions), {chars / 1e6:.2f} M characters of normalised text"]

    def row(stage: str, seconds: float) -> None:
        lines.append(f"  {stage:34} {seconds:8.3f} s {n / seconds:9.1f} docs/s {chars / seconds / 1e6:7.2f} M chars/s")

    row("structure", f["structure"])
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
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--limit", type=int, default=None, help="at most this many files of each format")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each stage (the best counts)")
    args = ap.parse_args(argv)
    import spacy

    print(f"python {sys.version.split()[0]}, spaCy {spacy.__version__}")
    t = time.perf_counter()
    from kg import entities

    entities.pipeline()
    print(f"mention pipeline built in {time.perf_counter() - t:.2f} s (once per process)")
    if args.seeds.is_dir():
        seeds = laid_sources(sorted(p for p in args.seeds.iterdir() if p.is_file()))
        print(report(f"seeds ({args.seeds})", run(seeds, args.repeat)))
    if args.corpus.is_dir():
        t = time.perf_counter()
        corpus = laid_sources(corpus_files(args.corpus, args.limit))
        print(f"corpus read and laid out in {time.perf_counter() - t:.1f} s (not timed below)")
        print(report(f"corpus ({args.corpus}: AKN, Word, PDF)", run(corpus, args.repeat)))
    if not args.seeds.is_dir() and not args.corpus.is_dir():
        print(f"bench_extract: neither {args.seeds} nor {args.corpus} exists", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
