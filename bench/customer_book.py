#!/usr/bin/env python3
"""customer_book.py — false matches on a customer book: real names that are
not the listed people, watched and screened against whole lists with
`sanctwatch screen`, as a bank would screen its customers.

The quality bench's negatives are two list names of different records; a
customer book is another population: ordinary names, many of them short,
each compared with every name and alias of a list. Two books of real names:
  wikidata   persons of a Wikidata export (OpenSanctions zavod, 2024-03-09):
             Saudi royals, Lebanese politicians, their aliases; none is on
             the OFAC or UN list, so every match is false
  dpl        the BIS Denied Persons List (2023-11-30): US export offenders,
             a few of them also on the OFAC list (AL NASER AIRLINES, MAHAN
             AIR), so its matches are listed for review, split by whether
             every word is the same
Usage: customer_book.py SANCTWATCH DATA OUT.tsv"""
import csv, json, subprocess, sys, tempfile, os

bin_, data, out_path = sys.argv[1:4]
SDN = data + '/ofac_sdn_csv/jackdwyer/sdn__2024-02-23__19efeec.csv'
ALT = data + '/ofac_sdn_csv/watchman/alt__2023-11-30__c815c599.csv'
UN = data + '/un/un_consolidated__2024-11-30__48e0808.xml'
WD = data + ('/opensanctions/zavod_export_wd_persons/'
             'entities.ftm__2024-03-09__bb589b6.json')
DPL = data + '/us_bis_dpl/dpl__2023-11-30__c815c599.txt'


def wikidata():
    names = set()
    for line in open(WD, encoding='utf-8'):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        names.update(o.get('properties', {}).get('name', []))
    return names


def dpl():
    names = set()
    for r in csv.reader(open(DPL, encoding='latin-1'), delimiter='\t'):
        if r and r[0] != 'Name':
            names.add(' '.join(r[0].split()))
    return names


def screen(names):
    """The matches of the names against OFAC sdn+alt and the UN list."""
    with tempfile.NamedTemporaryFile('w', suffix='.wl', delete=False) as f:
        for n in sorted(names):
            if '#' not in n and '\n' not in n:
                f.write('name: %s\n' % n)
        wl = f.name
    runs = ([bin_, 'screen', '--format', 'ofac-sdn-csv', '--watchlist', wl,
             '--alt', ALT, SDN],
            [bin_, 'screen', '--watchlist', wl, UN])
    ms = []
    try:
        for cmd in runs:
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit('customer_book: %s: %s' % (' '.join(cmd),
                                                   p.stderr.strip()))
            ms += [json.loads(l) for l in p.stdout.splitlines() if l]
    finally:
        os.unlink(wl)
    return ms


def exact(m):
    return m['reason'].split(': ', 1)[-1].startswith('same words;') or \
        m['reason'].endswith('same words; score 1.000')


out = open(out_path, 'w', encoding='utf-8')
out.write('book\twatch\tsource:id\tmatched\tscore\treason\n')
for book, names in (('wikidata', wikidata()), ('dpl', dpl())):
    ms = screen(names)
    one = [m for m in ms if len(m['watch'].split()) == 2]
    ex = [m for m in ms if exact(m)]
    watched = len(names)
    print('   %-8s %4d watched names: %d matches (%.1f per 100 names), '
          '%d of them for a one-word watch; %d with every matched word '
          'the same, %d by a spelling' % (
              book, watched, len(ms), 100.0 * len(ms) / watched, len(one),
              len(ex), len(ms) - len(ex)))
    for m in sorted(ms, key=lambda m: -m['score']):
        out.write('%s\t%s\t%s:%s\t%s\t%.3f\t%s\n' % (
            book, m['watch'][len('name: '):], m['source'], m['id'],
            m['matched'], m['score'], m['reason']))
