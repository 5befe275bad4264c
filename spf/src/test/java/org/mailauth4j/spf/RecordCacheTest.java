package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;

/**
 * The evaluator is built once and shared, and its parsed-record cache lives as long as it does.
 * A sender chooses which records are fetched ({@code include:%{i}.evil.example} names a new one
 * per client address), so the cache must be bounded in bytes, not only in entries (RFC 7208
 * §11.1: the processing limits exist to bound what hostile records cost).
 */
class RecordCacheTest {
    /** Answers {@code evil.example} with an include per client IP, and every other name with a distinct record of about {@code terms} terms. */
    static final class HostileZone implements DnsResolver {
        private final int terms;

        HostileZone(int terms) {
            this.terms = terms;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
            if (type != RecordType.TXT) {
                return CompletableFuture.completedFuture(DnsAnswer.nxDomain(0));
            }
            StringBuilder sb = new StringBuilder("v=spf1");
            if (name.equals("evil.example")) {
                sb.append(" include:%{i}.evil.example -all");
            } else {
                for (int k = 0; k < terms; k++) {
                    sb.append(" ip4:10.").append(k % 250).append('.').append(k / 250).append(".0/24");
                }
                sb.append(" ip4:").append(name, 0, name.indexOf(".evil")).append(" -all");
            }
            return CompletableFuture.completedFuture((DnsAnswer<T>) DnsAnswer.records(List.of(sb.toString()), 300));
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long retainedAfter(SpfEvaluator spf, int checks) throws Exception {
        long before = usedAfterGc();
        for (int i = 0; i < checks; i++) {
            InetAddress ip = InetAddress.getByAddress(new byte[] {(byte) 198, (byte) (51 + i / 62_500), (byte) (i / 250 % 250), (byte) (i % 250)});
            SpfOutcome o = spf.check(ip, "helo.example", "x@evil.example").get(10, TimeUnit.SECONDS);
            assertThat(o.result()).isEqualTo(SpfResult.PASS);
        }
        return usedAfterGc() - before;
    }

    /** ~60 KB records (TXT over TCP allows 64 KB): 400 of them retained 331 MB before (review F7). */
    @Test
    void hugeRecordsAreNotKept() throws Exception {
        SpfEvaluator spf = SpfEvaluator.builder().resolver(new HostileZone(3700)).build();
        assertThat(retainedAfter(spf, 400)).as("bytes retained").isLessThan(64L << 20);
    }

    /** Records just under the per-record limit: the cache's total text bound must still hold (4096 of them would be ~100 MB parsed). */
    @Test
    void manyCacheableRecordsStayWithinTheTotalBound() throws Exception {
        SpfEvaluator spf = SpfEvaluator.builder().resolver(new HostileZone(100)).build();
        assertThat(retainedAfter(spf, 4000)).as("bytes retained").isLessThan(64L << 20);
    }
}
