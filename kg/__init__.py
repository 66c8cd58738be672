"""unkg: knowledge graphs of United Nations resolutions on crime prevention and criminal justice.

Python API::

    import kg
    records = kg.extract("data/")          # list[kg.Record], one per document
    record = kg.extract_file("data/A_RES_68_193.txt")
"""

from __future__ import annotations

from kg.record import SCHEMA_VERSION, Record

__version__ = "0.1.0"

__all__ = ["SCHEMA_VERSION", "Record", "__version__", "extract", "extract_file", "extract_text"]


def extract(*paths, **options):
    """Extract records from files and folders; see :func:`kg.pipeline.extract`."""
    from kg.pipeline import extract as _extract

    return _extract(*paths, **options)


def extract_file(path, **options):
    """Extract the record of one file; raises :class:`kg.errors.InputError` on bad input."""
    from kg.pipeline import extract_file as _extract_file

    return _extract_file(path, **options)


def extract_text(text: str, name: str = "<text>", **options):
    """Extract the record of a text given as a string."""
    from kg.pipeline import extract_text as _extract_text

    return _extract_text(text, name, **options)
