#!/usr/bin/env python3
"""extract_names.py — writes tests/data/match/names.tsv: the published names
(OFAC sdn name, OFAC alt name, UN name, alias or original script, BIS Denied
Persons List name) that tests/unit/test_match.c's rows use (name_rows[], and
the names test_index_equals_naive screens and watches), each with its
list, record id and file under ../shared/data. Run from the repository root when rows change:
    python3 tests/data/match/extract_names.py ../shared/data"""
import csv, re, sys
import xml.etree.ElementTree as ET

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
src = open('tests/unit/test_match.c', encoding='utf-8').read()
body = src[src.index('name_rows[] = {'):]
body = body[:body.index('};')]
lit = lambda x: ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', x))
want = set()
for a, b in re.findall(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*'
                       r'((?:"(?:[^"\\]|\\.)*"\s*)+),\s*\d,\s*\d', body):
    want.update((lit(a), lit(b)))
body = src[src.index('test_index_equals_naive(void'):]
body = body[:body.index('\n}\n')]
for a in re.findall(r'\{\s*"(?:individual|entity)",\s*'
                    r'((?:"(?:[^"\\]|\\.)*"\s*)+),', body):
    want.add(lit(a))
want.update(re.findall(r'name: ([^"\\]+)', body))
found = {}


def add(name, where):
    name = name.strip()
    if name in want and name not in found:
        found[name] = where


for f in ('ofac_sdn_csv/jackdwyer/sdn__2024-02-23__19efeec.csv',
          'ofac_sdn_csv/jackdwyer/sdn__2023-09-14__bc8eed9.csv'):
    for r in csv.reader(open('%s/%s' % (data, f), encoding='latin-1')):
        if len(r) > 2:
            add(r[1], 'ofac-sdn\t%s\t%s' % (r[0], f))
for f in ('ofac_sdn_csv/watchman/alt__2023-11-30__c815c599.csv',
          'ofac_sdn_csv/watchman/alt__2025-12-24__2928c949.csv'):
    for r in csv.reader(open('%s/%s' % (data, f), encoding='latin-1')):
        if len(r) > 3:
            add(r[3], 'ofac-sdn-alt\t%s\t%s' % (r[0], f))
f = 'un/un_consolidated__2024-11-30__48e0808.xml'
root = ET.parse('%s/%s' % (data, f)).getroot()
for tag in ('INDIVIDUAL', 'ENTITY'):
    for e in root.iter(tag):
        d = e.findtext('DATAID')
        parts = [(e.findtext(x) or '').strip() for x in
                 ('FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME')]
        add(' '.join(p for p in parts if p), 'un\t%s\t%s' % (d, f))
        for a in e.iter(tag + '_ALIAS'):
            add(a.findtext('ALIAS_NAME') or '', 'un-alias\t%s\t%s' % (d, f))
        add(e.findtext('NAME_ORIGINAL_SCRIPT') or '',
            'un-script\t%s\t%s' % (d, f))
f = 'us_bis_dpl/dpl__2023-11-30__c815c599.txt'
for r in csv.reader(open('%s/%s' % (data, f), encoding='latin-1'),
                    delimiter='\t'):
    if r and r[0] != 'Name':
        add(' '.join(r[0].split()), 'us-bis-dpl\t-\t%s' % f)
with open('tests/data/match/names.tsv', 'w', encoding='utf-8') as out:
    out.write('# name\tlist\tid\tfile under ../shared/data (see SOURCES.md)\n')
    for n in sorted(found):
        out.write('%s\t%s\n' % (n, found[n]))
print('%d of %d names found' % (len(found), len(want)), file=sys.stderr)
