#!/usr/bin/env python3
"""Generator for guard_fresh_b.tsv (independent evaluation set B for the insurance guard).

Reads items_b.tpl (lines `lang|type|expected|text`, '#' comments allowed), fills the
placeholders below with freshly generated values, shuffles the lines with a fixed seed and
writes guard_fresh_b.tsv with ids FB-001, FB-002, ...

Placeholders
  {CF[:style[:Surname:Name:Sex[:YYYY-MM-DD]]]}   codice fiscale
      style u  valid, upper case, compact          (default)
            l  valid, lower case, compact
            s  valid, spaced 'LLLLLL NNLNN LNNN L'
            s2 valid, spaced 'LLL LLL NNLNN LNNNL'
            o  valid omocodia variant (1-3 digits replaced by LMNPQRSTUV, check recomputed)
            X  wrong check character, upper compact
            Xl wrong check character, lower compact
            Xs wrong check character, spaced 'LLLLLL NNLNN LNNN L'
  {IBAN[:style]}
      (none) valid Italian IBAN, compact      g  valid IT, groups of 4
      p  valid IT, split by Italian parts     d  valid IT, groups of 4 joined by dashes
      de / fr / es / gb / nl  valid foreign IBAN (de, gb, nl grouped; fr, es compact)
      X  IT with wrong check digits, compact  Xg wrong check digits, grouped
      Xb IT with a typo in the BBAN (breaks mod 97), compact
      X347 IT with wrong check digits whose account contains 3471182046, compact
  {PLATE[:style]}  Italian plate AA999AA (letters without I, O, Q, U)
      (none) compact   s  spaced 'AB 123 CD'   d  dashed 'AB-123-CD'   l  lower case compact
"""
import random
import re
import sys
import unicodedata
from pathlib import Path

SEED = 20261206
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- codice fiscale
ODD = {
    '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
    'A': 1, 'B': 0, 'C': 5, 'D': 7, 'E': 9, 'F': 13, 'G': 15, 'H': 17, 'I': 19, 'J': 21,
    'K': 2, 'L': 4, 'M': 18, 'N': 20, 'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14,
    'U': 16, 'V': 10, 'W': 22, 'X': 25, 'Y': 24, 'Z': 23,
}
EVEN = {**{str(d): d for d in range(10)}, **{chr(65 + i): i for i in range(26)}}
MONTHS = 'ABCDEHLMPRST'
OMO = 'LMNPQRSTUV'
OMO_POS = [14, 13, 12, 10, 9, 7, 6]  # 0-based, replaced from the right
VOWELS = set('AEIOU')
PLACES = ['H501', 'F205', 'A662', 'F839', 'L219', 'D612', 'A944', 'G273', 'C351', 'L736',
          'G224', 'E506', 'H703', 'B354', 'D969', 'L424', 'E625', 'G478', 'F158', 'L049',
          'B157', 'C933', 'F704', 'G337', 'H223', 'L781', 'A794', 'E463', 'M082', 'Z114']
SURNAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci',
            'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa',
            'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro',
            'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo',
            'Gentile', 'Martinelli', 'Vitale', 'Serra', 'Coppola', 'De Santis', "D'Angelo",
            'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Fabbri', 'Bianco', 'Marini',
            'Grasso', 'Valentini', 'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini']
NAMES_M = ['Marco', 'Luca', 'Giuseppe', 'Francesco', 'Antonio', 'Alessandro', 'Andrea',
           'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Federico', 'Paolo', 'Stefano', 'Giovanni',
           'Roberto', 'Salvatore', 'Vincenzo', 'Nicola', 'Enrico']
NAMES_F = ['Giulia', 'Francesca', 'Sara', 'Chiara', 'Anna', 'Laura', 'Valentina', 'Elena',
           'Martina', 'Silvia', 'Alessia', 'Federica', 'Paola', 'Roberta', 'Maria', 'Rosa',
           'Simona', 'Elisa', 'Marta', 'Ilaria']


def _letters(s):
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s.upper() if 'A' <= c <= 'Z')


def code_surname(s):
    s = _letters(s)
    cons = [c for c in s if c not in VOWELS]
    vow = [c for c in s if c in VOWELS]
    return ''.join((cons + vow + ['X'] * 3)[:3])


def code_name(s):
    s = _letters(s)
    cons = [c for c in s if c not in VOWELS]
    vow = [c for c in s if c in VOWELS]
    if len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return ''.join((cons + vow + ['X'] * 3)[:3])


def cf_check(first15):
    total = 0
    for i, c in enumerate(first15.upper()):
        total += ODD[c] if i % 2 == 0 else EVEN[c]  # position 1 (i=0) is odd
    return chr(65 + total % 26)


def cf_valid(code):
    code = code.upper().replace(' ', '')
    if not re.fullmatch(r'[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]', code):
        return False
    return cf_check(code[:15]) == code[15]


def make_cf(rng, surname=None, name=None, sex=None, date=None):
    sex = sex or rng.choice('MF')
    surname = surname or rng.choice(SURNAMES)
    name = name or rng.choice(NAMES_M if sex == 'M' else NAMES_F)
    if date:
        y, m, d = (int(x) for x in date.split('-'))
    else:
        y, m, d = rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28)
    day = d + (40 if sex == 'F' else 0)
    body = f'{code_surname(surname)}{code_name(name)}{y % 100:02d}{MONTHS[m - 1]}{day:02d}{rng.choice(PLACES)}'
    return body + cf_check(body)


def omocodia(rng, cf):
    k = rng.randint(1, 3)
    chars = list(cf[:15])
    for pos in OMO_POS[:k]:
        chars[pos] = OMO[int(chars[pos])]
    body = ''.join(chars)
    return body + cf_check(body)


def wrong_check(rng, cf):
    good = cf[15]
    bad = rng.choice([c for c in 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' if c != good])
    return cf[:15] + bad


def spaced1(cf):
    return f'{cf[:6]} {cf[6:11]} {cf[11:15]} {cf[15]}'


def spaced2(cf):
    return f'{cf[:3]} {cf[3:6]} {cf[6:11]} {cf[11:16]}'


# ---------------------------------------------------------------- IBAN
IBAN_LEN = {'IT': 27, 'SM': 27, 'DE': 22, 'FR': 27, 'ES': 24, 'GB': 22, 'NL': 18, 'BE': 16,
            'CH': 21, 'AT': 20, 'IE': 22, 'PT': 25}
ITALIAN_ABI = ['03069', '02008', '05034', '03111', '01030', '05387', '03062', '08327', '05696',
               '03440', '02008', '06230', '03032', '05584', '07601']


def to_digits(s):
    return ''.join(str(int(c, 36)) for c in s)


def iban_check_digits(country, bban):
    r = int(to_digits(bban + country + '00')) % 97
    return f'{98 - r:02d}'


def iban_valid(iban):
    s = re.sub(r'[ \-]', '', iban).upper()
    if len(s) < 5 or s[:2] not in IBAN_LEN or len(s) != IBAN_LEN[s[:2]]:
        return False
    return int(to_digits(s[4:] + s[:4])) % 97 == 1


def cin(abi, cab, account):
    s = abi + cab + account
    total = 0
    for i, c in enumerate(s):
        total += ODD[c] if i % 2 == 0 else EVEN[c]
    return chr(65 + total % 26)


def make_it_bban(rng, account=None):
    abi = rng.choice(ITALIAN_ABI)
    cab = f'{rng.randint(1000, 99999):05d}'
    if account is None:
        if rng.random() < 0.3:
            account = 'CC' + ''.join(rng.choice('0123456789') for _ in range(10))
        else:
            account = ''.join(rng.choice('0123456789') for _ in range(12))
    return cin(abi, cab, account) + abi + cab + account


def make_iban(rng, country='IT', account=None):
    digits = lambda n: ''.join(rng.choice('0123456789') for _ in range(n))
    if country == 'IT':
        bban = make_it_bban(rng, account)
    elif country == 'DE':
        bban = digits(18)
    elif country == 'FR':
        bban = digits(23)
    elif country == 'ES':
        bban = digits(20)
    elif country == 'GB':
        bban = rng.choice(['NWBK', 'BARC', 'HBUK', 'LOYD', 'MIDL']) + digits(14)
    elif country == 'NL':
        bban = rng.choice(['INGB', 'ABNA', 'RABO', 'BUNQ']) + digits(10)
    else:
        raise ValueError(country)
    iban = country + iban_check_digits(country, bban) + bban
    assert iban_valid(iban) and len(iban) == IBAN_LEN[country]
    return iban


def wrong_check_digits(rng, iban):
    good = iban[2:4]
    bad = good
    while bad == good:
        bad = f'{rng.randint(2, 98):02d}'
    out = iban[:2] + bad + iban[4:]
    assert not iban_valid(out)
    return out


def bban_typo(rng, iban):
    chars = list(iban)
    idxs = [i for i in range(len(chars)) if i >= 16 and chars[i].isdigit()]
    i = rng.choice(idxs)
    chars[i] = rng.choice([d for d in '0123456789' if d != chars[i]])
    out = ''.join(chars)
    assert not iban_valid(out)
    return out


def group4(s, sep=' '):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def it_parts(s):
    return f'{s[:2]} {s[2:4]} {s[4]} {s[5:10]} {s[10:15]} {s[15:]}'


# ---------------------------------------------------------------- plates
PLATE_LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ'


def make_plate(rng):
    l = lambda: rng.choice(PLATE_LETTERS) + rng.choice(PLATE_LETTERS)
    return f'{l()}{rng.randint(0, 999):03d}{l()}'


# ---------------------------------------------------------------- rendering
PH = re.compile(r'\{(CF|IBAN|PLATE)(?::([^}]*))?\}')


class Filler:
    def __init__(self, rng):
        self.rng = rng
        self.seen = set()

    def _unique(self, fn):
        for _ in range(1000):
            v = fn()
            key = re.sub(r'[ \-]', '', v).upper()
            if key not in self.seen:
                self.seen.add(key)
                return v
        raise RuntimeError('could not make a unique value')

    def cf(self, arg):
        parts = (arg or 'u').split(':')
        style = parts[0] or 'u'
        surname = parts[1] if len(parts) > 1 else None
        name = parts[2] if len(parts) > 2 else None
        sex = parts[3] if len(parts) > 3 else None
        date = parts[4] if len(parts) > 4 else None
        base = lambda: make_cf(self.rng, surname, name, sex, date)
        if style == 'u':
            return self._unique(base)
        if style == 'l':
            return self._unique(base).lower()
        if style == 's':
            return spaced1(self._unique(base))
        if style == 's2':
            return spaced2(self._unique(base))
        if style == 'o':
            return self._unique(lambda: omocodia(self.rng, base()))
        if style == 'X':
            return self._unique(lambda: wrong_check(self.rng, base()))
        if style == 'Xl':
            return self._unique(lambda: wrong_check(self.rng, base())).lower()
        if style == 'Xs':
            return spaced1(self._unique(lambda: wrong_check(self.rng, base())))
        raise ValueError('CF style ' + style)

    def iban(self, arg):
        style = arg or ''
        r = self.rng
        if style == '':
            return self._unique(lambda: make_iban(r))
        if style == 'g':
            return group4(self._unique(lambda: make_iban(r)))
        if style == 'p':
            return it_parts(self._unique(lambda: make_iban(r)))
        if style == 'd':
            return group4(self._unique(lambda: make_iban(r)), '-')
        if style in ('de', 'gb', 'nl'):
            return group4(self._unique(lambda: make_iban(r, style.upper())))
        if style in ('fr', 'es'):
            return self._unique(lambda: make_iban(r, style.upper()))
        if style == 'X':
            return self._unique(lambda: wrong_check_digits(r, make_iban(r)))
        if style == 'Xg':
            return group4(self._unique(lambda: wrong_check_digits(r, make_iban(r))))
        if style == 'Xb':
            return self._unique(lambda: bban_typo(r, make_iban(r)))
        if style == 'X347':
            return self._unique(lambda: wrong_check_digits(r, make_iban(r, account='003471182046')))
        raise ValueError('IBAN style ' + style)

    def plate(self, arg):
        p = self._unique(lambda: make_plate(self.rng))
        style = arg or ''
        if style == '':
            return p
        if style == 's':
            return f'{p[:2]} {p[2:5]} {p[5:]}'
        if style == 'd':
            return f'{p[:2]}-{p[2:5]}-{p[5:]}'
        if style == 'l':
            return p.lower()
        raise ValueError('PLATE style ' + style)

    def fill(self, text):
        def sub(m):
            kind, arg = m.group(1), m.group(2)
            return {'CF': self.cf, 'IBAN': self.iban, 'PLATE': self.plate}[kind](arg)
        return PH.sub(sub, text)


def main():
    rng = random.Random(SEED)
    filler = Filler(rng)
    items = []
    for n, raw in enumerate((HERE / 'items_b.tpl').read_text(encoding='utf-8').splitlines(), 1):
        if not raw.strip() or raw.startswith('#'):
            continue
        parts = raw.split('|', 3)
        if len(parts) != 4:
            sys.exit(f'items_b.tpl:{n}: expected 4 fields')
        lang, typ, expected, text = (p.strip() for p in parts)
        if '\t' in text:
            sys.exit(f'items_b.tpl:{n}: tab in text')
        items.append((lang, typ, expected, filler.fill(text)))
    rng.shuffle(items)
    out = HERE / 'guard_fresh_b.tsv'
    with out.open('w', encoding='utf-8', newline='\n') as f:
        for i, (lang, typ, expected, text) in enumerate(items, 1):
            f.write(f'FB-{i:03d}\t{lang}\t{typ}\t{expected}\t{text}\n')
    print(f'wrote {len(items)} lines to {out}')


if __name__ == '__main__':
    main()
