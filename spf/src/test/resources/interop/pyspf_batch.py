#!/usr/bin/python3
"""Batch driver for the SPF differential test (adapted from ../shared/peers/spf_offline.py).

usage: pyspf_batch.py CASES.json OUT.tsv
CASES.json is a list of {"id", "ip", "sender", "helo", "zone": [[name, type, value], ...]}; type is
TXT, A, AAAA, MX ("pref host"), PTR, CNAME, or TIMEOUT (every query for the name times out).
pyspf answers every case in this one process; DNS comes only from the case's zone.
Each output line: id TAB result TAB explanation."""
import json
import sys

import spf

zone = {}


def fake_lookup(name, qtype, strict=True, timeout=20):   # same signature as spf.DNSLookup
    key = name.rstrip('.').lower()
    if (key, 'TIMEOUT') in zone:
        raise spf.TempError('DNS timeout')
    out = []
    for v in zone.get((key, 'CNAME'), []):
        out.append(((name, 'CNAME'), v))
    for v in zone.get((key, qtype), []):
        if qtype in ('TXT', 'SPF'):
            out.append(((name, qtype), [v.encode()]))
        elif qtype == 'MX':
            pref, host = v.split(' ', 1)
            out.append(((name, qtype), (int(pref), host)))
        else:
            out.append(((name, qtype), v))
    return out


spf.DNSLookup = fake_lookup

with open(sys.argv[1]) as f:
    cases = json.load(f)
with open(sys.argv[2], 'w') as out:
    for c in cases:
        zone = {}
        for name, t, v in c['zone']:
            zone.setdefault((name.lower(), t), []).append(v)
        try:
            q = spf.query(i=c['ip'], s=c['sender'], h=c['helo'], receiver='mx.example.org')
            q.set_default_explanation('DEFAULT')
            res, code, expl = q.check()
        except Exception as e:  # a pyspf crash is reported, not hidden
            res, expl = 'exception', repr(e)
        expl = str(expl).replace('\t', ' ').replace('\n', ' ')
        out.write('%s\t%s\t%s\n' % (c['id'], res, expl))
