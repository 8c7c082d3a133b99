#!/usr/bin/env python3
"""Checks guard_fresh_h.tsv: format, ids, kinds, checksums, plate/e-mail consistency; prints counts."""
import re, sys, os, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_h import cf_check, iban_ok, FLEN

FORMAT_HINTS = {"XX000XX"}  # G10 format placeholder, named in the rules
KINDS = {"birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number", "tax_code"}
OMO = "LMNPQRSTUV"
D = "[0-9LMNPQRSTUV]"
L = "[A-Z]"
CF_PARTS = [L] * 6 + [D, D, L, D, D, L, D, D, D, L]
CF_RE = re.compile(r"(?<![A-Z0-9])" + " ?".join(CF_PARTS) + r"(?![A-Z0-9])", re.I)
PLATE_UP = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NPR-TV-Z]{2}[ -]?\d{3}[ -]?[A-HJ-NPR-TV-Z]{2}(?![A-Za-z0-9])")
PLATE_LO = re.compile(r"(?<![A-Za-z0-9])[a-hj-npr-tv-z]{2}\d{3}[a-hj-npr-tv-z]{2}(?![A-Za-z0-9])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FUNCTIONAL = re.compile(r"^(reclami|sinistri|assistenza|privacy|info|lanternaassicurazioni)@([a-z.]*\.)?lanternaassicurazioni\.it$", re.I)

def cf_valid(tok):
    s = tok.replace(" ", "").upper()
    return cf_check(s[:15]) == s[15]

def iban_candidates(text):
    out = []
    for m in re.finditer(r"(?<![A-Za-z0-9])([A-Z]{2})[ -]?(\d{2})", text):
        cc = m.group(1)
        if cc not in FLEN:
            continue
        n = FLEN[cc]
        buf = cc + m.group(2)
        i = m.end()
        while i < len(text) and len(buf) < n:
            ch = text[i]
            if ch.isalnum() and ch.isascii():
                buf += ch
            elif ch in " -" and i + 1 < len(text) and text[i + 1].isalnum():
                pass
            else:
                break
            i += 1
        if len(buf) == n:
            out.append(buf)
    return out

def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guard_fresh_h.tsv")
    errs = []
    kinds = collections.Counter()
    langtype = collections.Counter()
    n = 0
    none = 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            parts = line.split("\t")
            if len(parts) != 5:
                errs.append(f"line {i}: {len(parts)} fields"); continue
            fid, lang, typ, exp, text = parts
            n += 1
            if fid != f"FH-{i:03d}": errs.append(f"line {i}: id {fid}")
            if lang not in ("it", "en"): errs.append(f"{fid}: lang")
            if typ not in ("post", "reply"): errs.append(f"{fid}: type")
            if not text.strip(): errs.append(f"{fid}: empty text")
            if exp == "none":
                ks = []
                none += 1
            else:
                ks = exp.split(",")
                if ks != sorted(ks) or len(set(ks)) != len(ks): errs.append(f"{fid}: kinds not sorted/unique")
                for k in ks:
                    if k not in KINDS: errs.append(f"{fid}: unknown kind {k}")
                    kinds[k] += 1
            langtype[(lang, typ)] += 1
            # tax code: labelled iff a valid candidate is present
            cfs = [m.group(0) for m in CF_RE.finditer(text)]
            has_valid_cf = any(cf_valid(c) for c in cfs)
            if has_valid_cf != ("tax_code" in ks):
                errs.append(f"{fid}: tax_code label {('tax_code' in ks)} but valid CF present={has_valid_cf} {cfs}")
            ibs = iban_candidates(text)
            has_valid_iban = any(iban_ok(b) for b in ibs)
            if has_valid_iban != ("iban" in ks):
                errs.append(f"{fid}: iban label {('iban' in ks)} but valid IBAN present={has_valid_iban} {ibs}")
            plates = [p for p in PLATE_UP.findall(text) + PLATE_LO.findall(text) if p not in FORMAT_HINTS]
            if bool(plates) != ("plate" in ks):
                errs.append(f"{fid}: plate label {('plate' in ks)} but plate tokens {plates}")
            mails = [m for m in EMAIL_RE.findall(text) if not FUNCTIONAL.match(m)]
            if mails and "email" not in ks:
                errs.append(f"{fid}: personal-looking e-mail {mails} but no email label")
    for e in errs:
        print("ERROR", e)
    print(f"lines: {n}   none: {none} ({100*none/n:.1f}%)")
    for k in sorted(KINDS):
        print(f"  {k:14s} {kinds[k]}")
    for (l, t), c in sorted(langtype.items()):
        print(f"  {l}/{t}: {c}")
    langs = collections.Counter(l for (l, t) in langtype.elements())
    print(f"  it: {langs['it']} ({100*langs['it']/n:.1f}%)  en: {langs['en']}")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
