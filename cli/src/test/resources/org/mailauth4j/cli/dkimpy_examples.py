#!/usr/bin/python3
"""Verifies every DKIM signature and the ARC chain of each message with dkimpy, offline.
usage: dkimpy_examples.py KEYS_DIR MESSAGE...   (KEYS_DIR holds mailauth4j keygen *.zone files)
prints one JSON object: {file name: {"dkim": [result per signature, topmost first], "arc": cv}}"""
import glob, json, re, sys
import dkim

keys = {}
for f in glob.glob(sys.argv[1] + '/*.zone'):
    text = open(f).read()
    keys[text.split()[0].lower()] = ''.join(re.findall(r'"([^"]*)"', text)).encode()

def dnsfunc(name, timeout=5):
    n = (name.decode() if isinstance(name, bytes) else name).rstrip('.').lower() + '.'
    return keys.get(n)

out = {}
for path in sys.argv[2:]:
    msg = open(path, 'rb').read()
    d = dkim.DKIM(msg)
    count = sum(1 for name, _ in d.headers if name.lower() == b'dkim-signature')
    results = []
    for i in range(count):
        try:
            results.append('pass' if dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc) else 'fail')
        except Exception as e:
            results.append('fail')
    cv, _, _ = dkim.arc_verify(msg, dnsfunc=dnsfunc)
    out[path.rsplit('/', 1)[-1]] = {'dkim': results, 'arc': cv.decode()}
print(json.dumps(out))
