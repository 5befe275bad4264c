package org.mailauth4j.arc;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.dkim.BodyHasher;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.DkimKeyRecord;
import org.mailauth4j.dkim.DkimPolicy;
import org.mailauth4j.dkim.DkimPublicKey;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dkim.HashAlgorithm;
import org.mailauth4j.dkim.HeaderHasher;
import org.mailauth4j.dkim.HeaderSelector;

/**
 * Validates the Authenticated Received Chain of a message (RFC 8617 §5.2):
 * <ol>
 * <li>collect the ARC sets: none gives {@code none}; more than 50, a newest seal with
 * {@code cv=fail}, a missing, duplicated or out-of-sequence set, or a wrong {@code cv} give
 * {@code fail} (steps 1–3, {@link ArcSetCollector});</li>
 * <li>validate the newest ARC-Message-Signature, body hash included (step 4);</li>
 * <li>optionally find the oldest instance whose AMS still validates (steps 5–7,
 * {@link Builder#oldestPass(boolean)});</li>
 * <li>validate every ARC-Seal from the newest down to instance 1 over the sets it covers
 * (step 8, §5.1.1);</li>
 * <li>otherwise the chain passes (step 9).</li>
 * </ol>
 * Keys are looked up (asynchronously) as soon as the header section is complete, while the body is
 * still arriving. The same key-size policy as DKIM applies ({@link DkimPolicy#minRsaBits()},
 * 1024 bits by default); only {@code rsa-sha256} and {@code ed25519-sha256} are accepted. The body
 * hash goes through the DKIM module's one-pass {@link BodyHasher}, which a caller verifying DKIM
 * at the same time can share ({@link #newSession(BodyHasher)}).
 *
 * <pre>{@code
 * ArcValidator v = ArcValidator.builder(resolver).build();
 * ArcOutcome o = v.validate(message).join();          // whole message in memory
 * ArcValidator.Session s = v.newSession();            // or streaming: a MessageHandler
 * new MessageParser(s).feed(...); ... s.result().thenAccept(...);
 * BodyHasher shared = new BodyHasher();               // or one body pass for DKIM and ARC
 * ArcValidator.Session s2 = v.newSession(shared);     // feed headers to s2, body to shared,
 *                                                     // shared.finish() then s2.endOfMessage()
 * }</pre>
 */
public final class ArcValidator {
    private final DnsResolver resolver;
    private final DkimPolicy policy;
    private final boolean oldestPass;

    private ArcValidator(Builder b) {
        this.resolver = b.resolver;
        this.policy = b.policy;
        this.oldestPass = b.oldestPass;
    }

    /** A builder using {@code resolver} for the {@code _domainkey} key records. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /** Configures an {@link ArcValidator}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private DkimPolicy policy = DkimPolicy.DEFAULT;
        private boolean oldestPass;

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The DKIM policy whose key-size minimum applies (default {@link DkimPolicy#DEFAULT}: 1024 bits). */
        public Builder policy(DkimPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether to compute {@code header.oldest-pass} (RFC 8617 §5.2 steps 5–7); default off. */
        public Builder oldestPass(boolean compute) {
            this.oldestPass = compute;
            return this;
        }

        public ArcValidator build() {
            return new ArcValidator(this);
        }
    }

    /** Validates a message held in memory. */
    public CompletableFuture<ArcOutcome> validate(Message message) {
        Session s = newSession();
        message.replay(s);
        return s.result();
    }

    /**
     * A validation fed incrementally: header fields, end of headers, body chunks, end of message
     * (the {@link MessageHandler} contract, e.g. straight from a
     * {@link org.mailauth4j.core.message.MessageParser}).
     */
    public Session newSession() {
        return new Session(new BodyHasher(), true);
    }

    /**
     * A validation sharing a body pass: the session registers its body hash request(s) in
     * {@code shared} at end of headers; the caller feeds the body to {@code shared} (not to the
     * session), calls {@link BodyHasher#finish()}, then {@link Session#endOfMessage()}.
     */
    public Session newSession(BodyHasher shared) {
        return new Session(Objects.requireNonNull(shared, "shared"), false);
    }

    /** One message being validated; not thread-safe, use one per message. */
    public final class Session implements MessageHandler {
        private final BodyHasher hasher;
        private final boolean ownsHasher;
        private final List<HeaderField> headers = new ArrayList<>();
        private final CompletableFuture<ArcOutcome> result = new CompletableFuture<>();
        private boolean headersDone;
        private List<ArcSet> sets;
        private ArcFailure early;
        private ArcSignature[] ams;
        private ArcSignature[] seals;
        private BodyHasher.Request[] bodyRequests;
        private final Map<String, CompletableFuture<DkimKeyRecord.Lookup>> keys = new HashMap<>();

        private Session(BodyHasher hasher, boolean ownsHasher) {
            this.hasher = hasher;
            this.ownsHasher = ownsHasher;
        }

        /** The outcome; completes after {@link #endOfMessage()} and the key lookups. */
        public CompletableFuture<ArcOutcome> result() {
            return result;
        }

        @Override
        public void headerField(HeaderField field) {
            if (headersDone) {
                throw new IllegalStateException("header field after end of headers");
            }
            headers.add(field);
        }

        @Override
        public void endOfHeaders() {
            if (headersDone) {
                return;
            }
            headersDone = true;
            try {
                sets = ArcSetCollector.collect(headers);
                if (sets.isEmpty()) {
                    return;
                }
                int n = sets.size();
                ams = new ArcSignature[n + 1];
                seals = new ArcSignature[n + 1];
                bodyRequests = new BodyHasher.Request[n + 1];
                ArcSet newest = sets.get(n - 1);
                ams[n] = ArcSignature.messageSignature(n, newest.amsTags());
                for (ArcSet s : sets) {
                    seals[s.instance()] = ArcSignature.seal(s.instance(), s.sealTags());
                }
                if (oldestPass) {
                    for (int i = n - 1; i >= 1; i--) {
                        try {
                            ams[i] = ArcSignature.messageSignature(i, sets.get(i - 1).amsTags());
                        } catch (ArcFailure f) {
                            break; // older ones cannot count for oldest-pass anyway
                        }
                    }
                }
                for (int i = n; i >= 1; i--) {
                    if (ams[i] != null) {
                        bodyRequests[i] = hasher.request(ams[i].bodyCanon(), HashAlgorithm.SHA256, ams[i].limit());
                        fetch(ams[i]);
                    }
                    fetch(seals[i]);
                }
            } catch (ArcFailure f) {
                early = f;
            }
        }

        private void fetch(ArcSignature sig) {
            keys.computeIfAbsent(sig.keyName(), k -> DkimKeyRecord.fetch(resolver, sig.selector(), sig.domain()));
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int len) {
            if (ownsHasher) {
                hasher.update(buf, off, len);
            }
        }

        @Override
        public void endOfMessage() {
            endOfHeaders();
            if (ownsHasher) {
                hasher.finish();
            } else if (bodyRequests != null && !hasher.isFinished()) {
                throw new IllegalStateException("finish the shared BodyHasher before endOfMessage()");
            }
            if (early != null) {
                result.complete(ArcOutcome.fail(early, sets == null ? 0 : sets.size()));
                return;
            }
            if (sets.isEmpty()) {
                result.complete(ArcOutcome.none());
                return;
            }
            CompletableFuture.allOf(keys.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> decide())
                    .whenComplete((o, e) -> {
                        if (e != null) {
                            result.complete(new ArcOutcome(ArcResult.FAIL, "internal error: " + e, 0, sets.size(), -1, true));
                        } else {
                            result.complete(o);
                        }
                    });
        }

        private ArcOutcome decide() {
            int n = sets.size();
            try {
                verifyAms(n);
            } catch (ArcFailure f) {
                return ArcOutcome.fail(f, n);
            }
            int oldest = -1;
            if (oldestPass) {
                oldest = 0;
                for (int i = n - 1; i >= 1; i--) {
                    boolean ok;
                    try {
                        if (ams[i] == null) {
                            throw new ArcFailure(i, "unparsable");
                        }
                        verifyAms(i);
                        ok = true;
                    } catch (ArcFailure f) {
                        ok = false;
                    }
                    if (!ok) {
                        oldest = i + 1;
                        break;
                    }
                }
            }
            try {
                for (int i = n; i >= 1; i--) {
                    verifySeal(i);
                }
            } catch (ArcFailure f) {
                return ArcOutcome.fail(f, n);
            }
            return new ArcOutcome(ArcResult.PASS, n + " ARC set" + (n == 1 ? "" : "s") + " validated", 0, n, oldest, false);
        }

        /** The usable key for a signature, checked as DKIM checks it (RFC 6376 §6.1.2, RFC 8301). */
        private DkimPublicKey key(ArcSignature sig, String what) throws ArcFailure {
            DkimKeyRecord.Lookup l = keys.get(sig.keyName()).join();
            int i = sig.instance();
            if (!l.isFound()) {
                throw new ArcFailure(i, what + ": " + l.reason(), l.error() == DkimResult.TEMPERROR);
            }
            DkimKeyRecord rec = l.record();
            if (rec.isRevoked()) {
                throw new ArcFailure(i, what + ": key " + sig.keyName() + " is revoked (empty p=)");
            }
            if (rec.keyProblem() != null) {
                throw new ArcFailure(i, what + ": key " + sig.keyName() + ": " + rec.keyProblem());
            }
            if (!rec.allowsHash(HashAlgorithm.SHA256) || !rec.allowsEmail()) {
                throw new ArcFailure(i, what + ": key " + sig.keyName() + " does not allow sha256 e-mail signatures (h=, s=)");
            }
            DkimPublicKey key = rec.publicKey();
            if (!key.keyType().equals(sig.algorithm().keyType())) {
                throw new ArcFailure(i, what + ": key type " + key.keyType() + " does not match a="
                        + sig.algorithm().tagValue());
            }
            if (key.keyType().equals("rsa") && key.bits() < policy.minRsaBits()) {
                throw new ArcFailure(i, what + ": RSA key of " + key.bits() + " bits is below the minimum "
                        + policy.minRsaBits() + " (RFC 8301 §3.2)");
            }
            return key;
        }

        /** RFC 8617 §5.2 step 4 (and 6): the AMS as a DKIM signature (RFC 6376 §6.1.3). */
        private void verifyAms(int i) throws ArcFailure {
            ArcSignature sig = ams[i];
            String what = "ARC-Message-Signature i=" + i;
            DkimPublicKey key = key(sig, what);
            byte[] bh = bodyRequests[i].digest();
            if (!MessageDigest.isEqual(bh, sig.bodyHash())) {
                throw new ArcFailure(i, what + ": body hash does not match (body changed)");
            }
            byte[] digest = HeaderHasher.digest(HashAlgorithm.SHA256, sig.headerCanon(),
                    HeaderSelector.select(headers, sig.signedHeaders()), sets.get(i - 1).ams());
            if (!sig.algorithm().verify(key, digest, sig.signature())) {
                throw new ArcFailure(i, what + ": signature did not verify (signed header fields changed)");
            }
        }

        /** RFC 8617 §5.2 step 8, §5.1.1: the AS over sets 1..i, relaxed, own b= emptied. */
        private void verifySeal(int i) throws ArcFailure {
            ArcSignature sig = seals[i];
            String what = "ARC-Seal i=" + i;
            DkimPublicKey key = key(sig, what);
            if (!sig.algorithm().verify(key, sealDigest(sets, i, null), sig.signature())) {
                throw new ArcFailure(i, what + ": seal did not verify (an ARC set was changed)");
            }
        }
    }

    /**
     * The digest an ARC-Seal signs (RFC 8617 §5.1.1): for each set 1..i in increasing order its
     * AAR, AMS and AS, relaxed-canonicalized; the AS of set i (or {@code ownSeal} when sealing)
     * last, with its b= value emptied and no final CRLF. Only SHA-256 algorithms are accepted.
     */
    static byte[] sealDigest(List<ArcSet> sets, int i, HeaderField ownSeal) {
        List<HeaderField> covered = new ArrayList<>(3 * i);
        for (int j = 1; j <= i; j++) {
            ArcSet s = sets.get(j - 1);
            covered.add(s.aar());
            covered.add(s.ams());
            if (j < i) {
                covered.add(s.seal());
            }
        }
        HeaderField last = ownSeal != null ? ownSeal : sets.get(i - 1).seal();
        return HeaderHasher.digest(HashAlgorithm.SHA256, Canonicalization.RELAXED, covered, last);
    }
}
