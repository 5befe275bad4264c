package org.mailauth4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.mailauth4j.core.message.MessageFormatException;

/** Properties of the facade: chunking never changes the result; arbitrary input never crashes or hangs. */
class AuthenticatorPropertiesTest {
    static Authenticator auth;
    static byte[] signed;
    static String expected;

    @BeforeContainer
    static void setUp() throws Exception {
        AuthenticatorTest.keys();
        auth = AuthenticatorTest.builder(AuthenticatorTest.dns).build();
        signed = AuthenticatorTest.signed();
        expected = auth.authenticate(signed, Envelope.NONE).authenticationResultsHeader();
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 3000).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void anyChunkingGivesTheSameResults(@ForAll("chunkSizes") List<Integer> sizes) throws Exception {
        AuthenticationSession s = auth.newSession().envelope(Envelope.NONE);
        int pos = 0;
        int k = 0;
        while (pos < signed.length) {
            int n = Math.min(sizes.get(k++ % sizes.size()), signed.length - pos);
            s.feed(signed, pos, n);
            pos += n;
        }
        assertThat(s.finish().join().authenticationResultsHeader()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> messyMessages() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("From: a@example.com", "From: <>", "From: a@b@c", "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=rsa; h=from; bh=; b=",
                        "DKIM-Signature: garbage", "ARC-Seal: i=1; cv=none", "ARC-Seal: i=2; cv=pass", "ARC-Message-Signature: i=1",
                        "ARC-Authentication-Results: i=1; x", "Subject: hi", " folded", "", "\u0000\u00ff", "X: \r"),
                Arbitraries.strings().ofMaxLength(80));
        return line.list().ofMaxSize(30).map(l -> String.join("\r\n", l).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 200)
    void arbitraryInputGivesAReportOrANamedFormatError(@ForAll("messyMessages") byte[] msg) {
        try {
            AuthenticationReport r = auth.authenticate(msg, Envelope.NONE);
            assertThat(r.dmarc().result()).isIn("pass", "fail", "none", "temperror", "permerror");
            assertThat(r.authenticationResultsHeader()).startsWith("Authentication-Results: mx.example.org;")
                    .doesNotContain("\r\n\r\n");
        } catch (MessageFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
