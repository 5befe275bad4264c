package org.mailauth4j.arc;

import java.util.Locale;

/**
 * The ARC chain validation status (RFC 8617 §4.4 and §5.2): {@code none} when the message carries
 * no ARC set, {@code pass} when the whole chain validates, {@code fail} otherwise. The same words
 * are the {@code cv=} values of an ARC-Seal and the {@code arc=} result of Authentication-Results
 * (RFC 8617 §10.1).
 */
public enum ArcResult {
    NONE, PASS, FAIL;

    /** The lower-case word, e.g. {@code "pass"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
