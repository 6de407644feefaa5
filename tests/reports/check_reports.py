#!/usr/bin/python3
"""Checks the reports of one `mandate eval` run against each other and their
formats (tests/CMakeLists.txt runs it):

  check_reports.py SCHEMA PLAN REPORT.json [--html PAGE] [--csv FILE [--bom]]
                   [--no-explanations]

- the JSON validates against docs/report.schema.json, names the plan's
  SHA-256 as sha256sum does, and has no explanation object when the run had
  none;
- the page's verdicts, per outcome, are the JSON's, as are its count table
  and its filters' choices; it loads nothing from elsewhere;
- the CSV has the stable header and the JSON's verdicts, in order.
"""
import argparse
import collections
import csv
import hashlib
import html.parser
import io
import json
import sys

import jsonschema


def fail(message):
    print(f"check_reports.py: {message}", file=sys.stderr)
    sys.exit(1)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.articles = []  # attributes of each article.verdict
        self.counts = {}  # outcome -> count in the count table
        self.options = collections.defaultdict(list)  # select id -> option values
        self.external = []  # attributes that load something
        self.lang = None
        self._row = None
        self._select = None
        self._in_count = False
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href", "srcset", "data"):
            if name in a:
                self.external.append(f"<{tag} {name}={a[name]}>")
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" or (tag == "script" and "src" in a):
            self.external.append(tag)
        if tag == "script":
            self.scripts += 1
        if tag == "article" and "verdict" in a.get("class", "").split():
            self.articles.append(a)
        if tag == "tr" and "data-outcome" in a:
            self._row = a["data-outcome"]
        if tag == "td" and a.get("class") == "count":
            self._in_count = True
        if tag == "select":
            self._select = a.get("id")
        if tag == "option" and self._select:
            self.options[self._select].append(a.get("value"))

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_count = False
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._in_count and self._row:
            self.counts[self._row] = int(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("schema")
    parser.add_argument("plan")
    parser.add_argument("report")
    parser.add_argument("--html")
    parser.add_argument("--csv")
    parser.add_argument("--bom", action="store_true")
    parser.add_argument("--no-explanations", action="store_true")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=str)
    if errors:
        fail(f"{args.report} does not follow the schema: {errors[0].message} at "
             f"{'/'.join(map(str, errors[0].absolute_path))} ({len(errors)} errors)")
    with open(args.plan, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if report["plan"]["sha256"] != digest:
        fail(f"plan.sha256 is {report['plan']['sha256']}, sha256sum says {digest}")
    if report["facts"]["sha256"] is None:
        fail("facts.sha256 is null")
    verdicts = report["verdicts"]
    if not verdicts:
        fail("the report has no verdicts")
    explained = [v for v in verdicts if v["explanation"] is not None]
    if args.no_explanations and explained:
        fail(f"{len(explained)} verdicts have an explanation after --no-explanations")
    if not args.no_explanations and len(explained) != len(verdicts):
        fail(f"{len(verdicts) - len(explained)} verdicts have no explanation")
    for v in verdicts:
        if v["violation"] != (v["outcome"] in VIOLATIONS):
            fail(f"violation is {v['violation']} for outcome {v['outcome']}")
    outcomes = collections.Counter(v["outcome"] for v in verdicts)

    if args.html:
        with open(args.html, encoding="utf-8") as f:
            text = f.read()
        page = Page()
        page.feed(text)
        if page.external:
            fail(f"the page loads from elsewhere: {page.external[:3]}")
        if page.lang != "zh-CN":
            fail(f"the page of a Chinese plan has lang={page.lang}")
        shown = collections.Counter(a["data-outcome"] for a in page.articles)
        if shown != outcomes:
            fail(f"the page's verdicts per outcome {dict(shown)} are not the JSON's {dict(outcomes)}")
        if page.counts != dict(outcomes):
            fail(f"the page's count table {page.counts} is not the JSON's {dict(outcomes)}")
        # Violations come first: every violation before any other verdict.
        flags = ["violation" in a["class"].split() for a in page.articles]
        if flags != sorted(flags, reverse=True):
            fail("a verdict that is not a violation comes before a violation")
        if sorted(v for v in page.options["filter-body"] if v) != sorted({v["subject"] for v in verdicts}):
            fail("the body filter does not offer exactly the report's subjects")
        if sorted(v for v in page.options["filter-outcome"] if v) != sorted(outcomes):
            fail("the outcome filter does not offer exactly the report's outcomes")
        if report["plan"]["sha256"] not in text:
            fail("the page does not show the plan's SHA-256")

    if args.csv:
        with open(args.csv, "rb") as f:
            data = f.read()
        bom = data.startswith(b"\xef\xbb\xbf")
        if bom != args.bom:
            fail(f"the CSV {'has' if bom else 'lacks'} a byte order mark")
        if b"\n" in data.replace(b"\r\n", b""):
            fail("the CSV has a line that does not end in CRLF")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        if rows[0] != COLUMNS:
            fail(f"the CSV's header is {rows[0]}")
        if len(rows) - 1 != len(verdicts):
            fail(f"the CSV has {len(rows) - 1} rows for {len(verdicts)} verdicts")
        for row, v in zip(rows[1:], verdicts):
            cells = dict(zip(COLUMNS, row))
            expected = (v["kind"], v["rule"], v["subject"], str(v["year"]), v["outcome"],
                        "" if v["days"] is None else str(v["days"]))
            got = (cells["kind"], cells["rule"], cells["subject"], cells["year"], cells["outcome"],
                   cells["days"])
            if got != expected:
                fail(f"CSV row {got} is not the JSON's {expected}")
    print(f"check_reports.py: {len(verdicts)} verdicts, {dict(outcomes)}: ok")


COLUMNS = ["kind", "rule", "clauses", "subject", "detail", "year", "period", "outcome",
           "violation", "days", "missing", "consequences", "withheld_by", "escalation"]
# mandate::is_violation, written out again: the test's own view of it.
VIOLATIONS = {"late", "missed", "too_short", "started_outside", "early", "invalid", "not_met",
              "applies", "over_quota"}

if __name__ == "__main__":
    main()
