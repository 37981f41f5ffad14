#!/usr/bin/env python3
"""match_pairs.py — name pairs for the matcher's quality benchmark, from
real lists: positives are a record's primary name with each alias the
publisher gives for it (OFAC alt.csv, UN ALIAS_NAME and NAME_ORIGINAL_SCRIPT);
negatives are primary names of two different records, and UN original-script
names against other records' primary names, sampled with a fixed seed. Output: TSV  label  stratum  person  watch  candidate  class.

Not every alias is a spelling of the name: "KREKAR, Mullah" for "AHMAD,
Najmuddin Faraj", or a company's former name, is another name altogether,
and no name matcher should be expected to find it. Each positive is
classified here, independently of the matcher's code and score, from the
two names' words alone:
  script     the publisher's original-script name (UN NAME_ORIGINAL_SCRIPT):
             the same name by definition
  variant    every distinctive word of each name is related to a word of
             the other (same word, same phonetic key, Jaro-Winkler >= 0.85,
             a long common prefix, or two words joined): a spelling or
             order variant
  partial    every distinctive word of one name is related to a word of the
             other, which has more: a partial name (Vitaly Perfilyev for
             PERFILEV, Vitalij Viktorovic) or a name with words added
  overlap    some distinctive words related, but both names have distinctive
             words the other lacks (a different given name, a translation)
  one-word   a person's name of one distinctive word (a nickname, a lone
             surname or given name) against a longer one: related, but the
             matcher refuses these on purpose (a lone name is not the person)
  different  no distinctive word related at all: another name
Distinctive words are those not in the short lists of legal forms, generic
business words, particles and honorifics below."""
import csv, random, re, sys, unicodedata, xml.etree.ElementTree as ET

COMMON = set("""
llc ltd limited ooo oao zao pao ao jsc ojsc cjsc pjsc tov corp corporation inc
incorporated co company gmbh ag sa sas sarl srl spa bv nv plc lp llp fze fzco
fzc fz kg ab oy sdn bhd pte pvt pty sro cie lda ltda liability joint stock
obshchestvo ogranichennoi ogranichennoy otvetstvennostyu otvetstvennostiu
aktsionernoe zakrytoe otkrytoe publichnoe de cv rl
trading trade traders group international intl holding holdings industries
industrial industry enterprise enterprises services service global import
export logistics shipping investment investments development general
commercial commerce management technology technologies solutions systems bank
national petroleum oil gas energy construction engineering marine maritime
navigation airlines factory manufacturing production resources mining
foundation charity charitable organization organisation association institute
center centre agency partners consulting capital finance financial fund
ventures products supply equipment transport line lines ship new united first
world society office
al el ul ad ar as ash at az bin ben bint ibn abu abou ould abd de da do das dos
del della di du des la le van von der den y e and of the for wa
mr mrs ms dr prof sir sheikh shaikh haji hajji hadji mullah maulana maulvi
mawlawi qari general colonel captain chief
""".split())


def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['\u2019\u2018`\u02bc\u02bb]", '', s.casefold())
    return [t for t in re.split(r'[^0-9a-z\u00c0-\uffff]+', s) if t]


def pkey(t):
    for a, b in (('dzh', 'j'), ('dj', 'j'), ('tch', 'ch'), ('kh', 'h'),
                 ('ph', 'f'), ('ck', 'k'), ('q', 'k'), ('x', 'ks'),
                 ('w', 'v'), ('ou', 'u'), ('y', 'i'), ('j', 'i'),
                 ('gh', 'g'), ('th', 't'), ('dh', 'd')):
        t = t.replace(a, b)
    k = t[0]
    for c in t[1:]:
        if c not in 'aeiouh' and c != k[-1]:
            k += c
    return k


def jw(a, b):
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    r = max(max(la, lb) // 2 - 1, 0)
    ma, mb = [False] * la, [False] * lb
    m = 0
    for i in range(la):
        for x in range(max(0, i - r), min(lb, i + r + 1)):
            if not mb[x] and a[i] == b[x]:
                ma[i] = mb[x] = True
                m += 1
                break
    if not m:
        return 0.0
    t = k = 0
    for i in range(la):
        if ma[i]:
            while not mb[k]:
                k += 1
            t += a[i] != b[k]
            k += 1
    j = (m / la + m / lb + (m - t / 2) / m) / 3
    p = 0
    while p < min(4, la, lb) and a[p] == b[p]:
        p += 1
    return j + p * 0.1 * (1 - j)


def related(a, b):
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    if len(pkey(a)) >= 3 and pkey(a) == pkey(b):
        return True
    if min(len(a), len(b)) >= 4 and jw(a, b) >= 0.85:
        return True
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    return p >= 5 and p >= 0.8 * min(len(a), len(b))


def covered(xs, ys):
    """How many of xs relate to a word of ys (or to two adjacent joined)."""
    joined = [ys[i] + ys[i + 1] for i in range(len(ys) - 1)]
    n = 0
    for i, x in enumerate(xs):
        if any(related(x, y) for y in ys + joined) or (
                i + 1 < len(xs) and xs[i] + xs[i + 1] in ys):
            n += 1
    return n


def classify(stratum, person, a, b):
    if stratum == "script":
        return 'script'
    ta, tb = fold(a), fold(b)
    da = [t for t in ta if t not in COMMON and len(t) > 1] or ta
    db = [t for t in tb if t not in COMMON and len(t) > 1] or tb
    ca, cb = covered(da, tb), covered(db, ta)
    if ca == 0 and cb == 0:
        return 'different'
    if person and min(len(da), len(db)) == 1 and max(len(da), len(db)) > 1:
        return 'one-word'
    if ca == len(da) and cb == len(db):
        return 'variant'
    if ca == len(da) or cb == len(db):
        return 'partial'
    return 'overlap'

sdn_path, alt_path, un_path, out_path = sys.argv[1:5]
random.seed(20240223)
recs = {}            # key -> (person, primary, [aliases], stratum-prefix)

with open(sdn_path, encoding='latin-1', newline='') as f:
    for row in csv.reader(f):
        if len(row) < 12 or not row[0].strip().isdigit():
            continue
        recs['ofac:' + row[0]] = [row[2] == 'individual', row[1], [], 'ofac']
with open(alt_path, encoding='latin-1', newline='') as f:
    for row in csv.reader(f):
        if len(row) < 4:
            continue
        k = 'ofac:' + row[0].strip()
        if k in recs and row[3].strip() not in ('', '-0-'):
            recs[k][2].append((row[2].strip(), row[3].strip()))

root = ET.parse(un_path).getroot()
for tag, person in (('INDIVIDUAL', True), ('ENTITY', False)):
    for e in root.iter(tag):
        parts = [(e.findtext(x) or '').strip() for x in
                 ('FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME')]
        name = ' '.join(p for p in parts if p)
        if not name:
            continue
        al = []
        for a in e.iter(tag + '_ALIAS'):
            n = (a.findtext('ALIAS_NAME') or '').strip()
            if n:
                al.append(('alias-' + (a.findtext('QUALITY') or '?').strip().lower(), n))
        os_ = (e.findtext('NAME_ORIGINAL_SCRIPT') or '').strip()
        if os_:
            al.append(('script', os_))
        recs['un:' + (e.findtext('DATAID') or '')] = [person, name, al, 'un']

out = open(out_path, 'w', encoding='utf-8')
clean = lambda s: ' '.join(s.split())
keys = sorted(recs)
npos = 0
for k in keys:
    person, name, al, src = recs[k]
    for typ, a in al:
        if a == name:
            continue
        out.write('pos\t%s-%s-%s\t%d\t%s\t%s\t%s\n' % (
            src, 'person' if person else 'entity', typ, person, clean(a),
            clean(name), classify(typ, person, clean(a), clean(name))))
        npos += 1
# negatives: primary names of two different records, at random (class
# "random") and, harder, two of one list that share a distinctive word
# ("shared-word": AL-ASSAD, Bashar and AL-ASSAD, Maher; two banks of one
# country). One list, because OFAC and the UN list many of the same people.
nneg = 0
while nneg < 100000:
    a, b = random.sample(keys, 2)
    pa, na, _, sa = recs[a]
    pb, nb, _, sb = recs[b]
    out.write('neg\t%s-%s\t%d\t%s\t%s\trandom\n' % (
        sa, 'person' if pb else 'entity', pb, clean(na), clean(nb)))
    nneg += 1
byword = {}
for k in keys:
    for t in set(fold(recs[k][1])):
        if t not in COMMON and len(t) > 2:
            byword.setdefault(t, []).append(k)
words = sorted(w for w in byword if len(byword[w]) > 1)
nhard = 0
while nhard < 20000:
    a, b = random.sample(byword[random.choice(words)], 2)
    pa, na, _, sa = recs[a]
    pb, nb, _, sb = recs[b]
    if sa != sb or clean(na).casefold() == clean(nb).casefold():
        continue        # one name listed twice (vessels, namesakes)
    out.write('neg\t%s-%s\t%d\t%s\t%s\tshared-word\n' % (
        sa, 'person' if pb else 'entity', pb, clean(na), clean(nb)))
    nhard += 1
# negatives for original script: each UN original-script name against
# primary names of other records at random (class "script"): Arabic and
# Cyrillic meet Latin through coarse consonant classes, and the random
# Latin pairs above never test them.
nscript = 0
for k in keys:
    person, name, al, src = recs[k]
    for typ, a in al:
        if typ != 'script':
            continue
        for _ in range(100):
            o = random.choice(keys)
            if o == k:
                continue
            po, no, _, so = recs[o]
            out.write('neg\t%s-script\t%d\t%s\t%s\tscript\n' % (
                src, po, clean(a), clean(no)))
            nscript += 1
print('pairs: %d positive, %d negative, %d negative sharing a word, '
      '%d original-script negative' % (npos, nneg, nhard, nscript),
      file=sys.stderr)
