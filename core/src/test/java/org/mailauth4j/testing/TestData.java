package org.mailauth4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find third-party data that is not in this repository: the conformance vectors in
 * {@code ../shared/testvectors} (system property {@code mailauth4j.vectors}) and the interop
 * peers. Outside CI a missing folder skips the test with a message; with {@code CI=true} it fails.
 */
public final class TestData {
    private TestData() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The vectors folder; skips (locally) or fails (CI) when it is missing. */
    public static Path vectors() {
        String p = System.getProperty("mailauth4j.vectors");
        Path dir = p == null ? Paths.get("../../shared/testvectors") : Paths.get(p);
        requireDir(dir, "conformance vectors (../shared/testvectors, -Dmailauth4j.vectors=...)");
        return dir.toAbsolutePath().normalize();
    }

    /** A file or folder under the vectors folder. */
    public static Path vector(String relative) {
        Path f = vectors().resolve(relative);
        if (!Files.exists(f)) {
            fail("vector file missing: " + f);
        }
        return f;
    }

    /** The peers folder (../shared/peers). */
    public static Path peers() {
        String p = System.getProperty("mailauth4j.peers");
        Path dir = p == null ? Paths.get("../../shared/peers") : Paths.get(p);
        requireDir(dir, "interop peers (../shared/peers)");
        return dir.toAbsolutePath().normalize();
    }

    /** Whether the interop profile is active ({@code -Pinterop}). */
    public static boolean interopEnabled() {
        return Boolean.getBoolean("mailauth4j.interop");
    }

    /**
     * Requires an external program (a peer) for an interop test: skips with a message when the
     * interop profile is off or (outside CI) the program is absent; fails in CI when it is absent.
     */
    public static void requireProgram(String what, boolean present) {
        Assumptions.assumeTrue(interopEnabled(), "interop profile not active (-Pinterop): " + what);
        if (!present) {
            if (inCi()) {
                fail(what + " is not installed; .ci/run installs it");
            }
            Assumptions.abort(what + " is not installed here; skipped (CI installs it)");
        }
    }

    private static void requireDir(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            if (inCi()) {
                fail(what + " not found at " + dir.toAbsolutePath() + " — CI must have it");
            }
            Assumptions.abort(what + " not found at " + dir.toAbsolutePath() + "; skipping");
        }
    }

    /**
     * The rows of a tab-separated vector file (the {@code expected.tsv} of PROVENANCE.md): the first
     * non-comment line names the columns, {@code #} lines and blank lines are skipped, missing
     * trailing cells are empty.
     */
    public static List<Map<String, String>> tsv(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], k < cells.length ? cells[k] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
