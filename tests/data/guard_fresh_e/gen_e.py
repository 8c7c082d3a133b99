#!/usr/bin/env python3
"""Generator for guard_fresh_e.tsv (independent evaluation set E for the insurance guard).

Reads the hand-written items in items_e.txt (lang|type|expected|text), fills the
placeholders for Italian tax codes (codice fiscale) and IBANs with generated values
(valid ones with correct check characters, near-misses with deliberately wrong ones),
shuffles with a fixed seed and writes guard_fresh_e.tsv with ids FE-001, FE-002, ...

Placeholders
  {CF}   valid CF, upper case          {CFl}  valid, lower case
  {CFs}  valid, spaced 6/5/4/1         {CFs3} valid, spaced 3/3/5/5
  {CFo}  valid omocodia variant        {CFol} valid omocodia, lower case
  {CF:Surname,Name,M|F[,YYYY-MM-DD[,Belfiore]]} any CF variant built from that person's data
  {CFX}  wrong check character         {CFXl} wrong, lower   {CFXs} wrong, spaced
  {IBAN} valid Italian IBAN, compact   {IBANg} groups of 4   {IBANp} Italian parts
  {IBANd} groups of 4 with dashes
  {IBAN_CC} / {IBANg_CC}  valid foreign IBAN (CC in DE FR ES GB BE AT NL CH PT), compact / grouped
  {IBANX} IT with wrong check digits   {IBANXg} same, grouped
  {IBANXb} IT with a typo in the BBAN (check digits of the original, so mod 97 fails)
  {IBANX_CC} foreign with wrong check digits
  {IBANXphone} IT with wrong check digits whose account contains 3471182046
"""
import random, re, sys, os

SEED = 20261206
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- codice fiscale
ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, d in enumerate("0123456789"):
    ODD[d] = _odd_vals[i]
for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
    ODD[c] = _odd_vals[i]
EVEN = {}
for i, d in enumerate("0123456789"):
    EVEN[d] = i
for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
    EVEN[c] = i
MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"            # digit d -> OMO[d]
OMO_POS = [14, 13, 12, 10, 9, 7, 6]   # 0-based positions, replaced right to left


def cf_check(s15):
    s15 = s15.upper()
    tot = 0
    for i, ch in enumerate(s15):
        tot += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(ord('A') + tot % 26)


def cf_valid(s):
    s = s.replace(' ', '').upper()
    if not re.fullmatch(r'[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]', s):
        return False
    return cf_check(s[:15]) == s[15]


VOW = set("AEIOU")


def _code_surname(s):
    s = re.sub('[^A-Z]', '', s.upper())
    cons = [c for c in s if c not in VOW]
    vows = [c for c in s if c in VOW]
    return (''.join(cons + vows) + 'XXX')[:3]


def _code_name(s):
    s = re.sub('[^A-Z]', '', s.upper())
    cons = [c for c in s if c not in VOW]
    if len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    vows = [c for c in s if c in VOW]
    return (''.join(cons + vows) + 'XXX')[:3]


SURNAMES = ["Rossi", "Bianchi", "Esposito", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
            "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana",
            "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
            "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "Marchetti", "Parisi", "Villa",
            "Conte", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "Pellegrini"]
MALE = ["Marco", "Luca", "Giuseppe", "Francesco", "Andrea", "Alessandro", "Matteo", "Davide", "Stefano",
        "Paolo", "Roberto", "Giorgio", "Salvatore", "Antonio", "Fabio", "Simone", "Pietro", "Enrico"]
FEMALE = ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Anna", "Laura", "Elena", "Martina",
          "Paola", "Federica", "Silvia", "Roberta", "Maria", "Giovanna", "Alessia", "Marta", "Claudia"]
PLACES = ["F205", "H501", "F839", "L219", "A662", "G273", "D612", "A944", "C351", "L736", "D969", "E506",
          "H224", "B157", "G478", "L424", "F158", "B354", "D086", "L781", "H703", "G224", "E625", "C933"]


def make_cf(rng, sur=None, name=None, sex=None, dob=None, place=None):
    female = (sex == 'F') if sex else rng.random() < 0.5
    sur = sur or rng.choice(SURNAMES)
    name = name or rng.choice(FEMALE if female else MALE)
    year = rng.randint(1940, 2004)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    if dob:
        year, month, day = (int(x) for x in dob.split('-'))
    dd = day + 40 if female else day
    s15 = _code_surname(sur) + _code_name(name) + "%02d" % (year % 100) + MONTHS[month - 1] + "%02d" % dd + (place or rng.choice(PLACES))
    return s15 + cf_check(s15)


def omocodia(cf, n):
    s = list(cf[:15])
    for p in OMO_POS[:n]:
        s[p] = OMO[int(s[p])]
    s15 = ''.join(s)
    return s15 + cf_check(s15)


def wrong_cf(cf):
    good = cf[15]
    bad = chr(ord('A') + (ord(good) - ord('A') + 7) % 26)
    return cf[:15] + bad


def spaced6(cf):
    return "%s %s %s %s" % (cf[:6], cf[6:11], cf[11:15], cf[15])


def spaced3(cf):
    return "%s %s %s %s" % (cf[:3], cf[3:6], cf[6:11], cf[11:])

# ---------------------------------------------------------------- IBAN
LENGTHS = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "AT": 20, "NL": 18, "CH": 21,
           "PT": 25, "SM": 27}


def _num(s):
    return int(''.join(str(int(c, 36)) for c in s))


def iban_valid(s):
    s = re.sub(r'[ -]', '', s).upper()
    if len(s) < 5 or s[:2] not in LENGTHS or len(s) != LENGTHS[s[:2]]:
        return False
    if not s[2:4].isdigit():
        return False
    return _num(s[4:] + s[:4]) % 97 == 1


def iban_from_bban(cc, bban):
    chk = 98 - _num(bban + cc + "00") % 97
    return "%s%02d%s" % (cc, chk, bban)


def it_cin(abi, cab, acc):
    s = abi + cab + acc
    tot = 0
    for i, ch in enumerate(s):
        tot += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(ord('A') + tot % 26)


ABIS = ["03069", "02008", "05034", "03111", "01030", "05387", "03062", "06230", "05696", "08327", "03032", "05584"]


def make_it_iban(rng, acc=None):
    abi = rng.choice(ABIS)
    cab = "%05d" % rng.randint(1000, 99999)
    if acc is None:
        if rng.random() < 0.5:
            acc = "%012d" % rng.randint(10 ** 6, 10 ** 12 - 1)
        else:
            acc = "CC%010d" % rng.randint(10 ** 5, 10 ** 10 - 1)
    bban = it_cin(abi, cab, acc) + abi + cab + acc
    return iban_from_bban("IT", bban)


def _digits(rng, n):
    return ''.join(rng.choice("0123456789") for _ in range(n))


def _letters(rng, n):
    return ''.join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(n))


def make_foreign(rng, cc):
    if cc == "DE":
        bban = _digits(rng, 18)
    elif cc == "FR":
        bban = _digits(rng, 10) + _digits(rng, 11) + _digits(rng, 2)
    elif cc == "ES":
        bban = _digits(rng, 20)
    elif cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + _digits(rng, 14)
    elif cc == "BE":
        bban = _digits(rng, 12)
    elif cc == "AT":
        bban = _digits(rng, 16)
    elif cc == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + _digits(rng, 10)
    elif cc == "CH":
        bban = _digits(rng, 17)
    elif cc == "PT":
        bban = _digits(rng, 21)
    else:
        raise ValueError(cc)
    return iban_from_bban(cc, bban)


def wrong_check(iban):
    chk = int(iban[2:4])
    bad = (chk + 11) % 100
    if bad < 2:
        bad += 2
    out = iban[:2] + "%02d" % bad + iban[4:]
    assert not iban_valid(out)
    return out


def wrong_bban(iban):
    s = list(iban)
    for k in range(len(s) - 1, 4, -1):
        if s[k].isdigit():
            s[k] = str((int(s[k]) + 3) % 10)
            break
    out = ''.join(s)
    assert not iban_valid(out)
    return out


def grouped(iban, sep=' '):
    return sep.join(iban[i:i + 4] for i in range(0, len(iban), 4))


def it_parts(iban):
    return "%s %s %s %s %s %s" % (iban[:2], iban[2:4], iban[4], iban[5:10], iban[10:15], iban[15:])

# ---------------------------------------------------------------- rendering
PH = re.compile(r'\{(CF[a-zA-Z0-9]*|IBAN[a-zA-Z0-9_]*)(?::([^}]*))?\}')


def render(text, rng, used):
    def fresh_cf(who=None):
        f = (who.split(',') if who else []) + [None] * 5
        while True:
            c = make_cf(rng, *f[:5])
            if c not in used:
                used.add(c)
                return c

    def fresh_iban(f):
        while True:
            v = f()
            if v not in used:
                used.add(v)
                return v

    def rep(m):
        p = m.group(1)
        if p.startswith("CF"):
            c = fresh_cf(m.group(2))
            if p == "CF":
                return c
            if p == "CFl":
                return c.lower()
            if p == "CFs":
                return spaced6(c)
            if p == "CFs3":
                return spaced3(c)
            if p == "CFo":
                return omocodia(c, rng.randint(1, 3))
            if p == "CFol":
                return omocodia(c, rng.randint(1, 2)).lower()
            if p == "CFX":
                return wrong_cf(c)
            if p == "CFXl":
                return wrong_cf(c).lower()
            if p == "CFXs":
                return spaced6(wrong_cf(c))
            raise KeyError(p)
        # IBAN
        if p == "IBAN":
            return fresh_iban(lambda: make_it_iban(rng))
        if p == "IBANg":
            return grouped(fresh_iban(lambda: make_it_iban(rng)))
        if p == "IBANp":
            return it_parts(fresh_iban(lambda: make_it_iban(rng)))
        if p == "IBANd":
            return grouped(fresh_iban(lambda: make_it_iban(rng)), '-')
        if p == "IBANX":
            return wrong_check(fresh_iban(lambda: make_it_iban(rng)))
        if p == "IBANXg":
            return grouped(wrong_check(fresh_iban(lambda: make_it_iban(rng))))
        if p == "IBANXb":
            return wrong_bban(fresh_iban(lambda: make_it_iban(rng)))
        if p == "IBANXphone":
            return wrong_check(fresh_iban(lambda: make_it_iban(rng, acc="003471182046")))
        m2 = re.fullmatch(r'IBAN(g|X)?_([A-Z]{2})', p)
        if m2:
            v = fresh_iban(lambda: make_foreign(rng, m2.group(2)))
            if m2.group(1) == 'g':
                return grouped(v)
            if m2.group(1) == 'X':
                return wrong_check(v)
            return v
        raise KeyError(p)

    return PH.sub(rep, text)


def main():
    rng = random.Random(SEED)
    items = []
    with open(os.path.join(HERE, "items_e.txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|", 3)
            if len(parts) != 4:
                sys.exit("items_e.txt:%d: bad line" % n)
            lang, typ, exp, text = (p.strip() for p in parts)
            if exp != "none":
                exp = ",".join(sorted(set(k.strip() for k in exp.split(","))))
            items.append((lang, typ, exp, text))
    used = set()
    rendered = [(l, t, e, render(x, rng, used)) for (l, t, e, x) in items]
    rng.shuffle(rendered)
    with open(os.path.join(HERE, "guard_fresh_e.tsv"), "w", encoding="utf-8") as out:
        for i, (l, t, e, x) in enumerate(rendered, 1):
            assert "\t" not in x and "\n" not in x
            out.write("FE-%03d\t%s\t%s\t%s\t%s\n" % (i, l, t, e, x))
    print("wrote %d lines" % len(rendered))


if __name__ == "__main__":
    main()
