"""Interop peer for AuthenticationResultsInteropTest, using the independent Python 'authres' module.

Mode "parse": reads base64-encoded Authentication-Results fields, one per line, parses each with
authres and prints one canonical JSON line per field (or {"error": ...}).
Mode "format": builds fields with authres' own classes and prints, per field, the base64 of the
field authres wrote, a tab, and the canonical JSON of what it was built from.
Canonical JSON: [authserv_id, version, [[method, version, result, reason, [[ptype, property, value], ...]], ...]].
"""
import base64
import json
import sys

import authres
import authres.dmarc


def canonical(header):
    results = []
    for r in header.results:
        props = [[p.type, p.name, p.value] for p in r.properties]
        results.append([r.method, int(r.version or 0), r.result, r.reason, props])
    return json.dumps([header.authserv_id, int(header.version or 0), results], ensure_ascii=True, separators=(",", ":"))


def parse():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        field = base64.b64decode(line).decode("utf-8")
        try:
            print(canonical(authres.AuthenticationResultsHeader.parse(field)))
        except Exception as e:  # report, do not stop
            print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))


def fmt():
    H = authres.AuthenticationResultsHeader
    headers = [
        H(authserv_id="mx.example.org", results=[]),
        H(authserv_id="mx.example.org", results=[
            authres.SPFAuthenticationResult(result="pass", smtp_mailfrom="sender@example.com"),
            authres.DKIMAuthenticationResult(result="fail", reason="bad signature", header_d="example.com", header_i="@example.com"),
            authres.dmarc.DMARCAuthenticationResult(result="pass", header_from="example.com"),
        ]),
        H(authserv_id="example.net", results=[
            authres.IPRevAuthenticationResult(result="pass", policy_iprev="192.0.2.200"),
            authres.SMTPAUTHAuthenticationResult(result="pass", smtp_auth="user@example.net", result_comment="cram-md5"),
        ]),
    ]
    for h in headers:
        text = str(h)
        print(base64.b64encode(text.encode("utf-8")).decode("ascii") + "\t" + canonical(h))


if __name__ == "__main__":
    {"parse": parse, "format": fmt}[sys.argv[1]]()
