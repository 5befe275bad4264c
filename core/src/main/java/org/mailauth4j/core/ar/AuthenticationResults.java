package org.mailauth4j.core.ar;

import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.message.HeaderField;

/**
 * An Authentication-Results header field value (RFC 8601 §2.2): the authserv-id of the host that
 * did the checks, an optional version, and its method results.
 *
 * <pre>{@code
 * AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(
 *         new ResInfo("spf", "pass", null, List.of(new ResInfo.Property("smtp", "mailfrom", "sender@example.com"))),
 *         new ResInfo("dkim", "pass", null, List.of(new ResInfo.Property("header", "d", "example.com")))));
 * HeaderField field = ar.toHeaderField();   // Authentication-Results: mx.example.org;
 *                                           //  spf=pass smtp.mailfrom=sender@example.com; dkim=pass ...
 * AuthenticationResults back = AuthenticationResults.parse(field.value());
 * }</pre>
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

    /**
     * Parses a field value leniently, the way real-world fields need (see
     * {@link AuthenticationResultsParser}): never throws; what cannot be read is skipped, a
     * missing authserv-id is returned as {@code ""}, properties without a ptype (Microsoft's
     * {@code action=none}) get the type {@code ""}. Method, result, ptype and property names
     * are lower-cased; comments are dropped.
     *
     * @param value the field value after the colon; folding may be left in
     */
    public static AuthenticationResults parse(String value) {
        try {
            return AuthenticationResultsParser.parse(value, false);
        } catch (AuthenticationResultsException e) {
            throw new AssertionError("lenient parsing does not throw", e);
        }
    }

    /** Parses the value of an Authentication-Results header field leniently (see {@link #parse(String)}). */
    public static AuthenticationResults parse(HeaderField field) {
        return parse(field.value());
    }

    /**
     * Parses a field value strictly by the RFC 8601 §2.2 grammar.
     *
     * @throws AuthenticationResultsException at the first deviation, naming it and its offset
     */
    public static AuthenticationResults parseStrict(String value) throws AuthenticationResultsException {
        return AuthenticationResultsParser.parse(value, true);
    }

    /**
     * The field value, folded to fit 78 columns after {@code "Authentication-Results:"}, with
     * the leading space; {@code "Authentication-Results:" + format()} is the whole field.
     *
     * @throws IllegalArgumentException if a component cannot be written safely: an empty
     *     authserv-id, a method/result/ptype/property that is not a Keyword (letters, digits,
     *     '-'), a value holding CR, LF or another control character, a negative version
     */
    public String format() {
        return AuthenticationResultsFormatter.format(this, FIELD.length() + 1);
    }

    /** The whole {@code Authentication-Results} header field, ready to prepend to a message. */
    public HeaderField toHeaderField() {
        return HeaderField.of(FIELD + ":" + format());
    }

    /**
     * The same value under another field name and after a prefix, folded for that position —
     * e.g. {@code toHeaderField("ARC-Authentication-Results", "i=1;")} for RFC 8617 §4.1.1.
     *
     * @param name the field name
     * @param prefix text written before the authserv-id (after one space); must not contain CR or LF
     */
    public HeaderField toHeaderField(String name, String prefix) {
        if (prefix.indexOf('\r') >= 0 || prefix.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("prefix contains CR or LF");
        }
        String head = prefix.isEmpty() ? name + ":" : name + ": " + prefix;
        return HeaderField.of(head + AuthenticationResultsFormatter.format(this, head.length()));
    }
}
