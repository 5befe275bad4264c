package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;

/** Properties of check_host() over random policy trees ({@link RandomPolicies}). */
class RandomPolicyPropertiesTest {
    private static ExecutorService pool;

    @BeforeContainer
    static void start() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterContainer
    static void stop() {
        pool.shutdownNow();
    }

    /**
     * Any scenario completes with a result, within the limits, with a trace; answering DNS later
     * on other threads (so MX and PTR address lookups really overlap) changes nothing.
     */
    @Property(tries = 300)
    void boundedAndIndependentOfAnswerTiming(@ForAll long seed) throws Exception {
        RandomPolicies.Scenario s = RandomPolicies.generate(seed, 1).get(0);
        ZoneResolver zone = s.resolver();
        SpfOutcome sync = SpfEvaluator.builder().resolver(zone).defaultExplanation("DEFAULT").build()
                .check(RandomPolicies.parse(s.ip()), s.helo(), s.sender()).get(5, TimeUnit.SECONDS);
        assertThat(sync.dnsLookups()).isBetween(0, SpfLimits.RFC7208.dnsTerms() + 1);
        assertThat(sync.voidLookups()).isBetween(0, SpfLimits.RFC7208.voidLookups() + 1);
        assertThat(sync.trace()).isNotEmpty();
        assertThat(sync.explanation() != null).isEqualTo(sync.result() == SpfResult.FAIL);
        if (sync.result() == SpfResult.PERMERROR || sync.result() == SpfResult.TEMPERROR) {
            assertThat(sync.problem()).isNotBlank();
        }
        Random r = new Random(seed);
        DnsResolver late = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                long delay;
                synchronized (r) {
                    delay = r.nextInt(300);
                }
                return zone.query(name, type).thenApplyAsync(a -> a,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MICROSECONDS, pool));
            }
        };
        SpfOutcome async = SpfEvaluator.builder().resolver(late).defaultExplanation("DEFAULT").build()
                .check(RandomPolicies.parse(s.ip()), s.helo(), s.sender()).get(5, TimeUnit.SECONDS);
        assertThat(async.result()).isEqualTo(sync.result());
        assertThat(async.explanation()).isEqualTo(sync.explanation());
        assertThat(async.matchedTerm()).isEqualTo(sync.matchedTerm());
        assertThat(async.dnsLookups()).isEqualTo(sync.dnsLookups());
        assertThat(async.voidLookups()).isEqualTo(sync.voidLookups());
        assertThat(async.problem()).isEqualTo(sync.problem());
        assertThat(async.traceText()).isEqualTo(sync.traceText());
    }
}
