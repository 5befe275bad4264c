package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.AuthenticationSession;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testvectors.VectorSample.Vector;

/**
 * The report never depends on how the input was chunked (AuthenticationSession's contract): for
 * vector messages — every DKIM corpus message, every ARC message, and every OpenSPF envelope with
 * a small message — the whole {@link AuthenticationReport} (SPF, every DKIM signature, ARC and DMARC: result
 * words, reasons and details, and the Authentication-Results text) from one-shot
 * {@link Authenticator#authenticate(byte[], Envelope)} equals the one from the streaming session
 * fed in random chunk sizes, down to one byte per call (raw bytes, field by field, or an
 * InputStream of short reads).
 */
class ChunkingIndependencePropertiesTest {

    private static final Map<Vector, AuthenticationReport> ONE_SHOT = new ConcurrentHashMap<>();
    private static final AtomicInteger RAW = new AtomicInteger();
    private static final AtomicInteger FIELDS = new AtomicInteger();
    private static final AtomicInteger STREAMS = new AtomicInteger();

    @AfterContainer
    static void summary() {
        System.out.printf("facade chunking: %d raw-chunked, %d field-by-field and %d short-read InputStream runs over "
                + "%d of %d vector messages gave the one-shot report%n", RAW.get(), FIELDS.get(), STREAMS.get(),
                ONE_SHOT.size(), VectorSample.all().size());
    }

    @Provide
    Arbitrary<Vector> vector() {
        return Arbitraries.of(VectorSample.all());
    }

    @Property(tries = 400, seed = "20261123")
    void reportIsIndependentOfChunking(@ForAll("vector") Vector v, @ForAll @IntRange(min = 1, max = 600) int maxChunk,
            @ForAll long seed) throws Exception {
        AuthenticationReport whole = oneShot(v);
        AuthenticationSession s = v.auth().newSession().envelope(v.envelope());
        for (byte[] chunk : VectorFiles.randomChunks(v.message(), new Random(seed), maxChunk)) {
            s.feed(chunk, 0, chunk.length);
        }
        assertSameReport(s.finish().get(), whole);
        RAW.incrementAndGet();
    }

    /**
     * The same with the field-by-field input style a milter uses: parsed header fields, end of
     * headers, then the CRLF body in random chunks.
     */
    @Property(tries = 200, seed = "8601")
    void fieldByFieldInputGivesTheSameReport(@ForAll("vector") Vector v,
            @ForAll @IntRange(min = 1, max = 400) int maxChunk, @ForAll long seed) throws Exception {
        AuthenticationReport whole = oneShot(v);
        Message m = Message.parse(v.message());
        AuthenticationSession s = v.auth().newSession().envelope(v.envelope());
        for (HeaderField f : m.headers()) {
            s.headerField(f);
        }
        s.endOfHeaders();
        for (byte[] chunk : VectorFiles.randomChunks(m.body(), new Random(seed), maxChunk)) {
            s.body(chunk, 0, chunk.length);
        }
        assertSameReport(s.finish().get(), whole);
        FIELDS.incrementAndGet();
    }

    /** The same through {@link Authenticator#authenticate(java.io.InputStream, Envelope)} with a stream of short reads. */
    @Property(tries = 150, seed = "6376")
    void inputStreamOfShortReadsGivesTheSameReport(@ForAll("vector") Vector v,
            @ForAll @IntRange(min = 1, max = 300) int maxRead, @ForAll long seed) throws Exception {
        AuthenticationReport whole = oneShot(v);
        Random random = new Random(seed);
        InputStream in = new ByteArrayInputStream(v.message()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
            }
        };
        assertSameReport(v.auth().authenticate(in, v.envelope()), whole);
        STREAMS.incrementAndGet();
    }

    private static AuthenticationReport oneShot(Vector v) {
        return ONE_SHOT.computeIfAbsent(v, x -> {
            try {
                return x.auth().authenticate(x.message(), x.envelope());
            } catch (Exception e) {
                throw new IllegalStateException(x + ": " + e, e);
            }
        });
    }

    private static void assertSameReport(AuthenticationReport streamed, AuthenticationReport whole) {
        assertThat(streamed.spf()).as("spf").isEqualTo(whole.spf());
        assertThat(streamed.dkim()).as("dkim").isEqualTo(whole.dkim());
        assertThat(streamed.arc()).as("arc").isEqualTo(whole.arc());
        assertThat(streamed.dmarc()).as("dmarc").isEqualTo(whole.dmarc());
        assertThat(streamed.authenticationResults()).as("resinfos").isEqualTo(whole.authenticationResults());
        assertThat(streamed.authenticationResultsHeader()).as("Authentication-Results").isEqualTo(
                whole.authenticationResultsHeader());
    }

    /** The one-shot reports differ between messages: the comparison above is not vacuous. */
    @Example
    void reportsDistinguishTheVectors() throws Exception {
        List<Vector> vs = VectorSample.all();
        Set<String> headers = new HashSet<>();
        Set<String> words = new TreeSet<>();
        for (Vector v : vs) {
            AuthenticationReport r = v.auth().authenticate(v.message(), v.envelope());
            headers.add(r.authenticationResultsHeader());
            r.dkim().forEach(d -> words.add("dkim=" + d.result()));
            words.add("arc=" + r.arc().result());
            words.add("spf=" + r.spf().result());
        }
        assertThat(vs.size()).isGreaterThanOrEqualTo(440);
        assertThat(headers.size()).isGreaterThan(vs.size() / 2);
        assertThat(vs.stream().map(Vector::label).distinct().count()).as("unique labels").isEqualTo(vs.size());
        assertThat(words).contains("dkim=pass", "dkim=fail", "dkim=permerror", "arc=pass", "arc=fail", "arc=none",
                "spf=pass", "spf=fail", "spf=none");
    }
}
