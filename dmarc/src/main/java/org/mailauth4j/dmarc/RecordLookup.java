package org.mailauth4j.dmarc;

import java.util.Objects;

/**
 * One DMARC Policy Record query, {@code TXT _dmarc.<domain>}, and what it yielded after the
 * filtering of RFC 9989 §4.10 steps 2 and 6: records that do not start with {@code v=DMARC1} are
 * discarded, and several DMARC records at one name are all discarded.
 *
 * @param domain the domain queried (without the {@code _dmarc} label)
 * @param status what was found
 * @param record the record when {@link Status#FOUND}, else {@code null}
 * @param detail a readable description (DNS status, how many records were discarded, failure)
 */
public record RecordLookup(String domain, Status status, DmarcRecord record, String detail) {

    /** The outcome of one query. */
    public enum Status {
        /** Exactly one DMARC record. */
        FOUND,
        /** No DMARC record: NXDOMAIN, NODATA, or only non-DMARC TXT records. */
        NONE,
        /** More than one DMARC record: none is used. */
        MULTIPLE,
        /** A temporary DNS failure: nothing can be concluded (never treated as "no record"). */
        TEMPFAIL
    }

    public RecordLookup {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(status, "status");
        if ((status == Status.FOUND) != (record != null)) {
            throw new IllegalArgumentException("a record goes with FOUND, and only with FOUND");
        }
    }

    /** {@code _dmarc.<domain>: <status> (<detail>)}. */
    @Override
    public String toString() {
        return "_dmarc." + domain + ": " + status + (detail == null ? "" : " (" + detail + ")");
    }
}
