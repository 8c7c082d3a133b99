#!/usr/bin/env python3
"""Render items_f_*.tpl (lang|type|expected|text) into guard_fresh_f.tsv.

Placeholders (each occurrence gets a fresh value; valid values are unique):
  {CF} {CFl} {CFs} {CFs2} {CFo}      valid codice fiscale: compact / lower / spaced groups /
                                     spaced 3-3-5-5 / omocodia
  {CFX} {CFXl} {CFXs}                same layout, WRONG check character
  {IBAN} {IBANg} {IBANp} {IBANd}     valid Italian IBAN: compact / groups of 4 / Italian parts / dashes
  {IBANX} {IBANXg} {IBANXd}          Italian IBAN with WRONG check digits
  {IBANB}                            Italian IBAN with a BBAN typo (mod 97 fails)
  {IBANDE} {IBANFR} {IBANES} {IBANGB} {IBANBE} {IBANAT} {IBANNL} {IBANCH}   valid foreign IBANs
  {IBANXDE} {IBANXFR} {IBANXGB} ...   foreign with wrong check digits
  {PL} {PLs} {PLd} {PLl}             Italian plate: compact / spaced / dashed / lower case
Fixed seed; lines shuffled and numbered FF-001...
"""
import glob, os, random, re, string

SEED = 20261206
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------- codice fiscale ----------------
ODD = {}
_odd_vals = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
for i, ch in enumerate(string.ascii_uppercase):
    ODD[ch] = _odd_vals[i]
for d in range(10):
    ODD[str(d)] = _odd_vals[d]
EVEN = {ch: i for i, ch in enumerate(string.ascii_uppercase)}
for d in range(10):
    EVEN[str(d)] = d
MONTHS = "ABCDEHLMPRST"
OMO = "LMNPQRSTUV"
OMO_POS = [14, 13, 12, 10, 9, 7, 6]  # 0-based, replaced from the right


def cf_check(first15):
    s = 0
    for i, ch in enumerate(first15.upper()):
        s += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(ord('A') + s % 26)


def _code_part(word, is_name):
    w = word.upper()
    cons = [c for c in w if c.isalpha() and c not in "AEIOU"]
    vows = [c for c in w if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return (''.join(cons + vows) + "XXX")[:3]


SURNAMES = ["Rossi", "Bianchi", "Ferri", "Esposito", "Colombo", "Romano", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli",
            "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola",
            "De Santis", "D'Angelo", "Marchi", "Neri", "Pozzi", "Villa", "Riva", "Bassi", "Fabbri"]
MALE = ["Marco", "Luca", "Giuseppe", "Andrea", "Paolo", "Francesco", "Matteo", "Davide", "Stefano",
        "Alessandro", "Roberto", "Giorgio", "Luigi", "Simone", "Fabio", "Antonio", "Mirko"]
FEMALE = ["Giulia", "Chiara", "Francesca", "Sara", "Elena", "Anna", "Laura", "Martina", "Federica",
          "Valentina", "Alessandra", "Marta", "Giada", "Paola", "Silvia", "Rosa", "Lucia"]
PLACES = ["H501", "F205", "A662", "F839", "L219", "G273", "D612", "A944", "L736", "C351", "E506",
          "H294", "B157", "L424", "G224", "F704", "D969", "A479", "L840", "C933"]

_used = set()


def gen_cf():
    while True:
        female = rng.random() < 0.5
        sur = rng.choice(SURNAMES).replace(" ", "").replace("'", "")
        name = rng.choice(FEMALE if female else MALE)
        yy = rng.randint(1940, 2005) % 100
        mm = rng.choice(MONTHS)
        dd = rng.randint(1, 28) + (40 if female else 0)
        first15 = _code_part(sur, False) + _code_part(name, True) + f"{yy:02d}" + mm + f"{dd:02d}" + rng.choice(PLACES)
        cf = first15 + cf_check(first15)
        if cf not in _used:
            _used.add(cf)
            return cf


def omocodia(cf, n):
    chars = list(cf[:15])
    done = 0
    for p in OMO_POS:
        if done == n:
            break
        if chars[p].isdigit():
            chars[p] = OMO[int(chars[p])]
            done += 1
    first15 = ''.join(chars)
    return first15 + cf_check(first15)


def wrong_cf():
    cf = gen_cf()
    good = cf[15]
    bad = rng.choice([c for c in string.ascii_uppercase if c != good])
    return cf[:15] + bad


def cf_spaced(cf):   # BNCLRA 92M52 F205 X
    return f"{cf[:6]} {cf[6:11]} {cf[11:15]} {cf[15]}"


def cf_spaced2(cf):  # RSS MRA 85T10 A562S
    return f"{cf[:3]} {cf[3:6]} {cf[6:11]} {cf[11:]}"


# ---------------- IBAN ----------------
IBAN_LEN = {"IT": 27, "DE": 22, "FR": 27, "ES": 24, "GB": 22, "BE": 16, "AT": 20, "NL": 18, "CH": 21}


def iban_mod(s):
    s = s[4:] + s[:4]
    num = ''.join(str(int(c, 36)) for c in s)
    return int(num) % 97


def iban_check_digits(cc, bban):
    r = iban_mod(cc + "00" + bban)
    return f"{98 - r:02d}"


def it_cin(abi, cab, conto):
    s = abi + cab + conto
    tot = 0
    for i, ch in enumerate(s):
        tot += ODD[ch] if i % 2 == 0 else EVEN[ch]
    return chr(ord('A') + tot % 26)


ABIS = ["03069", "02008", "05034", "03111", "05696", "03440", "08327", "01030", "05387", "03062"]


def digits(n):
    return ''.join(rng.choice(string.digits) for _ in range(n))


def bban_for(cc):
    if cc == "IT":
        abi = rng.choice(ABIS)
        cab = digits(5)
        conto = (rng.choice(["0000", "1000", "CC00", "0100"]) + digits(8))[:12]
        return it_cin(abi, cab, conto) + abi + cab + conto
    if cc == "DE":
        return digits(18)
    if cc == "FR":
        return digits(10) + digits(11) + digits(2)
    if cc == "ES":
        return digits(20)
    if cc == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + digits(14)
    if cc == "BE":
        return digits(12)
    if cc == "AT":
        return digits(16)
    if cc == "NL":
        return rng.choice(["ABNA", "INGB", "RABO", "TRIO"]) + digits(10)
    if cc == "CH":
        return digits(5) + digits(12)
    raise ValueError(cc)


_used_iban = set()


def gen_iban(cc="IT"):
    while True:
        bban = bban_for(cc)
        ib = cc + iban_check_digits(cc, bban) + bban
        assert len(ib) == IBAN_LEN[cc] and iban_mod(ib) == 1
        if ib not in _used_iban:
            _used_iban.add(ib)
            return ib


def wrong_iban_check(cc="IT"):
    ib = gen_iban(cc)
    good = ib[2:4]
    while True:
        bad = f"{rng.randint(2, 98):02d}"
        cand = ib[:2] + bad + ib[4:]
        if bad != good and iban_mod(cand) != 1:
            return cand


def wrong_iban_bban(cc="IT"):
    ib = gen_iban(cc)
    while True:
        p = rng.randrange(len(ib) - 8, len(ib))
        if ib[p].isdigit():
            d = rng.choice([x for x in string.digits if x != ib[p]])
            cand = ib[:p] + d + ib[p + 1:]
            if iban_mod(cand) != 1:
                return cand


def groups4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def it_parts(s):  # IT 12 K 03069 09606 100000012345
    return f"{s[:2]} {s[2:4]} {s[4]} {s[5:10]} {s[10:15]} {s[15:]}"


# ---------------- plates ----------------
PL_LET = "ABCDEFGHJKLMNPRSTVWXYZ"  # no I, O, Q, U


def gen_plate():
    return (rng.choice(PL_LET) + rng.choice(PL_LET) + digits(3) + rng.choice(PL_LET) + rng.choice(PL_LET))


def render(ph):
    if ph == "CF":
        return gen_cf()
    if ph == "CFl":
        return gen_cf().lower()
    if ph == "CFs":
        return cf_spaced(gen_cf())
    if ph == "CFs2":
        return cf_spaced2(gen_cf())
    if ph == "CFo":
        return omocodia(gen_cf(), rng.randint(1, 3))
    if ph == "CFX":
        return wrong_cf()
    if ph == "CFXl":
        return wrong_cf().lower()
    if ph == "CFXs":
        return cf_spaced(wrong_cf())
    if ph == "IBAN":
        return gen_iban()
    if ph == "IBANg":
        return groups4(gen_iban())
    if ph == "IBANp":
        return it_parts(gen_iban())
    if ph == "IBANd":
        return groups4(gen_iban(), "-")
    if ph == "IBANX":
        return wrong_iban_check()
    if ph == "IBANXg":
        return groups4(wrong_iban_check())
    if ph == "IBANXd":
        return groups4(wrong_iban_check(), "-")
    if ph == "IBANB":
        return wrong_iban_bban()
    if ph == "IBANBg":
        return groups4(wrong_iban_bban())
    m = re.fullmatch(r"IBAN(X?)([A-Z]{2})(g?)", ph)
    if m:
        ib = wrong_iban_check(m.group(2)) if m.group(1) else gen_iban(m.group(2))
        return groups4(ib) if m.group(3) else ib
    if ph == "PL":
        return gen_plate()
    if ph == "PLs":
        p = gen_plate()
        return f"{p[:2]} {p[2:5]} {p[5:]}"
    if ph == "PLd":
        p = gen_plate()
        return f"{p[:2]}-{p[2:5]}-{p[5:]}"
    if ph == "PLl":
        return gen_plate().lower()
    raise KeyError(ph)


KINDS = {"birth_date", "claim_number", "email", "health", "iban", "phone", "plate", "policy_number", "tax_code"}


def main():
    items = []
    for path in sorted(glob.glob(os.path.join(HERE, "items_f_*.tpl"))):
        with open(path, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                lang, typ, exp, text = line.split("|", 3)
                assert lang in ("it", "en") and typ in ("post", "reply"), (path, ln)
                kinds = sorted(set(k.strip() for k in exp.split(",")))
                assert kinds == ["none"] or set(kinds) <= KINDS, (path, ln, kinds)
                items.append((lang, typ, ",".join(kinds), text))
    rng.shuffle(items)
    out = []
    for i, (lang, typ, exp, text) in enumerate(items, 1):
        text = re.sub(r"\{([A-Za-z0-9]+)\}", lambda m: render(m.group(1)), text)
        assert "\t" not in text and "\n" not in text
        out.append(f"FF-{i:03d}\t{lang}\t{typ}\t{exp}\t{text}")
    with open(os.path.join(HERE, "guard_fresh_f.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {len(out)} lines")


if __name__ == "__main__":
    main()
