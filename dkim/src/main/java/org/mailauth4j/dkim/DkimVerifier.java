package org.mailauth4j.dkim;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.text.Ascii;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 §6.1, RFC 8301, RFC 8463).
 *
 * <p>Incremental: a {@link Session} receives header fields, and at the end of the header section
 * parses every signature, starts its key lookup and registers its body hash; the body then
 * streams through one {@link BodyHasher}; when the message ends and the keys have arrived, each
 * signature gets its own {@link DkimVerification}. No thread blocks on DNS.
 *
 * <p>Result words: unparseable or invalid signatures and key-record problems (no key, revoked,
 * wrong key type, {@code h=}/{@code s=}/{@code t=s} violations) → permerror; DNS temporary
 * failure, or no answer within {@link DkimPolicy#keyLookupTimeout()}, → temperror; body hash or signature mismatch, RSA key under the policy minimum,
 * expired {@code x=} → fail; rsa-sha1 → {@link DkimPolicy#rsaSha1Result()} (never pass).
 */
public final class DkimVerifier {
    private final DnsResolver resolver;
    private final DkimPolicy policy;
    private final Clock clock;

    /** A verifier with the default policy and the system clock. */
    public DkimVerifier(DnsResolver resolver) {
        this(resolver, DkimPolicy.DEFAULT, Clock.systemUTC());
    }

    /**
     * @param resolver where key records come from
     * @param policy local policy
     * @param clock "now" for {@code x=} (archived mail: the arrival time)
     */
    public DkimVerifier(DnsResolver resolver, DkimPolicy policy, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A session with its own body hasher: feed it the whole message. */
    public Session newSession() {
        return new Session(new BodyHasher(), true);
    }

    /**
     * A session sharing {@code hasher} with other checks (e.g. ARC): the session registers its
     * requests on it at end-of-headers; the caller feeds the body to the hasher (body chunks sent
     * to the session are ignored), finishes it, then calls {@link Session#endOfMessage()}.
     */
    public Session newSession(BodyHasher hasher) {
        return new Session(Objects.requireNonNull(hasher, "hasher"), false);
    }

    /** Verifies a message held in memory. The future never completes exceptionally. */
    public CompletableFuture<List<DkimVerification>> verify(Message message) {
        Session s = newSession();
        message.replay(s);
        return s.result();
    }

    /** One message being verified. Not thread-safe; feed it from one thread. */
    public final class Session implements MessageHandler {
        private final BodyHasher hasher;
        private final boolean ownsHasher;
        private final List<HeaderField> headers = new ArrayList<>();
        private final List<Pending> pending = new ArrayList<>();
        private final CompletableFuture<List<DkimVerification>> result = new CompletableFuture<>();
        private boolean headersDone;
        private boolean ended;

        private Session(BodyHasher hasher, boolean ownsHasher) {
            this.hasher = hasher;
            this.ownsHasher = ownsHasher;
        }

        @Override
        public void headerField(HeaderField field) {
            if (!headersDone) {
                headers.add(field);
            }
        }

        @Override
        public void endOfHeaders() {
            if (headersDone) {
                return;
            }
            headersDone = true;
            int index = 0;
            for (HeaderField f : headers) {
                if (f.hasName(DkimSignature.FIELD)) {
                    Pending p;
                    try {
                        p = start(f, index);
                    } catch (RuntimeException e) { // defensive: bad input must give a result, not a crash
                        p = new Pending(f, index);
                        p.done = new DkimVerification(DkimResult.PERMERROR, "could not verify: " + e, index, f, null, 0,
                                false);
                    }
                    pending.add(p);
                    index++;
                }
            }
        }

        private Pending start(HeaderField field, int index) {
            Pending p = new Pending(field, index);
            if (index >= policy.maxSignatures()) {
                p.done = new DkimVerification(DkimResult.POLICY,
                        "not verified: more than " + policy.maxSignatures() + " signatures", index, field, null, 0, false);
                return p;
            }
            DkimSignature sig;
            try {
                sig = DkimSignature.parse(field);
            } catch (DkimFormatException e) {
                p.done = new DkimVerification(DkimResult.PERMERROR, e.getMessage(), index, field, null, 0, false);
                return p;
            }
            p.signature = sig;
            if (sig.expiration() >= 0) {
                Instant expires = Instant.ofEpochSecond(sig.expiration());
                if (clock.instant().isAfter(expires.plus(policy.clockSkew()))) {
                    p.done = new DkimVerification(DkimResult.FAIL, "signature expired at " + expires, index, field, sig,
                            0, false);
                    return p;
                }
            }
            p.body = hasher.request(sig.bodyCanonicalization(), sig.algorithm().hash(), sig.bodyLength());
            p.headerDigest = HeaderHasher.digest(sig, HeaderSelector.select(headers, sig.headerNames()));
            p.key = DkimKeyRecord.fetch(resolver, sig.selector(), sig.domain());
            if (!p.key.isDone()) { // an answer already here (a cache, in-memory DNS) needs no deadline
                Duration timeout = policy.keyLookupTimeout();
                p.key = p.key.completeOnTimeout(DkimKeyRecord.Lookup.failed(DkimResult.TEMPERROR, "key lookup for "
                        + DkimKeyRecord.dnsName(sig.selector(), sig.domain()) + " timed out after " + describe(timeout)),
                        timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return p;
        }

        /** Raw body bytes are fine when this session feeds its own hasher and every signature is relaxed. */
        @Override
        public boolean takesRawBody() {
            return ownsHasher && headersDone && hasher.takesRawBody();
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int len) {
            if (!headersDone) {
                endOfHeaders();
            }
            if (ownsHasher) {
                hasher.update(buf, off, len);
            }
        }

        @Override
        public void endOfMessage() {
            if (ended) {
                return;
            }
            ended = true;
            endOfHeaders();
            if (ownsHasher) {
                hasher.finish();
            } else if (!hasher.isFinished()) {
                throw new IllegalStateException("finish the shared BodyHasher before ending the session");
            }
            if (allKeysHere()) {
                // every key is here (the usual case with a warm cache): no future composition
                List<DkimVerification> out = new ArrayList<>(pending.size());
                for (Pending p : pending) {
                    out.add(p.done != null ? p.done : evaluateDone(p));
                }
                result.complete(List.copyOf(out));
                return;
            }
            List<CompletableFuture<DkimVerification>> all = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                if (p.done != null) {
                    all.add(CompletableFuture.completedFuture(p.done));
                } else {
                    all.add(p.key.handle((lookup, error) -> evaluate(p, lookup, error)));
                }
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
                List<DkimVerification> out = new ArrayList<>(all.size());
                for (CompletableFuture<DkimVerification> f : all) {
                    out.add(f.join());
                }
                result.complete(List.copyOf(out));
            });
        }

        private boolean allKeysHere() {
            for (Pending p : pending) {
                if (p.done == null && !p.key.isDone()) {
                    return false;
                }
            }
            return true;
        }

        /** Completes after {@link #endOfMessage()} once every key lookup has answered; empty when unsigned. */
        public CompletableFuture<List<DkimVerification>> result() {
            return result;
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static final class Pending {
        final HeaderField field;
        final int index;
        DkimSignature signature;
        DkimVerification done;
        BodyHasher.Request body;
        byte[] headerDigest;
        CompletableFuture<DkimKeyRecord.Lookup> key;

        Pending(HeaderField field, int index) {
            this.field = field;
            this.index = index;
        }
    }

    /** {@link #evaluate} for a lookup that has completed (join does not wait). */
    private DkimVerification evaluateDone(Pending p) {
        DkimKeyRecord.Lookup lookup;
        try {
            lookup = p.key.join();
        } catch (RuntimeException e) {
            return evaluate(p, null, e);
        }
        return evaluate(p, lookup, null);
    }

    private DkimVerification evaluate(Pending p, DkimKeyRecord.Lookup lookup, Throwable error) {
        try {
            return check(p, lookup, error);
        } catch (RuntimeException e) {
            return result(p, DkimResult.PERMERROR, "could not verify: " + e, 0, false);
        }
    }

    private DkimVerification check(Pending p, DkimKeyRecord.Lookup lookup, Throwable error) {
        DkimSignature sig = p.signature;
        if (error != null || lookup == null) {
            return result(p, DkimResult.TEMPERROR, "key lookup failed", 0, false);
        }
        if (!lookup.isFound()) {
            return result(p, lookup.error(), lookup.reason(), 0, false);
        }
        DkimKeyRecord rec = lookup.record();
        boolean testing = rec.isTesting();
        SignatureAlgorithm alg = sig.algorithm();
        // RFC 6376 §6.1.2 steps 3-7 and §3.6.1: is this key usable for this signature?
        String unusable = rec.unusableReason(alg);
        if (unusable != null) {
            return result(p, DkimResult.PERMERROR, unusable, 0, testing);
        }
        if (rec.isStrict() && sig.hasIdentity()) {
            String idomain = sig.identity().substring(sig.identity().lastIndexOf('@') + 1);
            if (!Ascii.equalsIgnoreCase(idomain, sig.domain())) {
                return result(p, DkimResult.PERMERROR,
                        "key has t=s but i= domain " + idomain + " is not d=" + sig.domain(), 0, testing);
            }
        }
        DkimPublicKey key = rec.publicKey();
        int bits = key.bits();
        // RFC 8301 §3.2
        if ("rsa".equals(key.keyType()) && bits < policy.minRsaBits()) {
            return result(p, DkimResult.FAIL, "key too small (" + bits + " bits)", bits, testing);
        }
        // RFC 6376 §6.1.3: body hash first, then the signature
        if (sig.bodyLength() >= 0 && sig.bodyLength() > p.body.canonicalLength()) {
            return result(p, DkimResult.FAIL, "l=" + sig.bodyLength() + " is longer than the canonical body ("
                    + p.body.canonicalLength() + " bytes)", bits, testing);
        }
        if (!MessageDigest.isEqual(p.body.digest(), sig.bodyHashBytes())) {
            return result(p, DkimResult.FAIL, "body hash did not verify", bits, testing);
        }
        if (!alg.verify(key, p.headerDigest, sig.signatureBytes())) {
            return result(p, DkimResult.FAIL, "signature did not verify", bits, testing);
        }
        if (alg == SignatureAlgorithm.RSA_SHA1) {
            return result(p, policy.rsaSha1Result(),
                    "rsa-sha1 is not accepted (RFC 8301 section 3.1), although the signature verifies", bits, testing);
        }
        return result(p, DkimResult.PASS, null, bits, testing);
    }

    private static DkimVerification result(Pending p, DkimResult r, String reason, int bits, boolean testing) {
        return new DkimVerification(r, reason, p.index, p.field, p.signature, bits, testing);
    }
}
