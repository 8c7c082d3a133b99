#!/usr/bin/env python3
"""Generator for guard_fresh_h.tsv (independent evaluation set H).

Reads items_h.tpl (lang|type|expected|text), fills placeholders with generated
tax codes, IBANs and plates (fixed seed), shuffles deterministically and writes
guard_fresh_h.tsv with ids FH-001...

Placeholders:
  {CF}  valid codice fiscale, upper case      {CFl} valid, lower case
  {CFs} valid, spaced in natural groups        {CFo} valid omocodia variant
  {CFX} layout ok, WRONG check character       {CFXl} wrong check, lower case
  {IBAN} valid Italian IBAN compact            {IBANg} valid IT, groups of 4
  {IBANp} valid IT split in its parts          {IBANd} valid IT, dashes every 4
  {IBANX} IT shape, WRONG check digits         {IBANXg} wrong, groups of 4
  {IBANB} IT with correct check digits then one BBAN digit altered (breaks mod 97)
  {IBAN_DE} {IBAN_FR} {IBAN_ES} {IBAN_GB} {IBAN_BE} {IBAN_AT} {IBAN_NL} valid foreign (compact)
  {IBANg_DE} ... same, groups of 4
  {PL} plate compact  {PLs} plate with spaces  {PLd} plate with dashes  {PLl} lower-case token
"""
import random, re, sys, os

SEED = 20261206
rnd = random.Random(SEED)

ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
for i, v in enumerate(_odd_vals):
    ODD[str(i)] = v
_odd_letters = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, v in enumerate(_odd_letters):
    ODD[chr(65 + i)] = v
EVEN = {str(i): i for i in range(10)}
for i in range(26):
    EVEN[chr(65 + i)] = i

def cf_check(s15):
    s15 = s15.upper()
    tot = 0
    for i, ch in enumerate(s15):
        tot += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(65 + tot % 26)

MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
SURN = ["RSS", "BNC", "FRR", "CLM", "RMN", "GLL", "MRN", "CST", "SPS", "DLC", "GRC", "MNC", "BRB", "LMB", "VTL", "PLL", "CRT", "SNT", "FNT", "DMR", "PGN", "RCC", "TST", "ZNT"]
NAME = ["MRA", "GLI", "LRA", "FNC", "PLA", "SFN", "CHR", "MTT", "LSN", "NDR", "FRN", "GPP", "DNL", "LCA", "VLR", "SRA", "NTN", "MRT", "RRT", "LNZ", "CLD", "MNL"]
PLACES = ["F205", "H501", "F839", "L219", "A662", "G273", "D612", "A944", "L736", "C351", "E506", "G482", "B354", "H703", "L424", "E625", "Z404", "Z112"]
used = set()

def cf_body():
    while True:
        y = rnd.randint(38, 99) if rnd.random() < 0.8 else rnd.randint(0, 6)
        day = rnd.randint(1, 28) + (40 if rnd.random() < 0.5 else 0)
        b = rnd.choice(SURN) + rnd.choice(NAME) + "%02d" % y + rnd.choice(MONTHS) + "%02d" % day + rnd.choice(PLACES)
        if b not in used:
            used.add(b)
            return b

def cf_valid():
    b = cf_body()
    return b + cf_check(b)

def cf_omo():
    b = list(cf_body())
    digit_pos = [6, 7, 9, 10, 12, 13, 14]  # 0-based
    k = rnd.choice([1, 1, 2, 3])
    for p in sorted(digit_pos)[::-1][:k]:
        b[p] = OMO[int(b[p])]
    b = "".join(b)
    return b + cf_check(b)

def cf_wrong():
    b = cf_body()
    c = cf_check(b)
    w = chr(65 + (ord(c) - 65 + rnd.randint(1, 25)) % 26)
    return b + w

def cf_spaced(c):
    if rnd.random() < 0.5:
        return f"{c[:6]} {c[6:11]} {c[11:15]} {c[15]}"
    return f"{c[:3]} {c[3:6]} {c[6:11]} {c[11:16]}"

def iban_num(s):
    return int("".join(str(int(ch, 36)) for ch in s))

def iban_make(cc, bban):
    chk = 98 - iban_num(bban + cc + "00") % 97
    return f"{cc}{chk:02d}{bban}"

def iban_ok(s):
    s = re.sub(r"[ -]", "", s).upper()
    return len(s) > 4 and iban_num(s[4:] + s[:4]) % 97 == 1

def digits(n):
    return "".join(rnd.choice("0123456789") for _ in range(n))

ABIS = ["03069", "02008", "05034", "01030", "03062", "05387", "03111", "05696", "06230", "03440", "08327", "05584"]

def it_bban():
    abi = rnd.choice(ABIS)
    cab = digits(5)
    acc = (rnd.choice(["0000", "1000", "CC00", "0100"]) + digits(8)) if rnd.random() < 0.9 else digits(12)
    cin = cf_check(abi + cab + acc[:8]) if False else None
    # Italian CIN: same odd/even tables over ABI+CAB+account (22 chars)
    s = abi + cab + acc
    tot = sum((ODD[ch] if i % 2 == 0 else EVEN[ch]) for i, ch in enumerate(s))
    cin = chr(65 + tot % 26)
    return cin + s

def iban_it():
    return iban_make("IT", it_bban())

FOREIGN = {
    "DE": lambda: digits(18),
    "FR": lambda: digits(10) + digits(11) + digits(2),
    "ES": lambda: digits(20),
    "GB": lambda: rnd.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + digits(14),
    "BE": lambda: digits(12),
    "AT": lambda: digits(16),
    "NL": lambda: rnd.choice(["ABNA", "INGB", "RABO"]) + digits(10),
}
FLEN = {"DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "AT": 20, "NL": 18, "IT": 27}

def iban_wrong():
    v = iban_it()
    chk = int(v[2:4])
    w = chk
    while w == chk:
        w = rnd.randint(2, 98)
    r = v[:2] + f"{w:02d}" + v[4:]
    assert not iban_ok(r)
    return r

def iban_bbantypo():
    v = iban_it()
    p = rnd.randint(10, 26)
    d = v[p]
    nd = str((int(d) + rnd.randint(1, 9)) % 10) if d.isdigit() else d
    r = v[:p] + nd + v[p + 1:]
    if iban_ok(r):
        return iban_bbantypo()
    return r

def g4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

def parts(s):
    return f"{s[:2]} {s[2:4]} {s[4]} {s[5:10]} {s[10:15]} {s[15:]}"

def dashes(s):
    return "-".join(s[i:i + 4] for i in range(0, len(s), 4))

PL_LET = "ABCDEFGHJKLMNPRSTVWXYZ"
def plate():
    while True:
        p = "".join(rnd.choice(PL_LET) for _ in range(2)) + digits(3) + "".join(rnd.choice(PL_LET) for _ in range(2))
        if p not in used:
            used.add(p)
            return p

def fill(m):
    k = m.group(1)
    if k == "CF": return cf_valid()
    if k == "CFl": return cf_valid().lower()
    if k == "CFs": return cf_spaced(cf_valid())
    if k == "CFo": return cf_omo()
    if k == "CFX": return cf_wrong()
    if k == "CFXl": return cf_wrong().lower()
    if k == "CFXs": return cf_spaced(cf_wrong())
    if k == "IBAN": return iban_it()
    if k == "IBANg": return g4(iban_it())
    if k == "IBANp": return parts(iban_it())
    if k == "IBANd": return dashes(iban_it())
    if k == "IBANX": return iban_wrong()
    if k == "IBANXg": return g4(iban_wrong())
    if k == "IBANB": return iban_bbantypo()
    if k.startswith("IBANg_"): return g4(iban_make(k[6:], FOREIGN[k[6:]]()))
    if k.startswith("IBAN_"): return iban_make(k[5:], FOREIGN[k[5:]]())
    if k == "PL": return plate()
    if k == "PLs": p = plate(); return f"{p[:2]} {p[2:5]} {p[5:]}"
    if k == "PLd": p = plate(); return f"{p[:2]}-{p[2:5]}-{p[5:]}"
    if k == "PLl": return plate().lower()
    raise KeyError(k)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = []
    with open(os.path.join(here, "items_h.tpl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            lang, typ, exp, text = line.split("|", 3)
            assert lang in ("it", "en") and typ in ("post", "reply"), (ln, line)
            assert "\t" not in text
            items.append((lang, typ, exp, text))
    filled = []
    for lang, typ, exp, text in items:
        t = re.sub(r"\{([A-Za-z_]+)\}", fill, text)
        filled.append((lang, typ, exp, t))
    rnd2 = random.Random(SEED + 1)
    rnd2.shuffle(filled)
    with open(os.path.join(here, "guard_fresh_h.tsv"), "w", encoding="utf-8") as out:
        for i, (lang, typ, exp, t) in enumerate(filled, 1):
            out.write(f"FH-{i:03d}\t{lang}\t{typ}\t{exp}\t{t}\n")
    print(f"wrote {len(filled)} lines")

if __name__ == "__main__":
    main()
