#!/usr/bin/env python3
"""Turns a JMH JSON result file (java -jar benchmarks.jar ... -rf json) into the Markdown tables
of benchmarks/README.md: figures, the ratios the issue asks for, and allocation per operation."""
import json
import sys

MB = 1024 * 1024


def load(path):
    results = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], tuple(sorted(r.get("params", {}).items())))
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        results[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc)
    return results


def get(res, cls, method, **params):
    return res.get((cls, method, tuple(sorted((k, str(v)) for k, v in params.items()))))


def num(x):
    if x is None:
        return "–"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def size_name(s):
    s = int(s)
    return f"{s // MB} MB" if s >= MB else f"{s // 1024} KB"


def ratio(a, b, pct=False):
    if not a or not b:
        return "–"
    return f"{100 * a[0] / b[0]:.0f} %" if pct else f"{a[0] / b[0]:.1f}×"


def alloc(x):
    return "–" if not x or x[2] is None else f"{x[2]:,.0f}"


def main(path):
    res = load(path)
    out = []
    out.append("#### DKIM verify (relaxed/relaxed, key cached; messages/s)\n")
    out.append("| algorithm | size | signatures | ours | crypto floor | ours ÷ floor | jDKIM 0.5 | ours ÷ jDKIM "
               "| ours B/op | jDKIM B/op |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for alg in ("rsa-sha256", "ed25519-sha256"):
        for three in (False, True):
            for size in ("2048", "20480", "204800", "2097152"):
                suffix = "ThreeSignatures" if three else ""
                ours = get(res, "DkimVerifyBenchmark", "ours" + suffix, algorithm=alg, size=size)
                floor = get(res, "DkimVerifyBenchmark", "cryptoFloor" + suffix, algorithm=alg, size=size)
                jd = get(res, "JdkimVerifyBenchmark", "jdkim" + suffix, size=size) if alg.startswith("rsa") else None
                if not ours:
                    continue
                out.append(f"| {alg} | {size_name(size)} | {3 if three else 1} | {num(ours[0])} | "
                           f"{num(floor[0] if floor else None)} | {ratio(ours, floor, True)} | "
                           f"{num(jd[0] if jd else None)} | {ratio(ours, jd)} | {alloc(ours)} | {alloc(jd)} |")
    out.append("\n#### DKIM verify, 20 KB, 64 different messages in turn (messages/s)\n")
    out.append("| algorithm | ours | crypto floor | ours ÷ floor | ours B/op |")
    out.append("|---|---:|---:|---:|---:|")
    for alg in ("rsa-sha256", "ed25519-sha256"):
        ours = get(res, "DistinctMessagesBenchmark", "ours", algorithm=alg)
        floor = get(res, "DistinctMessagesBenchmark", "cryptoFloor", algorithm=alg)
        if ours:
            out.append(f"| {alg} | {num(ours[0])} | {num(floor[0] if floor else None)} | {ratio(ours, floor, True)} "
                       f"| {alloc(ours)} |")
    out.append("\n#### DKIM sign (20 KB, relaxed/relaxed; messages/s)\n")
    out.append("| algorithm | ours | B/op |")
    out.append("|---|---:|---:|")
    for alg in ("rsa-sha256", "ed25519-sha256"):
        s = get(res, "DkimSignBenchmark", "ours", algorithm=alg, size="20480")
        if s:
            out.append(f"| {alg} | {num(s[0])} | {alloc(s)} |")
    out.append("\n#### Body canonicalization + SHA-256 (2 MiB text body in 64 KB chunks; MB/s)\n")
    out.append("| canonicalization | ours | SHA-256 alone | ours ÷ SHA-256 |")
    out.append("|---|---:|---:|---:|")
    for c in ("simple", "relaxed"):
        o = get(res, "BodyHashBenchmark", "ours", canonicalization=c)
        s = get(res, "BodyHashBenchmark", "sha256Only", canonicalization=c)
        if o:
            out.append(f"| {c} | {num(o[0] * 2.097152)} | {num(s[0] * 2.097152 if s else None)} | "
                       f"{ratio(o, s, True)} |")
    out.append("\n#### SPF check_host with in-memory DNS (evaluations/s)\n")
    out.append("| policy | ours | jSPF 1.0.5 | ours ÷ jSPF | ours B/op | jSPF B/op |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for p in ("ip4", "google"):
        o = get(res, "SpfBenchmark", "ours", policy=p)
        j = get(res, "SpfBenchmark", "jspf", policy=p)
        if o:
            out.append(f"| {p} | {num(o[0])} | {num(j[0] if j else None)} | {ratio(o, j)} | {alloc(o)} | {alloc(j)} |")
    parse = get(res, "VerifyBreakdownBenchmark", "parse")
    pbh = get(res, "VerifyBreakdownBenchmark", "parseAndBodyHash")
    sha = get(res, "VerifyBreakdownBenchmark", "bodySha256")
    rsa = get(res, "VerifyBreakdownBenchmark", "rsaVerify")
    ours = get(res, "DkimVerifyBenchmark", "ours", algorithm="rsa-sha256", size="20480")
    floor = get(res, "DkimVerifyBenchmark", "cryptoFloor", algorithm="rsa-sha256", size="20480")
    if parse and pbh and sha and rsa and ours:
        us = lambda x: 1e6 / x[0]
        out.append("\n#### Where the time goes: rsa-sha256 verify of the 20 KB message (µs per message)\n")
        out.append("| stage | µs | share | crypto? |")
        out.append("|---|---:|---:|---|")
        total = us(ours)
        rows = [("parse (MessageParser: header section; the body passes through raw)", us(parse), "no"),
                ("relaxed body canonicalization", us(pbh) - us(parse) - us(sha), "no"),
                ("SHA-256 of the canonical body", us(sha), "yes"),
                ("RSA-2048 verification (JDK)", us(rsa), "yes"),
                ("signature parsing, header hash, key lookup, result", total - us(pbh) - us(rsa), "mostly no"),
                ]
        for name, v, crypto in rows:
            out.append(f"| {name} | {v:,.1f} | {100 * v / total:.0f} % | {crypto} |")
        out.append(f"| **total (ours)** | {total:,.1f} | 100 % | |")
        if floor:
            out.append(f"| crypto floor (SHA-256 of the whole message + RSA verify) | {us(floor):,.1f} | | |")
    a = get(res, "AuthenticatorBenchmark", "mixedCorpus")
    if a:
        out.append("\n#### Authenticator, mixed corpus (messages/s)\n")
        out.append("| corpus | ours | B/op |")
        out.append("|---|---:|---:|")
        out.append(f"| 6 messages (2 KB–200 KB; SPF, DKIM rsa/ed25519, DMARC, one ARC-sealed) | {num(a[0])} | {alloc(a)} |")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/jmh.json")
