"""``kg extract`` and ``kg evaluate`` through the command line, as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=300)


def test_extract_json_gives_one_record_per_document_with_schema_version(capsys):
    assert main(["extract", str(DATA), "--json", "-q"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted(r["source"] for r in records) == sorted(p.name for p in DATA.iterdir())
    for r in records:
        assert r["schema_version"] == "1"
        assert len(r["sha256"]) == 64
        assert {"document", "paragraphs", "footnotes", "citations", "mentions"} <= set(r)


def test_extract_jsonl_and_normalised_text(capsys):
    assert main(["extract", str(DATA / "A_RES_68_193.txt"), "--jsonl", "--with-text", "-q"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    p = record["paragraphs"][0]
    assert record["normalised"][p["span"][0]:p["span"][1]] == p["text"]
    assert main(["extract", str(DATA / "A_RES_68_193.txt"), "--normalised", "-q"]) == 0
    assert "The General Assembly," in capsys.readouterr().out


BAD_INPUTS = [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"   \n\n  \t\n", "is empty"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("story.txt", b"Once upon a time there was a fox.\nThe end.\n", "does not look like a resolution"),
    ("corrupt.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage", "is not a readable PDF"),
    ("fake.docx", b"PK\x03\x04 not really a Word document", "is a damaged ZIP archive"),
    ("feed.xml", b"<?xml version='1.0'?><rss><channel/></rss>", "is XML but not Akoma Ntoso"),
]


def test_bad_files_are_named_with_a_reason_and_never_lose_the_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "A_RES_68_193.txt", folder / "good.txt")
    for name, content, _ in BAD_INPUTS:
        (folder / name).write_bytes(content)
    out = tmp_path / "records.json"
    proc = run_kg("extract", str(folder), "--json", "--out", str(out))
    assert proc.returncode == 1, "a run with failed files exits non-zero"
    records = json.loads(out.read_text())
    assert [r["source"] for r in records] == ["good.txt"], "the good file's record is still written"
    for name, _, reason in BAD_INPUTS:
        assert any(name in line and reason in line for line in proc.stderr.splitlines()), (
            f"{name}: expected a message with {reason!r}, got {proc.stderr}")
    summary = proc.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"kg extract: {len(BAD_INPUTS)} of {len(BAD_INPUTS) + 1} files failed"), summary
    assert "Traceback" not in proc.stderr


def test_a_huge_file_is_refused_above_the_limit(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.write(b"The General Assembly,\n" + b"Recalling everything, " * (50 * 1024 * 1024 // 22))
    proc = run_kg("extract", str(big), "--json")
    assert proc.returncode == 1
    assert "huge.txt" in proc.stderr and "over the limit" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_path_is_reported(tmp_path):
    proc = run_kg("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert "nope.txt: no such file or folder" in proc.stderr


def test_evaluate_prints_scores_per_measure(gold_dir, seeds_dir, capsys):
    assert main(["evaluate", "--gold", str(gold_dir), "--docs", str(seeds_dir), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert len(scores["documents"]) == 5
    assert scores["metadata"]["accuracy"] >= 0.95
    assert all(v["accuracy"] == 1.0 for v in scores["counts"].values())
    assert set(scores["mentions"]) == {"instruments", "bodies", "crime_categories"}


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["evaluate", "--help"]])
def test_help_is_available(args):
    proc = run_kg(*args)
    assert proc.returncode == 0 and "usage:" in proc.stdout


def test_a_folder_of_akn_docx_and_pdf_files_gives_one_record_each(tmp_path, corpus_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    picks = [corpus_dir / "akn" / "A_RES_80_167.xml", corpus_dir / "pdf" / "A_RES_80_167.pdf",
             corpus_dir / "docx" / "N1735495.docx"]
    if not all(p.exists() for p in picks):
        pytest.skip("the corpus files of this test are absent")
    for p in picks:
        shutil.copy(p, folder / p.name)
    shutil.copy(picks[0], folder / "saved-as.txt")  # AKN under another name
    out = tmp_path / "records.jsonl"
    proc = run_kg("extract", str(folder), "--jsonl", "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    records = {r["source"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert {k: r["format"] for k, r in records.items()} == {
        "A_RES_80_167.xml": "akn", "A_RES_80_167.pdf": "pdf", "N1735495.docx": "docx", "saved-as.txt": "akn"}
    assert records["A_RES_80_167.pdf"]["document"] == records["A_RES_80_167.xml"]["document"]
    assert records["N1735495.docx"]["document"]["symbol"] == "A/RES/72/3"
