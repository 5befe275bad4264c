package org.mailauth4j.core.dns;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * RDATA in RFC 1035 §5.1 presentation format, as used in DNS snapshot files: TXT as one or more
 * character-strings (quoted, or bare words), {@code \X} and {@code \DDD} escapes; MX as
 * {@code preference exchange}; PTR and CNAME as absolute names; A and AAAA as address literals.
 */
final class Presentation {
    /** RFC 1035 §3.3: a character-string holds at most 255 octets. */
    static final int MAX_STRING = 255;

    private Presentation() {
    }

    /**
     * TXT text from the raw character-strings of one record, joined with no separator
     * (RFC 7208 §3.3, RFC 6376 §3.6.2.2) and decoded as UTF-8 (malformed bytes become U+FFFD).
     */
    static String txtFromBytes(List<byte[]> strings) {
        int n = 0;
        for (byte[] b : strings) {
            n += b.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (byte[] b : strings) {
            all.put(b);
        }
        all.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(all).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }

    /**
     * TXT text as quoted character-strings of at most 255 octets of its UTF-8 form; {@code "}
     * and {@code \} are escaped with a backslash, bytes outside printable ASCII as {@code \DDD}.
     */
    static String formatTxt(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(b.length + 8);
        int i = 0;
        do {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"');
            int end = Math.min(b.length, i + MAX_STRING);
            for (; i < end; i++) {
                int c = b[i] & 0xff;
                if (c == '"' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            sb.append('"');
        } while (i < b.length);
        return sb.toString();
    }

    /** Parses TXT RDATA (one or more character-strings) into the joined text. */
    static String parseTxt(String rdata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rdata.length());
        int i = 0;
        int n = rdata.length();
        int strings = 0;
        while (true) {
            while (i < n && (rdata.charAt(i) == ' ' || rdata.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean quoted = rdata.charAt(i) == '"';
            if (quoted) {
                i++;
            }
            int len = 0;
            while (true) {
                if (i >= n) {
                    if (quoted) {
                        throw new IllegalArgumentException("unterminated quoted string in TXT data");
                    }
                    break;
                }
                char c = rdata.charAt(i);
                if (quoted ? c == '"' : (c == ' ' || c == '\t')) {
                    if (quoted) {
                        i++;
                    }
                    break;
                }
                if (!quoted && c == '"') {
                    throw new IllegalArgumentException("quote inside an unquoted TXT string");
                }
                i++;
                if (c == '\\') {
                    if (i >= n) {
                        throw new IllegalArgumentException("backslash at end of TXT data");
                    }
                    char d = rdata.charAt(i);
                    if (d >= '0' && d <= '9') {
                        if (i + 3 > n) {
                            throw new IllegalArgumentException("short \\DDD escape in TXT data");
                        }
                        int v = 0;
                        for (int k = 0; k < 3; k++) {
                            char x = rdata.charAt(i + k);
                            if (x < '0' || x > '9') {
                                throw new IllegalArgumentException("bad \\DDD escape in TXT data");
                            }
                            v = v * 10 + (x - '0');
                        }
                        if (v > 255) {
                            throw new IllegalArgumentException("\\DDD escape above 255 in TXT data");
                        }
                        out.write(v);
                        len++;
                        i += 3;
                    } else {
                        len += writeChar(out, rdata, i);
                        i += Character.charCount(rdata.codePointAt(i));
                    }
                } else {
                    len += writeChar(out, rdata, i - 1);
                    i += Character.charCount(rdata.codePointAt(i - 1)) - 1;
                }
                if (len > MAX_STRING) {
                    throw new IllegalArgumentException("TXT character-string longer than 255 octets");
                }
            }
            strings++;
        }
        if (strings == 0) {
            throw new IllegalArgumentException("TXT data has no character-string");
        }
        return txtFromBytes(List.of(out.toByteArray()));
    }

    private static int writeChar(ByteArrayOutputStream out, String s, int at) {
        int cp = s.codePointAt(at);
        if (cp < 0x80) {
            out.write(cp);
            return 1;
        }
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        return b.length;
    }

    /** An absolute name in presentation form: {@code name.}; the root is {@code .}. */
    static String formatName(String name) {
        return name.equals(".") || name.isEmpty() ? "." : name + ".";
    }

    /**
     * A host name from presentation form: with or without the final dot, lower case, A-labels,
     * no trailing dot; the root {@code .} stays {@code .}. Escapes such as {@code \032} (as
     * dnsjava writes unusual octets) are kept as written, so names recorded from the wire read
     * back unchanged.
     */
    static String parseName(String text) {
        String t = text.trim();
        if (t.equals(".")) {
            return ".";
        }
        String problem = DnsNames.problem(t);
        if (problem != null) {
            throw new IllegalArgumentException("invalid name \"" + text + "\": " + problem);
        }
        return DnsNames.canonical(t);
    }

    static MxRecord parseMx(String rdata) {
        String t = rdata.trim();
        int sp = indexOfSpace(t);
        if (sp < 0) {
            throw new IllegalArgumentException("MX data must be \"preference exchange\": " + rdata);
        }
        int pref;
        try {
            pref = Integer.parseInt(t.substring(0, sp));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad MX preference in \"" + rdata + "\"");
        }
        if (pref < 0 || pref > 65535) {
            throw new IllegalArgumentException("MX preference out of range in \"" + rdata + "\"");
        }
        return new MxRecord(pref, parseName(t.substring(sp + 1)));
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** An A (4 octets) or AAAA (16 octets) address literal; never a DNS lookup. */
    static InetAddress parseAddress(String text, RecordType<InetAddress> type) {
        String t = text.trim();
        if (type == RecordType.A && t.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        if (type == RecordType.AAAA && t.indexOf(':') < 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        InetAddress a = ZoneResolver.parseIp(t);
        // An IPv4-mapped IPv6 literal parses as an Inet4Address; keep all 16 octets for AAAA.
        if (type == RecordType.AAAA && a.getAddress().length == 4) {
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(a.getAddress(), 0, b, 12, 4);
            return ZoneResolver.ipv6(b);
        }
        return a;
    }

    /** Parses one RDATA string of {@code type} into the value {@link RecordType} defines. */
    static Object parse(RecordType<?> type, String rdata) {
        if (type == RecordType.TXT) {
            return parseTxt(rdata);
        }
        if (type == RecordType.A || type == RecordType.AAAA) {
            @SuppressWarnings("unchecked")
            RecordType<InetAddress> t = (RecordType<InetAddress>) type;
            return parseAddress(rdata, t);
        }
        if (type == RecordType.MX) {
            return parseMx(rdata);
        }
        if (type == RecordType.PTR) {
            return parseName(rdata);
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    /** The presentation form of a value of {@code type}. */
    static String format(RecordType<?> type, Object value) {
        if (type == RecordType.TXT) {
            return formatTxt((String) value);
        }
        if (type == RecordType.A || type == RecordType.AAAA) {
            return IpLiteral.format((InetAddress) value); // RFC 5952 text (RFC 3596 §2.4 takes any RFC 4291 form)
        }
        if (type == RecordType.MX) {
            MxRecord mx = (MxRecord) value;
            return mx.preference() + " " + formatName(mx.exchange());
        }
        if (type == RecordType.PTR) {
            return formatName((String) value);
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
