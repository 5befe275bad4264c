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
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageLimits;

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
    private final int minRsaKeyBits;
    private final boolean allowRsaSha1;
    private final boolean honourBodyLength;
    private final int maxSignatures;
    private final int spfDnsLookupLimit;
    private final int spfVoidLookupLimit;
    private final DmarcMode dmarcMode;

    /** Which DMARC specification evaluates policies. */
    public enum DmarcMode {
        /** RFC 9989 (DMARCbis): DNS tree walk for the organizational domain, {@code psd=}, {@code np=}. */
        RFC9989,
        /** RFC 7489: organizational domain from the Public Suffix List, {@code pct=}. */
        RFC7489
    }

    private Authenticator(Builder b) {
        this.resolver = b.resolver != null ? b.resolver : Defaults.resolver();
        this.authservId = b.authservId;
        this.clock = b.clock;
        this.executor = b.executor;
        this.messageLimits = b.messageLimits;
        this.timeout = b.timeout;
        this.minRsaKeyBits = b.minRsaKeyBits;
        this.allowRsaSha1 = b.allowRsaSha1;
        this.honourBodyLength = b.honourBodyLength;
        this.maxSignatures = b.maxSignatures;
        this.spfDnsLookupLimit = b.spfDnsLookupLimit;
        this.spfVoidLookupLimit = b.spfVoidLookupLimit;
        this.dmarcMode = b.dmarcMode;
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

    int minRsaKeyBits() {
        return minRsaKeyBits;
    }

    boolean allowRsaSha1() {
        return allowRsaSha1;
    }

    boolean honourBodyLength() {
        return honourBodyLength;
    }

    int maxSignatures() {
        return maxSignatures;
    }

    int spfDnsLookupLimit() {
        return spfDnsLookupLimit;
    }

    int spfVoidLookupLimit() {
        return spfVoidLookupLimit;
    }

    DmarcMode dmarcMode() {
        return dmarcMode;
    }

    /**
     * Configures an {@link Authenticator}. Defaults are the strict security defaults: RSA keys of
     * at least 1024 bits, {@code rsa-sha1} never a pass (RFC 8301), {@code l=} honoured but
     * reported, at most 10 signatures verified, SPF limits of 10 DNS-querying terms and 2 void
     * lookups (RFC 7208 §4.6.4), 20 seconds per message, DMARC per RFC 9989.
     */
    public static final class Builder {
        private DnsResolver resolver;
        private String authservId = "localhost";
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();
        private MessageLimits messageLimits = MessageLimits.DEFAULT;
        private Duration timeout = Duration.ofSeconds(20);
        private int minRsaKeyBits = 1024;
        private boolean allowRsaSha1;
        private boolean honourBodyLength = true;
        private int maxSignatures = 10;
        private int spfDnsLookupLimit = 10;
        private int spfVoidLookupLimit = 2;
        private DmarcMode dmarcMode = DmarcMode.RFC9989;

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

        /** The smallest RSA key that can pass (RFC 8301 §3.2: at least 1024); default 1024. */
        public Builder minRsaKeyBits(int bits) {
            if (bits < 512) {
                throw new IllegalArgumentException("minRsaKeyBits below 512: " + bits);
            }
            this.minRsaKeyBits = bits;
            return this;
        }

        /** Whether {@code rsa-sha1} signatures may pass (RFC 8301 §3.1 says they must not); default false. */
        public Builder allowRsaSha1(boolean allow) {
            this.allowRsaSha1 = allow;
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

        /** At most this many DKIM signatures are verified (RFC 6376 §6.1); the rest are reported unverified. */
        public Builder maxSignatures(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSignatures < 1");
            }
            this.maxSignatures = max;
            return this;
        }

        /** SPF limits (RFC 7208 §4.6.4): DNS-querying terms (default 10) and void lookups (default 2). */
        public Builder spfLimits(int dnsLookups, int voidLookups) {
            if (dnsLookups < 1 || voidLookups < 0) {
                throw new IllegalArgumentException("bad SPF limits");
            }
            this.spfDnsLookupLimit = dnsLookups;
            this.spfVoidLookupLimit = voidLookups;
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
