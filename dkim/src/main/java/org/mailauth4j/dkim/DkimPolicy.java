package org.mailauth4j.dkim;

import java.time.Duration;
import java.util.Objects;

/**
 * Local verification policy (the security defaults of RFC 8301 and RFC 6376 §6.1), each
 * configurable:
 * <ul>
 * <li>RSA keys under {@link #minRsaBits()} (default 1024) give {@code fail} with reason
 * "key too small (768 bits)" — RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA
 * keys of less than 1024 bits as valid signatures."</li>
 * <li>{@code rsa-sha1} is never a pass. RFC 8301 §3.1: "rsa-sha1 MUST NOT be used for signing or
 * verifying." A signature that would otherwise verify gets {@link #rsaSha1Result()}, by default
 * {@code policy} — RFC 8601 §2.7.1: "policy: The message was signed, but some aspect of the
 * signature or signatures was not acceptable to the ADMD" — with a reason saying the
 * cryptography itself verified. A broken rsa-sha1 signature keeps its fail/permerror result.</li>
 * <li>At most {@link #maxSignatures()} (default 10) signatures per message are verified (RFC 6376
 * §6.1: verifiers MAY limit the number); the rest get {@code policy}, "not verified".</li>
 * <li>{@link #clockSkew()} (default 5 minutes) of grace when checking {@code x=}.</li>
 * <li>A key lookup that has not answered within {@link #keyLookupTimeout()} (default 30 seconds,
 * counted from the end of the header section) gives {@code temperror} — RFC 6376 §6.1.2: a key
 * that cannot be retrieved because of a temporary DNS problem is TEMPFAIL — so a resolver that
 * never answers cannot leave the result pending.</li>
 * <li>A signature whose {@code h=} lists more than {@link DkimSignature#MAX_SIGNED_HEADERS}
 * (1000) names is {@code permerror} (RFC 6376 §8.4: bound the work one message can cause); this
 * limit is fixed.</li>
 * </ul>
 */
public final class DkimPolicy {
    /** The defaults described above. */
    public static final DkimPolicy DEFAULT = builder().build();

    private final int minRsaBits;
    private final DkimResult rsaSha1Result;
    private final int maxSignatures;
    private final Duration clockSkew;
    private final Duration keyLookupTimeout;

    private DkimPolicy(Builder b) {
        this.minRsaBits = b.minRsaBits;
        this.rsaSha1Result = b.rsaSha1Result;
        this.maxSignatures = b.maxSignatures;
        this.clockSkew = b.clockSkew;
        this.keyLookupTimeout = b.keyLookupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int minRsaBits() {
        return minRsaBits;
    }

    public DkimResult rsaSha1Result() {
        return rsaSha1Result;
    }

    public int maxSignatures() {
        return maxSignatures;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** How long a key lookup may take before the signature is {@code temperror}. */
    public Duration keyLookupTimeout() {
        return keyLookupTimeout;
    }

    /** A builder starting from the defaults. */
    public static final class Builder {
        private int minRsaBits = 1024;
        private DkimResult rsaSha1Result = DkimResult.POLICY;
        private int maxSignatures = 10;
        private Duration clockSkew = Duration.ofMinutes(5);
        private Duration keyLookupTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Minimum RSA modulus size; RFC 8301 §3.2 sets 1024 as the floor for "valid". */
        public Builder minRsaBits(int bits) {
            if (bits < 512) {
                throw new IllegalArgumentException("minimum RSA key size below 512 bits");
            }
            this.minRsaBits = bits;
            return this;
        }

        /** The result for an rsa-sha1 signature that otherwise verifies: POLICY, FAIL, PERMERROR or NEUTRAL. */
        public Builder rsaSha1Result(DkimResult result) {
            Objects.requireNonNull(result, "result");
            if (result == DkimResult.PASS || result == DkimResult.NONE || result == DkimResult.TEMPERROR) {
                throw new IllegalArgumentException("rsa-sha1 can never be " + result.word() + " (RFC 8301 section 3.1)");
            }
            this.rsaSha1Result = result;
            return this;
        }

        public Builder maxSignatures(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSignatures must be at least 1");
            }
            this.maxSignatures = n;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("negative clock skew");
            }
            this.clockSkew = skew;
            return this;
        }

        /** Deadline for each key lookup, from the end of the header section; must be positive. */
        public Builder keyLookupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("key lookup timeout must be positive");
            }
            this.keyLookupTimeout = timeout;
            return this;
        }

        public DkimPolicy build() {
            return new DkimPolicy(this);
        }
    }
}
