"""Bytes -> text or laid-out blocks: format sniffing and decoding.

(Minimal first version: plain-text renditions only. Word, PDF and Akoma Ntoso readers follow.)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.laid import Laid


@dataclass
class Source:
    path: str  # as given
    name: str  # file name, used to pair records with gold files
    sha256: str
    format: str  # pdf-text | word-text | markdown | text | docx | pdf | akn
    text: str | None = None  # decoded text of plain-text renditions
    laid: Laid | None = None  # blocks of structured formats, already laid out


def read_file(path: str | os.PathLike, *, max_bytes: int) -> Source:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None
    if size > max_bytes:
        raise InputError(str(path), f"is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB")
    return read_bytes(p.read_bytes(), str(path), max_bytes=max_bytes)


def read_bytes(data: bytes, path: str, *, max_bytes: int) -> Source:
    name = Path(path).name
    if not data.strip():
        raise InputError(path, "is empty")
    digest = hashlib.sha256(data).hexdigest()
    text = _decode(data, path)
    return Source(path, name, digest, sniff_text_format(text), text=text)


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(path, "is a binary file, not a text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def sniff_text_format(text: str) -> str:
    head = text[:20000]
    lines = head.splitlines()
    if "<sup>" in head or any(line.startswith(("# ", "## ", "### ")) for line in lines):
        return "markdown"
    superscripts = sum(head.count(c) for c in "¹²³⁴⁵⁶⁷⁸⁹")
    md_items = sum(1 for line in lines if line.startswith(("- 1", "- 2", "- 3", "- 4", "- 5")))
    if superscripts >= 3 or md_items >= 3 or head.count("*Treaty Series*") or head.count("*Ibid.*"):
        return "markdown"
    tabbed = sum(1 for line in lines if line.startswith("\t"))
    if "<<ODS" in text or "[DU1]" in head or tabbed > 5:
        return "word-text"
    return "pdf-text"
