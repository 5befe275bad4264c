package org.mailauth4j.spf;

/**
 * Processing limits of RFC 7208 §4.6.4; exceeding the first two or the MX limit yields permerror,
 * PTR names beyond the limit are ignored.
 *
 * @param dnsTerms terms that query DNS (include, a, mx, ptr, exists, redirect) per check, across
 *     every include and redirect (RFC: 10)
 * @param voidLookups terms whose lookup answers NXDOMAIN or no records (RFC: "SHOULD" 2)
 * @param mxNames MX names looked up by one {@code mx} mechanism (RFC: 10)
 * @param ptrNames PTR names validated by one {@code ptr} mechanism or {@code %{p}} (RFC: 10)
 */
public record SpfLimits(int dnsTerms, int voidLookups, int mxNames, int ptrNames) {
    /** The limits RFC 7208 §4.6.4 requires: 10, 2, 10, 10. */
    public static final SpfLimits RFC7208 = new SpfLimits(10, 2, 10, 10);

    public SpfLimits {
        if (dnsTerms < 0 || voidLookups < 0 || mxNames < 0 || ptrNames < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
