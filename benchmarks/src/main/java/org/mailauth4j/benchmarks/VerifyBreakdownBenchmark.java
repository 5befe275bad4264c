package org.mailauth4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.BodyHasher;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.HashAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where the time of {@code DkimVerifyBenchmark.ours} (rsa-sha256, 20 KB) goes, stage by stage on the
 * same bytes: parsing alone; parsing + relaxed body canonicalization + SHA-256; SHA-256 alone over
 * the canonical body; the RSA verification alone. The rest of {@code ours} is signature parsing,
 * header selection and hashing, the in-memory key lookup and the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBreakdownBenchmark {
    private byte[] message;
    private byte[] canonicalBody;
    private CryptoFloor floor;

    @Setup
    public void setUp() throws MessageFormatException {
        message = Corpus.sign(Corpus.unsigned(20480, 20480), List.of(Corpus.rsa(0)));
        canonicalBody = Canonicalization.RELAXED.canonicalizeBody(Message.parse(message).body());
        floor = new CryptoFloor(Corpus.rsa(0), Corpus.ed25519(0));
    }

    /** SHA-256 alone over the relaxed-canonical body: the crypto part of the body hash. */
    @Benchmark
    public byte[] bodySha256() {
        return CryptoFloor.sha256(canonicalBody);
    }

    /** The JDK RSA-2048 verification of the crypto floor alone. */
    @Benchmark
    public boolean rsaVerify() {
        return floor.verifyRsa();
    }

    /**
     * {@code MessageParser} to a handler that only counts and, like the verifier of relaxed
     * signatures, takes the body raw: the header section is parsed, the body passed through.
     */
    @Benchmark
    public long parse() throws MessageFormatException {
        return parse(true);
    }

    /** The same with CRLF normalisation of the body (what a handler that needs CRLF gets). */
    @Benchmark
    public long parseNormalising() throws MessageFormatException {
        return parse(false);
    }

    private long parse(boolean rawBody) throws MessageFormatException {
        long[] n = new long[1];
        MessageParser p = new MessageParser(new MessageHandler() {
            @Override
            public void headerField(HeaderField field) {
                n[0]++;
            }

            @Override
            public boolean takesRawBody() {
                return rawBody;
            }

            @Override
            public void bodyChunk(byte[] buf, int off, int len) {
                n[0] += len;
            }
        });
        p.feed(message, 0, message.length);
        p.finish();
        return n[0];
    }

    /** {@code MessageParser} to a {@code BodyHasher} computing the relaxed SHA-256 body hash. */
    @Benchmark
    public byte[] parseAndBodyHash() throws MessageFormatException {
        BodyHasher hasher = new BodyHasher();
        BodyHasher.Request r = hasher.request(Canonicalization.RELAXED, HashAlgorithm.SHA256, -1);
        MessageParser p = new MessageParser(hasher);
        p.feed(message, 0, message.length);
        p.finish();
        return r.digest();
    }
}
