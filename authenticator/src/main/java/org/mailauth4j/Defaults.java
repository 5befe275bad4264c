package org.mailauth4j;

import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;

/** The default resolver. Interim: until the DNS module lands, every answer is a temporary failure. */
final class Defaults {
    private Defaults() {
    }

    static DnsResolver resolver() {
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return CompletableFuture.completedFuture(DnsAnswer.tempFail("no live DNS resolver available yet"));
            }
        };
    }
}
