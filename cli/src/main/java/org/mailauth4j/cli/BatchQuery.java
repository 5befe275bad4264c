package org.mailauth4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** One line of {@code spf --batch} input: a JSON object whose members are strings (or null). */
final class BatchQuery {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchQuery() {
    }

    /** The members; unknown members are ignored, non-string values are refused. */
    static Map<String, String> parse(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                throw new IllegalArgumentException("\"" + e.getKey() + "\" must be a string");
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }
}
