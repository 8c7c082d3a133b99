#!/usr/bin/env python3
"""Render items_d.tpl into guard_fresh_d.tsv (deterministic, fixed seed).

Template lines: lang|type|expected|text  (text may contain '|').
Placeholders (each occurrence gets a fresh value):
  {CF} {CFm} {CFf}  valid codice fiscale (random / male / female), upper case
  {CFl}             valid, lower case
  {CFs}             valid, spaced as on the tessera: 'BNCLRA 92M52 F205 X'
  {CFs2}            valid, spaced 'RSS MRA 85T10 A562S'
  {CFo}             valid omocodia variant (check char recomputed)
  {CFX} {CFXl}      WRONG check character (upper / lower)
  {IBAN} {IBANg} {IBANp} {IBANd}   valid Italian IBAN: compact / groups of 4 / by parts / dashes
  {IBANDE} {IBANFR} {IBANES} {IBANGB} {IBANBE}  valid foreign IBANs (grouped by 4)
  {IBANDEc} {IBANGBc}               valid foreign IBANs, compact
  {IBANX} {IBANXg}  Italian IBAN with WRONG check digits (compact / grouped)
  {IBANXb}          Italian IBAN with a typo in the account (breaks mod 97)
  {IBANXDE}         German IBAN with wrong check digits
  {PL} {PLs} {PLd} {PLl}  Italian plate: compact / spaced / dashed / lower-case token
"""
import random, sys, os

SEED = 20261206
rnd = random.Random(SEED)

ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, v in enumerate(_odd_vals):
    ODD[chr(ord('A') + i)] = v
for d in range(10):
    ODD[str(d)] = _odd_vals[d]
EVEN = {chr(ord('A') + i): i for i in range(26)}
for d in range(10):
    EVEN[str(d)] = d


def cf_check(first15):
    s = 0
    for i, c in enumerate(first15.upper()):
        s += ODD[c] if i % 2 == 0 else EVEN[c]
    return chr(ord('A') + s % 26)


def cf_valid(code):
    code = code.upper().replace(' ', '')
    if len(code) != 16:
        return False
    try:
        return cf_check(code[:15]) == code[15]
    except KeyError:
        return False


MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
VOW = set("AEIOU")
SURNAMES = ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
            "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
            "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
            "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "Pellegrini", "Fabbri",
            "Ferraro", "Bassi", "Orlando", "Sala", "Testa", "Monti", "Palumbo", "Farina", "Cattaneo", "Sartori"]
MALE = ["Marco", "Luca", "Giuseppe", "Antonio", "Francesco", "Alessandro", "Andrea", "Matteo", "Paolo",
        "Stefano", "Davide", "Simone", "Roberto", "Giovanni", "Salvatore", "Fabio", "Claudio", "Nicola", "Enzo"]
FEMALE = ["Giulia", "Francesca", "Sara", "Chiara", "Anna", "Laura", "Valentina", "Elena", "Martina", "Silvia",
          "Paola", "Federica", "Alessia", "Rosa", "Giada", "Ilaria", "Carla", "Teresa", "Lucia"]
PLACES = ["H501", "F205", "F839", "L219", "A662", "G273", "D612", "A944", "L736", "D969", "C351", "H224",
          "E506", "G482", "L378", "B157", "L424", "F158", "B354", "L049", "A271", "C933", "D086", "Z404"]


def _letters(word):
    w = word.upper().replace(' ', '').replace("'", '')
    return [c for c in w if c not in VOW], [c for c in w if c in VOW]


def surname_code(s):
    cons, vows = _letters(s)
    return (''.join(cons + vows) + 'XXX')[:3]


def name_code(n):
    cons, vows = _letters(n)
    if len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return (''.join(cons + vows) + 'XXX')[:3]


used = set()


def make_cf(sex=None, omocodia=False):
    while True:
        if sex is None:
            sx = rnd.choice("MF")
        else:
            sx = sex
        sur = rnd.choice(SURNAMES)
        name = rnd.choice(MALE if sx == "M" else FEMALE)
        yy = rnd.randint(38, 99) if rnd.random() < 0.85 else rnd.randint(0, 8)
        mm = rnd.randrange(12)
        day = rnd.randint(1, 28)
        if sx == "F":
            day += 40
        body = surname_code(sur) + name_code(name) + "%02d" % yy + MONTHS[mm] + "%02d" % day + rnd.choice(PLACES)
        if omocodia:
            b = list(body)
            positions = [14, 13, 12, 10, 9, 7, 6]  # 0-based indices of the 15th,14th,13th,11th,10th,8th,7th chars
            k = rnd.randint(1, 3)
            for p in positions[:k]:
                b[p] = OMO[int(b[p])]
            body = ''.join(b)
        code = body + cf_check(body)
        if code not in used:
            used.add(code)
            return code


def wrong_cf(sex=None):
    c = make_cf(sex)
    good = c[15]
    bad = rnd.choice([x for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if x != good])
    return c[:15] + bad


def spaced1(c):
    return "%s %s %s %s" % (c[:6], c[6:11], c[11:15], c[15])


def spaced2(c):
    return "%s %s %s %s" % (c[:3], c[3:6], c[6:11], c[11:])


# ---------------- IBAN
def _num(s):
    return ''.join(str(int(ch, 36)) for ch in s.upper())


def iban_mod(iban):
    s = iban.replace(' ', '').replace('-', '').upper()
    return int(_num(s[4:] + s[:4])) % 97


def iban_valid(iban):
    return iban_mod(iban) == 1


def iban_make(cc, bban):
    r = int(_num(bban + cc + "00")) % 97
    return "%s%02d%s" % (cc, 98 - r, bban)


def digits(n):
    return ''.join(rnd.choice("0123456789") for _ in range(n))


ABIS = ["03069", "02008", "05034", "01030", "03032", "05696", "03062", "06230", "05428", "08327", "03111", "02008"]


def it_bban():
    abi = rnd.choice(ABIS)
    cab = digits(5)
    acc = rnd.choice([digits(12), "0000" + digits(8), "1000000" + digits(5), "CC0" + digits(9)])
    cin = cf_check(abi + cab + acc)  # CIN: same odd/even tables over 22 chars
    # cf_check uses 15 chars in spirit; the CIN algorithm is the same sum over all 22 chars
    s = 0
    for i, c in enumerate(abi + cab + acc):
        s += ODD[c] if i % 2 == 0 else EVEN[c]
    cin = chr(ord('A') + s % 26)
    return cin + abi + cab + acc


used_iban = set()


def iban_it():
    while True:
        i = iban_make("IT", it_bban())
        if i not in used_iban:
            used_iban.add(i)
            return i


def iban_foreign(cc):
    if cc == "DE":
        bban = digits(8) + digits(10)
    elif cc == "FR":
        bank, branch, acc = digits(5), digits(5), digits(11)
        key = 97 - (int(bank + branch + acc) * 100) % 97
        bban = bank + branch + acc + "%02d" % key
    elif cc == "ES":
        bban = digits(20)
    elif cc == "GB":
        bban = rnd.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
    elif cc == "BE":
        ten = digits(10)
        k = int(ten) % 97 or 97
        bban = ten + "%02d" % k
    else:
        raise ValueError(cc)
    i = iban_make(cc, bban)
    used_iban.add(i)
    return i


def wrong_check(i):
    cd = int(i[2:4])
    while True:
        nd = rnd.randint(2, 98)
        if nd != cd:
            w = i[:2] + "%02d" % nd + i[4:]
            if not iban_valid(w):
                return w


def typo_bban(i):
    while True:
        p = rnd.randint(len(i) - 10, len(i) - 1)
        if i[p].isdigit():
            nd = rnd.choice([d for d in "0123456789" if d != i[p]])
            w = i[:p] + nd + i[p + 1:]
            if not iban_valid(w):
                return w


def g4(i):
    return ' '.join(i[k:k + 4] for k in range(0, len(i), 4))


def parts(i):
    return "%s %s %s %s %s %s" % (i[:2], i[2:4], i[4], i[5:10], i[10:15], i[15:])


def dashes(i):
    return '-'.join(i[k:k + 4] for k in range(0, len(i), 4))


# ---------------- plates
PL_LET = "ABCDEFGHJKLMNPRSTVWXYZ"
used_pl = set()


def plate():
    while True:
        p = rnd.choice(PL_LET[:20]) + rnd.choice(PL_LET) + digits(3) + rnd.choice(PL_LET) + rnd.choice(PL_LET)
        if p not in used_pl:
            used_pl.add(p)
            return p


GEN = {
    "CF": lambda: make_cf(),
    "CFm": lambda: make_cf("M"),
    "CFf": lambda: make_cf("F"),
    "CFl": lambda: make_cf().lower(),
    "CFs": lambda: spaced1(make_cf()),
    "CFs2": lambda: spaced2(make_cf()),
    "CFo": lambda: make_cf(omocodia=True),
    "CFX": lambda: wrong_cf(),
    "CFXl": lambda: wrong_cf().lower(),
    "IBAN": lambda: iban_it(),
    "IBANg": lambda: g4(iban_it()),
    "IBANp": lambda: parts(iban_it()),
    "IBANd": lambda: dashes(iban_it()),
    "IBANDE": lambda: g4(iban_foreign("DE")),
    "IBANDEc": lambda: iban_foreign("DE"),
    "IBANFR": lambda: g4(iban_foreign("FR")),
    "IBANES": lambda: g4(iban_foreign("ES")),
    "IBANGB": lambda: g4(iban_foreign("GB")),
    "IBANGBc": lambda: iban_foreign("GB"),
    "IBANBE": lambda: g4(iban_foreign("BE")),
    "IBANX": lambda: wrong_check(iban_it()),
    "IBANXg": lambda: g4(wrong_check(iban_it())),
    "IBANXb": lambda: typo_bban(iban_it()),
    "IBANXDE": lambda: g4(wrong_check(iban_foreign("DE"))),
    "PL": lambda: plate(),
    "PLs": lambda: (lambda p: "%s %s %s" % (p[:2], p[2:5], p[5:]))(plate()),
    "PLd": lambda: (lambda p: "%s-%s-%s" % (p[:2], p[2:5], p[5:]))(plate()),
    "PLl": lambda: plate().lower(),
}

import re
PH = re.compile(r"\{(" + "|".join(sorted(GEN, key=len, reverse=True)) + r")\}")


def render(text):
    return PH.sub(lambda m: GEN[m.group(1)](), text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = []
    with open(os.path.join(here, "items_d.tpl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts_ = line.split("|", 3)
            if len(parts_) != 4:
                sys.exit("bad template line %d: %r" % (ln, line))
            lang, typ, exp, text = parts_
            items.append((lang.strip(), typ.strip(), exp.strip(), text.strip()))
    rnd.shuffle(items)
    out = []
    for n, (lang, typ, exp, text) in enumerate(items, 1):
        t = render(text)
        assert "\t" not in t and "\n" not in t
        out.append("FD-%03d\t%s\t%s\t%s\t%s" % (n, lang, typ, exp, t))
    with open(os.path.join(here, "guard_fresh_d.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %d lines" % len(out))


if __name__ == "__main__":
    main()
