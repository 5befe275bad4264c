package org.mailauth4j.arc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dkim.BodyHasher;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.DkimPrivateKey;
import org.mailauth4j.dkim.HashAlgorithm;
import org.mailauth4j.dkim.HeaderHasher;
import org.mailauth4j.dkim.HeaderSelector;
import org.mailauth4j.dkim.SignatureAlgorithm;

/**
 * Adds this hop's ARC set to a message (RFC 8617 §5.1):
 * <ol>
 * <li>no set is added when the newest existing seal already says {@code cv=fail} or the chain has
 * 50 sets (§5.1, §4.2.1);</li>
 * <li>the ARC-Authentication-Results copies this authserv-id's results (§4.1.1);</li>
 * <li>the ARC-Message-Signature signs the configured header fields and the body like a
 * DKIM-Signature (§4.1.2); ARC-Seal is never signed, and ARC-Authentication-Results or
 * Authentication-Results only when configured;</li>
 * <li>the ARC-Seal carries the chain status as {@code cv} and signs every set in increasing
 * instance order, or only the new set when the chain failed (§5.1.1, §5.1.2).</li>
 * </ol>
 * The result is the three header fields in the order to prepend (ARC-Seal first), folded to at
 * most 78 columns; tags are written in alphabetical order, so the output is deterministic for a
 * fixed clock.
 *
 * <pre>{@code
 * ArcSealer sealer = ArcSealer.builder("example.org", "arc1", DkimKeys.readPrivateKey(pemFile)).build();
 * ArcOutcome chain = validator.validate(message).join();
 * List<HeaderField> set = sealer.seal(message, "mx.example.org", chain.nextCv());
 * Message sealed = message.prepend(set);
 * }</pre>
 */
public final class ArcSealer {
    /** The default h= list: the fields DKIM signers usually cover (RFC 6376 §5.4.1), present ones only. */
    public static final List<String> DEFAULT_HEADERS = List.of("from", "to", "cc", "subject", "date", "message-id",
            "reply-to", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "list-id", "dkim-signature");

    private final String domain;
    private final String selector;
    private final DkimPrivateKey key;
    private final SignatureAlgorithm algorithm;
    private final List<String> headers;
    private final Clock clock;
    private final Canonicalization headerCanon;
    private final Canonicalization bodyCanon;
    private final boolean foldB;

    private ArcSealer(Builder b) {
        this.foldB = b.foldB;
        this.domain = b.domain;
        this.selector = b.selector;
        this.key = b.key;
        this.algorithm = key.keyType().equals("ed25519") ? SignatureAlgorithm.ED25519_SHA256 : SignatureAlgorithm.RSA_SHA256;
        this.headers = b.headers;
        this.clock = b.clock;
        this.headerCanon = b.headerCanon;
        this.bodyCanon = b.bodyCanon;
    }

    /**
     * A builder sealing as {@code d=domain}, {@code s=selector} with {@code key}: an RSA key seals
     * with {@code rsa-sha256}, an Ed25519 key with {@code ed25519-sha256} (RFC 8463). Load or
     * generate keys with {@link org.mailauth4j.dkim.DkimKeys}.
     */
    public static Builder builder(String domain, String selector, DkimPrivateKey key) {
        return new Builder(domain, selector, key);
    }

    /** Configures an {@link ArcSealer}. */
    public static final class Builder {
        private final String domain;
        private final String selector;
        private final DkimPrivateKey key;
        private List<String> headers = DEFAULT_HEADERS;
        private Clock clock = Clock.systemUTC();
        private Canonicalization headerCanon = Canonicalization.RELAXED;
        private Canonicalization bodyCanon = Canonicalization.RELAXED;
        private boolean foldB = true;

        private Builder(String domain, String selector, DkimPrivateKey key) {
            this.key = Objects.requireNonNull(key, "key");
            if (!ArcSignature.validName(domain) || !ArcSignature.validName(selector)) {
                throw new IllegalArgumentException("not a domain/selector: " + domain + " / " + selector);
            }
            this.domain = domain.toLowerCase(Locale.ROOT);
            this.selector = selector;
        }

        /**
         * The header fields the AMS signs (h=), in order; each present field is signed as often as
         * it occurs, absent ones are left out. {@code ARC-Seal} is refused (RFC 8617 §4.1.2).
         */
        public Builder signedHeaders(List<String> names) {
            List<String> l = new ArrayList<>(names.size());
            for (String n : names) {
                String lower = Ascii.toLowerCase(n.trim());
                if (lower.equals("arc-seal")) {
                    throw new IllegalArgumentException("ARC-Seal must not be signed by the AMS (RFC 8617 section 4.1.2)");
                }
                if (lower.isEmpty() || lower.contains(":")) {
                    throw new IllegalArgumentException("not a header field name: " + n);
                }
                l.add(lower);
            }
            this.headers = List.copyOf(l);
            return this;
        }

        /** The clock for {@code t=} (fixed clocks give deterministic output). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The AMS canonicalization, {@code c=header/body}; default relaxed/relaxed. */
        public Builder canonicalization(String c) {
            String[] p = c.split("/", -1);
            Canonicalization h = Canonicalization.forTagValue(p[0]);
            Canonicalization b = p.length > 1 ? Canonicalization.forTagValue(p[1]) : Canonicalization.SIMPLE;
            if (h == null || b == null || p.length > 2) {
                throw new IllegalArgumentException("not a canonicalization: " + c);
            }
            this.headerCanon = h;
            this.bodyCanon = b;
            return this;
        }

        /**
         * Whether {@code b=} values are folded to keep lines within 78 columns (default
         * {@code true}, RFC 5322 §2.1.1). With relaxed canonicalization a fold inside the AMS
         * {@code b=} becomes a space the seal signs (RFC 8617 §5.1.1, RFC 6376 §3.4.2), so both
         * forms validate but give different AS signatures; {@code false} writes {@code b=} on one
         * line, as the ValiMail signing suite's generator did, and reproduces its seals exactly.
         */
        public Builder foldSignatureValues(boolean fold) {
            this.foldB = fold;
            return this;
        }

        public ArcSealer build() {
            return new ArcSealer(this);
        }
    }

    /**
     * Seals with the results this host ({@code authservId}) already wrote into the message as
     * Authentication-Results fields, consolidated in order (RFC 8617 §4.1.1).
     *
     * @param chainStatus the status of the incoming chain ({@link ArcOutcome#nextCv()}); ignored
     *     when the message has no ARC set (cv=none)
     * @return AS, AMS, AAR to prepend in that order; empty when RFC 8617 forbids another set
     * @throws IllegalArgumentException when the message has a valid-looking chain and
     *     {@code chainStatus} is {@code NONE} (a chain's status is pass or fail)
     */
    public List<HeaderField> seal(Message message, String authservId, ArcResult chainStatus) {
        String id = authservId.toLowerCase(Locale.ROOT);
        List<String> results = new ArrayList<>();
        for (HeaderField h : message.headers("Authentication-Results")) {
            String v = h.value();
            if (AuthResultsText.authservId(v).equals(id)) {
                results.addAll(AuthResultsText.results(v));
            }
        }
        return seal(message, authservId, results, chainStatus);
    }

    /** Seals with results given as a value (e.g. this hop's fresh report). */
    public List<HeaderField> seal(Message message, AuthenticationResults results, ArcResult chainStatus) {
        List<String> items = new ArrayList<>();
        for (ResInfo r : results.results()) {
            items.add(AuthResultsText.format(r));
        }
        return seal(message, results.authservId(), items, chainStatus);
    }

    private List<HeaderField> seal(Message message, String authservId, List<String> results, ArcResult chainStatus) {
        Objects.requireNonNull(chainStatus, "chainStatus");
        List<HeaderField> all = message.headers();
        List<ArcSet> existing;
        ArcResult cv;
        int instance;
        try {
            existing = ArcSetCollector.collect(all);
            instance = existing.size() + 1;
            cv = existing.isEmpty() ? ArcResult.NONE : chainStatus;
            if (cv == ArcResult.NONE && !existing.isEmpty()) {
                throw new IllegalArgumentException("the message has an ARC chain; its status cannot be none");
            }
        } catch (ArcFailure f) {
            // A broken chain: is the newest seal already cv=fail? Then nothing may be added.
            int max = maxInstance(all);
            if (max == 0 || newestSealFailed(all, max) || max >= ArcSetCollector.MAX_SETS) {
                return List.of();
            }
            existing = List.of();
            instance = max + 1;
            cv = ArcResult.FAIL;
        }
        if (instance > ArcSetCollector.MAX_SETS) {
            return List.of();
        }
        String t = Long.toString(clock.instant().getEpochSecond());

        List<String> aarItems = new ArrayList<>();
        aarItems.add("i=" + instance);
        aarItems.add(authservId);
        if (results.isEmpty()) {
            aarItems.add("none");
        } else {
            aarItems.addAll(results);
        }
        HeaderField aar = HeaderField.of(new HeaderFolder(ArcSet.AAR).items(aarItems).text());

        // AMS: body hash, then header hash over the signed fields (new AAR on top) and itself.
        BodyHasher hasher = new BodyHasher();
        BodyHasher.Request req = hasher.request(bodyCanon, HashAlgorithm.SHA256, -1);
        byte[] body = message.body();
        hasher.update(body, 0, body.length);
        hasher.finish();
        List<HeaderField> withAar = new ArrayList<>(all.size() + 1);
        withAar.add(aar);
        withAar.addAll(all);
        List<String> h = new ArrayList<>();
        for (String name : headers) {
            for (HeaderField f : withAar) {
                if (f.hasName(name)) {
                    h.add(name);
                }
            }
        }
        String a = algorithm.tagValue();
        List<String[]> amsTags = new ArrayList<>(List.of(
                new String[] {"a", a},
                new String[] {"b", ""},
                new String[] {"bh", Base64.getEncoder().encodeToString(req.digest())},
                new String[] {"c", headerCanon.tagValue() + "/" + bodyCanon.tagValue()},
                new String[] {"d", domain},
                new String[] {"h", String.join(":", h)},
                new String[] {"i", Integer.toString(instance)},
                new String[] {"s", selector},
                new String[] {"t", t}));
        HeaderField amsUnsigned = HeaderField.of(new HeaderFolder(ArcSet.AMS).tags(amsTags, foldB).text());
        byte[] amsDigest = HeaderHasher.digest(HashAlgorithm.SHA256, headerCanon, HeaderSelector.select(withAar, h), amsUnsigned);
        amsTags.get(1)[1] = Base64.getEncoder().encodeToString(algorithm.sign(key, amsDigest));
        HeaderField ams = HeaderField.of(new HeaderFolder(ArcSet.AMS).tags(amsTags, foldB).text());

        // AS: cv, over all sets 1..i (or only the new one for a failed chain, §5.1.2).
        List<String[]> asTags = new ArrayList<>(List.of(
                new String[] {"a", a},
                new String[] {"b", ""},
                new String[] {"cv", cv.word()},
                new String[] {"d", domain},
                new String[] {"i", Integer.toString(instance)},
                new String[] {"s", selector},
                new String[] {"t", t}));
        HeaderField asUnsigned = HeaderField.of(new HeaderFolder(ArcSet.AS).tags(asTags, foldB).text());
        List<ArcSet> covered = new ArrayList<>(cv == ArcResult.FAIL ? List.of() : existing);
        covered.add(new ArcSet(instance, aar, ams, null, asUnsigned, null));
        byte[] sealDigest = ArcValidator.sealDigest(covered, covered.size(), asUnsigned);
        asTags.get(1)[1] = Base64.getEncoder().encodeToString(algorithm.sign(key, sealDigest));
        HeaderField seal = HeaderField.of(new HeaderFolder(ArcSet.AS).tags(asTags, foldB).text());
        return List.of(seal, ams, aar);
    }

    /** The highest instance any ARC-Seal claims (0 when none can be read). */
    private static int maxInstance(List<HeaderField> all) {
        int max = 0;
        for (HeaderField f : all) {
            Integer i = sealInstance(f);
            if (i != null) {
                max = Math.max(max, i);
            }
        }
        return max;
    }

    private static boolean newestSealFailed(List<HeaderField> all, int max) {
        for (HeaderField f : all) {
            Integer i = sealInstance(f);
            if (i != null && i == max) {
                try {
                    if (Ascii.equalsIgnoreCase("fail", TagList.parse(f.value()).get("cv"))) {
                        return true;
                    }
                } catch (TagListException e) {
                    // unreadable: not a cv=fail statement
                }
            }
        }
        return false;
    }

    private static Integer sealInstance(HeaderField f) {
        if (!f.hasName(ArcSet.AS)) {
            return null;
        }
        try {
            return ArcSetCollector.instance(TagList.parse(f.value()).get("i"), ArcSet.AS);
        } catch (TagListException | ArcFailure e) {
            return null;
        }
    }
}
