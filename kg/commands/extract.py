"""``kg extract PATH... [--json | --jsonl | --normalised]``: records of documents."""

from __future__ import annotations

import argparse
import json
import os
import sys

HELP = "extract records (metadata, paragraphs, footnotes, citations, mentions) from documents"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of documents")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON array of records (the default)")
    form.add_argument("--jsonl", action="store_true", help="print one record per line (JSON Lines)")
    form.add_argument("--normalised", "--normalized", action="store_true",
                      help="print each document's normalised text, the text all spans point into")
    p.add_argument("--with-text", action="store_true",
                   help="include the normalised text in each JSON record (field 'normalised')")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--jobs", "-j", type=int, default=0,
                   help="worker processes (default: 1 for fewer than 200 files, else 2)")
    p.add_argument("--max-size", type=float, default=None, metavar="MB",
                   help="refuse files larger than this many megabytes (default 20, or UNKG_MAX_BYTES)")
    p.add_argument("--no-citations", action="store_true", help="skip citation extraction")
    p.add_argument("--no-mentions", action="store_true", help="skip entity mentions")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or per-file errors")


def run(args: argparse.Namespace) -> int:
    from kg.pipeline import Options, extract_many, iter_input_files

    options = Options(citations=not args.no_citations, mentions=not args.no_mentions)
    if args.max_size is not None:
        options.max_bytes = int(args.max_size * 1024 * 1024)
    jobs = args.jobs
    if jobs <= 0:
        n = sum(1 for _ in iter_input_files(p for p in args.paths if os.path.exists(p)))
        jobs = 1 if n < 200 else 2

    def report(failure):
        if not args.quiet:
            print(f"kg extract: {failure}", file=sys.stderr)

    result = extract_many(args.paths, options, jobs=jobs, progress=None if not args.quiet else False,
                          on_failure=report)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        if args.normalised:
            for r in result.records:
                out.write(f"==> {r.source} <==\n{r.normalised}\n")
        elif args.jsonl:
            for r in result.records:
                out.write(r.to_json(normalised=args.with_text) + "\n")
        else:
            json.dump([r.to_dict(normalised=args.with_text) for r in result.records], out,
                      ensure_ascii=False, indent=1)
            out.write("\n")
    finally:
        if args.out:
            out.close()
    if result.failures:
        names = ", ".join(f.path for f in result.failures[:3])
        more = f" and {len(result.failures) - 3} more" if len(result.failures) > 3 else ""
        print(f"kg extract: {len(result.failures)} of {len(result.failures) + len(result.records)} "
              f"files failed ({names}{more}); the other records were written", file=sys.stderr)
        return 1
    return 0
