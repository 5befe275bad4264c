package org.mailauth4j.core.dns;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The DNS snapshot file: JSON Lines (UTF-8, one JSON object per line, {@code .jsonl}).
 * <pre>
 * {"snapshot":1,"capturedAt":"2026-11-23T12:00:00Z"}          (optional first line)
 * {"name":"sel._domainkey.example.com","type":"TXT","status":"NOERROR","ttl":300,"records":["\"v=DKIM1; k=rsa; \" \"p=MIIB...\""]}
 * {"name":"example.net","type":"MX","status":"NXDOMAIN","ttl":900}
 * {"name":"slow.example.org","type":"TXT","status":"TIMEOUT"}
 * </pre>
 * One line is the answer to one (name, type) query. {@code type}: TXT, A, AAAA, MX, PTR, CNAME
 * (ANY is accepted with NXDOMAIN, TIMEOUT and SERVFAIL to mean every type). {@code status}:
 * NOERROR, NXDOMAIN, NODATA, TIMEOUT, SERVFAIL. {@code ttl}: seconds, 0..2147483647 (RFC 2181 §8),
 * the negative TTL for NXDOMAIN/NODATA; optional. {@code records}: RDATA in RFC 1035 presentation
 * format, present and non-empty only with NOERROR (CNAME: exactly one). {@code detail}: optional
 * text of a TIMEOUT/SERVFAIL (e.g. "REFUSED"). Names are case-insensitive, with or without the
 * trailing dot; unknown members are ignored; a (name, type) may appear once per file.
 */
final class SnapshotFile {
    static final int MAX_LINE = 1 << 20;
    static final int VERSION = 1;
    private static final Set<String> STATUSES = Set.of("NOERROR", "NXDOMAIN", "NODATA", "TIMEOUT", "SERVFAIL");

    private SnapshotFile() {
    }

    /** A name ending in {@code .jsonl}, or content whose first non-blank character is <code>{</code>. */
    static boolean looksLikeSnapshot(Path file) throws IOException {
        if (file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            return true;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int i = 0; i < 4096; i++) {
                int c = in.read();
                if (c < 0) {
                    return false;
                }
                if (c == '{') {
                    return true;
                }
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) {
                    return false;
                }
            }
            return false;
        }
    }

    static void read(Path file, ZoneResolver.Builder b) throws IOException {
        try (BoundedLineReader r = new BoundedLineReader(Files.newInputStream(file), file.toString(), MAX_LINE)) {
            read(r, b);
        }
    }

    static void read(BoundedLineReader r, ZoneResolver.Builder b) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        boolean firstLine = true;
        String line;
        while ((line = r.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> obj;
            try {
                obj = JsonLine.parseObject(line);
            } catch (IllegalArgumentException e) {
                throw r.error("invalid JSON: " + e.getMessage());
            }
            boolean header = obj.containsKey("snapshot");
            if (header) {
                if (!firstLine) {
                    throw r.error("the \"snapshot\" header must be the first line");
                }
                header(obj, r, b);
            } else {
                answer(obj, r, b, seen);
            }
            firstLine = false;
        }
    }

    private static void header(Map<String, Object> obj, BoundedLineReader r, ZoneResolver.Builder b)
            throws DnsDataException {
        Object v = obj.get("snapshot");
        if (!(v instanceof Long) || (Long) v != VERSION) {
            throw r.error("unsupported snapshot version " + v + " (this library reads version " + VERSION + ")");
        }
        Object at = obj.get("capturedAt");
        if (at != null) {
            if (!(at instanceof String s)) {
                throw r.error("\"capturedAt\" must be an ISO-8601 string");
            }
            try {
                b.capturedAt(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                throw r.error("\"capturedAt\" is not an ISO-8601 date-time with offset: " + s);
            }
        }
    }

    private static void answer(Map<String, Object> obj, BoundedLineReader r, ZoneResolver.Builder b,
            Map<String, Integer> seen) throws DnsDataException {
        String rawName = string(obj, "name", r);
        String problem = DnsNames.problem(rawName);
        if (problem != null) {
            throw r.error("invalid name \"" + rawName + "\": " + problem);
        }
        String name = DnsNames.canonical(rawName);
        String typeName = string(obj, "type", r).toUpperCase(Locale.ROOT);
        RecordType<?> type = RecordType.forName(typeName);
        boolean cname = typeName.equals("CNAME");
        boolean any = typeName.equals("ANY");
        if (type == null && !cname && !any) {
            throw r.error("unsupported type \"" + typeName + "\" (TXT, A, AAAA, MX, PTR, CNAME, ANY)");
        }
        String status = string(obj, "status", r).toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw r.error("unknown status \"" + status + "\" (NOERROR, NXDOMAIN, NODATA, TIMEOUT, SERVFAIL)");
        }
        long ttl = -1;
        Object t = obj.get("ttl");
        if (t != null) {
            if (!(t instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw r.error("\"ttl\" must be an integer from 0 to 2147483647");
            }
            ttl = l;
        }
        Object recs = obj.get("records");
        List<?> records = List.of();
        if (recs != null) {
            if (!(recs instanceof List<?> l)) {
                throw r.error("\"records\" must be an array of strings");
            }
            records = l;
        }
        Object d = obj.get("detail");
        if (d != null && !(d instanceof String)) {
            throw r.error("\"detail\" must be a string");
        }
        Integer before = seen.putIfAbsent(name + "/" + typeName, r.lineNumber());
        if (before != null) {
            throw r.error("second answer for " + name + " " + typeName + " (first on line " + before + ")");
        }
        if (!status.equals("NOERROR") && !records.isEmpty()) {
            throw r.error("\"records\" given with status " + status);
        }
        switch (status) {
            case "NOERROR" -> {
                if (any) {
                    throw r.error("type ANY cannot have status NOERROR");
                }
                if (records.isEmpty()) {
                    throw r.error("status NOERROR needs a non-empty \"records\" array (use NODATA for none)");
                }
                if (cname && records.size() != 1) {
                    throw r.error("a CNAME answer has exactly one record");
                }
                for (Object o : records) {
                    if (!(o instanceof String s)) {
                        throw r.error("\"records\" must be an array of strings");
                    }
                    try {
                        if (cname) {
                            b.cname(name, Presentation.parseName(s), ttl);
                        } else {
                            addRecord(b, name, type, Presentation.parse(type, s), ttl);
                        }
                    } catch (IllegalArgumentException e) {
                        throw r.error("bad " + typeName + " record \"" + abbreviate(s) + "\": " + e.getMessage());
                    }
                }
            }
            case "NXDOMAIN" -> b.negative(name, typeName, true, ttl);
            case "NODATA" -> {
                if (any) {
                    throw r.error("type ANY cannot have status NODATA");
                }
                b.negative(name, typeName, false, ttl);
            }
            default -> b.failType(name, any ? "*" : typeName, d != null ? (String) d : status);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void addRecord(ZoneResolver.Builder b, String name, RecordType<T> type, Object v, long ttl) {
        b.add(name, type, (T) v, ttl);
    }

    private static String string(Map<String, Object> obj, String key, BoundedLineReader r) throws DnsDataException {
        Object v = obj.get(key);
        if (v == null) {
            throw r.error("missing \"" + key + "\"");
        }
        if (!(v instanceof String s)) {
            throw r.error("\"" + key + "\" must be a string");
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The header line for a snapshot captured at {@code capturedAt}. */
    static void writeHeader(Writer w, Instant capturedAt) throws IOException {
        w.write("{\"snapshot\":" + VERSION + ",\"capturedAt\":" + JsonLine.quote(capturedAt.toString()) + "}\n");
    }

    /**
     * A TTL the reader accepts: 0..2147483647 (RFC 2181 §8). Answers from arbitrary resolvers may
     * carry a negative TTL or one above the range (e.g. Long.MAX_VALUE); written as they are, the
     * snapshot could not be read back.
     */
    static long writableTtl(long ttl) {
        return Math.max(0, Math.min(ttl, Integer.MAX_VALUE));
    }

    /**
     * One answer line; INVALID_NAME answers are not written (nothing was asked of DNS, and a replay
     * validates the name again). TEMPFAIL is written as TIMEOUT when its detail is "TIMEOUT", else
     * SERVFAIL, with a {@code detail} member when the detail is not the status word.
     */
    static void writeAnswer(Writer w, String name, RecordType<?> type, DnsAnswer<?> a) throws IOException {
        if (a.status() == DnsAnswer.Status.INVALID_NAME) {
            return;
        }
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"name\":").append(JsonLine.quote(name))
                .append(",\"type\":").append(JsonLine.quote(type.name()))
                .append(",\"status\":");
        switch (a.status()) {
            case RECORDS -> {
                sb.append("\"NOERROR\",\"ttl\":").append(writableTtl(a.ttl())).append(",\"records\":[");
                boolean firstRecord = true;
                for (Object o : a.records()) {
                    if (!firstRecord) {
                        sb.append(',');
                    }
                    firstRecord = false;
                    sb.append(JsonLine.quote(Presentation.format(type, o)));
                }
                sb.append(']');
            }
            case NXDOMAIN -> sb.append("\"NXDOMAIN\",\"ttl\":").append(writableTtl(a.ttl()));
            case NODATA -> sb.append("\"NODATA\",\"ttl\":").append(writableTtl(a.ttl()));
            default -> {
                String status = "TIMEOUT".equals(a.detail()) ? "TIMEOUT" : "SERVFAIL";
                sb.append(JsonLine.quote(status));
                if (!status.equals(a.detail())) {
                    sb.append(",\"detail\":").append(JsonLine.quote(a.detail()));
                }
            }
        }
        w.write(sb.append("}\n").toString());
    }
}
