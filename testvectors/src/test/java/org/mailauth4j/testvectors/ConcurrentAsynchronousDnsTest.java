package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;

/**
 * The vector messages again, all in flight at once on shared {@link Authenticator}s whose
 * resolvers answer later on other threads (0–3 ms): every report must equal the one computed
 * with immediate answers, one message at a time. Authenticator instances are documented as
 * thread-safe and the checks as non-blocking.
 */
class ConcurrentAsynchronousDnsTest {

    @Test
    void reportsDoNotDependOnAnswerTimingOrConcurrency() throws Exception {
        List<VectorSample.Vector> vectors = VectorSample.all();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Random random = new Random(1035);
            Map<Authenticator, Authenticator> delayedTwin = new IdentityHashMap<>();
            List<CompletableFuture<AuthenticationReport>> running = new ArrayList<>();
            for (VectorSample.Vector v : vectors) {
                Authenticator slow = delayedTwin.computeIfAbsent(v.auth(), a -> Authenticator.builder()
                        .resolver(delayed(v.resolver(), pool, random.nextLong())).clock(v.clock())
                        .authservId(a.authservId()).build());
                running.add(slow.authenticateAsync(v.message(), v.envelope()));
            }
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                VectorSample.Vector v = vectors.get(i);
                AuthenticationReport async = running.get(i).get(60, TimeUnit.SECONDS);
                AuthenticationReport sync = v.auth().authenticate(v.message(), v.envelope());
                if (!(async.spf().equals(sync.spf()) && async.dkim().equals(sync.dkim()) && async.arc().equals(sync.arc())
                        && async.dmarc().equals(sync.dmarc())
                        && async.authenticationResultsHeader().equals(sync.authenticationResultsHeader()))) {
                    failures.add(v + ":\n  delayed:   " + async + "\n  immediate: " + sync);
                }
            }
            System.out.printf("facade concurrency: %d/%d reports with delayed DNS answers, all in flight at once, "
                    + "equal the immediate ones%n", vectors.size() - failures.size(), vectors.size());
            assertThat(failures).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A resolver that never answers: every vector message, all in flight at once, still gets its
     * report once the configured timeout (300 ms) has passed, and nothing that needed DNS is a
     * pass — the checks that were waiting say {@code temperror}.
     */
    @Test
    void silentDnsEndsInTemperrorWithinTheTimeout() throws Exception {
        DnsResolver silent = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return new CompletableFuture<>();
            }
        };
        Authenticator auth = Authenticator.builder().resolver(silent).timeout(Duration.ofMillis(300))
                .clock(DkimCorpora.NOW).authservId("mx.example.net").build();
        List<VectorSample.Vector> vectors = VectorSample.all();
        long start = System.nanoTime();
        List<CompletableFuture<AuthenticationReport>> running = new ArrayList<>();
        for (VectorSample.Vector v : vectors) {
            running.add(auth.authenticateAsync(v.message(), v.envelope()));
        }
        List<String> failures = new ArrayList<>();
        int temperrors = 0;
        for (int i = 0; i < vectors.size(); i++) {
            AuthenticationReport r = running.get(i).get(20, TimeUnit.SECONDS);
            List<String> words = new ArrayList<>();
            words.add(r.spf().result());
            r.dkim().forEach(d -> words.add(d.result()));
            if (words.contains("pass") || r.arc().result().equals("pass") || r.dmarc().result().equals("pass")) {
                failures.add(vectors.get(i) + ": a pass without any DNS answer: " + r);
            }
            temperrors += words.contains("temperror") ? 1 : 0;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("facade silent DNS: %d reports (%d with temperror) in %d ms, timeout 300 ms%n", vectors.size(),
                temperrors, millis);
        assertThat(failures).isEmpty();
        assertThat(temperrors).isGreaterThan(vectors.size() / 2);
        assertThat(millis).as("reports arrive after the timeout, not much later").isLessThan(10_000);
    }

    /** Answers from {@code dns}, each completed on {@code pool} after 0–3 ms. */
    static DnsResolver delayed(DnsResolver dns, ExecutorService pool, long seed) {
        Random r = new Random(seed);
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                long micros;
                synchronized (r) {
                    micros = r.nextInt(3000);
                }
                return dns.query(name, type).thenApplyAsync(a -> a,
                        CompletableFuture.delayedExecutor(micros, TimeUnit.MICROSECONDS, pool));
            }
        };
    }
}
