package org.mailauth4j;

import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;

/** Interim RFC 8601 formatter until the core formatter lands: one line, values quoted when needed. */
final class ArFormat {
    private ArFormat() {
    }

    static String value(AuthenticationResults ar) {
        StringBuilder sb = new StringBuilder(ar.authservId());
        if (ar.results().isEmpty()) {
            return sb.append("; none").toString();
        }
        for (ResInfo r : ar.results()) {
            sb.append(";\r\n\t").append(r.method()).append('=').append(r.result());
            if (r.reason() != null) {
                sb.append(" reason=").append(quoted(r.reason()));
            }
            for (ResInfo.Property p : r.properties()) {
                sb.append(' ').append(p.type()).append('.').append(p.name()).append('=').append(token(p.value()));
            }
        }
        return sb.toString();
    }

    private static String token(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>,;:\\\"[]?=".indexOf(c) >= 0 && c != '@') {
                return quoted(v);
            }
        }
        return v.isEmpty() ? "\"\"" : v;
    }

    private static String quoted(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c < ' ' || c == 127 ? ' ' : c);
        }
        return sb.append('"').toString();
    }
}
