"""The HTML report in a real browser: headless Debian chromium driven by selenium + chromedriver.

Skips with a message where chromium, chromedriver or selenium are missing (plain ``pytest`` passes).
The report is built inside the test from a small run and loaded from ``file://`` with no network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover - selenium is a dev extra
    webdriver = None

pytestmark = [
    pytest.mark.skipif(webdriver is None, reason="selenium is not installed (pip install -e '.[dev]')"),
    pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                       reason="no headless browser: install Debian's chromium and chromium-driver "
                              "(apt-get install -y chromium chromium-driver) to run the browser tests"),
]

CLAIMS = ("cover.counting_function", "perceptron.norm_growth", "perceptron.cosine_bound",
          "perceptron.novikoff_mistake_bound")
REFUTED_VARIANT = "perceptron.norm_growth~003_62801081b7e370fe-24"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    command = [sys.executable, "-m", "theorems", "run", "--profile", "quick", "--jobs", "1", "--out", str(out)]
    for cid in CLAIMS:
        command += ["--claim", cid]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)  # exit 1: errata were found
    page = out / "index.html"
    assert page.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    return page


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _load(driver, report: Path, fragment: str = "", width: int = 1280) -> None:
    driver.set_window_size(width, 900)
    driver.get("about:blank")
    driver.get(report.as_uri() + fragment)


PAGES_BESIDE = ("documents/003.html", "topics/perceptron.html")


def _assert_in_view(driver, element_id: str) -> None:
    state = driver.execute_script("""
        const t = document.getElementById(arguments[0]);
        const r = t.getBoundingClientRect();
        const bar = document.querySelector('.filters');
        const barBottom = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
        return {top: r.top, height: innerHeight, barBottom: barBottom, visible: t.offsetParent !== null};
    """, element_id)
    assert state["visible"] and state["barBottom"] - 1 <= state["top"] < state["height"], state


def test_no_console_errors(browser, report):
    _load(browser, report)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_formulas_render_without_raw_latex(browser, report):
    _load(browser, report)
    texts = browser.execute_script(
        "document.querySelectorAll('details').forEach(d => d.open = true);"
        "return Array.from(document.querySelectorAll('math')).map(m => m.textContent);")
    assert texts, "no MathML in the report"
    raw = [t for t in texts if "\\" in t or "{" in t or "}" in t]
    assert not raw, raw[:5]


def test_errata_link_lands_on_its_variant(browser, report):
    _load(browser, report)
    link = browser.find_element(By.CSS_SELECTOR, f'table.errata a[href="#{REFUTED_VARIANT}"]')
    # a filter that hides the variant must be cleared by following the link
    Select(browser.find_element(By.ID, "f-verdict")).select_by_visible_text("proved")
    browser.execute_script("arguments[0].click()", link)
    state = browser.execute_script("""
        const t = document.getElementById(arguments[0]);
        const r = t.getBoundingClientRect();
        const bar = document.querySelector('.filters');
        const barBottom = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
        return {top: r.top, bottom: r.bottom, height: innerHeight, barBottom: barBottom,
                visible: t.offsetParent !== null, open: t.closest('details.claim').open, hash: location.hash};
    """, REFUTED_VARIANT)
    assert state["visible"] and state["open"], state
    assert state["top"] >= state["barBottom"] - 1 and state["top"] < state["height"], state
    assert state["hash"] == "#" + REFUTED_VARIANT


def test_filter_survives_reload_and_back(browser, report):
    _load(browser, report)
    Select(browser.find_element(By.ID, "f-verdict")).select_by_visible_text("refuted")
    assert "verdict=refuted" in browser.execute_script("return location.hash")
    browser.refresh()
    assert Select(browser.find_element(By.ID, "f-verdict")).first_selected_option.text == "refuted"
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.variant')).filter(v => v.offsetParent !== null || "
        "!v.classList.contains('hidden')).map(v => v.dataset.verdict)")
    assert shown and set(shown) == {"refuted"}, shown
    # a permalink and then Back restores the filter
    browser.execute_script("location.hash = arguments[0]", REFUTED_VARIANT)
    browser.back()
    assert Select(browser.find_element(By.ID, "f-verdict")).first_selected_option.text == "refuted"


@pytest.mark.parametrize("page", ["index.html", *PAGES_BESIDE])
def test_no_horizontal_scroll_on_a_phone(browser, report, page):
    _load(browser, report.parent / page, width=390)
    widths = browser.execute_script(
        "document.querySelectorAll('details').forEach(d => d.open = true);"
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.body.scrollWidth];")
    wide = browser.execute_script("""
        const w = document.documentElement.clientWidth;
        return Array.from(document.querySelectorAll('body *')).filter(e => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.right > w + 1 && !e.closest('.scroll, .m, pre, svg, math');
        }).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    """)
    assert not wide, wide
    assert widths[0] <= widths[1] + 1 and widths[2] <= widths[1] + 1, widths


@pytest.mark.parametrize("page", PAGES_BESIDE)
def test_pages_beside_the_index_render(browser, report, page):
    _load(browser, report.parent / page)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    texts = browser.execute_script("return Array.from(document.querySelectorAll('math')).map(m => m.textContent)")
    # a document prints sets ({±1}): a brace is not a sign of raw LaTeX there, a command or a braced index is
    assert texts and not [t for t in texts if "\\" in t or "_{" in t or "^{" in t]


def test_graph_node_opens_its_claim(browser, report):
    _load(browser, report)
    node = browser.find_element(By.CSS_SELECTOR, 'svg.claim-graph a.node[data-cid="perceptron.cosine_bound"]')
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))",
                           node)
    assert browser.execute_script("return location.hash") == "#perceptron.cosine_bound"
    assert browser.execute_script("return document.getElementById('perceptron.cosine_bound').open")
    _assert_in_view(browser, "perceptron.cosine_bound")


def test_search_finds_a_quote_and_lands_on_its_variant(browser, report):
    _load(browser, report)
    box = browser.find_element(By.ID, "search")
    box.send_keys("R\\sqrt{\\gamma}")
    # the search index is a file beside the page, loaded after it: its results may take a moment
    found = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'#search-results a[href="#{REFUTED_VARIANT}"]'))
    link = found[0]
    browser.execute_script("arguments[0].click()", link)
    _assert_in_view(browser, REFUTED_VARIANT)


def test_document_line_badge_and_errata_link(browser, report):
    _load(browser, report)
    href = browser.find_element(By.CSS_SELECTOR, 'table.errata a.to-line[href="documents/003.html#L24"]')
    browser.get(href.get_attribute("href"))
    _assert_in_view(browser, "L24")
    badge = browser.find_element(By.CSS_SELECTOR, f'#L24 a.badge[href$="#{REFUTED_VARIANT}"]')
    browser.get(badge.get_attribute("href"))
    _assert_in_view(browser, REFUTED_VARIANT)
