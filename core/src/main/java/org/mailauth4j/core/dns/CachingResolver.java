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

/**
 * A TTL-aware cache in front of another {@link DnsResolver}, keyed by (name, type):
 * <ul>
 *   <li>records are kept for their TTL, clamped to [{@linkplain Builder#minimumTtl minimum},
 *       {@linkplain Builder#maximumTtl maximum}];</li>
 *   <li>NXDOMAIN and NODATA are kept for their negative TTL (RFC 2308 §5: the upstream takes it
 *       from the SOA, min(SOA TTL, MINIMUM)), at most {@linkplain Builder#maximumNegativeTtl the
 *       negative cap} (default 3 hours, RFC 2308 §5);</li>
 *   <li>temporary failures are not cached, unless {@link Builder#tempFailTtl} says for how long;</li>
 *   <li>concurrent identical queries share one upstream query; the size is bounded (least
 *       recently and frequently used entries go first); {@link #stats()} counts hits, misses and
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

    private record Key(String name, RecordType<?> type) {
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
        this.cache = Caffeine.newBuilder()
                .maximumSize(b.maximumSize)
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
                return upstream.query(n, type).thenApply(a -> (DnsAnswer<?>) a);
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
        private Duration minimumTtl = Duration.ZERO;
        private Duration maximumTtl = Duration.ofDays(1);
        private Duration maximumNegativeTtl = Duration.ofHours(3);
        private Duration tempFailTtl = Duration.ZERO;
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
