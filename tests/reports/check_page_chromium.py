#!/usr/bin/python3
"""The office's page in a browser (Debian chromium, headless):

  check_page_chromium.py CHROMIUM PAGE.html REPORT.json SCREENSHOT.png

Loads the page, lets its script run, and reads the DOM: every verdict is
shown and counted (#shown), and the counts per outcome are the JSON's. Then
loads it with a filter chosen in the URL (#outcome=…, the most frequent
violation) and checks that exactly that outcome's verdicts are shown. Keeps a
screenshot as an artefact.
"""
import collections
import html.parser
import json
import pathlib
import subprocess
import sys
import urllib.parse


def fail(message):
    print(f"check_page_chromium.py: {message}", file=sys.stderr)
    sys.exit(1)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.shown = collections.Counter()
        self.hidden = collections.Counter()
        self.counter = None
        self._in_shown = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "verdict" in a.get("class", "").split():
            (self.hidden if "hidden" in a else self.shown)[a["data-outcome"]] += 1
        self._in_shown = a.get("id") == "shown"

    def handle_data(self, data):
        if self._in_shown:
            self.counter = int(data)
            self._in_shown = False


def chromium(binary, *args):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-dev-shm-usage", *args]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        fail(f"{' '.join(command)} exited {run.returncode}: {run.stderr[-2000:]}")
    return run.stdout


def dom(binary, url):
    parsed = Dom()
    parsed.feed(chromium(binary, "--virtual-time-budget=5000", "--dump-dom", url))
    return parsed


def main():
    binary, page, report, screenshot = sys.argv[1:5]
    with open(report, encoding="utf-8") as f:
        verdicts = json.load(f)["verdicts"]
    outcomes = collections.Counter(v["outcome"] for v in verdicts)
    url = pathlib.Path(page).resolve().as_uri()

    whole = dom(binary, url)
    if whole.shown != outcomes or whole.hidden:
        fail(f"shown {dict(whole.shown)}, hidden {dict(whole.hidden)}; the JSON has {dict(outcomes)}")
    if whole.counter != len(verdicts):
        fail(f"#shown says {whole.counter} after the script ran, for {len(verdicts)} verdicts")

    violations = collections.Counter(v["outcome"] for v in verdicts if v["violation"])
    chosen = violations.most_common(1)[0][0]
    filtered = dom(binary, url + "#outcome=" + urllib.parse.quote(chosen))
    if set(filtered.shown) != {chosen} or filtered.shown[chosen] != outcomes[chosen]:
        fail(f"with #outcome={chosen}: shown {dict(filtered.shown)}")
    if filtered.counter != outcomes[chosen]:
        fail(f"with #outcome={chosen}: #shown says {filtered.counter}")

    chromium(binary, "--window-size=1280,2400", f"--screenshot={screenshot}", url)
    if not pathlib.Path(screenshot).is_file() or pathlib.Path(screenshot).stat().st_size < 10000:
        fail(f"no screenshot at {screenshot}")
    print(f"check_page_chromium.py: {len(verdicts)} verdicts shown; #outcome={chosen} shows "
          f"{outcomes[chosen]}; screenshot {screenshot}: ok")


if __name__ == "__main__":
    main()
