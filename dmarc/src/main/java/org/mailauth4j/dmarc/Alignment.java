package org.mailauth4j.dmarc;

/** Identifier Alignment mode, tags {@code adkim} and {@code aspf} (RFC 9989 §3.2.10, §4.7). */
public enum Alignment {
    /** {@code r}: the two names have the same Organizational Domain (RFC 9989 §3.2.10.1). */
    RELAXED,
    /** {@code s}: the two names are identical (RFC 9989 §3.2.10.2). */
    STRICT;

    /** The tag value: {@code r} or {@code s}. */
    public String letter() {
        return this == RELAXED ? "r" : "s";
    }
}
