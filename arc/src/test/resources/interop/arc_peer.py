#!/usr/bin/python3
"""Batch ARC peer over dkimpy, offline. Usage: arc_peer.py DNSFILE
DNSFILE: "<name> <TXT value>" per line. Then one command per stdin line (tab-separated):
  verify MSGFILE                                   -> "ok <cv> <comment>"
  seal MSGFILE OUTFILE DOMAIN SELECTOR KEYFILE SRVID -> "ok <n headers>" (OUTFILE = set + message)
Errors answer "error <text>". One answer line per command."""
import sys, dkim
recs = {}
with open(sys.argv[1]) as f:
    for line in f:
        line = line.rstrip('\n')
        if line:
            name, txt = line.split(' ', 1)
            recs[name.rstrip('.').lower() + '.'] = txt.encode()
def dnsfunc(name, timeout=5):
    n = (name.decode() if isinstance(name, bytes) else name).rstrip('.').lower() + '.'
    return recs.get(n)
for line in sys.stdin:
    p = line.rstrip('\n').split('\t')
    try:
        if p[0] == 'verify':
            cv, results, comment = dkim.arc_verify(open(p[1], 'rb').read(), dnsfunc=dnsfunc)
            print('ok', (cv or b'none').decode(), comment)
        elif p[0] == 'seal':
            msg = open(p[1], 'rb').read()
            hdrs = dkim.arc_sign(msg, p[4].encode(), p[3].encode(), open(p[5], 'rb').read(), p[6].encode())
            open(p[2], 'wb').write(b''.join(hdrs) + msg)
            print('ok', len(hdrs))
        else:
            print('error unknown command', p[0])
    except Exception as e:
        print('error', repr(e).replace('\n', ' '))
    sys.stdout.flush()
