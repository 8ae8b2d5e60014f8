"""The workspace in a real browser: Debian's Chromium, headless, driven by Playwright, against
``dateline serve`` on loopback (the Makefile installs Chromium when it is missing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from web_fixtures import TOKEN, LiveServer, build_store, dateline

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("browser"))
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make test` (it installs Debian's chromium) or apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def open_seed(page, server) -> None:
    page.goto(server.url + "/search")
    page.fill("input[name=q]", "Khamenei Palestinian")
    page.click("form.filters button")
    page.click("#results a.title")
    expect(page.locator("h1")).to_have_text("Liberation of Palestinian Territories a Muslim Duty")


def test_seed_quote_highlighted_with_its_speaker_and_on_his_timeline(page, server):
    open_seed(page, server)
    quote = page.locator('#text span.statement.direct[data-speaker="Ali Khamenei"]').first
    expect(quote).to_be_visible()
    quote.click()
    panel = page.locator("#record-panel")
    expect(panel).to_contain_text("Ali Khamenei")
    expect(panel).to_contain_text("direct")
    expect(panel).to_contain_text("Islamic teachings")
    page.locator(".records .who a", has_text="Ali Khamenei").first.click()
    expect(page.locator("h1")).to_have_text("Ali Khamenei")
    expect(page.locator("#timeline rect.bar.statements").first).to_be_attached()
    expect(page.locator("#timeline rect.bar.statements title").first).to_contain_text("week of 2023-06-19")
    expect(page.locator("#statements")).to_contain_text("is based on Islamic teachings")


def test_search_and_a_facet(page, server):
    page.goto(server.url + "/search")
    expect(page.locator("#results li")).to_have_count(3)
    outlet = page.locator('a[data-facet="outlet"]').first
    name = outlet.inner_text()
    outlet.click()
    expect(page).to_have_url(re.compile(r"outlet="))
    expect(page.locator('li.on a[data-facet="outlet"]')).to_have_text(name)
    assert page.locator("#results li").count() < 3
    page.click("nav.tabs a:has-text('Statements')")
    expect(page.locator("#results li").first).to_be_visible()


def test_mark_a_statement_wrong_and_see_it_after_reanalyze(browser, server, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/login")
    page.fill("input[name=token]", TOKEN)
    page.click("form button")
    expect(page.locator(".badge.ok")).to_have_text("reviewing")
    open_seed(page, server)
    item = page.locator(".records li[data-record]").filter(has_text="Gaza is the center of resistance").first
    record_id = item.get_attribute("id")
    item.locator("summary").click()
    item.locator("button[data-action=wrong]").click()
    marked = page.locator(f'.records li[id="{record_id}"]')
    expect(marked).to_have_class(re.compile("reviewed-wrong"))
    expect(marked).to_contain_text("verdict=wrong")
    proc = dateline("reanalyze", "--all", "--db", str(server.db))
    assert proc.returncode == 0, proc.stderr
    page.reload()
    expect(page.locator(".records li.reviewed-wrong")).to_contain_text("Gaza is the center of resistance")
    page.goto(server.url + "/reviews")
    expect(page.locator("#reviews")).to_contain_text("wrong")
    context.close()


def test_script_payloads_stay_inert_in_the_browser(page, server):
    for path in ["/article/hostile-1", "/search?q=budget", "/search", "/search?show=statements", "/actors",
                 "/network", "/reviews"]:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        for span in page.locator("#text [data-r]").all()[:10]:
            span.click()
        assert page.evaluate("() => window.__xss === undefined"), path
    assert page.dialogs == []
    page.goto(server.url + "/article/hostile-1")
    expect(page.locator("h1")).to_contain_text("<script>window.__xss=1</script>")
    assert page.locator("a[href^='javascript:']").count() == 0
