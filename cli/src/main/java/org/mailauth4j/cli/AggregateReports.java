package org.mailauth4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.dmarc.report.AggregateReport;
import org.mailauth4j.dmarc.report.AggregateReportBuilder;
import org.mailauth4j.dmarc.report.AggregateReportWriter;
import org.mailauth4j.dmarc.report.ReportFormat;

/**
 * {@code verify --aggregate-report DIR}: the DMARC aggregate reports (RFC 9990 §2.1) a run
 * corresponds to, one XML file per DMARC Policy Domain named
 * {@code receiver!policy-domain!begin!end!unique-id.xml} (RFC 9990 "Email"; uncompressed, the
 * {@code .xml} extension of its ABNF), where {@code receiver} is the domain of {@code
 * --report-email} and {@code unique-id} a hash of the report's content ({@link #uniqueId}); the
 * Report-ID is {@code unique-id@receiver}.
 *
 * <p>The period is when the reported messages arrived: from the earliest to one second after the
 * latest {@code date-time} of the Received field their client address came from (RFC 5322
 * §3.6.7), whole seconds, so {@code end > begin} even for one message. Only when none of those
 * dates parses does the period fall back to the evaluation instants ({@code --at}, or the run's
 * wall clock), by the same rule. Existing files are never overwritten.
 */
final class AggregateReports {
    private final Path dir;
    private final String receiver;
    private final boolean gzip;
    private final AggregateReportBuilder builder;
    private final Span arrivals = new Span();
    private final Span evaluations = new Span();
    private long counted;
    private long noClientIp;
    private long notReportable;

    AggregateReports(Path dir, String orgName, String email, String receiver, boolean gzip) {
        this.dir = dir;
        this.receiver = receiver;
        this.gzip = gzip;
        this.builder = new AggregateReportBuilder(orgName, email, receiver);
    }

    /**
     * Counts one verified message.
     *
     * @param sourceIp the SMTP client's address ({@code --ip}, or from the Received fields), or
     *     {@code null} when unknown: the message is skipped, never reported with a made-up address
     * @param arrival when the message arrived (its Received field's date-time), or {@code null}
     * @param at when the message was evaluated
     */
    void add(AuthenticationReport report, InetAddress sourceIp, Instant arrival, Instant at) {
        boolean reportable = report.dmarcOutcome().map(AggregateReportBuilder::isReportable).orElse(false);
        if (!reportable) {
            notReportable++;
        } else if (sourceIp == null) {
            noClientIp++;
        } else {
            report.addTo(builder, sourceIp, null); // reportable: it is counted in a row
            counted++;
            evaluations.add(at);
            if (arrival != null) {
                arrivals.add(arrival);
            }
        }
    }

    /** The earliest and latest of some instants, in whole seconds. */
    private static final class Span {
        Instant first;
        Instant last;

        void add(Instant t) {
            Instant s = t.truncatedTo(ChronoUnit.SECONDS);
            first = first == null || s.isBefore(first) ? s : first;
            last = last == null || s.isAfter(last) ? s : last;
        }
    }

    /**
     * Writes the reports and says on {@code err} what was written and what was skipped.
     *
     * @return whether everything was written
     */
    boolean write(PrintWriter err) {
        if (notReportable > 0) {
            err.println("mailauth4j: aggregate report: " + messages(notReportable) + " not reportable "
                    + "(no DMARC policy applied: dmarc=none, temperror or permerror)");
        }
        if (noClientIp > 0) {
            err.println("mailauth4j: aggregate report: " + messages(noClientIp) + " skipped: no client IP "
                    + "(no --ip, and no client address in the top-most Received field with a from clause)");
        }
        Span period = arrivals.first != null ? arrivals : evaluations;
        List<AggregateReport> reports = period.first == null ? List.of()
                : builder.build(period.first, period.last.plusSeconds(1));
        if (reports.isEmpty()) {
            err.println("mailauth4j: aggregate report: no reportable message, no report written");
            return true;
        }
        List<Path> files = new ArrayList<>();
        List<byte[]> xml = new ArrayList<>();
        for (AggregateReport built : reports) {
            String id = uniqueId(built);
            AggregateReport r = withReportId(built, id + "@" + receiver);
            byte[] x = AggregateReportWriter.toXml(r, ReportFormat.RFC9990);
            xml.add(gzip ? AggregateReportWriter.gzip(x) : x);
            Path f = dir.resolve(AggregateReportWriter.filename(receiver, r, id, gzip));
            if (Files.exists(f)) {
                err.println("mailauth4j: aggregate report: " + f + " exists, not overwritten; no report written");
                return false;
            }
            files.add(f);
        }
        // every report is written to a temporary file first; only then are they renamed, so a
        // failure while writing leaves no report behind
        List<Path> temps = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (byte[] x : xml) {
                Path t = Files.createTempFile(dir, ".mailauth4j-report-", ".tmp");
                temps.add(t);
                Files.write(t, x, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temps);
            err.println("mailauth4j: aggregate report: cannot write in " + dir + ": " + e + "; no report written");
            return false;
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                Files.move(temps.get(i), files.get(i)); // fails when the name exists meanwhile
                written.add(files.get(i));
            } catch (IOException e) {
                deleteQuietly(temps.subList(i, temps.size()));
                err.println("mailauth4j: aggregate report: cannot write " + files.get(i) + ": " + e
                        + (written.isEmpty() ? "; no report written" : "; written before the failure: " + written));
                return false;
            }
        }
        err.println("mailauth4j: aggregate report: " + messages(counted) + " in " + reports.size()
                + (reports.size() == 1 ? " report" : " reports") + " written in " + dir);
        return true;
    }

    private static void deleteQuietly(List<Path> paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort: a temporary file name never looks like a report
            }
        }
    }

    /**
     * The report's {@code unique-id} (RFC 9990 file name {@code unique-id = 1*(ALPHA / DIGIT)}): the
     * first 16 hex digits of the SHA-256 of its XML with an empty {@code report_id}. The same
     * content (domain, period, rows) always gives the same id, as a re-sent report's file name must
     * be the same; different reports to one domain get different ids, as Report-IDs must differ.
     */
    static String uniqueId(AggregateReport report) {
        byte[] xml = AggregateReportWriter.toXml(withReportId(report, ""), ReportFormat.RFC9990);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required in every JDK", e);
        }
    }

    private static AggregateReport withReportId(AggregateReport r, String id) {
        AggregateReport.Metadata m = r.metadata();
        return new AggregateReport(r.version(), new AggregateReport.Metadata(m.orgName(), m.email(),
                m.extraContactInfo(), id, m.begin(), m.end(), m.errors(), m.generator()), r.policyPublished(),
                r.records());
    }

    private static String messages(long n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
