package org.mailauth4j.dmarc;

/** Which DMARC specification the evaluator follows. */
public enum DmarcMode {
    /**
     * RFC 9989 (2026): Organizational Domain and policy discovery by the DNS Tree Walk (§4.10),
     * {@code psd}, {@code np} and {@code t} tags; {@code pct}, {@code rf}, {@code ri} are legacy
     * and do not affect the disposition.
     */
    RFC9989,
    /**
     * RFC 7489 (2015), with the {@code np} tag of RFC 9091: Organizational Domain from the Public
     * Suffix List (§3.2), policy at the Author Domain or the Organizational Domain (§6.6.3),
     * {@code pct} sampling (§6.6.4). The RFC 9989 tags {@code psd} and {@code t} are ignored, as
     * RFC 7489 §6.3 requires for unknown tags.
     */
    RFC7489
}
