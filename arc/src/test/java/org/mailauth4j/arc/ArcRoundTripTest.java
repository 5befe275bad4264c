package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.BodyHasher;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPolicy;

/** Seal with our sealer, validate with our validator: chains, failures, limits, streaming. */
class ArcRoundTripTest {
    static TestKeys keys;
    static ZoneResolver dns;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String MESSAGE = "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: hello\r\n"
            + "Date: Mon, 20 Nov 2023 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nHi Bob,\r\n  how are you?\r\n";

    @BeforeAll
    static void setUp() throws Exception {
        keys = new TestKeys(2048);
        dns = ZoneResolver.builder()
                .txt("rsa._domainkey.hop1.example", keys.rsaRecord)
                .txt("ed._domainkey.hop2.example", keys.edRecord)
                .txt("rsa._domainkey.hop3.example", keys.rsaRecord)
                .fail("down._domainkey.hop1.example", RecordType.TXT, "TIMEOUT")
                .build();
    }

    static ArcSealer hop(String domain, boolean ed) {
        return ArcSealer.builder(domain, ed ? "ed" : "rsa", ed ? keys.ed : keys.rsa).clock(CLOCK).build();
    }

    static Message sealed(Message m, ArcSealer s, String authserv) {
        ArcOutcome chain = validator(false).validate(m).join();
        AuthenticationResults ar = new AuthenticationResults(authserv,
                List.of(new ResInfo("spf", "pass", null, List.of(new ResInfo.Property("smtp", "mailfrom", "alice@example.com"))),
                        chain.toResInfo("192.0.2.1")));
        return m.prepend(s.seal(m, ar, chain.nextCv()));
    }

    static ArcValidator validator(boolean oldest) {
        return ArcValidator.builder(dns).oldestPass(oldest).build();
    }

    static Message message() throws Exception {
        return Message.parse(MESSAGE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noChainIsNone() throws Exception {
        ArcOutcome o = validator(false).validate(message()).join();
        assertThat(o.result()).isEqualTo(ArcResult.NONE);
        assertThat(o.nextCv()).isEqualTo(ArcResult.NONE);
        assertThat(o.toResInfo().result()).isEqualTo("none");
    }

    @Test
    void threeHopsMixingAlgorithmsPass() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        m = sealed(m, hop("hop2.example", true), "mx.hop2.example");
        m = sealed(m, hop("hop3.example", false), "mx.hop3.example");
        ArcOutcome o = validator(true).validate(m).join();
        assertThat(o.result()).as("%s", o).isEqualTo(ArcResult.PASS);
        assertThat(o.instances()).isEqualTo(3);
        assertThat(o.oldestPass()).hasValue(0);
        ResInfo r = o.toResInfo("192.0.2.9");
        assertThat(r.method()).isEqualTo("arc");
        assertThat(r.result()).isEqualTo("pass");
        assertThat(r.property("header", "oldest-pass")).isEqualTo("0");
        assertThat(r.property("smtp", "remote-ip")).isEqualTo("192.0.2.9");
        // The seals carry the right cv and the AAR of hop 2 records hop 1's arc=pass.
        assertThat(m.headers("ARC-Seal")).extracting(HeaderField::unfoldedValue)
                .anyMatch(v -> v.contains("i=3") && v.contains("cv=pass"))
                .anyMatch(v -> v.contains("i=1") && v.contains("cv=none"));
        assertThat(m.headers("ARC-Authentication-Results")).extracting(HeaderField::unfoldedValue)
                .anyMatch(v -> v.startsWith(" i=2; mx.hop2.example;") && v.contains("arc=pass") && v.contains("smtp.remote-ip=192.0.2.1"));
    }

    @Test
    void changedBodyFailsAtTheNewestAms() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        Message changed = Message.of(m.headers(), "Hi Bob,\r\n  how are you? (edited)\r\n".getBytes(StandardCharsets.UTF_8));
        ArcOutcome o = validator(false).validate(changed).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.failedInstance()).isEqualTo(1);
        assertThat(o.reason()).contains("ARC-Message-Signature i=1").contains("body hash");
        assertThat(o.toResInfo().reason()).isEqualTo(o.reason());
    }

    @Test
    void oldestPassNamesTheOldestAmsThatStillValidates() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        // Hop 2 validates (pass), changes the subject as a mailing list would, then seals:
        // AMS 1 no longer validates, the chain still does.
        ArcOutcome atHop2 = validator(false).validate(m).join();
        List<HeaderField> hs = new java.util.ArrayList<>(m.headers());
        hs.replaceAll(h -> h.hasName("Subject") ? HeaderField.of("Subject: [list] hello") : h);
        Message edited = Message.of(hs, m.body());
        Message m2 = edited.prepend(hop("hop2.example", true).seal(edited,
                new AuthenticationResults("mx.hop2.example", List.of(atHop2.toResInfo())), atHop2.nextCv()));
        ArcOutcome o = validator(true).validate(m2).join();
        assertThat(o.result()).as("%s", o).isEqualTo(ArcResult.PASS);
        assertThat(o.oldestPass()).hasValue(2);
        assertThat(validator(false).validate(m2).join().oldestPass()).isEmpty();
    }

    @Test
    void changedSealFailsNamingTheSeal() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        m = sealed(m, hop("hop2.example", true), "mx.hop2.example");
        List<HeaderField> hs = new java.util.ArrayList<>(m.headers());
        hs.replaceAll(h -> h.hasName("ARC-Authentication-Results") && h.value().contains("i=1")
                ? HeaderField.of(h.toString().replace("spf=pass", "spf=fail")) : h);
        ArcOutcome o = validator(false).validate(Message.of(hs, m.body())).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.reason()).startsWith("ARC-Seal i=2");
    }

    @Test
    void failedChainGetsOneSetWithCvFailThenNoMore() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        Message changed = Message.of(m.headers(), "tampered\r\n".getBytes(StandardCharsets.UTF_8));
        ArcOutcome broken = validator(false).validate(changed).join();
        assertThat(broken.nextCv()).isEqualTo(ArcResult.FAIL);
        List<HeaderField> set = hop("hop2.example", true).seal(changed, "mx.hop2.example", broken.nextCv());
        assertThat(set).hasSize(3);
        assertThat(set.get(0).unfoldedValue()).contains("cv=fail").contains("i=2");
        Message m2 = changed.prepend(set);
        assertThat(validator(false).validate(m2).join().reason()).contains("cv=fail");
        // RFC 8617 §5.1: nothing is added after a cv=fail seal.
        assertThat(hop("hop3.example", false).seal(m2, "mx.hop3.example", ArcResult.FAIL)).isEmpty();
        assertThat(hop("hop3.example", false).seal(m2, "mx.hop3.example", ArcResult.PASS)).isEmpty();
    }

    @Test
    void fiftySetsAreTheLimit() throws Exception {
        Message m = message();
        ArcSealer ed = hop("hop2.example", true);
        for (int i = 1; i <= 50; i++) {
            m = m.prepend(ed.seal(m, "mx.hop2.example", i == 1 ? ArcResult.NONE : ArcResult.PASS));
        }
        assertThat(m.headers("ARC-Seal")).hasSize(50);
        assertThat(validator(false).validate(m).join().result()).isEqualTo(ArcResult.PASS);
        assertThat(ed.seal(m, "mx.hop2.example", ArcResult.PASS)).as("no 51st set").isEmpty();
        Message over = m.prepend(List.of(HeaderField.of("ARC-Seal: i=51; a=rsa-sha256; cv=pass; d=x.example; s=s; b=AAAA")));
        ArcOutcome o = validator(false).validate(over).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.reason()).contains("1..50");
    }

    @Test
    void temporaryDnsFailureIsAFailMarkedTemporary() throws Exception {
        ArcSealer s = ArcSealer.builder("hop1.example", "down", keys.rsa).clock(CLOCK).build();
        Message m = message();
        m = m.prepend(s.seal(m, "mx.hop1.example", ArcResult.NONE));
        ArcOutcome o = validator(false).validate(m).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.temporary()).isTrue();
        assertThat(o.reason()).contains("TIMEOUT");
    }

    @Test
    void smallRsaKeysFail() throws Exception {
        TestKeys small = new TestKeys(512);
        ZoneResolver z = ZoneResolver.builder().txt("s._domainkey.small.example", small.rsaRecord).build();
        ArcSealer s = ArcSealer.builder("small.example", "s", small.rsa).clock(CLOCK).build();
        Message m = message();
        m = m.prepend(s.seal(m, "mx", ArcResult.NONE));
        ArcOutcome o = ArcValidator.builder(z).build().validate(m).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.reason()).contains("512 bits");
        assertThat(ArcValidator.builder(z).policy(DkimPolicy.builder().minRsaBits(512).build()).build().validate(m).join().result()).isEqualTo(ArcResult.PASS);
    }

    @Test
    void pemKeysAndDeterministicOutput() throws Exception {
        ArcSealer a = ArcSealer.builder("hop1.example", "rsa", DkimKeys.readPrivateKey(DkimKeys.toPem(keys.rsa))).clock(CLOCK).build();
        Message m = message();
        List<HeaderField> s1 = a.seal(m, "mx.hop1.example", ArcResult.NONE);
        assertThat(hop("hop1.example", false).seal(m, "mx.hop1.example", ArcResult.NONE)).isEqualTo(s1);
        assertThat(validator(false).validate(m.prepend(s1)).join().result()).isEqualTo(ArcResult.PASS);
        for (HeaderField f : s1) {
            for (String line : f.toString().split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(78);
            }
        }
        // No Authentication-Results of this host: the AAR says "none" (RFC 8601 §2.2 no-result).
        assertThat(s1.get(2).unfoldedValue()).isEqualTo(" i=1; mx.hop1.example; none");
    }

    @Test
    void longHeaderListsAreFoldedAndStillValidate() throws Exception {
        StringBuilder msg = new StringBuilder();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            msg.append("X-Long-Header-Name-").append(i).append(": v\r\n");
            names.add("x-long-header-name-" + i);
        }
        names.add("from");
        Message m = Message.parse((msg + MESSAGE).getBytes(StandardCharsets.UTF_8));
        ArcSealer s = ArcSealer.builder("hop1.example", "rsa", keys.rsa).signedHeaders(names).clock(CLOCK).build();
        List<HeaderField> set = s.seal(m, "mx.hop1.example", ArcResult.NONE);
        for (HeaderField f : set) {
            for (String line : f.toString().split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(78);
            }
        }
        assertThat(set.get(1).unfoldedValue().replaceAll("\\s", "")).contains("h=x-long-header-name-0:x-long-header-name-1:");
        assertThat(validator(false).validate(m.prepend(set)).join().result()).isEqualTo(ArcResult.PASS);
    }

    @Test
    void defaultHeaderListNeverSignsArcOrForeignAuthenticationResults() throws Exception {
        Message m = Message.parse(("Authentication-Results: other.example; spf=pass\r\n" + MESSAGE).getBytes(StandardCharsets.UTF_8));
        List<HeaderField> set = hop("hop1.example", false).seal(m, "mx.hop1.example", ArcResult.NONE);
        String h = set.get(1).unfoldedValue().replaceAll("\\s", "");
        assertThat(h).contains("h=from:to:subject:date:message-id;");
        assertThatThrownBy(() -> ArcSealer.builder("a.example", "s", keys.ed).signedHeaders(List.of("from", "ARC-Seal")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingInAnyChunksGivesTheSameOutcome() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        byte[] raw = m.toBytes();
        for (int chunk : new int[] {1, 7, 64, raw.length}) {
            ArcValidator.Session s = validator(true).newSession();
            MessageParser p = new MessageParser(s);
            for (int off = 0; off < raw.length; off += chunk) {
                p.feed(raw, off, Math.min(chunk, raw.length - off));
            }
            p.finish();
            ArcOutcome o = s.result().join();
            assertThat(o.result()).as("chunk %d: %s", chunk, o).isEqualTo(ArcResult.PASS);
        }
    }

    @Test
    void sharedBodyHasherServesDkimAndArcInOnePass() throws Exception {
        Message m = sealed(message(), hop("hop1.example", false), "mx.hop1.example");
        BodyHasher shared = new BodyHasher();
        ArcValidator.Session s = validator(false).newSession(shared);
        for (HeaderField h : m.headers()) {
            s.headerField(h);
        }
        s.endOfHeaders();
        assertThat(shared.requests()).as("the AMS body hash is registered at end of headers").hasSize(1);
        byte[] body = m.body();
        shared.update(body, 0, body.length);
        shared.finish();
        s.endOfMessage();
        assertThat(s.result().join().result()).isEqualTo(ArcResult.PASS);
    }

    @Test
    void garbageArcFieldsFailWithAReason() throws Exception {
        for (String bad : new String[] {"ARC-Seal: i=1; a=rsa-sha256;; b=x", "ARC-Seal: i=x", "ARC-Authentication-Results: nothing",
                "ARC-Message-Signature: i=1; a=rsa-sha256", "ARC-Seal: i=0; cv=none"}) {
            Message m = Message.parse((bad + "\r\n" + MESSAGE).getBytes(StandardCharsets.UTF_8));
            ArcOutcome o = validator(false).validate(m).join();
            assertThat(o.result()).as(bad).isEqualTo(ArcResult.FAIL);
            assertThat(o.reason()).as(bad).isNotBlank();
        }
    }
}
