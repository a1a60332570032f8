#!/usr/bin/env python3
"""Opens the agent's status page in headless Chromium (Selenium, offline) and prints what a
person sees as JSON: the readiness label, the stage cards and the table's counts.

    python3 Tests/browser/status_page.py http://127.0.0.1:9464/
"""
import json
import os
import sys
import time

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main(url: str, screenshot: str | None) -> None:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#table tbody tr"))
        time.sleep(1.5)  # let a refresh or two land
        # One script reads the whole page at once: the page re-renders every second, and element
        # handles read one by one could go stale in between.
        snapshot = driver.execute_script("""
            const rows = {};
            for (const tr of document.querySelectorAll('#table tbody tr')) {
              const cells = [...tr.querySelectorAll('td')].map(td => td.innerText);
              rows[tr.dataset.stage] = {kind: cells[1], in: cells[2], out: cells[3], dead_letters: cells[7]};
            }
            return {rows, cards: [...document.querySelectorAll('#graph .stage')].map(e => e.dataset.stage),
                    state: document.getElementById('state').innerText};""")
        rows, cards = snapshot["rows"], snapshot["cards"]
        external = driver.execute_script(
            "return [...document.querySelectorAll('script[src],link[href],img[src]')].map(e => e.src || e.href)")
        if screenshot:
            driver.save_screenshot(screenshot)
        print(json.dumps({
            "title": driver.title,
            "state": snapshot["state"],
            "cards": cards,
            "rows": rows,
            "external": external,
        }))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
