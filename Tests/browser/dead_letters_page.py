#!/usr/bin/env python3
"""Opens the agent's dead-letter page in headless Chromium (Selenium, offline) and prints what a
person sees as JSON: the stages offered, the table's rows (time, stage, where, column, reason,
raw text), the rows left after a search, and any external asset the page loads.

    python3 Tests/browser/dead_letters_page.py http://127.0.0.1:9464/dead-letters SEARCH [SCREENSHOT]
"""
import json
import os
import sys

from headless import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

READ_ROWS = """
    return [...document.querySelectorAll('#table tbody tr')].map(tr => {
      const cells = [...tr.querySelectorAll('td')];
      return {time: cells[0].innerText, stage: cells[1].innerText, where: cells[2].innerText,
              column: cells[3].innerText, reason: cells[4].firstChild ? cells[4].firstChild.textContent : '',
              raw: cells[5].textContent, corrupt: tr.classList.contains('corrupt')};
    });"""


def main(url: str, search: str, screenshot: str | None) -> None:
    driver = chromium(1400, 1000)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#table tbody tr"))
        rows = driver.execute_script(READ_ROWS)
        stages = driver.execute_script("return [...document.querySelectorAll('#stage option')].map(o => o.value)")
        selected = driver.execute_script("return document.getElementById('stage').value")
        status = driver.find_element(By.ID, "status").text
        external = driver.execute_script(
            "return [...document.querySelectorAll('script[src],link[href],img[src]')].map(e => e.src || e.href)")
        if screenshot:
            os.makedirs(os.path.dirname(screenshot) or ".", exist_ok=True)
            driver.save_screenshot(screenshot)
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(search)
        driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#table tbody tr")) != len(rows)
                                        or search.lower() in d.find_element(By.ID, "status").text.lower())
        WebDriverWait(driver, 20).until(lambda d: search.lower() in d.find_element(By.ID, "status").text.lower())
        searched = driver.execute_script(READ_ROWS)
        print(json.dumps({
            "title": driver.title,
            "stages": stages,
            "selected": selected,
            "status": status,
            "rows": rows,
            "searched": searched,
            "external": external,
            "html": driver.page_source,
        }))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
