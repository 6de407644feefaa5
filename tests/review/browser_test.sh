#!/bin/sh
# The review page in a real browser (issue 13 §2): `mandate review` writes
# the page of tests/plans/review/village.plan; headless Chromium loads it
# with a probe that measures the laid-out page and writes what it found
# into the DOM (--dump-dom); check_page.py checks that DOM; a screenshot
# is kept next to it for people. Runs as root (CI) with --no-sandbox.
# Usage: browser_test.sh MANDATE PLAN OUTPUT_FOLDER
set -eu
mandate=$1
plan=$2
out=$3
here=$(dirname "$0")
mkdir -p "$out"
out=$(cd "$out" && pwd)

"$mandate" review "$plan" --out "$out/review.html" > "$out/review-coverage.txt"

# The probe runs only in the test's copy: the page itself has no script.
sed 's|</body>|<script src="probe.js"></script></body>|' "$out/review.html" > "$out/review-probe.html"
cp "$here/probe.js" "$out/probe.js"

browser() {
  # A private profile; no sandbox (root in CI); no /dev/shm (small in containers).
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$out/chromium-profile" --window-size=1280,1400 \
    "$@" 2>> "$out/chromium.log"
}
browser --virtual-time-budget=5000 --dump-dom "file://$out/review-probe.html" > "$out/review-dom.html"
browser --screenshot="$out/review.png" "file://$out/review.html" > /dev/null
test -s "$out/review.png"
/usr/bin/python3 "$here/check_page.py" "$out/review-dom.html"
echo "screenshot: $out/review.png"
