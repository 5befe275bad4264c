package org.mailauth4j.dmarc;

import java.util.Locale;
import org.mailauth4j.core.text.Ascii;

/**
 * A Domain Owner Assessment Policy (RFC 9989 §4.7, tags {@code p}, {@code sp}, {@code np}), also
 * used for the disposition a receiver applies.
 */
public enum DmarcPolicy {
    NONE, QUARANTINE, REJECT;

    /** The lower-case word: {@code none}, {@code quarantine}, {@code reject}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One level below: {@code reject → quarantine → none}. Used by testing mode {@code t=y}
     * (RFC 9989 §4.7) and by the RFC 7489 §6.6.4 {@code pct} sampling.
     */
    public DmarcPolicy oneLevelBelow() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }

    /** The policy named by {@code word} (case-insensitive), or {@code null}. */
    public static DmarcPolicy fromWord(String word) {
        if (word == null) {
            return null;
        }
        return switch (Ascii.toLowerCase(word)) {
            case "none" -> NONE;
            case "quarantine" -> QUARANTINE;
            case "reject" -> REJECT;
            default -> null;
        };
    }
}
