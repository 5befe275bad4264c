package org.mailauth4j.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.text.Ascii;

/**
 * A small, lenient MIME reader (RFC 2045/2046) for report e-mails: splits a message into its leaf
 * parts, decodes base64 and quoted-printable, and reads each part's media type and file name.
 * Bounded in depth and part count; malformed structure yields what could be read.
 */
final class MimeParts {
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 200;

    /** One leaf part: its lower-case media type, its file name (or {@code null}), its decoded bytes. */
    record Part(String contentType, String filename, Map<String, String> headers, byte[] body) {
    }

    private MimeParts() {
    }

    static List<Part> leaves(byte[] message) {
        List<Part> out = new ArrayList<>();
        walk(message, 0, out);
        return out;
    }

    private static void walk(byte[] entity, int depth, List<Part> out) {
        if (out.size() >= MAX_PARTS) {
            return;
        }
        int split = headerEnd(entity);
        String head = new String(entity, 0, split < 0 ? entity.length : split, StandardCharsets.UTF_8);
        byte[] body = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(entity, bodyStart(entity, split),
                entity.length);
        Map<String, String> headers = headers(head);
        String ct = headers.getOrDefault("content-type", "text/plain");
        String type = Ascii.toLowerCase(ct.split(";", 2)[0].strip());
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            String boundary = param(ct, "boundary");
            if (boundary != null) {
                for (byte[] child : splitParts(body, boundary)) {
                    walk(child, depth + 1, out);
                }
                return;
            }
        }
        String filename = param(headers.getOrDefault("content-disposition", ""), "filename");
        if (filename == null) {
            filename = param(ct, "name");
        }
        String cte = Ascii.toLowerCase(headers.getOrDefault("content-transfer-encoding", "7bit").strip());
        out.add(new Part(type, filename, headers, decode(body, cte)));
    }

    static int headerEnd(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i;
            }
            if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int bodyStart(byte[] b, int split) {
        int i = split + 1;
        if (i < b.length && b[i] == '\r') {
            i++;
        }
        return Math.min(i + 1, b.length);
    }

    /** Header fields, unfolded, names lower-case; the first occurrence wins. */
    static Map<String, String> headers(String head) {
        Map<String, String> out = new LinkedHashMap<>();
        String unfolded = head.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
        for (String line : unfolded.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(Ascii.toLowerCase(line.substring(0, colon).strip()),
                        line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** A parameter of a structured field (RFC 2045 §5.1), quoted or not; case-insensitive name. */
    static String param(String field, String name) {
        for (String p : field.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && Ascii.equalsIgnoreCase(p.substring(0, eq).strip(), name)) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static List<byte[]> splitParts(byte[] body, String boundary) {
        List<byte[]> parts = new ArrayList<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delim = "--" + boundary;
        int pos = text.indexOf(delim);
        while (pos >= 0 && parts.size() < MAX_PARTS) {
            int lineEnd = text.indexOf('\n', pos);
            if (lineEnd < 0 || text.startsWith(delim + "--", pos)) {
                break;
            }
            int next = text.indexOf("\n" + delim, lineEnd);
            int end = next < 0 ? text.length() : next;
            if (end > lineEnd + 1 && text.charAt(end - 1) == '\r') {
                end--;
            }
            parts.add(text.substring(lineEnd + 1, Math.max(lineEnd + 1, end)).getBytes(StandardCharsets.ISO_8859_1));
            pos = next < 0 ? -1 : next + 1;
        }
        return parts;
    }

    static byte[] decode(byte[] body, String cte) {
        switch (cte) {
            case "base64": {
                StringBuilder sb = new StringBuilder(body.length);
                for (byte x : body) {
                    char c = (char) (x & 0xff);
                    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                            || c == '/') {
                        sb.append(c);
                    }
                }
                int usable = sb.length() - sb.length() % 4;
                if (sb.length() % 4 >= 2) {
                    usable = sb.length(); // decode with the padding left out
                }
                try {
                    return Base64.getDecoder().decode(padded(sb.substring(0, usable)));
                } catch (IllegalArgumentException e) {
                    return new byte[0];
                }
            }
            case "quoted-printable": {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
                for (int i = 0; i < body.length; i++) {
                    byte b = body[i];
                    if (b == '=' && i + 1 < body.length) {
                        if (body[i + 1] == '\n') {
                            i++;
                            continue;
                        }
                        if (body[i + 1] == '\r' && i + 2 < body.length && body[i + 2] == '\n') {
                            i += 2;
                            continue;
                        }
                        if (i + 2 < body.length) {
                            int hi = Character.digit(body[i + 1], 16);
                            int lo = Character.digit(body[i + 2], 16);
                            if (hi >= 0 && lo >= 0) {
                                out.write(hi * 16 + lo);
                                i += 2;
                                continue;
                            }
                        }
                    }
                    out.write(b);
                }
                return out.toByteArray();
            }
            default:
                return body;
        }
    }

    private static String padded(String s) {
        int r = s.length() % 4;
        return r == 0 ? s : s + "=".repeat(4 - r);
    }
}
