#!/usr/bin/env python3
"""Check guard_fresh_f.tsv: format, ids, labels, checksums, plates, plain e-mails; print counts."""
import collections, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number", "tax_code"]

_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
ODD = {chr(65 + i): v for i, v in enumerate(_odd_vals)}
ODD.update({str(d): _odd_vals[d] for d in range(10)})
EVEN = {chr(65 + i): i for i in range(26)}
EVEN.update({str(d): d for d in range(10)})
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "AT": 20, "NL": 18, "CH": 21}
N = "[0-9LMNPQRSTUV]"
CF_RE = re.compile(rf"^[A-Z]{{6}}{N}{{2}}[ABCDEHLMPRST]{N}{{2}}[A-Z]{N}{{3}}[A-Z]$")
IBAN_RE = re.compile(r"^([A-Z]{2})(\d{2})([A-Z0-9]+)$")
PL = "[A-HJ-NPR-TV-Z]"
PLATE_UP = re.compile(rf"(?<![A-Za-z0-9]){PL}{{2}}[ -]?\d{{3}}[ -]?{PL}{{2}}(?![A-Za-z0-9])")
PLATE_LO = re.compile(rf"(?<![A-Za-z0-9]){PL.lower()}{{2}}\d{{3}}{PL.lower()}{{2}}(?![A-Za-z0-9])")
FORMAT_HINTS = {"XX000XX", "AA000AA", "AB123CD"}  # format hints in the text (G10)
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FUNCTIONAL = {"reclami", "sinistri", "assistenza", "privacy", "info", "servizio.clienti"}
OWN_DOMAIN = "lanternaassicurazioni.it"


def cf_ok(s):
    if not CF_RE.match(s):
        return False
    t = sum(ODD[c] if i % 2 == 0 else EVEN[c] for i, c in enumerate(s[:15]))
    return chr(65 + t % 26) == s[15]


def iban_ok(s):
    s2 = s[4:] + s[:4]
    return int(''.join(str(int(c, 36)) for c in s2)) % 97 == 1


def candidates(text):
    toks = [t.strip(".,;:!?()[]\"'") for t in text.split()]
    cfs, ibans = [], []
    for i in range(len(toks)):
        for j in range(i + 1, min(i + 9, len(toks)) + 1):
            joined = ''.join(toks[i:j]).upper()
            if len(joined) > 40:
                break
            if '-' not in joined and CF_RE.match(joined):
                cfs.append(joined)
            nodash = joined.replace('-', '')
            m = IBAN_RE.match(nodash)
            if m and m.group(1) in IBAN_LEN and len(nodash) == IBAN_LEN[m.group(1)]:
                ibans.append(nodash)
    return cfs, ibans


def main():
    path = os.path.join(HERE, "guard_fresh_f.tsv")
    errors = []
    kind_count = collections.Counter()
    lt = collections.Counter()
    none_n = 0
    near = collections.Counter()
    rows = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            parts = line.split("\t")
            if len(parts) != 5:
                errors.append(f"line {n}: {len(parts)} fields")
                continue
            rows += 1
            id_, lang, typ, exp, text = parts
            if id_ != f"FF-{n:03d}":
                errors.append(f"line {n}: id {id_} not sequential")
            if lang not in ("it", "en"):
                errors.append(f"{id_}: lang {lang}")
            if typ not in ("post", "reply"):
                errors.append(f"{id_}: type {typ}")
            kinds = [] if exp == "none" else exp.split(",")
            if exp != "none" and (kinds != sorted(set(kinds)) or not set(kinds) <= set(KINDS)):
                errors.append(f"{id_}: bad expected {exp}")
            if not text.strip():
                errors.append(f"{id_}: empty text")
            lt[(lang, typ)] += 1
            if not kinds:
                none_n += 1
            kind_count.update(kinds)
            cfs, ibans = candidates(text)
            vcf = [c for c in cfs if cf_ok(c)]
            vib = [b for b in ibans if iban_ok(b)]
            if ("tax_code" in kinds) != bool(vcf):
                errors.append(f"{id_}: tax_code label {('tax_code' in kinds)} but valid CF found {vcf}")
            if ("iban" in kinds) != bool(vib):
                errors.append(f"{id_}: iban label {('iban' in kinds)} but valid IBAN found {vib}")
            if len(cfs) > len(vcf):
                near["tax_code (wrong check)"] += 1
                if "tax_code" in kinds:
                    errors.append(f"{id_}: wrong CF in a line labelled tax_code")
            if len(ibans) > len(vib):
                near["iban (wrong check)"] += 1
                if "iban" in kinds:
                    errors.append(f"{id_}: wrong IBAN in a line labelled iban")
            plates = [p for p in PLATE_UP.findall(text) if p not in FORMAT_HINTS] + PLATE_LO.findall(text)
            if ("plate" in kinds) != bool(plates):
                errors.append(f"{id_}: plate label {('plate' in kinds)} but plates found {plates}")
            for e in EMAIL_RE.findall(text):
                local, dom = e.lower().split("@", 1)
                functional = local in FUNCTIONAL or dom.startswith("pec.") and dom.endswith(OWN_DOMAIN)
                if not functional and "email" not in kinds:
                    errors.append(f"{id_}: plain e-mail {e} but no email label")
    print(f"rows: {rows}")
    print(f"none: {none_n} ({100 * none_n / rows:.1f}%)")
    for k in KINDS:
        print(f"  {k:14s} {kind_count[k]}")
    for (lang, typ), c in sorted(lt.items()):
        print(f"  {lang}/{typ}: {c}")
    langs = collections.Counter()
    for (lang, _), c in lt.items():
        langs[lang] += c
    print("  lang:", dict(langs), f"it={100 * langs['it'] / rows:.1f}%")
    for k, c in near.items():
        print(f"  near-miss lines, {k}: {c}")
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
