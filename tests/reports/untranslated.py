#!/usr/bin/python3
"""Counts the explanation lines that a Chinese report leaves in English
(decisions 0045, 0057): runs `mandate eval --lang zh --json` on each
example's bundled facts and on each scenario's facts, and counts

- "as written": the explanation nodes whose `text_zh` is missing or equal
  to the English `text` (a formula line without English words counts here);
- "English": the lines whose Chinese text still holds an English word that
  is not a word of the plan language (a formula's `count`, `and`, `over:`
  are the plan's text and stay, and so does what an award grants, the
  plan's `grant` word); likewise the cited facts (`fact_zh`), the outcome
  texts with their missing facts (待定（缺少：…）), and the text report's
  verdict lines (with their details), consequences and missing facts.

  untranslated.py MANDATE EXAMPLES_DIR [--forms N] [--max N] [--only NAME]

Prints, per run, the counts, then the distinct forms of the English lines
(names, numbers and dates replaced by placeholders), most frequent first,
with an example of each. With --max N, exits 1 when more than N lines (of
explanations, facts and verdict texts together) hold English words.
--only NAME keeps the runs whose name starts with NAME (shangluo-2018:eval).
"""
import argparse
import collections
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

# Each example's bundled run, as its README gives it.
EXAMPLE_RUNS = {
    "shangluo-2018": ("shangluo.plan", ["--year", "2018", "--as-of", "2019-03-31"]),
    "annual-assessment": ("annual-assessment.plan", ["--as-of", "2022-03-31"]),
    "safety-inspection": ("safety-inspection.plan", ["--year", "2019", "--as-of", "2020-01-31"]),
    "water-quality": ("water-quality.plan", ["--year", "2020", "--as-of", "2021-01-31"]),
}

BLOCKS = {"units": "units", "unit": "units", "events": "events", "event": "events",
          "titles": "titles", "title": "titles", "measures": "measures",
          "measure": "measures", "published": "published", "calendar": "calendar"}


def scenario_arguments(path, workdir):
    """The eval arguments that load a scenario's plan, facts and options (its
    facts blocks written to files under workdir, in the scenario's order)."""
    folder = os.path.dirname(path)
    plan, arguments, facts, blocks = None, [], [], []
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        i += 1
        words = shlex.split(line, comments=True) if line.strip() else []
        if not words:
            continue
        if len(words) == 1 and words[0].endswith(":") and words[0][:-1] in BLOCKS:
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i].rstrip("\r"))
                i += 1
            blocks.append((BLOCKS[words[0][:-1]], "\n".join(block) + "\n"))
            continue
        keyword = words[0]
        if keyword == "plan":
            plan = os.path.join(folder, words[1])
        elif keyword == "facts":
            facts.append(os.path.join(folder, words[1]))
        elif keyword == "years":
            for year in words[1:]:
                arguments += ["--year", year]
        elif keyword == "as_of":
            arguments += ["--as-of", words[1]]
        elif keyword == "param":
            name, _, value = line.partition(" = ")
            arguments += ["--param", f"{name.split(None, 1)[1].strip()}={value.strip()}"]
    for n, (kind, csv) in enumerate(blocks):
        block_dir = os.path.join(workdir, str(n))
        os.makedirs(block_dir)
        file = os.path.join(block_dir, f"{kind}.csv")
        with open(file, "w", encoding="utf-8") as out:
            out.write(csv)
        facts.append(file)
    for fact in facts:
        arguments += ["--facts", fact]
    return [plan] + arguments


def runs(examples):
    for example, (plan, arguments) in EXAMPLE_RUNS.items():
        folder = os.path.join(examples, example)
        yield (f"{example}:eval",
               lambda workdir, folder=folder, plan=plan, arguments=arguments:
               [os.path.join(folder, plan), "--facts", os.path.join(folder, "facts")] + arguments)
        scenarios = os.path.join(folder, "scenarios")
        for name in sorted(os.listdir(scenarios)):
            if name.endswith(".scenario"):
                path = os.path.join(scenarios, name)
                yield (f"{example}:{name[:-len('.scenario')]}",
                       lambda workdir, path=path: scenario_arguments(path, workdir))


def nodes(explanation):
    if explanation is None:
        return
    yield explanation
    for child in explanation.get("because", []):
        yield from nodes(child)


NAME = re.compile(r"[^\x00-\x7f→·…]+(?:[A-Za-z0-9()\-]+[^\x00-\x7f→·…]+)*")
FORM_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-(?:Q\d|W\d\d|H\d|M\d\d|\d\d)|\b\d{2}-\d{2}\b")
FORM_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")


# The words of the plan language (docs/language.md) that a formula shows:
# operators, named arguments, comprehension variables, literals; a function
# (`holds`, `count`, …) only where it is called, `holds(`, since "X holds Y
# in 2018" is an English sentence.
PLAN_WORDS = set("""
and or not if then else in where over among ties source by within order days self m c
true false calendar_year ascending descending min max dense published computed week weeks month months
year years day across quarter half_year
""".split())
PLAN_FUNCTIONS = set("""
holds count average sum min max rank size previous superior parent any all rolling ceil floor round
""".split())
WORD = re.compile(r"([A-Za-z_]{2,})(\(?)")


def english_words(text):
    return [w for w, call in WORD.findall(text)
            if w not in PLAN_WORDS and not (call and w in PLAN_FUNCTIONS)]


def add_plan_words(examples):
    """What an award grants is the plan's own word (`grant plaque by 市委`)."""
    for example, (plan, _) in EXAMPLE_RUNS.items():
        with open(os.path.join(examples, example, plan), encoding="utf-8") as f:
            PLAN_WORDS.update(re.findall(r"\bgrant ([A-Za-z_]+)", f.read()))


def form(text):
    """The line with its names, dates and numbers replaced: lines of one form
    differ only there."""
    text = FORM_DATE.sub("‹date›", text)
    text = NAME.sub("‹name›", text)
    return FORM_NUMBER.sub("‹n›", text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mandate")
    parser.add_argument("examples")
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--max", type=int)
    parser.add_argument("--only")
    parser.add_argument("--quiet", action="store_true", help="no line per run")
    options = parser.parse_args()
    add_plan_words(options.examples)
    total = english = as_written = 0
    forms = collections.Counter()
    example_of = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, arguments) in enumerate(runs(options.examples)):
            if options.only and not name.startswith(options.only):
                continue
            workdir = os.path.join(tmp, str(n))
            os.makedirs(workdir)
            report = os.path.join(workdir, "report.json")
            command = [options.mandate, "eval"] + arguments(workdir) + [
                "--lang", "zh", "--json", report, "-q", "--brief"]
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
            if result.returncode not in (0, 1) or not os.path.exists(report):
                print(f"untranslated.py: {name}: {shlex.join(command)} exited "
                      f"{result.returncode}\n{result.stderr}", file=sys.stderr)
                return 2
            with open(report, encoding="utf-8") as f:
                verdicts = json.load(f)["verdicts"]
            lines = left = same = 0

            def check(what, chinese):
                nonlocal left
                if english_words(chinese):
                    left += 1
                    key = f"[{what}] " + form(chinese)
                    forms[key] += 1
                    example_of.setdefault(key, chinese)

            # The text report's verdict lines (their details), consequences
            # (→ 扣分：…) and missing facts (缺少：…).
            for line in result.stdout.splitlines():
                if re.match(r"^  \[|^ +(→ |缺少：)", line):
                    check("report", line.strip())
            for verdict in verdicts:
                check("verdict", verdict["outcome_text"])
                for node in nodes(verdict.get("explanation")):
                    lines += 1
                    chinese = node.get("text_zh", node["text"])
                    same += chinese == node["text"]
                    check("line", chinese)
                    for fact in node.get("facts", []):
                        check("fact", fact.get("fact_zh", fact["fact"]))
            total += lines
            english += left
            as_written += same
            if not options.quiet:
                print(f"{name}: {lines} explanation lines, {same} as written, "
                      f"{left} texts with English words")
    print(f"in all: {total} explanation lines, {as_written} as written (text_zh missing or "
          f"equal to text); {english} texts with English words, {len(forms)} distinct forms")
    for key, count in forms.most_common(options.forms):
        print(f"{count:6}  {key}\n        e.g. {example_of[key]}")
    if options.max is not None and english > options.max:
        print(f"untranslated.py: {english} lines in English, more than {options.max}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
