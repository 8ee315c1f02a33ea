"""The report in a real browser: Debian's headless chromium, driven by selenium, with
the network blocked. No console error, no request beyond the file itself, charts that
have drawn something, and a documents table that sorts when a column's name is clicked.

Skipped (saying why) only when chromium or its driver is not installed; `.ci/run`
installs both with apt-get when they are missing.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from tests.conftest import CORPUS, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Debian's chromium and chromium-driver are not installed "
    "(apt-get install chromium chromium-driver)",
)
CHARTS = ("chart-rules", "chart-templates", "chart-years", "chart-template-years", "chart-map")


def documents(folder: Path) -> Path:
    """A small fixed set of real documents: the seeds, valid and broken, and when the
    corpus is there the first ten of each of its kinds."""
    shutil.copytree(SEEDS, folder)
    for kind in ("learningplan", "experiment", "solution"):
        for path in sorted((CORPUS / kind).glob("*.md"))[:10] if CORPUS.is_dir() else []:
            shutil.copyfile(path, folder / f"{kind}-{path.name}")
    return folder


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    archive = documents(root / "archive")
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["report", "--no-cache", str(archive), "-o", "r.html"])
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    return root / "r.html"


@pytest.fixture(scope="module")
def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,2000",
        # The network is blocked: no name resolves and every connection goes nowhere.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def loaded(browser: Any, page: Path) -> Any:
    browser.get(page.as_uri())
    browser.execute_script("return document.readyState")
    return browser


def test_no_console_error_and_no_request_beyond_the_file(loaded: Any, page: Path) -> None:
    errors = [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    events = [json.loads(e["message"])["message"] for e in loaded.get_log("performance")]
    requested = [
        e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
    ]
    failed = [e["params"] for e in events if e["method"] == "Network.loadingFailed"]
    assert page.as_uri() in requested  # the log does see requests
    assert [u for u in requested if u != page.as_uri() and not u.startswith("data:")] == []
    assert failed == []


def _drawn(png: bytes) -> int:
    """How many distinct colours a screenshot has: 1 for a blank one."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or [])


@pytest.mark.parametrize("chart", CHARTS)
def test_charts_are_there_and_not_blank(loaded: Any, chart: str) -> None:
    from selenium.webdriver.common.by import By

    figure = loaded.find_element(By.ID, chart)
    loaded.execute_script("arguments[0].scrollIntoView()", figure)
    svg = figure.find_element(By.TAG_NAME, "svg")
    assert svg.size["width"] > 200 and svg.size["height"] > 100
    assert _drawn(figure.screenshot_as_png) > 10


def test_the_documents_table_sorts(loaded: Any) -> None:
    from selenium.webdriver.common.by import By

    def column(index: int) -> list[str]:
        script = (
            "return Array.from(document.querySelectorAll('#documents-table tbody tr'))"
            f".map(r => (r.cells[{index}].querySelector('summary') || r.cells[{index}])"
            ".textContent.trim())"
        )
        return list(loaded.execute_script(script))

    before = column(0)
    errors = [int(n) for n in column(4)]
    assert errors == sorted(errors, reverse=True)  # the documents to look at first
    header = loaded.find_element(By.CSS_SELECTOR, "#documents-table thead th:nth-child(1) button")
    loaded.execute_script("arguments[0].scrollIntoView()", header)
    header.click()
    after = column(0)
    assert after != before
    assert after == sorted(before, key=str.lower)
    header.click()
    assert column(0) == sorted(before, key=str.lower, reverse=True)
    warnings = loaded.find_element(By.CSS_SELECTOR, "#documents-table thead th:nth-child(6) button")
    warnings.click()
    counts = [int(n) for n in column(5)]
    assert counts == sorted(counts, reverse=True) and counts != [int(n) for n in errors]
