package org.mailauth4j.spf;

import org.mailauth4j.core.dns.IpLiteral;
import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;

/**
 * Recording the result (RFC 7208 §9): the {@code Received-SPF} header field (§9.1) and the
 * {@code spf} method of Authentication-Results (§9.2, RFC 8601 §2.7.2).
 */
public final class ReceivedSpf {
    /** Longest word written whole (see {@link #shortenLongWords}). */
    static final int MAX_WORD = 400;

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
        String comment = shortenLongWords((o.receiver() == null ? "" : o.receiver() + ": ") + o.reason());
        StringBuilder first = new StringBuilder(o.result().word()).append(" (").append(commentText(comment)).append(')');
        List<String[]> pairs = new ArrayList<>();
        if (o.ip() != null) {
            pairs.add(new String[] {"client-ip", IpLiteral.format(o.ip())});
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
        for (String[] pair : pairs) {
            pair[1] = shortenLongWords(pair[1]);
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
     * The sender and HELO name come from the SMTP client as it sent them; one that holds control
     * characters cannot be written as an RFC 8601 §2.2 pvalue (a token, quoted-string or
     * address, none of which allows CTLs), and one over {@value #MAX_WORD} characters cannot be
     * kept within a 998-character line, so such a value is left out rather than altered — the reason
     * (cleaned by {@link ResInfo}) still says what was wrong with it.
     */
    public static ResInfo resInfo(SpfOutcome o) {
        List<ResInfo.Property> props = new ArrayList<>(1);
        if (o.identity() == SpfOutcome.Identity.MAILFROM) {
            if (o.sender() != null && isWritable(o.sender())) {
                props.add(new ResInfo.Property("smtp", "mailfrom", o.sender()));
            }
        } else if (o.helo() != null && !o.helo().isEmpty() && isWritable(o.helo())) {
            props.add(new ResInfo.Property("smtp", "helo", o.helo()));
        }
        return new ResInfo("spf", o.result().word(), o.reason(), props);
    }

    /**
     * Whether {@code pvalue} can be written unchanged: no control characters, and short enough
     * for one 998-character line even when quoted (RFC 5321 §4.5.3.1 limits a path to 256
     * octets and a domain to 255, so a longer one is not a real identity anyway).
     */
    private static boolean isWritable(String pvalue) {
        return pvalue.length() <= MAX_WORD && AuthenticationResults.safeValue(pvalue).equals(pvalue);
    }

    /**
     * {@code text} with every word (run without spaces) longer than {@link #MAX_WORD} characters
     * cut to that length, ending in "...". The field is folded only at spaces, and RFC 5322
     * §2.1.1 allows no line over 998 characters; the words come from the record and the SMTP
     * client (an unknown 3000-character mechanism is quoted in the reason and the problem), and
     * even escaped, a shortened word fits on one line.
     */
    static String shortenLongWords(String text) {
        if (text == null || text.length() <= MAX_WORD) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int start = 0;
        while (true) {
            int space = text.indexOf(' ', start);
            int end = space < 0 ? text.length() : space;
            if (end - start > MAX_WORD) {
                int cut = start + MAX_WORD - 3;
                if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                    cut--;
                }
                sb.append(text, start, cut).append("...");
            } else {
                sb.append(text, start, end);
            }
            if (space < 0) {
                return sb.toString();
            }
            sb.append(' ');
            start = space + 1;
        }
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
