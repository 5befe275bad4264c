package org.mailauth4j.cli;

import java.io.PrintWriter;

/**
 * Progress on stderr for long runs, only when stderr is a terminal: the launcher tells us with
 * {@code -Dmailauth4j.stderrTty=true} (Java cannot test stderr itself); without it,
 * {@link System#console()} (stdin and stdout are a terminal) is the hint.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int count;
    private boolean printed;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress start(PrintWriter err) {
        String p = System.getProperty("mailauth4j.stderrTty");
        boolean tty = p != null ? Boolean.parseBoolean(p) : System.console() != null;
        return new Progress(err, tty);
    }

    void tick() {
        count++;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start > 1_000_000_000L && now - lastPrint > 200_000_000L) {
            lastPrint = now;
            printed = true;
            err.print("\r" + count + " messages, " + (now - start) / 1_000_000_000L + " s");
            err.flush();
        }
    }

    void done() {
        if (printed) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
