package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageParser;

/** Properties: sign → verify round trip; verdicts independent of chunking; canonicalization idempotent. */
class DkimPropertiesTest {
    private static final Clock T0 = Vectors.at(1_700_000_000L);
    private static final DkimPrivateKey RSA = DkimKeys.generateRsa(2048);
    private static final DkimPrivateKey ED = DkimKeys.generateEd25519();
    private static final ZoneResolver DNS = ZoneResolver.builder()
            .txt("rsa._domainkey.example.com", DkimKeys.keyRecord(RSA.publicKey()))
            .txt("ed._domainkey.example.com", DkimKeys.keyRecord(ED.publicKey())).build();

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> line = Arbitraries.strings().withChars("ab \tçé.-").ofMinLength(0).ofMaxLength(40);
        return line.list().ofMinSize(0).ofMaxSize(12).map(lines -> String.join("\r\n", lines))
                .flatMap(b -> Arbitraries.of("", "\r\n", "\r\n\r\n", " \r\n\t\r\n").map(tail -> b + tail));
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().withChars("Hello wörld\t ").ofMaxLength(200).map(s -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (i > 0 && i % 60 == 0) {
                    sb.append("\r\n "); // long headers folded
                }
                sb.append(s.charAt(i));
            }
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<String> messages() {
        return Combinators.combine(subjects(), bodies(), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((subject, body, lf, cc) -> {
                    String m = "From: Jöe <joe@example.com>\r\nTo: a@example.org\r\n" + (cc ? "Cc: c@example.org\r\n" : "")
                            + "Subject:" + subject + "\r\nX-Other: 1\r\n\r\n" + body;
                    return lf ? m.replace("\r\n", "\n") : m;
                });
    }

    private static Message parse(String text) throws Exception {
        return Message.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<DkimVerification> verify(Message m) throws Exception {
        return new DkimVerifier(DNS, DkimPolicy.DEFAULT, T0).verify(m).get();
    }

    @Property(tries = 60)
    void signThenVerifyPasses(@ForAll("messages") String text, @ForAll Canonicalization hc, @ForAll Canonicalization bc,
            @ForAll boolean rsa, @ForAll boolean length) throws Exception {
        Message m = parse(text);
        HeaderField sig = DkimSigner.builder("example.com", rsa ? "rsa" : "ed", rsa ? RSA : ED).canonicalization(hc, bc)
                .bodyLength(length).clock(T0).build().sign(m);
        List<DkimVerification> r = verify(m.prepend(List.of(sig)));
        assertThat(r).hasSize(1);
        assertThat(r.get(0).result()).as("%s", r.get(0)).isEqualTo(DkimResult.PASS);
    }

    @Property(tries = 40)
    void verdictIndependentOfChunkingAndAlterationsFail(@ForAll("messages") String text,
            @ForAll @IntRange(min = 1, max = 50) int chunk, @ForAll boolean alter) throws Exception {
        Message m = parse(text);
        Message signed = m.prepend(List.of(
                DkimSigner.builder("example.com", "ed", ED).clock(T0).build().sign(m),
                DkimSigner.builder("example.com", "rsa", RSA).canonicalization(Canonicalization.SIMPLE,
                        Canonicalization.SIMPLE).clock(T0).build().sign(m)));
        byte[] bytes = signed.toBytes();
        if (alter) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes);
            out.writeBytes("tampered\r\n".getBytes(StandardCharsets.US_ASCII));
            bytes = out.toByteArray();
        }
        DkimVerifier.Session s = new DkimVerifier(DNS, DkimPolicy.DEFAULT, T0).newSession();
        MessageParser p = new MessageParser(s);
        for (int i = 0; i < bytes.length; i += chunk) {
            p.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        p.finish();
        List<DkimVerification> chunked = s.result().get();
        List<DkimVerification> whole = verify(Message.parse(bytes));
        List<DkimResult> words = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            assertThat(chunked.get(i).result()).isEqualTo(whole.get(i).result());
            words.add(whole.get(i).result());
        }
        assertThat(words).containsOnly(alter ? DkimResult.FAIL : DkimResult.PASS).hasSize(2);
    }

    @Property(tries = 200)
    void canonicalizationIsIdempotent(@ForAll("bodies") String body, @ForAll("subjects") String subject) {
        for (Canonicalization c : Canonicalization.values()) {
            byte[] once = c.canonicalizeBody(body.getBytes(StandardCharsets.UTF_8));
            assertThat(c.canonicalizeBody(once)).isEqualTo(once);
            byte[] h = c.canonicalizeHeader(HeaderField.of("Subject:" + subject));
            assertThat(c.canonicalizeHeader(h)).isEqualTo(h);
        }
    }

    @Property(tries = 200)
    void bodyHashIndependentOfChunking(@ForAll("bodies") String body, @ForAll @IntRange(min = 1, max = 7) int chunk) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        BodyHasher whole = new BodyHasher();
        BodyHasher parts = new BodyHasher();
        List<BodyHasher.Request> w = new ArrayList<>();
        List<BodyHasher.Request> p = new ArrayList<>();
        for (Canonicalization c : Canonicalization.values()) {
            w.add(whole.request(c, HashAlgorithm.SHA256, -1));
            w.add(whole.request(c, HashAlgorithm.SHA1, 5));
            p.add(parts.request(c, HashAlgorithm.SHA256, -1));
            p.add(parts.request(c, HashAlgorithm.SHA1, 5));
        }
        whole.update(b, 0, b.length);
        whole.finish();
        for (int i = 0; i < b.length; i += chunk) {
            parts.update(b, i, Math.min(chunk, b.length - i));
        }
        parts.finish();
        for (int i = 0; i < w.size(); i++) {
            assertThat(p.get(i).digest()).isEqualTo(w.get(i).digest());
            assertThat(p.get(i).canonicalLength()).isEqualTo(w.get(i).canonicalLength());
        }
    }
}
