package org.mailauth4j.spf;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;

/**
 * Recording the result (RFC 7208 §9): the {@code Received-SPF} header field (§9.1) and the
 * {@code spf} method of Authentication-Results (§9.2, RFC 8601 §2.7.2).
 */
public final class ReceivedSpf {
    private ReceivedSpf() {
    }

    /**
     * The value of a Received-SPF field (§9.1):
     * {@code result (comment) client-ip=...; envelope-from=...; helo=...; receiver=...; identity=...; ...}.
     */
    public static String value(SpfOutcome o) {
        return String.join("; ", pieces(o));
    }

    /**
     * The whole field, {@code Received-SPF: value}, folded at spaces so that lines stay within 78
     * characters where possible (RFC 5322 §2.1.1, §2.2.3); unfolding gives {@link #value} back.
     */
    public static HeaderField header(SpfOutcome o) {
        String v = value(o);
        StringBuilder folded = new StringBuilder(v.length() + 16).append(' ');
        int lineLength = "Received-SPF: ".length();
        int i = 0;
        while (i < v.length()) {
            int next = v.indexOf(' ', i + 1);
            if (next < 0) {
                next = v.length();
            }
            int wordLength = next - i;
            if (i > 0 && lineLength + wordLength > 78) {
                folded.append("\r\n"); // the space at v[i] starts the continuation line
                lineLength = 0;
            }
            folded.append(v, i, next);
            lineLength += wordLength;
            i = next;
        }
        return HeaderField.of("Received-SPF", folded.toString());
    }

    private static List<String> pieces(SpfOutcome o) {
        List<String> out = new ArrayList<>(8);
        String comment = (o.receiver() == null ? "" : o.receiver() + ": ") + o.reason();
        StringBuilder first = new StringBuilder(o.result().word()).append(" (").append(commentText(comment)).append(')');
        List<String[]> pairs = new ArrayList<>();
        if (o.ip() != null) {
            pairs.add(new String[] {"client-ip", o.ip() instanceof Inet4Address
                    ? o.ip().getHostAddress() : IpAddresses.format6(o.ip().getAddress())});
        }
        if (o.identity() == SpfOutcome.Identity.MAILFROM && o.sender() != null) {
            pairs.add(new String[] {"envelope-from", o.sender()});
        }
        if (o.helo() != null && !o.helo().isEmpty()) {
            pairs.add(new String[] {"helo", o.helo()});
        }
        if (o.receiver() != null) {
            pairs.add(new String[] {"receiver", o.receiver()});
        }
        pairs.add(new String[] {"identity", o.identity().word()});
        if (o.matchedTerm() != null) {
            pairs.add(new String[] {"mechanism", o.matchedTerm()});
        }
        if (o.problem() != null && (o.result() == SpfResult.PERMERROR || o.result() == SpfResult.TEMPERROR)) {
            pairs.add(new String[] {"problem", o.problem()});
        }
        // the first key-value pair follows the comment after a space (RFC 7208 §9.1 ABNF)
        first.append(' ').append(pairs.get(0)[0]).append('=').append(keyValue(pairs.get(0)[1]));
        out.add(first.toString());
        for (int k = 1; k < pairs.size(); k++) {
            out.add(pairs.get(k)[0] + "=" + keyValue(pairs.get(k)[1]));
        }
        return out;
    }

    /**
     * The {@code spf} resinfo of Authentication-Results (RFC 8601 §2.7.2, RFC 7208 §9.2):
     * {@code spf=<result> smtp.mailfrom=<sender>} or {@code smtp.helo=<helo>}, with the reason.
     */
    public static ResInfo resInfo(SpfOutcome o) {
        List<ResInfo.Property> props = new ArrayList<>(1);
        if (o.identity() == SpfOutcome.Identity.MAILFROM) {
            if (o.sender() != null) {
                props.add(new ResInfo.Property("smtp", "mailfrom", o.sender()));
            }
        } else if (o.helo() != null && !o.helo().isEmpty()) {
            props.add(new ResInfo.Property("smtp", "helo", o.helo()));
        }
        return new ResInfo("spf", o.result().word(), o.reason(), props);
    }

    /** dot-atom when possible, else quoted-string (RFC 5322 §3.2.3, §3.2.4). */
    static String keyValue(String v) {
        boolean atom = !v.isEmpty() && v.charAt(0) != '.' && v.charAt(v.length() - 1) != '.'
                && !v.contains("..");
        for (int k = 0; atom && k < v.length(); k++) {
            char c = v.charAt(k);
            atom = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
        }
        if (atom) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Comment text (RFC 5322 §3.2.2): parentheses and backslashes escaped, controls removed. */
    static String commentText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '(' || c == ')' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
