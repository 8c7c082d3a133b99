#!/usr/bin/env python3
"""Checks guard_fresh_c.tsv.

- exactly 5 tab-separated fields per line; ids FC-001.. unique and sequential
- lang in {it, en}, type in {post, reply}
- expected is `none` or a sorted, duplicate-free list of known kinds
- every line whose text holds a codice fiscale candidate that passes the check character is
  labelled tax_code, and every line labelled tax_code holds one (so wrong-check near misses are
  never labelled tax_code)
- the same for IBAN candidates (ISO 7064 mod 97-10)
- plate and e-mail labels are consistent with the plain written forms found in the text
  (obfuscated e-mails are allowed to be labelled without a plain form)
- prints counts per kind and per lang/type
"""
import re
import sys
from collections import Counter
from pathlib import Path

# Checksums re-implemented here on purpose (independent of gen_c.py), with self-tests below.
_ODD_DIGITS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
_ODD_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))


def _cf_char_value(ch, odd):
    if ch.isdigit():
        return _ODD_DIGITS[int(ch)] if odd else int(ch)
    return _ODD_LETTERS[ch] if odd else ord(ch) - 65


def cf_valid(code):
    code = code.upper()
    if not re.fullmatch(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", code):
        return False
    total = sum(_cf_char_value(ch, i % 2 == 0) for i, ch in enumerate(code[:15]))
    return chr(65 + total % 26) == code[15]


def iban_valid(s):
    s = re.sub(r"[ -]", "", s).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    r = s[4:] + s[:4]
    rem = 0
    for ch in r:
        for d in (str(ord(ch) - 55) if ch.isalpha() else ch):
            rem = (rem * 10 + int(d)) % 97
    return rem == 1


assert cf_valid("RSSMRA85T10A562S") and not cf_valid("RSSMRA85T10A562T")
assert iban_valid("IT60X0542811101000000123456") and iban_valid("GB82 WEST 1234 5698 7654 32")
assert iban_valid("DE89370400440532013000") and not iban_valid("IT61X0542811101000000123456")

KINDS = ["birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number",
         "tax_code"]
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "SM": 27, "CH": 21, "AT": 20, "NL": 18,
            "BE": 16, "PT": 25}

# codice fiscale: optional single space only between the natural groups
_L = "[A-Za-z]"
_N = "[0-9LMNPQRSTUVlmnpqrstuv]"
_layout = [_L] * 6 + [_N, _N, _L, _N, _N, _L, _N, _N, _N, _L]
_space_after = {3, 6, 8, 9, 11, 15}   # 1-based positions after which a space may appear
_cf_pat = ""
for i, p in enumerate(_layout, 1):
    _cf_pat += p
    if i in _space_after:
        _cf_pat += " ?"
CF_RE = re.compile(r"(?<![A-Za-z0-9])(?=(" + _cf_pat + r"))")


def cf_candidates(text):
    out = []
    for m in CF_RE.finditer(text):
        cand = m.group(1)
        end = m.start() + len(cand)
        if end < len(text) and text[end].isalnum():
            continue
        compact = cand.replace(" ", "")
        if sum(ch.isdigit() for ch in compact) < 4:
            continue
        out.append(compact)
    return out


def iban_candidates(text):
    out = []
    for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z]{2})[ -]?(\d{2})", text):
        cc = m.group(1)
        n = IBAN_LEN.get(cc)
        if not n:
            continue
        buf = []
        i = m.start()
        prev_sep = False
        while i < len(text) and len(buf) < n:
            ch = text[i]
            if ch.isalnum():
                buf.append(ch)
                prev_sep = False
            elif ch in " -" and not prev_sep and buf:
                prev_sep = True
            else:
                break
            i += 1
        out.append(''.join(buf))
    return out


PLATE_RE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{2}\d{3}[A-Z]{2}|[A-Z]{2} \d{3} [A-Z]{2}|[A-Z]{2}-\d{3}-[A-Z]{2}"
                      r"|[a-z]{2}\d{3}[a-z]{2})(?![A-Za-z0-9])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FUNCTIONAL = ("reclami@", "sinistri@", "assistenza@", "privacy@", "noreply@")


def main(path):
    errors = []
    kinds = Counter()
    langtype = Counter()
    none = 0
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    for n, line in enumerate(lines, 1):
        f = line.split("\t")
        if len(f) != 5:
            errors.append(f"line {n}: {len(f)} fields")
            continue
        fid, lang, typ, exp, text = f
        if fid != f"FC-{n:03d}":
            errors.append(f"line {n}: id {fid} not sequential")
        if lang not in ("it", "en"):
            errors.append(f"{fid}: lang {lang}")
        if typ not in ("post", "reply"):
            errors.append(f"{fid}: type {typ}")
        if not text.strip():
            errors.append(f"{fid}: empty text")
        if exp == "none":
            ks = []
            none += 1
        else:
            ks = exp.split(",")
            if ks != sorted(set(ks)):
                errors.append(f"{fid}: kinds not sorted/unique: {exp}")
            for k in ks:
                if k not in KINDS:
                    errors.append(f"{fid}: unknown kind {k}")
        kinds.update(ks)
        langtype[(lang, typ)] += 1

        has_cf = any(cf_valid(c) for c in cf_candidates(text))
        if has_cf != ("tax_code" in ks):
            errors.append(f"{fid}: tax_code label {('tax_code' in ks)} but valid CF found = {has_cf}")
        has_iban = any(iban_valid(c) for c in iban_candidates(text))
        if has_iban != ("iban" in ks):
            errors.append(f"{fid}: iban label {('iban' in ks)} but valid IBAN found = {has_iban}")
        # format hints such as XX000XX / XX 000 XX are not plates (G10)
        has_plate = any(not re.fullmatch(r"X{2}[ -]?0{3}[ -]?X{2}", m.group(0))
                        for m in PLATE_RE.finditer(text))
        if has_plate != ("plate" in ks):
            errors.append(f"{fid}: plate label {('plate' in ks)} but plate found = {has_plate}")
        personal_mail = [e for e in EMAIL_RE.findall(text)
                         if not e.lower().startswith(FUNCTIONAL) and "@pec.lanternaassicurazioni.it" not in e.lower()
                         and "*" not in e]
        if personal_mail and "email" not in ks:
            errors.append(f"{fid}: personal e-mail {personal_mail} but not labelled email")

    total = len(lines)
    print(f"lines: {total}")
    print(f"none: {none} ({100.0 * none / total:.1f}%)")
    for k in KINDS:
        print(f"  {k:14s} {kinds[k]}")
    it = sum(v for (l, _), v in langtype.items() if l == "it")
    print(f"it: {it} ({100.0 * it / total:.1f}%)  en: {total - it}")
    for (l, t), v in sorted(langtype.items()):
        print(f"  {l}/{t}: {v}")
    if errors:
        print(f"\n{len(errors)} ERRORS")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent / "guard_fresh_c.tsv")))
