#!/usr/bin/env python3
"""Take a screenshot of a network page (``kg network`` / ``kg build``) in headless Chromium.

    scripts/screenshot_network.py HTML PNG [--width 1400 --height 860] [--select SYMBOL]

Uses the Debian ``chromium`` at /usr/bin/chromium (or ``$CHROMIUM``) through playwright; the page
is opened from ``file://`` with every other request refused, and the picture is taken once the
network has drawn (``window.unkgReady``). ``--select`` clicks a node first (found by the page's
search), so that the side panel shows in the picture.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("html", type=Path)
    p.add_argument("png", type=Path)
    p.add_argument("--width", type=int, default=1400)
    p.add_argument("--height", type=int, default=860)
    p.add_argument("--select", metavar="TEXT", help="search TEXT and open the first node found")
    p.add_argument("--view", choices=["citations", "entities", "all"], help="switch to this view first")
    args = p.parse_args(argv)
    if not args.html.is_file():
        print(f"screenshot: {args.html}: no such page", file=sys.stderr)
        return 1
    chromium = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                              else shutil.which("chromium") or "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("screenshot: playwright is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 1
    if not Path(chromium).exists():
        print(f"screenshot: no Chromium at {chromium} (apt-get install chromium, or set CHROMIUM)", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(args.html.resolve().as_uri())
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
            if args.view:
                page.select_option("#view", args.view)
            if args.select:
                page.fill("#search", args.select)
                page.press("#search", "Enter")
                page.evaluate("window.unkg.network.fit({animation: false})")
            page.wait_for_timeout(300)
            args.png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.png))
        finally:
            browser.close()
    print(f"screenshot: {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
