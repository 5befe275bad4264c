package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * The third-party DKIM suites of ../shared/testvectors/dkim (formats in PROVENANCE.md). Every row
 * is counted; a row whose result differs from the suite must be listed in exceptions.tsv with the
 * RFC text that justifies the difference, and every listed exception must still be needed.
 */
class DkimConformanceTest {
    private static final Clock NOW = Vectors.at(1_750_000_000L);
    private static final Map<String, String[]> EXCEPTIONS = new HashMap<>();
    private static final Set<String> USED = new HashSet<>();

    @BeforeAll
    static void loadExceptions() throws IOException {
        try (InputStream in = DkimConformanceTest.class.getResourceAsStream("exceptions.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("suite\t") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                assertThat(c).as("exceptions.tsv row %s", line).hasSize(6);
                assertThat(c[5]).as("justification").contains("RFC");
                EXCEPTIONS.put(c[0] + "|" + c[1] + "|" + c[2], c);
            }
        }
    }

    private static List<DkimVerification> verify(DnsResolver dns, Clock clock, Message m) throws Exception {
        return new DkimVerifier(dns, DkimPolicy.DEFAULT, clock).verify(m).get();
    }

    /** Checks one row; returns true when it matched without an exception. */
    private static boolean check(String suite, String file, int sig, Set<String> expected, DkimVerification got,
            List<String> failures) {
        String key = suite + "|" + file + "|" + sig;
        String[] exc = EXCEPTIONS.get(key);
        String ours = got.result().word();
        if (exc != null) {
            USED.add(key);
            if (!ours.equals(exc[4])) {
                failures.add(key + ": exceptions.tsv says " + exc[4] + ", got " + got);
            }
            if (expected.contains(ours)) {
                failures.add(key + ": listed in exceptions.tsv but matches the suite (" + ours + ")");
            }
            return false;
        }
        if (!expected.contains(ours)) {
            failures.add(key + ": expected " + expected + ", got " + got);
        }
        return true;
    }

    private static void report(String suite, int total, int matched, List<String> failures) {
        System.out.printf("DKIM conformance %-13s %d/%d as the suite expects, %d listed in exceptions.tsv%n", suite, matched,
                total, total - matched);
        assertThat(failures).as(suite).isEmpty();
    }

    @Test
    void rfc8463AppendixA() throws Exception {
        Path dir = TestData.vector("dkim/rfc8463");
        Message m = Vectors.message(dir.resolve("signed.eml"));
        List<DkimVerification> res = verify(Rfc8463.dns(dir), NOW, m);
        assertThat(res).hasSize(2).allSatisfy(v -> assertThat(v.result()).as(v.toString()).isEqualTo(DkimResult.PASS));
        assertThat(res).extracting(DkimVerification::selector).containsExactly("brisbane", "test");
        assertThat(res.get(0).keyBits()).isEqualTo(256);
        assertThat(res.get(1).keyBits()).isEqualTo(1024);
        System.out.println("DKIM conformance rfc8463       2/2 as the suite expects");
    }

    @Test
    void stalwart() throws Exception {
        Path dir = TestData.vector("dkim/stalwart");
        List<String> failures = new ArrayList<>();
        int total = 0;
        int matched = 0;
        for (Vectors.Row r : Vectors.tsv(dir.resolve("expected.tsv"))) {
            Object[] parts = Vectors.stalwart(dir.resolve(r.get("file")));
            @SuppressWarnings("unchecked")
            ZoneResolver dns = ZoneResolver.builder().txtLines(String.join("\n", (List<String>) parts[0])).build();
            Message m = Message.parse((byte[]) parts[1]);
            List<DkimVerification> res = verify(dns, Vectors.at(Long.parseLong(r.get("verify_at"))), m);
            int sig = Integer.parseInt(r.get("sig"));
            assertThat(res.get(sig).domain()).isEqualTo(r.get("d"));
            assertThat(res.get(sig).selector()).isEqualTo(r.get("s"));
            total++;
            matched += check("stalwart", r.get("file"), sig, Set.of(r.get("expected")), res.get(sig), failures) ? 1 : 0;
        }
        assertThat(total).isEqualTo(6);
        report("stalwart", total, matched, failures);
    }

    @Test
    void dkimVerifierRfc6376Column() throws Exception {
        Path dir = TestData.vector("dkim/dkim-verifier");
        ZoneResolver dns = Vectors.dnsFile(dir.resolve("dns.txt"));
        List<String> failures = new ArrayList<>();
        int total = 0;
        int matched = 0;
        for (Vectors.Row r : Vectors.tsv(dir.resolve("expected.tsv"))) {
            String name = r.get("s") + "._domainkey." + r.get("d");
            DnsResolver resolver = dns;
            if (!r.get("dns_override").equals("-")) {
                resolver = ZoneResolver.builder().txt(name, r.get("dns_override")).build();
            }
            Clock clock = r.get("verify_at").equals("any") ? NOW : Vectors.at(Long.parseLong(r.get("verify_at")));
            List<DkimVerification> res = verify(resolver, clock, Vectors.message(dir.resolve(r.get("file"))));
            int sig = Integer.parseInt(r.get("sig"));
            DkimVerification v = res.get(sig);
            assertThat(v.domain()).isEqualTo(r.get("d"));
            assertThat(v.selector()).isEqualTo(r.get("s"));
            String want = r.get("rfc6376");
            String word = want.startsWith("pass") ? "pass" : want.contains("body hash") ? "fail" : "permerror";
            total++;
            matched += check("dkim-verifier", r.get("file") + (r.get("dns_override").equals("-") ? "" : "#" + total), sig,
                    Set.of(word), v, failures) ? 1 : 0;
            // the reasons a user reads
            if (want.contains("key revoked")) {
                assertThat(v.reason()).isEqualTo("key revoked");
            } else if (want.contains("body hash")) {
                assertThat(v.reason()).isEqualTo("body hash did not verify");
            }
        }
        assertThat(total).isEqualTo(32);
        report("dkim-verifier", total, matched, failures);
    }

    @Test
    void dkimpyPreSigned() throws Exception {
        Path dir = TestData.vector("dkim/dkimpy");
        ZoneResolver dns = Vectors.dnsFile(dir.resolve("dns.txt"));
        List<String> failures = new ArrayList<>();
        int total = 0;
        int matched = 0;
        for (Vectors.Row r : Vectors.tsv(dir.resolve("expected.tsv"))) {
            List<DkimVerification> res = verify(dns, NOW, Vectors.message(dir.resolve(r.get("file"))));
            int sig = Integer.parseInt(r.get("sig"));
            String want = r.get("expected");
            total++;
            matched += check("dkimpy", r.get("file"), sig, Set.of(want.startsWith("pass") ? "pass" : "permerror"),
                    res.get(sig), failures) ? 1 : 0;
        }
        assertThat(total).isEqualTo(5);
        report("dkimpy", total, matched, failures);
    }

    @Test
    void mailDkimCorpus() throws Exception {
        Path dir = TestData.vector("dkim/mail-dkim");
        ZoneResolver dns = Vectors.dnsFile(dir.resolve("FAKE_DNS.dat"));
        List<String> failures = new ArrayList<>();
        Map<String, List<DkimVerification>> cache = new HashMap<>();
        int total = 0;
        int matched = 0;
        for (Vectors.Row r : Vectors.tsv(dir.resolve("expected.tsv"))) {
            String file = r.get("file");
            List<DkimVerification> res = cache.get(file);
            if (res == null) {
                res = verify(dns, NOW, Vectors.message(dir.resolve(file)));
                cache.put(file, res);
            }
            int sig = Integer.parseInt(r.get("sig"));
            String upstream = r.get("upstream_result");
            if (file.endsWith("multiple_2.txt")) {
                upstream = List.of("invalid", "pass", "fail", "invalid").get(sig); // upstream's per-signature verdicts
            }
            Set<String> words = switch (upstream) {
                case "pass" -> Set.of("pass");
                case "fail" -> Set.of("fail");
                default -> Set.of("permerror", "temperror");
            };
            total++;
            matched += check("mail-dkim", file, sig, words, res.get(sig), failures) ? 1 : 0;
        }
        assertThat(total).isEqualTo(41);
        report("mail-dkim", total, matched, failures);
    }

    @Test
    void everyExceptionIsStillNeeded() throws Exception {
        stalwart();
        dkimVerifierRfc6376Column();
        dkimpyPreSigned();
        mailDkimCorpus();
        assertThat(USED).containsExactlyInAnyOrderElementsOf(EXCEPTIONS.keySet());
    }
}
