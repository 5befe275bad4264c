package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;

/** Memory stays flat with message size; a verification allocates little (targets from the issue). */
class ResourceUseTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void bodyHashingAllocatesNothingPerChunk() {
        byte[] chunk = "some  text\t with   whitespace  \r\n\r\nand lines\r\n".repeat(1500).getBytes(StandardCharsets.US_ASCII);
        BodyHasher h = new BodyHasher();
        for (Canonicalization c : Canonicalization.values()) {
            h.request(c, HashAlgorithm.SHA256, -1);
            h.request(c, HashAlgorithm.SHA1, 1000);
        }
        h.update(chunk, 0, chunk.length); // warm up
        long before = allocated();
        for (int i = 0; i < 200; i++) { // ~13 MB of body
            h.update(chunk, 0, chunk.length);
        }
        long used = allocated() - before;
        h.finish();
        assertThat(used).as("bytes allocated while hashing 13 MB").isLessThan(64 * 1024);
    }

    @Test
    void canonicalizersOnOneThreadReuseOneStagingBuffer() {
        byte[] body = "a  b\t \r\n\r\nc\r\n".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) { // warm up
            BodyCanonicalizer bc = new BodyCanonicalizer(Canonicalization.RELAXED, out::write);
            bc.update(body, 0, body.length);
            bc.finish();
        }
        int n = 100;
        long before = allocated();
        for (int i = 0; i < n; i++) {
            out.reset();
            BodyCanonicalizer bc = new BodyCanonicalizer(Canonicalization.RELAXED, out::write);
            bc.update(body, 0, body.length);
            bc.finish();
        }
        long perBody = (allocated() - before) / n;
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a b\r\n\r\nc\r\n");
        assertThat(perBody).as("bytes allocated per canonicalized body (the staging buffer is 8 KB)").isLessThan(1024);
    }

    @Test
    void verifyingA20KbMessageAllocatesUnder64Kb() throws Exception {
        DkimPrivateKey key = DkimKeys.generateRsa(2048);
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\n\r\n");
        Random r = new Random(7);
        while (sb.length() < 20_000) {
            for (int w = 0; w < 10; w++) {
                sb.append(w == 0 ? "" : " ").append(Long.toString(r.nextLong() & 0xffffffL, 36));
            }
            sb.append("\r\n");
        }
        Message m = Message.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        Message signed = m.prepend(List.of(DkimSigner.builder("example.com", "s", key).build().sign(m)));
        ZoneResolver dns = ZoneResolver.builder().txt("s._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        DkimVerifier v = new DkimVerifier(dns);
        for (int i = 0; i < 300; i++) {
            assertThat(v.verify(signed).get().get(0).isPass()).isTrue();
        }
        int n = 100;
        long before = allocated();
        for (int i = 0; i < n; i++) {
            v.verify(signed).get();
        }
        long perMessage = (allocated() - before) / n;
        System.out.println("DKIM verify of a 20 KB rsa-2048 message allocates " + perMessage + " bytes");
        assertThat(perMessage).isLessThan(64 * 1024);
    }
}
