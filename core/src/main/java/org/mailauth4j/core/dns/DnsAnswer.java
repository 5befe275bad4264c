package org.mailauth4j.core.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS query. SPF void-lookup counting and temperror, and the DKIM and DMARC
 * "no key"/"no policy" decisions, depend on telling these apart:
 * <ul>
 *   <li>{@link Status#RECORDS}: NOERROR with at least one record of the asked type;</li>
 *   <li>{@link Status#NXDOMAIN}: the name does not exist (RFC 8020);</li>
 *   <li>{@link Status#NODATA}: the name exists but has no record of this type;</li>
 *   <li>{@link Status#TEMPFAIL}: timeout, SERVFAIL or another error rcode — try again later;</li>
 *   <li>{@link Status#INVALID_NAME}: the query name is not a valid DNS name (RFC 1035 §2.3.4);
 *       nothing was sent.</li>
 * </ul>
 * {@code ttl} is the positive TTL for records, the negative-caching TTL (RFC 2308) for NXDOMAIN
 * and NODATA, and 0 otherwise.
 *
 * @param <T> the record type, see {@link RecordType}
 */
public final class DnsAnswer<T> {
    /** What kind of answer this is. */
    public enum Status { RECORDS, NXDOMAIN, NODATA, TEMPFAIL, INVALID_NAME }

    private final Status status;
    private final List<T> records;
    private final long ttl;
    private final String detail;

    private DnsAnswer(Status status, List<T> records, long ttl, String detail) {
        this.status = status;
        this.records = records;
        this.ttl = ttl;
        this.detail = detail;
    }

    /** Records; an empty list becomes {@link Status#NODATA}. */
    public static <T> DnsAnswer<T> records(List<T> records, long ttl) {
        if (records.isEmpty()) {
            return noData(ttl);
        }
        return new DnsAnswer<>(Status.RECORDS, List.copyOf(records), ttl, null);
    }

    public static <T> DnsAnswer<T> nxDomain(long negativeTtl) {
        return new DnsAnswer<>(Status.NXDOMAIN, List.of(), negativeTtl, null);
    }

    public static <T> DnsAnswer<T> noData(long negativeTtl) {
        return new DnsAnswer<>(Status.NODATA, List.of(), negativeTtl, null);
    }

    /** Timeout, SERVFAIL or other failure; {@code detail} says which (e.g. "TIMEOUT", "SERVFAIL"). */
    public static <T> DnsAnswer<T> tempFail(String detail) {
        return new DnsAnswer<>(Status.TEMPFAIL, List.of(), 0, Objects.requireNonNull(detail));
    }

    public static <T> DnsAnswer<T> invalidName(String detail) {
        return new DnsAnswer<>(Status.INVALID_NAME, List.of(), 0, Objects.requireNonNull(detail));
    }

    public Status status() {
        return status;
    }

    /** The records; empty unless {@link #status()} is {@link Status#RECORDS}. */
    public List<T> records() {
        return records;
    }

    public long ttl() {
        return ttl;
    }

    /** Why a TEMPFAIL or INVALID_NAME happened; {@code null} otherwise. */
    public String detail() {
        return detail;
    }

    public boolean hasRecords() {
        return status == Status.RECORDS;
    }

    /** NXDOMAIN or NODATA: an authoritative "nothing here" (SPF's void lookup, RFC 7208 §4.6.4). */
    public boolean isEmpty() {
        return status == Status.NXDOMAIN || status == Status.NODATA;
    }

    public boolean isTempFail() {
        return status == Status.TEMPFAIL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnsAnswer<?> a && status == a.status && ttl == a.ttl
                && records.equals(a.records) && Objects.equals(detail, a.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, records, ttl, detail);
    }

    @Override
    public String toString() {
        return switch (status) {
            case RECORDS -> records + " ttl=" + ttl;
            case TEMPFAIL, INVALID_NAME -> status + " (" + detail + ")";
            default -> status.toString();
        };
    }
}
