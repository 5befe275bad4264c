package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;

/** Signatures crafted to hurt the verifier or what it writes: the result stays a clear verdict that can be reported. */
class HostileSignatureTest {
    private static final Clock T0 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private static List<DkimVerification> verify(ZoneResolver dns, String message) throws Exception {
        Message m = Message.parse(message.getBytes(StandardCharsets.UTF_8));
        return new DkimVerifier(dns, DkimPolicy.DEFAULT, T0).verify(m).get();
    }

    /** The Authentication-Results field for {@code v}, which must be one well-formed field. */
    private static HeaderField arField(DkimVerification v) throws Exception {
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(v.toResInfo()));
        HeaderField field = ar.toHeaderField();
        Message m = Message.parse((field + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(m.headers()).containsExactly(field);
        assertThat(AuthenticationResults.parseStrict(field.value())).isEqualTo(ar);
        return field;
    }

    /**
     * RFC 6376 §3.2 keeps FWS inside tag values, so {@code v=1 CRLF SP 2} reaches the reason; RFC
     * 8601 §2.2 writes a reason as a value, which holds no CR or LF.
     */
    @Test
    void foldedTagValueInTheReasonIsUnfolded() throws Exception {
        List<DkimVerification> r = verify(ZoneResolver.builder().build(),
                "DKIM-Signature: v=1\r\n 2; a=rsa-sha256; d=example.com; s=sel; h=from; bh=AAAA; b=AAAA\r\n"
                        + "From: a@example.com\r\n\r\nbody\r\n");
        DkimVerification v = r.get(0);
        assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(v.reason()).startsWith("signature has v=1 2,").doesNotContain("\r").doesNotContain("\n");
        assertThat(arField(v).unfoldedValue()).contains("dkim=permerror reason=\"signature has v=1 2,");
    }

    /**
     * RFC 6376 §3.5: i= is dkim-quoted-printable, so {@code =0D=0A} decodes to CR LF. Such an AUID
     * cannot be a pvalue; it is left out of the resinfo, the rest is written.
     */
    @Test
    void identityWithDecodedControlCharactersIsLeftOut() throws Exception {
        DkimPrivateKey key = DkimKeys.generateEd25519();
        ZoneResolver dns = ZoneResolver.builder().txt("sel._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        List<DkimVerification> r = verify(dns,
                "DKIM-Signature: v=1; a=ed25519-sha256; d=example.com; s=sel; h=from; i=x=0D=0Ay@example.com;\r\n"
                        + " bh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; b=AAAA\r\nFrom: a@example.com\r\n\r\nbody\r\n");
        DkimVerification v = r.get(0);
        assertThat(v.result()).isEqualTo(DkimResult.FAIL);
        assertThat(v.identity()).isEqualTo("x\r\ny@example.com");
        ResInfo ri = v.toResInfo();
        assertThat(ri.property("header", "i")).isNull();
        assertThat(ri.property("header", "d")).isEqualTo("example.com");
        assertThat(ri.property("header", "s")).isEqualTo("sel");
        assertThat(arField(v).unfoldedValue()).contains("header.d=example.com").doesNotContain("header.i");
    }

    /** A signature too broken to parse: its raw tags are reported only when they can be written. */
    @Test
    void rawTagsWithControlCharactersAreLeftOut() throws Exception {
        List<DkimVerification> r = verify(ZoneResolver.builder().build(),
                "DKIM-Signature: v=1; a=rsa-sha256; d=exa\u0001mple.com; s=se\u007fl; h=from; bh=AAAA; b=AAAA\r\n"
                        + "From: a@example.com\r\n\r\nbody\r\n");
        DkimVerification v = r.get(0);
        assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(v.reason()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        ResInfo ri = v.toResInfo();
        assertThat(ri.property("header", "d")).isNull();
        assertThat(ri.property("header", "s")).isNull();
        arField(v);
    }

    /** RFC 5322 §2.1.1: a 2000-character s= must not yield an Authentication-Results line over 998 characters. */
    @Test
    void overlongTagValuesDoNotMakeOverlongLines() throws Exception {
        String selector = "s".repeat(2000);
        List<DkimVerification> r = verify(ZoneResolver.builder().build(),
                "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=" + selector + "; h=from; bh=AAAA; b=AAAA\r\n"
                        + "From: a@example.com\r\n\r\nbody\r\n");
        DkimVerification v = r.get(0);
        assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(v.selector()).isEqualTo(selector);
        ResInfo ri = v.toResInfo();
        assertThat(ri.property("header", "s")).isNull();
        assertThat(ri.property("header", "d")).isEqualTo("example.com");
        HeaderField field = arField(v);
        assertThat(field.toString().split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    /**
     * A resolver that never answers (an SPI implementation without its own timeout, a lost
     * callback) must not leave the result pending: after the key lookup deadline the signature
     * is temperror (RFC 6376 §6.1.2: a key not retrievable because of a temporary DNS problem).
     */
    @Test
    void aResolverThatNeverAnswersEndsInTemperror() throws Exception {
        org.mailauth4j.core.dns.DnsResolver hung = new org.mailauth4j.core.dns.DnsResolver() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<org.mailauth4j.core.dns.DnsAnswer<T>> query(String name,
                    org.mailauth4j.core.dns.RecordType<T> type) {
                return new java.util.concurrent.CompletableFuture<>();
            }
        };
        assertThat(DkimPolicy.DEFAULT.keyLookupTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        DkimPolicy policy = DkimPolicy.builder().keyLookupTimeout(java.time.Duration.ofMillis(300)).build();
        Message m = Message.parse(("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from;"
                + " bh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; b=AAAA\r\nFrom: a@example.com\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        List<DkimVerification> r = new DkimVerifier(hung, policy, T0).verify(m)
                .completeOnTimeout(List.of(), 20, java.util.concurrent.TimeUnit.SECONDS).get();
        assertThat(r).as("a result well within 20 s").hasSize(1);
        assertThat(r.get(0).result()).isEqualTo(DkimResult.TEMPERROR);
        assertThat(r.get(0).reason()).isEqualTo("key lookup for sel._domainkey.example.com timed out after 300 ms");
    }

    /**
     * RFC 6376 §8.4: a verifier should bound the work a message causes. Four signatures with
     * 110,000 h= names each over 700 fields (within the default MessageLimits) are refused by
     * the h= limit instead of being selected and hashed; this must stay cheap.
     */
    @Test
    void hugeHListIsRefusedQuickly() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < 4; s++) {
            sb.append("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel").append(s)
                    .append("; bh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; b=AAAA; h=from");
            sb.append(":x".repeat(110_000)).append("\r\n");
        }
        for (int i = 0; i < 700; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        sb.append("From: a@example.com\r\n\r\nbody\r\n");
        Message m = Message.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        DkimVerifier verifier = new DkimVerifier(ZoneResolver.builder().build(), DkimPolicy.DEFAULT, T0);
        long t0 = System.nanoTime();
        List<DkimVerification> r = verifier.verify(m).get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r).hasSize(4).allSatisfy(v -> {
            assertThat(v.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(v.reason()).isEqualTo("h= names 110001 header fields, more than the limit of 1000");
        });
        assertThat(ms).as("verification time in ms").isLessThan(1500);
    }

    /** The limit is inclusive: 1000 names parse, 1001 do not. */
    @Test
    void hListLimitIsInclusive() throws Exception {
        String head = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel;"
                + " bh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; b=AAAA; h=from";
        DkimSignature ok = DkimSignature.parse(HeaderField.of(head + ":x".repeat(999)));
        assertThat(ok.signedHeaders()).hasSize(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimSignature.parse(HeaderField.of(head + ":x".repeat(1000))))
                .isInstanceOf(DkimFormatException.class).hasMessage("h= names 1001 header fields, more than the limit of 1000");
    }
}
