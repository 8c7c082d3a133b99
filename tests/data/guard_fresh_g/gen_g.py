#!/usr/bin/env python3
"""Render items_g.txt (lang|type|expected|text with placeholders) into guard_fresh_g.tsv.

Deterministic: fixed seed. Placeholders are replaced by freshly generated values:
  {CF} {CFm} {CFf}  valid codice fiscale, upper case, compact (random / male / female)
  {CFl}             valid, lower case
  {CFs}             valid, spaced as on the tessera sanitaria (LLLLLL NNLNN LNNN L)
  {CFs3}            valid, spaced as RSS MRA 85T10 A562S
  {CFo}             valid omocodia variant (digits replaced from the right, check recomputed)
  {CFX} {CFXl} {CFXs}  same layout with a WRONG check character (near-miss)
  {IBAN}            valid Italian IBAN, compact
  {IBANg}           valid Italian IBAN, groups of 4
  {IBANp}           valid Italian IBAN split by its parts (IT 12 K 03069 09606 100000012345)
  {IBANd}           valid Italian IBAN, groups of 4 joined by dashes
  {IBANde} {IBANfr} {IBANes} {IBANgb} {IBANbe} {IBANat} {IBANnl} {IBANch}  valid foreign, compact
  {IBANgbg} {IBANdeg}  valid foreign, groups of 4
  {IBANX} {IBANXg}  Italian IBAN with WRONG check digits (compact / grouped)
  {IBANXt}          Italian IBAN with a typo in the BBAN (check digits no longer match)
  {IBANXde} {IBANXgb}  foreign IBAN with wrong check digits
  {IBANXph}         Italian IBAN with wrong check digits whose account holds the run 3471182046
"""
import random
import sys
from pathlib import Path

SEED = 20261206
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
OMO = "LMNPQRSTUV"          # 0..9 -> omocodia letters
OMO_POS = [14, 13, 12, 10, 9, 7, 6]   # 0-based positions of digits, replaced from the right
VOWELS = set("AEIOU")


def cf_check(first15):
    s = 0
    for i, c in enumerate(first15.upper()):
        s += ODD[c] if i % 2 == 0 else EVEN[c]   # position 1 (i=0) is odd
    return chr(ord('A') + s % 26)


def _cons_vow(word):
    w = [c for c in word.upper() if c.isalpha()]
    return [c for c in w if c not in VOWELS], [c for c in w if c in VOWELS]


def surname_code(s):
    c, v = _cons_vow(s)
    return "".join((c + v + ["X"] * 3)[:3])


def name_code(n):
    c, v = _cons_vow(n)
    if len(c) >= 4:
        c = [c[0], c[2], c[3]]
    return "".join((c + v + ["X"] * 3)[:3])


SURNAMES = ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
            "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli",
            "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola",
            "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Cattaneo", "Fabbri", "Bellini",
            "Orlando", "Pellegrini", "Sala", "Ferri", "Testa", "Cirillo", "Guerra", "Monti", "Piras"]
MALE = ["Marco", "Luca", "Giuseppe", "Francesco", "Antonio", "Alessandro", "Andrea", "Matteo", "Davide",
        "Stefano", "Paolo", "Salvatore", "Roberto", "Simone", "Fabio", "Gianluca", "Vincenzo", "Emanuele",
        "Riccardo", "Nicola", "Domenico", "Pietro", "Giorgio", "Tommaso", "Cristian"]
FEMALE = ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Federica", "Elena", "Alessia", "Martina",
          "Laura", "Anna", "Silvia", "Paola", "Roberta", "Ilaria", "Serena", "Maria", "Elisa", "Cristina",
          "Veronica", "Rosa", "Barbara", "Michela", "Giovanna", "Lucia"]
# real Belfiore codes of Italian municipalities
PLACES = ["H501", "F205", "F839", "L219", "A662", "G273", "D612", "A944", "L736", "D969", "C351",
          "H224", "G482", "E506", "L424", "B354", "F158", "G224", "L781", "C933", "B157", "A271",
          "L049", "D643", "H703", "E625", "G337", "I452", "L682", "C352"]
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.seen = set()

    # -- codice fiscale
    def cf15(self, sex=None, opts=None):
        r = self.r
        opts = opts or {}
        sex = opts.get("s", sex)
        while True:
            sex_ = sex or r.choice("MF")
            sur = opts.get("c") or r.choice(SURNAMES)
            nam = opts.get("n") or r.choice(MALE if sex_ == "M" else FEMALE)
            if "d" in opts:
                year, m, day = (int(x) for x in opts["d"].split("-"))
            else:
                year = int(opts.get("y") or r.randint(1940, 2006))
                m = r.randint(1, 12)
                day = r.randint(1, MONTH_DAYS[m - 1])
            dd = day + (40 if sex_ == "F" else 0)
            place = opts.get("p") or r.choice(PLACES)
            s = f"{surname_code(sur)}{name_code(nam)}{year % 100:02d}{MONTHS[m - 1]}{dd:02d}{place}"
            if s not in self.seen:
                self.seen.add(s)
                return s

    def cf(self, sex=None, opts=None):
        s = self.cf15(sex, opts)
        return s + cf_check(s)

    def cf_omocodia(self, opts=None):
        s = list(self.cf15(None, opts))
        k = self.r.randint(1, 3)
        for pos in OMO_POS[:k]:
            s[pos] = OMO[int(s[pos])]
        s = "".join(s)
        return s + cf_check(s)

    def cf_wrong(self, opts=None):
        s = self.cf15(None, opts)
        good = cf_check(s)
        bad = self.r.choice([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != good])
        return s + bad

    @staticmethod
    def cf_spaced(cf):
        return f"{cf[:6]} {cf[6:11]} {cf[11:15]} {cf[15]}"

    @staticmethod
    def cf_spaced3(cf):
        return f"{cf[:3]} {cf[3:6]} {cf[6:11]} {cf[11:]}"

    # -- IBAN
    @staticmethod
    def mod97(s):
        n = "".join(str(int(c, 36)) for c in s)
        return int(n) % 97

    @classmethod
    def iban_check(cls, country, bban):
        return 98 - cls.mod97(bban + country + "00")

    @classmethod
    def iban_valid(cls, iban):
        iban = iban.replace(" ", "").replace("-", "").upper()
        return cls.mod97(iban[4:] + iban[:4]) == 1

    @staticmethod
    def it_cin(abi, cab, acct):
        s = abi + cab + acct
        t = 0
        for i, c in enumerate(s):
            t += ODD[c] if i % 2 == 0 else EVEN[c]
        return chr(ord('A') + t % 26)

    def digits(self, n):
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def it_bban(self, acct=None):
        abi = self.r.choice(["03069", "02008", "05034", "01030", "05387", "03062", "06230", "03111",
                             "08327", "05696", "03015", "01005"])
        cab = self.digits(5)
        if acct is None:
            acct = self.r.choice(["0000", "1000", "CC00", "0100"]) + self.digits(8)
        return self.it_cin(abi, cab, acct) + abi + cab + acct

    def iban_it(self, acct=None):
        bban = self.it_bban(acct)
        return f"IT{self.iban_check('IT', bban):02d}{bban}"

    def iban_foreign(self, cc):
        r = self.r
        if cc == "DE":
            bban = self.digits(18)
        elif cc == "FR":
            bban = self.digits(10) + r.choice(["000", "001"]) + self.digits(8) + self.digits(2)
        elif cc == "ES":
            bban = self.digits(20)
        elif cc == "GB":
            bban = r.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + self.digits(14)
        elif cc == "BE":
            bban = self.digits(12)
        elif cc == "AT":
            bban = self.digits(16)
        elif cc == "NL":
            bban = r.choice(["ABNA", "INGB", "RABO"]) + self.digits(10)
        elif cc == "CH":
            bban = self.digits(17)
        else:
            raise ValueError(cc)
        return f"{cc}{self.iban_check(cc, bban):02d}{bban}"

    def wrong_check(self, iban):
        cd = int(iban[2:4])
        while True:
            new = (cd + self.r.randint(1, 96)) % 100
            cand = f"{iban[:2]}{new:02d}{iban[4:]}"
            if not self.iban_valid(cand):
                return cand

    def typo_bban(self, iban):
        while True:
            pos = self.r.randint(10, len(iban) - 1)
            if not iban[pos].isdigit():
                continue
            d = self.r.choice([c for c in "0123456789" if c != iban[pos]])
            cand = iban[:pos] + d + iban[pos + 1:]
            if not self.iban_valid(cand):
                return cand

    @staticmethod
    def groups(iban, sep=" "):
        return sep.join(iban[i:i + 4] for i in range(0, len(iban), 4))

    @staticmethod
    def it_parts(iban):
        return f"{iban[:2]} {iban[2:4]} {iban[4]} {iban[5:10]} {iban[10:15]} {iban[15:]}"

    # -- placeholder dispatch
    def value(self, key):
        # optional person details: {CF;s=F;d=1990-01-17;n=Giulia;c=Marino;p=F205;y=1950}
        key, *kv = key.split(";")
        o = dict(x.split("=", 1) for x in kv)
        if key == "CF":
            return self.cf(None, o)
        if key == "CFm":
            return self.cf("M", o)
        if key == "CFf":
            return self.cf("F", o)
        if key == "CFl":
            return self.cf(None, o).lower()
        if key == "CFs":
            return self.cf_spaced(self.cf(None, o))
        if key == "CFs3":
            return self.cf_spaced3(self.cf(None, o))
        if key == "CFo":
            return self.cf_omocodia(o)
        if key == "CFX":
            return self.cf_wrong(o)
        if key == "CFXl":
            return self.cf_wrong(o).lower()
        if key == "CFXs":
            return self.cf_spaced(self.cf_wrong(o))
        if key == "IBAN":
            return self.iban_it()
        if key == "IBANg":
            return self.groups(self.iban_it())
        if key == "IBANp":
            return self.it_parts(self.iban_it())
        if key == "IBANd":
            return self.groups(self.iban_it(), "-")
        if key.startswith("IBANX"):
            rest = key[5:]
            if rest == "":
                return self.wrong_check(self.iban_it())
            if rest == "g":
                return self.groups(self.wrong_check(self.iban_it()))
            if rest == "t":
                return self.typo_bban(self.iban_it())
            if rest == "de":
                return self.wrong_check(self.iban_foreign("DE"))
            if rest == "gb":
                return self.groups(self.wrong_check(self.iban_foreign("GB")))
            if rest == "ph":
                return self.wrong_check(self.iban_it(acct="003471182046"))
        if key.startswith("IBAN"):
            rest = key[4:]
            grouped = rest.endswith("g") and len(rest) == 3
            cc = rest[:2].upper()
            v = self.iban_foreign(cc)
            return self.groups(v) if grouped else v
        raise KeyError(key)


def render(line, g):
    out = []
    i = 0
    while i < len(line):
        if line[i] == "{":
            j = line.index("}", i)
            out.append(g.value(line[i + 1:j]))
            i = j + 1
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def main():
    rnd = random.Random(SEED)
    g = Gen(rnd)
    items = []
    for n, raw in enumerate((HERE / "items_g.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("|", 3)
        if len(parts) != 4:
            sys.exit(f"items_g.txt:{n}: bad line")
        items.append(parts)
    rnd.shuffle(items)
    lines = []
    for k, (lang, typ, exp, text) in enumerate(items, 1):
        text = render(text, g)
        assert "\t" not in text and "\n" not in text
        lines.append(f"FG-{k:03d}\t{lang}\t{typ}\t{exp}\t{text}")
    (HERE / "guard_fresh_g.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} lines")


if __name__ == "__main__":
    main()
