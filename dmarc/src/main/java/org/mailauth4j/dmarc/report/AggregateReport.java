package org.mailauth4j.dmarc.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DMARC aggregate feedback report (RFC 9990 §2.1 and its XML schema; RFC 7489 §7.2 and
 * Appendix C for older receivers). Values are kept as the report states them (strings), so that
 * parsed real-world reports with unexpected values survive; {@link AggregateReportWriter} writes
 * them, {@link AggregateReportParser} reads them.
 *
 * @param version the {@code version} element, or {@code null}
 * @param metadata {@code report_metadata}
 * @param policyPublished {@code policy_published}
 * @param records the {@code record} elements
 */
public record AggregateReport(String version, Metadata metadata, PolicyPublished policyPublished,
        List<Row> records) {

    public AggregateReport {
        records = List.copyOf(records);
    }

    /**
     * {@code report_metadata} (RFC 9990 "Report generator metadata").
     *
     * @param begin {@code date_range/begin}, or {@code null} when absent or unreadable
     * @param end {@code date_range/end}, or {@code null}
     * @param errors {@code error} elements
     * @param generator {@code generator} (RFC 9990), or {@code null}
     */
    public record Metadata(String orgName, String email, String extraContactInfo, String reportId, Instant begin,
            Instant end, List<String> errors, String generator) {
        public Metadata {
            errors = List.copyOf(errors);
        }
    }

    /**
     * {@code policy_published}: the policy record observed for the Policy Domain; absent tags are
     * {@code null} (the writer fills RFC defaults where a schema requires the element).
     */
    public record PolicyPublished(String domain, String discoveryMethod, String adkim, String aspf, String p,
            String sp, String np, String testing, String fo, String pct) {
        public PolicyPublished {
            Objects.requireNonNull(domain, "domain");
        }
    }

    /**
     * One {@code record}: {@code row} (source IP, count, policy evaluated), {@code identifiers} and
     * {@code auth_results}.
     *
     * @param disposition {@code none}, {@code quarantine}, {@code reject} (or {@code pass})
     * @param dkim the DMARC-aligned DKIM result, {@code pass} or {@code fail}
     * @param spf the DMARC-aligned SPF result, {@code pass} or {@code fail}
     */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf,
            List<OverrideReason> reasons, String envelopeTo, String envelopeFrom, String headerFrom,
            List<DkimAuthResult> dkimResults, List<SpfAuthResult> spfResults) {
        public Row {
            reasons = List.copyOf(reasons);
            dkimResults = List.copyOf(dkimResults);
            spfResults = List.copyOf(spfResults);
        }
    }

    /** {@code policy_evaluated/reason}: why the disposition differs from the published policy. */
    public record OverrideReason(String type, String comment) {
    }

    /** {@code auth_results/dkim}: one signature's result, uninterpreted with respect to DMARC. */
    public record DkimAuthResult(String domain, String selector, String result, String humanResult) {
    }

    /** {@code auth_results/spf}. */
    public record SpfAuthResult(String domain, String scope, String result, String humanResult) {
    }

    /** The total of the {@code count} of every record. */
    public long messageCount() {
        long n = 0;
        for (Row r : records) {
            n += r.count();
        }
        return n;
    }
}
