package org.mailauth4j.core.dns;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous DNS lookups, the one service every check depends on. Implementations never block
 * the calling thread and never complete exceptionally for DNS problems: failures are answers
 * ({@link DnsAnswer.Status#TEMPFAIL}, {@link DnsAnswer.Status#INVALID_NAME}). CNAME chains are
 * followed (bounded) and the answer is that of the final target.
 *
 * <p>Names are given without a trailing dot (one is tolerated); they are validated and IDN
 * labels converted to A-labels before anything is sent (see {@link DnsNames}).
 *
 * <p>Implementations: {@code DnsjavaResolver} (real DNS), {@code CachingResolver} (TTL-aware cache in
 * front of another), {@link ZoneResolver} (zone files and snapshots, for tests and archives),
 * {@code RecordingResolver} (records answers into a snapshot).
 */
public interface DnsResolver {

    /** The one method to implement: look up records of {@code type} at {@code name}. */
    <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type);

    default CompletableFuture<DnsAnswer<String>> txt(String name) {
        return query(name, RecordType.TXT);
    }

    default CompletableFuture<DnsAnswer<InetAddress>> a(String name) {
        return query(name, RecordType.A);
    }

    default CompletableFuture<DnsAnswer<InetAddress>> aaaa(String name) {
        return query(name, RecordType.AAAA);
    }

    default CompletableFuture<DnsAnswer<MxRecord>> mx(String name) {
        return query(name, RecordType.MX);
    }

    /** PTR records of {@code name}, e.g. {@code 4.3.2.1.in-addr.arpa}. */
    default CompletableFuture<DnsAnswer<String>> ptr(String name) {
        return query(name, RecordType.PTR);
    }

    /** PTR records of the reverse name of {@code address} (RFC 1035 §3.5, RFC 3596 §2.5). */
    default CompletableFuture<DnsAnswer<String>> ptr(InetAddress address) {
        return ptr(DnsNames.reverseName(address));
    }
}
