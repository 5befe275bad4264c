#!/usr/bin/python3
# Batch driver for dkimpy (one process for the whole corpus), written for mailauth4j's interop tests.
# usage: dkimpy_batch.py verify DNSFILE LISTFILE        -> "<file>\t<selector>\t<pass|fail>" per signature
#        dkimpy_batch.py sign LISTFILE OUTDIR KEYFILE ALG SELECTOR DOMAIN HDRCANON BODYCANON
#   DNSFILE: "<name>\t<TXT value>" per line; LISTFILE: one message path per line.
import os, re, sys, dkim

def verify(dnsfile, listfile):
    keys = {}
    for line in open(dnsfile, encoding='ascii'):
        name, val = line.rstrip('\n').split('\t', 1)
        keys[name.lower().rstrip('.') + '.'] = val.encode()
    def dnsfunc(name, timeout=5):
        n = (name.decode() if isinstance(name, bytes) else name).rstrip('.').lower() + '.'
        return keys.get(n)
    for path in open(listfile).read().split('\n'):
        if not path:
            continue
        msg = open(path, 'rb').read()
        d = dkim.DKIM(msg)
        sigs = [v for (k, v) in d.headers if k.lower() == b'dkim-signature']
        for i, v in enumerate(sigs):
            m = re.search(rb's\s*=\s*([^;\s]+)', v)
            sel = m.group(1).decode() if m else '?'
            try:
                ok = dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc)
            except Exception:
                ok = False
            print('%s\t%s\t%s' % (path, sel, 'pass' if ok else 'fail'))

def sign(listfile, outdir, keyfile, alg, selector, domain, hc, bc):
    key = open(keyfile, 'rb').read()
    for path in open(listfile).read().split('\n'):
        if not path:
            continue
        msg = open(path, 'rb').read()
        sig = dkim.sign(msg, selector.encode(), domain.encode(), key, signature_algorithm=alg.encode(),
                        canonicalize=(hc.encode(), bc.encode()))
        with open(os.path.join(outdir, os.path.basename(path)), 'wb') as out:
            out.write(sig + msg)

if sys.argv[1] == 'verify':
    verify(*sys.argv[2:4])
else:
    sign(*sys.argv[2:10])
