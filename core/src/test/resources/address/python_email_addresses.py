"""Interop peer for AddressParserInteropTest, using Python's standard email.headerregistry.

Reads base64-encoded From field values, one per line; prints one line per value:
the JSON list of [display_name or null, username, domain or null] of every mailbox (groups
flattened), or "defect" when Python reports a parse defect for the field.
"""
import base64
import json
import sys
from email import policy
from email.headerregistry import HeaderRegistry

registry = HeaderRegistry()
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    value = base64.b64decode(line).decode("utf-8")
    h = registry("From", value)
    if h.defects:
        print("defect")
        continue
    out = []
    for a in h.addresses:
        out.append([a.display_name or None, a.username, a.domain or None])
    print(json.dumps(out, ensure_ascii=True, separators=(",", ":")))
