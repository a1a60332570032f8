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
        rows = {}
        for tr in driver.find_elements(By.CSS_SELECTOR, "#table tbody tr"):
            cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            rows[tr.get_attribute("data-stage")] = {"kind": cells[1], "in": cells[2], "out": cells[3], "dead_letters": cells[7]}
        cards = [el.get_attribute("data-stage") for el in driver.find_elements(By.CSS_SELECTOR, "#graph .stage")]
        external = driver.execute_script(
            "return [...document.querySelectorAll('script[src],link[href],img[src]')].map(e => e.src || e.href)")
        if screenshot:
            driver.save_screenshot(screenshot)
        print(json.dumps({
            "title": driver.title,
            "state": driver.find_element(By.ID, "state").text,
            "cards": cards,
            "rows": rows,
            "external": external,
        }))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
