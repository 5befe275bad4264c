package org.mailauth4j.arc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.dns.ZoneResolver;
import org.yaml.snakeyaml.Yaml;

/** Loads the shared ARC vectors (formats in testvectors/PROVENANCE.md §2–3) and the exceptions file. */
final class ArcVectors {
    private ArcVectors() {
    }

    /** All YAML documents of a multi-document file (SnakeYAML default loader: last duplicate key wins). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> scenarios(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : new Yaml().loadAll(r)) {
                if (doc != null) {
                    out.add((Map<String, Object>) doc);
                }
            }
        }
        return out;
    }

    /** LF to CRLF, trailing spaces kept (PROVENANCE.md §2). */
    static byte[] crlf(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static ZoneResolver zone(Map<String, Object> scenario) {
        ZoneResolver.Builder b = ZoneResolver.builder();
        Object recs = scenario.get("txt-records");
        if (recs instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                b.txt(e.getKey(), String.valueOf(e.getValue()).replace("\n", "").trim());
            }
        }
        return b.build();
    }

    /** {@code arc-exceptions.tsv}: suite/test → {expected, ours, justification}. */
    static Map<String, String[]> exceptions() throws IOException {
        Map<String, String[]> out = new HashMap<>();
        try (InputStream in = ArcVectors.class.getResourceAsStream("/arc-exceptions.tsv")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.put(f[0] + "/" + f[1], f);
            }
        }
        return out;
    }
}
