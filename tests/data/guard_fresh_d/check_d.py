#!/usr/bin/env python3
"""Check guard_fresh_d.tsv: format, ids, kinds, checksum consistency, plate/e-mail consistency; print counts."""
import re, sys, os
from collections import Counter

KINDS = ["birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number", "tax_code"]
ODD_V = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
ODD = {chr(65 + i): v for i, v in enumerate(ODD_V)}
ODD.update({str(d): ODD_V[d] for d in range(10)})
EVEN = {chr(65 + i): i for i in range(26)}
EVEN.update({str(d): d for d in range(10)})
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "NL": 18, "CH": 21, "AT": 20, "PT": 25, "IE": 22}

D = "[0-9LMNPQRSTUV]"
CF_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3} ?[A-Za-z]{3} ?%s%s[A-Za-z]%s%s ?[A-Za-z]%s%s%s ?[A-Za-z](?![A-Za-z0-9])" % ((D,) * 7))
IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2})[ -]?(\d{2}|\*\*)")
PLATE_UP = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2}([ -]?)\d{3}\1[A-Z]{2}(?![A-Za-z0-9-])")
PLATE_LO = re.compile(r"(?<![A-Za-z0-9])[a-z]{2}\d{3}[a-z]{2}(?![A-Za-z0-9])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FUNCTIONAL = ("reclami@", "sinistri@", "assistenza@", "privacy@", "lanterna.assicurazioni@pec.")
FORMAT_HINTS = {"AA000AA", "XX000XX"}


def cf_ok(s):
    s = s.replace(" ", "").upper()
    try:
        return sum((ODD if i % 2 == 0 else EVEN)[c] for i, c in enumerate(s[:15])) % 26 == ord(s[15]) - 65
    except KeyError:
        return False


def mod97(s):
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_candidates(text):
    """Yield (string, valid) for IBAN-shaped candidates of the country's length."""
    up = text.upper()
    for m in IBAN_START.finditer(text):
        cc = m.group(1)
        if cc not in IBAN_LEN:
            continue
        n = IBAN_LEN[cc]
        chars, i = [], m.start()
        while i < len(up) and len(chars) < n:
            c = up[i]
            if (c.isascii() and c.isalnum()) or c == "*":
                chars.append(c)
                i += 1
            elif c in " -" and i + 1 < len(up) and ((up[i + 1].isascii() and up[i + 1].isalnum()) or up[i + 1] == "*") and chars:
                i += 1
            else:
                break
        if len(chars) == n:
            s = "".join(chars)
            if "*" in s:
                yield s, False
            else:
                yield s, mod97(s) == 1


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guard_fresh_d.tsv")
    errors, kc, lt, lang, typ = [], Counter(), Counter(), Counter(), Counter()
    near = Counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            fields = line.split("\t")
            if len(fields) != 5:
                errors.append("line %d: %d fields" % (ln, len(fields)))
                continue
            id_, lg, ty, exp, text = fields
            n += 1
            if id_ != "FD-%03d" % ln:
                errors.append("line %d: id %s out of sequence" % (ln, id_))
            if lg not in ("it", "en"):
                errors.append("%s: lang %r" % (id_, lg))
            if ty not in ("post", "reply"):
                errors.append("%s: type %r" % (id_, ty))
            kinds = [] if exp == "none" else exp.split(",")
            if exp != "none" and (kinds != sorted(set(kinds)) or any(k not in KINDS for k in kinds)):
                errors.append("%s: bad expected %r" % (id_, exp))
            lang[lg] += 1
            typ[ty] += 1
            lt[(lg, ty)] += 1
            kc["none" if not kinds else "(positive lines)"] += 1
            for k in kinds:
                kc[k] += 1
            # tax codes
            cfs = [(m.group(0), cf_ok(m.group(0))) for m in CF_RE.finditer(text)]
            has_valid_cf = any(v for _, v in cfs)
            near["tax_code wrong-check"] += sum(1 for _, v in cfs if not v)
            if has_valid_cf != ("tax_code" in kinds):
                errors.append("%s: tax_code label %s but valid CF candidates %s" % (id_, "tax_code" in kinds, cfs))
            # ibans
            ibs = list(iban_candidates(text))
            has_valid_iban = any(v for _, v in ibs)
            near["iban wrong/masked"] += sum(1 for _, v in ibs if not v)
            if has_valid_iban != ("iban" in kinds):
                errors.append("%s: iban label %s but candidates %s" % (id_, "iban" in kinds, ibs))
            # plates
            pls = [m.group(0) for m in PLATE_UP.finditer(text) if m.group(0) not in FORMAT_HINTS]
            pls += [m.group(0) for m in PLATE_LO.finditer(text)]
            if bool(pls) != ("plate" in kinds):
                errors.append("%s: plate label %s but candidates %s" % (id_, "plate" in kinds, pls))
            # literal e-mail addresses (obfuscated ones are labelled by hand)
            ems = [e for e in EMAIL_RE.findall(text) if not e.lower().startswith(FUNCTIONAL)]
            if ems and "email" not in kinds:
                errors.append("%s: personal e-mail %s not labelled" % (id_, ems))
    for e in errors:
        print("ERROR", e)
    print("lines: %d" % n)
    for k in KINDS:
        print("  %-14s %d" % (k, kc[k]))
    print("  %-14s %d (%.1f%%)" % ("none", kc["none"], 100.0 * kc["none"] / max(n, 1)))
    print("lang:", dict(lang), " it=%.1f%%" % (100.0 * lang["it"] / max(n, 1)))
    print("type:", dict(typ))
    print("lang/type:", {"%s/%s" % k: v for k, v in sorted(lt.items())})
    print("near-miss candidates:", dict(near))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
