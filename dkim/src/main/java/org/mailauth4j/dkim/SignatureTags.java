package org.mailauth4j.dkim;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The tag=value list of a DKIM-Signature field (RFC 6376 §3.2, §3.5) located in the field's raw
 * bytes: for each tag DKIM defines, where its value starts and ends. Nothing is decoded or copied
 * while scanning, so {@link DkimSignature#parse} turns into objects only the values it needs.
 *
 * <p>The syntax accepted is exactly that of {@link org.mailauth4j.core.tags.TagList} (which the
 * key record and the error messages still use): tag-specs separated by {@code ;}, an optional
 * {@code ;} at the end, each {@code [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]} with
 * {@code tag-name = ALPHA *(ALPHA / DIGIT / "_")} (case-sensitive), a value of VALCHARs, FWS or
 * 8-bit octets (RFC 6532), and no tag twice (§3.2: "Tags with duplicate names MUST NOT occur
 * within a single tag-list; if a tag name does occur more than once, the entire tag-list is
 * invalid"). Tags DKIM does not define are checked and then ignored (§3.2: "Unrecognized tags
 * MUST be ignored").
 */
final class SignatureTags {
    /** The tags of RFC 6376 §3.5, in slot order. */
    static final String[] NAMES = {"v", "a", "b", "bh", "c", "d", "h", "i", "l", "q", "s", "t", "x", "z"};
    static final int V = 0;
    static final int A = 1;
    static final int B = 2;
    static final int BH = 3;
    static final int C = 4;
    static final int D = 5;
    static final int H = 6;
    static final int I = 7;
    static final int L = 8;
    static final int Q = 9;
    static final int S = 10;
    static final int T = 11;
    static final int X = 12;
    static final int Z = 13;

    private final byte[] raw;
    /** Per slot: value start and end (exclusive) in {@link #raw}; start -1 when the tag is absent. */
    private final int[] spans = new int[2 * NAMES.length];

    private SignatureTags(byte[] raw) {
        this.raw = raw;
        java.util.Arrays.fill(spans, -1);
    }

    /**
     * Scans the tag list in {@code raw[from, to)} (a field's value: after the colon, before the
     * final CRLF).
     *
     * @return the tags, or null when the list is not valid tag=value syntax (the caller asks
     *         {@code TagList} for the wording of the error)
     */
    static SignatureTags scan(byte[] raw, int from, int to) {
        SignatureTags tags = new SignatureTags(raw);
        Set<String> otherNames = null;
        int pos = from;
        while (pos <= to) {
            int semi = endOfTagSpec(raw, pos, to);
            if (semi < 0) {
                return null;
            }
            int start = skipFws(raw, pos, semi);
            int end = trimFwsEnd(raw, start, semi);
            if (start == end) {
                if (semi >= to) {
                    break; // an empty list, or a ';' at the end
                }
                return null; // empty tag-spec
            }
            int eq = start;
            while (eq < end && raw[eq] != '=') {
                eq++;
            }
            if (eq == end) {
                return null; // no '='
            }
            int nameEnd = trimFwsEnd(raw, start, eq);
            if (!isTagName(raw, start, nameEnd)) {
                return null;
            }
            int slot = slot(raw, start, nameEnd);
            if (slot >= 0) {
                if (tags.spans[2 * slot] >= 0) {
                    return null; // duplicate
                }
                tags.spans[2 * slot] = skipFws(raw, eq + 1, end);
                tags.spans[2 * slot + 1] = end;
            } else {
                if (otherNames == null) {
                    otherNames = new HashSet<>();
                }
                if (!otherNames.add(new String(raw, start, nameEnd - start, StandardCharsets.US_ASCII))) {
                    return null; // duplicate
                }
            }
            pos = semi + 1;
        }
        return tags;
    }

    /**
     * The end of the tag-spec starting at {@code from}: the index of the next {@code ;} in
     * {@code raw[from, to)}, or {@code to}; or -1 when an octet no tag list may contain comes
     * first — a control character other than SP, TAB, CR and LF, or DEL, which is neither FWS,
     * nor part of a tag name, nor a VALCHAR (§3.2), wherever it stands. Eight bytes at a time.
     */
    private static int endOfTagSpec(byte[] raw, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = ByteWords.get(raw, i);
            long semis = ByteWords.equalBytes(w, (byte) ';');
            int stop = semis == 0 ? i + 8 : i + (Long.numberOfTrailingZeros(semis) >>> 3);
            // bytes below 0x20 (at most 0x20 with bit 5 clear) or DEL: look at those before the
            // ';' one by one (the CR LF of folding are among them)
            if (((ByteWords.lessOrEqual20(w) & (~w << 2)) | ByteWords.equalBytes(w, (byte) 0x7f)) != 0) {
                for (int k = i; k < stop; k++) {
                    if (isControl(raw[k])) {
                        return -1;
                    }
                }
            }
            if (semis != 0) {
                return stop;
            }
        }
        for (; i < to; i++) {
            if (raw[i] == ';') {
                return i;
            }
            if (isControl(raw[i])) {
                return -1;
            }
        }
        return to;
    }

    private static boolean isControl(byte c) {
        return (c >= 0 && c < 0x20 && !isFws(c)) || c == 0x7f;
    }

    /** The slot of a tag name DKIM-Signature defines, or -1 for any other name. */
    private static int slot(byte[] raw, int start, int end) {
        if (end - start == 2) {
            return raw[start] == 'b' && raw[start + 1] == 'h' ? BH : -1;
        }
        if (end - start != 1) {
            return -1;
        }
        switch (raw[start]) {
            case 'v': return V;
            case 'a': return A;
            case 'b': return B;
            case 'c': return C;
            case 'd': return D;
            case 'h': return H;
            case 'i': return I;
            case 'l': return L;
            case 'q': return Q;
            case 's': return S;
            case 't': return T;
            case 'x': return X;
            case 'z': return Z;
            default: return -1;
        }
    }

    /** §3.2 {@code tag-name = ALPHA *ALNUMPUNC}, {@code ALNUMPUNC = ALPHA / DIGIT / "_"}. */
    private static boolean isTagName(byte[] raw, int start, int end) {
        if (start == end || !isAlpha(raw[start])) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            byte c = raw[i];
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isFws(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipFws(byte[] b, int from, int to) {
        while (from < to && isFws(b[from])) {
            from++;
        }
        return from;
    }

    private static int trimFwsEnd(byte[] b, int from, int to) {
        while (to > from && isFws(b[to - 1])) {
            to--;
        }
        return to;
    }

    /**
     * A copy of {@code raw[from, to)} without SP, TAB, CR and LF: a folded {@code b=} or
     * {@code bh=} value as plain base64 (RFC 6376 §3.5: "Whitespace is ignored in this value").
     * Copies the runs between white space whole; other controls were refused by {@link #scan}.
     */
    static byte[] withoutFws(byte[] raw, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            int run = nextFws(raw, i, to);
            System.arraycopy(raw, i, out, n, run - i);
            n += run - i;
            i = skipFws(raw, run, to);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** How many bytes {@code c} {@code raw[from, to)} holds. */
    static int count(byte[] raw, int from, int to, byte c) {
        int n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            n += Long.bitCount(ByteWords.equalBytes(ByteWords.get(raw, i), c));
        }
        for (; i < to; i++) {
            if (raw[i] == c) {
                n++;
            }
        }
        return n;
    }

    /** The index of the first SP, TAB, CR or LF in {@code raw[from, to)}, or {@code to}. */
    private static int nextFws(byte[] raw, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (ByteWords.lessOrEqual20(ByteWords.get(raw, i)) != 0) {
                break; // in a scanned list, bytes up to 0x20 are FWS
            }
        }
        while (i < to && !isFws(raw[i])) {
            i++;
        }
        return i;
    }

    /** The scanned bytes (not a copy). */
    byte[] raw() {
        return raw;
    }

    boolean has(int slot) {
        return spans[2 * slot] >= 0;
    }

    /** Where the value of the tag in {@code slot} starts (outer FWS excluded). */
    int start(int slot) {
        return spans[2 * slot];
    }

    /** Where the value of the tag in {@code slot} ends, exclusive (outer FWS excluded). */
    int end(int slot) {
        return spans[2 * slot + 1];
    }

    /** The value as text (UTF-8, RFC 6532), exactly as {@code TagList} gives it; null when absent. */
    String text(int slot) {
        return has(slot) ? text(raw, start(slot), end(slot)) : null;
    }

    /**
     * {@code raw[from, to)} as text. The bounds sit next to ASCII octets, so decoding the piece
     * gives the same characters as cutting them out of the decoded whole value.
     */
    static String text(byte[] raw, int from, int to) {
        return new String(raw, from, to - from, StandardCharsets.UTF_8);
    }
}
