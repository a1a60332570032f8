#!/usr/bin/env python3
"""Opens the agent's analyst page in headless Chromium (Selenium, offline), waits until it has
drawn, and prints as JSON what each chart drew, read back from the SVG's data attributes:

    python3 Tests/browser/analytics_page.py 'http://127.0.0.1:9464/analytics?store_id=S01&product_id=P001' [screenshot.png]
"""
import json
import os
import sys

from headless import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main(url: str, screenshot: str | None) -> None:
    driver = chromium(1600, 1400)
    try:
        driver.get(url)
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-drawn=true]"))
        drawn = driver.execute_script("""
            const points = (chart, cls, extra) => [...document.querySelectorAll(`#${chart} circle.${cls}`)].map(c => {
              const p = {date: c.dataset.date, value: Number(c.dataset.value)};
              for (const name of extra || []) p[name] = Number(c.dataset[name]);
              return p;
            });
            const bars = chart => [...document.querySelectorAll(`#${chart} rect.bar`)].map(r => ({id: r.dataset.id, value: Number(r.dataset.value)}));
            return {
              store: document.getElementById('store').value, product: document.getElementById('product').value,
              from: document.getElementById('from').value, to: document.getElementById('to').value,
              message: document.getElementById('message').innerText,
              actual: points('chart-forecast', 'actual'), forecast: points('chart-forecast', 'forecast', ['lower', 'upper']),
              band: Number((document.querySelector('#chart-forecast polygon.band') || {dataset: {points: 0}}).dataset.points),
              backtest: document.getElementById('backtest').innerText,
              totals: points('chart-totals', 'total'), sales: points('chart-sentiment', 'sales'), sentiment: points('chart-sentiment', 'sentiment'),
              products: bars('chart-mentions-products'), stores: bars('chart-mentions-stores'),
              runs: points('chart-models', 'run'), model_rows: document.querySelectorAll('#models tbody tr').length,
              external: [...document.querySelectorAll('script[src],link[href],img[src]')].map(e => e.src || e.href),
              text: document.body.innerText};""")
        if screenshot:
            os.makedirs(os.path.dirname(screenshot) or ".", exist_ok=True)
            driver.save_screenshot(screenshot)
        print(json.dumps({"title": driver.title, **drawn}))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
