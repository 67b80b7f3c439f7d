"""The map in a real browser (Debian's Chromium through Playwright): close a centre, save, reload, find it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hubplan.data import Scenario, load_workspace
from hubplan.evaluate import evaluate
from tests.web.conftest import TOKEN

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.browser
def test_close_a_centre_save_reload_and_find_it(page: Page, server: str, workspace: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1300, "height": 850})
    page.goto(server)
    page.wait_for_selector("body[data-ready]")
    expect(page.locator('[data-metric="bases"]')).to_have_text("53")

    # Close Diss Children's Centre with the keyboard-accessible list.
    ready = page.get_attribute("body", "data-ready")
    page.locator('input[data-site="cc-diss"]').uncheck()
    expect(page.locator("body")).not_to_have_attribute(
        "data-ready", ready or ""
    )  # no eval: the CSP forbids it
    ws = load_workspace(workspace)
    bases = tuple(b for b in ws.scenario("baseline-53").bases if b != "cc-diss")
    expected = evaluate(ws, Scenario("x", "x", bases)).to_dict()["modes"]["bus"]
    expect(page.locator('[data-metric="bases"]')).to_have_text("52")
    within = f"{round(expected['within']['30']):,}"
    expect(page.locator('[data-metric="within"]')).to_contain_text(within)
    expect(page.locator('[data-metric="lose"]')).to_have_text(f"{round(expected['lose_access']['30']):,}")
    DOCS.mkdir(exist_ok=True)
    page.locator("#panel").evaluate("panel => panel.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS / "map.png"))

    expect(page.locator("#save-form")).to_be_hidden()  # the public sees no save controls
    page.fill("#token", "not-the-token")
    page.click("#signin")
    expect(page.locator("#signin-status")).to_have_text("That token is not accepted.")
    expect(page.locator("#save-form")).to_be_hidden()
    page.fill("#token", TOKEN)
    page.click("#signin")
    expect(page.locator("#save-form")).to_be_visible()
    page.fill("#save-name", "without-diss")
    page.click("#save")
    expect(page.locator("#save-status")).to_have_text("Saved as without-diss.")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    expect(page.locator("#compare option[value='without-diss']")).to_have_count(1)
    page.select_option("#compare", "without-diss")
    expect(page.locator("#compare-table")).to_contain_text("without-diss")

    assert not [e for e in errors if "Content Security Policy" in e], errors  # nothing the CSP blocks
    origin = server.rstrip("/")
    assert requests
    assert all(url.startswith(origin) for url in requests), [u for u in requests if not u.startswith(origin)]


@pytest.mark.browser
def test_phone_width_and_keyboard(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server)
    page.wait_for_selector("body[data-ready]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing runs off the side of a phone
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    for label in ("Find a place", "Travel by", "Compare with"):
        expect(page.get_by_label(label)).to_be_visible()


@pytest.mark.browser
def test_report_page_screenshot(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1100, "height": 1400})
    page.goto(f"{server}/api/report?scenarios=baseline-53,proposal-2018-7,adopted-2019-15&download=false")
    expect(page.locator("h1")).to_contain_text("what the options mean")
    page.screenshot(path=str(DOCS / "report.png"))
