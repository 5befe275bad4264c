package org.mailauth4j.dkim;

import java.security.MessageDigest;
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
        byte[] raw = signatureField.raw();
        long b = signatureValue(raw, signatureField.colonIndex());
        return digest(hash, canonicalization, selected, raw, (int) (b >>> 32), (int) b);
    }

    /** As {@link #digest(HashAlgorithm, Canonicalization, List, HeaderField)} with the b=-emptied raw field given. */
    public static byte[] digest(HashAlgorithm hash, Canonicalization canonicalization, List<HeaderField> selected,
            byte[] signatureFieldWithEmptyB) {
        return digest(hash, canonicalization, selected, signatureFieldWithEmptyB, 0, 0);
    }

    /** The digest for a parsed DKIM-Signature, whose bytes and {@code b=} value are already located. */
    static byte[] digest(DkimSignature signature, List<HeaderField> selected) {
        return digest(signature.algorithm().hash(), signature.headerCanonicalization(), selected,
                signature.rawField(), signature.signatureValueFrom(), signature.signatureValueTo());
    }

    /**
     * The digest over the canonicalized {@code selected} fields followed by the signature field
     * {@code signatureRaw} without the bytes {@code [cutFrom, cutTo)} (its {@code b=} value) and
     * without its final CRLF.
     */
    private static byte[] digest(HashAlgorithm hash, Canonicalization canonicalization, List<HeaderField> selected,
            byte[] signatureRaw, int cutFrom, int cutTo) {
        MessageDigest md = hash.newDigest();
        int end = signatureRaw.length;
        if (end >= 2 && signatureRaw[end - 2] == '\r' && signatureRaw[end - 1] == '\n') {
            end -= 2; // the signature field is hashed without its final CRLF
        }
        if (canonicalization == Canonicalization.SIMPLE) {
            for (HeaderField h : selected) {
                md.update(h.raw());
            }
            md.update(signatureRaw, 0, cutFrom);
            md.update(signatureRaw, cutTo, end - cutTo);
            return md.digest();
        }
        // every canonical field into one buffer, then one update: relaxed output is never longer
        // than the input plus its CRLF
        int emptied = signatureRaw.length - (cutTo - cutFrom);
        int room = emptied + 2;
        for (HeaderField h : selected) {
            room += h.length() + 2;
        }
        byte[] buf = new byte[room];
        int n = 0;
        for (HeaderField h : selected) {
            byte[] raw = h.raw();
            n += Canonicalization.relaxedHeader(raw, 0, raw.length, buf, n);
        }
        byte[] sig = signatureRaw;
        if (cutTo > cutFrom) {
            sig = new byte[emptied];
            System.arraycopy(signatureRaw, 0, sig, 0, cutFrom);
            System.arraycopy(signatureRaw, cutTo, sig, cutFrom, signatureRaw.length - cutTo);
        }
        n += Canonicalization.relaxedHeader(sig, 0, sig.length, buf, n);
        md.update(buf, 0, n - 2); // relaxed output ends with CRLF: the signature field goes in without it
        return md.digest();
    }

    /**
     * The raw bytes of {@code field} with the value of its {@code b=} tag deleted, surrounding
     * whitespace included (RFC 6376 §3.7: "the value of the b= tag (including all surrounding
     * whitespace) is deleted"); everything else, including folding, is kept byte for byte.
     */
    public static byte[] withEmptySignature(HeaderField field) {
        byte[] raw = field.raw();
        long b = signatureValue(raw, field.colonIndex());
        int from = (int) (b >>> 32);
        int to = (int) b;
        byte[] out = new byte[raw.length - (to - from)];
        System.arraycopy(raw, 0, out, 0, from);
        System.arraycopy(raw, to, out, from, raw.length - to);
        return out;
    }

    /**
     * Where the value of the first tag named {@code b} lies in {@code raw}, with the whitespace
     * around it: from just after its {@code =} to the {@code ;} that ends it (or the end of the
     * value), as {@code from << 32 | to}; {@code 0} (nothing) when there is no such tag.
     */
    private static long signatureValue(byte[] raw, int colon) {
        int end = raw.length;
        if (end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n') {
            end -= 2;
        }
        int pos = colon + 1;
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
                return (long) (k + 1) << 32 | semi;
            }
            pos = semi + 1;
        }
        return 0;
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
