package org.mailauth4j.dkim;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;

/**
 * The verdict on one DKIM-Signature field.
 *
 * @param result the RFC 8601 result word
 * @param reason why (e.g. "body hash did not verify", "key too small (768 bits)"), or null on pass;
 *        it may quote the signature's own text, so it is made safe on construction (folding
 *        unfolded, control characters replaced: {@link AuthenticationResults#safeValue})
 * @param index position of this field among the message's DKIM-Signature fields, top = 0
 * @param field the DKIM-Signature field as received
 * @param signature the parsed signature, or null when it could not be parsed
 * @param keyBits the public key size in bits, or 0 when no key was obtained
 * @param testing whether the key record has {@code t=y} (RFC 6376 §3.6.1: verifiers must treat
 *        the message as unsigned whatever the result)
 */
public record DkimVerification(DkimResult result, String reason, int index, HeaderField field, DkimSignature signature,
        int keyBits, boolean testing) {

    /** Longest header.* value written in {@link #toResInfo()}. */
    private static final int MAX_PROPERTY_VALUE = 400;

    public DkimVerification {
        reason = AuthenticationResults.safeValue(reason);
    }

    /** {@code d=} (also when the signature could not be fully parsed, if the tag was readable), or null. */
    public String domain() {
        return signature != null ? signature.domain() : rawTag("d");
    }

    /** {@code s=}, or null. */
    public String selector() {
        return signature != null ? signature.selector() : rawTag("s");
    }

    /** {@code a=} as written, or null. */
    public String algorithm() {
        return signature != null ? signature.algorithm().tagValue() : rawTag("a");
    }

    /** {@code i=} as written (decoded), or null when absent. */
    public String identity() {
        if (signature != null) {
            return signature.hasIdentity() ? signature.identity() : null;
        }
        return rawTag("i");
    }

    /** {@code l=}, or -1 when the whole body is signed. */
    public long bodyLength() {
        return signature != null ? signature.bodyLength() : -1;
    }

    /** Whether the signature covers only part of the body ({@code l=}), so content beyond it is unsigned. */
    public boolean isPartialBody() {
        return bodyLength() >= 0;
    }

    public boolean isPass() {
        return result == DkimResult.PASS;
    }

    private String rawTag(String name) {
        if (field == null) {
            return null;
        }
        try {
            String v = TagList.parse(field.value()).get(name);
            return v == null ? null : DkimKeyRecord.stripFws(v);
        } catch (TagListException e) {
            return null;
        }
    }

    /**
     * This result as an Authentication-Results {@code dkim=} resinfo (RFC 8601 §2.7.1, RFC 6008):
     * {@code header.d}, {@code header.i}, {@code header.s}, {@code header.a} and the first 8
     * characters of {@code b=} as {@code header.b}. A value holding control characters (a
     * quoted-printable {@code i=} decodes to any octet, and a signature that could not be parsed
     * yields its raw tag text) cannot be written as a pvalue and is left out rather than altered,
     * since an altered identity would name someone else. So is a value over
     * {@value #MAX_PROPERTY_VALUE} characters (no real d=, s= or i= is that long), which could
     * not be kept within RFC 5322's 998-character line.
     */
    public ResInfo toResInfo() {
        List<ResInfo.Property> props = new ArrayList<>(5);
        add(props, "d", domain());
        add(props, "i", identity());
        add(props, "s", selector());
        add(props, "a", algorithm());
        String b = signature != null ? signature.signatureBase64() : rawTag("b");
        if (b != null && !b.isEmpty()) {
            add(props, "b", b.substring(0, Math.min(8, b.length())));
        }
        return new ResInfo("dkim", result.word(), reason, props);
    }

    private static void add(List<ResInfo.Property> props, String name, String value) {
        if (value != null && !value.isEmpty() && value.length() <= MAX_PROPERTY_VALUE
                && AuthenticationResults.safeValue(value).equals(value)) {
            props.add(new ResInfo.Property("header", name, value));
        }
    }

    @Override
    public String toString() {
        return "dkim=" + result.word() + (reason == null ? "" : " (" + reason + ")") + " d=" + domain() + " s="
                + selector();
    }
}
