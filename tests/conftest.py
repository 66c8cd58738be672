"""Shared fixtures: the sample corpus and, where present, ``../shared`` (gold, corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = Path(os.environ.get("UNKG_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def need(path: Path) -> Path:
    """Skip the test cleanly where ``../shared`` (or a part of it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return need(GOLD)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return need(CORPUS)
