package org.mailauth4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailauth4j.arc.ArcSealer;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;
import org.mailauth4j.dkim.DkimSigner;

/**
 * The facade end to end over in-memory DNS: results independent of chunking and input style,
 * lookups started early, deadlines, local policy, signing and sealing, sharing across threads.
 */
class AuthenticatorTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static DkimPrivateKey rsa;
    static DkimPrivateKey ed;
    static ZoneResolver dns;

    static final String MESSAGE = "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: test\r\n"
            + "Date: Fri, 20 Nov 2026 11:00:00 +0000\r\nMessage-ID: <t1@example.com>\r\n\r\n"
            + "Line one.\r\n\r\nLine  three  with   spaces. \r\n" + "x".repeat(5000) + "\r\n\r\n\r\n";

    @BeforeAll
    static void keys() {
        rsa = DkimKeys.generateRsa(2048);
        ed = DkimKeys.generateEd25519();
        dns = ZoneResolver.builder()
                .txt("rsa._domainkey.example.com", DkimKeys.keyRecord(rsa.publicKey()))
                .txt("ed._domainkey.example.com", DkimKeys.keyRecord(ed.publicKey()))
                .txt("arc._domainkey.forwarder.example.net", DkimKeys.keyRecord(rsa.publicKey()))
                .txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .build();
    }

    static Authenticator.Builder builder(DnsResolver r) {
        return Authenticator.builder().resolver(r).authservId("mx.example.org").clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** MESSAGE signed with rsa (relaxed/relaxed) and ed (simple/simple, l=). */
    static byte[] signed() throws Exception {
        Clock at = Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC);
        Message m = Message.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        m = Authenticator.sign(m, DkimSigner.builder("example.com", "rsa", rsa).clock(at).build());
        m = Authenticator.sign(m, DkimSigner.builder("example.com", "ed", ed).clock(at).bodyLength(true)
                .canonicalization(org.mailauth4j.dkim.Canonicalization.SIMPLE, org.mailauth4j.dkim.Canonicalization.SIMPLE)
                .build());
        return m.toBytes();
    }

    @Test
    void resultsDoNotDependOnChunkingOrInputStyle() throws Exception {
        byte[] msg = signed();
        Authenticator auth = builder(dns).build();
        Envelope env = Envelope.of("192.0.2.7", "mail.example.com", "alice@example.com");
        AuthenticationReport whole = auth.authenticate(msg, env);
        assertThat(whole.spf().result()).isEqualTo("pass");
        assertThat(whole.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("pass", "pass");
        assertThat(whole.dkim()).extracting(AuthenticationReport.Dkim::selector).containsExactly("ed", "rsa");
        assertThat(whole.dmarc().result()).isEqualTo("pass");
        // RFC 7208 §9.1: result first, then the key-value pairs of this check
        assertThat(whole.receivedSpfField().orElseThrow().unfoldedValue().trim()).startsWith("pass ")
                .contains("client-ip=192.0.2.7;", "envelope-from=\"alice@example.com\";", "helo=mail.example.com;",
                        "identity=mailfrom");
        String expected = whole.authenticationResultsHeader();
        for (int chunk : new int[] {1, 2, 3, 7, 64, 1000, 65536}) {
            AuthenticationSession s = auth.newSession().envelope(env);
            for (int i = 0; i < msg.length; i += chunk) {
                s.feed(msg, i, Math.min(chunk, msg.length - i));
            }
            assertThat(s.finish().join().authenticationResultsHeader()).as("chunk " + chunk).isEqualTo(expected);
        }
        // milter style: header fields one by one, then body chunks
        Message parsed = Message.parse(msg);
        AuthenticationSession s = auth.newSession().envelope(env);
        for (HeaderField f : parsed.headers()) {
            s.headerField(f);
        }
        s.endOfHeaders();
        byte[] body = parsed.body();
        for (int i = 0; i < body.length; i += 13) {
            s.body(body, i, Math.min(13, body.length - i));
        }
        assertThat(s.finish().join().authenticationResultsHeader()).isEqualTo(expected);
        // InputStream
        assertThat(auth.authenticate(new java.io.ByteArrayInputStream(msg), env).authenticationResultsHeader())
                .isEqualTo(expected);
    }

    /** Records the order of queries relative to the session's calls. */
    static final class Log implements DnsResolver {
        final List<String> queries = Collections.synchronizedList(new ArrayList<>());
        final DnsResolver inner;

        Log(DnsResolver inner) {
            this.inner = inner;
        }

        @Override
        public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
            queries.add(type + " " + name);
            return inner.query(name, type);
        }
    }

    @Test
    void spfStartsAtTheEnvelopeAndKeyAndPolicyLookupsAtEndOfHeaders() throws Exception {
        Log log = new Log(dns);
        Authenticator auth = builder(log).build();
        Message m = Message.parse(signed());
        AuthenticationSession s = auth.newSession();
        s.envelope(Envelope.of("192.0.2.7", "mail.example.com", "alice@example.com"));
        assertThat(log.queries).containsExactly("TXT example.com"); // SPF, before any header
        for (HeaderField f : m.headers()) {
            s.headerField(f);
        }
        assertThat(log.queries).hasSize(1);
        s.endOfHeaders();
        // before a single body byte: both DKIM keys and the DMARC policy are being looked up
        assertThat(log.queries).contains("TXT rsa._domainkey.example.com", "TXT ed._domainkey.example.com",
                "TXT _dmarc.example.com");
        int before = log.queries.size();
        byte[] body = m.body();
        s.body(body, 0, body.length);
        AuthenticationReport r = s.finish().join();
        assertThat(r.dmarc().result()).isEqualTo("pass");
        // DMARC evaluation reused the early policy answer: no second query for it
        assertThat(log.queries.subList(before, log.queries.size())).doesNotContain("TXT _dmarc.example.com");
    }

    @Test
    void aResolverThatNeverAnswersGivesTemperrorWithinTheDeadline() throws Exception {
        DnsResolver silent = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return new CompletableFuture<>();
            }
        };
        Authenticator auth = builder(silent).timeout(Duration.ofMillis(300)).build();
        long t0 = System.nanoTime();
        AuthenticationReport r = auth.authenticate(signed(), Envelope.of("192.0.2.7", null, "alice@example.com"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(5000);
        assertThat(r.spf().result()).isEqualTo("temperror");
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsOnly("temperror");
        assertThat(r.dmarc().result()).isEqualTo("temperror");
    }

    @Test
    void aResolverThatThrowsGivesTemperrorNotACrash() throws Exception {
        DnsResolver broken = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                throw new IllegalStateException("resolver bug");
            }
        };
        AuthenticationReport r = builder(broken).build().authenticate(signed(), Envelope.of("192.0.2.7", null, "a@example.com"));
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsOnly("temperror");
        assertThat(r.authenticationResultsHeader()).startsWith("Authentication-Results: mx.example.org;");
    }

    @Test
    void bodyLengthSignaturesCanBeRefusedByLocalPolicy() throws Exception {
        AuthenticationReport r = builder(dns).honourBodyLength(false).build().authenticate(signed(), Envelope.NONE);
        // topmost is the ed25519 signature with l=
        assertThat(r.dkim().get(0).result()).isEqualTo("policy");
        assertThat(r.dkim().get(0).reason()).contains("l=");
        assertThat(r.dkim().get(1).result()).isEqualTo("pass");
        assertThat(r.dmarc().result()).isEqualTo("pass"); // the RSA signature still aligns
    }

    @Test
    void sealedMessageCarriesThisHopsResultsAndValidates() throws Exception {
        Authenticator auth = builder(dns).build();
        Message m = Message.parse(signed());
        AuthenticationReport r = auth.authenticate(m.toBytes(), Envelope.of("192.0.2.7", null, "alice@example.com"));
        assertThat(r.arc().result()).isEqualTo("none");
        Message sealed = r.seal(m, ArcSealer.builder("forwarder.example.net", "arc", rsa)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        assertThat(sealed.headers().get(0).name()).isEqualTo("ARC-Seal");
        assertThat(sealed.header("ARC-Authentication-Results").orElseThrow().unfoldedValue())
                .contains("mx.example.org").contains("spf=pass").contains("dmarc=pass");
        AuthenticationReport next = auth.authenticate(sealed.toBytes(), Envelope.NONE);
        assertThat(next.arc().result()).isEqualTo("pass");
        assertThat(next.arc().instances()).isEqualTo(1);
        // RFC 8617 §4.1.3 smtp.remote-ip, written in the RFC 5952 text form of an IPv6 address
        AuthenticationReport v6 = auth.authenticate(sealed.toBytes(), Envelope.of("2001:db8:0:0:0:0:0:25", null, null));
        assertThat(v6.authenticationResults().results()).anySatisfy(ri -> {
            assertThat(ri.method()).isEqualTo("arc");
            assertThat(ri.property("smtp", "remote-ip")).isEqualTo("2001:db8::25");
        });
    }

    @Test
    void oldestPassNamesTheOldestHopWhoseAmsStillValidates() throws Exception {
        Authenticator auth = builder(dns).arcOldestPass(true).build();
        ArcSealer sealer = ArcSealer.builder("forwarder.example.net", "arc", rsa).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        Message hop1 = auth.authenticate(signed(), Envelope.NONE).seal(Message.parse(signed()), sealer);
        AuthenticationReport atHop2 = auth.authenticate(hop1.toBytes(), Envelope.NONE);
        assertThat(atHop2.arc().result()).isEqualTo("pass");
        // RFC 8617 §5.2: all AMS validate -> oldest-pass=0
        assertThat(arcResInfo(atHop2).property("header", "oldest-pass")).isEqualTo("0");
        // hop 2 is a list: it validated the chain, then adds a footer (breaking AMS 1) and seals
        byte[] withFooter = (new String(hop1.toBytes(), StandardCharsets.ISO_8859_1) + "-- \r\nlist footer\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Message hop2 = atHop2.seal(Message.parse(withFooter), sealer);
        AuthenticationReport atHop3 = auth.authenticate(hop2.toBytes(), Envelope.NONE);
        assertThat(atHop3.arc().result()).isEqualTo("pass");
        assertThat(atHop3.arc().instances()).isEqualTo(2);
        // AMS 2 validates, AMS 1 does not: the oldest set whose AMS validates is 2
        assertThat(arcResInfo(atHop3).property("header", "oldest-pass")).isEqualTo("2");
        // not asked for: not reported
        assertThat(arcResInfo(builder(dns).build().authenticate(hop2.toBytes(), Envelope.NONE))
                .property("header", "oldest-pass")).isNull();
    }

    private static org.mailauth4j.core.ar.ResInfo arcResInfo(AuthenticationReport r) {
        return r.authenticationResults().results().stream().filter(ri -> ri.method().equals("arc")).findFirst()
                .orElseThrow();
    }

    @Test
    void messageWithoutFromIsNeverADmarcPass() throws Exception {
        AuthenticationReport r = builder(dns).build().authenticate(
                "Subject: no author\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), Envelope.NONE);
        assertThat(r.dmarc().result()).isEqualTo("permerror");
        AuthenticationReport two = builder(dns).build().authenticate(
                "From: a@example.com\r\nFrom: b@example.com\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                Envelope.NONE);
        assertThat(two.dmarc().result()).isNotEqualTo("pass");
    }

    @Test
    void oneAuthenticatorIsSharedAcrossThreads() throws Exception {
        Authenticator auth = builder(dns).build();
        byte[] msg = signed();
        String expected = auth.authenticate(msg, Envelope.NONE).authenticationResultsHeader();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(pool.submit(() -> auth.authenticate(msg, Envelope.NONE).authenticationResultsHeader()));
            }
            for (Future<String> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hostileEnvelopeTextCannotBreakTheHeaderField() throws Exception {
        AuthenticationReport r = builder(dns).build().authenticate(signed(),
                Envelope.of("192.0.2.7", "evil\r\nX-Injected: 1", "x\"\r\n@example.com"));
        HeaderField f = r.authenticationResultsField();
        Message withAr = Message.parse(Message.parse(signed()).prepend(List.of(f)).toBytes());
        assertThat(withAr.headers("X-Injected")).isEmpty();
        assertThat(withAr.headers("Authentication-Results")).hasSize(1);
    }
}
