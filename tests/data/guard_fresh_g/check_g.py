#!/usr/bin/env python3
"""Consistency checks for guard_fresh_g.tsv.

- 5 tab-separated fields per line, ids FG-001.. unique and sequential
- lang in {it, en}, type in {post, reply}
- expected = none or a sorted, duplicate-free list of known kinds
- every codice-fiscale-shaped string: tax_code labelled iff at least one passes the check character
- every IBAN-shaped string: iban labelled iff at least one passes mod 97-10
- plate labelled iff an Italian plate token (current format, allowed letters) is present
  (format hints made of XX/AA + 000 are ignored)
- a literal address local@domain.tld that is not one of the company's functional mailboxes
  must be labelled email
Prints counts per kind and per lang/type.
"""
import re
import sys
from collections import Counter
from pathlib import Path

KINDS = ["birth_date", "claim_number", "email", "health", "iban", "phone", "plate",
         "policy_number", "tax_code"]

# ---- codice fiscale
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
ODD = {chr(65 + i): v for i, v in enumerate(_odd_vals)}
ODD.update({str(d): _odd_vals[d] for d in range(10)})
EVEN = {chr(65 + i): i for i in range(26)}
EVEN.update({str(d): d for d in range(10)})


def cf_ok(cf):
    cf = cf.upper()
    s = sum(ODD[c] if i % 2 == 0 else EVEN[c] for i, c in enumerate(cf[:15]))
    return chr(65 + s % 26) == cf[15]


D = "[0-9LMNPQRSTUVlmnpqrstuv]"
L = "[A-Za-z]"
CF_RE = re.compile(rf"(?<![A-Za-z0-9])({L}{{3}} ?{L}{{3}} ?{D}{{2}} ?{L} ?{D}{{2}} ?{L} ?{D}{{3}} ?{L})(?![A-Za-z0-9])")

# ---- IBAN
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "AT": 20, "NL": 18, "CH": 21,
            "SM": 27, "PT": 25, "IE": 22, "LU": 20}


def mod97(s):
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_candidates(text):
    out = []
    for m in re.finditer(r"(?<![A-Za-z0-9])(" + "|".join(IBAN_LEN) + r")", text):
        cc = m.group(1)
        n = IBAN_LEN[cc]
        chars, i = [], m.start()
        while i < len(text) and len(chars) < n:
            c = text[i]
            if c.isalnum() and c.isascii():
                chars.append(c)
                i += 1
            elif c in " -" and chars and i + 1 < len(text) and text[i + 1].isalnum():
                i += 1
            else:
                break
        s = "".join(chars)
        if len(s) == n and s[2:4].isdigit():
            out.append(s)
    return out


def iban_ok(s):
    return mod97(s[4:] + s[:4]) == 1


# ---- plate
PL = "[A-HJ-NPR-TV-Z]"
PLATE_UP = re.compile(rf"(?<![A-Za-z0-9])({PL}{{2}}([ -]?)\d{{3}}\2{PL}{{2}})(?![A-Za-z0-9])")
PLATE_LO = re.compile(rf"(?<![A-Za-z0-9])({PL.lower()}{{2}}\d{{3}}{PL.lower()}{{2}})(?![A-Za-z0-9])")

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FUNCTIONAL = {"reclami", "sinistri", "assistenza", "privacy", "info"}
OWN = "lanternaassicurazioni.it"


def main(path):
    errors = []
    kinds = Counter()
    langtype = Counter()
    none = 0
    near_cf = near_iban = 0
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        f = line.split("\t")
        if len(f) != 5:
            errors.append(f"line {n}: {len(f)} fields")
            continue
        id_, lang, typ, exp, text = f
        if id_ != f"FG-{n:03d}":
            errors.append(f"line {n}: id {id_} not sequential")
        if lang not in ("it", "en"):
            errors.append(f"{id_}: lang {lang}")
        if typ not in ("post", "reply"):
            errors.append(f"{id_}: type {typ}")
        if not text.strip():
            errors.append(f"{id_}: empty text")
        if exp == "none":
            ks = []
            none += 1
        else:
            ks = exp.split(",")
            if ks != sorted(ks) or len(set(ks)) != len(ks):
                errors.append(f"{id_}: kinds not sorted/unique: {exp}")
            for k in ks:
                if k not in KINDS:
                    errors.append(f"{id_}: unknown kind {k}")
        kinds.update(ks)
        langtype[(lang, typ)] += 1

        cfs = [m.group(1).replace(" ", "") for m in CF_RE.finditer(text)]
        cfs = [c for c in cfs if sum(ch.isdigit() for ch in c) >= 3]
        cf_valid = any(cf_ok(c) for c in cfs)
        if cf_valid != ("tax_code" in ks):
            errors.append(f"{id_}: tax_code label {'tax_code' in ks} but valid CF present={cf_valid} {cfs}")

        near_cf += sum(1 for c in cfs if not cf_ok(c))
        ibs = iban_candidates(text)
        ib_valid = any(iban_ok(s.upper()) for s in ibs)
        near_iban += sum(1 for s in ibs if not iban_ok(s.upper()))
        if ib_valid != ("iban" in ks):
            errors.append(f"{id_}: iban label {'iban' in ks} but valid IBAN present={ib_valid} {ibs}")

        plates = [m.group(1) for m in PLATE_UP.finditer(text)] + [m.group(1) for m in PLATE_LO.finditer(text)]
        plates = [p for p in plates if not re.fullmatch(r"(XX|AA)[ -]?000[ -]?(XX|AA)", p)]
        if bool(plates) != ("plate" in ks):
            errors.append(f"{id_}: plate label {'plate' in ks} but plates={plates}")

        for m in EMAIL_RE.finditer(text):
            local, dom = m.group(0).split("@", 1)
            functional = local.lower() in FUNCTIONAL and (dom.lower() == OWN or dom.lower().endswith("." + OWN))
            if not functional and "email" not in ks:
                errors.append(f"{id_}: personal e-mail {m.group(0)} but no email label")

    for e in errors:
        print("ERROR", e)
    total = len(lines)
    print(f"lines: {total}   none: {none} ({100 * none / max(total, 1):.1f}%)")
    print(f"near-miss (wrong check) tax codes: {near_cf}   near-miss IBANs: {near_iban}")
    for k in KINDS:
        print(f"  {k:14s} {kinds[k]}")
    for (lang, typ), c in sorted(langtype.items()):
        print(f"  {lang}/{typ}: {c}")
    it = sum(c for (lg, _), c in langtype.items() if lg == "it")
    print(f"  it share: {100 * it / max(total, 1):.1f}%")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent / "guard_fresh_g.tsv"))
