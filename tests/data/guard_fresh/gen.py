#!/usr/bin/env python3
"""Renders items.tpl into ../guard_fresh_a.tsv. Deterministic (fixed seed).
Placeholders: {CF} valid tax code, {CFl} valid lower case, {CFs} valid with spaces,
{CFo} valid omocodia, {CFX} wrong check character, {CFXl} wrong check lower case;
{IBAN} valid compact IT, {IBANg} valid groups of 4, {IBANd} valid dashes, {IBANp} valid split by
Italian parts, {IBANde} valid German, {IBANX} wrong check digits, {IBANXg} wrong check grouped,
{IBANXb} BBAN typo (mod 97 fails)."""
import random, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]))
def even(c): return int(c) if c.isdigit() else ord(c)-65
def cf_check(s15):
    s = s15.upper(); t = 0
    for i, c in enumerate(s):
        t += ODD[c] if i % 2 == 0 else even(c)
    return chr(65 + t % 26)
def cf_valid(s):
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", s): return False
    return cf_check(s[:15]) == s[15]
OMO = "LMNPQRSTUV"
def iban_mod(s):
    s = s.replace(" ", "").replace("-", "").upper()
    r = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97
def iban_valid(s): return iban_mod(s) == 1
def iban_make(cc, bban):
    chk = 98 - iban_mod(cc + "00" + bban)
    return f"{cc}{chk:02d}{bban}"
rng = random.Random(20261206)
CONS = "BCDFGLMNPRSTVZ"; VOW = "AEIOU"
MONTHS = "ABCDEHLMPRST"; PLACES = ["F205","H501","A662","L219","F839","G273","D612","A944","L736","G224","B157","C351"]
used = set()
def cf15():
    while True:
        sur = "".join(rng.choice(CONS) for _ in range(2)) + rng.choice(VOW)
        sur = sur if rng.random() < .5 else "".join(rng.choice(CONS) for _ in range(3))
        nam = "".join(rng.choice(CONS) for _ in range(2)) + rng.choice(VOW)
        yy = f"{rng.randint(40,99):02d}"; m = rng.choice(MONTHS); d = rng.randint(1,28) + (40 if rng.random() < .5 else 0)
        s = f"{sur}{nam}{yy}{m}{d:02d}{rng.choice(PLACES)}"
        if s not in used: used.add(s); return s
def cf(): s = cf15(); return s + cf_check(s)
def cf_bad():
    s = cf15(); good = cf_check(s)
    bad = rng.choice([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != good]); return s + bad
def cf_omo():
    s = list(cf15())
    for pos in [14, 13, 12][:rng.randint(1,3)]:
        s[pos] = OMO[int(s[pos])]
    s = "".join(s); return s + cf_check(s)
def it_bban():
    abi = rng.choice(["03069","02008","05034","03111","01030","05696","03062","08327"])
    cab = f"{rng.randint(1000,99999):05d}"; conto = f"{rng.randint(0,10**12-1):012d}"
    body = abi + cab + conto; return cf_check_cin(body) + body
def cf_check_cin(body):  # Italian CIN: same odd/even tables as the tax code
    t = 0
    for i, c in enumerate(body): t += ODD[c] if i % 2 == 0 else even(c)
    return chr(65 + t % 26)
def iban():
    while True:
        v = iban_make("IT", it_bban())
        if v not in used: used.add(v); return v
def iban_bad():
    v = iban(); chk = int(v[2:4]); new = (chk + rng.randint(1, 40)) % 97
    new = new if new >= 2 else new + 2
    b = v[:2] + f"{new:02d}" + v[4:]; assert not iban_valid(b); return b
def iban_typo():
    v = iban(); i = rng.randint(12, 26); d = v[i]
    while True:
        b = v[:i] + str(rng.randint(0,9)) + v[i+1:]
        if b != v and not iban_valid(b): return b
def g4(v): return " ".join(v[i:i+4] for i in range(0, len(v), 4))
def parts(v): return f"{v[:2]} {v[2:4]} {v[4]} {v[5:10]} {v[10:15]} {v[15:]}"
def cfs(v): return f"{v[:6]} {v[6:11]} {v[11:15]} {v[15]}"
GEN = {
 "CF": cf, "CFl": lambda: cf().lower(), "CFs": lambda: cfs(cf()), "CFo": cf_omo,
 "CFX": cf_bad, "CFXl": lambda: cf_bad().lower(),
 "IBAN": iban, "IBANg": lambda: g4(iban()), "IBANd": lambda: (lambda v: "-".join(v[i:i+4] for i in range(0, len(v), 4)))(iban()),
 "IBANp": lambda: parts(iban()), "IBANde": lambda: iban_make("DE", f"{rng.randint(10**7,10**8-1)}{rng.randint(0,10**10-1):010d}"),
 "IBANph": lambda: iban_make("IT", cf_check_cin("0306909606003471182046") + "0306909606003471182046"),
 "IBANXph": lambda: ("IT" + f"{(int(iban_make('IT', cf_check_cin('0306909606003471182046') + '0306909606003471182046')[2:4]) + 11) % 97:02d}" + cf_check_cin("0306909606003471182046") + "0306909606003471182046"),
 "IBANX": iban_bad, "IBANXg": lambda: g4(iban_bad()), "IBANXb": iban_typo,
}
def render(text):
    return re.sub(r"\{(CF\w*|IBAN\w*)\}", lambda m: GEN[m.group(1)](), text)
def main():
    rows = []
    for ln in open(os.path.join(HERE, "items.tpl"), encoding="utf-8"):
        ln = ln.rstrip("\n")
        if not ln.strip() or ln.startswith("#"): continue
        lang, typ, exp, text = ln.split("|", 3)
        kinds = sorted(set(k.strip() for k in exp.split(",") if k.strip())) if exp != "none" else []
        rows.append((lang, typ, ",".join(kinds) or "none", render(text)))
    rng.shuffle(rows)
    with open(os.path.join(HERE, "..", "guard_fresh_a.tsv"), "w", encoding="utf-8") as f:
        for i, (lang, typ, exp, text) in enumerate(rows, 1):
            f.write(f"FA-{i:03d}\t{lang}\t{typ}\t{exp}\t{text}\n")
    print(len(rows), "rows")
if __name__ == "__main__": main()
