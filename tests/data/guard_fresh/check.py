#!/usr/bin/env python3
"""Checks ../guard_fresh_a.tsv: 5 fields, unique ids, kinds sorted and known, and that the
tax_code / iban labels agree with the checksums of the candidates in the text. Prints counts."""
import os, re, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import cf_valid, iban_valid
KINDS = ["birth_date","claim_number","email","health","iban","phone","plate","policy_number","tax_code"]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "guard_fresh_a.tsv")
CF_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{6}\s?[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}\s?[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}\s?[A-Za-z])(?![A-Za-z0-9])")
IBAN_RE = re.compile(r"\b([A-Z]{2}[ -]?\d{2}(?:[ -]?[A-Z0-9]){11,30})\b")
errs = 0; ids = set(); kc = collections.Counter(); tl = collections.Counter(); cf_ok = cf_bad = ib_ok = ib_bad = 0
seen_vals = collections.Counter()
for n, ln in enumerate(open(path, encoding="utf-8"), 1):
    f = ln.rstrip("\n").split("\t")
    def err(m):
        global errs; errs += 1; print(f"line {n}: {m}")
    if len(f) != 5: err(f"{len(f)} fields"); continue
    i, lang, typ, exp, text = f
    if not re.fullmatch(r"FA-\d{3}", i) or i in ids: err("bad/dup id " + i)
    ids.add(i)
    if lang not in ("it","en") or typ not in ("post","reply"): err("lang/type")
    ks = [] if exp == "none" else exp.split(",")
    if ks != sorted(set(ks)) or any(k not in KINDS for k in ks) or (exp != "none" and not ks): err("expected " + exp)
    tl[(lang, typ)] += 1
    for k in ks or ["none"]: kc[k] += 1
    cfs = [m.replace(" ", "") for m in CF_RE.findall(text)]
    good = [c for c in cfs if cf_valid(c)]; cf_ok += len(good); cf_bad += len(cfs) - len(good)
    if bool(good) != ("tax_code" in ks): err(f"tax_code label vs candidates {cfs}")
    ibs = [m for m in IBAN_RE.findall(text) if sum(ch.isdigit() for ch in m) >= 12]
    gi = [b for b in ibs if iban_valid(b)]; ib_ok += len(gi); ib_bad += len(ibs) - len(gi)
    if bool(gi) != ("iban" in ks): err(f"iban label vs candidates {ibs}")
    for v in good + gi: seen_vals[v.replace(" ","").replace("-","").upper()] += 1
    if "email" in ks and not re.search(r"@|\[at\]|\(at\)| at |chiocciola", text): err("email label without an @/at")
    for m in re.findall(r"[\w.+*-]+@[\w-]+\.[\w.]+", text):
        if "email" not in ks and not re.match(r"(reclami|sinistri|assistenza|privacy|lanternaassicurazioni)@", m) and "*" not in m:
            err("address not labelled email: " + m)
    pl = [m for m in re.findall(r"(?<![A-Za-z0-9-])([A-Z]{2}[ -]?\d{3}[ -]?[A-Z]{2}|[a-z]{2}\d{3}[a-z]{2})(?![A-Za-z0-9-])", text) if m != "XX000XX"]
    if bool(pl) != ("plate" in ks): err(f"plate label vs candidates {pl}")
dups = [v for v, c in seen_vals.items() if c > 1]
if dups: print("reused valid values:", dups)
print(f"{len(ids)} lines; valid tax codes {cf_ok}, invalid {cf_bad}; valid IBANs {ib_ok}, invalid {ib_bad}")
for k in KINDS + ["none"]: print(f"  {k:14s} {kc[k]}")
for k, v in sorted(tl.items()): print(f"  {k[0]} {k[1]:6s} {v}")
sys.exit(1 if errs else 0)
