package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyHasherTest {

    private static byte[] sha256(String s) {
        return HashAlgorithm.SHA256.newDigest().digest(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void identicalKeysShareOneDigestAndLimitsApplyToTheCanonicalBody() {
        BodyHasher h = new BodyHasher();
        BodyHasher.Request a = h.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        BodyHasher.Request b = h.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        BodyHasher.Request lim = h.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, 3);
        BodyHasher.Request simple = h.request(Canonicalization.SIMPLE, HashAlgorithm.SHA256, -1);
        assertThat(b).isSameAs(a);
        assertThat(h.requests()).hasSize(3);
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        h.update(body, 0, 4);
        h.update(body, 4, body.length - 4);
        assertThatThrownBy(() -> h.request(Canonicalization.SIMPLE, HashAlgorithm.SHA1, -1))
                .isInstanceOf(IllegalStateException.class);
        h.finish();
        assertThat(a.digest()).isEqualTo(sha256(" C\r\nD E\r\n"));
        assertThat(lim.digest()).isEqualTo(sha256(" C\r"));
        assertThat(lim.canonicalLength()).isEqualTo(9);
        assertThat(simple.digest()).isEqualTo(sha256(" C \r\nD \t E\r\n"));
    }

    /** RFC 6376 §3.4.3/§3.4.4 + well-known digests of the empty bodies. */
    @Test
    void emptyBodyHashes() {
        BodyHasher h = new BodyHasher();
        BodyHasher.Request s = h.request(Canonicalization.SIMPLE, HashAlgorithm.SHA256, -1);
        BodyHasher.Request r = h.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        h.finish();
        // base64 of SHA-256("\r\n") and SHA-256("") as published by many signers
        assertThat(java.util.Base64.getEncoder().encodeToString(s.digest()))
                .isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
        assertThat(java.util.Base64.getEncoder().encodeToString(r.digest()))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void largeBodyIsStreamed() {
        BodyHasher h = new BodyHasher();
        BodyHasher.Request r = h.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        byte[] line = "hello  world \r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] chunk = new byte[line.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(line, 0, chunk, i * line.length, line.length);
        }
        var md = HashAlgorithm.SHA256.newDigest();
        byte[] canon = "hello world\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k < 100; k++) {
            h.update(chunk, 0, chunk.length);
            for (int i = 0; i < 1000; i++) {
                md.update(canon);
            }
        }
        h.finish();
        assertThat(Arrays.equals(r.digest(), md.digest())).isTrue();
        assertThat(r.canonicalLength()).isEqualTo(100L * 1000 * canon.length);
    }

    @Test
    void rawBodyOnlyWhenEveryRequestIsRelaxed() throws Exception {
        String raw = "A: 1\n\nline one \nline\ttwo\r\rthree\n\n";
        String crlf = "line one \r\nline\ttwo\r\n\r\nthree\r\n\r\n";
        // through the parser, which hands the relaxed-only hasher the raw body
        BodyHasher viaParser = new BodyHasher();
        BodyHasher.Request r = viaParser.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        org.mailauth4j.core.message.MessageParser p = new org.mailauth4j.core.message.MessageParser(viaParser);
        byte[] msg = raw.getBytes(StandardCharsets.ISO_8859_1);
        p.feed(msg, 0, msg.length);
        p.finish();
        assertThat(r.digest()).isEqualTo(sha256("line one\r\nline two\r\n\r\nthree\r\n"));
        // a hasher with a simple request must get CRLF-normalised bytes
        BodyHasher mixed = new BodyHasher();
        mixed.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        BodyHasher.Request s = mixed.request(Canonicalization.SIMPLE, HashAlgorithm.SHA256, -1);
        assertThat(mixed.takesRawBody()).isFalse();
        p = new org.mailauth4j.core.message.MessageParser(mixed);
        p.feed(msg, 0, msg.length);
        p.finish();
        assertThat(s.digest()).isEqualTo(sha256(crlf.substring(0, crlf.length() - 2)));
        // once it takes the raw body, no request can be added
        assertThatThrownBy(() -> viaParser.request(Canonicalization.SIMPLE, HashAlgorithm.SHA256, -1))
                .isInstanceOf(IllegalStateException.class);
        // too late once the body started
        BodyHasher started = new BodyHasher();
        started.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        started.update(new byte[] {'x'}, 0, 1);
        assertThat(started.takesRawBody()).isFalse();
    }
}
