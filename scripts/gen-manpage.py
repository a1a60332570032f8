#!/usr/bin/env python3
"""Writes the retail-edge(1) man page from the command tree itself.

Reads swift-argument-parser's ToolInfo JSON (`retail-edge --experimental-dump-help`) on stdin
and prints man(7) roff: every command and subcommand with its synopsis, abstract, discussion,
arguments, options and defaults. Generated at build time, so it never drifts from `--help`.

usage: retail-edge --experimental-dump-help | gen-manpage.py --version 0.1.0 [--date 2026-12-04]
"""
import argparse
import json
import sys

# Not in the command tree: where the package puts things, and what the exit codes mean.
FILES = [
    ("/etc/retail-edge/store.yaml", "the pipeline of retail-edge.service (conffile; see also retail.yaml, postgres.yaml, mysql.yaml, kafka.yaml, catalog.yaml)"),
    ("/etc/retail-edge/credentials/", "secrets for ${credential:NAME}, passed to the units as systemd credentials"),
    ("/var/lib/retail-edge/", "data_dir under the units (StateDirectory=): checkpoints, disk buffers, dead letters, the default SQLite database"),
    ("/srv/retail-edge/drop/", "where point-of-sale exports are dropped for config/store.yaml"),
    ("/usr/lib/retail-edge/plugins/, /etc/retail-edge/plugins/", "system directories searched for exec plugins"),
    ("/usr/share/retail-edge/models/", "the shipped sentiment model and its NOTICE"),
]
EXIT_STATUS = [
    ("0", "success; after run, a clean stop"),
    ("1", "test: a test failed; dead-letters export: nothing to export"),
    ("64", "bad arguments"),
    ("70", "the pipeline failed (a stage past its restart limit, a shutdown past its timeout)"),
    ("78", "invalid configuration (EX_CONFIG)"),
]


def roff(text):
    """Escapes text for roff: backslashes, hyphens, and lines starting with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n"))


def paragraphs(text):
    """Text as roff paragraphs, one per blank-line-separated block."""
    blocks = [block.strip() for block in (text or "").split("\n\n") if block.strip()]
    return "\n.PP\n".join(roff(block) for block in blocks)


def flag_name(name):
    prefix = {"long": "--", "short": "-", "longWithSingleDash": "-"}[name["kind"]]
    return prefix + name["name"]


def visible(arguments):
    return [a for a in arguments or [] if a.get("shouldDisplay", True)]


def usage_item(argument):
    """One argument as it appears in a synopsis: `\\fB--limit\\fR \\fIn\\fR`, `[\\fIconfig\\fR]`."""
    if argument["kind"] == "positional":
        item = "\\fI" + roff(argument.get("valueName", "value")) + "\\fR"
    else:
        name = argument.get("preferredName") or argument["names"][0]
        item = "\\fB" + roff(flag_name(name)) + "\\fR"
        if argument["kind"] == "option":
            item += " \\fI" + roff(argument.get("valueName", "value")) + "\\fR"
    if argument.get("isRepeating"):
        item += " ..."
    return "[" + item + "]" if argument.get("isOptional") else item


def describe_argument(argument):
    """A .TP entry: all names (or the value name) as the tag, abstract, values and default below."""
    if argument["kind"] == "positional":
        tag = "\\fI" + roff(argument.get("valueName", "value")) + "\\fR"
    else:
        names = [flag_name(n) for n in argument.get("names", [])]
        tag = ", ".join("\\fB" + roff(n) + "\\fR" for n in names)
        if argument["kind"] == "option":
            tag += " \\fI" + roff(argument.get("valueName", "value")) + "\\fR"
    lines = [".TP", tag]
    body = [argument.get("abstract") or ""]
    if argument.get("discussion"):
        body.append(argument["discussion"])
    values = argument.get("allValues")
    if values and argument["kind"] != "flag":
        body.append("One of: " + ", ".join(values) + ".")
    if argument.get("defaultValue") not in (None, "") and argument["kind"] != "flag":
        body.append("Default: " + argument["defaultValue"] + ".")
    lines.append(roff(" ".join(part.strip() for part in body if part.strip())))
    return lines


def command_section(command, path, out):
    """A subsection for one command, then its subcommands, depth first."""
    full = " ".join(path)
    # --help and --version are on every command; the page says so once.
    arguments = [a for a in visible(command.get("arguments"))
                 if not any(n["name"] in ("help", "version") for n in a.get("names") or [])]
    out += [".SS " + roff(full)]
    synopsis = ["\\fB" + roff(full) + "\\fR"] + [usage_item(a) for a in arguments if a["kind"] != "positional"] \
        + [usage_item(a) for a in arguments if a["kind"] == "positional"]
    out += [".PP", " ".join(synopsis)]
    if command.get("abstract"):
        out += [".PP", roff(command["abstract"])]
    if command.get("discussion"):
        out += [".PP", paragraphs(command["discussion"])]
    if command.get("defaultSubcommand"):
        out += [".PP", roff("Without a subcommand: " + full + " " + command["defaultSubcommand"] + ".")]
    if arguments:
        out += [".RS"]
        for argument in arguments:
            out += describe_argument(argument)
        out += [".RE"]
    for sub in command.get("subcommands") or []:
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            command_section(sub, path + [sub["commandName"]], out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True)
    parser.add_argument("--date", default="")
    options = parser.parse_args()
    tool = json.load(sys.stdin)["command"]
    name = tool["commandName"]
    subcommands = [s for s in tool.get("subcommands") or [] if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    out = [
        '.\\" Generated from `%s --experimental-dump-help` by scripts/gen-manpage.py; do not edit.' % name,
        '.TH %s 1 "%s" "%s %s" "User Commands"' % (name.upper().replace("-", "\\-"), options.date, name, options.version),
        ".SH NAME",
        roff(name) + " \\- " + roff(tool.get("abstract", "")),
        ".SH SYNOPSIS",
        "\\fB" + roff(name) + "\\fR \\fIcommand\\fR [\\fIoptions\\fR]",
        ".br",
        "\\fB" + roff(name) + "\\fR \\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR",
        ".SH DESCRIPTION",
        paragraphs(tool.get("abstract", "") + ("\n\n" + tool["discussion"] if tool.get("discussion") else "")),
        ".PP",
        "Commands: " + ", ".join("\\fB" + roff(s["commandName"]) + "\\fR" for s in subcommands)
        + ". Every command takes \\fB\\-\\-help\\fR.",
    ]
    root_arguments = visible(tool.get("arguments"))
    if root_arguments:
        out += [".SH OPTIONS"]
        for argument in root_arguments:
            out += describe_argument(argument)
    out += [".SH COMMANDS"]
    for sub in subcommands:
        command_section(sub, [name, sub["commandName"]], out)
    out += [".SH EXIT STATUS"]
    for code, meaning in EXIT_STATUS:
        out += [".TP", code, roff(meaning)]
    out += [".SH FILES"]
    for path, meaning in FILES:
        out += [".TP", "\\fI" + roff(path) + "\\fR", roff(meaning)]
    out += [
        ".SH SEE ALSO",
        "\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1), \\fBsystemd.service\\fR(5), \\fBsystemd\\-sysusers\\fR(8)",
        ".PP",
        "The units: retail\\-edge.service, retail\\-edge@.service, retail\\-edge\\-run@.service and .timer. "
        "/usr/share/doc/retail\\-edge/ and the project's README.",
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
