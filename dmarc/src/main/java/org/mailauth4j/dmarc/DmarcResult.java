package org.mailauth4j.dmarc;

import java.util.Locale;

/** The DMARC result, named by the RFC 8601 result words registered in RFC 9989 §9.2. */
public enum DmarcResult {
    /** A policy record exists for the Author Domain and an authenticated identifier aligns. */
    PASS,
    /** A policy record exists for the Author Domain but no authenticated identifier aligns. */
    FAIL,
    /** No policy record exists for the Author Domain. */
    NONE,
    /** A transient error (DNS timeout, SERVFAIL) prevented a final result. */
    TEMPERROR,
    /** An unrecoverable error, e.g. an unusable policy record or an ambiguous From field. */
    PERMERROR;

    /** The lower-case result word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
