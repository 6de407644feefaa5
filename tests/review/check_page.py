"""Checks the DOM of the review page as Chromium built it (browser_test.sh).

The structure: one section per paragraph of tests/plans/review/source.txt,
its sentences classed covered / uncovered / not-executable, each covered
sentence naming rule cards that stand in the same section, the rule
without a quote listed and highlighted. The layout, from the probe: the
original on the left, the rules on the right, side by side, nothing wider
than the window.
"""
import json
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.probe = None
        self.sections = []  # [{'id', 'sentences': [(classes, rules)], 'cards': [rule ids]}]
        self.unquoted = []
        self.summary = None
        self.in_unquoted = False
        self.card_ids = []  # full cards: each rule once
        self.links = []  # continued cards link to the full one

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get('class') or '').split()
        if tag == 'body':
            self.probe = json.loads(a['data-probe'])
        elif tag == 'section' and 'paragraph' in classes:
            self.sections.append({'id': a['id'], 'sentences': [], 'cards': []})
        elif tag == 'section' and a.get('id') == 'unquoted':
            self.in_unquoted = True
        elif tag == 'span' and 'sentence' in classes and 'id' in a:
            self.sections[-1]['sentences'].append((classes, a['data-rules'].split()))
        elif tag == 'a' and (a.get('href') or '').startswith('#'):
            self.links.append(a['href'][1:])
        elif tag == 'article' and 'rule' in classes:
            if 'id' in a:
                self.card_ids.append(a['id'])
            if self.in_unquoted:
                self.unquoted.append((classes, a['data-rule']))
            else:
                self.sections[-1]['cards'].append(a['data-rule'])
        elif tag == 'p' and a.get('id') == 'summary':
            self.summary = a


def expect(condition, message):
    if not condition:
        print('FAILED:', message)
        sys.exit(1)


page = Page()
with open(sys.argv[1], encoding='utf-8') as dom:
    page.feed(dom.read())

# Structure: source.txt has 10 paragraphs (non-blank lines) and 11
# sentences (one line holds two; a line break ends a sentence): 5 marked
# not executable, 5 of the other 6 quoted.
expect(len(page.sections) == 10, f'10 paragraphs, found {len(page.sections)}')
states = [next(c for c in classes if c != 'sentence')
          for s in page.sections for classes, _ in s['sentences']]
expect(states.count('covered') == 5, f'5 covered sentences (title included): {states}')
expect(states.count('uncovered') == 1, f'1 uncovered sentence: {states}')
expect(states.count('not-executable') == 5, f'5 not executable: {states}')
for section in page.sections:
    for classes, rules in section['sentences']:
        expect(('covered' in classes) == bool(rules), f'{section["id"]}: rules iff covered')
        for rule in rules:
            expect(rule in section['cards'], f'{section["id"]}: card {rule} beside its sentence')
expect(page.summary['data-executable'] == '6' and page.summary['data-covered'] == '5',
       f'summary: {page.summary}')
expect(len(page.card_ids) == len(set(page.card_ids)), f'each rule in full once: {page.card_ids}')
expect(page.links and all(link in page.card_ids for link in page.links),
       f'continued cards link to full ones: {page.links}')
expect(len(page.unquoted) == 1 and 'unquoted' in page.unquoted[0][0],
       f'one rule without a quote: {page.unquoted}')

# Layout, as measured in the browser.
probe = page.probe
expect(probe['scrollWidth'] <= probe['viewport'], f'no horizontal scrolling: {probe}')
for p in probe['paragraphs']:
    expect(p['originalWidth'] > 200 and p['rulesWidth'] > 200, f'both columns visible: {p}')
    expect(p['originalRight'] <= p['rulesLeft'], f'original left of the rules: {p}')
    expect(abs(p['top'] - p['rulesTop']) < 1, f'side by side: {p}')
h = probe['highlights']
expect(h['uncovered']['background'] != h['covered']['background'],
       f'uncovered sentences highlighted: {h}')
expect(h['covered']['background'] not in ('rgba(0, 0, 0, 0)', 'transparent'), f'covered: {h}')
expect(probe['unquotedBorder'] == 'rgb(192, 57, 43)', f'rules without a quote in red: {probe}')
print(f'ok: {len(page.sections)} paragraphs, {len(states)} sentences, layout checked')
