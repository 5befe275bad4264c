package org.mailauth4j.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Apache jDKIM 0.5 verifying exactly the rsa-sha256 messages of {@link DkimVerifyBenchmark}
 * (same sizes, same seeds, same keys), with its key records answered from memory. jDKIM has no
 * Ed25519 support, so only RSA is compared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdkimVerifyBenchmark {
    @Param({"2048", "20480", "204800", "2097152"})
    public int size;

    private byte[] oneSignature;
    private byte[] threeSignatures;
    private PublicKeyRecordRetriever keys;

    /** Key records from memory: jDKIM's retriever SPI, keyed by {@code selector._domainkey.domain}. */
    static PublicKeyRecordRetriever inMemory(List<Corpus.Signer> signers) {
        Map<String, List<String>> records = new HashMap<>();
        for (Corpus.Signer s : signers) {
            records.put(s.recordName(), List.of(s.keyRecord()));
        }
        return (method, selector, token) -> {
            List<String> r = records.get(selector + "._domainkey." + token);
            if (r == null) {
                throw new PermFailException("no key for " + selector + "._domainkey." + token);
            }
            return r;
        };
    }

    @Setup
    public void setUp() throws Exception {
        List<Corpus.Signer> signers = Corpus.signers("rsa-sha256");
        byte[] message = Corpus.unsigned(size, size);
        oneSignature = Corpus.sign(message, signers.subList(0, 1));
        threeSignatures = Corpus.sign(message, signers);
        keys = inMemory(signers);
        if (jdkim().size() != 1 || jdkimThreeSignatures().size() != 3) {
            throw new IllegalStateException("jDKIM does not verify the corpus");
        }
    }

    @Benchmark
    public List<SignatureRecord> jdkim() throws IOException, FailException {
        return new DKIMVerifier(keys).verify(new ByteArrayInputStream(oneSignature));
    }

    @Benchmark
    public List<SignatureRecord> jdkimThreeSignatures() throws IOException, FailException {
        return new DKIMVerifier(keys).verify(new ByteArrayInputStream(threeSignatures));
    }
}
