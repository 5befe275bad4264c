package org.mailauth4j.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;

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
    /** Upper bound on {@code l=} we represent; larger values are clamped (they exceed any body). */
    private static final long MAX_LENGTH = Long.MAX_VALUE / 2;

    private final HeaderField field;
    private final TagList tags;
    private final SignatureAlgorithm algorithm;
    private final byte[] signature;
    private final byte[] bodyHash;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final String domain;
    private final List<String> signedHeaders;
    private final String identity;
    private final long bodyLength;
    private final String selector;
    private final long timestamp;
    private final long expiration;

    private DkimSignature(HeaderField field, TagList tags, SignatureAlgorithm algorithm, byte[] signature, byte[] bodyHash,
            Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization, String domain,
            List<String> signedHeaders, String identity, long bodyLength, String selector, long timestamp, long expiration) {
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
     * Parses and validates a DKIM-Signature field.
     *
     * @throws DkimFormatException with a reason naming the tag, e.g. "missing required tag bh=";
     *         a verifier reports it as permerror
     */
    public static DkimSignature parse(HeaderField field) throws DkimFormatException {
        TagList tags;
        try {
            tags = TagList.parse(field.value());
        } catch (TagListException e) {
            throw new DkimFormatException("signature syntax error: " + e.getMessage());
        }
        for (String required : new String[] {"v", "a", "b", "bh", "d", "h", "s"}) {
            if (!tags.has(required)) {
                throw new DkimFormatException("signature missing required tag " + required + "=");
            }
        }
        String v = tags.get("v");
        if (!"1".equals(v)) {
            throw new DkimFormatException("signature has v=" + v + ", only v=1 is defined (RFC 6376 section 3.5)");
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.forTagValue(tags.get("a"));
        if (algorithm == null) {
            throw new DkimFormatException("unsupported signature algorithm a=" + tags.get("a"));
        }
        byte[] b = base64(tags, "b");
        byte[] bh = base64(tags, "bh");
        if (b.length == 0) {
            throw new DkimFormatException("signature b= is empty");
        }
        if (bh.length != algorithm.hash().digestLength()) {
            throw new DkimFormatException("body hash bh= has " + bh.length + " bytes, " + algorithm.hash().tagName()
                    + " needs " + algorithm.hash().digestLength());
        }
        Canonicalization hc = Canonicalization.SIMPLE;
        Canonicalization bc = Canonicalization.SIMPLE;
        if (tags.has("c")) {
            String c = tags.get("c");
            int slash = c.indexOf('/');
            hc = Canonicalization.forTagValue(slash < 0 ? c : c.substring(0, slash));
            bc = slash < 0 ? Canonicalization.SIMPLE : Canonicalization.forTagValue(c.substring(slash + 1));
            if (hc == null || bc == null) {
                throw new DkimFormatException("unsupported canonicalization c=" + c);
            }
        }
        String domain = tags.get("d");
        String problem = domainProblem(domain);
        if (problem != null) {
            throw new DkimFormatException("invalid d=" + domain + ": " + problem);
        }
        String selector = tags.get("s");
        problem = domainProblem(selector);
        if (problem != null) {
            throw new DkimFormatException("invalid s=" + selector + ": " + problem);
        }
        String h = tags.get("h");
        int names = 1;
        for (int i = h.indexOf(':'); i >= 0; i = h.indexOf(':', i + 1)) {
            names++;
        }
        if (names > MAX_SIGNED_HEADERS) {
            throw new DkimFormatException("h= names " + names + " header fields, more than the limit of "
                    + MAX_SIGNED_HEADERS);
        }
        List<String> signed = new ArrayList<>(names);
        boolean from = false;
        for (String name : h.split(":", -1)) {
            String n = DkimKeyRecord.stripFws(name);
            if (n.isEmpty()) {
                throw new DkimFormatException("h= has an empty header name");
            }
            signed.add(n);
            from |= n.equalsIgnoreCase("from");
        }
        if (!from) {
            throw new DkimFormatException("h= does not include From (RFC 6376 section 5.4)");
        }
        String identity;
        if (tags.has("i")) {
            identity = quotedPrintable(DkimKeyRecord.stripFws(tags.get("i")));
            int at = identity.lastIndexOf('@');
            if (at < 0) {
                throw new DkimFormatException("i=" + identity + " has no @");
            }
            String idomain = identity.substring(at + 1);
            if (!isSameOrSubdomain(idomain, domain)) {
                throw new DkimFormatException("i= domain " + idomain + " is not d=" + domain + " or a subdomain of it");
            }
        } else {
            identity = "@" + domain;
        }
        long length = -1;
        if (tags.has("l")) {
            length = number(tags, "l", 76);
        }
        if (tags.has("q")) {
            boolean dnsTxt = false;
            for (String q : tags.get("q").split(":", -1)) {
                String m = DkimKeyRecord.stripFws(q);
                dnsTxt |= m.equalsIgnoreCase("dns/txt");
            }
            if (!dnsTxt) {
                throw new DkimFormatException("unsupported query method q=" + tags.get("q") + " (only dns/txt)");
            }
        }
        long t = tags.has("t") ? number(tags, "t", 12) : -1;
        long x = tags.has("x") ? number(tags, "x", 12) : -1;
        if (t >= 0 && x >= 0 && x < t) {
            throw new DkimFormatException("x= (" + x + ") is before t= (" + t + ")");
        }
        return new DkimSignature(field, tags, algorithm, b, bh, hc, bc, domain, List.copyOf(signed), identity, length,
                selector, t, x);
    }

    /** Decodes a base64 tag value; FWS inside it is ignored (RFC 6376 §3.5 "b=" and "bh="). */
    private static byte[] base64(TagList tags, String name) throws DkimFormatException {
        // ISO-8859-1 keeps every char up to 0xff as one byte (and makes others '?'): anything
        // outside the base64 alphabet then fails to decode, as it should
        byte[] compact = tags.get(name).getBytes(StandardCharsets.ISO_8859_1);
        int n = 0;
        for (byte c : compact) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                compact[n++] = c;
            }
        }
        try {
            return Base64.getDecoder().decode(n == compact.length ? compact : java.util.Arrays.copyOf(compact, n));
        } catch (IllegalArgumentException e) {
            throw new DkimFormatException(name + "= is not valid base64");
        }
    }

    private static long number(TagList tags, String name, int maxDigits) throws DkimFormatException {
        String v = tags.get(name);
        if (v.isEmpty()) {
            throw new DkimFormatException(name + "= is empty");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new DkimFormatException(name + "=" + v + " is not a number");
            }
        }
        if (v.length() > maxDigits) {
            throw new DkimFormatException(name + "=" + v + " has more than " + maxDigits + " digits");
        }
        if (v.length() > 18) {
            return MAX_LENGTH;
        }
        return Math.min(Long.parseLong(v), MAX_LENGTH);
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
        String s = sub.toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
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
        return tags;
    }

    /** {@code a=}. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** {@code b=}, decoded. */
    public byte[] signature() {
        return signature.clone();
    }

    /** {@code b=} as written, FWS removed (base64). */
    public String signatureBase64() {
        return DkimKeyRecord.stripFws(tags.get("b"));
    }

    /** {@code bh=}, decoded. */
    public byte[] bodyHash() {
        return bodyHash.clone();
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
        return signedHeaders;
    }

    /** {@code i=} decoded (AUID), or {@code "@" + d} when absent (§3.5). */
    public String identity() {
        return identity;
    }

    /** Whether {@code i=} was present. */
    public boolean hasIdentity() {
        return tags.has("i");
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
        return tags.get("z");
    }

    @Override
    public String toString() {
        return "DkimSignature[d=" + domain + ", s=" + selector + ", a=" + algorithm.tagValue() + "]";
    }
}
