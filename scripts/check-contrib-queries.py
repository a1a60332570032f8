#!/usr/bin/env python3
"""Checks the queries of a Grafana dashboard and Prometheus rule files (scripts/test-contrib.sh).

usage: check-contrib-queries.py names SCRAPE DASHBOARD.json RULES.yml...
       check-contrib-queries.py prometheus URL DASHBOARD.json RULES.yml...

names: every metric they name is one the agent exposes. SCRAPE is a /metrics exposition of the
agent; a histogram there stands for its _bucket, _sum and _count series. `up` is allowed too:
Prometheus writes it for every target it scrapes.

prometheus: the Prometheus at URL, scraping the agent, accepts every query, and every dashboard
query returns series (but those that keep only matches, `== 1`, which a healthy agent may not have).
"""
import json
import re
import sys
import time
import urllib.parse
import urllib.request

import yaml

PROMETHEUS_OWN = {"up"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "inf", "nan"}
IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def exposed(scrape_path):
    """The series names the scrape holds: every # TYPE name, with a histogram's suffixes."""
    names = set()
    with open(scrape_path, encoding="utf-8") as scrape:
        for line in scrape:
            match = re.match(r"# TYPE (\S+) (\S+)", line)
            if not match:
                continue
            name, kind = match.groups()
            names.add(name)
            if kind in ("histogram", "summary"):
                names.update(name + suffix for suffix in ("_bucket", "_sum", "_count"))
    return names


def metric_names(expr):
    """The metric names in a PromQL expression (or a Grafana label_values(...) query)."""
    expr = re.sub(r"label_values\(([^,(){}]*(?:\{[^}]*\})?)\s*,[^)]*\)", r"\1", expr)
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # ranges
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)  # label lists
    expr = re.sub(r"\boffset\s+\S+", "", expr)
    names = set()
    for match in IDENTIFIER.finditer(expr):
        word = match.group()
        follows = expr[match.end():].lstrip()[:1]
        if word.lower() in KEYWORDS or follows == "(" or word.startswith("$"):
            continue
        if match.start() > 0 and expr[match.start() - 1] in "$0123456789.":
            continue  # a Grafana variable, or a number's exponent or unit
        names.add(word)
    return names


def dashboard_exprs(path):
    with open(path, encoding="utf-8") as file:
        dashboard = json.load(file)
    panels = list(dashboard.get("panels", []))
    for panel in list(panels):
        panels.extend(panel.get("panels", []))
    for panel in panels:
        for target in panel.get("targets", []):
            yield f"{path}: panel '{panel.get('title')}'", target["expr"]
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        if variable.get("type") == "query":
            yield f"{path}: variable '{variable['name']}'", query["query"] if isinstance(query, dict) else query


def rule_exprs(path):
    with open(path, encoding="utf-8") as file:
        rules = yaml.safe_load(file)
    for group in rules["groups"]:
        for rule in group["rules"]:
            yield f"{path}: {rule.get('alert') or rule.get('record')}", rule["expr"]


def exprs_of(path):
    return dashboard_exprs(path) if path.endswith(".json") else rule_exprs(path)


def check_names(scrape_path, files):
    known = exposed(scrape_path) | PROMETHEUS_OWN
    used = 0
    problems = []
    for path in files:
        for where, expr in exprs_of(path):
            for name in sorted(metric_names(expr)):
                used += 1
                if name not in known:
                    problems.append(f"{where}: '{name}' is not a metric the agent exposes")
    for problem in problems:
        print(problem, file=sys.stderr)
    if used == 0:
        print("no metric names found: the check itself is broken", file=sys.stderr)
        return 1
    if problems:
        return 1
    print(f"{used} metric references in {len(files)} files, all exposed by the agent")
    return 0


def query(url, expr):
    """An instant query's answer, as Prometheus's JSON."""
    request = url + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 400 with the parse error in the body
        return json.load(error)


def wait_for_samples(url, seconds=60):
    """Waits until Prometheus has scraped the agent for a few seconds (rates need two samples)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer = query(url, "count_over_time(retail_edge_ready[1m]) >= 6")
            if answer.get("status") == "success" and answer["data"]["result"]:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def grafana_to_promql(expr):
    """The query Grafana would send: its interval and the variables set to everything."""
    expr = re.sub(r"label_values\(([^,(){}]*(?:\{[^}]*\})?)\s*,[^)]*\)", r"\1", expr)
    expr = expr.replace("$__rate_interval", "5s").replace("$__interval", "5s")
    return re.sub(r"\$\w+", ".*", expr)


def check_prometheus(url, files):
    if not wait_for_samples(url):
        print(f"{url}: no samples of the agent within 60 s", file=sys.stderr)
        return 1
    problems = []
    checked = 0
    for path in files:
        dashboard = path.endswith(".json")
        for where, expr in exprs_of(path):
            promql = grafana_to_promql(expr) if dashboard else expr
            answer = query(url, promql)
            checked += 1
            if answer.get("status") != "success":
                problems.append(f"{where}: {answer.get('error')}: {promql}")
            elif dashboard and not answer["data"]["result"] and " == " not in promql:
                problems.append(f"{where}: no series: {promql}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{checked} queries answered by {url}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("names", "prometheus"):
        sys.exit(__doc__)
    check = check_names if sys.argv[1] == "names" else check_prometheus
    sys.exit(check(sys.argv[2], sys.argv[3:]))
