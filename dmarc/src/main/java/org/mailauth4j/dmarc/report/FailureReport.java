package org.mailauth4j.dmarc.report;

import org.mailauth4j.core.dns.IpLiteral;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dmarc.DkimCheck;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.dmarc.DmarcPolicy;

/**
 * A DMARC failure report: an ARF feedback report (RFC 5965) of type {@code auth-failure}
 * (RFC 6591) with {@code Auth-Failure: dmarc} and the fields RFC 9991 §4 adds
 * ({@code Identity-Alignment}, {@code Delivery-Result}, {@code DKIM-*}, {@code SPF-DNS}).
 *
 * @param userAgent {@code User-Agent} (RFC 5965 §3.1, required)
 * @param version {@code Version} ({@code 1})
 * @param authFailure {@code Auth-Failure} (RFC 6591 §3.2.2), {@code dmarc} for DMARC
 * @param identityAlignment {@code Identity-Alignment} (RFC 9991 §4): the mechanisms that failed to
 *                          authenticate an aligned identity, or {@code none}
 * @param deliveryResult {@code Delivery-Result} (RFC 6591 §3.2): delivered, spam, policy, reject, other
 * @param reportedDomain {@code Reported-Domain} (the Author Domain)
 * @param sourceIp {@code Source-IP}
 * @param arrivalDate {@code Arrival-Date} (RFC 5322 date-time), or {@code null}
 * @param originalMailFrom {@code Original-Mail-From}, or {@code null}
 * @param originalRcptTo {@code Original-Rcpt-To} fields
 * @param originalEnvelopeId {@code Original-Envelope-Id}, or {@code null}
 * @param authenticationResults {@code Authentication-Results} values
 * @param dkimDomain {@code DKIM-Domain}, or {@code null}
 * @param dkimIdentity {@code DKIM-Identity}, or {@code null}
 * @param dkimSelector {@code DKIM-Selector}, or {@code null}
 * @param spfDns {@code SPF-DNS} (RFC 6591 §3.2.3), or {@code null}
 * @param incidents {@code Incidents} (RFC 5965 §3.2), or {@code null}
 * @param humanReadable the first, human-readable part
 * @param original the original message, or only its header section
 * @param headersOnly whether {@link #original} is only the header section ({@code text/rfc822-headers})
 */
public record FailureReport(String userAgent, String version, String authFailure, List<String> identityAlignment,
        String deliveryResult, String reportedDomain, String sourceIp, String arrivalDate, String originalMailFrom,
        List<String> originalRcptTo, String originalEnvelopeId, List<String> authenticationResults,
        String dkimDomain, String dkimIdentity, String dkimSelector, String spfDns, Integer incidents,
        String humanReadable, byte[] original, boolean headersOnly) {

    public FailureReport {
        identityAlignment = List.copyOf(identityAlignment);
        originalRcptTo = List.copyOf(originalRcptTo);
        authenticationResults = List.copyOf(authenticationResults);
        original = original == null ? new byte[0] : original.clone();
    }

    @Override
    public byte[] original() {
        return original.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailureReport f && Objects.equals(userAgent, f.userAgent)
                && Objects.equals(version, f.version) && Objects.equals(authFailure, f.authFailure)
                && identityAlignment.equals(f.identityAlignment) && Objects.equals(deliveryResult, f.deliveryResult)
                && Objects.equals(reportedDomain, f.reportedDomain) && Objects.equals(sourceIp, f.sourceIp)
                && Objects.equals(arrivalDate, f.arrivalDate) && Objects.equals(originalMailFrom, f.originalMailFrom)
                && originalRcptTo.equals(f.originalRcptTo) && Objects.equals(originalEnvelopeId, f.originalEnvelopeId)
                && authenticationResults.equals(f.authenticationResults) && Objects.equals(dkimDomain, f.dkimDomain)
                && Objects.equals(dkimIdentity, f.dkimIdentity) && Objects.equals(dkimSelector, f.dkimSelector)
                && Objects.equals(spfDns, f.spfDns) && Objects.equals(incidents, f.incidents)
                && Objects.equals(humanReadable, f.humanReadable) && java.util.Arrays.equals(original, f.original)
                && headersOnly == f.headersOnly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(userAgent, reportedDomain, sourceIp, java.util.Arrays.hashCode(original));
    }

    /**
     * A report for a DMARC {@code fail} outcome.
     *
     * @param authResults the Authentication-Results value(s) of the receiver, e.g.
     *                    {@code "mx.example; dmarc=fail header.from=example.com"}
     * @param original the original message, or its header section when {@code headersOnly}
     */
    public static FailureReport forOutcome(DmarcInput input, DmarcOutcome outcome, String userAgent,
            InetAddress sourceIp, Instant arrival, String mailFrom, List<String> rcptTo, List<String> authResults,
            byte[] original, boolean headersOnly) {
        List<String> failed = new ArrayList<>();
        if (!outcome.dkimAligned()) {
            failed.add("dkim");
        }
        if (!outcome.spfAligned()) {
            failed.add("spf");
        }
        if (failed.isEmpty()) {
            failed.add("none");
        }
        String delivery = outcome.disposition() == DmarcPolicy.REJECT ? "reject"
                : outcome.disposition() == DmarcPolicy.QUARANTINE ? "spam" : "delivered";
        DkimCheck sig = null;
        for (DkimCheck c : input.dkim()) {
            if (c.result() != DkimResult.PASS && sameOrganization(c.domain(), outcome)) {
                sig = c;
                break;
            }
        }
        return new FailureReport(userAgent, "1", "dmarc", failed, delivery, outcome.authorDomain(),
                sourceIp == null ? null : IpLiteral.format(sourceIp),
                arrival == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(arrival.atOffset(ZoneOffset.UTC)),
                mailFrom, rcptTo, null, authResults, sig == null ? null : sig.domain(),
                sig == null ? null : "@" + sig.domain(), sig == null ? null : sig.selector(), null, null,
                "This is a DMARC failure report for a message from " + outcome.authorDomain()
                        + (sourceIp == null ? "" : " received from " + IpLiteral.format(sourceIp)) + ".\r\n"
                        + "Result: " + outcome,
                original, headersOnly);
    }

    /**
     * Whether the policy record asks for a failure report about this message (RFC 9989 §4.7
     * {@code fo}, which counts only with {@code ruf}): {@code 0} when no mechanism produced an
     * aligned pass (DMARC fail), {@code 1} when any mechanism did not, {@code d} when a DKIM
     * signature failed (aligned or not), {@code s} when SPF failed. Never for a record with
     * {@code psd=y} (RFC 9991 §2) or without a valid {@code ruf}.
     */
    public static boolean requested(DmarcInput input, DmarcOutcome outcome) {
        org.mailauth4j.dmarc.DmarcRecord r = outcome.record();
        if (r == null || r.ruf().isEmpty() || r.psd() == org.mailauth4j.dmarc.DmarcRecord.Psd.Y
                || (outcome.result() != org.mailauth4j.dmarc.DmarcResult.PASS
                        && outcome.result() != org.mailauth4j.dmarc.DmarcResult.FAIL)) {
            return false;
        }
        for (String option : r.fo().split(":")) {
            boolean wanted = switch (option) {
                case "0" -> outcome.result() == org.mailauth4j.dmarc.DmarcResult.FAIL;
                case "1" -> !outcome.spfAligned() || !outcome.dkimAligned();
                case "d" -> input.dkim().stream().anyMatch(c -> c.result() == DkimResult.FAIL
                        || c.result() == DkimResult.PERMERROR);
                case "s" -> input.spfResult() == org.mailauth4j.spf.SpfResult.FAIL
                        || input.spfResult() == org.mailauth4j.spf.SpfResult.SOFTFAIL
                        || input.spfResult() == org.mailauth4j.spf.SpfResult.PERMERROR;
                default -> false;
            };
            if (wanted) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code d} is the Author Domain, its Organizational Domain, or below it. */
    private static boolean sameOrganization(String d, DmarcOutcome o) {
        String x = Ascii.toLowerCase(d);
        String org = o.organizationalDomain() != null ? o.organizationalDomain() : o.authorDomain();
        return x.equals(o.authorDomain()) || x.equals(org) || x.endsWith("." + org);
    }
}
