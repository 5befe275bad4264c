package org.mailauth4j.cli;

import org.mailauth4j.AuthenticationReport;

/** The readable per-message block of {@code verify}: one line per check, with the reason for every non-pass. */
final class Human {
    private Human() {
    }

    static String block(String file, AuthenticationReport r) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("== ").append(file).append('\n');
        AuthenticationReport.Spf spf = r.spf();
        line(sb, "spf", spf.result(), join(spf.identity() == null ? null : spf.identity() + "=" + spf.domain(),
                spf.mechanism() == null ? null : "matched " + spf.mechanism()), spf.reason(), spf.explanation());
        if (r.dkim().isEmpty()) {
            line(sb, "dkim", "none", null, "no DKIM-Signature", null);
        }
        for (AuthenticationReport.Dkim d : r.dkim()) {
            line(sb, "dkim", d.result(), join(d.domain() == null ? null : "d=" + d.domain(),
                    d.selector() == null ? null : "s=" + d.selector(), d.algorithm() == null ? null : "a=" + d.algorithm()),
                    d.reason(), null);
        }
        AuthenticationReport.Arc arc = r.arc();
        line(sb, "arc", arc.result(), arc.instances() > 0 ? "i=" + arc.instances() : null, arc.reason(), null);
        AuthenticationReport.Dmarc m = r.dmarc();
        line(sb, "dmarc", m.result(), join(m.domain() == null ? null : "from=" + m.domain(),
                m.policy() == null ? null : "p=" + m.policy(), m.disposition() == null ? null : "disposition=" + m.disposition()),
                m.reason(), null);
        sb.append("  ").append(r.authenticationResultsHeader().replace("\r\n", "\n  ")).append("\n\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String method, String result, String detail, String reason, String explanation) {
        sb.append("  ").append(pad(method, 6)).append(pad(result, 10));
        if (detail != null) {
            sb.append(detail);
        }
        if (reason != null && !"pass".equals(result)) {
            sb.append(detail != null ? "  " : "").append("(").append(reason).append(')');
        }
        if (explanation != null) {
            sb.append("  explanation: ").append(explanation);
        }
        sb.append('\n');
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(p);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String pad(String s, int n) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < n) {
            sb.append(' ');
        }
        return sb.append(' ').toString();
    }
}
