"""The copy-desk page in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven by selenium; no browser download) against ``mtcheck serve``'s app on
loopback. Paste or upload the seed article, see the Blinken finding highlighted, filter by
severity, copy a suggestion; an article with ``<script>`` and ``<img onerror>`` shows them as text
and runs nothing.

Skipped only when the browser or its driver is missing (CI installs both with apt). Set
MTCHECK_UPDATE_SCREENSHOT=1 to refresh docs/screenshots/copy-desk-seed.png.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
_MISSING = [
    f"{what} ({path})" for what, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not os.access(path, os.X_OK)
]
pytestmark = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); missing: {', '.join(_MISSING)}",
)

from selenium import webdriver  # noqa: E402  (the test extra)
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_web_api import SEED, running_server  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO / "docs" / "screenshots" / "copy-desk-seed.png"
HOSTILE = (
    "Officials said on Monday <script>window.__pwned = 1; alert(1)</script> that the talks in Baku "
    'would go on. <img src=x onerror="window.__pwned = 2; alert(2)"> The ministry gave no details.\n'
)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                     "--no-first-run", "--disable-extensions", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(120)
    try:
        yield browser
    finally:
        browser.quit()


def _wait(driver: webdriver.Chrome, seconds: float = 60) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def _paste_and_submit(driver: webdriver.Chrome, base: str, text: str) -> None:
    driver.get(base + "/")
    box = driver.find_element(By.ID, "text")
    if len(text) > 400:  # typing 3 KB key by key is slow; the value is what a paste sets
        driver.execute_script("arguments[0].value = arguments[1];", box, text)
    else:
        box.send_keys(text)
    driver.find_element(By.ID, "submit").click()
    _wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.report")))


def _no_alert(driver: webdriver.Chrome) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - raises when no alert is open


def _blinken(driver: webdriver.Chrome) -> WebElement:
    marks = [m for m in driver.find_elements(By.CSS_SELECTOR, "mark[data-f]") if "NAM001" in (m.get_attribute("title") or "")]
    assert len(marks) == 1
    return marks[0]


def _csp_violations(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def test_the_desk_page_loads_its_script_and_style_under_its_csp(driver: webdriver.Chrome, base: str) -> None:
    driver.get(base + "/")
    assert driver.title == "mtcheck copy desk"
    # The stylesheet applied (same-origin, allowed by 'self') ...
    assert driver.find_element(By.ID, "submit").value_of_css_property("background-color") == "rgba(26, 79, 163, 1)"
    # ... and the script runs: an empty submit is stopped with a message, nothing is posted.
    driver.find_element(By.ID, "submit").click()
    assert "Paste an article" in driver.find_element(By.ID, "status").text
    assert driver.current_url.rstrip("/") == base
    assert _csp_violations(driver) == []


def test_seed_article_report_highlights_blinken_filters_and_copies(driver: webdriver.Chrome, base: str, tmp_path: Path) -> None:
    _paste_and_submit(driver, base, SEED.read_text(encoding="utf-8"))
    assert driver.current_url == base + "/report"
    assert "REVIEW" in driver.find_element(By.CSS_SELECTOR, ".summary").text

    blinken = _blinken(driver)
    assert blinken.text == "Anthony Blinken" and blinken.is_displayed()
    assert "sev-major" in blinken.get_attribute("class")
    assert blinken.value_of_css_property("border-bottom-color") != "rgba(0, 0, 0, 0)"  # underlined

    # Click it: the details panel shows the message and the suggestion.
    blinken.click()
    panel = driver.find_element(By.ID, "panel")
    _wait(driver, 10).until(lambda d: panel.is_displayed())
    assert "Antony Blinken" in panel.text and "NAM001" in panel.text

    # The screenshot: summary, the article down to the Blinken highlight, its details panel.
    screenshot = tmp_path / "copy-desk-seed.png"
    size = driver.get_window_size()
    driver.set_window_size(1280, 1500)
    driver.execute_script("window.scrollTo(0, 0);")
    assert driver.save_screenshot(str(screenshot))
    driver.set_window_size(size["width"], size["height"])
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("MTCHECK_UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, SCREENSHOT)
    driver.find_element(By.ID, "panel-close").click()

    # Severity filter: unticking "minor" hides the minor rows and un-highlights minor spans;
    # the major Blinken finding stays.
    minor_rows = driver.find_elements(By.CSS_SELECTOR, "tr.sev-minor")
    minor_marks = driver.find_elements(By.CSS_SELECTOR, "mark.sev-minor")
    assert minor_rows and minor_marks and all(row.is_displayed() for row in minor_rows)
    driver.find_element(By.ID, "show-minor").click()
    assert not any(row.is_displayed() for row in minor_rows)
    assert {m.value_of_css_property("border-bottom-color") for m in minor_marks} == {"rgba(0, 0, 0, 0)"}
    assert blinken.value_of_css_property("border-bottom-color") != "rgba(0, 0, 0, 0)"
    assert driver.find_element(By.CSS_SELECTOR, "tr.sev-major").is_displayed()
    driver.find_element(By.ID, "show-minor").click()
    assert all(row.is_displayed() for row in minor_rows)

    # Copy the suggestion of the Blinken finding; the clipboard then holds it.
    driver.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    )
    row = driver.find_element(By.ID, blinken.get_attribute("data-f"))
    button = row.find_element(By.CSS_SELECTOR, "button.copy")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    _wait(driver, 10).until(lambda d: button.get_attribute("data-copied"))
    assert button.get_attribute("data-copied") == "yes" and button.text == "Copied"
    clipboard = driver.execute_async_script("navigator.clipboard.readText().then(arguments[0], function(e){arguments[0]('ERR '+e);});")
    assert clipboard == "Antony Blinken"
    # Every suggestion that replaces text has its button; a deletion has none.
    assert len(driver.find_elements(By.CSS_SELECTOR, "td button.copy")) == sum(
        1 for s in driver.find_elements(By.CSS_SELECTOR, "td .suggestion") if s.text != "(delete)"
    )
    _no_alert(driver)
    assert _csp_violations(driver) == []


def test_upload_through_the_file_input(driver: webdriver.Chrome, base: str) -> None:
    driver.get(base + "/")
    driver.find_element(By.ID, "file").send_keys(str(SEED))
    assert "putin-yerevan-baku.txt will be checked" in driver.find_element(By.ID, "status").text
    driver.find_element(By.ID, "submit").click()
    _wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.report")))
    assert driver.find_element(By.CSS_SELECTOR, "h2").text == "putin-yerevan-baku.txt"
    assert _blinken(driver).text == "Anthony Blinken"


def test_markup_in_an_article_is_shown_as_text_and_never_runs(driver: webdriver.Chrome, base: str) -> None:
    _paste_and_submit(driver, base, HOSTILE)
    _no_alert(driver)
    assert driver.execute_script("return typeof window.__pwned;") == "undefined"
    article = driver.find_element(By.CSS_SELECTOR, ".article").text
    assert "<script>window.__pwned = 1; alert(1)</script>" in article
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in article
    assert driver.find_elements(By.TAG_NAME, "img") == []
    assert len(driver.find_elements(By.TAG_NAME, "script")) == 1  # the renderer's own, allowed by hash
    _no_alert(driver)
