#!/usr/bin/env python3
"""match_pairs.py — name pairs for the matcher's quality benchmark, from
real lists: positives are a record's primary name with each alias the
publisher gives for it (OFAC alt.csv, UN ALIAS_NAME and NAME_ORIGINAL_SCRIPT);
negatives are primary names of two different records, sampled with a fixed
seed. Output: TSV  label  stratum  person  watch  candidate."""
import csv, random, sys, xml.etree.ElementTree as ET

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
        out.write('pos\t%s-%s-%s\t%d\t%s\t%s\n' % (src, 'person' if person else 'entity', typ, person, clean(a), clean(name)))
        npos += 1
# negatives: 20 per positive pair budget, capped
nneg = 0
while nneg < 100000:
    a, b = random.sample(keys, 2)
    pa, na, _, sa = recs[a]
    pb, nb, _, sb = recs[b]
    out.write('neg\t%s-%s\t%d\t%s\t%s\n' % (sa, 'person' if pb else 'entity', pb, clean(na), clean(nb)))
    nneg += 1
print('pairs: %d positive, %d negative' % (npos, nneg), file=sys.stderr)
