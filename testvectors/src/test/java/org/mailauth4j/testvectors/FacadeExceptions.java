package org.mailauth4j.testvectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code facade-exceptions.tsv}: cases where the result through the {@code Authenticator} differs
 * from the protocol module's own conformance expectation. Each listed case must still give the
 * pinned result, and every listed case of a suite must still be needed.
 */
final class FacadeExceptions {
    /** One listed case. */
    record Entry(String suite, String key, String expected, String ours, String reason) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    private FacadeExceptions() {
    }

    static FacadeExceptions load() throws IOException {
        FacadeExceptions f = new FacadeExceptions();
        try (InputStream in = FacadeExceptions.class.getResourceAsStream("/facade-exceptions.tsv")) {
            if (in == null) {
                throw new IOException("facade-exceptions.tsv is not on the test class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("suite\t")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c.length != 5 || c[4].isBlank()) {
                    throw new IllegalStateException("facade-exceptions.tsv: want 5 columns with a reason: " + line);
                }
                f.entries.put(c[0] + "|" + c[1], new Entry(c[0], c[1], c[2], c[3], c[4]));
            }
        }
        return f;
    }

    /** The entry for {@code key} of {@code suite}, marked as used, or null. */
    synchronized Entry get(String suite, String key) {
        Entry e = entries.get(suite + "|" + key);
        if (e != null) {
            used.add(suite + "|" + key);
        }
        return e;
    }

    /** Listed cases of {@code suite} that no run looked up: stale entries. */
    synchronized List<String> unused(String suite) {
        return entries.keySet().stream().filter(k -> k.startsWith(suite + "|") && !used.contains(k)).sorted().toList();
    }

    synchronized int listed(String suite) {
        return (int) entries.keySet().stream().filter(k -> k.startsWith(suite + "|")).count();
    }
}
