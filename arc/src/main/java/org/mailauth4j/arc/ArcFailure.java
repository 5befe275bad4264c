package org.mailauth4j.arc;

/**
 * Why a chain fails: the instance whose set failed (0 when no single set is to blame) and the
 * check, worded for a human. Internal control flow of the collector and the validator.
 */
final class ArcFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int instance;
    private final boolean temporary;

    ArcFailure(int instance, String check) {
        this(instance, check, false);
    }

    ArcFailure(int instance, String check, boolean temporary) {
        super(check, null, false, false);
        this.instance = instance;
        this.temporary = temporary;
    }

    int instance() {
        return instance;
    }

    boolean temporary() {
        return temporary;
    }
}
