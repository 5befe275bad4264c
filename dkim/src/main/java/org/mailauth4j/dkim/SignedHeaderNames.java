package org.mailauth4j.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.text.Ascii;

/**
 * The {@code h=} list of a DKIM-Signature (RFC 6376 §3.5: {@code sig-h-tag = %x68 [FWS] "=" [FWS]
 * hdr-name *( [FWS] ":" [FWS] hdr-name )}), kept as positions in the field's bytes: header
 * selection ({@link HeaderSelector}) compares the names there, and strings are made only when
 * someone asks for {@link #asList()}.
 *
 * <p>A name is its piece between colons without FWS. A piece of plain ASCII with FWS only around
 * it is the common case and stays in the bytes; one with FWS inside or 8-bit octets is decoded
 * (UTF-8) and stripped of every FWS character, and compared as that string.
 */
final class SignedHeaderNames implements HeaderSelector.Names {
    private final byte[] raw;
    /** Per name: start and end (exclusive) in {@link #raw}, FWS around it left out. */
    private final int[] spans;
    /** Per name: the decoded name when it is not plain ASCII between FWS, else null; null when none is. */
    private final String[] decoded;
    private List<String> list;

    private SignedHeaderNames(byte[] raw, int[] spans, String[] decoded) {
        this.raw = raw;
        this.spans = spans;
        this.decoded = decoded;
    }

    /**
     * Reads the names in {@code raw[from, to)} (the value of {@code h=}). At most
     * {@link DkimSignature#MAX_SIGNED_HEADERS} names; none may be empty; From must be one of them
     * (§5.4: "The From header field MUST be signed").
     */
    static SignedHeaderNames parse(byte[] raw, int from, int to) throws DkimFormatException {
        int names = 1 + SignatureTags.count(raw, from, to, (byte) ':');
        if (names > DkimSignature.MAX_SIGNED_HEADERS) {
            throw new DkimFormatException("h= names " + names + " header fields, more than the limit of "
                    + DkimSignature.MAX_SIGNED_HEADERS);
        }
        int[] spans = new int[2 * names];
        String[] decoded = null;
        boolean hasFrom = false;
        int start = from;
        for (int k = 0; k < names; k++) {
            int end = ByteWords.indexOf(raw, start, to, (byte) ':');
            int s = start;
            while (s < end && SignatureTags.isFws(raw[s])) {
                s++;
            }
            int e = end;
            while (e > s && SignatureTags.isFws(raw[e - 1])) {
                e--;
            }
            spans[2 * k] = s;
            spans[2 * k + 1] = e;
            if (isPlain(raw, s, e)) {
                if (s == e) {
                    throw new DkimFormatException("h= has an empty header name");
                }
                hasFrom |= e - s == 4 && equalsIgnoreAsciiCase(raw, s, "from");
            } else {
                String n = DkimKeyRecord.stripFws(SignatureTags.text(raw, start, end));
                if (n.isEmpty()) {
                    throw new DkimFormatException("h= has an empty header name");
                }
                if (decoded == null) {
                    decoded = new String[names];
                }
                decoded[k] = n;
                hasFrom |= Ascii.equalsIgnoreCase(n, "from");
            }
            start = end + 1;
        }
        if (!hasFrom) {
            throw new DkimFormatException("h= does not include From (RFC 6376 section 5.4)");
        }
        return new SignedHeaderNames(raw, spans, decoded);
    }

    /** ASCII without FWS (the tag-list scan already refused other controls). */
    private static boolean isPlain(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = raw[i];
            if (c < 0 || SignatureTags.isFws(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code raw[at, at + text.length())} equals {@code text} ignoring ASCII case. */
    private static boolean equalsIgnoreAsciiCase(byte[] raw, int at, String text) {
        for (int j = 0; j < text.length(); j++) {
            if (!sameIgnoringAsciiCase(text.charAt(j), raw[at + j])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringAsciiCase(char c, byte b) {
        if (c == b) {
            return true;
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'z' && lower == (b | 0x20);
    }

    @Override
    public int size() {
        return spans.length / 2;
    }

    /**
     * The length and upper-cased first character of name {@code k}, as {@link HeaderSelector}
     * computes them for field names: names equal ignoring case have equal keys.
     */
    @Override
    public int quickKey(int k) {
        if (decoded != null && decoded[k] != null) {
            return HeaderSelector.quickKey(decoded[k]);
        }
        int s = spans[2 * k];
        int c = raw[s];
        if (c >= 'a' && c <= 'z') {
            c -= 32;
        }
        return (spans[2 * k + 1] - s) << 16 | c;
    }

    /** Whether name {@code k} is the name of {@code field}, ignoring the case of A-Z as {@link HeaderField#hasName} does. */
    @Override
    public boolean matches(int k, HeaderField field) {
        if (decoded != null && decoded[k] != null) {
            return field.hasName(decoded[k]);
        }
        String name = field.name();
        int s = spans[2 * k];
        return name.length() == spans[2 * k + 1] - s && equalsIgnoreAsciiCase(raw, s, name);
    }

    /** Name {@code k} as written, FWS removed. */
    String name(int k) {
        if (decoded != null && decoded[k] != null) {
            return decoded[k];
        }
        return new String(raw, spans[2 * k], spans[2 * k + 1] - spans[2 * k], StandardCharsets.ISO_8859_1);
    }

    /** The names in order, as written, FWS removed. */
    @Override
    public List<String> asList() {
        List<String> l = list;
        if (l == null) {
            String[] names = new String[size()];
            for (int k = 0; k < names.length; k++) {
                names[k] = name(k);
            }
            l = List.of(names);
            list = l; // immutable: a race only builds it twice
        }
        return l;
    }
}
