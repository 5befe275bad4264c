package org.mailauth4j.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.text.Ascii;

/**
 * The two canonicalization algorithms of RFC 6376 §3.4, for header fields and for the body. Header
 * fields are canonicalized here on their exact bytes; bodies are canonicalized while streaming by
 * {@link BodyHasher}.
 */
public enum Canonicalization {
    /** §3.4.1 (header: unchanged) and §3.4.3 (body: trailing empty lines removed). */
    SIMPLE("simple"),
    /** §3.4.2 (header: lower-case name, unfolded, WSP collapsed) and §3.4.4 (body: WSP collapsed). */
    RELAXED("relaxed");

    /** {@link #values()} without a copy per call. */
    private static final Canonicalization[] ALL = values();

    private final String tagValue;

    Canonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    /** {@code simple} or {@code relaxed}. */
    public String tagValue() {
        return tagValue;
    }

    /** The algorithm named {@code name} (case-insensitive), or {@code null} when unknown. */
    public static Canonicalization forTagValue(String name) {
        for (Canonicalization c : ALL) {
            if (Ascii.equalsIgnoreCase(c.tagValue, name)) {
                return c;
            }
        }
        return null;
    }

    /** The canonical form of {@code field}, including its final CRLF. */
    public byte[] canonicalizeHeader(HeaderField field) {
        return canonicalizeHeader(field.raw());
    }

    /**
     * The canonical form of a raw header field ({@code name ":" value CRLF}, CRLF line endings),
     * including the final CRLF. Works on bytes: 8-bit octets pass through unchanged.
     */
    public byte[] canonicalizeHeader(byte[] raw) {
        if (this == SIMPLE) {
            return raw.clone();
        }
        byte[] out = new byte[raw.length + 2];
        int n = relaxedHeader(raw, 0, raw.length, out);
        return Arrays.copyOf(out, n);
    }

    /** Static form of {@link #canonicalizeHeader(HeaderField)}. */
    public static byte[] canonicalizeHeader(HeaderField field, boolean relaxed) {
        return (relaxed ? RELAXED : SIMPLE).canonicalizeHeader(field);
    }

    /**
     * Relaxed header canonicalization (RFC 6376 §3.4.2) of {@code raw[off, off+len)} into {@code out}
     * (which needs {@code len + 2} bytes): name lower-cased; line breaks of folding removed; WSP runs
     * become one SP; WSP at the end of the value and around the colon removed; CRLF appended.
     *
     * @return the number of bytes written
     */
    static int relaxedHeader(byte[] raw, int off, int len, byte[] out) {
        return relaxedHeader(raw, off, len, out, 0);
    }

    /** As {@link #relaxedHeader(byte[], int, int, byte[])}, writing from {@code out[start]} on (len + 2 bytes of room). */
    static int relaxedHeader(byte[] raw, int off, int len, byte[] out, int start) {
        int end = off + len;
        // drop the terminating CRLF, and the white space and line breaks before it, which
        // relaxed canonicalization deletes anyway ("Delete all WSP characters at the end of
        // each unfolded header field value"): the value then ends with a byte that stays
        while (end > off && isWhiteOrBreak(raw[end - 1])) {
            end--;
        }
        int o = start;
        int i = off;
        // name: up to the colon, lower-cased, whitespace before the colon removed; eight bytes
        // at a time while they hold neither the colon nor white space
        while (i + 8 <= end) {
            long w = ByteWords.get(raw, i);
            if ((ByteWords.lessOrEqual20(w) | ByteWords.equalBytes(w, (byte) ':')) != 0) {
                break;
            }
            ByteWords.put(out, o, lowerCaseLetters(w));
            o += 8;
            i += 8;
        }
        while (i < end && raw[i] != ':') {
            byte c = raw[i++];
            if (isWhiteOrBreak(c)) {
                continue;
            }
            out[o++] = (c >= 'A' && c <= 'Z') ? (byte) (c + 32) : c;
        }
        out[o++] = ':';
        i++; // the colon
        boolean wsp = false;
        boolean any = false;
        for (; i < end; i++) {
            byte c = raw[i];
            if (c == '\r' || c == '\n') {
                continue; // unfold
            }
            if (c == ' ' || c == '\t') {
                wsp = true;
                continue;
            }
            if (wsp && any) {
                out[o++] = ' ';
            }
            wsp = false;
            any = true;
            out[o++] = c;
            // then whole words that need no change go straight through: no byte below 0x20
            // (TAB, CR, LF, controls) and no SP followed by another byte of at most 0x20; a
            // single SP between words stays as it is. The value's last byte is not white space,
            // so an SP is always followed by something. (o - start never runs ahead of i - off,
            // so out, which has len + 2 bytes of room, has room for the word.)
            while (i + 9 <= end) {
                long w = ByteWords.get(raw, i + 1);
                long low = ByteWords.lessOrEqual20(w);
                if (low != 0) {
                    long nextLow = i + 9 < end && (raw[i + 9] & 0xff) <= 0x20 ? 0x80L : 0L;
                    if (ByteWords.relaxedTrouble(w, low, nextLow) != 0) {
                        break;
                    }
                }
                ByteWords.put(out, o, w);
                o += 8;
                i += 8;
            }
        }
        out[o++] = '\r';
        out[o++] = '\n';
        return o - start;
    }

    /** {@code w} with its bytes 'A'..'Z' made 'a'..'z' (ASCII only: 8-bit bytes are left alone). */
    static long lowerCaseLetters(long w) {
        long seven = w & 0x7f7f7f7f7f7f7f7fL;
        long atLeastA = seven + 0x3f3f3f3f3f3f3f3fL; // high bit set where the low 7 bits are >= 'A'
        long aboveZ = seven + 0x2525252525252525L; // high bit set where they are > 'Z'
        long upper = atLeastA & ~aboveZ & ~w & 0x8080808080808080L;
        return w | (upper >>> 2); // 'A'..'Z' have bit 5 clear; setting it adds 0x20
    }

    private static boolean isWhiteOrBreak(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The canonical form of a whole body (CRLF line endings) — a convenience for small bodies and
     * tests; {@link BodyHasher} streams without holding the body.
     */
    public byte[] canonicalizeBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        BodyCanonicalizer c = new BodyCanonicalizer(this, out::write);
        c.update(body, 0, body.length);
        c.finish();
        return out.toByteArray();
    }
}
