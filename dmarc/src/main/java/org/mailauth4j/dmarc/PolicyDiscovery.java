package org.mailauth4j.dmarc;

import java.util.List;
import java.util.Objects;

/**
 * The result of DMARC Policy Discovery for an Author Domain (RFC 9989 §4.10.1; RFC 7489 §6.6.3 in
 * {@link DmarcMode#RFC7489}): which record applies, found where, and the Organizational Domain.
 *
 * @param authorDomain the Author Domain
 * @param status FOUND, NONE or TEMPFAIL
 * @param policyDomain the DMARC Policy Domain (§3.2.5), or {@code null}
 * @param record the policy record, or {@code null}
 * @param fromPublicSuffixDomain whether the record is that of a Public Suffix Domain ({@code psd=y})
 * @param organizationalDomain the Author Domain's Organizational Domain, or {@code null} when it was
 *                             not needed (the Author Domain has a record) or not determinable
 * @param walk the tree walk from the Author Domain, or {@code null} (not needed, or RFC 7489 mode)
 * @param lookups every record query made, in order
 * @param mode which specification was followed
 * @param detail a readable summary
 */
public record PolicyDiscovery(String authorDomain, Status status, String policyDomain, DmarcRecord record,
        boolean fromPublicSuffixDomain, String organizationalDomain, TreeWalk walk, List<RecordLookup> lookups,
        DmarcMode mode, String detail) {

    /** The outcome of policy discovery. */
    public enum Status {
        /** A policy record applies. */
        FOUND,
        /** No policy record applies: DMARC does not apply to the message (§4.10.1). */
        NONE,
        /** A temporary DNS failure prevented discovery. */
        TEMPFAIL
    }

    public PolicyDiscovery {
        Objects.requireNonNull(authorDomain, "authorDomain");
        Objects.requireNonNull(status, "status");
        lookups = List.copyOf(lookups);
    }

    /** Whether the policy domain is the Author Domain itself (so {@code p} applies). */
    public boolean atAuthorDomain() {
        return authorDomain.equals(policyDomain);
    }
}
