"""The same resolution read from two formats gives the same record: the corpus holds most
resolutions of the 80th session both as Akoma Ntoso and as PDF.

By default a fixed sample of the pairs is checked (every eighth, in name order); set
``UNKG_ALL_PAIRS=1`` to check every pair (about a minute on one core). Metadata, paragraph and
footnote counts, paragraph ids, footnote numbers and citation sets must agree; citations are
compared as whatever ``record.citations`` holds, so the check grows with the citation grammar.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CORPUS

from kg.pipeline import Options, extract_file

FIELDS = ("symbol", "number", "kind", "title", "body", "session", "adopted", "issued",
          "agenda_item", "committee", "committee_report", "plenary_meeting")


def _pairs() -> list[str]:
    akn, pdf = CORPUS / "akn", CORPUS / "pdf"
    if not akn.is_dir() or not pdf.is_dir():
        return []
    names = sorted(p.stem for p in pdf.glob("A_RES_80_*.pdf") if (akn / f"{p.stem}.xml").exists())
    return names if os.environ.get("UNKG_ALL_PAIRS") else names[::8]


PAIRS = _pairs()


def facts(path: Path) -> dict[str, object]:
    """What two renditions of one resolution must agree on."""
    r = extract_file(path, Options(mentions=False))
    d = r.document
    out: dict[str, object] = {k: getattr(d, k) for k in FIELDS}
    out["title"] = " ".join((d.title or "").lower().split())  # as the evaluation compares titles
    out["preambular paragraphs"] = len(r.preambular_paragraphs)
    out["operative paragraphs"] = len(r.operative_paragraphs)
    out["footnotes"] = len(r.footnotes)
    out["paragraph ids"] = [p.id for p in r.paragraphs if p.kind != "annex"]
    out["footnote numbers"] = [f.number for f in r.footnotes]
    # annexes may be tables (budget figures), which no two formats cut into the same paragraphs:
    # there a citation is compared by its target, as the annex's
    out["citations"] = sorted({(c.target, c.target_type, "ANNEX" if c.where.startswith("ANNEX.") else c.where)
                               for c in r.citations})
    return out


@pytest.mark.skipif(not PAIRS, reason="../shared/corpus (akn/ and pdf/) is absent")
@pytest.mark.parametrize("name", PAIRS)
def test_akn_and_pdf_renditions_give_the_same_record(name):
    from_akn = facts(CORPUS / "akn" / f"{name}.xml")
    from_pdf = facts(CORPUS / "pdf" / f"{name}.pdf")
    differ = {k: (from_akn[k], from_pdf[k]) for k in from_akn if from_akn[k] != from_pdf[k]}
    assert not differ, f"{name}: the AKN and PDF records differ in " + "; ".join(
        f"{k}: {a!r} (AKN) vs {b!r} (PDF)" for k, (a, b) in differ.items())


def _sample() -> list[Path]:
    """Every 40th file of each corpus format, in name order."""
    out: list[Path] = []
    for folder, pattern in (("akn", "*.xml"), ("docx", "*.docx"), ("pdf", "*.pdf")):
        out += sorted((CORPUS / folder).glob(pattern))[::40] if (CORPUS / folder).is_dir() else []
    return out


SAMPLE = _sample()


@pytest.mark.skipif(not SAMPLE, reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", SAMPLE, ids=[f"{p.parent.name}/{p.name}" for p in SAMPLE])
def test_every_span_of_a_real_file_points_into_its_normalised_text(path):
    from kg.errors import InputError
    from kg.laid import MARK_CLOSE, MARK_OPEN

    try:
        r = extract_file(path, Options(mentions=False))
    except InputError as exc:
        assert "does not look like a resolution" in exc.reason, exc.reason
        return
    for item in [*r.paragraphs, *r.footnotes, *r.head, *r.citations]:
        a, b = item.span
        assert r.normalised[a:b] == item.text, f"{path.name}: {item!r} is not at {a}:{b}"
    for p in r.paragraphs:
        for m in p.markers:
            assert p.span[0] <= m.offset <= p.span[1], f"{path.name}: marker {m} outside {p.id}"
    assert MARK_OPEN not in r.normalised and MARK_CLOSE not in r.normalised, "markers are data, not text"
    assert r.document.symbol and r.paragraphs


@pytest.mark.skipif(not SAMPLE, reason="../shared/corpus is absent")
def test_paragraph_ids_of_real_files_are_unique_and_of_the_record_forms():
    import re

    from kg.errors import InputError

    bad = []
    for path in SAMPLE + [CORPUS / "akn" / n for n in ("A_RES_75_253_C.xml", "A_RES_76_240.xml", "E_RES_2022_11.xml")]:
        if not path.exists():
            continue
        try:
            r = extract_file(path, Options(citations=False, mentions=False))
        except InputError:
            continue
        ids = [p.id for p in r.paragraphs]
        if len(ids) != len(set(ids)):
            bad.append(f"{path.name}: ids repeat")
        bad += [f"{path.name}: {i}" for i in ids if not re.fullmatch(r"(?:[A-Z]+\.)*(?:PP|OP|P)\d+'*", i)]
    assert not bad, bad
