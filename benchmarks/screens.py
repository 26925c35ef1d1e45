"""Screenshots of the explorer on the bundled dataset: a desk and a phone, English and Korean.

Starts ``streamlit run streamlit_app.py`` of this checkout on a free loopback
port, opens it in Debian's headless Chromium at each size and language, waits
until the graph is drawn, and writes one PNG per pair into the folder given
(created if needed; never the working directory by default):

    python benchmarks/screens.py OUT_DIR          # OUT_DIR/desk-en.png, phone-ko.png, ...
    python benchmarks/screens.py OUT_DIR --full   # the whole page, not only the first screen

``make screens OUT=DIR`` runs it. The README's pictures are ``docs/screenshot*.png``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

from meetgraph.chromium import launch_options
from meetgraph.serving import free_port, serving, streamlit_command

ROOT = Path(__file__).resolve().parents[1]
#: Name, CSS viewport and device scale: a 1440x900 desk, and a 390x844 phone (an iPhone 12-15).
SIZES: dict[str, tuple[ViewportSize, int]] = {
    "desk": ({"width": 1440, "height": 900}, 1),
    "phone": ({"width": 390, "height": 844}, 2),
}
LANGUAGES = ("en", "ko")
# True once the graph has drawn: the component's root in the page (data-drawn counts the
# drawings), or the graph's frame of the iframe the app used before.
_DRAWN = """() => {
  const root = document.querySelector("[data-meetgraph-graph]");
  if (root && Number(root.dataset.drawn) >= 1) return true;
  for (const frame of document.querySelectorAll("iframe")) {
    try {
      if (frame.contentDocument.body.dataset.drawn === "true") return true;
    } catch (error) { /* a frame of another origin */ }
  }
  return false;
}"""
_MAIN_HEIGHT = """() => Math.max(
  document.querySelector("[data-testid=stMain]")?.scrollHeight ?? 0, window.innerHeight)"""


@contextmanager
def app_server(log: Path) -> Iterator[str]:
    """The explorer of this checkout on a free loopback port; its address."""
    port = free_port()
    command = streamlit_command(ROOT / "streamlit_app.py", port)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with serving(command, port, cwd=ROOT, log=log, env=env, timeout=120) as url:
        yield url


def wait_drawn(page: Page) -> None:
    """Until the graph is drawn and the page has settled (fonts loaded, reruns done)."""
    page.wait_for_function(_DRAWN, timeout=120_000, polling=200)
    # The first run ends with the graph; the rerun it asks for brings the sidebar's widgets.
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stRadio"]', state="attached")
    page.wait_for_selector("[data-test-script-state=notRunning]", state="attached")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_timeout(1500)


def take(url: str, folder: Path, *, full_page: bool) -> list[Path]:
    """Every size in every language, as ``folder/SIZE-LANG.png``."""
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        try:
            for name, (viewport, scale) in SIZES.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=scale)
                for language in LANGUAGES:
                    page = context.new_page()
                    page.goto(f"{url}/?lang={language}")
                    wait_drawn(page)
                    if full_page:
                        # Streamlit scrolls its main element, not the document: a viewport
                        # as tall as that element's content shows all of it.
                        height = page.evaluate(_MAIN_HEIGHT)
                        page.set_viewport_size({"width": viewport["width"], "height": height})
                        page.wait_for_timeout(1500)
                    path = folder / f"{name}-{language}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    page.close()
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the PNG files go")
    parser.add_argument("--full", action="store_true", help="the whole page, not one screen")
    args = parser.parse_args()
    folder: Path = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with app_server(folder / "server.log") as url:
        for path in take(url, folder, full_page=args.full):
            print(path)


if __name__ == "__main__":
    main()
