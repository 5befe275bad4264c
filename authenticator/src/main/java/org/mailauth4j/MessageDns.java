package org.mailauth4j;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.text.Ascii;

/**
 * The resolver one message's checks share: identical queries made for this message (a DKIM key
 * and the same ARC key, a DMARC policy looked up early at end-of-headers and again during
 * evaluation) go out once, whatever the configured resolver caches. Bounded: past
 * {@value #MAX_ENTRIES} distinct queries it passes queries straight through.
 */
final class MessageDns implements DnsResolver {
    static final int MAX_ENTRIES = 256;

    private final DnsResolver upstream;
    private final Map<String, CompletableFuture<?>> answers = new HashMap<>();

    MessageDns(DnsResolver upstream) {
        this.upstream = upstream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        String key = type.name() + " " + Ascii.toLowerCase(name);
        synchronized (answers) {
            CompletableFuture<?> f = answers.get(key);
            if (f != null) {
                return (CompletableFuture<DnsAnswer<T>>) f;
            }
        }
        CompletableFuture<DnsAnswer<T>> f;
        try {
            f = upstream.query(name, type).exceptionally(e -> DnsAnswer.tempFail("resolver failed: " + e));
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(DnsAnswer.tempFail("resolver failed: " + e));
        }
        synchronized (answers) {
            if (answers.size() < MAX_ENTRIES) {
                CompletableFuture<?> prev = answers.putIfAbsent(key, f);
                if (prev != null) {
                    return (CompletableFuture<DnsAnswer<T>>) prev;
                }
            }
        }
        return f;
    }
}
