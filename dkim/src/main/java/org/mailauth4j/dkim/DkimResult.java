package org.mailauth4j.dkim;

import java.util.Locale;

/** The result of verifying one DKIM signature, named by the RFC 8601 §2.7.1 result words. */
public enum DkimResult {
    NONE, PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

    /** The lower-case result word, e.g. {@code "permerror"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
