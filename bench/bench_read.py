#!/usr/bin/env python3
"""Benchmark of the read + layout + structure stages over the whole corpus, per format.

    .venv/bin/python bench/bench_read.py                      # ../shared/corpus, all formats
    .venv/bin/python bench/bench_read.py --formats akn,text   # some formats only
    .venv/bin/python bench/bench_read.py --limit 50           # the first 50 files of each

Each format runs in a fresh process pinned to one core, so that its peak memory is its own:
for every format the script prints documents per second, MB per second (of input bytes),
the seconds spent in each stage, the peak resident memory of the process (and what reading
added to the memory the process held after its imports), and for AKN and plain text the
ratio to the target of 50 documents per second on one core. Citations and mentions are not
run: they are later stages.

Formats: ``akn`` (corpus/akn/*.xml), ``docx`` (corpus/docx/*.docx), ``pdf`` (corpus/pdf/*.pdf),
``text`` (plain text extracted from PDF: the text the PDF reader gives for each corpus PDF,
prepared before the clock starts, then read as a user's ``.txt`` would be).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("UNKG_SHARED", ROOT.parent / "shared")) / "corpus"
TARGET_DOCS_PER_S = 50.0
TARGETED = ("akn", "text")  # the formats the target applies to
FORMATS = ("akn", "docx", "pdf", "text")
PATTERNS = {"akn": ("akn", "*.xml"), "docx": ("docx", "*.docx"), "pdf": ("pdf", "*.pdf")}


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"cpu {cpu}"
    return "not pinned (no sched_setaffinity)"


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _files(corpus: Path, fmt: str, limit: int | None, workdir: Path) -> list[Path]:
    if fmt in PATTERNS:
        folder, pattern = PATTERNS[fmt]
        files = sorted((corpus / folder).glob(pattern))
        return files[:limit] if limit else files
    # text: the PDF reader's text of each corpus PDF, written out as plain-text files
    from kg.errors import InputError
    from kg.readers.pdf import read_pdf

    out = []
    for pdf in sorted((corpus / "pdf").glob("*.pdf"))[: limit or None]:
        try:
            text = read_pdf(pdf.read_bytes(), str(pdf))
        except InputError:
            continue
        target = workdir / f"{pdf.stem}.txt"
        target.write_text(text, encoding="utf-8")
        out.append(target)
    return out


def run_one(fmt: str, corpus: Path, limit: int | None) -> dict:
    """Time one format in this process (called in a child process by :func:`main`)."""
    pinned = _pin_to_one_core()
    import kg.layout  # noqa: F401 - imports before the baseline memory is taken
    import kg.structure  # noqa: F401
    from kg.errors import KgError
    from kg.pipeline import Options, extract_file

    options = Options(citations=False, mentions=False)
    with tempfile.TemporaryDirectory(prefix="unkg-bench-") as tmp:
        files = _files(corpus, fmt, limit, Path(tmp))
        if files:
            # import the reader and fill its caches (the clause lexicon) outside the clock
            with contextlib.suppress(KgError):
                extract_file(files[0], options)
        base_rss = _rss_mb()
        size = sum(f.stat().st_size for f in files)
        timings: dict[str, float] = {}
        failures = 0
        start, cpu_start = time.perf_counter(), time.process_time()
        for f in files:
            try:
                extract_file(f, options, timings)
            except KgError:
                failures += 1
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"format": fmt, "documents": len(files), "failures": failures, "bytes": size,
            "seconds": seconds, "cpu_seconds": cpu, "stages": timings, "peak_rss_mb": _rss_mb(),
            "base_rss_mb": base_rss, "pinned": pinned}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (akn/, docx/, pdf/)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: " + ", ".join(FORMATS))
    parser.add_argument("--limit", type=int, default=None, help="at most this many files per format")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child process: time one format, print JSON
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.limit)))
        return 0
    if not args.corpus.is_dir():
        print(f"bench_read: {args.corpus} is not a folder (the corpus lives in ../shared/corpus)", file=sys.stderr)
        return 2
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(f"bench_read: unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    results = []
    for fmt in formats:
        cmd = [sys.executable, __file__, "--one", fmt, "--corpus", str(args.corpus)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            print(f"bench_read: {fmt} failed:\n{proc.stderr}", file=sys.stderr)
            return 1
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"read + layout + structure over {args.corpus}\n"
          f"one core ({results[0]['pinned']}); load average {load:.1f} on {os.cpu_count()} cores\n")
    print(f"{'format':7} {'docs':>5} {'failed':>6} {'MB':>6} {'wall s':>7} {'cpu s':>6} {'docs/s':>7} "
          f"{'(cpu)':>7} {'MB/s':>5} {'read':>5} {'layout':>6} {'struct':>6} {'peak MB':>7} {'+MB':>4}  target")
    for r in results:
        n, secs, cpu = r["documents"], r["seconds"], r["cpu_seconds"]
        rate, cpu_rate = (n / secs if secs else 0.0), (n / cpu if cpu else 0.0)
        mb = r["bytes"] / 1e6
        st = r["stages"]
        target = (f"{cpu_rate / TARGET_DOCS_PER_S:.1f}x the {TARGET_DOCS_PER_S:.0f} docs/s target"
                  if r["format"] in TARGETED else "reported only")
        print(f"{r['format']:7} {n:5d} {r['failures']:6d} {mb:6.1f} {secs:7.1f} {cpu:6.1f} {rate:7.1f} "
              f"{cpu_rate:7.1f} {mb / secs if secs else 0:5.2f} {st.get('read', 0):5.1f} "
              f"{st.get('layout', 0):6.1f} {st.get('structure', 0):6.1f} {r['peak_rss_mb']:7.0f} "
              f"{r['peak_rss_mb'] - r['base_rss_mb']:4.0f}  {target}")
    print("\ndocs/s: per wall-clock second; (cpu): per second of the process's own CPU time, which "
          "other processes sharing the core do not inflate (the target is checked on it); MB/s: input "
          "bytes per wall second; read/layout/struct: wall seconds per stage; peak MB: peak resident "
          "memory of the process; +MB: above what it held after imports and one warm-up document. "
          "failed: files refused with a reason (not resolutions).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
