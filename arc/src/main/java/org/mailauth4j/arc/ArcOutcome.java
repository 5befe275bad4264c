package org.mailauth4j.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.mailauth4j.core.ar.ResInfo;

/**
 * The result of validating a message's ARC chain (RFC 8617 §5.2): the chain validation status, a
 * reason naming the instance and check that failed, how many sets the chain has, and (when asked
 * for) the oldest instance whose ARC-Message-Signature still validates.
 */
public final class ArcOutcome {
    private final ArcResult result;
    private final String reason;
    private final int failedInstance;
    private final int instances;
    private final int oldestPass;
    private final boolean temporary;

    ArcOutcome(ArcResult result, String reason, int failedInstance, int instances, int oldestPass, boolean temporary) {
        this.result = Objects.requireNonNull(result);
        this.reason = Objects.requireNonNull(reason);
        this.failedInstance = failedInstance;
        this.instances = instances;
        this.oldestPass = oldestPass;
        this.temporary = temporary;
    }

    static ArcOutcome none() {
        return new ArcOutcome(ArcResult.NONE, "no ARC sets", 0, 0, -1, false);
    }

    static ArcOutcome fail(ArcFailure f, int instances) {
        return new ArcOutcome(ArcResult.FAIL, f.getMessage(), f.instance(), instances, -1, f.temporary());
    }

    /** The chain validation status. */
    public ArcResult result() {
        return result;
    }

    /** Why: for {@code fail} the instance and check that failed; a short summary otherwise. */
    public String reason() {
        return reason;
    }

    /** The instance whose set failed, or 0 when none did or no single set is to blame. */
    public int failedInstance() {
        return failedInstance;
    }

    /** N, the number of ARC sets found (0 when none, or when the structure could not be read). */
    public int instances() {
        return instances;
    }

    /**
     * RFC 8617 §5.2 steps 5–7: the lowest instance from which every ARC-Message-Signature up to N
     * validates ({@code 0} when all of them do); empty unless the validator was asked for it and
     * the chain passed.
     */
    public OptionalInt oldestPass() {
        return oldestPass < 0 ? OptionalInt.empty() : OptionalInt.of(oldestPass);
    }

    /**
     * Whether the failure came from a temporary DNS error (timeout, SERVFAIL): RFC 8617 has no
     * temperror for ARC, so the status is {@code fail}, but a caller may retry later.
     */
    public boolean temporary() {
        return temporary;
    }

    /**
     * The {@code cv=} the next sealer must write (RFC 8617 §5.1): {@code none} when there is no
     * chain, otherwise this chain's status.
     */
    public ArcResult nextCv() {
        return result;
    }

    /** The {@code arc=} result for Authentication-Results (RFC 8617 §10.1). */
    public ResInfo toResInfo() {
        return toResInfo(null);
    }

    /**
     * The {@code arc=} result for Authentication-Results with {@code header.oldest-pass} (when
     * computed) and {@code smtp.remote-ip} (when {@code remoteIp} is not {@code null}), the two
     * properties RFC 8617 §10.2 registers.
     */
    public ResInfo toResInfo(String remoteIp) {
        List<ResInfo.Property> props = new ArrayList<>(2);
        if (oldestPass >= 0 && result == ArcResult.PASS) {
            props.add(new ResInfo.Property("header", "oldest-pass", Integer.toString(oldestPass)));
        }
        if (remoteIp != null) {
            props.add(new ResInfo.Property("smtp", "remote-ip", remoteIp));
        }
        return new ResInfo("arc", result.word(), result == ArcResult.FAIL ? reason : null, props);
    }

    @Override
    public String toString() {
        return "arc=" + result.word() + " (" + reason + ")";
    }
}
