#!/usr/bin/env python3
"""Consistency checks for guard_fresh_b.tsv.

- 5 tab-separated fields per line, ids FB-001.. unique and sequential
- lang in {it, en}, type in {post, reply}
- expected is `none` or a sorted, duplicate-free list of known kinds
- tax_code: labelled iff the text holds a codice-fiscale-shaped string whose check character is
  correct (official odd/even tables); every wrong-check candidate is in a line without tax_code
  unless a valid one is also present
- iban: labelled iff the text holds an IBAN-shaped string passing ISO 7064 mod 97-10
- plate: labelled iff an Italian plate token AA999AA is present (upper case compact/space/dash,
  lower case compact), except the documented format hint XX000XX
- email: a plain address that is not a functional mailbox of the company and not masked must
  be labelled email
Prints counts per kind, per lang and per type.
"""
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_b import cf_valid, iban_valid, IBAN_LEN  # noqa: E402

KINDS = ['birth_date', 'claim_number', 'email', 'health', 'iban', 'phone', 'plate',
         'policy_number', 'tax_code']
OMO = '0-9LMNPQRSTUV'
CF_RE = re.compile(
    rf'(?<![A-Za-z0-9])[A-Z]{{3}} ?[A-Z]{{3}} ?[{OMO}]{{2}}[A-Z][{OMO}]{{2}} ?[A-Z][{OMO}]{{3}} ?[A-Z](?![A-Za-z0-9])',
    re.IGNORECASE)
IBAN_START = re.compile(r'(?<![A-Za-z0-9])([A-Z]{2})[ -]?(\d{2})')
PL = 'A-HJ-NPR-TV-Z'
PLATE_UP = re.compile(rf'(?<![A-Za-z0-9])[{PL}]{{2}}([ -]?)\d{{3}}\1[{PL}]{{2}}(?![A-Za-z0-9])')
PLATE_LOW = re.compile(rf'(?<![A-Za-z0-9])[{PL.lower()}]{{2}}\d{{3}}[{PL.lower()}]{{2}}(?![A-Za-z0-9])')
PLATE_ANY = re.compile(r'(?<![A-Za-z0-9])[A-Za-z]{2}[ -]?\d{3}[ -]?[A-Za-z]{2}(?![A-Za-z0-9])')
EMAIL_RE = re.compile(r'[A-Za-z0-9._%+*-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}')
FUNCTIONAL = {'reclami', 'sinistri', 'assistenza', 'privacy', 'lanternaassicurazioni'}
OWN_DOMAIN = 'lanternaassicurazioni.it'


def cf_candidates(text):
    out = []
    for m in CF_RE.finditer(text):
        s = m.group(0)
        if any(c.isdigit() for c in s):
            out.append(s)
    return out


def iban_candidates(text):
    out = []
    for m in IBAN_START.finditer(text):
        cc = m.group(1)
        if cc not in IBAN_LEN:
            continue
        need = IBAN_LEN[cc]
        chars = cc + m.group(2)
        i = m.end()
        while len(chars) < need and i < len(text):
            c = text[i]
            if c.isupper() or c.isdigit():
                chars += c
                i += 1
            elif c in ' -' and i + 1 < len(text) and (text[i + 1].isupper() or text[i + 1].isdigit()):
                i += 1
            else:
                break
        out.append(chars)
    return out


def main(path):
    errors = []
    kinds = Counter()
    by_lang = Counter()
    by_type = Counter()
    by_lang_type = Counter()
    none = 0
    n = 0
    cf_ok = cf_bad = iban_ok = iban_bad = 0
    for lineno, line in enumerate(Path(path).read_text(encoding='utf-8').split('\n'), 1):
        if line == '':
            continue
        n += 1
        f = line.split('\t')
        if len(f) != 5:
            errors.append(f'line {lineno}: {len(f)} fields')
            continue
        id_, lang, typ, expected, text = f
        if id_ != f'FB-{n:03d}':
            errors.append(f'line {lineno}: id {id_} expected FB-{n:03d}')
        if lang not in ('it', 'en'):
            errors.append(f'{id_}: lang {lang}')
        if typ not in ('post', 'reply'):
            errors.append(f'{id_}: type {typ}')
        if not text.strip():
            errors.append(f'{id_}: empty text')
        by_lang[lang] += 1
        by_type[typ] += 1
        by_lang_type[(lang, typ)] += 1
        if expected == 'none':
            labels = []
            none += 1
        else:
            labels = expected.split(',')
            if labels != sorted(labels) or len(set(labels)) != len(labels):
                errors.append(f'{id_}: labels not sorted/unique: {expected}')
            for k in labels:
                if k not in KINDS:
                    errors.append(f'{id_}: unknown kind {k}')
                kinds[k] += 1
        # tax code
        cands = cf_candidates(text)
        valid = [c for c in cands if cf_valid(c)]
        invalid = [c for c in cands if not cf_valid(c)]
        cf_ok += len(valid)
        cf_bad += len(invalid)
        if bool(valid) != ('tax_code' in labels):
            errors.append(f'{id_}: tax_code label {"tax_code" in labels} but valid CF candidates {valid} (invalid {invalid})')
        # iban
        cands = iban_candidates(text)
        valid = [c for c in cands if iban_valid(c)]
        invalid = [c for c in cands if not iban_valid(c)]
        iban_ok += len(valid)
        iban_bad += len(invalid)
        if bool(valid) != ('iban' in labels):
            errors.append(f'{id_}: iban label {"iban" in labels} but valid IBAN candidates {valid} (invalid {invalid})')
        # plate
        plates = [m.group(0) for m in PLATE_UP.finditer(text) if m.group(0) != 'XX000XX']
        plates += [m.group(0) for m in PLATE_LOW.finditer(text)]
        if bool(plates) != ('plate' in labels):
            errors.append(f'{id_}: plate label {"plate" in labels} but plates {plates}')
        loose = [m.group(0) for m in PLATE_ANY.finditer(text)]
        if loose and not plates and m_not_hint(loose):
            print(f'note {id_}: plate-like token(s) not counted: {loose}')
        # email
        for m in EMAIL_RE.finditer(text):
            addr = m.group(0)
            local, domain = addr.rsplit('@', 1)
            if '*' in addr:
                continue
            if domain.lower().endswith(OWN_DOMAIN) and local.lower() in FUNCTIONAL:
                continue
            if 'email' not in labels:
                errors.append(f'{id_}: personal address {addr} but no email label')
    print(f'lines: {n}   none: {none} ({100 * none / max(n, 1):.1f}%)')
    print('per kind (lines):')
    for k in KINDS:
        print(f'  {k:14s} {kinds[k]}')
    print('per lang:', dict(by_lang), f'(it {100 * by_lang["it"] / max(n, 1):.1f}%)')
    print('per type:', dict(by_type))
    print('per lang/type:', {f'{a}/{b}': v for (a, b), v in sorted(by_lang_type.items())})
    print(f'CF candidates: {cf_ok} valid, {cf_bad} wrong check;  IBAN candidates: {iban_ok} valid, {iban_bad} invalid')
    if errors:
        print(f'{len(errors)} ERRORS:')
        for e in errors:
            print('  ' + e)
        return 1
    print('OK')
    return 0


def m_not_hint(tokens):
    return any(t != 'XX000XX' for t in tokens)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent / 'guard_fresh_b.tsv'))
