#!/usr/bin/env python3
# Measures the guard on a fresh set: python3 measure.py SET.tsv CONFIG.json SPORTELLO_CLI [--errors]
# Runs `sportello-cli guard --json --config CONFIG` over the set's texts and compares, line by line,
# the kinds found with the line's expected kinds (a kind counts once per line): precision and
# recall in all and per kind, and with --errors each line whose kinds differ.
import collections, json, subprocess, sys, tempfile

tsv, config, cli = sys.argv[1:4]
show_errors = '--errors' in sys.argv[4:]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8') if l.strip() and not l.startswith('#')]
texts = '\n'.join(r[4] for r in rows) + '\n'
with tempfile.TemporaryDirectory() as folder:
    out = subprocess.run([cli, 'guard', '--json', '--config', config, '--database', folder + '/cache.sqlite'],
                         input=texts, capture_output=True, text=True, check=True).stdout
found = {}
for line in out.splitlines():
    o = json.loads(line)
    found[o['line']] = set(f['kind'] for f in o['findings'])
kinds = ['birth_date', 'claim_number', 'email', 'health', 'iban', 'phone', 'plate', 'policy_number', 'tax_code']
tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
for i, r in enumerate(rows, 1):
    expected = set() if r[3] == 'none' else set(r[3].split(','))
    got = found.get(i, set())
    for k in kinds:
        tp[k] += k in expected and k in got
        fp[k] += k in got and k not in expected
        fn[k] += k in expected and k not in got
    if show_errors and expected != got:
        print(r[0], 'FP', ','.join(sorted(got - expected)), 'FN', ','.join(sorted(expected - got)), '|', r[4])
T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
print(f'{len(rows)} lines: precision {T / (T + F):.3f} recall {T / (T + N):.3f} (tp {T} fp {F} fn {N})')
for k in kinds:
    p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else float('nan')
    r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else float('nan')
    print(f'  {k:14s} precision {p:.2f} recall {r:.2f}  tp {tp[k]} fp {fp[k]} fn {fn[k]}')
