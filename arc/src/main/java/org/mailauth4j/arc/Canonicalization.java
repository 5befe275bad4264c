package org.mailauth4j.arc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.mailauth4j.core.message.HeaderField;

/**
 * The two DKIM canonicalization algorithms (RFC 6376 §3.4), which ARC reuses: the AMS names its
 * own in {@code c=} (RFC 8617 §4.1.2), the AS always uses relaxed header canonicalization
 * (RFC 8617 §5.1.1). Works on the exact header bytes, never on decoded text.
 *
 * <p>Package-private stand-in for the DKIM module's canonicalizer until that one is public.
 */
enum Canonicalization {
    SIMPLE, RELAXED;

    /** Parses one half of {@code c=}; {@code null} when unknown. */
    static Canonicalization forName(String s) {
        return switch (s) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> null;
        };
    }

    String word() {
        return this == SIMPLE ? "simple" : "relaxed";
    }

    /**
     * Appends the canonical form of {@code field} to {@code out}; {@code bEmptied} removes the
     * value of the {@code b=} tag first (RFC 6376 §3.7); {@code crlf} keeps the final CRLF.
     */
    void header(HeaderField field, boolean bEmptied, boolean crlf, ByteArrayOutputStream out) {
        byte[] raw = field.raw();
        int len = raw.length - 2; // without the final CRLF
        if (bEmptied) {
            raw = emptyB(raw, field.colonIndex(), len);
            len = raw.length;
        }
        if (this == SIMPLE) {
            out.write(raw, 0, len);
        } else {
            relaxed(raw, field.colonIndex(), len, out);
        }
        if (crlf) {
            out.write('\r');
            out.write('\n');
        }
    }

    /** RFC 6376 §3.4.2: lower-case name, unfold, WSP runs to one SP, no WSP at the end or around the colon. */
    private static void relaxed(byte[] raw, int colon, int len, ByteArrayOutputStream out) {
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        out.write(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < len; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                continue; // unfolding: the CRLF goes, the WSP after it stays
            }
            if (isWsp(b)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.write(' ');
                pendingSpace = false;
            }
            started = true;
            out.write(b);
        }
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * The field bytes (without final CRLF) with the value of tag {@code b} removed: everything
     * after its {@code =} up to the next {@code ;} or the end (RFC 6376 §3.5 "b=" and §3.7).
     */
    static byte[] emptyB(byte[] raw, int colon, int len) {
        int start = colon + 1;
        while (start < len) {
            int semi = start;
            while (semi < len && raw[semi] != ';') {
                semi++;
            }
            int p = start;
            while (p < semi && isFws(raw[p])) {
                p++;
            }
            if (p < semi && raw[p] == 'b') {
                int q = p + 1;
                while (q < semi && isFws(raw[q])) {
                    q++;
                }
                if (q < semi && raw[q] == '=') {
                    ByteArrayOutputStream o = new ByteArrayOutputStream(len);
                    o.write(raw, 0, q + 1);
                    o.write(raw, semi, len - semi);
                    return o.toByteArray();
                }
            }
            start = semi + 1;
        }
        byte[] copy = new byte[len];
        System.arraycopy(raw, 0, copy, 0, len);
        return copy;
    }

    private static boolean isFws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** The canonical form of a header field as text (for tests and debugging). */
    String headerText(HeaderField f, boolean bEmptied) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        header(f, bEmptied, true, o);
        return o.toString(StandardCharsets.ISO_8859_1);
    }
}
