// Batch driver for mailauth's DMARC verifier (offline). Usage: node mailauth_dmarc.js batch.json
// batch: [{id, zone: {"name|TYPE": [values]}, fail: ["name|TYPE"], headerFrom, spf: [domain], dkim: [domain]}]
// Prints one line per case: id <TAB> result <TAB> policy <TAB> error
'use strict';
const fs = require('fs');
const verifyDmarc = require('mailauth/lib/dmarc/verify');

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
(async () => {
  for (const c of cases) {
    const resolver = async (name, rrtype) => {
      const key = `${name.toLowerCase().replace(/\.$/, '')}|${rrtype}`;
      if (c.fail.includes(key) || c.fail.includes(`${name.toLowerCase()}|*`)) {
        const e = new Error(`query ${key} timed out`); e.code = 'ETIMEOUT'; throw e;
      }
      const hits = c.zone[key];
      if (!hits) { const e = new Error(`ENOTFOUND ${name}`); e.code = 'ENOTFOUND'; throw e; }
      if (rrtype === 'TXT') return hits.map(v => v.match(/.{1,255}/gs) || ['']);
      return hits;
    };
    let line;
    try {
      const r = await verifyDmarc({
        headerFrom: c.headerFrom,
        spfDomains: c.spf.map(domain => ({ domain })),
        dkimDomains: c.dkim.map(domain => ({ domain })),
        resolver,
      });
      line = [c.id, r ? r.status.result : 'false', r && r.policy ? r.policy : '-', r && r.error ? r.error : ''];
    } catch (e) {
      line = [c.id, 'exception', '-', String(e.message || e)];
    }
    console.log(line.join('\t'));
  }
})().catch(e => { console.error(e); process.exit(2); });
