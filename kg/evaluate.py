"""Score records against hand-checked gold annotations (``shared/gold``, see its SCHEMA.md).

Measures, as ``CONTRACT.md`` defines them: metadata fields (one decision per field), sponsors
(set of names as printed), preambular/operative/footnote counts (exact or not), citations as
(target, where) pairs (paragraph level) and as targets (document level), and mentions of
instruments, bodies and crime categories as (id, where) pairs in PP/OP paragraphs, positions the
gold marks ``anaphora`` or ``optional`` counting neither way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.record import Record

METADATA_FIELDS = ("symbol", "number", "kind", "title", "session", "adopted", "issued",
                   "agenda_item", "committee", "committee_report", "plenary_meeting")
COUNT_FIELDS = (("preambular_paragraphs", "preambular"), ("operative_paragraphs", "operative"),
                ("footnotes", "footnotes"))
MENTION_TYPES = (("instruments", "instrument"), ("bodies", "body"), ("crime_categories", "crime_category"))


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, with the misses kept."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add_sets(self, predicted: set, gold: set, label: str = "") -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        prefix = f"{label}: " if label else ""
        self.false_positives += [prefix + _show(x) for x in sorted(predicted - gold, key=str)]
        self.false_negatives += [prefix + _show(x) for x in sorted(gold - predicted, key=str)]

    def merge(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0


def _show(x) -> str:
    return " @ ".join(map(str, x)) if isinstance(x, tuple) else str(x)


def _norm(s) -> str:
    return re.sub(r"\s+", "", str(s)) if s is not None else ""


def gold_key(target: str, target_type: str) -> str:
    """The gold form of a record's citation target (``A/RES/46/152`` -> ``GA:46/152``)."""
    t = target.strip()
    if target_type == "GA resolution" or t.startswith("A/RES/"):
        return "GA:" + t.removeprefix("A/RES/")
    if target_type == "ECOSOC resolution" or t.startswith("E/RES/"):
        return "ECOSOC:" + t.removeprefix("E/RES/")
    if target_type == "SC resolution" or t.startswith("S/RES/"):
        m = re.match(r"^(?:S/RES/)?(\d+)\s*\((\d{4})\)$", t)
        return f"SC:{m.group(1)}({m.group(2)})" if m else "SC:" + t.removeprefix("S/RES/")
    if target_type == "treaty series" or t.startswith("UNTS "):
        return "UNTS:" + t.removeprefix("UNTS ").strip()
    if target_type == "document":
        # a decision without a symbol of its own, keyed by body ("COSP-UNCAC decision 5/1")
        m = re.match(r"^([A-Z][A-Z-]+)\s+(decision\s+.+)$", t)
        return f"{m.group(1)}:{m.group(2)}" if m else "DOC:" + t
    if target_type == "unknown":
        return "UNKNOWN:" + t
    if target_type == "other resolution":
        # a resolution of a body outside the named types, keyed by body ("UNEA 1/3" -> "UNEA:1/3")
        m = re.match(r"^(\S+)\s+(.+)$", t)
        return f"{m.group(1)}:{m.group(2)}" if m else "UNKNOWN:" + t
    m = re.match(r"^(CCPCJ|CND|HRC|CSW|COP-UNTOC|COSP-UNCAC)\s+(.+)$", t)
    if m:
        return f"{m.group(1)}:{m.group(2)}"
    return t


def vocab_ids(gold_dir: Path) -> dict[str, set[str]]:
    """The controlled ids of ``VOCAB.md`` by section (instruments, bodies, crime_categories)."""
    path = Path(gold_dir) / "VOCAB.md"
    out: dict[str, set[str]] = {"instruments": set(), "bodies": set(), "crime_categories": set()}
    if not path.exists():
        return out
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            name = line[3:].lower()
            section = next((k for k in out if k.split("_")[0] in name.replace(" ", "_")), None)
            continue
        if not section or not line.strip():
            continue
        if section == "crime_categories":
            out[section].add(re.sub(r"\s*\(.*\)\s*$", "", line.strip()))
        else:
            m = re.match(r"^([A-Z0-9][A-Z0-9-]*):", line.strip())
            if m:
                out[section].add(m.group(1))
    return out


def _scored_position(where: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z0-9]+\.)?(?:PP|OP)\d+'*", where))


@dataclass
class Evaluation:
    documents: list[str] = field(default_factory=list)
    unmatched_gold: list[str] = field(default_factory=list)
    metadata: Accuracy = field(default_factory=Accuracy)
    metadata_fields: dict[str, Accuracy] = field(default_factory=dict)
    counts: dict[str, Accuracy] = field(default_factory=dict)
    sponsors: Score = field(default_factory=Score)
    citations_paragraph: Score = field(default_factory=Score)
    citations_document: Score = field(default_factory=Score)
    mentions: dict[str, Score] = field(default_factory=dict)
    mentions_document: dict[str, Score] = field(default_factory=dict)

    def to_dict(self) -> dict:
        def sc(s: Score) -> dict:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}

        def acc(a: Accuracy) -> dict:
            return {"right": a.right, "total": a.total, "accuracy": round(a.ratio, 4), "wrong": a.wrong}

        return {
            "documents": self.documents,
            "unmatched_gold": self.unmatched_gold,
            "metadata": acc(self.metadata),
            "metadata_fields": {k: acc(v) for k, v in self.metadata_fields.items()},
            "counts": {k: acc(v) for k, v in self.counts.items()},
            "sponsors": sc(self.sponsors),
            "citations": {"paragraph": sc(self.citations_paragraph), "document": sc(self.citations_document)},
            "mentions": {k: {"paragraph": sc(v), "document": sc(self.mentions_document[k])}
                         for k, v in self.mentions.items()},
        }


def evaluate(records: list[Record], gold_dir: Path) -> Evaluation:
    """Score ``records`` against the gold files in ``gold_dir`` (paired by source file name)."""
    gold_dir = Path(gold_dir)
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            g = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(g, dict) and "file" in g and "doc" in g:
            golds[g["file"]] = g
    allowed = vocab_ids(gold_dir)
    ev = Evaluation()
    ev.metadata_fields = {f: Accuracy() for f in METADATA_FIELDS}
    ev.counts = {name: Accuracy() for name, _ in COUNT_FIELDS}
    ev.mentions = {k: Score() for k, _ in MENTION_TYPES}
    ev.mentions_document = {k: Score() for k, _ in MENTION_TYPES}
    by_source = {r.source: r for r in records}
    for name, gold in golds.items():
        record = by_source.get(name)
        if record is None:
            ev.unmatched_gold.append(name)
            continue
        ev.documents.append(name)
        _score_metadata(ev, record, gold, name)
        _score_counts(ev, record, gold, name)
        gs = {" ".join(s.split()) for s in gold["doc"].get("sponsors") or []}
        rs = {" ".join(s.split()) for s in record.document.sponsors}
        ev.sponsors.add_sets(rs, gs, name)
        _score_citations(ev, record, gold, name)
        _score_mentions(ev, record, gold, name, allowed)
    return ev


def _score_metadata(ev: Evaluation, record: Record, gold: dict, name: str) -> None:
    doc = record.document
    for f in METADATA_FIELDS:
        want = gold["doc"].get(f)
        got = getattr(doc, f)
        if f == "symbol" and want is None and got is not None and doc.number and got.endswith(doc.number):
            continue  # a symbol derived from a printed number is neither right nor wrong
        if f == "title":
            ok = " ".join(str(got or "").lower().split()) == " ".join(str(want or "").lower().split())
        elif f == "agenda_item":
            lead = re.match(r"\d+", str(want)) if want is not None else None
            ok = (got is None and want is None) or (lead is not None and got == int(lead.group(0)))
        else:
            ok = _norm(got) == _norm(want) if (got is not None and want is not None) else got == want
        acc = ev.metadata_fields[f]
        acc.total += 1
        ev.metadata.total += 1
        if ok:
            acc.right += 1
            ev.metadata.right += 1
        else:
            acc.wrong.append(f"{name}: {f} = {got!r}, gold {want!r}")
            ev.metadata.wrong.append(f"{name}: {f} = {got!r}, gold {want!r}")


def _score_counts(ev: Evaluation, record: Record, gold: dict, name: str) -> None:
    got = {
        "preambular": len(record.preambular_paragraphs),
        "operative": len(record.operative_paragraphs),
        "footnotes": len(record.footnotes),
    }
    for gold_field, key in COUNT_FIELDS:
        acc = ev.counts[gold_field]
        acc.total += 1
        if got[key] == gold["doc"].get(gold_field):
            acc.right += 1
        else:
            acc.wrong.append(f"{name}: {got[key]}, gold {gold['doc'].get(gold_field)}")


def _score_citations(ev: Evaluation, record: Record, gold: dict, name: str) -> None:
    got_pairs = {(_norm(gold_key(c.target, c.target_type)), c.where) for c in record.citations}
    want_pairs = {(_norm(c["target"]), c["where"]) for c in gold.get("citations", [])}
    ev.citations_paragraph.add_sets(got_pairs, want_pairs, name)
    ev.citations_document.add_sets({t for t, _ in got_pairs}, {t for t, _ in want_pairs}, name)


def _score_mentions(ev: Evaluation, record: Record, gold: dict, name: str,
                    allowed: dict[str, set[str]]) -> None:
    for gold_key_name, mention_type in MENTION_TYPES:
        ids = allowed.get(gold_key_name) or set()
        want: set[tuple[str, str]] = set()
        neutral: set[tuple[str, str]] = set()
        for item in gold.get(gold_key_name, []):
            gid = item["id"]
            if gid.startswith("NEW:"):
                continue
            for w in item.get("where", []):
                if _scored_position(w):
                    want.add((gid, w))
            for w in item.get("anaphora", []) + item.get("optional", []):
                neutral.add((gid, w))
        got = {(m.notation, m.where) for m in record.mentions
               if m.type == mention_type and _scored_position(m.where) and (not ids or m.notation in ids)}
        want_scored = want - neutral
        got_scored = got - neutral
        ev.mentions[gold_key_name].add_sets(got_scored, want_scored, name)
        # at document level a concept the gold names only at neutral positions (anaphora,
        # optional) counts neither way, as those positions do
        ev.mentions_document[gold_key_name].add_sets({i for i, _ in got_scored}, {i for i, _ in want_scored}, name)


def format_report(ev: Evaluation, *, show_errors: bool = False) -> str:
    """The evaluation as a plain-text table (precision / recall / F1 per measure)."""
    lines = [f"documents scored: {len(ev.documents)}"
             + (f"  (gold without a record: {', '.join(ev.unmatched_gold)})" if ev.unmatched_gold else "")]
    lines.append("")
    lines.append(f"{'measure':40} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'fp':>5} {'fn':>5}")

    def row(label: str, s: Score) -> None:
        lines.append(f"{label:40} {s.precision:7.3f} {s.recall:7.3f} {s.f1:7.3f} {s.tp:6d} {s.fp:5d} {s.fn:5d}")

    row("citations (target, paragraph)", ev.citations_paragraph)
    row("citations (target, document)", ev.citations_document)
    for k, s in ev.mentions.items():
        row(f"{k} (id, paragraph)", s)
        row(f"{k} (id, document)", ev.mentions_document[k])
    row("sponsors", ev.sponsors)
    lines.append("")
    lines.append(f"{'measure':40} {'right':>7} {'of':>5} {'accuracy':>9}")
    lines.append(f"{'metadata fields (all)':40} {ev.metadata.right:7d} {ev.metadata.total:5d} {ev.metadata.ratio:9.3f}")
    for f, a in ev.metadata_fields.items():
        lines.append(f"{'  ' + f:40} {a.right:7d} {a.total:5d} {a.ratio:9.3f}")
    for f, a in ev.counts.items():
        lines.append(f"{f + ' count':40} {a.right:7d} {a.total:5d} {a.ratio:9.3f}")
    if show_errors:
        lines.append("")
        lines.append("errors:")
        for w in ev.metadata.wrong:
            lines.append(f"  metadata  {w}")
        for f, a in ev.counts.items():
            for w in a.wrong:
                lines.append(f"  count     {f}: {w}")
        for label, s in [("sponsors", ev.sponsors), ("citation", ev.citations_paragraph),
                         *[(k, v) for k, v in ev.mentions.items()]]:
            for x in s.false_positives:
                lines.append(f"  {label:9} extra   {x}")
            for x in s.false_negatives:
                lines.append(f"  {label:9} missing {x}")
    return "\n".join(lines)
