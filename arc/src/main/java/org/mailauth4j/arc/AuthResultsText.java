package org.mailauth4j.arc;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.text.Ascii;

/**
 * The little of Authentication-Results syntax (RFC 8601 §2.2) the ARC-Authentication-Results
 * needs: the authserv-id of a field, its resinfo items as text, and resinfo formatting.
 * Package-private until core's formatter/parser is available.
 */
final class AuthResultsText {
    private AuthResultsText() {
    }

    /** The authserv-id (before the first top-level ';', version and comments removed), lower-cased. */
    static String authservId(String value) {
        List<String> parts = split(value);
        if (parts.isEmpty()) {
            return "";
        }
        String head = stripComments(parts.get(0)).trim();
        int sp = indexOfWsp(head);
        return Ascii.toLowerCase(sp < 0 ? head : head.substring(0, sp));
    }

    /** The resinfo items after the authserv-id, whitespace collapsed; "none" yields nothing. */
    static List<String> results(String value) {
        List<String> parts = split(value);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            String r = parts.get(i).replaceAll("[ \t\r\n]+", " ").trim();
            if (!r.isEmpty() && !Ascii.equalsIgnoreCase(r, "none")) {
                out.add(r);
            }
        }
        return out;
    }

    /** Splits at ';' outside quoted strings and comments. */
    static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (c == '"' && depth == 0) {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ';' && depth == 0) {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        out.add(v.substring(start));
        return out;
    }

    private static String stripComments(String s) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int indexOfWsp(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** {@code method[/version]=result [reason="..."] [ptype.property=value ...]} (RFC 8601 §2.2). */
    static String format(ResInfo r) {
        StringBuilder b = new StringBuilder();
        b.append(r.method());
        if (r.version() > 0) {
            b.append('/').append(r.version());
        }
        b.append('=').append(r.result());
        if (r.reason() != null) {
            b.append(" reason=").append(quote(r.reason()));
        }
        for (ResInfo.Property p : r.properties()) {
            b.append(' ').append(p.type()).append('.').append(p.name()).append('=').append(value(p.value()));
        }
        return b.toString();
    }

    /** A pvalue: bare when it is a plain token or address, otherwise a quoted-string. */
    private static String value(String v) {
        if (v.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>,;:\\\"[]".indexOf(c) >= 0) {
                return quote(v);
            }
        }
        return v;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                b.append(' ');
                continue;
            }
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
