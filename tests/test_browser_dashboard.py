"""The dashboard in a real browser: Debian's Chromium driven by Playwright over loopback.

The app runs in Uvicorn on a free port of 127.0.0.1 (a thread of the test
process, reading the session store).  Screenshots are written to
``out/screenshots/`` (kept by the run, to be looked at).
"""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debtcycle.outputs.report.render import CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                reason=f"needs Chromium at {CHROMIUM} (make test installs it)")

SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
ALL_DRAWN = ("[...document.querySelectorAll('.chart')].every(e => e.closest('[hidden]') || "
             "(e.dataset.state && e.dataset.state !== 'loading'))")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from debtcycle.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(server: str, browser: object) -> Iterator[tuple[object, list[str]]]:
    context = browser.new_context(viewport={"width": 1300, "height": 900},  # type: ignore[attr-defined]
                                  accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(server + "/")
    tab.wait_for_selector("body[data-ready='1']", timeout=180_000)
    tab.wait_for_function(ALL_DRAWN, timeout=180_000)
    yield tab, errors
    context.close()


def _svg_text(tab: object, selector: str) -> str:
    return str(tab.inner_text(selector))  # type: ignore[attr-defined]


def test_page_loads_with_no_console_error(page: tuple[object, list[str]]) -> None:
    tab, errors = page
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / "dashboard_cn.png"), full_page=True)  # type: ignore[attr-defined]
    assert errors == []
    shown = "els => els.filter(e => !e.closest('[hidden]')).map(e => [e.id, e.dataset.state])"
    states = tab.eval_on_selector_all(".chart", shown)  # type: ignore[attr-defined]
    assert states and all(state == "ok" for _, state in states), states
    assert tab.query_selector("#chart-leverage svg") is not None  # type: ignore[attr-defined]
    assert "China" in _svg_text(tab, "#chart-leverage")


def test_picker_changes_the_chart(page: tuple[object, list[str]]) -> None:
    tab, errors = page
    before = tab.inner_html("#chart-leverage")  # type: ignore[attr-defined]
    tab.select_option("#country", "US")  # type: ignore[attr-defined]
    tab.wait_for_function("document.querySelector('#chart-leverage').dataset.url"  # type: ignore[attr-defined]
                          ".includes('country=US')", timeout=120_000)
    tab.wait_for_function(ALL_DRAWN, timeout=180_000)  # type: ignore[attr-defined]
    assert tab.inner_html("#chart-leverage") != before  # type: ignore[attr-defined]
    assert "United States" in _svg_text(tab, "#chart-leverage")
    tab.screenshot(path=str(SHOTS / "dashboard_us.png"), full_page=True)  # type: ignore[attr-defined]
    assert errors == []


def test_lever_change_reruns_the_scenario(page: tuple[object, list[str]]) -> None:
    tab, errors = page
    tab.select_option("#scenario-name", "cn-fiscal-absorption")  # type: ignore[attr-defined]
    tab.wait_for_function("document.querySelector('#scenario-status').textContent"  # type: ignore[attr-defined]
                          ".startsWith('done')", timeout=180_000)
    before = tab.inner_html("#chart-scenario")  # type: ignore[attr-defined]
    lever = tab.query_selector("#levers input[name='spending_increase.amount']")  # type: ignore[attr-defined]
    assert lever is not None
    tab.evaluate("document.querySelector('#scenario-status').textContent = ''")  # type: ignore[attr-defined]
    lever.fill("6")
    lever.dispatch_event("change")
    tab.wait_for_function("document.querySelector('#scenario-status').textContent"  # type: ignore[attr-defined]
                          ".startsWith('done')", timeout=180_000)
    after = tab.inner_html("#chart-scenario")  # type: ignore[attr-defined]
    assert after != before  # a larger spending increase moves the fan
    tab.screenshot(path=str(SHOTS / "dashboard_scenario.png"), full_page=True)  # type: ignore[attr-defined]
    assert errors == []


@pytest.mark.parametrize(("link", "check"), [
    ("#dl-csv", lambda b: b.startswith(b",") or b.startswith(b"sector")),
    ("#dl-xlsx", lambda b: b[:2] == b"PK"),
    ("#dl-png", lambda b: b[:8] == b"\x89PNG\r\n\x1a\n"),
    ("#dl-note", lambda b: b"Appendix: files this note was built from" in b),
])
def test_downloads_work(page: tuple[object, list[str]], link: str, check: object,
                        tmp_path: Path) -> None:
    tab, errors = page
    with tab.expect_download(timeout=180_000) as info:  # type: ignore[attr-defined]
        tab.click(link)  # type: ignore[attr-defined]
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(str(target))
    body = target.read_bytes()
    assert body and check(body), body[:200]  # type: ignore[operator]
    if link == "#dl-xlsx":
        import pandas as pd

        sheets = pd.read_excel(io.BytesIO(body), sheet_name=None)
        assert set(sheets) == {"data", "metadata"}
    assert errors == []
