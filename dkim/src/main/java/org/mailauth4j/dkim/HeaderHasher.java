package org.mailauth4j.dkim;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.mailauth4j.core.message.HeaderField;

/**
 * The header half of a DKIM signature (RFC 6376 §3.7): the hash over the canonicalized selected
 * header fields followed by the signature field itself, canonicalized, with the value of its
 * {@code b=} tag emptied and without its final CRLF. ARC-Message-Signature and ARC-Seal use the
 * same rule (RFC 8617 §4.1.2, §4.1.3), so everything here works for any field name.
 */
public final class HeaderHasher {
    private HeaderHasher() {
    }

    /**
     * The header digest for a signature.
     *
     * @param hash the hash of the signature's algorithm
     * @param canonicalization header canonicalization
     * @param selected the fields chosen by {@link HeaderSelector#select}, in {@code h=} order
     * @param signatureField the DKIM-Signature (or AMS/AS) field as received, {@code b=} still filled
     */
    public static byte[] digest(HashAlgorithm hash, Canonicalization canonicalization, List<HeaderField> selected,
            HeaderField signatureField) {
        return digest(hash, canonicalization, selected, withEmptySignature(signatureField));
    }

    /** As {@link #digest(HashAlgorithm, Canonicalization, List, HeaderField)} with the b=-emptied raw field given. */
    public static byte[] digest(HashAlgorithm hash, Canonicalization canonicalization, List<HeaderField> selected,
            byte[] signatureFieldWithEmptyB) {
        MessageDigest md = hash.newDigest();
        byte[] buf = new byte[256];
        for (HeaderField h : selected) {
            if (canonicalization == Canonicalization.SIMPLE) {
                md.update(h.raw());
            } else {
                int need = h.length() + 2;
                if (buf.length < need) {
                    buf = new byte[Math.max(need, buf.length * 2)];
                }
                byte[] raw = h.raw();
                int n = Canonicalization.relaxedHeader(raw, 0, raw.length, buf);
                md.update(buf, 0, n);
            }
        }
        byte[] sig = canonicalization.canonicalizeHeader(signatureFieldWithEmptyB);
        int n = sig.length;
        if (n >= 2 && sig[n - 2] == '\r' && sig[n - 1] == '\n') {
            n -= 2; // the signature field is hashed without its final CRLF
        }
        md.update(sig, 0, n);
        return md.digest();
    }

    /**
     * The raw bytes of {@code field} with the value of its {@code b=} tag deleted, surrounding
     * whitespace included (RFC 6376 §3.7: "the value of the b= tag (including all surrounding
     * whitespace) is deleted"); everything else, including folding, is kept byte for byte.
     */
    public static byte[] withEmptySignature(HeaderField field) {
        byte[] raw = field.raw();
        int end = raw.length;
        if (end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n') {
            end -= 2;
        }
        int pos = field.colonIndex() + 1;
        while (pos <= end) {
            int semi = ByteWords.indexOf(raw, pos, end, (byte) ';');
            int k = skipFws(raw, pos, semi);
            int nameStart = k;
            while (k < semi && raw[k] != '=' && !isFws(raw[k])) {
                k++;
            }
            int nameEnd = k;
            k = skipFws(raw, k, semi);
            if (k < semi && raw[k] == '=' && nameEnd - nameStart == 1 && raw[nameStart] == 'b') {
                byte[] out = new byte[raw.length - (semi - (k + 1))];
                System.arraycopy(raw, 0, out, 0, k + 1);
                System.arraycopy(raw, semi, out, k + 1, raw.length - semi);
                return out;
            }
            pos = semi + 1;
        }
        return Arrays.copyOf(raw, raw.length);
    }

    private static boolean isFws(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipFws(byte[] b, int from, int to) {
        while (from < to && isFws(b[from])) {
            from++;
        }
        return from;
    }
}
