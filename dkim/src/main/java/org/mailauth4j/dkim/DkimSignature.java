package org.mailauth4j.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;
import org.mailauth4j.core.text.Ascii;

/**
 * A parsed and validated DKIM-Signature field (RFC 6376 §3.5). {@link #parse} enforces the
 * rules of §3.5 and §6.1.1: required tags {@code v a b bh d h s}, {@code v=1}, a known {@code a=}
 * and {@code c=}, {@code i=} inside {@code d=}, {@code h=} including From, {@code q=} including
 * {@code dns/txt}, {@code x=} not before {@code t=}. Unknown tags are ignored. An {@code h=}
 * list of more than {@link #MAX_SIGNED_HEADERS} names is refused.
 */
public final class DkimSignature {
    /** The field name (RFC 6376 §3.5). */
    public static final String FIELD = "DKIM-Signature";
    /**
     * Most names an {@code h=} list may hold; a longer list is permerror. Real signatures name
     * a few dozen fields (over-signing doubles that); RFC 6376 §8.4 lets verifiers bound the work
     * a message can cause, and each name costs a lookup and a canonicalized field in the hash.
     */
    public static final int MAX_SIGNED_HEADERS = 1000;
    /** The tags §3.5 requires, in the order their absence is reported. */
    private static final int[] REQUIRED = {SignatureTags.V, SignatureTags.A, SignatureTags.B, SignatureTags.BH,
        SignatureTags.D, SignatureTags.H, SignatureTags.S};
    /** Upper bound on {@code l=} we represent; larger values are clamped (they exceed any body). */
    private static final long MAX_LENGTH = Long.MAX_VALUE / 2;

    private final HeaderField field;
    private final SignatureTags tags;
    /** {@link #tags()}, made when first asked for. */
    private TagList tagList;
    private final SignatureAlgorithm algorithm;
    private final byte[] signature;
    private final byte[] bodyHash;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final String domain;
    private final SignedHeaderNames signedHeaders;
    private final String identity;
    private final long bodyLength;
    private final String selector;
    private final long timestamp;
    private final long expiration;

    private DkimSignature(HeaderField field, SignatureTags tags, SignatureAlgorithm algorithm, byte[] signature, byte[] bodyHash,
            Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization, String domain,
            SignedHeaderNames signedHeaders, String identity, long bodyLength, String selector, long timestamp, long expiration) {
        this.field = field;
        this.tags = tags;
        this.algorithm = algorithm;
        this.signature = signature;
        this.bodyHash = bodyHash;
        this.headerCanonicalization = headerCanonicalization;
        this.bodyCanonicalization = bodyCanonicalization;
        this.domain = domain;
        this.signedHeaders = signedHeaders;
        this.identity = identity;
        this.bodyLength = bodyLength;
        this.selector = selector;
        this.timestamp = timestamp;
        this.expiration = expiration;
    }

    /**
     * Parses and validates a DKIM-Signature field. The tag list is read from the field's bytes
     * ({@link SignatureTags}); only the values the signature keeps become strings.
     *
     * @throws DkimFormatException with a reason naming the tag, e.g. "missing required tag bh=";
     *         a verifier reports it as permerror
     */
    public static DkimSignature parse(HeaderField field) throws DkimFormatException {
        byte[] raw = field.raw();
        SignatureTags tags = SignatureTags.scan(raw, field.colonIndex() + 1, raw.length - 2);
        if (tags == null) {
            throw syntaxError(field);
        }
        for (int slot : REQUIRED) {
            if (!tags.has(slot)) {
                throw new DkimFormatException("signature missing required tag " + SignatureTags.NAMES[slot] + "=");
            }
        }
        if (tags.end(SignatureTags.V) - tags.start(SignatureTags.V) != 1 || raw[tags.start(SignatureTags.V)] != '1') {
            throw new DkimFormatException("signature has v=" + tags.text(SignatureTags.V)
                    + ", only v=1 is defined (RFC 6376 section 3.5)");
        }
        String a = tags.text(SignatureTags.A);
        SignatureAlgorithm algorithm = SignatureAlgorithm.forTagValue(a);
        if (algorithm == null) {
            throw new DkimFormatException("unsupported signature algorithm a=" + a);
        }
        byte[] b = base64(tags, SignatureTags.B);
        byte[] bh = base64(tags, SignatureTags.BH);
        if (b.length == 0) {
            throw new DkimFormatException("signature b= is empty");
        }
        if (bh.length != algorithm.hash().digestLength()) {
            throw new DkimFormatException("body hash bh= has " + bh.length + " bytes, " + algorithm.hash().tagName()
                    + " needs " + algorithm.hash().digestLength());
        }
        Canonicalization hc = Canonicalization.SIMPLE;
        Canonicalization bc = Canonicalization.SIMPLE;
        if (tags.has(SignatureTags.C)) {
            String c = tags.text(SignatureTags.C);
            int slash = c.indexOf('/');
            hc = Canonicalization.forTagValue(slash < 0 ? c : c.substring(0, slash));
            bc = slash < 0 ? Canonicalization.SIMPLE : Canonicalization.forTagValue(c.substring(slash + 1));
            if (hc == null || bc == null) {
                throw new DkimFormatException("unsupported canonicalization c=" + c);
            }
        }
        String domain = tags.text(SignatureTags.D);
        String problem = domainProblem(domain);
        if (problem != null) {
            throw new DkimFormatException("invalid d=" + domain + ": " + problem);
        }
        String selector = tags.text(SignatureTags.S);
        problem = domainProblem(selector);
        if (problem != null) {
            throw new DkimFormatException("invalid s=" + selector + ": " + problem);
        }
        SignedHeaderNames signed = SignedHeaderNames.parse(raw, tags.start(SignatureTags.H), tags.end(SignatureTags.H));
        String identity = null;
        if (tags.has(SignatureTags.I)) {
            identity = quotedPrintable(DkimKeyRecord.stripFws(tags.text(SignatureTags.I)));
            int at = identity.lastIndexOf('@');
            if (at < 0) {
                throw new DkimFormatException("i=" + identity + " has no @");
            }
            String idomain = identity.substring(at + 1);
            if (!isSameOrSubdomain(idomain, domain)) {
                throw new DkimFormatException("i= domain " + idomain + " is not d=" + domain + " or a subdomain of it");
            }
        }
        long length = -1;
        if (tags.has(SignatureTags.L)) {
            length = number(tags, SignatureTags.L, 76);
        }
        if (tags.has(SignatureTags.Q)) {
            String methods = tags.text(SignatureTags.Q);
            boolean dnsTxt = false;
            for (String q : methods.split(":", -1)) {
                String m = DkimKeyRecord.stripFws(q);
                dnsTxt |= Ascii.equalsIgnoreCase(m, "dns/txt");
            }
            if (!dnsTxt) {
                throw new DkimFormatException("unsupported query method q=" + methods + " (only dns/txt)");
            }
        }
        long t = tags.has(SignatureTags.T) ? number(tags, SignatureTags.T, 12) : -1;
        long x = tags.has(SignatureTags.X) ? number(tags, SignatureTags.X, 12) : -1;
        if (t >= 0 && x >= 0 && x < t) {
            throw new DkimFormatException("x= (" + x + ") is before t= (" + t + ")");
        }
        return new DkimSignature(field, tags, algorithm, b, bh, hc, bc, domain, signed, identity, length, selector, t, x);
    }

    /** The wording of a tag=value syntax error, from the same parser key records use. */
    private static DkimFormatException syntaxError(HeaderField field) {
        try {
            TagList.parse(field.value());
        } catch (TagListException e) {
            return new DkimFormatException("signature syntax error: " + e.getMessage());
        }
        throw new IllegalStateException("tag list refused by SignatureTags but accepted by TagList: " + field);
    }

    /**
     * Decodes a base64 tag value; FWS inside it is ignored (RFC 6376 §3.5 "b=" and "bh=": "Whitespace
     * is ignored in this value").
     */
    private static byte[] base64(SignatureTags tags, int slot) throws DkimFormatException {
        byte[] compact = SignatureTags.withoutFws(tags.raw(), tags.start(slot), tags.end(slot));
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new DkimFormatException(SignatureTags.NAMES[slot] + "= is not valid base64");
        }
    }

    private static long number(SignatureTags tags, int slot, int maxDigits) throws DkimFormatException {
        String name = SignatureTags.NAMES[slot];
        byte[] raw = tags.raw();
        int from = tags.start(slot);
        int to = tags.end(slot);
        if (from == to) {
            throw new DkimFormatException(name + "= is empty");
        }
        for (int i = from; i < to; i++) {
            if (raw[i] < '0' || raw[i] > '9') {
                throw new DkimFormatException(name + "=" + tags.text(slot) + " is not a number");
            }
        }
        int digits = to - from;
        if (digits > maxDigits) {
            throw new DkimFormatException(name + "=" + tags.text(slot) + " has more than " + maxDigits + " digits");
        }
        if (digits > 18) {
            return MAX_LENGTH;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (raw[i] - '0');
        }
        return Math.min(v, MAX_LENGTH);
    }

    /** Why {@code name} is not a usable domain name or selector, or null. */
    static String domainProblem(String name) {
        String ascii = DnsNames.canonical(name);
        if (ascii == null) {
            return DnsNames.problem(name);
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                return "invalid character '" + c + "'";
            }
        }
        return null;
    }

    /** Whether {@code sub} equals {@code domain} or ends with "." + domain, ignoring case. */
    static boolean isSameOrSubdomain(String sub, String domain) {
        String s = Ascii.toLowerCase(sub);
        String d = Ascii.toLowerCase(domain);
        return s.equals(d) || s.endsWith("." + d);
    }

    /** DKIM quoted-printable (RFC 6376 §2.11): {@code =XX} decoded; other bytes as they are. */
    static String quotedPrintable(String s) {
        if (s.indexOf('=') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '=' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The field as received. */
    public HeaderField field() {
        return field;
    }

    /** All tags, unknown ones included. */
    public TagList tags() {
        TagList t = tagList;
        if (t == null) {
            try {
                t = TagList.parse(field.value());
            } catch (TagListException e) {
                throw new IllegalStateException("a parsed signature whose tag list does not parse", e);
            }
            tagList = t; // immutable: a race only parses twice
        }
        return t;
    }

    /** {@code a=}. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** {@code b=}, decoded. */
    public byte[] signature() {
        return signature.clone();
    }

    /** {@link #signature()} without the copy, for the verifier, which only reads it. */
    byte[] signatureBytes() {
        return signature;
    }

    /** The field's raw bytes (not a copy: callers only read them). */
    byte[] rawField() {
        return tags.raw();
    }

    /**
     * Where the value of {@code b=} starts in {@link #rawField()}, the whitespace before it
     * included: just after the {@code =}. With {@link #signatureValueTo()}, the bytes RFC 6376
     * §3.7 deletes for the header hash ("the value of the b= tag (including all surrounding
     * whitespace) is deleted").
     */
    int signatureValueFrom() {
        byte[] raw = tags.raw();
        int from = tags.start(SignatureTags.B);
        while (raw[from - 1] != '=') {
            from--; // FWS between '=' and the value
        }
        return from;
    }

    /** Where the value of {@code b=} ends, the whitespace after it included: at the ';' or the end of the field value. */
    int signatureValueTo() {
        byte[] raw = tags.raw();
        int end = raw.length - 2;
        int to = tags.end(SignatureTags.B);
        while (to < end && raw[to] != ';') {
            to++; // FWS between the value and the ';'
        }
        return to;
    }

    /** {@code b=} as written, FWS removed (base64). */
    public String signatureBase64() {
        byte[] b = SignatureTags.withoutFws(tags.raw(), tags.start(SignatureTags.B), tags.end(SignatureTags.B));
        return new String(b, StandardCharsets.US_ASCII); // it decoded, so it is base64: ASCII
    }

    /** {@code bh=}, decoded. */
    public byte[] bodyHash() {
        return bodyHash.clone();
    }

    /** {@link #bodyHash()} without the copy, for the verifier, which only reads it. */
    byte[] bodyHashBytes() {
        return bodyHash;
    }

    /** Header canonicalization ({@code c=} before the slash; simple by default). */
    public Canonicalization headerCanonicalization() {
        return headerCanonicalization;
    }

    /** Body canonicalization ({@code c=} after the slash; simple by default). */
    public Canonicalization bodyCanonicalization() {
        return bodyCanonicalization;
    }

    /** {@code d=}, the signing domain (SDID) as written. */
    public String domain() {
        return domain;
    }

    /** {@code s=}. */
    public String selector() {
        return selector;
    }

    /** {@code h=} names in order, as written. */
    public List<String> signedHeaders() {
        return signedHeaders.asList();
    }

    /** {@code h=} as positions in the field's bytes, for {@link HeaderSelector}. */
    SignedHeaderNames headerNames() {
        return signedHeaders;
    }

    /** {@code i=} decoded (AUID), or {@code "@" + d} when absent (§3.5). */
    public String identity() {
        return identity != null ? identity : "@" + domain;
    }

    /** Whether {@code i=} was present. */
    public boolean hasIdentity() {
        return identity != null;
    }

    /** {@code l=}, or -1 when absent (the whole body is signed). */
    public long bodyLength() {
        return bodyLength;
    }

    /** {@code t=} in seconds since the epoch, or -1. */
    public long timestamp() {
        return timestamp;
    }

    /** {@code x=} in seconds since the epoch, or -1. */
    public long expiration() {
        return expiration;
    }

    /** {@code z=} (copied header fields, still quoted-printable), or null. */
    public String copiedHeaders() {
        return tags.text(SignatureTags.Z);
    }

    @Override
    public String toString() {
        return "DkimSignature[d=" + domain + ", s=" + selector + ", a=" + algorithm.tagValue() + "]";
    }
}
