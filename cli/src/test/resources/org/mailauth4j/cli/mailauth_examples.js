// Authenticates each message with mailauth (npm), offline: DNS from an RFC 1035 zone file of
// absolute TXT records (the example archive's dns.zone). Envelope fixed by the arguments.
// usage: node mailauth_examples.js MAILAUTH_DIR ZONE IP HELO SENDER MESSAGE...
// prints one JSON object: {file name: {"dkim": [results], "arc": result, "dmarc": result, "policy": p}}
const fs = require('fs');
const path = require('path');
const [,, dir, zoneFile, ip, helo, sender, ...messages] = process.argv;
const { authenticate } = require(path.join(dir, 'mailauth'));

const zone = {};
for (const line of fs.readFileSync(zoneFile, 'utf8').split('\n')) {
  const m = line.match(/^(\S+?)\.?\s+IN\s+TXT\s+(.*)$/);
  if (!m) continue;
  const strings = [...m[2].matchAll(/"([^"]*)"/g)].map(x => x[1]);
  (zone[m[1].toLowerCase()] ||= []).push(strings);
}
const resolver = async (name, rrtype) => {
  const hits = rrtype === 'TXT' ? zone[name.toLowerCase().replace(/\.$/, '')] : undefined;
  if (!hits) { const e = new Error(`query ENOTFOUND ${name}`); e.code = 'ENOTFOUND'; throw e; }
  return hits;
};

(async () => {
  const out = {};
  for (const f of messages) {
    const res = await authenticate(fs.readFileSync(f), {
      ip, helo, sender, mta: 'mx.example.org', resolver, trustReceived: false, disableBimi: true,
    });
    out[path.basename(f)] = {
      dkim: res.dkim.results.map(r => r.status.result),
      arc: res.arc.status.result,
      dmarc: res.dmarc ? res.dmarc.status.result : null,
      policy: res.dmarc ? res.dmarc.policy : null,
    };
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(2); });
