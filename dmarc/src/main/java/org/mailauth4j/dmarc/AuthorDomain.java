package org.mailauth4j.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.message.HeaderField;

/**
 * The Author Domain (RFC 9989 §3.2.2) as extracted from the RFC5322.From field(s), or why there is
 * no single one (§5.3.1, §11.5). Only {@link Status#SINGLE} lets DMARC evaluation go ahead; every
 * other status yields a {@link DmarcResult#PERMERROR} and never a pass (security default).
 *
 * @param status what was found
 * @param domain the single Author Domain in A-label, lower-case form; {@code null} unless SINGLE
 * @param domains every distinct domain found (for MULTIPLE_DOMAINS and MULTIPLE_FIELDS)
 * @param detail a readable description
 */
public record AuthorDomain(Status status, String domain, List<String> domains, String detail) {

    /** The outcome of extracting the Author Domain. */
    public enum Status {
        /** Exactly one domain (one From field; its mailboxes, if several, share one domain). */
        SINGLE,
        /** The message has no From field. */
        NO_FROM,
        /** The message has more than one From field. */
        MULTIPLE_FIELDS,
        /** One From field with mailboxes in different domains. */
        MULTIPLE_DOMAINS,
        /** A From field with no usable domain (empty, a group, a domain literal, a malformed name). */
        NO_DOMAIN
    }

    public AuthorDomain {
        Objects.requireNonNull(status, "status");
        domains = List.copyOf(domains);
        if (status == Status.SINGLE) {
            Objects.requireNonNull(domain, "domain");
        }
    }

    /** A known Author Domain, e.g. from an upstream From parser. Converted to A-label form. */
    public static AuthorDomain of(String domain) {
        String problem = DnsNames.problem(domain);
        if (problem != null) {
            return new AuthorDomain(Status.NO_DOMAIN, null, List.of(), "invalid Author Domain: " + problem);
        }
        String c = DnsNames.canonical(domain);
        return new AuthorDomain(Status.SINGLE, c, List.of(c), "From domain " + c);
    }

    /** Some other outcome, e.g. reported by an upstream From parser. */
    public static AuthorDomain problem(Status status, List<String> domains, String detail) {
        if (status == Status.SINGLE) {
            throw new IllegalArgumentException("use AuthorDomain.of for a single domain");
        }
        return new AuthorDomain(status, null, domains, detail);
    }

    /** Extracts the Author Domain from the header fields of a message (all of them, or only the From fields). */
    public static AuthorDomain fromHeaders(List<HeaderField> fields) {
        List<HeaderField> from = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.hasName("From")) {
                from.add(f);
            }
        }
        if (from.isEmpty()) {
            return new AuthorDomain(Status.NO_FROM, null, List.of(), "no From field");
        }
        if (from.size() > 1) {
            Set<String> all = new LinkedHashSet<>();
            for (HeaderField f : from) {
                all.addAll(FromFieldParser.domains(f.unfoldedValue()).domains());
            }
            return new AuthorDomain(Status.MULTIPLE_FIELDS, null, List.copyOf(all),
                    from.size() + " From fields (RFC 5322 §3.6 allows one)");
        }
        return fromValue(from.get(0).unfoldedValue());
    }

    /** Extracts the Author Domain from the value of one From field. */
    public static AuthorDomain fromValue(String value) {
        FromFieldParser.Result r = FromFieldParser.domains(value);
        Set<String> distinct = new LinkedHashSet<>();
        for (String d : r.domains()) {
            String c = DnsNames.canonical(d);
            distinct.add(c != null ? c : d.toLowerCase(java.util.Locale.ROOT));
        }
        if (distinct.size() > 1) {
            return new AuthorDomain(Status.MULTIPLE_DOMAINS, null, List.copyOf(distinct),
                    "From has mailboxes in " + distinct.size() + " domains: " + String.join(", ", distinct));
        }
        if (distinct.isEmpty() || r.problem() != null) {
            return new AuthorDomain(Status.NO_DOMAIN, null, List.copyOf(distinct),
                    r.problem() != null ? r.problem() : "From has no mailbox with a domain");
        }
        AuthorDomain one = of(distinct.iterator().next());
        return one.status == Status.SINGLE && r.mailboxes() > 1
                ? new AuthorDomain(Status.SINGLE, one.domain, one.domains,
                        r.mailboxes() + " mailboxes, all in " + one.domain)
                : one;
    }
}
