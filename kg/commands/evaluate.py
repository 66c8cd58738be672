"""``kg evaluate --gold DIR --docs DIR``: precision / recall / F1 of records against gold."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "score extracted records against hand-checked gold annotations"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold JSON files (and VOCAB.md)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--docs", nargs="+", metavar="PATH", help="documents to extract and score")
    src.add_argument("--records", metavar="FILE", help="records already extracted (JSON array or JSON Lines)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", "--show-errors", dest="errors", action="store_true",
                   help="list every missing and extra item")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.errors import KgError
    from kg.evaluate import evaluate, format_report
    from kg.pipeline import extract_many
    from kg.record import Record

    gold = Path(args.gold)
    if not gold.is_dir():
        raise KgError(f"{gold}: no such gold folder")
    if args.docs:
        result = extract_many(args.docs, progress=False)
        for f in result.failures:
            print(f"kg evaluate: {f}", file=sys.stderr)
        records = result.records
    else:
        text = Path(args.records).read_text(encoding="utf-8").strip()
        rows = json.loads(text) if text.startswith("[") else [json.loads(x) for x in text.splitlines() if x.strip()]
        records = [Record.from_dict(r) for r in rows]
    ev = evaluate(records, gold)
    if args.json:
        print(json.dumps(ev.to_dict(), indent=1, ensure_ascii=False))
    else:
        print(format_report(ev, show_errors=args.errors))
    return 0 if ev.documents else 1
