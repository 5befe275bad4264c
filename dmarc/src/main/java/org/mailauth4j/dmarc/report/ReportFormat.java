package org.mailauth4j.dmarc.report;

/** Which aggregate report XML to write. */
public enum ReportFormat {
    /**
     * RFC 9990: namespace {@code urn:ietf:params:xml:ns:dmarc-2.0}, {@code version} 1.0,
     * {@code discovery_method}, {@code np}, {@code testing}, {@code generator}.
     */
    RFC9990,
    /** RFC 7489 Appendix C, as receivers have sent since 2015: no namespace, {@code pct}. */
    RFC7489
}
