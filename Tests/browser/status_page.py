#!/usr/bin/env python3
"""Opens the agent's status page in headless Chromium (Selenium, offline) and prints what a
person sees as JSON: the readiness label and header colour, the version, the last checkpoint,
the graph's stages and edges with the points of each sparkline, the charts' series and the table's
counts; writes a screenshot when given a path.

    python3 Tests/browser/status_page.py http://127.0.0.1:9464/ [screenshot.png]
"""
import json
import sys
import time

from headless import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main(url: str, screenshot: str | None) -> None:
    driver = chromium(1280, 900)
    try:
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#table tbody tr"))
        # The sparklines need the history: wait until every stage's line has points.
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(
            "const s = [...document.querySelectorAll('#graph path.spark')];"
            "return s.length > 0 && s.every(p => +p.dataset.points > 0)"))
        time.sleep(1.5)  # let a refresh or two land
        # One script reads the whole page at once: the page re-renders every second, and element
        # handles read one by one could go stale in between.
        snapshot = driver.execute_script("""
            const rows = {};
            for (const tr of document.querySelectorAll('#table tbody tr')) {
              const cells = [...tr.querySelectorAll('td')].map(td => td.innerText);
              rows[tr.dataset.stage] = {kind: cells[1], in: cells[2], out: cells[3], dead_letters: cells[7]};
            }
            const sparks = {};
            for (const g of document.querySelectorAll('#graph g.stage')) {
              sparks[g.dataset.stage] = +g.querySelector('path.spark').dataset.points;
            }
            const charts = {};
            for (const id of ['chart-problems', 'chart-buffer', 'chart-lag']) {
              charts[id] = [...document.querySelectorAll('#' + id + ' path.series')].map(p => ({
                series: p.dataset.series, points: +p.dataset.points}));
            }
            return {rows, sparks, charts,
                    cards: [...document.querySelectorAll('#graph .stage')].map(e => e.dataset.stage),
                    edges: [...document.querySelectorAll('#graph path.edge')].map(e => [e.dataset.from, e.dataset.to]),
                    version: document.getElementById('version').innerText,
                    status: document.getElementById('status').innerText,
                    header: document.querySelector('header').className,
                    state: document.getElementById('state').innerText};""")
        rows, cards = snapshot["rows"], snapshot["cards"]
        external = driver.execute_script(
            "return [...document.querySelectorAll('script[src],link[href],img[src]')].map(e => e.src || e.href)")
        if screenshot:
            driver.save_screenshot(screenshot)
        print(json.dumps({
            "title": driver.title,
            "state": snapshot["state"],
            "header": snapshot["header"],
            "version": snapshot["version"],
            "status": snapshot["status"],
            "cards": cards,
            "edges": snapshot["edges"],
            "sparks": snapshot["sparks"],
            "charts": snapshot["charts"],
            "rows": rows,
            "external": external,
        }))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
