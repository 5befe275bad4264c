package org.mailauth4j.core.dns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A TTL-aware cache in front of another {@link DnsResolver}, keyed by (name, type):
 * <ul>
 *   <li>records are kept for their TTL, clamped to [{@linkplain Builder#minimumTtl minimum},
 *       {@linkplain Builder#maximumTtl maximum}];</li>
 *   <li>NXDOMAIN and NODATA are kept for their negative TTL (RFC 2308 §5: the upstream takes it
 *       from the SOA, min(SOA TTL, MINIMUM)), at most {@linkplain Builder#maximumNegativeTtl the
 *       negative cap} (default 3 hours, RFC 2308 §5);</li>
 *   <li>temporary failures are not cached, unless {@link Builder#tempFailTtl} says for how long;
 *       an upstream that does not answer within {@linkplain Builder#upstreamTimeout the upstream
 *       timeout} gives TEMPFAIL "TIMEOUT" (so a lost upstream future cannot block a name forever);</li>
 *   <li>concurrent identical queries share one upstream query; the cache is bounded both in
 *       entries ({@linkplain Builder#maximumSize default 10,000}) and in the approximate memory
 *       its answers take ({@linkplain Builder#maximumBytes default 32 MiB}), so that a hostile
 *       zone serving many distinct 64 KB TXT answers cannot pin gigabytes (least recently and
 *       frequently used entries go first); {@link #stats()} counts hits, misses and
 *       evictions.</li>
 * </ul>
 * Invalid names are answered without touching the cache or the upstream. Answers keep the TTL the
 * upstream gave them. Never blocks: the cache holds futures.
 */
public final class CachingResolver implements DnsResolver {
    private final DnsResolver upstream;
    private final AsyncCache<Key, DnsAnswer<?>> cache;
    private final long minTtlNanos;
    private final long maxTtlNanos;
    private final long maxNegativeTtlNanos;
    private final long tempFailTtlNanos;
    private final Duration upstreamTimeout;

    record Key(String name, RecordType<?> type) {
    }

    /** Cache statistics: hits, misses (= upstream queries started), evictions (size or expiry), current size. */
    public record Stats(long hitCount, long missCount, long evictionCount, long size) {
    }

    private CachingResolver(Builder b) {
        this.upstream = b.upstream;
        this.minTtlNanos = b.minimumTtl.toNanos();
        this.maxTtlNanos = b.maximumTtl.toNanos();
        this.maxNegativeTtlNanos = b.maximumNegativeTtl.toNanos();
        this.tempFailTtlNanos = b.tempFailTtl.toNanos();
        this.upstreamTimeout = b.upstreamTimeout;
        Caffeine<Object, Object> builder = Caffeine.newBuilder();
        if (b.maximumSize == 0 || b.maximumBytes == 0) {
            builder.maximumSize(0);
        } else {
            // Every entry weighs at least maximumBytes / maximumSize, so both bounds hold.
            long floor = Math.max(1, b.maximumBytes / b.maximumSize);
            builder.maximumWeight(b.maximumBytes)
                    .weigher((Key k, DnsAnswer<?> v) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, weight(k, v))));
        }
        this.cache = builder
                .ticker(b.ticker)
                .executor(b.executor)
                .expireAfter(new Expiry<Key, DnsAnswer<?>>() {
                    @Override
                    public long expireAfterCreate(Key key, DnsAnswer<?> value, long currentTime) {
                        return lifetimeNanos(value);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, DnsAnswer<?> value, long currentTime, long currentDuration) {
                        return lifetimeNanos(value);
                    }

                    @Override
                    public long expireAfterRead(Key key, DnsAnswer<?> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .recordStats()
                .buildAsync();
    }

    /** A cache with the default settings in front of {@code upstream}. */
    public static CachingResolver of(DnsResolver upstream) {
        return builder(upstream).build();
    }

    public static Builder builder(DnsResolver upstream) {
        return new Builder(upstream);
    }

    /** Approximate heap octets of a cached answer: its name and records (strings are mostly Latin-1). */
    static long weight(Key key, DnsAnswer<?> answer) {
        long w = 96 + 2L * key.name().length();
        String detail = answer.detail();
        if (detail != null) {
            w += 48 + 2L * detail.length();
        }
        for (Object r : answer.records()) {
            if (r instanceof String str) {
                w += 48 + 2L * str.length();
            } else if (r instanceof MxRecord mx) {
                w += 64 + 2L * mx.exchange().length();
            } else {
                w += 64;
            }
        }
        return w;
    }

    /** How long an answer stays cached. */
    long lifetimeNanos(DnsAnswer<?> a) {
        long ttl = Math.max(0, a.ttl());
        long nanos = ttl > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : ttl * 1_000_000_000L;
        return switch (a.status()) {
            case RECORDS -> Math.min(Math.max(nanos, minTtlNanos), maxTtlNanos);
            case NXDOMAIN, NODATA -> Math.min(Math.max(nanos, minTtlNanos), Math.min(maxTtlNanos, maxNegativeTtlNanos));
            case TEMPFAIL -> tempFailTtlNanos;
            case INVALID_NAME -> 0;
        };
    }

    @Override
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        String problem = DnsNames.problem(name);
        if (problem != null) {
            return CompletableFuture.completedFuture(DnsAnswer.invalidName(problem));
        }
        String n = DnsNames.canonical(name);
        CompletableFuture<DnsAnswer<?>> shared = cache.get(new Key(n, type), (k, executor) -> {
            try {
                // An upstream future that never completes would otherwise stay in the cache (in-flight
                // entries do not expire) and hang every later query for this name and type.
                return upstream.query(n, type).thenApply(a -> (DnsAnswer<?>) a)
                        .completeOnTimeout(DnsAnswer.tempFail("TIMEOUT: no answer from the upstream resolver within "
                                + upstreamTimeout), upstreamTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        // A dependent future per caller, so that no caller can complete or cancel the shared one.
        return shared.thenApply(a -> {
            @SuppressWarnings("unchecked")
            DnsAnswer<T> typed = (DnsAnswer<T>) a;
            return typed;
        });
    }

    /** The statistics since this cache was built. */
    public Stats stats() {
        cache.synchronous().cleanUp();
        CacheStats s = cache.synchronous().stats();
        return new Stats(s.hitCount(), s.missCount(), s.evictionCount(), cache.synchronous().estimatedSize());
    }

    /** Drops every cached answer. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** Settings of a {@link CachingResolver}. */
    public static final class Builder {
        private final DnsResolver upstream;
        private long maximumSize = 10_000;
        private long maximumBytes = 32L << 20;
        private Duration minimumTtl = Duration.ZERO;
        private Duration maximumTtl = Duration.ofDays(1);
        private Duration maximumNegativeTtl = Duration.ofHours(3);
        private Duration tempFailTtl = Duration.ZERO;
        private Duration upstreamTimeout = Duration.ofSeconds(60);
        private Ticker ticker = Ticker.systemTicker();
        private Executor executor = ForkJoinPool.commonPool();

        private Builder(DnsResolver upstream) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
        }

        /** The most answers kept (default 10,000). */
        public Builder maximumSize(long entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("negative size");
            }
            this.maximumSize = entries;
            return this;
        }

        /**
         * The most memory the cached answers may take, approximately, in octets (default 32 MiB);
         * answers are weighed by the length of their names and records.
         */
        public Builder maximumBytes(long octets) {
            if (octets < 0) {
                throw new IllegalArgumentException("negative size");
            }
            this.maximumBytes = octets;
            return this;
        }

        /** The floor under every TTL (default 0: a TTL of 0 is not cached). */
        public Builder minimumTtl(Duration d) {
            this.minimumTtl = nonNegative(d);
            return this;
        }

        /** The ceiling over every TTL (default 1 day). */
        public Builder maximumTtl(Duration d) {
            this.maximumTtl = nonNegative(d);
            return this;
        }

        /** The ceiling over NXDOMAIN/NODATA TTLs (default 3 hours, RFC 2308 §5). */
        public Builder maximumNegativeTtl(Duration d) {
            this.maximumNegativeTtl = nonNegative(d);
            return this;
        }

        /**
         * How long to wait for the upstream before answering TEMPFAIL "TIMEOUT" (default 60 s; the
         * upstream normally times out sooner by itself). Guards the cache against an upstream
         * future that never completes.
         */
        public Builder upstreamTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("upstream timeout must be positive: " + d);
            }
            this.upstreamTimeout = d;
            return this;
        }

        /** How long temporary failures are kept (default 0: not cached). */
        public Builder tempFailTtl(Duration d) {
            this.tempFailTtl = nonNegative(d);
            return this;
        }

        /** The time source for expiry (tests pass a fake). */
        public Builder ticker(Ticker t) {
            this.ticker = Objects.requireNonNull(t);
            return this;
        }

        /** Where cache maintenance runs (default the common pool); {@code Runnable::run} runs it inline. */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        private static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            return d;
        }

        public CachingResolver build() {
            return new CachingResolver(this);
        }
    }
}
