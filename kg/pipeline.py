"""Run the text stages over many files: read -> layout -> structure -> citations -> mentions.

Each file is processed on its own; a file that fails is reported with its name and reason and
never stops the others (:class:`Failure`). Large folders are spread over worker processes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KgError
from kg.record import Record

#: files larger than this are refused (bytes); ``--max-size`` / UNKG_MAX_BYTES change it
DEFAULT_MAX_BYTES = int(os.environ.get("UNKG_MAX_BYTES", 20 * 1024 * 1024))


@dataclass
class Failure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    citations: bool = True
    mentions: bool = True


@dataclass
class Result:
    records: list[Record] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage, summed


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named on the command line, and every non-hidden file below named folders,
    in sorted order. A path that does not exist is reported by :func:`extract_many`."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                rel = sub.relative_to(p)
                if sub.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield sub
        else:
            yield p


def extract_text(text: str, name: str = "<text>", options: Options | None = None) -> Record:
    """The record of a document given as a string (any of the plain-text renditions)."""
    return extract_bytes(text.encode("utf-8"), name, options)


def extract_bytes(data: bytes, name: str, options: Options | None = None,
                  timings: dict[str, float] | None = None) -> Record:
    from kg import read

    options = options or Options()
    t = time.perf_counter()
    source = read.read_bytes(data, name, max_bytes=options.max_bytes)
    _tick(timings, "read", t)
    return _from_source(source, options, timings)


def extract_file(path: str | os.PathLike, options: Options | None = None,
                 timings: dict[str, float] | None = None) -> Record:
    """The record of one file; raises :class:`InputError` naming the file on bad input."""
    from kg import read

    options = options or Options()
    t = time.perf_counter()
    source = read.read_file(path, max_bytes=options.max_bytes)
    _tick(timings, "read", t)
    return _from_source(source, options, timings)


def _from_source(source, options: Options, timings: dict[str, float] | None) -> Record:
    from kg import layout, structure

    t = time.perf_counter()
    laid = layout.lay_out(source)
    t = _tick(timings, "layout", t)
    record = structure.build_record(laid, source)
    t = _tick(timings, "structure", t)
    if options.citations:
        from kg import citations

        record.citations = citations.find_citations(record)
        t = _tick(timings, "citations", t)
    if options.mentions:
        from kg import entities

        record.mentions = entities.find_mentions(record)
        t = _tick(timings, "mentions", t)
    return record


def _tick(timings: dict[str, float] | None, stage: str, since: float) -> float:
    now = time.perf_counter()
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + now - since
    return now


def _work(path: str, options: Options) -> tuple[str, Record | None, str | None, dict[str, float]]:
    timings: dict[str, float] = {}
    try:
        return path, extract_file(path, options, timings), None, timings
    except KgError as exc:
        return path, None, getattr(exc, "reason", str(exc)), timings
    except RecursionError:
        return path, None, "too deeply nested to read", timings
    except MemoryError:
        return path, None, "too large to process in memory", timings
    except Exception as exc:  # noqa: BLE001 - one bad file must never lose the others
        return path, None, f"internal error while reading ({type(exc).__name__}: {exc})", timings


def extract_many(paths: Iterable[str | os.PathLike], options: Options | None = None, *,
                 jobs: int = 1, progress: bool | None = None,
                 on_failure: Callable[[Failure], None] | None = None) -> Result:
    """Records of every file under ``paths``; failures are collected, never raised.

    ``jobs`` > 1 spreads files over worker processes (worth it from a few hundred files);
    ``progress`` shows a progress bar on stderr (default: when stderr is a terminal and
    there are more than 20 files)."""
    options = options or Options()
    result = Result()
    files: list[str] = []
    for raw in paths:
        if not Path(raw).exists():
            failure = Failure(str(raw), "no such file or folder")
            result.failures.append(failure)
            if on_failure:
                on_failure(failure)
    files = [str(p) for p in iter_input_files(p for p in paths if Path(p).exists())]
    if progress is None:
        progress = sys.stderr.isatty() and len(files) > 20
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="doc", file=sys.stderr, desc="extract")

    def collect(item):
        path, record, reason, timings = item
        for stage, seconds in timings.items():
            result.seconds[stage] = result.seconds.get(stage, 0.0) + seconds
        if record is not None:
            result.records.append(record)
        else:
            failure = Failure(path, reason or "unknown error")
            result.failures.append(failure)
            if on_failure:
                on_failure(failure)
        if bar:
            bar.update(1)

    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for item in pool.map(_work, files, [options] * len(files), chunksize=8):
                collect(item)
    else:
        for f in files:
            collect(_work(f, options))
    if bar:
        bar.close()
    return result


def extract(*paths: str | os.PathLike, options: Options | None = None, jobs: int = 1,
            strict: bool = True) -> list[Record]:
    """Records of the files and folders given. With ``strict`` (the default) a file that
    cannot be read raises :class:`InputError` after all others were tried; otherwise
    failures are skipped (and written to stderr)."""
    result = extract_many(paths, options, jobs=jobs, progress=False)
    if result.failures:
        if strict:
            first = result.failures[0]
            more = len(result.failures) - 1
            raise InputError(first.path, first.reason + (f" (and {more} more files failed)" if more else ""))
        for failure in result.failures:
            print(f"unkg: {failure}", file=sys.stderr)
    return result.records
