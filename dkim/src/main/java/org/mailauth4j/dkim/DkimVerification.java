package org.mailauth4j.dkim;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;

/**
 * The verdict on one DKIM-Signature field.
 *
 * @param result the RFC 8601 result word
 * @param reason why (e.g. "body hash did not verify", "key too small (768 bits)"), or null on pass
 * @param index position of this field among the message's DKIM-Signature fields, top = 0
 * @param field the DKIM-Signature field as received
 * @param signature the parsed signature, or null when it could not be parsed
 * @param keyBits the public key size in bits, or 0 when no key was obtained
 * @param testing whether the key record has {@code t=y} (RFC 6376 §3.6.1: verifiers must treat
 *        the message as unsigned whatever the result)
 */
public record DkimVerification(DkimResult result, String reason, int index, HeaderField field, DkimSignature signature,
        int keyBits, boolean testing) {

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
     * characters of {@code b=} as {@code header.b}.
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
        if (value != null && !value.isEmpty()) {
            props.add(new ResInfo.Property("header", name, value));
        }
    }

    @Override
    public String toString() {
        return "dkim=" + result.word() + (reason == null ? "" : " (" + reason + ")") + " d=" + domain() + " s="
                + selector();
    }
}
