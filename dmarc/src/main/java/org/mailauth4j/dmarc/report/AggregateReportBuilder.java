package org.mailauth4j.dmarc.report;

import org.mailauth4j.core.dns.IpLiteral;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dmarc.DkimCheck;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcMode;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.dmarc.DmarcRecord;
import org.mailauth4j.dmarc.DmarcResult;

/**
 * Aggregates evaluation records into aggregate reports (RFC 9990 §2.1): one report per DMARC
 * Policy Domain, one {@code record} per distinct (source IP, disposition, aligned results,
 * override reasons, identifiers, authentication results) with its message count, the last
 * observed policy as {@code policy_published}, record syntax problems as {@code error}. Messages
 * without an applicable policy (none, temperror, permerror) are not reportable and are skipped.
 * At most 100 DKIM results per row, aligned passes first (RFC 9990 "DKIM Signatures in Aggregate
 * Reports"). Thread-safe.
 */
public final class AggregateReportBuilder {
    static final int MAX_DKIM_RESULTS = 100;

    private final String orgName;
    private final String email;
    private final String receiver;
    private String generator = "mailauth4j";
    private final Map<String, DomainData> domains = new LinkedHashMap<>();
    private long skipped;

    private static final class DomainData {
        DmarcRecord record;
        DmarcMode mode;
        final Set<String> errors = new LinkedHashSet<>();
        final Map<AggregateReport.Row, Long> rows = new LinkedHashMap<>();
    }

    /**
     * @param orgName the reporting organization ({@code org_name})
     * @param email its contact address ({@code email})
     * @param receiver the receiver's domain, used in Report-IDs (and file names)
     */
    public AggregateReportBuilder(String orgName, String email, String receiver) {
        this.orgName = Objects.requireNonNull(orgName);
        this.email = Objects.requireNonNull(email);
        this.receiver = Objects.requireNonNull(receiver);
    }

    /** The {@code generator} element (RFC 9990); default {@code mailauth4j}; {@code null} to omit. */
    public synchronized AggregateReportBuilder generator(String generator) {
        this.generator = generator;
        return this;
    }

    /** How many added evaluations had no applicable policy and were skipped. */
    public synchronized long skipped() {
        return skipped;
    }

    /**
     * Whether {@link #add} counts a message with this outcome in a report: a DMARC policy record
     * applied and the result is {@code pass} or {@code fail} (RFC 9990 §2.1 reports on messages
     * evaluated against a Domain Owner's published policy). Outcomes {@code none},
     * {@code temperror} and {@code permerror} are skipped.
     */
    public static boolean isReportable(DmarcOutcome outcome) {
        return outcome.record() != null && outcome.policyDomain() != null
                && (outcome.result() == DmarcResult.PASS || outcome.result() == DmarcResult.FAIL);
    }

    /**
     * Adds one evaluated message.
     *
     * @param sourceIp the connecting IP address
     * @param envelopeTo the RFC5321.RcptTo domain, or {@code null}
     */
    public synchronized AggregateReportBuilder add(InetAddress sourceIp, String envelopeTo, DmarcInput input,
            DmarcOutcome outcome) {
        if (!isReportable(outcome)) {
            skipped++;
            return this;
        }
        DomainData d = domains.computeIfAbsent(outcome.policyDomain(), k -> new DomainData());
        d.record = outcome.record();
        d.mode = outcome.mode();
        d.errors.addAll(outcome.record().problems());
        AggregateReport.Row row = row(sourceIp, envelopeTo, input, outcome);
        d.rows.merge(row, 1L, Long::sum);
        return this;
    }

    private static AggregateReport.Row row(InetAddress ip, String envelopeTo, DmarcInput in, DmarcOutcome o) {
        List<AggregateReport.OverrideReason> reasons = new ArrayList<>();
        if (o.testingMode()) {
            reasons.add(new AggregateReport.OverrideReason("policy_test_mode", "t=y"));
        }
        if (o.sampledOut()) {
            reasons.add(new AggregateReport.OverrideReason("sampled_out", "pct=" + o.record().pct()));
        }
        List<DkimCheck> sorted = new ArrayList<>(in.dkim());
        sorted.sort(Comparator.comparingInt(c -> rank(c, o)));
        List<AggregateReport.DkimAuthResult> dkim = new ArrayList<>();
        for (DkimCheck c : sorted.subList(0, Math.min(sorted.size(), MAX_DKIM_RESULTS))) {
            dkim.add(new AggregateReport.DkimAuthResult(c.domain().toLowerCase(java.util.Locale.ROOT), c.selector(),
                    c.result().word(), null));
        }
        // no SPF result when SPF had no domain to check (RFC 9990: auth_results/spf is optional;
        // the writer puts the placeholder RFC 7489's schema requires into that format)
        List<AggregateReport.SpfAuthResult> spf = in.spfDomain() == null ? List.of()
                : List.of(new AggregateReport.SpfAuthResult(in.spfDomain().toLowerCase(java.util.Locale.ROOT),
                        in.spfDomainIsHelo() ? "helo" : "mfrom", in.spfResult().word(), null));
        return new AggregateReport.Row(IpLiteral.format(ip), 0, o.disposition().word(),
                o.dkimAligned() ? "pass" : "fail", o.spfAligned() ? "pass" : "fail", reasons,
                envelopeTo == null ? null : envelopeTo.toLowerCase(java.util.Locale.ROOT),
                in.spfDomain() == null ? null : in.spfDomain().toLowerCase(java.util.Locale.ROOT), o.authorDomain(),
                dkim, spf);
    }

    /** RFC 9990: strictly aligned passes, relaxed aligned passes, other passes, then the rest. */
    private static int rank(DkimCheck c, DmarcOutcome o) {
        if (c.result() != DkimResult.PASS) {
            return 3;
        }
        if (Ascii.equalsIgnoreCase(c.domain(), o.authorDomain())) {
            return 0;
        }
        return Ascii.equalsIgnoreCase(c.domain(), o.alignedDkimDomain()) ? 1 : 2;
    }

    /** The reports for the period, one per Policy Domain, in the order the domains were first seen. */
    public synchronized List<AggregateReport> build(Instant begin, Instant end) {
        List<AggregateReport> out = new ArrayList<>();
        for (Map.Entry<String, DomainData> e : domains.entrySet()) {
            String domain = e.getKey();
            DomainData d = e.getValue();
            DmarcRecord r = d.record;
            AggregateReport.PolicyPublished policy = new AggregateReport.PolicyPublished(domain,
                    d.mode == DmarcMode.RFC9989 ? "treewalk" : "psl", r.adkim().letter(), r.aspf().letter(),
                    r.policy(d.mode).word(), r.subdomainPolicy(d.mode).word(),
                    r.nonExistentPolicy() == null ? null : r.nonExistentSubdomainPolicy(d.mode).word(),
                    r.testing() ? "y" : "n", r.fo(), r.pct() == null ? null : r.pct().toString());
            AggregateReport.Metadata meta = new AggregateReport.Metadata(orgName, email, null,
                    begin.getEpochSecond() + "." + domain + "@" + receiver, begin, end, List.copyOf(d.errors),
                    generator);
            List<AggregateReport.Row> rows = new ArrayList<>();
            for (Map.Entry<AggregateReport.Row, Long> re : d.rows.entrySet()) {
                AggregateReport.Row x = re.getKey();
                rows.add(new AggregateReport.Row(x.sourceIp(), re.getValue(), x.disposition(), x.dkim(), x.spf(),
                        x.reasons(), x.envelopeTo(), x.envelopeFrom(), x.headerFrom(), x.dkimResults(),
                        x.spfResults()));
            }
            out.add(new AggregateReport("1.0", meta, policy, rows));
        }
        return out;
    }

    /** Forgets everything added (start of a new reporting period). */
    public synchronized void clear() {
        domains.clear();
        skipped = 0;
    }
}
