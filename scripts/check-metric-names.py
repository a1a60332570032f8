#!/usr/bin/env python3
"""Checks that every metric a Grafana dashboard or a Prometheus rule file names is one the agent
exposes (scripts/test-contrib.sh).

usage: check-metric-names.py SCRAPE DASHBOARD.json RULES.yml...

SCRAPE is a /metrics exposition of the agent; a histogram there stands for its _bucket, _sum and
_count series. `up` is allowed too: Prometheus writes it for every target it scrapes.
"""
import json
import re
import sys

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


def main(scrape_path, files):
    known = exposed(scrape_path) | PROMETHEUS_OWN
    used = 0
    problems = []
    for path in files:
        exprs = dashboard_exprs(path) if path.endswith(".json") else rule_exprs(path)
        for where, expr in exprs:
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


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
