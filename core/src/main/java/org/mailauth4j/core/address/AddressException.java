package org.mailauth4j.core.address;

/** An address field value does not follow RFC 5322 §3.4; the message names the problem and offset. */
public final class AddressException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    public AddressException(String problem, int position) {
        super(problem + " at offset " + position);
        this.position = position;
    }

    /** Character offset in the (unfolded) field value where the problem was found. */
    public int position() {
        return position;
    }
}
