"""Bytes -> text or laid-out blocks: format sniffing and decoding.

The format of a file is told from its content, never from its name alone (a ``.txt`` may hold
Akoma Ntoso XML, a ``.bin`` may be a Word document):

* ``%PDF-`` at the start: a PDF, read by :mod:`kg.readers.pdf` into page text;
* a ZIP archive holding ``word/document.xml``: a Word document, read by :mod:`kg.readers.docx`;
* XML whose root is ``<akomaNtoso>`` (or in the Akoma Ntoso namespace): read by
  :mod:`kg.readers.akn`;
* anything else is decoded as text (UTF-8 with or without BOM, UTF-16 with a BOM or told by
  its zero bytes, cp1252) and its rendition (text extracted from PDF, text exported from Word,
  Markdown) is told by :func:`sniff_text_format`.

A file that is none of these, or is broken, gives one :class:`InputError` naming the file and
the reason (an empty file, a binary file, a ZIP archive that is no Word document, XML that is
not Akoma Ntoso, a corrupt or password-protected PDF, a text in an unknown encoding).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.laid import Laid

#: the formats a :class:`Source` may have
FORMATS = ("pdf-text", "word-text", "markdown", "text", "docx", "pdf", "akn")


@dataclass
class Source:
    path: str  # as given
    name: str  # file name, used to pair records with gold files
    sha256: str
    format: str  # one of FORMATS
    text: str | None = None  # decoded text of plain-text renditions, page text of a PDF
    laid: Laid | None = None  # blocks of structured formats (AKN, docx), already laid out


def read_file(path: str | os.PathLike, *, max_bytes: int) -> Source:
    """Read and sniff one file; refuse it above ``max_bytes`` before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    if size > max_bytes:
        raise InputError(str(path), f"is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None
    return read_bytes(data, str(path), max_bytes=max_bytes)


def read_bytes(data: bytes, path: str, *, max_bytes: int) -> Source:
    """A :class:`Source` from the bytes of a file named ``path`` (the name is only used in
    messages and to pair records with gold files; the format is sniffed from the bytes)."""
    name = Path(path).name
    if len(data) > max_bytes:
        raise InputError(path, f"is {len(data) / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB")
    if not data.strip():
        raise InputError(path, "is empty")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff_bytes(data)
    if kind == "pdf":
        from kg.readers.pdf import read_pdf

        return Source(path, name, digest, "pdf", text=read_pdf(data, path))
    if kind == "zip":
        return Source(path, name, digest, "docx", laid=_read_zip(data, path))
    if kind == "ole":
        raise InputError(path, "is a legacy Word (.doc) or other OLE file; save it as .docx or PDF")
    if kind == "rtf":
        raise InputError(path, "is an RTF file; save it as .docx, PDF or plain text")
    text = _decode(data, path)
    if re.match(r"\s*(?:<!DOCTYPE\s+html|<html[\s>])", text[:1024], re.I):
        raise InputError(path, "is an HTML page; save it as PDF or plain text")
    if _looks_like_xml(text):
        return Source(path, name, digest, "akn", laid=_read_xml(data, text, path))
    return Source(path, name, digest, sniff_text_format(text), text=text)


def sniff_bytes(data: bytes) -> str:
    """What the first bytes say a file is: ``pdf``, ``zip``, ``ole``, ``rtf`` or ``text``
    (text includes XML, told apart after decoding)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def _read_zip(data: bytes, path: str) -> Laid:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, f"is a damaged ZIP archive ({exc})") from None
    if "word/document.xml" not in names:
        what = ("an OpenDocument file" if "content.xml" in names
                else "an Excel workbook" if "xl/workbook.xml" in names
                else "a PowerPoint file" if "ppt/presentation.xml" in names
                else "a ZIP archive")
        raise InputError(path, f"is {what}, not a Word document (no word/document.xml inside)")
    from kg.readers.docx import read_docx_archive

    return read_docx_archive(archive, path)


def _looks_like_xml(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n")
    return head.startswith("<?xml") or bool(re.match(r"<[A-Za-z_][\w.:-]*[\s>/]", head)
                                            and re.search(r"</[\w.:-]+>\s*$", text[-4096:]))


def _read_xml(data: bytes, text: str, path: str) -> Laid:
    from kg.readers.akn import read_akn

    # lxml reads the encoding the XML declaration states; text decoded here is re-encoded
    # when the bytes were not UTF-8 (a UTF-16 file without a declaration, cp1252)
    raw = data if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else text.encode("utf-8")
    if raw is not data:
        raw = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", raw)
    return read_akn(raw, path)


def _decode(data: bytes, path: str) -> str:
    """The text of a file in UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one
    when every other byte is zero) or cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    sample = data[:4096]
    if b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        # UTF-16 without a BOM: Latin text has a zero in every other byte
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return _strict(data, "utf-16-le", path)
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return _strict(data, "utf-16-be", path)
        raise InputError(path, "is a binary file, not a text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(path, "is in an unknown encoding (not UTF-8, UTF-16 or cp1252)") from None
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 4096):
        raise InputError(path, "is a binary file, not a text")
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not valid {encoding.upper()} (byte {exc.start})") from None


def sniff_text_format(text: str) -> str:
    """The rendition of a decoded text: ``markdown``, ``word-text`` or ``pdf-text``."""
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
