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
 * DKIM verification of relaxed/relaxed signed messages from raw bytes (parse + canonicalize + hash
 * + key from in-memory DNS, already cached + verify), against the crypto floor on the same bytes.
 * {@code threeSignatures}: the same message carrying three signatures by three domains; the body is
 * hashed once for all three (one-pass body hasher), so its cost over one signature is two verifies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimVerifyBenchmark {
    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    @Param({"2048", "20480", "204800", "2097152"})
    public int size;

    private byte[] oneSignature;
    private byte[] threeSignatures;
    private DkimVerifier verifier;
    private CryptoFloor floor;

    @Setup
    public void setUp() {
        List<Corpus.Signer> signers = Corpus.signers(algorithm);
        byte[] message = Corpus.unsigned(size, size);
        oneSignature = Corpus.sign(message, signers.subList(0, 1));
        threeSignatures = Corpus.sign(message, signers);
        verifier = new DkimVerifier(InMemoryDns.keys(signers), DkimPolicy.DEFAULT, Clock.systemUTC());
        floor = new CryptoFloor(Corpus.rsa(0), Corpus.ed25519(0));
        Ours.requireAllPass(ours(), 1);
        Ours.requireAllPass(oursThreeSignatures(), 3);
        if (!floor.verify(algorithm)) {
            throw new IllegalStateException("crypto floor signature does not verify");
        }
    }

    @Benchmark
    public List<DkimVerification> ours() {
        return Ours.verify(verifier, oneSignature);
    }

    @Benchmark
    public List<DkimVerification> oursThreeSignatures() {
        return Ours.verify(verifier, threeSignatures);
    }

    /** One SHA-256 over the signed message's bytes + one signature verification. */
    @Benchmark
    public boolean cryptoFloor() {
        return CryptoFloor.sha256(oneSignature)[0] == 0 & floor.verify(algorithm);
    }

    /** One SHA-256 over the message's bytes + three signature verifications. */
    @Benchmark
    public boolean cryptoFloorThreeSignatures() {
        return CryptoFloor.sha256(threeSignatures)[0] == 0 & floor.verify(algorithm) & floor.verify(algorithm)
                & floor.verify(algorithm);
    }
}
