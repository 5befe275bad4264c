package org.mailauth4j.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;

/** Test-side readers for the vector formats of ../shared/testvectors/PROVENANCE.md. */
final class Vectors {
    private Vectors() {
    }

    /** One row of a tab-separated expected.tsv, by column name. */
    record Row(Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + cells);
            }
            return v;
        }
    }

    static List<Row> tsv(Path file) throws IOException {
        return org.mailauth4j.testing.TestData.tsv(file).stream().map(Row::new).toList();
    }

    /** The records of a "<name> <TXT value>" file (core's TXT-lines loader). */
    static ZoneResolver dnsFile(Path file) throws IOException {
        return ZoneResolver.builder().txtLines(file).build();
    }

    static Message message(Path file) throws IOException, MessageFormatException {
        return Message.parse(Files.readAllBytes(file));
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** Splits a stalwart file (records, blank line, message) into DNS lines and message bytes. */
    static Object[] stalwart(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\n\n");
        List<String> dns = List.of(text.substring(0, split).split("\n"));
        byte[] msg = text.substring(split + 2).getBytes(StandardCharsets.ISO_8859_1);
        return new Object[] {dns, msg};
    }
}
