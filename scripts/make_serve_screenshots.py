#!/usr/bin/env python3
"""Write docs/images/serve-grid.png and serve-slide.png: `deckgen serve` showing the sample course, in
Debian's headless chromium (driven by Selenium, as tests/test_serve.py does).

    python scripts/make_serve_screenshots.py

Needs chromium and chromium-driver (apt-get install chromium chromium-driver).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1400,900", "--hide-scrollbars")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from deckgen.commands.serve import serve
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        server = serve(ROOT / "decks" / "b2b-sales-management", Path(tmp), port=0, write=False).start()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={Path(tmp) / 'profile'}")
        driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
        try:
            for name, page in (("serve-grid.png", "deck/day-1#grid"), ("serve-slide.png", "deck/day-1#slide-8")):
                driver.get(server.url + page)
                deadline = time.monotonic() + 20
                while not driver.execute_script("return document.querySelectorAll('#grid .card svg').length > 0"):
                    if time.monotonic() > deadline:
                        raise SystemExit("the page did not draw its slides")
                    time.sleep(0.05)
                driver.save_screenshot(str(OUT / name))
                print(f"wrote {OUT / name}")
        finally:
            driver.quit()
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
