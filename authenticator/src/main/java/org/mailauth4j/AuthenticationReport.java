package org.mailauth4j;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailauth4j.arc.ArcOutcome;
import org.mailauth4j.arc.ArcResult;
import org.mailauth4j.arc.ArcSealer;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.dmarc.report.AggregateReportBuilder;
import org.mailauth4j.spf.ReceivedSpf;
import org.mailauth4j.spf.SpfOutcome;

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
    private final InetAddress clientIp;
    private final Spf spf;
    private final List<Dkim> dkim;
    private final Arc arc;
    private final Dmarc dmarc;
    private final SpfOutcome spfOutcome;
    private final List<DkimVerification> dkimVerifications;
    private final ArcOutcome arcOutcome;
    private final DmarcOutcome dmarcOutcome;
    private final DmarcInput dmarcInput;
    private final AuthenticationResults results;

    AuthenticationReport(String authservId, InetAddress clientIp, Spf spf, SpfOutcome spfOutcome, List<Dkim> dkim,
            List<DkimVerification> dkimVerifications, Arc arc, ArcOutcome arcOutcome, Dmarc dmarc,
            DmarcOutcome dmarcOutcome, DmarcInput dmarcInput, List<ResInfo> resInfos) {
        this.authservId = authservId;
        this.clientIp = clientIp;
        this.spf = spf;
        this.spfOutcome = spfOutcome;
        this.dkim = List.copyOf(dkim);
        this.dkimVerifications = List.copyOf(dkimVerifications);
        this.arc = arc;
        this.arcOutcome = arcOutcome;
        this.dmarc = dmarc;
        this.dmarcOutcome = dmarcOutcome;
        this.dmarcInput = dmarcOutcome == null ? null : dmarcInput;
        this.results = new AuthenticationResults(authservId, resInfos);
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

    /** The SPF module's full outcome (evaluation trace, lookup counts); empty when SPF was not evaluated. */
    public Optional<SpfOutcome> spfOutcome() {
        return Optional.ofNullable(spfOutcome);
    }

    /** The DKIM module's verdicts, one per DKIM-Signature field, topmost first. */
    public List<DkimVerification> dkimVerifications() {
        return dkimVerifications;
    }

    /** The ARC module's outcome (for {@link #seal}); empty when validation did not finish in time. */
    public Optional<ArcOutcome> arcOutcome() {
        return Optional.ofNullable(arcOutcome);
    }

    /** The DMARC module's outcome (policy discovery, tree walks, alignment); empty when DMARC was not evaluated. */
    public Optional<DmarcOutcome> dmarcOutcome() {
        return Optional.ofNullable(dmarcOutcome);
    }

    /**
     * Counts this message in a DMARC aggregate report (RFC 9990 §2.1) with the SMTP client's
     * address from the {@link Envelope} this message was authenticated with as its
     * {@code source_ip}. See {@link #addTo(AggregateReportBuilder, InetAddress, String)}.
     *
     * @throws IllegalStateException when the envelope had no client IP address: use the other
     *     {@code addTo} and say which address the message came from
     */
    public boolean addTo(AggregateReportBuilder builder, String envelopeTo) {
        if (clientIp == null) {
            throw new IllegalStateException("the envelope had no client IP address; give the source IP");
        }
        return addTo(builder, clientIp, envelopeTo);
    }

    /**
     * Counts this message in a DMARC aggregate report (RFC 9990 §2.1): the row for its source IP,
     * disposition and DMARC-aligned DKIM and SPF results ({@code policy_evaluated}), its
     * identifiers ({@code envelope_to}, {@code envelope_from}, {@code header_from}) and the
     * underlying DKIM and SPF results ({@code auth_results}) exactly as this DMARC evaluation
     * used them; the policy record found becomes the report's {@code policy_published}.
     *
     * <p>Only messages evaluated against a published policy are reportable: when DMARC was not
     * evaluated (no single From domain, or it did not finish in time) nothing is added; when its
     * result was {@code none}, {@code temperror} or {@code permerror} the builder counts the
     * message as {@linkplain AggregateReportBuilder#skipped() skipped}. Either way this returns
     * {@code false}.
     *
     * @param builder the report being built (one per reporting period)
     * @param sourceIp the address of the SMTP client that sent the message ({@code source_ip})
     * @param envelopeTo the RFC5321.RcptTo domain ({@code envelope_to}), or {@code null} when not recorded
     * @return whether the message was counted in a report row
     */
    public boolean addTo(AggregateReportBuilder builder, InetAddress sourceIp, String envelopeTo) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(sourceIp, "sourceIp");
        if (dmarcOutcome == null || dmarcInput == null) {
            return false;
        }
        builder.add(sourceIp, envelopeTo, dmarcInput, dmarcOutcome);
        return AggregateReportBuilder.isReportable(dmarcOutcome);
    }

    /** The results as an RFC 8601 Authentication-Results model. */
    public AuthenticationResults authenticationResults() {
        return results;
    }

    /**
     * The Authentication-Results header field's value for this authserv-id (RFC 8601 §2.2),
     * folded at 78 columns, with its leading space.
     */
    public String authenticationResultsValue() {
        return results.format();
    }

    /** The whole Authentication-Results header field, {@code "Authentication-Results: ..."}, without final CRLF. */
    public String authenticationResultsHeader() {
        return AuthenticationResults.FIELD + ":" + authenticationResultsValue();
    }

    /** The Authentication-Results header field, ready to prepend to the message. */
    public HeaderField authenticationResultsField() {
        return results.toHeaderField();
    }

    /**
     * A Received-SPF header field (RFC 7208 §9.1) for this message's SPF result, to prepend
     * alongside Authentication-Results; empty when SPF was not evaluated.
     */
    public Optional<HeaderField> receivedSpfField() {
        return spfOutcome().map(ReceivedSpf::header);
    }

    /**
     * Adds this hop's ARC set (RFC 8617 §5.1) to {@code message} — the message this report is
     * about — for forwarding: the ARC-Authentication-Results carries this report's results, the
     * ARC-Seal's {@code cv=} the chain status found here. Returns the message with ARC-Seal,
     * ARC-Message-Signature and ARC-Authentication-Results prepended, or unchanged when RFC 8617
     * forbids another set (the chain already failed, or has 50 sets).
     */
    public Message seal(Message message, ArcSealer sealer) {
        ArcResult cv = arcOutcome != null ? arcOutcome.nextCv() : ArcResult.FAIL;
        List<HeaderField> set = sealer.seal(message, results, cv);
        return set.isEmpty() ? message : message.prepend(set);
    }

    @Override
    public String toString() {
        return authenticationResultsHeader();
    }
}
