#!/usr/bin/env python3
"""Create ``.venv`` and install unkg with its test extras into it; do nothing if already done.

Used by the README's two quick-start commands, so that both work on a fresh machine with only
Python 3.11: ``python3 bootstrap.py && .venv/bin/kg build data --out build`` and
``python3 bootstrap.py && .venv/bin/python -m pytest``. Reinstalls when ``pyproject.toml``
changes (a stamp file keeps its hash).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".bootstrap-stamp"
PYTHON = VENV / "bin" / "python"


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - bootstrap runs under any python3
        print(f"unkg needs Python 3.11 or newer, not {sys.version.split()[0]}", file=sys.stderr)
        return 1
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return 0
    if not PYTHON.exists():
        print("bootstrap: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("bootstrap: installing unkg and its dependencies into .venv", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
