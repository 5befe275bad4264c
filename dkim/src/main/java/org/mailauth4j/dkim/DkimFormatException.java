package org.mailauth4j.dkim;

/**
 * A DKIM-Signature field, key record or key file is malformed. The message is a reason a user
 * can act on, e.g. "missing required tag bh=".
 */
public final class DkimFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DkimFormatException(String reason) {
        super(reason);
    }

    public DkimFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
