package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over the example archive (examples/), offline, at the archive's instant. The
 * expected results follow from how examples/make-examples.sh built each message and from the
 * RFCs: an untouched signature passes; a body changed after signing fails its body hash
 * (RFC 6376 §6.1.3); a signature past x= fails (§3.5); ARC over an unchanged forward passes
 * (RFC 8617 §5.2); DMARC passes on an aligned DKIM pass and otherwise fails with the published
 * p=reject of example.com (RFC 9989 §5.3).
 */
class ExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] verifyArgs(String dns, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of("verify", "--dns", Examples.dir().resolve(dns).toString(), "--at", Examples.at()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static Map<String, JsonNode> byFile(Cli r) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : r.lines()) {
            JsonNode n = JSON.readTree(line);
            out.put(Path.of(n.get("file").asText()).getFileName().toString(), n);
        }
        return out;
    }

    @Test
    void jsonOverTheArchive() throws IOException {
        Cli r = Cli.run(verifyArgs("dns.zone", "--json", Examples.dir().toString()));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        Map<String, JsonNode> m = byFile(r);
        assertThat(m.keySet()).containsExactly("01-rsa-signed.eml", "02-ed25519-signed.eml", "03-arc-forwarded.eml",
                "04-tampered.eml", "05-expired-signature.eml", "06-unsigned.eml");

        JsonNode rsa = m.get("01-rsa-signed.eml");
        assertThat(rsa.at("/spf/result").asText()).isEqualTo("none");
        assertThat(rsa.get("dkim")).hasSize(1);
        assertThat(rsa.at("/dkim/0/result").asText()).isEqualTo("pass");
        assertThat(rsa.at("/dkim/0/domain").asText()).isEqualTo("example.com");
        assertThat(rsa.at("/dkim/0/selector").asText()).isEqualTo("rsa2026");
        assertThat(rsa.at("/dkim/0/algorithm").asText()).isEqualTo("rsa-sha256");
        assertThat(rsa.at("/arc/result").asText()).isEqualTo("none");
        assertThat(rsa.at("/dmarc/result").asText()).isEqualTo("pass");
        assertThat(rsa.at("/dmarc/domain").asText()).isEqualTo("example.com");
        assertThat(rsa.at("/dmarc/policy").asText()).isEqualTo("reject");
        assertThat(rsa.get("authenticationResults").asText()).startsWith("Authentication-Results: mailauth4j;")
                .contains("dkim=pass header.d=example.com").contains("dmarc=pass header.from=example.com");

        // Two signatures, listed topmost first: the Ed25519 one was added last, so it is on top.
        JsonNode ed = m.get("02-ed25519-signed.eml");
        assertThat(ed.get("dkim")).hasSize(2);
        assertThat(ed.at("/dkim/0/algorithm").asText()).isEqualTo("ed25519-sha256");
        assertThat(ed.at("/dkim/0/selector").asText()).isEqualTo("ed2026");
        assertThat(ed.at("/dkim/0/result").asText()).isEqualTo("pass");
        assertThat(ed.at("/dkim/1/algorithm").asText()).isEqualTo("rsa-sha256");
        assertThat(ed.at("/dkim/1/result").asText()).isEqualTo("pass");
        assertThat(ed.at("/dmarc/result").asText()).isEqualTo("pass");
        assertThat(ed.at("/dmarc/policy").asText()).isEqualTo("quarantine");

        JsonNode arc = m.get("03-arc-forwarded.eml");
        assertThat(arc.at("/arc/result").asText()).isEqualTo("pass");
        assertThat(arc.at("/arc/instances").asInt()).isEqualTo(1);
        assertThat(arc.at("/dkim/0/result").asText()).isEqualTo("pass");

        JsonNode tampered = m.get("04-tampered.eml");
        assertThat(tampered.at("/dkim/0/result").asText()).isEqualTo("fail");
        assertThat(tampered.at("/dkim/0/reason").asText()).contains("body hash");
        assertThat(tampered.at("/dmarc/result").asText()).isEqualTo("fail");
        assertThat(tampered.at("/dmarc/disposition").asText()).isEqualTo("reject");

        JsonNode expired = m.get("05-expired-signature.eml");
        assertThat(expired.at("/dkim/0/result").asText()).isEqualTo("fail");
        assertThat(expired.at("/dkim/0/reason").asText()).contains("expired");
        assertThat(expired.at("/dmarc/result").asText()).isEqualTo("fail");

        JsonNode unsigned = m.get("06-unsigned.eml");
        assertThat(unsigned.get("dkim")).isEmpty();
        assertThat(unsigned.at("/dmarc/result").asText()).isEqualTo("fail");
        assertThat(unsigned.at("/dmarc/disposition").asText()).isEqualTo("reject");
    }

    @Test
    void humanOutputHasOneBlockPerMessageWithReasons() throws IOException {
        Cli r = Cli.run(verifyArgs("dns.zone", Examples.dir().toString()));
        assertThat(r.exitCode()).isEqualTo(Main.OK);
        assertThat(r.out().split("\n\n")).hasSize(6);
        String tampered = block(r.out(), "04-tampered.eml");
        assertThat(tampered).contains("dkim   fail").contains("(body hash did not verify)")
                .contains("dmarc  fail").contains("disposition=reject").contains("Authentication-Results: mailauth4j;");
        assertThat(block(r.out(), "05-expired-signature.eml")).contains("signature expired at 2026-11-08T08:00:00Z");
        assertThat(block(r.out(), "03-arc-forwarded.eml")).contains("arc    pass");
        assertThat(block(r.out(), "01-rsa-signed.eml")).contains("dkim   pass").contains("dmarc  pass");
    }

    private static String block(String out, String file) {
        for (String b : out.split("\n\n")) {
            if (b.startsWith("== ") && b.lines().findFirst().orElse("").endsWith(file)) {
                return b;
            }
        }
        throw new AssertionError("no block for " + file + " in\n" + out);
    }

    @Test
    void snapshotReplayGivesTheSameResultsAsTheZoneFile() throws IOException {
        Cli zone = Cli.run(verifyArgs("dns.zone", "--json", Examples.dir().toString()));
        Cli snapshot = Cli.run(verifyArgs("dns.jsonl", "--json", Examples.dir().toString()));
        assertThat(snapshot.exitCode()).isEqualTo(Main.OK);
        assertThat(snapshot.out()).isEqualTo(zone.out());
        // the snapshot was recorded with the README's SPF example envelope: its SPF replays too
        String[] spf = {"--json", "--ip", "192.0.2.10", "--helo", "mail.example.com", "--mail-from", "alice@example.com",
            Examples.message("06-unsigned.eml")};
        Cli zoneSpf = Cli.run(verifyArgs("dns.zone", spf));
        assertThat(Cli.run(verifyArgs("dns.jsonl", spf)).out()).isEqualTo(zoneSpf.out()).contains("\"spf\":{\"result\":\"pass\"");
    }

    @Test
    void recordWritesASnapshotThatReplaysIdentically(@TempDir Path tmp) throws IOException {
        Path snap = tmp.resolve("rec.jsonl");
        Cli first = Cli.run(verifyArgs("dns.zone", "--json", "--record", snap.toString(), Examples.dir().toString()));
        assertThat(first.exitCode()).isEqualTo(Main.OK);
        assertThat(first.err()).contains("recorded").contains(snap.toString());
        assertThat(Files.readAllLines(snap)).anyMatch(l -> l.contains("rsa2026._domainkey.example.com"));
        Cli replay = Cli.run("verify", "--json", "--dns", snap.toString(), "--at", Examples.at(), Examples.dir().toString());
        assertThat(replay.out()).isEqualTo(first.out());
    }

    @Test
    void theClockDecidesExpiry() throws IOException {
        // t= is 2026-11-01T08:00Z and x= seven days later: verified as of 2026-11-02 it still passes.
        Cli r = Cli.run("verify", "--json", "--dns", Examples.dir().resolve("dns.zone").toString(), "--at",
                "2026-11-02T00:00:00Z", Examples.message("05-expired-signature.eml"));
        assertThat(JSON.readTree(r.out()).at("/dkim/0/result").asText()).isEqualTo("pass");
        // epoch seconds are accepted too: 1795175880 = 2026-11-20T11:58:00Z
        Cli e = Cli.run("verify", "--json", "--dns", Examples.dir().resolve("dns.zone").toString(), "--at",
                "1795175880", Examples.message("05-expired-signature.eml"));
        assertThat(JSON.readTree(e.out()).at("/dkim/0/result").asText()).isEqualTo("fail");
    }

    @Test
    void envelopeFlagsGiveSpf() throws IOException {
        // example.com publishes "v=spf1 ip4:192.0.2.0/24 -all".
        Cli pass = Cli.run(verifyArgs("dns.zone", "--json", "--ip", "192.0.2.10", "--helo", "mail.example.com",
                "--mail-from", "alice@example.com", Examples.message("06-unsigned.eml")));
        JsonNode p = JSON.readTree(pass.out());
        assertThat(p.at("/spf/result").asText()).isEqualTo("pass");
        assertThat(p.at("/spf/domain").asText()).isEqualTo("example.com");
        assertThat(p.at("/spf/mechanism").asText()).isEqualTo("ip4:192.0.2.0/24");
        assertThat(p.at("/dmarc/result").asText()).isEqualTo("pass"); // aligned SPF pass (RFC 9989 §4.4)
        Cli fail = Cli.run(verifyArgs("dns.zone", "--json", "--ip", "203.0.113.7", "--mail-from", "payroll@example.com",
                Examples.message("06-unsigned.eml")));
        JsonNode f = JSON.readTree(fail.out());
        assertThat(f.at("/spf/result").asText()).isEqualTo("fail");
        assertThat(f.at("/spf/mechanism").asText()).isEqualTo("-all");
        assertThat(f.at("/spf/explanation").isNull()).isFalse();
        assertThat(f.at("/dmarc/result").asText()).isEqualTo("fail");
    }

    @Test
    void anMboxOfTheArchiveGivesTheSameResults(@TempDir Path tmp) throws IOException {
        StringBuilder mbox = new StringBuilder();
        List<String> names = List.of("01-rsa-signed.eml", "04-tampered.eml", "02-ed25519-signed.eml");
        for (String n : names) {
            mbox.append("From MAILER-DAEMON Fri Nov 20 12:00:00 2026\n");
            for (String line : Files.readString(Path.of(Examples.message(n))).split("\n", -1)) {
                mbox.append(line.matches(">*From .*") ? ">" + line : line).append('\n');
            }
        }
        Path box = tmp.resolve("archive.mbox");
        Files.writeString(box, mbox);
        Cli r = Cli.run(verifyArgs("dns.zone", "--json", box.toString()));
        assertThat(r.exitCode()).isEqualTo(Main.OK);
        String[] lines = r.lines();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Cli single = Cli.run(verifyArgs("dns.zone", "--json", Examples.message(names.get(i))));
            JsonNode a = JSON.readTree(lines[i]);
            JsonNode b = JSON.readTree(single.out());
            assertThat(a.get("file").asText()).isEqualTo(box + "#" + (i + 1));
            assertThat(a.get("dkim")).isEqualTo(b.get("dkim"));
            assertThat(a.get("dmarc")).isEqualTo(b.get("dmarc"));
        }
    }
}
