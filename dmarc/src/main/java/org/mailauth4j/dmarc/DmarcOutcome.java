package org.mailauth4j.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.ar.ResInfo;

/**
 * The result of a DMARC evaluation and everything needed to explain, report and act on it.
 *
 * @param result pass, fail, none, temperror or permerror (RFC 9989 §9.2)
 * @param authorDomain the Author Domain, or {@code null} when there is no single one
 * @param policyDomain the DMARC Policy Domain (§3.2.5), or {@code null}
 * @param organizationalDomain the Author Domain's Organizational Domain, or {@code null} when it
 *                             was not needed or could not be determined
 * @param record the policy record applied, or {@code null}
 * @param policy the Domain Owner Assessment Policy in force for this Author Domain ({@code p},
 *               {@code sp} or {@code np}), or {@code null} when no record applies
 * @param policySource which tag {@link #policy} came from, or {@code null}
 * @param disposition what the policy asks the receiver to do with this message, after testing mode
 *                    ({@code t=y}) and, in RFC 7489 mode, {@code pct} sampling; {@code NONE} for
 *                    every result but fail
 * @param testingMode whether {@code t=y} lowered the disposition (RFC 9989 §4.7)
 * @param sampledOut whether {@code pct} sampling lowered the disposition (RFC 7489 §6.6.4)
 * @param spfAligned whether an SPF pass aligned with the Author Domain
 * @param dkimAligned whether a DKIM pass aligned with the Author Domain
 * @param alignedDkimDomain the {@code d=} of the first aligned DKIM pass, or {@code null}
 * @param reason a readable explanation
 * @param discovery the policy discovery done, or {@code null}
 * @param walks every DNS Tree Walk done (Author Domain and identifiers)
 * @param mode the specification followed
 */
public record DmarcOutcome(DmarcResult result, String authorDomain, String policyDomain, String organizationalDomain,
        DmarcRecord record, DmarcPolicy policy, PolicySource policySource, DmarcPolicy disposition,
        boolean testingMode, boolean sampledOut, boolean spfAligned, boolean dkimAligned, String alignedDkimDomain,
        String reason, PolicyDiscovery discovery, List<TreeWalk> walks, DmarcMode mode) {

    /** The record tag a policy came from (RFC 9989 §4.10.1). */
    public enum PolicySource {
        /** {@code p}: the policy domain is the Author Domain. */
        P,
        /** {@code sp} (or {@code p} when absent): the Author Domain is an existing subdomain. */
        SP,
        /** {@code np} (or {@code sp}, {@code p}): the Author Domain does not exist (NXDOMAIN). */
        NP
    }

    public DmarcOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(reason, "reason");
        walks = List.copyOf(walks);
    }

    /**
     * The {@code dmarc} resinfo for an Authentication-Results field (RFC 8601 §2.7; RFC 9989 §9.1):
     * {@code dmarc=<result> [reason] header.from=<Author Domain> policy.dmarc=<disposition>}. The
     * reason is given for temperror and permerror only; {@code policy.dmarc} when a record applied.
     */
    public ResInfo toResInfo() {
        List<ResInfo.Property> props = new ArrayList<>();
        if (authorDomain != null) {
            props.add(new ResInfo.Property("header", "from", authorDomain));
        }
        if (record != null && (result == DmarcResult.PASS || result == DmarcResult.FAIL)) {
            props.add(new ResInfo.Property("policy", "dmarc", disposition.word()));
        }
        String r = result == DmarcResult.TEMPERROR || result == DmarcResult.PERMERROR ? reason : null;
        return new ResInfo("dmarc", result.word(), r, props);
    }

    /** A one-line summary, e.g. {@code dmarc=fail policy=reject disposition=reject (...)}. */
    @Override
    public String toString() {
        return "dmarc=" + result.word() + (policy == null ? "" : " policy=" + policy.word())
                + " disposition=" + disposition.word() + " (" + reason + ")";
    }
}
