package org.mailauth4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;

/**
 * Everything one {@link Authenticator} pass found out about a message: the SPF result, every
 * DKIM signature's result (header order, topmost first), the ARC chain's result and the DMARC
 * result — each with its RFC 8601 result word, the reason for anything but {@code pass}, and
 * structured detail — plus the Authentication-Results header field (RFC 8601) that states them
 * for this host's authserv-id.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuthenticationReport {

    /**
     * The SPF result (RFC 7208 §2.6).
     *
     * @param result RFC 8601 result word ({@code pass}, {@code fail}, {@code softfail}, {@code neutral},
     *     {@code none}, {@code temperror}, {@code permerror})
     * @param identity which identity was checked: {@code mailfrom}, {@code helo}, or {@code null} when none was
     * @param domain the domain checked, or {@code null}
     * @param reason why the result is not {@code pass} (or how it was reached), or {@code null}
     * @param explanation the domain's explanation (RFC 7208 §6.2) for a {@code fail}, or {@code null}
     * @param mechanism the mechanism that matched (e.g. {@code ip4:192.0.2.0/24}), or {@code null}
     */
    public record Spf(String result, String identity, String domain, String reason, String explanation, String mechanism) {
        public Spf {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * One DKIM signature's result (RFC 6376 §6, RFC 8601 §2.7.1).
     *
     * @param result RFC 8601 result word
     * @param domain the signing domain ({@code d=}), or {@code null} when unreadable
     * @param selector the selector ({@code s=}), or {@code null}
     * @param algorithm the algorithm ({@code a=}), or {@code null}
     * @param identity the agent or user identifier ({@code i=}, or {@code @d} by default), or {@code null}
     * @param signaturePrefix the first characters of {@code b=} (RFC 6008 {@code header.b}), or {@code null}
     * @param reason why the result is not {@code pass}, or {@code null}
     */
    public record Dkim(String result, String domain, String selector, String algorithm, String identity,
            String signaturePrefix, String reason) {
        public Dkim {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The ARC chain's result (RFC 8617 §5.2).
     *
     * @param result {@code none}, {@code pass} or {@code fail}
     * @param instances the number of ARC sets found (the highest {@code i=})
     * @param reason why the result is not {@code pass}, or {@code null}
     */
    public record Arc(String result, int instances, String reason) {
        public Arc {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The DMARC result (RFC 9989; RFC 7489 in compatibility mode).
     *
     * @param result RFC 8601 result word: {@code pass}, {@code fail}, {@code none}, {@code temperror},
     *     {@code permerror}
     * @param domain the RFC5322.From domain, or {@code null} when it has none
     * @param policy the policy that applies ({@code none}, {@code quarantine}, {@code reject}), or {@code null}
     * @param disposition what the policy asks for this message (the policy on failure, {@code none} on
     *     pass), or {@code null}
     * @param reason why the result is not {@code pass}, or {@code null}
     */
    public record Dmarc(String result, String domain, String policy, String disposition, String reason) {
        public Dmarc {
            Objects.requireNonNull(result, "result");
        }
    }

    private final String authservId;
    private final Spf spf;
    private final List<Dkim> dkim;
    private final Arc arc;
    private final Dmarc dmarc;

    AuthenticationReport(String authservId, Spf spf, List<Dkim> dkim, Arc arc, Dmarc dmarc) {
        this.authservId = authservId;
        this.spf = spf;
        this.dkim = List.copyOf(dkim);
        this.arc = arc;
        this.dmarc = dmarc;
    }

    /** The authserv-id the results are stated for. */
    public String authservId() {
        return authservId;
    }

    public Spf spf() {
        return spf;
    }

    /** Every DKIM signature's result in header order, topmost first; empty when the message has none. */
    public List<Dkim> dkim() {
        return dkim;
    }

    public Arc arc() {
        return arc;
    }

    public Dmarc dmarc() {
        return dmarc;
    }

    /** The results as an RFC 8601 Authentication-Results model. */
    public AuthenticationResults authenticationResults() {
        List<ResInfo> out = new ArrayList<>();
        List<ResInfo.Property> p = new ArrayList<>();
        if (spf.domain() != null && spf.identity() != null) {
            p.add(new ResInfo.Property("smtp", spf.identity(), spf.identity().equals("helo") ? spf.domain()
                    : spf.domain()));
        }
        out.add(new ResInfo("spf", spf.result(), spf.reason(), p));
        if (dkim.isEmpty()) {
            out.add(new ResInfo("dkim", "none", null, List.of()));
        }
        for (Dkim d : dkim) {
            List<ResInfo.Property> dp = new ArrayList<>();
            if (d.domain() != null) {
                dp.add(new ResInfo.Property("header", "d", d.domain()));
            }
            if (d.selector() != null) {
                dp.add(new ResInfo.Property("header", "s", d.selector()));
            }
            if (d.identity() != null) {
                dp.add(new ResInfo.Property("header", "i", d.identity()));
            }
            if (d.algorithm() != null) {
                dp.add(new ResInfo.Property("header", "a", d.algorithm()));
            }
            if (d.signaturePrefix() != null) {
                dp.add(new ResInfo.Property("header", "b", d.signaturePrefix()));
            }
            out.add(new ResInfo("dkim", d.result(), d.reason(), dp));
        }
        out.add(new ResInfo("arc", arc.result(), arc.reason(), List.of()));
        List<ResInfo.Property> mp = new ArrayList<>();
        if (dmarc.domain() != null) {
            mp.add(new ResInfo.Property("header", "from", dmarc.domain()));
        }
        if (dmarc.policy() != null) {
            mp.add(new ResInfo.Property("policy", "dmarc", dmarc.policy()));
        }
        out.add(new ResInfo("dmarc", dmarc.result(), dmarc.reason(), mp));
        return new AuthenticationResults(authservId, out);
    }

    /** The Authentication-Results header field's value for this authserv-id (RFC 8601 §2.2). */
    public String authenticationResultsValue() {
        return ArFormat.value(authenticationResults());
    }

    /** The whole Authentication-Results header field, {@code "Authentication-Results: ..."}, without final CRLF. */
    public String authenticationResultsHeader() {
        return AuthenticationResults.FIELD + ": " + authenticationResultsValue();
    }

    @Override
    public String toString() {
        return authenticationResultsHeader();
    }
}
