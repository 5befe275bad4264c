package org.mailauth4j.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailauth4j.core.dns.ZoneResolver;

/** Reads rfc8463/dns.json ({"name": {"TXT": [["chunk", ...]]}}) without a JSON library. */
final class Rfc8463 {
    private Rfc8463() {
    }

    static ZoneResolver dns(Path dir) throws IOException {
        String json = Files.readString(dir.resolve("dns.json"), StandardCharsets.UTF_8);
        ZoneResolver.Builder b = ZoneResolver.builder();
        Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\{\\s*\"TXT\"\\s*:\\s*\\[(.*?)\\]\\s*\\]\\s*\\}", Pattern.DOTALL)
                .matcher(json);
        while (entry.find()) {
            for (String record : entry.group(2).split("\\]\\s*,\\s*\\[")) {
                StringBuilder sb = new StringBuilder();
                Matcher chunk = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(record);
                while (chunk.find()) {
                    sb.append(chunk.group(1));
                }
                b.txt(entry.group(1), sb.toString());
            }
        }
        return b.build();
    }
}
