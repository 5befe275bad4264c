package org.mailauth4j.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;

/**
 * DMARC policy discovery on its own, for tools that explain it (e.g. the CLI's {@code dmarc DOMAIN}
 * command): the DNS Tree Walk (RFC 9989 §4.10), the Organizational Domain it selects (§4.10.2),
 * and the policy record that applies to an Author Domain (§4.10.1). In {@link DmarcMode#RFC7489}
 * the Organizational Domain comes from the Public Suffix List (RFC 7489 §3.2, §6.6.3).
 *
 * <p>Each call starts from scratch (no state is kept between calls); put a caching resolver
 * underneath to share DNS answers.
 */
public final class DmarcPolicyDiscovery {
    private final DnsResolver resolver;
    private final DmarcMode mode;
    private final PublicSuffixList psl;

    private DmarcPolicyDiscovery(DnsResolver resolver, DmarcMode mode, PublicSuffixList psl) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.psl = Objects.requireNonNull(psl, "psl");
    }

    /** RFC 9989 discovery (DNS Tree Walk). */
    public static DmarcPolicyDiscovery of(DnsResolver resolver) {
        return new DmarcPolicyDiscovery(resolver, DmarcMode.RFC9989, PublicSuffixList.bundled());
    }

    /** Discovery in the given mode; {@code psl} is used in RFC 7489 mode only. */
    public static DmarcPolicyDiscovery of(DnsResolver resolver, DmarcMode mode, PublicSuffixList psl) {
        return new DmarcPolicyDiscovery(resolver, mode, psl);
    }

    /**
     * Which record applies to {@code authorDomain}, with the full tree walk from it (RFC 9989
     * mode), so that the Organizational Domain is always reported.
     *
     * @throws IllegalArgumentException when {@code authorDomain} is not a valid DNS name
     */
    public CompletableFuture<PolicyDiscovery> discover(String authorDomain) {
        return new DiscoverySession(resolver, mode, psl).discover(canonical(authorDomain), true);
    }

    /**
     * The DNS Tree Walk from {@code domain} and the Organizational Domain it selects (RFC 9989
     * §4.10, §4.10.2). Available in either mode.
     */
    public CompletableFuture<TreeWalk> treeWalk(String domain) {
        return new DiscoverySession(resolver, DmarcMode.RFC9989, psl).walk(canonical(domain));
    }

    /** The names a tree walk from {@code domain} queries (at most 8), in order (RFC 9989 §4.10). */
    public static List<String> treeWalkNames(String domain) {
        return DiscoverySession.walkNames(canonical(domain));
    }

    private static String canonical(String domain) {
        String problem = DnsNames.problem(domain);
        if (problem != null) {
            throw new IllegalArgumentException("not a domain name: " + problem);
        }
        return DnsNames.canonical(domain);
    }
}
