package org.mailauth4j.core.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailauth4j.core.text.Ascii;

/**
 * One header field exactly as it appeared in the message (RFC 5322 §2.2): name, colon, value,
 * folding and 8-bit bytes preserved. The only change from the input is that line endings are
 * normalised to CRLF. {@link #raw()} includes the terminating CRLF, so concatenating the raw
 * bytes of all fields reproduces the header section; DKIM "simple" header canonicalization
 * (RFC 6376 §3.4.1) works directly on these bytes.
 */
public final class HeaderField {
    private final byte[] raw;
    private final int colon;
    private final String name;

    /**
     * @param raw the whole field including the terminating CRLF (CRLF-normalised)
     * @param colon index of the first ':' in {@code raw}
     */
    HeaderField(byte[] raw, int colon) {
        this.raw = raw;
        this.colon = colon;
        int end = colon;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
            end--; // obsolete syntax: whitespace before the colon (RFC 5322 §4.5)
        }
        this.name = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Builds a field from its text, e.g. {@code "Subject: hi"}; a CRLF is appended if missing.
     * The text is written UTF-8 (RFC 6532).
     *
     * @throws IllegalArgumentException if the text is not one well-formed field: the name must be
     *     printable ASCII without ':' (RFC 5322 §3.6.8, optional whitespace before the colon), and
     *     every CR and LF must belong to a CRLF followed by a space or tab (folding, §2.2.3) — so
     *     text built from untrusted values can never smuggle in a second header field or end the
     *     header section
     */
    public static HeaderField of(String text) {
        String t = text.endsWith("\r\n") ? text : text + "\r\n";
        byte[] b = t.getBytes(StandardCharsets.UTF_8);
        int c = indexOf(b, (byte) ':');
        if (c <= 0 || !validName(b, c)) {
            throw new IllegalArgumentException("a header field needs a name of printable ASCII and a colon: " + text);
        }
        for (int i = c + 1; i < b.length - 2; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (b[i + 1] != '\n' || (b[i + 2] != ' ' && b[i + 2] != '\t')))) {
                throw new IllegalArgumentException("CR or LF that is not folding (CRLF followed by WSP) at offset " + i
                        + " of header field " + new String(b, 0, c, StandardCharsets.UTF_8));
            }
            if (b[i] == '\r') {
                i++; // the LF of a folding CRLF
            }
        }
        return new HeaderField(b, c);
    }

    /** RFC 5322 §3.6.8 ftext is printable US-ASCII except ':'; obsolete syntax allows WSP before the colon (§4.5). */
    static boolean validName(byte[] b, int colon) {
        int end = colon;
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (b[i] < 33 || b[i] > 126) {
                return false;
            }
        }
        return true;
    }

    /** Builds a field from a name and a value (the value may contain CRLF folding). */
    public static HeaderField of(String name, String value) {
        return of(name + ":" + value);
    }

    static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** The field name as written, without whitespace before the colon. */
    public String name() {
        return name;
    }

    /** Whether this field's name equals {@code other}, ignoring ASCII case (RFC 5322 §1.2.2). */
    public boolean hasName(String other) {
        return Ascii.equalsIgnoreCase(name, other);
    }

    /** The lower-case field name, for case-insensitive lookups. */
    public String lowerName() {
        return Ascii.toLowerCase(name);
    }

    /** A copy of the whole field's bytes including the final CRLF. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Number of raw bytes, including the final CRLF. */
    public int length() {
        return raw.length;
    }

    /** Byte {@code i} of the raw field, without copying. */
    public byte byteAt(int i) {
        return raw[i];
    }

    /** Index of the colon that ends the name within {@link #raw()}. */
    public int colonIndex() {
        return colon;
    }

    /** A copy of the value bytes: everything after the colon, without the final CRLF. */
    public byte[] valueBytes() {
        return Arrays.copyOfRange(raw, colon + 1, raw.length - 2);
    }

    /**
     * The value (after the colon, without the final CRLF) as text. UTF-8 is assumed (RFC 6532);
     * bytes that are not valid UTF-8 become U+FFFD. Folding CRLFs are kept.
     */
    public String value() {
        return new String(raw, colon + 1, raw.length - 2 - colon - 1, StandardCharsets.UTF_8);
    }

    /** The value with folding removed (CRLF before WSP deleted, RFC 5322 §2.2.3). */
    public String unfoldedValue() {
        return value().replace("\r\n", "");
    }

    /** Writes the raw bytes into {@code out}. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(raw);
    }

    @Override
    public String toString() {
        return new String(raw, 0, raw.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField h && Arrays.equals(raw, h.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
