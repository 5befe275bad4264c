package org.mailauth4j.testvectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.testing.TestData;

/**
 * Loads the five DKIM corpora of ../shared/testvectors/dkim (PROVENANCE.md §4–8) as one row per
 * signature, with the expectation the dkim module's own conformance test
 * ({@code dkim/src/test/java/.../DkimConformanceTest}) applies to that row: the same expected
 * result words per suite, the same "now" (the row's {@code verify_at}, else 1 750 000 000), and
 * the same exceptions key into {@code dkim/src/test/resources/org/mailauth4j/dkim/exceptions.tsv}.
 */
final class DkimCorpora {
    /** The dkim module's "now" for rows without a verify_at (2025-06-15). */
    static final Clock NOW = VectorFiles.at(1_750_000_000L);

    /**
     * One signature of one vector message.
     *
     * @param suite corpus name as in the dkim exceptions file
     * @param key the dkim exceptions-file key {@code suite|file|sig}
     * @param sig index of the DKIM-Signature field, from the top
     * @param domain expected d= (null when the module does not check it)
     * @param selector expected s= (null when the module does not check it)
     * @param expected the result words the suite accepts
     */
    record Row(String suite, String key, String file, int sig, String domain, String selector, Set<String> expected,
            DnsResolver dns, Clock clock, byte[] message) {
        @Override
        public String toString() {
            return key;
        }
    }

    private DkimCorpora() {
    }

    /** Every row of every corpus: 2 + 6 + 32 + 5 + 41 = 86. */
    static List<Row> all() throws IOException {
        List<Row> rows = new ArrayList<>();
        rows.addAll(rfc8463());
        rows.addAll(stalwart());
        rows.addAll(dkimVerifier());
        rows.addAll(dkimpy());
        rows.addAll(mailDkim());
        return rows;
    }

    /** The dkim module's exceptions: key {@code suite|file|sig} → the result word it pins ("ours"). */
    static Map<String, String> moduleExceptions() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(VectorFiles.sibling("dkim/src/test/resources/org/mailauth4j/dkim/exceptions.tsv"))) {
            if (line.startsWith("#") || line.startsWith("suite\t") || line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t");
            if (c.length != 6) {
                throw new IllegalStateException("dkim exceptions.tsv: expected 6 columns in " + line);
            }
            out.put(c[0] + "|" + c[1] + "|" + c[2], c[4]);
        }
        return out;
    }

    static List<Row> rfc8463() throws IOException {
        Path dir = TestData.vector("dkim/rfc8463");
        ZoneResolver.Builder b = ZoneResolver.builder();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("dns.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode record : e.getValue().path("TXT")) {
                StringBuilder sb = new StringBuilder();
                record.forEach(chunk -> sb.append(chunk.asText())); // the chunks of one record, joined
                b.txt(e.getKey(), sb.toString());
            }
        }
        ZoneResolver dns = b.build();
        byte[] msg = Files.readAllBytes(dir.resolve("signed.eml"));
        return List.of(
                new Row("rfc8463", "rfc8463|signed.eml|0", "signed.eml", 0, "football.example.com", "brisbane",
                        Set.of("pass"), dns, NOW, msg),
                new Row("rfc8463", "rfc8463|signed.eml|1", "signed.eml", 1, "football.example.com", "test",
                        Set.of("pass"), dns, NOW, msg));
    }

    static List<Row> stalwart() throws IOException {
        Path dir = TestData.vector("dkim/stalwart");
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> r : TestData.tsv(dir.resolve("expected.tsv"))) {
            String file = VectorFiles.cell(r, "file");
            Object[] parts = VectorFiles.stalwart(dir.resolve(file));
            ZoneResolver dns = ZoneResolver.builder().txtLines((String) parts[0]).build();
            int sig = Integer.parseInt(VectorFiles.cell(r, "sig"));
            rows.add(new Row("stalwart", "stalwart|" + file + "|" + sig, file, sig, VectorFiles.cell(r, "d"),
                    VectorFiles.cell(r, "s"), Set.of(VectorFiles.cell(r, "expected")), dns,
                    VectorFiles.at(Long.parseLong(VectorFiles.cell(r, "verify_at"))), (byte[]) parts[1]));
        }
        return rows;
    }

    /** The {@code rfc6376} column (the add-on's own policy removed), as the dkim module reads it. */
    static List<Row> dkimVerifier() throws IOException {
        Path dir = TestData.vector("dkim/dkim-verifier");
        ZoneResolver shared = ZoneResolver.builder().txtLines(dir.resolve("dns.txt")).build();
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (Map<String, String> r : TestData.tsv(dir.resolve("expected.tsv"))) {
            n++;
            String file = VectorFiles.cell(r, "file");
            String d = VectorFiles.cell(r, "d");
            String s = VectorFiles.cell(r, "s");
            String override = VectorFiles.cell(r, "dns_override");
            DnsResolver dns = override.equals("-") ? shared
                    : ZoneResolver.builder().txt(s + "._domainkey." + d, override).build();
            String at = VectorFiles.cell(r, "verify_at");
            Clock clock = at.equals("any") ? NOW : VectorFiles.at(Long.parseLong(at));
            String want = VectorFiles.cell(r, "rfc6376");
            String word = want.startsWith("pass") ? "pass" : want.contains("body hash") ? "fail" : "permerror";
            int sig = Integer.parseInt(VectorFiles.cell(r, "sig"));
            String keyFile = file + (override.equals("-") ? "" : "#" + n);
            rows.add(new Row("dkim-verifier", "dkim-verifier|" + keyFile + "|" + sig, file, sig, d, s, Set.of(word), dns,
                    clock, Files.readAllBytes(dir.resolve(file))));
        }
        return rows;
    }

    static List<Row> dkimpy() throws IOException {
        Path dir = TestData.vector("dkim/dkimpy");
        ZoneResolver dns = ZoneResolver.builder().txtLines(dir.resolve("dns.txt")).build();
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> r : TestData.tsv(dir.resolve("expected.tsv"))) {
            String file = VectorFiles.cell(r, "file");
            int sig = Integer.parseInt(VectorFiles.cell(r, "sig"));
            String word = VectorFiles.cell(r, "expected").startsWith("pass") ? "pass" : "permerror";
            rows.add(new Row("dkimpy", "dkimpy|" + file + "|" + sig, file, sig, null, null, Set.of(word), dns, NOW,
                    Files.readAllBytes(dir.resolve(file))));
        }
        return rows;
    }

    /** Mail::DKIM's verdicts: pass, fail, or invalid (= permerror or temperror). */
    static List<Row> mailDkim() throws IOException {
        Path dir = TestData.vector("dkim/mail-dkim");
        ZoneResolver dns = ZoneResolver.builder().txtLines(dir.resolve("FAKE_DNS.dat")).build();
        Map<String, byte[]> messages = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> r : TestData.tsv(dir.resolve("expected.tsv"))) {
            String file = VectorFiles.cell(r, "file");
            int sig = Integer.parseInt(VectorFiles.cell(r, "sig"));
            String upstream = VectorFiles.cell(r, "upstream_result");
            if (file.endsWith("multiple_2.txt")) {
                upstream = List.of("invalid", "pass", "fail", "invalid").get(sig); // upstream's per-signature verdicts
            }
            Set<String> words = switch (upstream) {
                case "pass" -> Set.of("pass");
                case "fail" -> Set.of("fail");
                default -> Set.of("permerror", "temperror");
            };
            byte[] msg = messages.get(file);
            if (msg == null) {
                msg = Files.readAllBytes(dir.resolve(file));
                messages.put(file, msg);
            }
            rows.add(new Row("mail-dkim", "mail-dkim|" + file + "|" + sig, file, sig, null, null, words, dns, NOW, msg));
        }
        return rows;
    }
}
