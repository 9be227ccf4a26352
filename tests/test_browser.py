"""The page in a real browser: Debian's chromium driven by Playwright, against `streamlit run app.py`.

Checks what only a browser shows: the map draws country shapes offline, the trend chart has data,
no request leaves localhost, no error is on the page, a download gives the CSV of the filtered
view, and a click on a country filters the page. Saves docs/screenshot.png for the README.
"""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from synthetic import read_events, reference_events, write_dataset
from tracker.query import Filters

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--use-gl=swiftshader",
                 "--enable-unsafe-swiftshader", "--disable-dev-shm-usage"]
VIEW = {"years": "2016-2024", "bloc": "russia,west"}
VIEW_FILTERS = Filters(years=(2016, 2024), blocs=("russia", "west"))

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                              "(.ci/run installs it with apt-get)")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def free_port() -> int:
    """Return a TCP port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the Streamlit server answers its health check (fail if it exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stdout.read() if process.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("synthetic_demo"), n_events=3000, seed=5)


@pytest.fixture(scope="module")
def server(folder):
    """Yield the URL of `streamlit run app.py` on a free localhost port, serving the synthetic folder."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "TRACKER_DATA": str(folder)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser_page(server):
    """Yield (page, requests seen) for the filtered view, once the map and the charts are drawn."""
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 2150}, accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + "/?" + "&".join(f"{k}={v}" for k, v in VIEW.items()))
        page.wait_for_function(js(MAP_FEATURES_JS, "mapFeatures() > 10"), timeout=90_000)
        page.wait_for_function(js(TREND_POINTS_JS, "trendPoints() > 0"), timeout=30_000)
        yield page, requests
        browser.close()


# Plotly keeps the figure on its div; the map subplot holds the MapLibre map it drew into.
MAP_FEATURES_JS = """() => { function mapFeatures() {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (sub && sub.map && sub.map.loaded()) {
      return sub.map.queryRenderedFeatures().filter(f => f.geometry.type.endsWith('Polygon')).length;
    }
  }
  return 0; }"""
TREND_POINTS_JS = """() => { function trendPoints() {
  let n = 0;
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (const t of (gd.data || [])) if (t.type === 'bar') n += (t.y || []).length;
  }
  return n; }"""


def js(body: str, call: str) -> str:
    """Return a JS arrow function: `body` (an unclosed '() => { ...' block) then `return call`."""
    return f"{body}; return {call}; }}"


def run_js(page, body: str, call: str):
    """Return the value of `call` evaluated in the page after `body`."""
    return page.evaluate(js(body, call))


def scroll_to_top(page) -> None:
    """Scroll the page back to its top (Streamlit scrolls an inner container, not the window)."""
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.wait_for_timeout(300)


def test_save_the_readme_screenshot(browser_page, tmp_path):
    """Write docs/screenshot.png when it is missing or UPDATE_SCREENSHOT=1 (else a scratch copy, so a
    test run does not leave a changed image in the working tree)."""
    page, _ = browser_page
    scroll_to_top(page)
    page.wait_for_timeout(1500)
    update = os.environ.get("UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists()
    target = SCREENSHOT if update else tmp_path / "screenshot.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 50_000


def test_the_map_draws_country_shapes(browser_page):
    page, _ = browser_page
    page.wait_for_function(js(MAP_FEATURES_JS, "mapFeatures() > 10"), timeout=30_000)
    assert "Mali" in hover_country(page, 9.0, 17.0) or "Niger" in hover_country(page, 9.0, 17.0)


def test_the_trend_chart_has_data(browser_page):
    page, _ = browser_page
    page.wait_for_function(js(TREND_POINTS_JS, "trendPoints() > 0"), timeout=30_000)


def test_no_error_is_on_the_page(browser_page):
    page, _ = browser_page
    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text and "Something went wrong" not in text
    assert page.locator('[data-testid="stException"]').count() == 0


def test_no_request_left_localhost(browser_page):
    page, requests = browser_page
    page.wait_for_timeout(1000)
    remote = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
              and urlparse(u).hostname not in ("localhost", "127.0.0.1")]
    assert requests and remote == []


def test_a_download_gives_the_csv_of_the_filtered_view(browser_page, folder):
    page, _ = browser_page
    button = page.get_by_role("button", name="Events in view")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as caught:
        button.click()
    data = Path(caught.value.path()).read_bytes()
    got = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    expected = reference_events(read_events(folder), VIEW_FILTERS)
    assert data.startswith(b"\xef\xbb\xbf") and sorted(got["event_id"]) == sorted(expected["event_id"])


def hover_country(page, lon: float, lat: float) -> str:
    """Move the pointer over a point of the map and return the hover label plotly shows."""
    scroll_to_top(page)
    box = page.locator(".js-plotly-plot").first.bounding_box()
    x, y = run_js(page, f"""() => {{
      const gd = document.querySelectorAll('.js-plotly-plot')[0];
      const p = gd._fullLayout.map._subplot.map.project([{lon}, {lat}])""", "[p.x, p.y]")
    page.mouse.move(box["x"] + x - 5, box["y"] + y - 5)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=3)
    page.wait_for_timeout(500)
    return page.evaluate("() => [...document.querySelectorAll('.hoverlayer')].map(e => e.textContent).join(' ')")


def test_clicking_a_country_filters_the_page_to_it(browser_page):
    page, _ = browser_page
    page.wait_for_function(js(MAP_FEATURES_JS, "mapFeatures() > 10"), timeout=30_000)
    for _ in range(5):  # plotly selects what the pointer hovers; the map may still be settling
        if "Mali" in hover_country(page, -4.5, 22.5):  # northern Mali, away from the event lines
            break
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('host=MLI')", timeout=30_000)
    sync_api.expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Mali", timeout=30_000)
