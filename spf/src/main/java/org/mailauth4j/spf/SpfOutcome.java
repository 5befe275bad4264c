package org.mailauth4j.spf;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The result of one SPF check (RFC 7208 §2.6, §2.4, §8) and why.
 *
 * @param result the result word
 * @param identity which identity was checked: MAIL FROM or HELO (RFC 7208 §2.3, §2.4)
 * @param ip the client address as evaluated (IPv4-mapped IPv6 addresses become IPv4)
 * @param helo the HELO/EHLO name given, or {@code null}
 * @param sender the sender checked: {@code local@domain}; {@code postmaster@<helo>} for the HELO
 *     identity or an empty MAIL FROM (RFC 7208 §2.4, §4.3)
 * @param domain the domain whose policy was checked first (the sender's domain)
 * @param receiver the receiving host named in the Received-SPF field ({@code %{r}})
 * @param explanation for {@code fail}: the explanation (RFC 7208 §6.2) or the configured default;
 *     otherwise {@code null}
 * @param matchedTerm the mechanism that decided the result, as text (e.g. {@code -all}), or
 *     {@code null} when none did (default neutral, none, errors)
 * @param matchedDomain the domain whose record held {@link #matchedTerm}, or {@code null}
 * @param problem for none/permerror/temperror: what went wrong (e.g. "more than 10 DNS-querying
 *     terms"); otherwise {@code null}
 * @param dnsLookups DNS-querying terms evaluated (RFC 7208 §4.6.4 limit of 10)
 * @param voidLookups void lookups (RFC 7208 §4.6.4 limit of 2)
 * @param trace every record fetched and term evaluated, in order
 */
public record SpfOutcome(SpfResult result, Identity identity, InetAddress ip, String helo, String sender,
        String domain, String receiver, String explanation, String matchedTerm, String matchedDomain,
        String problem, int dnsLookups, int voidLookups, List<Step> trace) {

    public SpfOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        trace = List.copyOf(trace);
    }

    /** The identity checked (RFC 7208 §2.3, §2.4). */
    public enum Identity {
        MAILFROM("mailfrom", "smtp.mailfrom"), HELO("helo", "smtp.helo");

        private final String word;
        private final String property;

        Identity(String word, String property) {
            this.word = word;
            this.property = property;
        }

        /** The value of Received-SPF's {@code identity=} key (RFC 7208 §9.1). */
        public String word() {
            return word;
        }

        /** The Authentication-Results property (RFC 8601 §2.7.2): {@code smtp.mailfrom} or {@code smtp.helo}. */
        public String property() {
            return property;
        }
    }

    /**
     * One step of the evaluation: a record fetched or a term evaluated, at include/redirect depth
     * {@code depth} in {@code domain}, with its outcome and the running counts after it.
     */
    public record Step(int depth, String domain, String term, String outcome, int dnsLookups, int voidLookups) {
        @Override
        public String toString() {
            return "  ".repeat(depth) + domain + ": " + term + " -> " + outcome
                    + " [lookups " + dnsLookups + ", void " + voidLookups + "]";
        }
    }

    /** A short human-readable reason, as used in the Received-SPF comment. */
    public String reason() {
        String who = sender;
        String ipText = ip == null ? "unknown" : org.mailauth4j.core.dns.IpLiteral.format(ip);
        String dom = domain == null ? "(none)" : domain;
        return switch (result) {
            case PASS -> "domain of " + who + " designates " + ipText + " as permitted sender";
            case FAIL -> "domain of " + who + " does not designate " + ipText + " as permitted sender";
            case SOFTFAIL -> "transitioning domain of " + who + " does not designate " + ipText + " as permitted sender";
            case NEUTRAL -> dom + " neither permits nor denies " + ipText + " for " + who;
            case NONE -> problem != null ? problem : "no SPF record for " + dom;
            case TEMPERROR -> "temporary error checking " + dom + (problem == null ? "" : ": " + problem);
            case PERMERROR -> "permanent error in the policy of " + dom + (problem == null ? "" : ": " + problem);
        };
    }

    /** The trace as text, one step per line. */
    public String traceText() {
        StringBuilder sb = new StringBuilder();
        for (Step s : trace) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }
}
