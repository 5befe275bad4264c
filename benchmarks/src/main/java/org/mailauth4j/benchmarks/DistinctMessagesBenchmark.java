package org.mailauth4j.benchmarks;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailauth4j.dkim.DkimPolicy;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dkim.DkimVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link DkimVerifyBenchmark}'s 20 KB row over {@value #COUNT} different messages taken in turn,
 * as real traffic comes, instead of one message again and again. Verifying the same bytes
 * repeatedly lets the CPU's branch predictor learn the body's layout, which flatters
 * data-dependent code (body canonicalization) but not the crypto floor (SHA-256 and the
 * signature arithmetic do the same work for any bytes); this row shows the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DistinctMessagesBenchmark {
    static final int COUNT = 64;

    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    private final byte[][] messages = new byte[COUNT][];
    private int next;
    private DkimVerifier verifier;
    private CryptoFloor floor;

    @Setup
    public void setUp() {
        List<Corpus.Signer> signers = Corpus.signers(algorithm);
        for (int i = 0; i < COUNT; i++) {
            messages[i] = Corpus.sign(Corpus.unsigned(20480, 1000 + i), signers.subList(0, 1));
        }
        verifier = new DkimVerifier(InMemoryDns.keys(signers), DkimPolicy.DEFAULT, Clock.systemUTC());
        floor = new CryptoFloor(Corpus.rsa(0), Corpus.ed25519(0));
        for (byte[] m : messages) {
            Ours.requireAllPass(Ours.verify(verifier, m), 1);
        }
        if (!floor.verify(algorithm)) {
            throw new IllegalStateException("crypto floor signature does not verify");
        }
    }

    private byte[] nextMessage() {
        return messages[next++ & (COUNT - 1)];
    }

    @Benchmark
    public List<DkimVerification> ours() {
        return Ours.verify(verifier, nextMessage());
    }

    /** One SHA-256 over the message's bytes + one signature verification. */
    @Benchmark
    public boolean cryptoFloor() {
        return CryptoFloor.sha256(nextMessage())[0] == 0 & floor.verify(algorithm);
    }
}
