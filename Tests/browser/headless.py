"""Headless Chromium for the page tests, offline: Debian's chromium and chromedriver driven by
Selenium, which is told never to reach the network (no Selenium Manager downloads)."""
import os

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(width: int, height: int) -> webdriver.Chrome:
    """A headless browser with a window of `width` x `height` pixels (what a screenshot shows)."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
