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
 * is restored afterwards, and other threads are never affected.
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
        System.setSecurityManager(refuse);
        try {
            action.run();
        } finally {
            System.setSecurityManager(previous);
        }
        return attempted;
    }
}
