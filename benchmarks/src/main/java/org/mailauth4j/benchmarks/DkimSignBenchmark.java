package org.mailauth4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.DkimFormatException;
import org.mailauth4j.dkim.DkimSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** DKIM signing (relaxed/relaxed, default header list with over-signing) of a 20 KB message from raw bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSignBenchmark {
    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    @Param({"20480"})
    public int size;

    private byte[] message;
    private DkimSigner signer;

    @Setup
    public void setUp() {
        Corpus.Signer s = algorithm.startsWith("rsa") ? Corpus.rsa(0) : Corpus.ed25519(0);
        signer = DkimSigner.builder(s.domain(), s.selector(), s.key())
                .canonicalization(Canonicalization.RELAXED, Canonicalization.RELAXED)
                .build();
        message = Corpus.unsigned(size, size);
    }

    @Benchmark
    public HeaderField ours() throws MessageFormatException, DkimFormatException {
        DkimSigner.Session session = signer.newSession();
        MessageParser parser = new MessageParser(session);
        parser.feed(message, 0, message.length);
        parser.finish();
        return session.signature();
    }
}
