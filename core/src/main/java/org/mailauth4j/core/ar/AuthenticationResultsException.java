package org.mailauth4j.core.ar;

/** An Authentication-Results value does not follow RFC 8601 §2.2 (strict parsing only). */
public final class AuthenticationResultsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    public AuthenticationResultsException(String problem, int position) {
        super(problem + " at offset " + position);
        this.position = position;
    }

    /** Character offset in the field value where the problem was found. */
    public int position() {
        return position;
    }
}
