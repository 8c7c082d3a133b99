#!/usr/bin/env python3
"""Generator for guard_fresh_c.tsv (independent evaluation set C for the insurance guard).

Reads the hand-written items in items_c.txt (one per line: lang|type|expected|text), fills the
placeholders below with freshly generated values (fixed seed), shuffles the lines (fixed seed),
numbers them FC-001... and writes guard_fresh_c.tsv.

Placeholders
  {CF}   valid codice fiscale, upper case, compact
  {CFl}  valid, lower case, compact
  {CFs}  valid, upper case, spaced by natural groups ("RSS MRA 85T10 A562S" / "RSSMRA 85T10 A562 S")
  {CFls} valid, lower case, spaced
  {CFo}  valid omocodia variant (1-3 digits replaced by LMNPQRSTUV, check recomputed)
  {CFX}  layout OK but WRONG check character (near miss), upper case
  {CFXl} wrong check, lower case          {CFXs} wrong check, spaced
  {IBAN} valid Italian IBAN compact       {IBANg} grouped by 4       {IBANp} split in Italian parts
  {IBANd} dashes between groups of 4
  {IBANDE} {IBANDEg} {IBANFR} {IBANFRg} {IBANES} {IBANESg} {IBANGB} {IBANGBg}  valid foreign IBANs
  {IBANX} Italian, wrong check digits, compact   {IBANXg} same, grouped   {IBANXd} same, dashes
  {IBANXt} Italian, typo in the BBAN (mod 97 broken), grouped
  {IBANXDE} German, wrong check digits           {IBANXGB} British, wrong check digits, grouped
  {CF:sex[:YYYY-MM-DD[:belfiore[:surname:name]]]} (also CFl, CFs, CFls, CFo with the same
         arguments): valid code consistent with the sex / birth date / place / name in the text
  {PL}  Italian plate compact   {PLs} spaced   {PLd} dashed   {PLl} lower case compact
"""
import random
import re
import sys
from pathlib import Path

SEED = 20261206
rng = random.Random(SEED)
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- codice fiscale
ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, v in enumerate(_odd_vals):
    ODD[chr(ord('A') + i)] = v
for d in range(10):
    ODD[str(d)] = _odd_vals[d]
EVEN = {chr(ord('A') + i): i for i in range(26)}
for d in range(10):
    EVEN[str(d)] = d

MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
OMO_POS = [14, 13, 12, 10, 9, 7, 6]  # 0-based positions of the digits, replaced right to left


def cf_check(first15: str) -> str:
    s = 0
    for i, ch in enumerate(first15.upper()):
        s += ODD[ch] if i % 2 == 0 else EVEN[ch]   # i even == 1-based odd position
    return chr(ord('A') + s % 26)


def cf_valid(code: str) -> bool:
    code = code.upper()
    if not re.fullmatch(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", code):
        return False
    return cf_check(code[:15]) == code[15]


VOWELS = "AEIOU"


def _split(s):
    s = re.sub(r"[^A-Z]", "", s.upper())
    return [c for c in s if c not in VOWELS], [c for c in s if c in VOWELS]


def surname_code(s):
    c, v = _split(s)
    return (''.join(c + v) + "XXX")[:3]


def name_code(s):
    c, v = _split(s)
    if len(c) >= 4:
        return c[0] + c[2] + c[3]
    return (''.join(c + v) + "XXX")[:3]


SURNAMES = ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
            "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini",
            "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
            "D'Angelo", "Marchetti", "Parisi", "Villa", "Ferri", "Pellegrini", "Palumbo", "Sanna", "Fabbri",
            "Bellini", "Cattaneo", "Orlando", "Testa", "Bassi"]
NAMES_M = ["Marco", "Luca", "Giuseppe", "Andrea", "Francesco", "Alessandro", "Matteo", "Paolo", "Stefano",
           "Davide", "Giovanni", "Antonio", "Simone", "Roberto", "Fabio", "Nicola", "Emanuele", "Salvatore"]
NAMES_F = ["Giulia", "Francesca", "Chiara", "Sara", "Anna", "Laura", "Elena", "Valentina", "Martina",
           "Federica", "Paola", "Ilaria", "Roberta", "Silvia", "Alessia", "Cristina", "Teresa", "Rosa"]
BELFIORE = ["F205", "H501", "F839", "L219", "A662", "G273", "D612", "A944", "L736", "C351", "G224", "E506",
            "H703", "B354", "D969", "L424", "G478", "C933", "A794", "B157", "L781", "H223", "G337", "F257"]
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

_used = set()


def _unique(fn):
    for _ in range(1000):
        v = fn()
        if v not in _used:
            _used.add(v)
            return v
    raise RuntimeError("could not make a unique value")


def cf_body(fixed=None):
    """fixed: optional dict with sex ('M'/'F'), date ('YYYY-MM-DD'), place (Belfiore), surname, name,
    used where the text next to the code states the person's birth date, place or name."""
    fixed = fixed or {}
    female = fixed["sex"] == "F" if "sex" in fixed else rng.random() < 0.5
    sur = fixed.get("surname") or rng.choice(SURNAMES)
    name = fixed.get("name") or rng.choice(NAMES_F if female else NAMES_M)
    if "date" in fixed:
        year, month, day = (int(x) for x in fixed["date"].split("-"))
    else:
        year = rng.randint(1938, 2006)
        month = rng.randint(1, 12)
        day = rng.randint(1, MDAYS[month - 1])
    dd = day + 40 if female else day
    return (surname_code(sur) + name_code(name) + f"{year % 100:02d}" + MONTHS[month - 1] + f"{dd:02d}"
            + (fixed.get("place") or rng.choice(BELFIORE)))


def make_cf(fixed=None):
    def f():
        b = cf_body(fixed)
        return b + cf_check(b)
    return _unique(f)


def make_cf_omo(fixed=None):
    def f():
        b = list(cf_body(fixed))
        k = rng.choice([1, 1, 2, 3])
        for pos in OMO_POS[:k]:
            b[pos] = OMO[int(b[pos])]
        b = ''.join(b)
        return b + cf_check(b)
    return _unique(f)


def make_cf_wrong():
    def f():
        b = cf_body()
        good = cf_check(b)
        bad = rng.choice([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != good])
        return b + bad
    v = _unique(f)
    assert not cf_valid(v)
    return v


def cf_spaced(c):
    if rng.random() < 0.5:
        return f"{c[0:3]} {c[3:6]} {c[6:11]} {c[11:16]}"      # RSS MRA 85T10 A562S
    return f"{c[0:6]} {c[6:11]} {c[11:15]} {c[15]}"            # RSSMRA 85T10 A562 S

# ---------------------------------------------------------------- IBAN


def iban_num(s):
    return int(''.join(str(int(ch, 36)) for ch in s.upper()))


def iban_valid(s):
    s = re.sub(r"[\s-]", "", s).upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", s):
        return False
    return iban_num(s[4:] + s[:4]) % 97 == 1


def iban_make(cc, bban):
    r = iban_num(bban + cc + "00") % 97
    return f"{cc}{98 - r:02d}{bban}"


def it_cin(abi_cab_acc):
    s = 0
    for i, ch in enumerate(abi_cab_acc.upper()):
        s += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(ord('A') + s % 26)


ABIS = ["03069", "02008", "05034", "03032", "05387", "01030", "03104", "05696", "08327", "03015",
        "05428", "06230", "03111", "02076", "07601"]


def digits(n):
    return ''.join(rng.choice("0123456789") for _ in range(n))


def it_bban():
    abi = rng.choice(ABIS)
    cab = digits(5)
    if rng.random() < 0.6:
        acc = "0000" + digits(8)
    elif rng.random() < 0.5:
        acc = "CC00" + digits(8)
    else:
        acc = digits(12)
    core = abi + cab + acc
    return it_cin(core) + core


def make_iban(cc="IT"):
    def f():
        if cc == "IT":
            bban = it_bban()
        elif cc == "DE":
            bban = digits(8) + digits(10)
        elif cc == "FR":
            bban = digits(5) + digits(5) + digits(11) + digits(2)
        elif cc == "ES":
            bban = digits(4) + digits(4) + digits(2) + digits(10)
        elif cc == "GB":
            bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
        else:
            raise ValueError(cc)
        return iban_make(cc, bban)
    v = _unique(f)
    assert iban_valid(v), v
    assert len(v) == {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22}[cc]
    return v


def make_iban_wrong_check(cc="IT"):
    good = make_iban(cc)
    while True:
        ck = f"{rng.randint(2, 98):02d}"
        bad = good[:2] + ck + good[4:]
        if not iban_valid(bad):
            return bad


def make_iban_typo(cc="IT"):
    good = make_iban(cc)
    while True:
        i = rng.randrange(len(good) - 8, len(good))
        if not good[i].isdigit():
            continue
        d = rng.choice([x for x in "0123456789" if x != good[i]])
        bad = good[:i] + d + good[i + 1:]
        if not iban_valid(bad):
            return bad


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def it_parts(s):
    return f"{s[0:2]} {s[2:4]} {s[4]} {s[5:10]} {s[10:15]} {s[15:27]}"

# ---------------------------------------------------------------- plates


PL_LET = "ABCDEFGHJKLMNPRSTVWXYZ"


def make_plate():
    return _unique(lambda: rng.choice("ABCDEFG") + rng.choice(PL_LET) + digits(3)
                   + rng.choice(PL_LET) + rng.choice(PL_LET))


# ---------------------------------------------------------------- rendering
GEN = {
    "CF": make_cf,
    "CFl": lambda: make_cf().lower(),
    "CFs": lambda: cf_spaced(make_cf()),
    "CFls": lambda: cf_spaced(make_cf()).lower(),
    "CFo": make_cf_omo,
    "CFX": make_cf_wrong,
    "CFXl": lambda: make_cf_wrong().lower(),
    "CFXs": lambda: cf_spaced(make_cf_wrong()),
    "IBAN": lambda: make_iban("IT"),
    "IBANg": lambda: group4(make_iban("IT")),
    "IBANp": lambda: it_parts(make_iban("IT")),
    "IBANd": lambda: group4(make_iban("IT"), "-"),
    "IBANDE": lambda: make_iban("DE"),
    "IBANDEg": lambda: group4(make_iban("DE")),
    "IBANFR": lambda: make_iban("FR"),
    "IBANFRg": lambda: group4(make_iban("FR")),
    "IBANES": lambda: make_iban("ES"),
    "IBANESg": lambda: group4(make_iban("ES")),
    "IBANGB": lambda: make_iban("GB"),
    "IBANGBg": lambda: group4(make_iban("GB")),
    "IBANX": lambda: make_iban_wrong_check("IT"),
    "IBANXg": lambda: group4(make_iban_wrong_check("IT")),
    "IBANXd": lambda: group4(make_iban_wrong_check("IT"), "-"),
    "IBANXt": lambda: group4(make_iban_typo("IT")),
    "IBANXDE": lambda: make_iban_wrong_check("DE"),
    "IBANXGB": lambda: group4(make_iban_wrong_check("GB")),
    "PL": make_plate,
    "PLs": lambda: (lambda p: f"{p[:2]} {p[2:5]} {p[5:]}")(make_plate()),
    "PLd": lambda: (lambda p: f"{p[:2]}-{p[2:5]}-{p[5:]}")(make_plate()),
    "PLl": lambda: make_plate().lower(),
}

KINDS = {"birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number",
         "tax_code"}


def render(text):
    def sub(m):
        key, args = m.group(1), m.group(2)
        if args:
            # {CF:sex[:YYYY-MM-DD[:place[:surname:name]]]} and the same for CFl, CFs, CFls, CFo:
            # a valid code consistent with the sex / birth date / place / name stated in the text
            a = args[1:].split(":") + [""] * 5
            fixed = {"sex": a[0]}
            if a[1]:
                fixed["date"] = a[1]
            if a[2]:
                fixed["place"] = a[2]
            if a[3]:
                fixed["surname"], fixed["name"] = a[3], a[4]
            if key == "CFo":
                return make_cf_omo(fixed)
            code = make_cf(fixed)
            styles = {"CF": lambda c: c, "CFl": str.lower, "CFs": cf_spaced, "CFls": lambda c: cf_spaced(c).lower()}
            if key not in styles:
                raise KeyError(f"placeholder {key} takes no arguments")
            return styles[key](code)
        if key not in GEN:
            raise KeyError(f"unknown placeholder {{{key}}}")
        return GEN[key]()
    return re.sub(r"\{([A-Za-z]+)((?::[^:{}]*)+)?\}", sub, text)


def main():
    items = []
    src = HERE / "items_c.txt"
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|", 3)
        if len(parts) != 4:
            sys.exit(f"items_c.txt:{n}: expected 4 fields")
        lang, typ, exp, text = (p.strip() for p in parts)
        if lang not in ("it", "en") or typ not in ("post", "reply"):
            sys.exit(f"items_c.txt:{n}: bad lang/type")
        kinds = sorted(set(k.strip() for k in exp.split(","))) if exp != "none" else []
        if any(k not in KINDS for k in kinds):
            sys.exit(f"items_c.txt:{n}: unknown kind in {exp}")
        items.append((lang, typ, ",".join(kinds) if kinds else "none", text))
    rendered = [(l, t, e, render(x)) for (l, t, e, x) in items]
    rng.shuffle(rendered)
    out = HERE / "guard_fresh_c.tsv"
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for i, (l, t, e, x) in enumerate(rendered, 1):
            assert "\t" not in x and "\n" not in x
            assert not re.search(r"\{[A-Za-z]+[:}]", x), f"unrendered placeholder: {x}"
            f.write(f"FC-{i:03d}\t{l}\t{t}\t{e}\t{x}\n")
    print(f"wrote {len(rendered)} lines to {out}")


if __name__ == "__main__":
    main()
