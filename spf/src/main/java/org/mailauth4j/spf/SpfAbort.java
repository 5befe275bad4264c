package org.mailauth4j.spf;

/**
 * Ends a check at once with temperror or permerror: RFC 7208 makes every such error, at any
 * include/redirect depth, the result of the topmost check_host() (§5.2, §4.6.4, §5 DNS errors).
 */
final class SpfAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final SpfResult result;

    SpfAbort(SpfResult result, String problem) {
        super(problem, null, false, false);
        this.result = result;
    }
}
