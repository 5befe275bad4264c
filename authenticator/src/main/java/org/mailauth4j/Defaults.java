package org.mailauth4j;

import org.mailauth4j.core.dns.CachingResolver;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.DnsjavaResolver;

/** The default resolver: the system's DNS servers through dnsjava, behind a TTL-aware cache; made on first use. */
final class Defaults {
    private Defaults() {
    }

    private static final class Holder {
        static final DnsResolver RESOLVER = CachingResolver.of(DnsjavaResolver.system());
    }

    static DnsResolver resolver() {
        return Holder.RESOLVER;
    }
}
