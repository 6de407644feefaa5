// Measures the page as the browser laid it out and records the result on
// <body data-probe="…"> for check_page.py (tests/review/browser_test.sh).
(function () {
  const box = (element) => element.getBoundingClientRect();
  const result = {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    paragraphs: [],
    highlights: {},
  };
  for (const section of document.querySelectorAll('section.paragraph')) {
    const original = box(section.querySelector('.original'));
    const rules = box(section.querySelector('.rules'));
    result.paragraphs.push({
      id: section.id,
      originalLeft: original.left, originalRight: original.right, originalWidth: original.width,
      rulesLeft: rules.left, rulesWidth: rules.width, top: original.top, rulesTop: rules.top,
    });
  }
  for (const kind of ['covered', 'uncovered', 'not-executable']) {
    const sentence = document.querySelector('.sentence.' + kind + '[id]');
    if (sentence) {
      const style = getComputedStyle(sentence);
      result.highlights[kind] = { background: style.backgroundColor, color: style.color };
    }
  }
  const unquoted = document.querySelector('.rule.unquoted');
  if (unquoted) result.unquotedBorder = getComputedStyle(unquoted).borderLeftColor;
  document.body.setAttribute('data-probe', JSON.stringify(result));
})();
