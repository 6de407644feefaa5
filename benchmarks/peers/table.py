#!/usr/bin/env python3
"""The side-by-side table of compare: table.py N RESULTS_DIR PEER...

Per peer, the median over its runs of: CPU seconds (user + sys, from
/usr/bin/time), wall seconds, peak RSS (MiB), and the in-process load and
eval seconds the peer prints (TIMING line); the ratios of CPU, wall and RSS
to the hand-written loop (ref); and whether the peer's digest is ref's."""
import glob, os, re, statistics, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import digest


def runs_of(rdir, peer):
    rows = []
    for t in sorted(glob.glob(os.path.join(rdir, peer + '.run*.time'))):
        with open(t) as f:
            m = re.search(r'wall=([\d.]+) rss_kb=(\d+) user=([\d.]+) sys=([\d.]+)', f.read())
        with open(t.replace('.time', '.log')) as f:
            lg = re.search(r'TIMING load=(\S+) prep=(\S+) eval=(\S+) out=(\S+)', f.read())
        rows.append({'cpu': float(m.group(3)) + float(m.group(4)), 'wall': float(m.group(1)),
                     'rss': int(m.group(2)) / 1024,
                     'load': float(lg.group(1)) if lg else None,
                     'eval': float(lg.group(3)) if lg else None})
    return {k: statistics.median([r[k] for r in rows if r[k] is not None] or [0]) for k in
            ('cpu', 'wall', 'rss', 'load', 'eval')}, len(rows)


def main():
    n, rdir, peers = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    med = {p: runs_of(rdir, p) for p in peers}
    dig = {p: digest(os.path.join(rdir, p + '.out')) for p in peers}
    ref = med.get('ref', (None,))[0]
    print('\nN = %d (medians of %s; CPU = user + sys; RSS = peak resident MiB)' %
          (n, ', '.join('%s: %d runs' % (p, med[p][1]) for p in peers)))
    print('| peer | CPU s | wall s | RSS MiB | load s | eval s | CPU ×ref | wall ×ref | RSS ×ref | digest |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|')
    ok = True
    for p in peers:
        m = med[p][0]
        same = dig[p] == dig.get('ref', dig[p])
        ok &= same
        ratio = lambda k: ('%.2f' % (m[k] / ref[k])) if ref and ref[k] > 0 else '-'
        print('| %s | %.2f | %.2f | %.0f | %.3f | %.3f | %s | %s | %s | %s |' % (
            p, m['cpu'], m['wall'], m['rss'], m['load'], m['eval'], ratio('cpu'), ratio('wall'),
            ratio('rss'), 'MATCH' if same else 'MISMATCH'))
    print('\ndigest (ref): ' + ' '.join('%s=%s' % kv for kv in dig.get('ref', {}).items()))
    for p in peers:
        if dig[p] != dig.get('ref', dig[p]):
            print('digest (%s): %s' % (p, ' '.join('%s=%s' % kv for kv in dig[p].items())))
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
