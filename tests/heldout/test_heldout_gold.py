"""The held-out gold sets stay well formed: every file follows SCHEMA.md and agrees with its source.

These tests guard the annotation itself (not the extractor): a gold file edited by hand must
still name its document, use the controlled ids, keep positions inside the printed counts and
quote surfaces, dates, titles and sponsors that really occur in the source document. They
cover both held-out sets, `tests/heldout/` (six documents) and `tests/heldout2/` (five).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

TESTS = Path(__file__).resolve().parent.parent
# Each held-out set: its folder (with docs/ and gold/) and the number of documents it holds.
SETS = {"heldout": 6, "heldout2": 5}
GOLD_FILES = [path for name in SETS for path in sorted((TESTS / name / "gold").glob("*.json"))]


def gold_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def docs_of(path: Path) -> Path:
    """The docs/ folder next to the gold/ folder that holds ``path``."""
    return path.parent.parent / "docs"

TOP_KEYS = ["file", "doc", "citations", "instruments", "bodies", "crime_categories"]
DOC_KEYS = [
    "kind", "symbol", "number", "title", "body", "session", "session_stated", "adopted",
    "issued", "agenda_item", "committee", "committee_report", "plenary_meeting", "sponsors",
    "preambular_paragraphs", "operative_paragraphs", "footnotes",
]
CITATION_KEYS = ["target", "date", "where", "verb", "surface"]
KINDS = {"resolution", "draft resolution", "revised draft resolution"}

# Canonical target keys (SCHEMA.md, plus the keys these files add and explain in their
# NOTES: `COSP-UNCAC:decision n/m`, `UNEA:n/m` and `CEDAW:decision n/X`).
TARGET_FORMS = [
    ("GA", r"GA:(S-\d+/\d+( [A-Z])?|\d+/\d+( [A-Z])?|\d+ [A-Z] \([IVXLC]+\))"),
    ("SC", r"SC:\d+\(\d{4}\)"),
    ("ECOSOC", r"ECOSOC:\d{4}/\d+"),
    ("CCPCJ", r"CCPCJ:\d+/\d+"),
    ("CND", r"CND:\d+/\d+"),
    ("HRC", r"HRC:\d+/\d+"),
    ("COP-UNTOC", r"COP-UNTOC:\d+/\d+"),
    ("COSP-UNCAC", r"COSP-UNCAC:(decision )?\d+/\d+"),
    ("UNEA", r"UNEA:\d+/\d+"),
    ("CEDAW", r"CEDAW:decision \d+/[IVXLC]+"),
    ("UNTS", r"UNTS:\d+/\d+"),
    # A symbol as printed; other organizations' symbols may carry parentheses (IAEA
    # "GOV/INF/2005/10-GC(49)/INF/6", heldout2 N1743300 FN12).
    ("DOC", r"DOC:(Sales No\. [A-Z]\.[0-9A-Z.]+|[A-Z][A-Za-z0-9.\-/()]*[A-Za-z0-9]( \(Part [IV]+\))?)"),
]
POSITION = re.compile(r"(HEAD|PP\d+|OP\d+|FN\d+)$")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Text without any white space, so that line breaks and no-break spaces do not matter."""
    return re.sub(r"\s+", "", text)


def source_text(path: Path) -> str:
    """All printed text of a source document (body, footnotes, headers), as one string."""
    if path.suffix == ".xml":
        return " ".join(etree.parse(str(path)).getroot().itertext())
    if path.suffix == ".docx":
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        parts = []
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if re.match(r"word/(document|footnotes|header\d|footer\d)\.xml$", name):
                    for el in etree.fromstring(z.read(name)).iter(w + "t", w + "noBreakHyphen"):
                        parts.append("-" if el.tag == w + "noBreakHyphen" else el.text or "")
        return "".join(parts)
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        # pdfium marks a line-end hyphen as U+FFFE; the printed character is a hyphen.
        return "\n".join(pages).replace("\ufffe", "-")
    raise ValueError(f"{path.name}: unknown source format")


@pytest.fixture(scope="module")
def vocab_ids(gold_dir: Path) -> dict[str, set[str]]:
    """The controlled ids of ../shared/gold/VOCAB.md, by section."""
    ids: dict[str, set[str]] = {"instruments": set(), "bodies": set(), "crime_categories": set()}
    section = None
    for line in (gold_dir / "VOCAB.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = {"instruments": "instruments", "bodies": "bodies"}.get(
                line[3:].split()[0], "crime_categories")
        elif section and line.strip():
            if section == "crime_categories":
                ids[section].add(re.sub(r"\s*\(.*\)$", "", line.strip()))
            else:
                ids[section].add(line.split(":")[0].strip())
    return ids


@pytest.mark.parametrize("name", SETS)
def test_each_held_out_set_has_its_documents_each_with_gold_and_notes(name: str):
    docs_dir, gold = TESTS / name / "docs", TESTS / name / "gold"
    docs = sorted(p.name for p in docs_dir.iterdir())
    assert len(docs) == SETS[name], f"expected {SETS[name]} held-out documents in {docs_dir}, found {docs}"
    for doc in docs:
        stem = Path(doc).stem
        assert (gold / f"{stem}.json").exists(), f"{name}: {doc} has no gold file gold/{stem}.json"
        assert (gold / f"NOTES-{stem}.md").exists(), f"{name}: {doc} has no notes gold/NOTES-{stem}.md"
    golds = sorted(p.stem for p in gold.glob("*.json"))
    assert golds == sorted(Path(d).stem for d in docs), f"{name}: gold files {golds} do not match docs {docs}"


@pytest.mark.parametrize("name", SETS)
def test_each_gold_folder_links_the_shared_vocabulary(name: str, gold_dir: Path):
    link = TESTS / name / "gold" / "VOCAB.md"
    assert link.is_symlink(), f"{name}: gold/VOCAB.md must be a symlink to ../shared/gold/VOCAB.md, not a copy"
    assert not Path(link.readlink()).is_absolute(), f"{name}: gold/VOCAB.md links to an absolute path"
    assert link.resolve() == (gold_dir / "VOCAB.md").resolve(), (
        f"{name}: gold/VOCAB.md points at {link.resolve()}, not at {gold_dir / 'VOCAB.md'}")


@pytest.mark.parametrize("path", GOLD_FILES, ids=gold_id)
def test_gold_file_follows_the_schema_layout(path: Path):
    gold = load(path)
    assert list(gold) == TOP_KEYS, f"{path.name}: top-level keys {list(gold)} are not {TOP_KEYS}"
    assert (docs_of(path) / gold["file"]).exists(), f"{path.name} names {gold['file']}, not in docs/"
    assert Path(gold["file"]).stem == path.stem, f"{path.name} names another file {gold['file']}"
    doc = gold["doc"]
    assert list(doc) == DOC_KEYS, f"{path.name}: doc keys {list(doc)} are not {DOC_KEYS}"
    assert doc["kind"] in KINDS, f"{path.name}: kind {doc['kind']!r} is not one of {KINDS}"
    for field in ("adopted", "issued"):
        value = doc[field]
        assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (
            f"{path.name}: {field} {value!r} is not an ISO date")
    for c in gold["citations"]:
        assert list(c) == CITATION_KEYS, f"{path.name}: citation keys {list(c)} in {c}"
    for section in ("instruments", "bodies", "crime_categories"):
        for item in gold[section]:
            assert list(item)[:2] == ["id", "where"], f"{path.name}: {section} item {item}"
            assert set(item) <= {"id", "where", "anaphora", "optional"}, f"{path.name}: {item}"
            for w in item.get("anaphora", []):
                assert w in item["where"], (
                    f"{path.name}: {item['id']} has anaphora {w} that is not in where")
            overlap = set(item.get("optional", [])) & set(item["where"])
            assert not overlap, f"{path.name}: {item['id']} has {overlap} in where and optional"


@pytest.mark.parametrize("path", GOLD_FILES, ids=gold_id)
def test_items_use_vocab_ids_or_a_new_label(path: Path, vocab_ids: dict[str, set[str]]):
    gold = load(path)
    for section, known in vocab_ids.items():
        for item in gold[section]:
            iid = item["id"]
            assert iid.startswith("NEW: ") or iid in known, (
                f"{path.name}: {section} id {iid!r} is neither in VOCAB.md nor marked 'NEW: '")


@pytest.mark.parametrize("path", GOLD_FILES, ids=gold_id)
def test_every_position_lies_within_the_printed_counts(path: Path):
    gold = load(path)
    limits = {"PP": gold["doc"]["preambular_paragraphs"], "OP": gold["doc"]["operative_paragraphs"],
              "FN": gold["doc"]["footnotes"]}
    positions = [c["where"] for c in gold["citations"]]
    for section in ("instruments", "bodies", "crime_categories"):
        for item in gold[section]:
            positions += item["where"] + item.get("optional", [])
    for w in positions:
        assert POSITION.match(w), f"{path.name}: {w!r} is not HEAD, PPn, OPn or FNn"
        if w != "HEAD":
            assert 1 <= int(w[2:]) <= limits[w[:2]], (
                f"{path.name}: {w} is beyond the document's {limits[w[:2]]} {w[:2]} positions")


@pytest.mark.parametrize("path", GOLD_FILES, ids=gold_id)
def test_citations_use_canonical_targets_once_per_position(path: Path):
    gold = load(path)
    seen = set()
    for c in gold["citations"]:
        assert any(re.fullmatch(rx, c["target"]) for _, rx in TARGET_FORMS), (
            f"{path.name}: target {c['target']!r} at {c['where']} is not a canonical key")
        pair = (c["target"], c["where"])
        assert pair not in seen, f"{path.name}: {c['target']} is cited twice at {c['where']}"
        seen.add(pair)
        expected_verb = "footnote" if c["where"].startswith("FN") else None
        if c["where"].startswith("FN") or c["where"] == "HEAD":
            assert c["verb"] == expected_verb, f"{path.name}: verb of {pair} is {c['verb']!r}"
        else:
            assert c["verb"], f"{path.name}: the citation {pair} has no verb"


@pytest.mark.parametrize("path", GOLD_FILES, ids=gold_id)
def test_surfaces_dates_titles_and_sponsors_are_printed_in_the_source(path: Path):
    gold = load(path)
    text = squash(source_text(docs_of(path) / gold["file"]))
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    for c in gold["citations"]:
        assert squash(c["surface"]) in text, (
            f"{path.name}: surface {c['surface']!r} of {c['target']} at {c['where']} "
            f"does not occur in {gold['file']}")
        if c["date"]:
            y, m, d = c["date"].split("-")
            printed = f"{int(d)}{months[int(m) - 1]}{y}"
            assert printed in text, (
                f"{path.name}: date {c['date']} of {c['target']} is not printed in {gold['file']}")
    # A footnote asterisk printed in the title ("terrorist groups,* including") is a marker,
    # not part of the title.
    title = squash(gold["doc"]["title"])
    assert title in text.replace("*", ""), f"{path.name}: the title is not printed in {gold['file']}"
    for sponsor in gold["doc"]["sponsors"]:
        assert squash(sponsor) in text, (
            f"{path.name}: sponsor {sponsor!r} is not printed in {gold['file']}")
