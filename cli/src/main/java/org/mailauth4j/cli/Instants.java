package org.mailauth4j.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Parses {@code --at}: an ISO-8601 instant ({@code 2026-11-20T12:00:00Z}, offsets allowed) or epoch seconds. */
final class Instants implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        return parse(value);
    }

    static Instant parse(String value) {
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(v));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw new CommandLine.TypeConversionException("epoch seconds out of range: " + value);
            }
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw new CommandLine.TypeConversionException(
                        "not an ISO-8601 instant (e.g. 2026-11-20T12:00:00Z) or epoch seconds: " + value);
            }
        }
    }
}
