// Batch driver for mailauth (one process for the whole corpus), written for mailauth4j's interop tests.
// usage: node mailauth_batch.js DNSFILE LISTFILE   -> "<file>\t<selector>\t<result>" per signature
const fs = require('fs');
const { dkimVerify } = require('mailauth/lib/dkim/verify');
const [,, dnsFile, listFile] = process.argv;
const zone = {};
for (const line of fs.readFileSync(dnsFile, 'utf8').split('\n')) {
  if (!line) continue;
  const tab = line.indexOf('\t');
  zone[line.slice(0, tab).toLowerCase()] = line.slice(tab + 1);
}
const resolver = async (name, rrtype) => {
  const v = rrtype === 'TXT' ? zone[name.toLowerCase().replace(/\.$/, '')] : undefined;
  if (v === undefined) { const e = new Error(`queryTxt ENOTFOUND ${name}`); e.code = 'ENOTFOUND'; throw e; }
  return [v.match(/.{1,255}/gs)];
};
(async () => {
  for (const file of fs.readFileSync(listFile, 'utf8').split('\n')) {
    if (!file) continue;
    const d = await dkimVerify(fs.readFileSync(file), { resolver });
    for (const r of d.results) console.log(`${file}\t${r.selector}\t${r.status.result}`);
  }
})().catch(e => { console.error(e); process.exit(2); });
