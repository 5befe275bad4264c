package org.mailauth4j.dmarc.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailauth4j.core.text.Ascii;

/**
 * Reads failure reports (ARF, RFC 5965; RFC 6591; RFC 9991) leniently from a report e-mail:
 * the {@code message/feedback-report} part's fields, the human-readable part, and the original
 * message or headers. Missing required fields are reported as problems.
 */
public final class FailureReportParser {
    /** The report (fields that were absent are {@code null}/empty) and the problems found. */
    public record Result(FailureReport report, String feedbackType, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private FailureReportParser() {
    }

    public static Result parse(byte[] email) {
        List<String> problems = new ArrayList<>();
        String human = null;
        String fields = null;
        byte[] original = new byte[0];
        boolean headersOnly = false;
        for (MimeParts.Part p : MimeParts.leaves(email)) {
            switch (p.contentType()) {
                case "message/feedback-report" -> {
                    if (fields == null) {
                        fields = new String(p.body(), StandardCharsets.UTF_8);
                    }
                }
                case "message/rfc822" -> original = p.body();
                case "text/rfc822-headers" -> {
                    original = p.body();
                    headersOnly = true;
                }
                case "text/plain" -> {
                    if (human == null) {
                        human = new String(p.body(), StandardCharsets.UTF_8);
                    }
                }
                default -> {
                }
            }
        }
        if (fields == null) {
            problems.add("no message/feedback-report part");
            fields = "";
        }
        if (original.length == 0) {
            problems.add("no original message or header part");
        }
        String type = null, ua = null, version = null, auth = null, delivery = null, domain = null, ip = null;
        String arrival = null, mailFrom = null, envId = null, dkimD = null, dkimI = null, dkimS = null, spfDns = null;
        Integer incidents = null;
        List<String> align = new ArrayList<>();
        List<String> rcpt = new ArrayList<>();
        List<String> ar = new ArrayList<>();
        String unfolded = fields.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
        for (String line : unfolded.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                if (!line.isBlank()) {
                    problems.add("unreadable feedback line \"" + line.strip() + "\"");
                }
                continue;
            }
            String name = Ascii.toLowerCase(line.substring(0, colon).strip());
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "feedback-type" -> type = value;
                case "user-agent" -> ua = value;
                case "version" -> version = value;
                case "auth-failure" -> auth = value;
                case "identity-alignment" -> Arrays.stream(value.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).forEach(align::add);
                case "delivery-result" -> delivery = value;
                case "reported-domain" -> domain = value;
                case "source-ip" -> ip = value;
                case "arrival-date", "received-date" -> arrival = value;
                case "original-mail-from" -> mailFrom = value;
                case "original-rcpt-to" -> rcpt.add(value);
                case "original-envelope-id" -> envId = value;
                case "authentication-results" -> ar.add(value);
                case "dkim-domain" -> dkimD = value;
                case "dkim-identity" -> dkimI = value;
                case "dkim-selector" -> dkimS = value;
                case "spf-dns" -> spfDns = value;
                case "incidents" -> {
                    try {
                        incidents = Integer.valueOf(value);
                    } catch (NumberFormatException e) {
                        problems.add("unreadable Incidents \"" + value + "\"");
                    }
                }
                default -> {
                }
            }
        }
        if (type == null) {
            problems.add("Feedback-Type missing (RFC 5965 section 3.1)");
        } else if (!Ascii.equalsIgnoreCase(type, "auth-failure")) {
            problems.add("Feedback-Type is " + type + ", not auth-failure");
        }
        if (ua == null) {
            problems.add("User-Agent missing (RFC 5965 section 3.1)");
        }
        if (version == null) {
            problems.add("Version missing (RFC 5965 section 3.1)");
        }
        if (auth == null) {
            problems.add("Auth-Failure missing (RFC 6591 section 3.1)");
        }
        if (align.isEmpty() && Ascii.equalsIgnoreCase("dmarc", auth)) {
            problems.add("Identity-Alignment missing (RFC 9991 section 4: required)");
        }
        FailureReport report = new FailureReport(ua, version, auth, align, delivery, domain, ip, arrival, mailFrom,
                rcpt, envId, ar, dkimD, dkimI, dkimS, spfDns, incidents, human,
                original, headersOnly);
        return new Result(report, type, problems);
    }
}
