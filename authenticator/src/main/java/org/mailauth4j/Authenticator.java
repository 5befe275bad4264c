package org.mailauth4j;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.List;
import org.mailauth4j.arc.ArcValidator;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageLimits;
import org.mailauth4j.dkim.DkimFormatException;
import org.mailauth4j.dkim.DkimPolicy;
import org.mailauth4j.dkim.DkimSigner;
import org.mailauth4j.dkim.DkimVerifier;
import org.mailauth4j.dmarc.DmarcEvaluator;
import org.mailauth4j.dmarc.DmarcMode;
import org.mailauth4j.dmarc.DmarcPolicyDiscovery;
import org.mailauth4j.dmarc.PublicSuffixList;
import org.mailauth4j.spf.SpfEvaluator;
import org.mailauth4j.spf.SpfLimits;

/**
 * The one entry point for receiving mail: checks SPF (RFC 7208), every DKIM signature (RFC 6376,
 * 8301, 8463), the ARC chain (RFC 8617) and DMARC (RFC 9989, or RFC 7489 in compatibility mode)
 * in one pass over the message, and returns an {@link AuthenticationReport} with the
 * Authentication-Results header field (RFC 8601).
 *
 * <pre>{@code
 * Authenticator auth = Authenticator.builder().authservId("mx.example.org").build();
 * AuthenticationReport r = auth.authenticate(bytes, Envelope.of("192.0.2.1", "mail.example.com", "a@example.com"));
 * r.dmarc().result();               // "pass"
 * r.authenticationResultsHeader();  // "Authentication-Results: mx.example.org; spf=pass ..."
 * }</pre>
 *
 * <p>For streaming input (milters, mailets) use {@link #newSession()}: the envelope starts SPF at
 * once, key and policy lookups start at the end of the header section while the body is still
 * arriving, and the body is read exactly once.
 *
 * <p>Instances are immutable, thread-safe and cheap to share; build one and use it for every message.
 */
public final class Authenticator {
    private final DnsResolver resolver;
    private final String authservId;
    private final Clock clock;
    private final Executor executor;
    private final MessageLimits messageLimits;
    private final Duration timeout;
    private final boolean honourBodyLength;
    private final boolean arcOldestPass;
    private final DmarcMode dmarcMode;
    private final SpfEvaluator spf;
    private final DkimPolicy dkimPolicy;
    private final PublicSuffixList publicSuffixList;

    private Authenticator(Builder b) {
        this.resolver = b.resolver != null ? b.resolver : Defaults.resolver();
        this.authservId = b.authservId;
        this.clock = b.clock;
        this.executor = b.executor;
        this.messageLimits = b.messageLimits;
        this.timeout = b.timeout;
        this.honourBodyLength = b.honourBodyLength;
        this.arcOldestPass = b.arcOldestPass;
        this.dmarcMode = b.dmarcMode;
        this.dkimPolicy = b.dkimPolicy;
        this.publicSuffixList = b.dmarcMode == DmarcMode.RFC7489 ? PublicSuffixList.bundled() : null;
        this.spf = SpfEvaluator.builder().resolver(resolver).receiver(b.receiver != null ? b.receiver : b.authservId)
                .clock(b.clock).timeout(b.timeout).limits(b.spfLimits).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new incremental session for one message. */
    public AuthenticationSession newSession() {
        return new AuthenticationSession(this);
    }

    /**
     * Authenticates a whole message.
     *
     * @param message the message bytes (CRLF or LF line endings)
     * @param envelope the SMTP envelope, or {@link Envelope#NONE}
     * @return a future that completes within the configured timeout and never exceptionally for
     *     DNS problems (those become {@code temperror} results)
     * @throws MessageFormatException when the bytes are not a message (the exception names the problem)
     */
    public CompletableFuture<AuthenticationReport> authenticateAsync(byte[] message, Envelope envelope)
            throws MessageFormatException {
        AuthenticationSession s = newSession();
        s.envelope(envelope);
        s.feed(message, 0, message.length);
        return s.finish();
    }

    /** Authenticates a whole message and waits for the report; see {@link #authenticateAsync}. */
    public AuthenticationReport authenticate(byte[] message, Envelope envelope) throws MessageFormatException {
        return await(authenticateAsync(message, envelope));
    }

    /**
     * Authenticates a message read from {@code in} (not closed), streaming: memory stays bounded
     * by the header section, whatever the body size.
     */
    public AuthenticationReport authenticate(InputStream in, Envelope envelope) throws IOException, MessageFormatException {
        AuthenticationSession s = newSession();
        s.envelope(envelope);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            s.feed(buf, 0, n);
        }
        return await(s.finish());
    }

    static AuthenticationReport await(CompletableFuture<AuthenticationReport> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The authserv-id written into Authentication-Results. */
    public String authservId() {
        return authservId;
    }

    DnsResolver resolver() {
        return resolver;
    }

    Clock clock() {
        return clock;
    }

    Executor executor() {
        return executor;
    }

    MessageLimits messageLimits() {
        return messageLimits;
    }

    Duration timeout() {
        return timeout;
    }

    boolean honourBodyLength() {
        return honourBodyLength;
    }

    DmarcMode dmarcMode() {
        return dmarcMode;
    }

    DkimPolicy dkimPolicy() {
        return dkimPolicy;
    }

    /** The SPF evaluator; it holds no per-message state. */
    SpfEvaluator spf() {
        return spf;
    }

    /** The per-message checks that take a resolver are built per message, over that message's {@link MessageDns}. */
    DkimVerifier dkimVerifier(DnsResolver dns) {
        return new DkimVerifier(dns, dkimPolicy, clock);
    }

    ArcValidator arcValidator(DnsResolver dns) {
        return ArcValidator.builder(dns).policy(dkimPolicy).oldestPass(arcOldestPass).build();
    }

    DmarcEvaluator dmarcEvaluator(DnsResolver dns) {
        DmarcEvaluator.Builder b = DmarcEvaluator.builder().resolver(dns).mode(dmarcMode).timeout(timeout);
        if (publicSuffixList != null) {
            b.publicSuffixList(publicSuffixList);
        }
        return b.build();
    }

    DmarcPolicyDiscovery dmarcDiscovery(DnsResolver dns) {
        return DmarcPolicyDiscovery.of(dns, dmarcMode, publicSuffixList != null ? publicSuffixList : PublicSuffixList.bundled());
    }

    /**
     * Signs an outgoing message with DKIM (RFC 6376 §5): the message with one DKIM-Signature
     * field added on top.
     *
     * @throws DkimFormatException when the message cannot be signed (e.g. it has no From field)
     */
    public static Message sign(Message message, DkimSigner signer) throws DkimFormatException {
        return message.prepend(List.of(signer.sign(message)));
    }

    /**
     * Configures an {@link Authenticator}. Defaults are the strict security defaults: RSA keys of
     * at least 1024 bits, {@code rsa-sha1} never a pass (RFC 8301), {@code l=} honoured but
     * reported, at most 10 signatures verified, SPF limits of 10 DNS-querying terms and 2 void
     * lookups (RFC 7208 §4.6.4), 20 seconds per check, DMARC per RFC 9989.
     */
    public static final class Builder {
        private DnsResolver resolver;
        private String authservId = "localhost";
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();
        private MessageLimits messageLimits = MessageLimits.DEFAULT;
        private Duration timeout = Duration.ofSeconds(20);
        private boolean honourBodyLength = true;
        private boolean arcOldestPass;
        private DkimPolicy dkimPolicy = DkimPolicy.DEFAULT;
        private SpfLimits spfLimits = SpfLimits.RFC7208;
        private DmarcMode dmarcMode = DmarcMode.RFC9989;
        private String receiver;

        private Builder() {
        }

        /** The DNS resolver; default: real DNS through the system's resolvers, with a TTL-aware cache. */
        public Builder resolver(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** This host's authserv-id for Authentication-Results (RFC 8601 §2.5); default {@code localhost}. */
        public Builder authservId(String authservId) {
            if (authservId == null || authservId.isBlank() || authservId.chars().anyMatch(c -> c <= ' ' || c == ';')) {
                throw new IllegalArgumentException("authserv-id must be a non-empty token: " + authservId);
            }
            this.authservId = authservId;
            return this;
        }

        /** The clock for DKIM {@code t=}/{@code x=}; pin it to verify archived mail "as of" its arrival. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Where CPU work (signature verification) runs; default the common fork-join pool. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /** Bounds on header size and count. */
        public Builder messageLimits(MessageLimits limits) {
            this.messageLimits = Objects.requireNonNull(limits);
            return this;
        }

        /** How long one message's checks may take; checks still waiting then yield {@code temperror}. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * DKIM verification policy: smallest RSA key (default 1024 bits, also applied to ARC),
         * result of {@code rsa-sha1} (never pass, RFC 8301), most signatures verified (default
         * 10), clock skew for {@code x=}. Default {@link DkimPolicy#DEFAULT}.
         */
        public Builder dkimPolicy(DkimPolicy policy) {
            this.dkimPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** The receiving host's name for SPF's {@code %{r}} macro; default the authserv-id. */
        public Builder receiver(String hostName) {
            this.receiver = Objects.requireNonNull(hostName);
            return this;
        }

        /**
         * Whether a signature with a body length limit ({@code l=}, RFC 6376 §3.5) can pass; default
         * true (the result is reported; content past the limit never counts as signed).
         */
        public Builder honourBodyLength(boolean honour) {
            this.honourBodyLength = honour;
            return this;
        }

        /**
         * Whether ARC validation also finds the oldest ARC set whose AMS still validates and reports
         * it as {@code header.oldest-pass} (RFC 8617 §5.2 steps 5–7, §10.2); default false: it
         * verifies every older AMS, one signature check per hop.
         */
        public Builder arcOldestPass(boolean compute) {
            this.arcOldestPass = compute;
            return this;
        }

        /**
         * SPF processing limits (RFC 7208 §4.6.4): DNS-querying terms, void lookups, MX and PTR
         * names; default {@link SpfLimits#RFC7208} (10, 2, 10, 10).
         */
        public Builder spfLimits(SpfLimits limits) {
            this.spfLimits = Objects.requireNonNull(limits);
            return this;
        }

        /** Which DMARC specification to follow; default {@link DmarcMode#RFC9989}. */
        public Builder dmarcMode(DmarcMode mode) {
            this.dmarcMode = Objects.requireNonNull(mode);
            return this;
        }

        public Authenticator build() {
            return new Authenticator(this);
        }
    }
}
