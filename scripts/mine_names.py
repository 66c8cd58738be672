"""Mine candidate names of instruments, bodies, crime categories and places from AKN resolutions.

Prints, most frequent first, the capitalised name phrases headed by words that name
instruments ("Convention", "Protocol", "Declaration", "Rules", "Guidelines", "Principles",
"Strategy", "Plan of Action", "Programme", "Agenda", "Treaty") or bodies ("Office",
"Commission", "Council", "Committee", "Conference", "Congress", "Group", "Fund", "Institute",
"Organization", "Rapporteur", ...), and lower-case crime phrases ("trafficking in ...",
"... crime", "... of terrorism"), with the number of files each occurs in. The vocabulary
files of ``ontology/vocab`` are written by hand from this list (checked by eye).

    python scripts/mine_names.py ../shared/corpus/akn [--kind instrument|body|crime|abbrev] [--min 3]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

CAP = r"(?:[A-Z][\w’'-]*|of|on|the|and|against|for|in|to|by|with|at|its|All|Its)"
HEADS = {
    "instrument": r"(?:Convention|Protocol|Protocols|Declaration|Rules|Guidelines|Principles|Strategy|"
                  r"Strategies|Plan of Action|Programme|Agenda|Treaty|Charter|Covenant|Code|Mechanism)",
    "body": r"(?:Office|Commission|Council|Committee|Conference|Congress|Group|Fund|Institute|"
            r"Organization|Rapporteur|Directorate|Task Force|Secretariat|Assembly|Board|Court|"
            r"Network|Centre|Programme|Agency|Union|Forum|Consortium|Academy)",
}
CRIME = re.compile(
    r"\b(?:(?:illicit|illegal)\s+)?(?:trafficking|traffic|smuggling|trade)\s+(?:in|of)\s+(?:[a-z-]+\s+){0,3}[a-z-]+"
    r"|\b(?:[a-z-]+\s+){0,2}(?:crime|crimes)\b"
    r"|\b(?:financing|acts|forms)\s+of\s+terrorism\b|\b[a-z-]+-related\s+crime\b"
)
ABBREV = re.compile(r"\((?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})\)")


def paragraphs(path: Path) -> list[str]:
    try:
        tree = etree.parse(str(path))
    except etree.XMLSyntaxError:
        return []
    return [" ".join("".join(p.itertext()).split()) for p in tree.iter("{*}p")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--kind", choices=["instrument", "body", "crime", "abbrev"], default="instrument")
    ap.add_argument("--min", type=int, default=3, help="least number of files a phrase occurs in")
    args = ap.parse_args(argv)
    if args.kind in HEADS:
        rx = re.compile(rf"\b(?:[A-Z][\w’'-]*\s+)(?:{CAP}\s+){{0,12}}?{HEADS[args.kind]}"
                        rf"(?:\s+(?:of|on|against|for|to|in)\s+(?:the\s+)?(?:{CAP}\s+){{0,10}}[A-Z][\w’'-]*)?")
    elif args.kind == "crime":
        rx = CRIME
    else:
        rx = ABBREV
    files: Counter[str] = Counter()
    for path in sorted(Path(args.folder).glob("*.xml")):
        seen = set()
        for text in paragraphs(path):
            for m in rx.finditer(text):
                seen.add(m.group(1) if args.kind == "abbrev" else m.group(0).strip())
        files.update(seen)
    for phrase, n in files.most_common():
        if n >= args.min:
            sys.stdout.write(f"{n}\t{phrase}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
