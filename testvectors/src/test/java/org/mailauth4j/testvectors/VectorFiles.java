package org.mailauth4j.testvectors;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Readers for the shared vector formats (../shared/testvectors/PROVENANCE.md) and for the
 * protocol modules' checked-in exceptions files, which the end-to-end suites here reuse rather
 * than copy.
 */
final class VectorFiles {
    private VectorFiles() {
    }

    /** The value of {@code column}, failing loudly when the file has no such column. */
    static String cell(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column " + column + " in " + row);
        }
        return v;
    }

    /** Every YAML document of a multi-document file (SnakeYAML defaults: the last duplicate key wins). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                if (doc != null) {
                    out.add((Map<String, Object>) doc);
                }
            }
        }
        return out;
    }

    /** LF to CRLF, keeping trailing white space (PROVENANCE.md §2). */
    static byte[] crlf(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** A stalwart file split at the first blank line: {records text, message bytes} (PROVENANCE.md §3). */
    static Object[] stalwart(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\n\n");
        if (split < 0) {
            throw new IOException(file + ": no blank line between the records and the message");
        }
        return new Object[] {text.substring(0, split), text.substring(split + 2).getBytes(StandardCharsets.ISO_8859_1)};
    }

    /**
     * A file of another module's test resources, e.g. {@code dkim/src/test/resources/...}: the
     * exceptions files are reused from there, never copied. Tests run with the module directory
     * as working directory (Maven Surefire's default).
     */
    static Path sibling(String relative) {
        Path p = Path.of("..").resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing " + p.toAbsolutePath().normalize()
                    + " (run the tests from the testvectors module directory)");
        }
        return p;
    }

    /**
     * Splits {@code message} into chunks of random sizes between 1 and {@code max} bytes (each
     * size drawn from {@code random}), for feeding a streaming session.
     */
    static List<byte[]> randomChunks(byte[] message, Random random, int max) {
        List<byte[]> out = new ArrayList<>();
        int off = 0;
        while (off < message.length) {
            int n = Math.min(message.length - off, 1 + random.nextInt(max));
            byte[] c = new byte[n];
            System.arraycopy(message, off, c, 0, n);
            out.add(c);
            off += n;
        }
        return out;
    }
}
