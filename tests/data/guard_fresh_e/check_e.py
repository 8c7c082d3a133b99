#!/usr/bin/env python3
"""Consistency checks for guard_fresh_e.tsv.

- 5 tab-separated fields per line, ids FE-001.. unique and sequential
- lang in {it,en}, type in {post,reply}
- expected is 'none' or a sorted, duplicate-free list of known kinds
- every line labelled tax_code contains a codice fiscale with a valid check character, and every
  line containing a valid one is labelled tax_code; lines whose only candidates fail the check are
  not labelled tax_code (near-misses)
- the same for IBANs (ISO 7064 mod 97-10, per-country length)
- plate: warns when an Italian plate token is present and the line is not labelled plate, or the reverse
Prints counts per kind, per lang and per type.
"""
import re, sys, os
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_e import cf_valid, iban_valid, LENGTHS

KINDS = ["birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number", "tax_code"]
OM = "0-9LMNPQRSTUV"
CF_RE = re.compile(r'(?<![A-Z0-9])([A-Z]{3} ?[A-Z]{3} ?[%s]{2}[ABCDEHLMPRST][%s]{2} ?[A-Z][%s]{3} ?[A-Z])(?![A-Z0-9])' % (OM, OM, OM))
IBAN_RE = re.compile(r'(?<![A-Z0-9])([A-Z]{2}[ -]?[0-9]{2}(?:[ -]?[A-Z0-9]){8,34})')
PLATE_RE = re.compile(r'(?<![A-Za-z0-9])(?:[A-HJ-NPR-TV-Z]{2}[ -]?[0-9]{3}[ -]?[A-HJ-NPR-TV-Z]{2}|[a-hj-npr-tv-z]{2}[0-9]{3}[a-hj-npr-tv-z]{2})(?![A-Za-z0-9])')


def cf_candidates(text):
    return [m.group(1) for m in CF_RE.finditer(text.upper())]


def iban_candidates(text):
    """returns list of (string, valid) for IBAN-shaped strings of a known country"""
    out = []
    for m in IBAN_RE.finditer(text):
        raw = m.group(1)
        cc = raw[:2]
        if cc not in LENGTHS:
            continue
        L = LENGTHS[cc]
        compact = re.sub(r'[ -]', '', raw)
        if len(compact) < L:
            continue
        out.append((compact[:L], iban_valid(compact[:L])))
    return out


def selftest():
    # published reference values
    assert cf_valid("RSSMRA85T10A562S") and not cf_valid("RSSMRA85T10A562T")
    assert cf_valid("rss mra 85t10 a562s")
    assert iban_valid("IT60X0542811101000000123456") and not iban_valid("IT61X0542811101000000123456")
    assert iban_valid("GB82WEST12345698765432") and iban_valid("DE89370400440532013000")
    assert iban_valid("FR1420041010050500013M02606") and iban_valid("BE68539007547034")


def main(path):
    selftest()
    errors = []
    kinds = Counter()
    langtype = Counter()
    none = 0
    n = 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            fs = line.split("\t")
            if len(fs) != 5:
                errors.append("line %d: %d fields" % (i, len(fs)))
                continue
            id_, lang, typ, exp, text = fs
            n += 1
            if id_ != "FE-%03d" % i:
                errors.append("line %d: id %s not sequential" % (i, id_))
            if lang not in ("it", "en"):
                errors.append("%s: lang %s" % (id_, lang))
            if typ not in ("post", "reply"):
                errors.append("%s: type %s" % (id_, typ))
            if not text.strip():
                errors.append("%s: empty text" % id_)
            if exp == "none":
                ks = []
                none += 1
            else:
                ks = exp.split(",")
                if ks != sorted(set(ks)):
                    errors.append("%s: kinds not sorted/unique: %s" % (id_, exp))
                for k in ks:
                    if k not in KINDS:
                        errors.append("%s: unknown kind %s" % (id_, k))
            for k in ks:
                kinds[k] += 1
            langtype[(lang, typ)] += 1
            # tax codes
            cfs = cf_candidates(text)
            valid_cf = [c for c in cfs if cf_valid(c)]
            if valid_cf and "tax_code" not in ks:
                errors.append("%s: valid tax code %s but not labelled" % (id_, valid_cf))
            if "tax_code" in ks and not valid_cf:
                errors.append("%s: labelled tax_code but no valid tax code (candidates %s)" % (id_, cfs))
            # IBANs
            ibs = iban_candidates(text)
            valid_ib = [s for s, ok in ibs if ok]
            if valid_ib and "iban" not in ks:
                errors.append("%s: valid IBAN %s but not labelled" % (id_, valid_ib))
            if "iban" in ks and not valid_ib:
                errors.append("%s: labelled iban but no valid IBAN (candidates %s)" % (id_, ibs))
            # plates (structural consistency)
            # format hints such as XX000XX are not plates (G10)
            plates = [p for p in PLATE_RE.findall(text) if not re.fullmatch(r'XX[ -]?000[ -]?XX', p)]
            if plates and "plate" not in ks:
                errors.append("%s: plate-shaped %s but not labelled plate" % (id_, plates))
            if "plate" in ks and not plates:
                errors.append("%s: labelled plate but no plate token" % id_)
            # e-mail written plainly with '@' and a TLD, on a non-functional mailbox
            if "email" not in ks:
                for m in re.finditer(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', text):
                    local = m.group(0).split("@")[0].lower()
                    dom = m.group(0).split("@")[1].lower()
                    functional = local in ("reclami", "sinistri", "assistenza", "privacy", "lanterna") and dom.endswith("lanternaassicurazioni.it")
                    if not functional:
                        errors.append("%s: address %s but not labelled email" % (id_, m.group(0)))
    print("lines: %d" % n)
    print("none: %d (%.1f%%)" % (none, 100.0 * none / max(n, 1)))
    print("per kind:")
    for k in KINDS:
        print("  %-14s %d" % (k, kinds[k]))
    print("per lang/type:")
    for (l, t), c in sorted(langtype.items()):
        print("  %s/%s %d" % (l, t, c))
    lang = Counter()
    for (l, t), c in langtype.items():
        lang[l] += c
    print("  it %d (%.1f%%), en %d" % (lang["it"], 100.0 * lang["it"] / max(n, 1), lang["en"]))
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "guard_fresh_e.tsv"))
