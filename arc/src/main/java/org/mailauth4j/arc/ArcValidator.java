package org.mailauth4j.arc;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageHandler;

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
 * still arriving. The same key-size and algorithm policy as DKIM applies: RSA keys below
 * {@link Builder#minRsaBits(int) 1024 bits} fail, only {@code rsa-sha256} and
 * {@code ed25519-sha256} are accepted.
 *
 * <pre>{@code
 * ArcValidator v = ArcValidator.builder(resolver).build();
 * ArcOutcome o = v.validate(message).join();          // whole message in memory
 * ArcValidator.Session s = v.newSession();            // or streaming: a MessageHandler
 * new MessageParser(s).feed(...); ... s.result().thenAccept(...);
 * }</pre>
 */
public final class ArcValidator {
    private final DnsResolver resolver;
    private final int minRsaBits;
    private final boolean oldestPass;

    private ArcValidator(Builder b) {
        this.resolver = b.resolver;
        this.minRsaBits = b.minRsaBits;
        this.oldestPass = b.oldestPass;
    }

    /** A builder using {@code resolver} for the {@code _domainkey} key records. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /** Configures an {@link ArcValidator}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private int minRsaBits = 1024;
        private boolean oldestPass;

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The smallest RSA key accepted (default 1024, as DKIM; RFC 8301 §3.2). */
        public Builder minRsaBits(int bits) {
            this.minRsaBits = bits;
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

    /** Package-private: a session whose body hash requests go to a hasher the caller drives. */
    Session newSession(BodyHasher shared) {
        return new Session(shared, false);
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
        private final Map<String, CompletableFuture<KeyResult>> keys = new HashMap<>();

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
                        bodyRequests[i] = hasher.request(ams[i].bodyCanon(), ams[i].limit());
                        fetch(ams[i]);
                    }
                    fetch(seals[i]);
                }
            } catch (ArcFailure f) {
                early = f;
            }
        }

        private void fetch(ArcSignature sig) {
            keys.computeIfAbsent(sig.keyName().toLowerCase(java.util.Locale.ROOT), k -> lookup(sig.keyName()));
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

        private PublicKeyRecord key(ArcSignature sig, String what) throws ArcFailure {
            KeyResult k = keys.get(sig.keyName().toLowerCase(java.util.Locale.ROOT)).join();
            if (k.key() == null) {
                throw new ArcFailure(sig.instance(), what + ": key " + sig.keyName() + ": " + k.problem(), k.temporary());
            }
            PublicKeyRecord key = k.key();
            if (!key.keyType().equals(sig.algorithm().keyType())) {
                throw new ArcFailure(sig.instance(), what + ": key type " + key.keyType() + " does not match a="
                        + sig.algorithm().tagValue());
            }
            if (key.keyType().equals("rsa") && key.bits() < minRsaBits) {
                throw new ArcFailure(sig.instance(), what + ": RSA key of " + key.bits() + " bits is below the minimum "
                        + minRsaBits + " (RFC 8301 §3.2)");
            }
            return key;
        }

        /** RFC 8617 §5.2 step 4 (and 6): the AMS as a DKIM signature (RFC 6376 §6.1.3). */
        private void verifyAms(int i) throws ArcFailure {
            ArcSignature sig = ams[i];
            String what = "ARC-Message-Signature i=" + i;
            PublicKeyRecord key = key(sig, what);
            byte[] bh = bodyRequests[i].digest();
            if (!MessageDigest.isEqual(bh, sig.bodyHash())) {
                throw new ArcFailure(i, what + ": body hash does not match (body changed)");
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
            HeaderSelection.select(headers, sig.signedHeaders(), sig.headerCanon(), data);
            sig.headerCanon().header(sets.get(i - 1).ams(), true, false, data);
            if (!sig.algorithm().verify(key, data.toByteArray(), sig.signature())) {
                throw new ArcFailure(i, what + ": signature did not verify (signed header fields changed)");
            }
        }

        /** RFC 8617 §5.2 step 8, §5.1.1: the AS over sets 1..i, relaxed, own b= emptied. */
        private void verifySeal(int i) throws ArcFailure {
            ArcSignature sig = seals[i];
            String what = "ARC-Seal i=" + i;
            PublicKeyRecord key = key(sig, what);
            byte[] data = sealData(sets, i, null);
            if (!sig.algorithm().verify(key, data, sig.signature())) {
                throw new ArcFailure(i, what + ": seal did not verify (an ARC set was changed)");
            }
        }

        private CompletableFuture<KeyResult> lookup(String name) {
            return resolver.txt(name).handle((answer, error) -> {
                if (error != null) {
                    return new KeyResult(null, "DNS error " + error, true);
                }
                return KeyResult.of(answer);
            });
        }
    }

    /**
     * The data an ARC-Seal signs (RFC 8617 §5.1.1): for each set 1..i in increasing order its
     * AAR, AMS and AS, relaxed-canonicalized; the AS of set i (or {@code ownSeal} when sealing) last,
     * with its b= value emptied and no final CRLF.
     */
    static byte[] sealData(List<ArcSet> sets, int i, HeaderField ownSeal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        Canonicalization r = Canonicalization.RELAXED;
        for (int j = 1; j <= i; j++) {
            ArcSet s = sets.get(j - 1);
            r.header(s.aar(), false, true, out);
            r.header(s.ams(), false, true, out);
            if (j < i) {
                r.header(s.seal(), false, true, out);
            } else {
                r.header(ownSeal != null ? ownSeal : s.seal(), true, false, out);
            }
        }
        return out.toByteArray();
    }

    /** A key lookup's outcome. */
    record KeyResult(PublicKeyRecord key, String problem, boolean temporary) {
        static KeyResult of(DnsAnswer<String> a) {
            if (a.isTempFail()) {
                return new KeyResult(null, "temporary DNS failure (" + a.detail() + ")", true);
            }
            if (!a.hasRecords()) {
                return new KeyResult(null, "no key record (" + a.status() + ")", false);
            }
            String problem = null;
            for (String txt : a.records()) {
                try {
                    return new KeyResult(PublicKeyRecord.parse(txt), null, false);
                } catch (PublicKeyRecord.KeyRecordException e) {
                    problem = e.getMessage();
                }
            }
            return new KeyResult(null, problem, false);
        }
    }
}
