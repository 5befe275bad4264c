package org.mailauth4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.core.message.MessageFormatException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole {@link Authenticator} (SPF + DKIM + ARC + DMARC + Authentication-Results) over the
 * {@link MixedCorpus} with in-memory DNS; a score is messages per second, averaged over the corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthenticatorBenchmark {
    static final int MESSAGES = 6;

    private MixedCorpus corpus;
    private Authenticator authenticator;

    @Setup
    public void setUp() throws MessageFormatException {
        corpus = new MixedCorpus();
        if (corpus.entries.size() != MESSAGES) {
            throw new IllegalStateException("corpus size changed: update MESSAGES");
        }
        authenticator = Authenticator.builder().resolver(corpus.dns).authservId("mx.example.org").build();
        for (MixedCorpus.Entry e : corpus.entries) {
            AuthenticationReport r = authenticator.authenticate(e.message(), e.envelope());
            if (!r.spf().result().equals(e.spf()) || !r.dmarc().result().equals(e.dmarc())
                    || !r.arc().result().equals(e.arc())) {
                throw new IllegalStateException(e.name() + ": unexpected " + r.authenticationResultsValue());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void mixedCorpus(Blackhole bh) throws MessageFormatException {
        for (MixedCorpus.Entry e : corpus.entries) {
            bh.consume(authenticator.authenticate(e.message(), e.envelope()).authenticationResultsValue());
        }
    }
}
