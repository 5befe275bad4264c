"""Interop peer for MessageParserInteropTest: splits messages with dkimpy's rfc822_parse.

Arguments: message file paths. Prints one line per file:
  path TAB "error" | path TAB base64(field 1),base64(field 2),... TAB sha256-hex(body)
where a field is name + ":" + value exactly as dkimpy returns them (value ends with CRLF).
"""
import base64
import hashlib
import sys

import dkim

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    try:
        headers, body = dkim.rfc822_parse(data)
    except Exception:
        print(path + "\terror")
        continue
    fields = ",".join(base64.b64encode(n + b":" + v).decode("ascii") for n, v in headers)
    print(path + "\t" + fields + "\t" + hashlib.sha256(body).hexdigest())
