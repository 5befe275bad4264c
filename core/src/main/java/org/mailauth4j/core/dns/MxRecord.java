package org.mailauth4j.core.dns;

/** An MX answer (RFC 1035 §3.3.9): preference and exchange host name (lower case, no trailing dot). */
public record MxRecord(int preference, String exchange) {
}
