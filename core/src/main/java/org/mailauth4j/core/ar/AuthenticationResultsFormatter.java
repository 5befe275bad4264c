package org.mailauth4j.core.ar;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an Authentication-Results value (RFC 8601 §2.2) strictly: every keyword is checked,
 * every value is written as an RFC 2045 token, an {@code [local-part]@domain} or a quoted-string
 * with '"' and '\' escaped, and CR, LF and other control characters are refused, so no input can
 * end the field, add a field, or unbalance a quote. Lines are folded (RFC 5322 §2.2.3) between
 * items so that none exceeds 78 characters unless a single item is longer; each fold replaces
 * one space by CRLF SP, so unfolding restores the value exactly.
 *
 * <p>A quoted-string is not folded inside unless it would exceed the 998-character line limit
 * (RFC 5322 §2.1.1): RFC 5322 §3.2.4 makes such folding invisible, but peers do not all agree —
 * the Python {@code authres} module keeps the CRLF in the value — so a long reason rather
 * overflows the 78-column recommendation than changes meaning for some readers.
 */
final class AuthenticationResultsFormatter {
    static final int LINE = 78;
    /** Items longer than this are folded inside their quoted-string to stay below 998 per line. */
    static final int SPLIT_QUOTED_ABOVE = 900;

    private AuthenticationResultsFormatter() {
    }

    /**
     * @param ar what to write
     * @param column the column where the value's leading space goes (the length of {@code Name:})
     * @return the folded value, starting with a space
     */
    static String format(AuthenticationResults ar, int column) {
        List<String> items = new ArrayList<>();
        items.add(value(ar.authservId(), "authserv-id", false));
        if (ar.version() < 0) {
            throw new IllegalArgumentException("negative version " + ar.version());
        }
        if (ar.version() > 0) {
            items.add(Integer.toString(ar.version()));
        }
        if (ar.results().isEmpty()) {
            appendSemicolon(items);
            items.add("none");
        }
        for (ResInfo r : ar.results()) {
            appendSemicolon(items);
            StringBuilder m = new StringBuilder(keyword(r.method(), "method"));
            if (r.version() < 0) {
                throw new IllegalArgumentException("negative method version " + r.version());
            }
            if (r.version() > 0) {
                m.append('/').append(r.version());
            }
            items.add(m.append('=').append(keyword(r.result(), "result")).toString());
            if (r.reason() != null) {
                splitQuoted(items, "reason=" + value(r.reason(), "reason", false));
            }
            for (ResInfo.Property p : r.properties()) {
                String item = keyword(p.type(), "ptype") + '.' + keyword(p.name(), "property") + '=' + value(p.value(), "property value", true);
                splitQuoted(items, item);
            }
        }
        return fold(items, column);
    }

    private static void appendSemicolon(List<String> items) {
        int last = items.size() - 1;
        items.set(last, items.get(last) + ";");
    }

    /** Adds {@code item}; a very long one is split at single spaces inside its quoted-string so it can be folded there. */
    private static void splitQuoted(List<String> items, String item) {
        int q = item.indexOf('"');
        if (q < 0 || item.length() <= SPLIT_QUOTED_ABOVE) {
            items.add(item);
            return;
        }
        int start = 0;
        for (int i = q + 1; i < item.length() - 1; i++) {
            if (item.charAt(i) == ' ' && item.charAt(i - 1) != ' ' && item.charAt(i + 1) != ' ' && item.charAt(i - 1) != '\\') {
                items.add(item.substring(start, i));
                start = i + 1;
            }
        }
        items.add(item.substring(start));
    }

    private static String fold(List<String> items, int column) {
        StringBuilder out = new StringBuilder();
        int col = column;
        for (int k = 0; k < items.size(); k++) {
            String item = items.get(k);
            if (k > 0 && col + 1 + item.length() > LINE) {
                out.append("\r\n");
                col = 0;
            }
            out.append(' ').append(item);
            col += 1 + item.length();
        }
        return out.toString();
    }

    /** Keyword = Ldh-str (RFC 8601 §2.2, RFC 5321 §4.1.2): letters, digits, '-', not ending in '-'. */
    static String keyword(String k, String what) {
        if (k == null || k.isEmpty() || k.charAt(k.length() - 1) == '-') {
            throw new IllegalArgumentException("invalid " + what + " keyword: " + k);
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new IllegalArgumentException("invalid " + what + " keyword: " + k);
            }
        }
        return k;
    }

    /**
     * {@code value} of RFC 2045 §5.1 (token or quoted-string); for a property value also the
     * bare {@code [local-part]@domain} form of RFC 8601 §2.2 pvalue.
     */
    static String value(String v, String what, boolean pvalue) {
        if (v == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(String.format("%s contains control character U+%04X", what, (int) c));
            }
        }
        if (what.equals("authserv-id") && v.isEmpty()) {
            throw new IllegalArgumentException("authserv-id is empty");
        }
        if (isToken(v) || (pvalue && isAddress(v))) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** RFC 2045 §5.1 token: printable US-ASCII except SPACE and tspecials. */
    static boolean isToken(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!isTokenChar(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    /** {@code [dot-atom-text] "@" domain-name} with an LDH domain. */
    static boolean isAddress(String v) {
        int at = v.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String local = v.substring(0, at);
        String domain = v.substring(at + 1);
        if (!local.isEmpty() && !isDotAtomText(local)) {
            return false;
        }
        if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotAtomText(String s) {
        if (s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
            if (!atext) {
                return false;
            }
        }
        return true;
    }
}
