package org.mailauth4j.spf;

import java.util.Locale;

/** The result of an SPF check (RFC 7208 §2.6), named by the RFC 8601 result words. */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    private final String word = name().toLowerCase(Locale.ROOT);

    /** The lower-case result word, e.g. {@code "softfail"}. */
    public String word() {
        return word;
    }
}
