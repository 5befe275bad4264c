package org.mailauth4j.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects host-name lookups: while {@link #during} runs its action, every name resolution the
 * JDK attempts on the calling thread ({@code InetAddress.getByName} of text that is not an
 * address literal reaches the system resolver only after asking the security manager's
 * {@code checkConnect(host, -1)}) is refused and recorded. Address literals never get there.
 *
 * <p>Uses the JDK 17 {@link SecurityManager} hook, for tests only; the previous security manager
 * is restored afterwards, and other threads are never affected. JDKs that refuse a security
 * manager run the action without detection (and say so on standard error).
 */
@SuppressWarnings("removal")
public final class NoNameLookups {
    private NoNameLookups() {
    }

    /** Runs {@code action}; returns the host names the JDK tried to resolve meanwhile (refused). */
    public static List<String> during(Runnable action) {
        Thread owner = Thread.currentThread();
        List<String> attempted = new ArrayList<>();
        SecurityManager previous = System.getSecurityManager();
        SecurityManager refuse = new SecurityManager() {
            @Override
            public void checkConnect(String host, int port) {
                if (port == -1 && Thread.currentThread() == owner) {
                    attempted.add(host);
                    throw new SecurityException("name lookup of " + host + " refused by the test");
                }
            }

            @Override
            public void checkPermission(java.security.Permission perm) {
                // everything else is allowed
            }

            @Override
            public void checkPermission(java.security.Permission perm, Object context) {
            }
        };
        try {
            System.setSecurityManager(refuse);
        } catch (UnsupportedOperationException e) {
            // JDK 18+ without -Djava.security.manager=allow, and every JDK from 24 on: the hook is
            // gone. CI runs JDK 17, where these assertions are live; elsewhere they cannot see lookups.
            System.err.println("NoNameLookups: no SecurityManager on this JDK (" + Runtime.version()
                    + "); name lookups are not detected here");
            action.run();
            return attempted;
        }
        try {
            action.run();
        } finally {
            System.setSecurityManager(previous);
        }
        return attempted;
    }
}
