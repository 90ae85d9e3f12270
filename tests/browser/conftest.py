"""Browser fixtures: headless Debian chromium through chromium-driver (no download at run
time), an embedding page on its own origin, and screenshots under build/screenshots."""
from __future__ import annotations

import http.server
import os
import pathlib
import threading
from typing import Any, Iterator

import pytest

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch a driver.

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"

# A merchant's page that embeds the payer's form and records the postMessages it receives.
EMBEDDING_PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Merchant checkout (test page)</title></head>
<body><h1>Merchant checkout</h1>
<iframe id="checkout" title="Payment form" style="width:100%;height:1400px;border:1px solid #ccc"></iframe>
<pre id="received"></pre>
<script>
window.received = [];
window.addEventListener("message", function (event) {
  window.received.push({origin: event.origin, data: event.data});
  document.getElementById("received").textContent = JSON.stringify(window.received);
});
document.getElementById("checkout").src = new URLSearchParams(location.search).get("src");
</script></body></html>"""


class _EmbeddingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(EMBEDDING_PAGE)))
        self.end_headers()
        self.wfile.write(EMBEDDING_PAGE)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def embedding_origin() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EmbeddingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def chrome() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("FWPAY_CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,1000", "--lang=en-US", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options,
                              service=Service(executable_path=os.environ.get("FWPAY_CHROMEDRIVER", "/usr/bin/chromedriver")))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def browser(chrome: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The shared browser, reset for each test: no cookies, desktop size."""
    chrome.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chrome.set_window_size(1280, 1000)
    yield chrome
    chrome.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture(scope="session")
def screenshots() -> pathlib.Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
