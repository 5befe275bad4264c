package org.mailauth4j.core.ar;

import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.text.Ascii;

/**
 * One method result in an Authentication-Results field (RFC 8601 §2.2 {@code resinfo}):
 * {@code method[/version]=result [reason=...] [ptype.property=value ...]}.
 *
 * @param method e.g. {@code spf}, {@code dkim}, {@code dmarc}, {@code arc}
 * @param version the method version, or 0 when absent
 * @param result the result word, lower case (RFC 8601 §2.7 registry)
 * @param reason free-text reason, or {@code null}; made safe to write on construction (see
 *     {@link AuthenticationResults#safeValue}): a reason often quotes attacker-controlled text
 *     (a tag value, a HELO argument, a DNS record), and RFC 8601 §2.2 writes it as a
 *     {@code value}, which cannot hold control characters; a word (run without spaces) longer
 *     than 400 characters is cut to that length, ending in "...", so the
 *     formatter, which folds only at spaces, can keep every line within RFC 5322 §2.1.1's 998
 *     characters
 * @param properties ptype.property=value items in order
 */
public record ResInfo(String method, int version, String result, String reason, List<Property> properties) {

    /** Longest word kept whole in a reason; even fully escaped it fits on one 998-character line. */
    static final int MAX_REASON_WORD = 400;

    public ResInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        reason = shortenLongWords(AuthenticationResults.safeValue(reason));
        properties = List.copyOf(properties);
    }

    public ResInfo(String method, String result, String reason, List<Property> properties) {
        this(method, 0, result, reason, properties);
    }

    private static String shortenLongWords(String text) {
        if (text == null || text.length() <= MAX_REASON_WORD) {
            return text;
        }
        StringBuilder sb = null;
        int start = 0;
        while (start <= text.length()) {
            int space = text.indexOf(' ', start);
            int end = space < 0 ? text.length() : space;
            if (end - start > MAX_REASON_WORD) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, start);
                }
                int cut = start + MAX_REASON_WORD - 3;
                if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                    cut--;
                }
                sb.append(text, start, cut).append("...");
            } else if (sb != null) {
                sb.append(text, start, end);
            }
            if (space < 0) {
                break;
            }
            if (sb != null) {
                sb.append(' ');
            }
            start = space + 1;
        }
        return sb == null ? text : sb.toString();
    }

    /** The value of the first property {@code ptype.name}, or {@code null}. */
    public String property(String ptype, String name) {
        for (Property p : properties) {
            if (Ascii.equalsIgnoreCase(p.type(), ptype) && Ascii.equalsIgnoreCase(p.name(), name)) {
                return p.value();
            }
        }
        return null;
    }

    /** A property {@code ptype.property=value} (RFC 8601 §2.3). */
    public record Property(String type, String name, String value) {
        public Property {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
