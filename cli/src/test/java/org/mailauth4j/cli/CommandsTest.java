package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, sign, seal, spf and dmarc end to end, offline. */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "From: Carol <carol@example.net>\nTo: dave@example.org\nSubject: hello\n"
            + "Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <1@example.net>\n\nHello Dave.\n";

    @TempDir
    Path dir;

    private static String zone() {
        return Examples.dir().resolve("dns.zone").toString();
    }

    @Test
    void keygenSignVerifyRoundTrip() throws IOException {
        for (String alg : new String[] {"rsa", "ed25519"}) {
            String prefix = dir.resolve("k-" + alg).toString();
            Cli k = Cli.run("keygen", "--algorithm", alg, "--domain", "example.net", "--selector", "s" + alg, "--out", prefix);
            assertThat(k.exitCode()).as(k.err()).isZero();
            String pem = Files.readString(Path.of(prefix + ".pem"));
            String zoneLine = Files.readString(Path.of(prefix + ".zone"));
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(zoneLine).startsWith("s" + alg + "._domainkey.example.net. IN TXT").contains("k=" + alg);

            Path msg = dir.resolve("m.eml");
            Files.writeString(msg, MESSAGE);
            Cli s = Cli.run("sign", "--domain", "example.net", "--selector", "s" + alg, "--key", prefix + ".pem", msg.toString());
            assertThat(s.exitCode()).as(s.err()).isZero();
            assertThat(s.out()).startsWith("DKIM-Signature: v=1; a=" + (alg.equals("rsa") ? "rsa-sha256" : "ed25519-sha256"))
                    .endsWith("Hello Dave.\n").doesNotContain("\r"); // LF input gives LF output
            Path signed = dir.resolve("signed-" + alg + ".eml");
            Files.write(signed, s.outBytes());
            Cli v = Cli.run("verify", "--json", "--dns", prefix + ".zone", signed.toString());
            JsonNode r = JSON.readTree(v.out());
            assertThat(r.at("/dkim/0/result").asText()).as(v.out()).isEqualTo("pass");
            assertThat(r.at("/dkim/0/domain").asText()).isEqualTo("example.net");
        }
    }

    @Test
    void keygenDoesNotOverwrite() throws IOException {
        String prefix = dir.resolve("k").toString();
        Files.writeString(Path.of(prefix + ".pem"), "keep me");
        Cli k = Cli.run("keygen", "--algorithm", "ed25519", "--domain", "example.net", "--selector", "s", "--out", prefix);
        assertThat(k.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(k.err()).contains("exists");
        assertThat(Files.readString(Path.of(prefix + ".pem"))).isEqualTo("keep me");
        assertThat(Cli.run("keygen", "--algorithm", "rsa", "--bits", "1000", "--domain", "example.net", "--selector", "s",
                "--out", dir.resolve("x").toString()).exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void signErrors() throws IOException {
        Path msg = dir.resolve("m.eml");
        Files.writeString(msg, MESSAGE);
        String edKey = Examples.dir().resolve("keys/example.org-ed2026.pem").toString();
        Cli wrongAlg = Cli.run("sign", "--domain", "example.org", "--selector", "ed2026", "--key", edKey,
                "--algorithm", "rsa-sha256", msg.toString());
        assertThat(wrongAlg.exitCode()).isEqualTo(Main.USAGE);
        assertThat(wrongAlg.err()).contains("does not match");
        Cli noKey = Cli.run("sign", "--domain", "example.org", "--selector", "s", "--key", dir.resolve("none.pem").toString(),
                msg.toString());
        assertThat(noKey.exitCode()).isEqualTo(Main.USAGE);
        assertThat(noKey.err()).contains("--key: no such file");
        Path notAKey = dir.resolve("bad.pem");
        Files.writeString(notAKey, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Cli badKey = Cli.run("sign", "--domain", "example.org", "--selector", "s", "--key", notAKey.toString(), msg.toString());
        assertThat(badKey.exitCode()).isEqualTo(Main.USAGE);
        Path noFrom = dir.resolve("nofrom.eml");
        Files.writeString(noFrom, "Subject: no author\n\nbody\n");
        Cli cannot = Cli.run("sign", "--domain", "example.org", "--selector", "ed2026", "--key", edKey, noFrom.toString());
        assertThat(cannot.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(cannot.err()).contains("cannot sign");
        Cli missing = Cli.run("sign", "--domain", "example.org", "--selector", "ed2026", "--key", edKey,
                dir.resolve("absent.eml").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
    }

    @Test
    void signReadsStandardInput() throws IOException {
        String edKey = Examples.dir().resolve("keys/example.org-ed2026.pem").toString();
        Cli s = Cli.runWithInput(MESSAGE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "sign", "--domain",
                "example.org", "--selector", "ed2026", "--key", edKey, "-");
        assertThat(s.exitCode()).isZero();
        assertThat(s.out()).startsWith("DKIM-Signature:").contains("\r\n"); // CRLF input gives CRLF output
    }

    @Test
    void sealAddsAnArcSetThatValidates() throws IOException {
        String key = Examples.dir().resolve("keys/forwarder.example.net-arc2026.pem").toString();
        Cli s = Cli.run("seal", "--domain", "forwarder.example.net", "--selector", "arc2026", "--key", key,
                "--authserv-id", "mx.forwarder.example.net", "--dns", zone(), "--at", "2026-11-20T11:59:00Z",
                Examples.message("03-arc-forwarded.eml"));
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).startsWith("ARC-Seal: ");
        assertThat(s.out().lines().filter(l -> l.startsWith("ARC-Seal:"))).hasSize(2);
        assertThat(s.out()).contains("i=2").contains("cv=pass");
        Path sealed = dir.resolve("sealed.eml");
        Files.write(sealed, s.outBytes());
        JsonNode r = JSON.readTree(Cli.run("verify", "--json", "--dns", zone(), "--at", "2026-11-20T12:00:00Z",
                sealed.toString()).out());
        assertThat(r.at("/arc/result").asText()).isEqualTo("pass");
        assertThat(r.at("/arc/instances").asInt()).isEqualTo(2);
    }

    @Test
    void verifyReportsArcOldestPassOnRequest() throws IOException {
        String msg = Examples.message("03-arc-forwarded.eml");
        Cli with = Cli.run("verify", "--json", "--arc-oldest-pass", "--dns", zone(), "--at", "2026-11-20T12:00:00Z", msg);
        assertThat(with.exitCode()).as(with.err()).isZero();
        // one ARC set whose AMS validates: RFC 8617 §5.2 oldest-pass is 0
        assertThat(JSON.readTree(with.out()).at("/authenticationResults").asText().replaceAll("\\s+", " "))
                .contains("arc=pass header.oldest-pass=0");
        Cli without = Cli.run("verify", "--json", "--dns", zone(), "--at", "2026-11-20T12:00:00Z", msg);
        assertThat(JSON.readTree(without.out()).at("/authenticationResults").asText()).doesNotContain("oldest-pass");
    }

    @Test
    void spfSingleCheckHumanAndJson() throws IOException {
        Cli h = Cli.run("spf", "--ip", "192.0.2.10", "--sender", "alice@example.com", "--dns", zone(), "--explain");
        assertThat(h.exitCode()).isZero();
        assertThat(h.out()).startsWith("spf=pass identity=mailfrom domain=example.com").contains("matched: ip4:192.0.2.0/24");
        Cli j = Cli.run("spf", "--ip", "2001:db8:2::1", "--sender", "bob@example.org", "--dns", zone(), "--json");
        JsonNode n = JSON.readTree(j.out());
        assertThat(n.get("result").asText()).isEqualTo("softfail"); // "v=spf1 ip6:2001:db8:1::/48 ~all"
        assertThat(n.get("identity").asText()).isEqualTo("mailfrom");
        assertThat(n.get("domain").asText()).isEqualTo("example.org");
        assertThat(n.get("mechanism").asText()).isEqualTo("~all");
        assertThat(n.has("explanation")).isTrue();
        // HELO identity: empty sender or --identity helo
        JsonNode helo = JSON.readTree(Cli.run("spf", "--ip", "198.51.100.25", "--helo", "forwarder.example.net",
                "--dns", zone(), "--json").out());
        assertThat(helo.get("result").asText()).isEqualTo("pass");
        assertThat(helo.get("identity").asText()).isEqualTo("helo");
        JsonNode forced = JSON.readTree(Cli.run("spf", "--ip", "198.51.100.25", "--helo", "forwarder.example.net",
                "--sender", "alice@example.com", "--identity", "helo", "--dns", zone(), "--json").out());
        assertThat(forced.get("identity").asText()).isEqualTo("helo");
        assertThat(forced.get("result").asText()).isEqualTo("pass");
    }

    @Test
    void spfUsageErrors() {
        assertThat(Cli.run("spf", "--sender", "a@example.com").exitCode()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("spf", "--ip", "nonsense", "--sender", "a@example.com").exitCode()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("spf", "--ip", "192.0.2.1").exitCode()).isEqualTo(Main.USAGE); // HELO identity without --helo
        assertThat(Cli.run("spf", "--ip", "192.0.2.1", "--identity", "bogus", "--helo", "h").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void spfBatchKeepsInputOrderAndReportsBadLines() throws IOException {
        String input = "{\"ip\":\"192.0.2.10\",\"sender\":\"alice@example.com\"}\n"
                + "not json\n"
                + "\n"
                + "{\"ip\":\"203.0.113.1\",\"helo\":\"forwarder.example.net\",\"sender\":\"\"}\n"
                + "{\"ip\":\"198.51.100.25\",\"helo\":\"forwarder.example.net\",\"sender\":\"alice@example.com\",\"identity\":\"helo\"}\n"
                + "{\"helo\":\"x\"}\n";
        Cli b = Cli.runWithInput(input.getBytes(StandardCharsets.UTF_8), "spf", "--batch", "-", "--dns", zone());
        assertThat(b.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        String[] lines = b.lines();
        assertThat(lines).hasSize(5);
        assertThat(JSON.readTree(lines[0]).get("result").asText()).isEqualTo("pass");
        assertThat(JSON.readTree(lines[1]).get("line").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(lines[1]).get("error").asText()).startsWith("not JSON");
        JsonNode l3 = JSON.readTree(lines[2]);
        assertThat(l3.get("identity").asText()).isEqualTo("helo");
        assertThat(l3.get("result").asText()).isEqualTo("fail"); // "v=spf1 ip4:198.51.100.25 -all"
        assertThat(JSON.readTree(lines[3]).get("result").asText()).isEqualTo("pass");
        assertThat(JSON.readTree(lines[4]).get("error").asText()).contains("missing \"ip\"");
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f, "{\"ip\":\"192.0.2.10\",\"sender\":\"alice@example.com\"}\n");
        Cli fromFile = Cli.run("spf", "--batch", f.toString(), "--dns", zone());
        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.lines()).hasSize(1);
    }

    @Test
    void dmarcDiscoveryExplainsTheTreeWalk() throws IOException {
        Cli h = Cli.run("dmarc", "--dns", zone(), "mail.sub.example.com");
        assertThat(h.exitCode()).as(h.err()).isZero();
        assertThat(h.out()).contains("policy domain: example.com").contains("v=DMARC1; p=reject")
                .contains("_dmarc.mail.sub.example.com").contains("organizational domain: example.com");
        JsonNode j = JSON.readTree(Cli.run("dmarc", "--dns", zone(), "--json", "example.org").out());
        assertThat(j.get("status").asText()).isEqualTo("found");
        assertThat(j.get("record").asText()).isEqualTo("v=DMARC1; p=quarantine; adkim=s");
        JsonNode none = JSON.readTree(Cli.run("dmarc", "--dns", zone(), "--json", "example.net").out());
        assertThat(none.get("status").asText()).isEqualTo("none");
        assertThat(Cli.run("dmarc", "--dns", zone(), "bad..name").exitCode()).isEqualTo(Main.USAGE);
    }
}
