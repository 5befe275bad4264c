package org.mailauth4j.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;
import org.mailauth4j.core.text.Ascii;

/**
 * A DKIM key record, the TXT record at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.1):
 * {@code v=DKIM1} (optional, first), {@code h=} acceptable hashes, {@code k=} key type (default
 * rsa), {@code n=} notes, {@code p=} the public key (empty = revoked), {@code s=} service types,
 * {@code t=} flags ({@code y} testing, {@code s} strict). Unknown tags are ignored. ARC uses the
 * same records (RFC 8617 §4.1.3). Parsed records (with their decoded keys) are cached by TXT text,
 * up to {@value #CACHE_LIMIT} records of at most {@value #MAX_CACHED_TEXT} characters each: the
 * record name comes from the message ({@code s=}, {@code d=}), so a sender can make a verifier
 * fetch any number of distinct records of up to 64 KB; real key records are far smaller (an
 * RSA-8192 {@code p=} is about 1,500 characters), and bigger ones are parsed every time instead
 * of being kept.
 */
public final class DkimKeyRecord {
    static final int CACHE_LIMIT = 4096;
    /** Longest TXT text kept in the cache, so the cache holds at most about 8 MB of text. */
    static final int MAX_CACHED_TEXT = 2048;
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final List<String> hashes;
    private final String keyType;
    private final String notes;
    private final DkimPublicKey publicKey;
    private final boolean revoked;
    private final List<String> serviceTypes;
    private final boolean testing;
    private final boolean strict;
    private final String keyProblem;

    private DkimKeyRecord(String text, List<String> hashes, String keyType, String notes, DkimPublicKey publicKey,
            boolean revoked, List<String> serviceTypes, boolean testing, boolean strict, String keyProblem) {
        this.text = text;
        this.hashes = hashes;
        this.keyType = keyType;
        this.notes = notes;
        this.publicKey = publicKey;
        this.revoked = revoked;
        this.serviceTypes = serviceTypes;
        this.testing = testing;
        this.strict = strict;
        this.keyProblem = keyProblem;
    }

    /**
     * Parses a key record's TXT text (strings of one record already joined).
     *
     * @throws DkimFormatException when it is not a usable DKIM key record: syntax error,
     *         {@code v=} not {@code DKIM1} or not first (§3.6.1: such records "MUST be discarded"),
     *         no {@code p=}, {@code p=} not base64
     */
    public static DkimKeyRecord parse(String text) throws DkimFormatException {
        Object cached = CACHE.get(text);
        if (cached instanceof DkimKeyRecord r) {
            return r;
        }
        if (cached instanceof String problem) {
            throw new DkimFormatException(problem);
        }
        try {
            DkimKeyRecord r = parseUncached(text);
            remember(text, r);
            return r;
        } catch (DkimFormatException e) {
            remember(text, e.getMessage());
            throw e;
        }
    }

    private static void remember(String text, Object value) {
        if (text.length() > MAX_CACHED_TEXT) {
            return;
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(text, value);
    }

    private static DkimKeyRecord parseUncached(String text) throws DkimFormatException {
        TagList tags;
        try {
            tags = TagList.parse(text);
        } catch (TagListException e) {
            throw new DkimFormatException("key record syntax error: " + e.getMessage());
        }
        String v = tags.get("v");
        if (v != null) {
            if (!"DKIM1".equals(v)) {
                throw new DkimFormatException("key record has v=" + v + ", not DKIM1");
            }
            if (!"v".equals(tags.names().get(0))) {
                throw new DkimFormatException("key record v= is not the first tag");
            }
        }
        String p = tags.get("p");
        if (p == null) {
            throw new DkimFormatException("key record has no p= tag");
        }
        List<String> hashes = tags.has("h") ? colonList(tags.get("h")) : List.of();
        String keyType = Ascii.toLowerCase(tags.get("k", "rsa").trim());
        List<String> services = tags.has("s") ? colonList(tags.get("s")) : List.of("*");
        List<String> flags = tags.has("t") ? colonList(tags.get("t")) : List.of();
        String compact = stripFws(p);
        boolean revoked = compact.isEmpty();
        DkimPublicKey key = null;
        String keyProblem = null;
        if (!revoked) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(compact);
            } catch (IllegalArgumentException e) {
                throw new DkimFormatException("key record p= is not valid base64");
            }
            if ("rsa".equals(keyType) || "ed25519".equals(keyType)) {
                try {
                    key = DkimPublicKey.decode(keyType, der);
                } catch (DkimFormatException e) {
                    keyProblem = "key record p= is not a valid " + keyType + " key"
                            + (e.getMessage().startsWith("RSA") ? " (" + e.getMessage() + ")" : "");
                }
            } else {
                keyProblem = "key record has unknown key type k=" + keyType;
            }
        }
        return new DkimKeyRecord(text, hashes, keyType, tags.get("n"), key, revoked, services,
                flags.contains("y"), flags.contains("s"), keyProblem);
    }

    private static List<String> colonList(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(":", -1)) {
            String t = Ascii.toLowerCase(stripFws(s));
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    static String stripFws(String s) {
        int i = 0;
        while (i < s.length() && !isFws(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] out = new char[s.length()];
        s.getChars(0, i, out, 0);
        int n = i;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isFws(c)) {
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The DNS name of a key record: {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.2.1). */
    public static String dnsName(String selector, String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return selector + "._domainkey." + d;
    }

    /**
     * Looks up and parses the key record for {@code selector} and {@code domain} (RFC 6376
     * §3.6.2.2). DNS temporary failure → temperror; no record, or no record that parses → permerror.
     * When several TXT records exist (undefined by the RFC) the first usable one wins. Never
     * completes exceptionally.
     */
    public static CompletableFuture<Lookup> fetch(DnsResolver resolver, String selector, String domain) {
        String name = dnsName(selector, domain);
        CompletableFuture<DnsAnswer<String>> q;
        try {
            q = resolver.txt(name);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Lookup.failed(DkimResult.TEMPERROR, "key lookup failed for " + name));
        }
        return q.handle((answer, error) -> {
            if (error != null) {
                return Lookup.failed(DkimResult.TEMPERROR, "key lookup failed for " + name + ": " + error.getMessage());
            }
            return interpret(name, answer);
        });
    }

    static Lookup interpret(String name, DnsAnswer<String> answer) {
        switch (answer.status()) {
            case TEMPFAIL:
                return Lookup.failed(DkimResult.TEMPERROR, "key lookup for " + name + " failed temporarily"
                        + (answer.detail() == null ? "" : " (" + answer.detail() + ")"));
            case INVALID_NAME:
                return Lookup.failed(DkimResult.PERMERROR, "invalid key record name " + name);
            case NXDOMAIN:
            case NODATA:
                return Lookup.failed(DkimResult.PERMERROR, "no key record at " + name);
            default:
                break;
        }
        String firstProblem = null;
        for (String txt : answer.records()) {
            try {
                return Lookup.found(name, parse(txt));
            } catch (DkimFormatException e) {
                if (firstProblem == null) {
                    firstProblem = e.getMessage();
                }
            }
        }
        return Lookup.failed(DkimResult.PERMERROR,
                firstProblem == null ? "no key record at " + name : firstProblem + " (" + name + ")");
    }

    /**
     * Why this key cannot verify a signature made with {@code algorithm}, or null when it can
     * (RFC 6376 §3.6.1, §6.1.2): revoked ({@code p=} empty), key type {@code k=} not the
     * algorithm's, undecodable key, {@code h=} not listing the hash, {@code s=} not covering email.
     * The key size policy is the caller's (see {@link DkimPolicy#minRsaBits()}).
     */
    public String unusableReason(SignatureAlgorithm algorithm) {
        if (revoked) {
            return "key revoked";
        }
        if (!keyType.equals(algorithm.keyType())) {
            return "key type k=" + keyType + " does not match a=" + algorithm.tagValue();
        }
        if (keyProblem != null) {
            return keyProblem;
        }
        if (!allowsHash(algorithm.hash())) {
            return "key h=" + String.join(":", hashes) + " does not allow " + algorithm.hash().tagName();
        }
        if (!allowsEmail()) {
            return "key is not for email (s=" + String.join(":", serviceTypes) + ")";
        }
        return null;
    }

    /** The TXT text this record was parsed from. */
    public String text() {
        return text;
    }

    /** {@code h=}: acceptable hash algorithms, lower-case; empty means all. */
    public List<String> hashes() {
        return hashes;
    }

    /** Whether {@code h=} allows {@code hash} (§3.6.1: absent h= allows all). */
    public boolean allowsHash(HashAlgorithm hash) {
        return hashes.isEmpty() || hashes.contains(hash.tagName());
    }

    /** {@code k=}, lower-case ({@code rsa} by default). */
    public String keyType() {
        return keyType;
    }

    /** {@code n=}, or null. */
    public String notes() {
        return notes;
    }

    /** Whether {@code p=} is empty: the key was revoked (§3.6.1). */
    public boolean isRevoked() {
        return revoked;
    }

    /** The decoded key, or null when revoked or undecodable (see {@link #keyProblem()}). */
    public DkimPublicKey publicKey() {
        return publicKey;
    }

    /** Why a non-revoked key could not be used (unknown k=, bad key data), or null. */
    public String keyProblem() {
        return keyProblem;
    }

    /** {@code s=}, lower-case ({@code *} by default). */
    public List<String> serviceTypes() {
        return serviceTypes;
    }

    /** Whether {@code s=} includes {@code email} or {@code *}. */
    public boolean allowsEmail() {
        return serviceTypes.contains("*") || serviceTypes.contains("email");
    }

    /** {@code t=y}: the domain is testing DKIM. */
    public boolean isTesting() {
        return testing;
    }

    /** {@code t=s}: the i= domain must equal d=, not a subdomain. */
    public boolean isStrict() {
        return strict;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The outcome of a key lookup: a record, or a result word (temperror/permerror) with a reason.
     *
     * @param name the DNS name queried
     * @param record the record, or null on failure
     * @param error null on success, else TEMPERROR or PERMERROR
     * @param reason why the lookup failed, or null
     */
    public record Lookup(String name, DkimKeyRecord record, DkimResult error, String reason) {
        static Lookup found(String name, DkimKeyRecord record) {
            return new Lookup(name, record, null, null);
        }

        static Lookup failed(DkimResult error, String reason) {
            return new Lookup(null, null, error, reason);
        }

        public boolean isFound() {
            return record != null;
        }
    }
}
