package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link CachingResolver}: TTLs, negative caching, coalescing, bounds, driven by a fake ticker. */
class CachingResolverTest {

    /** A ticker moved by hand. */
    static final class FakeTicker implements Ticker {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advanceSeconds(long s) {
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(s));
        }
    }

    /** Counts upstream queries per (name, type) and answers from a zone. */
    static final class Counting implements DnsResolver {
        final DnsResolver inner;
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        Counting(DnsResolver inner) {
            this(inner, -1);
        }

        /** With {@code negativeTtl >= 0}, NXDOMAIN and NODATA answers carry that TTL (as from a SOA). */
        Counting(DnsResolver inner, long negativeTtl) {
            this.inner = negativeTtl < 0 ? inner : new DnsResolver() {
                @Override
                public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                    return inner.query(name, type).thenApply(a -> switch (a.status()) {
                        case NXDOMAIN -> DnsAnswer.nxDomain(negativeTtl);
                        case NODATA -> DnsAnswer.noData(negativeTtl);
                        default -> a;
                    });
                }
            };
        }

        @Override
        public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
            counts.computeIfAbsent(name + "/" + type, k -> new AtomicInteger()).incrementAndGet();
            return inner.query(name, type);
        }

        int count(String name, RecordType<?> type) {
            AtomicInteger c = counts.get(name + "/" + type);
            return c == null ? 0 : c.get();
        }
    }

    private final FakeTicker ticker = new FakeTicker();
    private final Counting upstream = new Counting(ZoneResolver.builder()
            .txt("pos.example", "v=spf1 -all")
            .txt("zero.example", "short-lived")
            .txt("long.example", "long-lived")
            .fail("down.example", null, "SERVFAIL")
            .ttl(300)
            .build(), 900);

    private CachingResolver.Builder cache() {
        return CachingResolver.builder(upstream).ticker(ticker).executor(Runnable::run);
    }

    @Test
    void positiveAnswersLiveForTheirTtl() {
        CachingResolver c = cache().build();
        assertThat(c.txt("pos.example").join().records()).containsExactly("v=spf1 -all");
        assertThat(c.txt("POS.example.").join().records()).containsExactly("v=spf1 -all");
        assertThat(upstream.count("pos.example", RecordType.TXT)).isEqualTo(1);
        ticker.advanceSeconds(299); // TTL 300
        c.txt("pos.example").join();
        assertThat(upstream.count("pos.example", RecordType.TXT)).isEqualTo(1);
        ticker.advanceSeconds(1);
        c.txt("pos.example").join();
        assertThat(upstream.count("pos.example", RecordType.TXT)).isEqualTo(2);
        assertThat(c.stats().hitCount()).isEqualTo(2);
        assertThat(c.stats().missCount()).isEqualTo(2);
    }

    @Test
    void negativeAnswersLiveForTheSoaTtlUpToTheCap() {
        // The zone's SOA gives a negative TTL of 900 s.
        CachingResolver c = cache().maximumNegativeTtl(Duration.ofSeconds(600)).build();
        assertThat(c.txt("nx.example").join()).isEqualTo(DnsAnswer.nxDomain(900));
        assertThat(c.a("pos.example").join()).isEqualTo(DnsAnswer.noData(900));
        ticker.advanceSeconds(599);
        c.txt("nx.example").join();
        c.a("pos.example").join();
        assertThat(upstream.count("nx.example", RecordType.TXT)).isEqualTo(1);
        assertThat(upstream.count("pos.example", RecordType.A)).isEqualTo(1);
        ticker.advanceSeconds(1);
        c.txt("nx.example").join();
        c.a("pos.example").join();
        assertThat(upstream.count("nx.example", RecordType.TXT)).isEqualTo(2);
        assertThat(upstream.count("pos.example", RecordType.A)).isEqualTo(2);

        CachingResolver uncapped = cache().build();
        uncapped.txt("nx2.example").join();
        ticker.advanceSeconds(899);
        uncapped.txt("nx2.example").join();
        assertThat(upstream.count("nx2.example", RecordType.TXT)).isEqualTo(1);
        ticker.advanceSeconds(1);
        uncapped.txt("nx2.example").join();
        assertThat(upstream.count("nx2.example", RecordType.TXT)).isEqualTo(2);
    }

    @Test
    void floorAndCeiling() {
        Counting zeroTtl = new Counting(ZoneResolver.builder().txt("zero.example", "z").ttl(0).build());
        CachingResolver noFloor = CachingResolver.builder(zeroTtl).ticker(ticker).executor(Runnable::run).build();
        noFloor.txt("zero.example").join();
        noFloor.txt("zero.example").join();
        assertThat(zeroTtl.count("zero.example", RecordType.TXT)).isEqualTo(2);
        CachingResolver floor = CachingResolver.builder(zeroTtl).ticker(ticker).executor(Runnable::run)
                .minimumTtl(Duration.ofSeconds(30)).build();
        floor.txt("zero.example").join();
        ticker.advanceSeconds(29);
        floor.txt("zero.example").join();
        assertThat(zeroTtl.count("zero.example", RecordType.TXT)).isEqualTo(3);

        Counting longTtl = new Counting(ZoneResolver.builder().txt("long.example", "l").ttl(1_000_000).build());
        CachingResolver ceiling = CachingResolver.builder(longTtl).ticker(ticker).executor(Runnable::run)
                .maximumTtl(Duration.ofHours(1)).build();
        ceiling.txt("long.example").join();
        ticker.advanceSeconds(3599);
        ceiling.txt("long.example").join();
        assertThat(longTtl.count("long.example", RecordType.TXT)).isEqualTo(1);
        ticker.advanceSeconds(1);
        ceiling.txt("long.example").join();
        assertThat(longTtl.count("long.example", RecordType.TXT)).isEqualTo(2);
    }

    @Test
    void temporaryFailuresAreNotCachedUnlessAsked() {
        CachingResolver c = cache().build();
        assertThat(c.txt("down.example").join()).isEqualTo(DnsAnswer.tempFail("SERVFAIL"));
        c.txt("down.example").join();
        assertThat(upstream.count("down.example", RecordType.TXT)).isEqualTo(2);
        CachingResolver brief = cache().tempFailTtl(Duration.ofSeconds(5)).build();
        brief.mx("down.example").join();
        ticker.advanceSeconds(4);
        brief.mx("down.example").join();
        assertThat(upstream.count("down.example", RecordType.MX)).isEqualTo(1);
        ticker.advanceSeconds(1);
        brief.mx("down.example").join();
        assertThat(upstream.count("down.example", RecordType.MX)).isEqualTo(2);
    }

    @Test
    void invalidNamesNeverReachUpstream() {
        CachingResolver c = cache().build();
        assertThat(c.txt("bad..example").join().status()).isEqualTo(DnsAnswer.Status.INVALID_NAME);
        assertThat(upstream.counts).isEmpty();
    }

    @Test
    void failedUpstreamFuturesAreNotKept() {
        AtomicInteger calls = new AtomicInteger();
        DnsResolver broken = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                calls.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("bug"));
            }
        };
        CachingResolver c = CachingResolver.builder(broken).executor(Runnable::run).build();
        assertThat(c.txt("a.example")).isCompletedExceptionally();
        assertThat(c.txt("a.example")).isCompletedExceptionally();
        assertThat(calls).hasValue(2);
    }

    /**
     * An upstream future that never completes must not stay shared in the cache: in-flight entries
     * never expire, so without a bound every later query for the name would hang too.
     */
    @Test
    void aHungUpstreamQueryTimesOutAndIsNotKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DnsResolver firstHangs = new DnsResolver() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return calls.incrementAndGet() == 1 ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture((DnsAnswer<T>) DnsAnswer.records(List.of("late"), 60));
            }
        };
        CachingResolver c = CachingResolver.builder(firstHangs).executor(Runnable::run)
                .upstreamTimeout(Duration.ofMillis(200)).build();
        DnsAnswer<String> first = c.txt("a.example").get(5, TimeUnit.SECONDS);
        assertThat(first.isTempFail()).isTrue();
        assertThat(first.detail()).startsWith("TIMEOUT");
        // the cache drops the timed-out entry when it sees the completion (asynchronously): a query
        // racing with that may still share the TEMPFAIL, the next ones go upstream again
        DnsAnswer<String> later = first;
        for (int i = 0; i < 50 && later.isTempFail(); i++) {
            Thread.sleep(20);
            later = c.txt("a.example").get(5, TimeUnit.SECONDS);
        }
        assertThat(later.records()).containsExactly("late");
        assertThat(calls).hasValue(2);
    }

    @Test
    void sizeIsBounded() {
        CachingResolver c = cache().maximumSize(10).build();
        for (int i = 0; i < 100; i++) {
            c.txt("n" + i + ".example").join();
        }
        CachingResolver.Stats s = c.stats();
        assertThat(s.size()).isLessThanOrEqualTo(10);
        assertThat(s.evictionCount()).isGreaterThanOrEqualTo(90);
    }

    /**
     * A hostile zone answering every name with a distinct ~60 KB TXT record (possible over TCP):
     * entry-count bounds alone would keep 10,000 of them (~1.2 GB); the byte bound keeps the
     * retained answers near the configured size.
     */
    @Test
    void memoryIsBoundedAgainstHugeAnswers() {
        String big = "x".repeat(60_000);
        DnsResolver hostile = new DnsResolver() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return CompletableFuture.completedFuture((DnsAnswer<T>) DnsAnswer.records(List.of(big + name), 3600));
            }
        };
        CachingResolver c = CachingResolver.builder(hostile).ticker(ticker).executor(Runnable::run)
                .maximumBytes(4L << 20).build();
        for (int i = 0; i < 500; i++) {
            assertThat(c.txt("n" + i + ".evil.example").join().records().get(0)).startsWith("xxx");
        }
        CachingResolver.Stats s = c.stats();
        // each answer weighs ~120 KB (two octets per char, counted conservatively): at most ~35 fit in 4 MiB
        assertThat(s.size()).isBetween(1L, 40L);
        CachingResolver byDefault = CachingResolver.builder(hostile).ticker(ticker).executor(Runnable::run).build();
        for (int i = 0; i < 1000; i++) {
            byDefault.txt("n" + i + ".evil.example").join();
        }
        assertThat(byDefault.stats().size()).isLessThanOrEqualTo((32L << 20) / 120_000);
        // small answers are still bounded by the entry count
        CachingResolver small = cache().maximumSize(10).maximumBytes(1L << 30).build();
        for (int i = 0; i < 50; i++) {
            small.txt("n" + i + ".example").join();
        }
        assertThat(small.stats().size()).isLessThanOrEqualTo(10);
    }

    @Test
    void tenThousandConcurrentLookupsShareOneUpstreamQueryPerNameOnTwoThreads() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> perName = new ConcurrentHashMap<>();
            ZoneResolver.Builder zb = ZoneResolver.builder();
            for (int i = 0; i < 100; i++) {
                zb.txt("host" + i + ".example", "record " + i);
            }
            ZoneResolver zone = zb.build();
            DnsResolver slow = new DnsResolver() {
                @Override
                public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                    threads.add(Thread.currentThread());
                    perName.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    CompletableFuture<DnsAnswer<T>> f = new CompletableFuture<>();
                    timer.schedule(() -> {
                        threads.add(Thread.currentThread());
                        f.complete(zone.answer(name, type));
                    }, 200, TimeUnit.MILLISECONDS);
                    return f;
                }
            };
            CachingResolver c = CachingResolver.builder(slow).executor(r -> {
                threads.add(Thread.currentThread());
                r.run();
            }).build();
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int n = i % 100;
                all.add(c.txt("host" + n + ".example").thenApply(a -> {
                    threads.add(Thread.currentThread());
                    return a.records().equals(List.of("record " + n));
                }));
            }
            threads.add(Thread.currentThread());
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            assertThat(all).allSatisfy(f -> assertThat(f.join()).isTrue());
            assertThat(perName).hasSize(100);
            assertThat(perName.values()).allSatisfy(count -> assertThat(count).hasValue(1));
            assertThat(threads).hasSizeLessThanOrEqualTo(2);
            assertThat(c.stats().missCount()).isEqualTo(100);
            assertThat(c.stats().hitCount()).isEqualTo(9_900);
        } finally {
            timer.shutdownNow();
        }
    }
}
