package org.mailauth4j.core.ar;

import java.util.List;
import java.util.Objects;

/**
 * An Authentication-Results header field value (RFC 8601 §2.2): the authserv-id of the host that
 * did the checks, an optional version, and its method results.
 *
 * @param authservId the authentication service identifier; may be empty when parsed leniently
 * @param version the version after the authserv-id, or 0 when absent
 * @param results the method results, in order; empty means "none" ({@code authserv-id; none})
 */
public record AuthenticationResults(String authservId, int version, List<ResInfo> results) {

    /** The header field name. */
    public static final String FIELD = "Authentication-Results";

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }

    public AuthenticationResults(String authservId, List<ResInfo> results) {
        this(authservId, 0, results);
    }
}
