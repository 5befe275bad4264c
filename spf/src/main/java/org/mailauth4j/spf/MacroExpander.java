package org.mailauth4j.spf;

import org.mailauth4j.core.dns.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.text.Ascii;

/**
 * Macros (RFC 7208 §7): parsing of macro-strings and their expansion.
 *
 * <ul>
 *   <li>§7.1 grammar: {@code %{letter digits r delimiters}}, {@code %%}, {@code %_}, {@code %-};
 *       any other {@code %} is a syntax error; literals are visible ASCII except {@code %}
 *       (explanation strings also allow spaces).</li>
 *   <li>§7.2 letters {@code s l o d i p v h}, plus {@code c r t} in explanation text only.</li>
 *   <li>§7.3 transformers: split on the delimiters (default {@code .}), optionally reverse, keep
 *       the rightmost N parts (N nonzero), join with dots; an upper-case letter URL-escapes the
 *       result (RFC 3986 unreserved characters are kept).</li>
 *   <li>§7.3 truncation: an expanded domain name longer than 253 characters loses labels on the
 *       left until it fits.</li>
 * </ul>
 */
final class MacroExpander {
    /** Longest domain name in text form (RFC 7208 §7.3, RFC 1035). */
    static final int MAX_DOMAIN_LENGTH = 253;
    private static final String HEX = "0123456789ABCDEF";
    private static final int MAX_DIGITS = 128;

    private MacroExpander() {
    }

    /**
     * Parses a macro-string (RFC 7208 §7.1).
     *
     * @param explanation true for explanation text (the TXT record named by {@code exp=}): spaces
     *     and the letters {@code c}, {@code r}, {@code t} are allowed
     */
    static MacroString parse(String text, boolean explanation) throws SpfSyntaxException {
        List<MacroString.Part> parts = new ArrayList<>(2);
        StringBuilder lit = new StringBuilder();
        boolean endsWithMacro = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch != '%') {
                if (!(ch >= 0x21 && ch <= 0x7e) && !(explanation && ch == ' ')) {
                    throw new SpfSyntaxException(describe(ch) + " not allowed in a macro-string", i);
                }
                lit.append(ch);
                endsWithMacro = false;
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw new SpfSyntaxException("'%' at the end of a macro-string", i);
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> lit.append('%');
                case '_' -> lit.append(' ');
                case '-' -> lit.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfSyntaxException("unterminated macro '%{'", i);
                    }
                    if (lit.length() > 0) {
                        parts.add(MacroString.Part.literal(lit.toString()));
                        lit.setLength(0);
                    }
                    parts.add(parseMacro(text, i + 2, close, explanation));
                    i = close + 1;
                    endsWithMacro = true;
                    continue;
                }
                default -> throw new SpfSyntaxException(
                        "'%' must be followed by '{', '%', '_' or '-', not " + describe(next), i);
            }
            endsWithMacro = true;
            i += 2;
        }
        if (lit.length() > 0) {
            parts.add(MacroString.Part.literal(lit.toString()));
        }
        return new MacroString(text, parts, endsWithMacro);
    }

    private static MacroString.Part parseMacro(String text, int start, int end, boolean explanation)
            throws SpfSyntaxException {
        if (start >= end) {
            throw new SpfSyntaxException("empty macro '%{}'", start - 2);
        }
        char raw = text.charAt(start);
        if (!((raw >= 'a' && raw <= 'z') || (raw >= 'A' && raw <= 'Z'))) {
            throw new SpfSyntaxException("unknown macro letter " + describe(raw), start);
        }
        char letter = Ascii.toLower(raw);
        boolean upper = raw != letter;
        switch (letter) {
            case 's', 'l', 'o', 'd', 'i', 'p', 'v', 'h' -> { }
            case 'c', 'r', 't' -> {
                if (!explanation) {
                    throw new SpfSyntaxException("macro letter '" + raw + "' is allowed only in explanation text (RFC 7208 section 7.2)", start);
                }
            }
            default -> throw new SpfSyntaxException("unknown macro letter " + describe(raw), start);
        }
        int i = start + 1;
        int digits = 0;
        boolean hasDigits = false;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            digits = Math.min(MAX_DIGITS * 10, digits * 10 + (text.charAt(i) - '0'));
            hasDigits = true;
            i++;
        }
        if (hasDigits && digits == 0) {
            throw new SpfSyntaxException("macro transformer digits must be nonzero (RFC 7208 section 7.3)", start);
        }
        boolean reverse = false;
        if (i < end && (text.charAt(i) == 'r' || text.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        for (int j = i; j < end; j++) {
            if (".-+,/_=".indexOf(text.charAt(j)) < 0) {
                throw new SpfSyntaxException("invalid macro delimiter " + describe(text.charAt(j)), j);
            }
        }
        String delimiters = i < end ? text.substring(i, end) : null;
        return new MacroString.Part(null, letter, upper, Math.min(digits, MAX_DIGITS), reverse, delimiters);
    }

    private static String describe(char ch) {
        if (ch >= 0x21 && ch <= 0x7e) {
            return "'" + ch + "'";
        }
        return String.format("character U+%04X", (int) ch);
    }

    /** The values of the macro letters for one check (RFC 7208 §7.2); {@code d} varies. */
    static final class Context {
        final String sender;
        final String localPart;
        final String senderDomain;
        final String helo;
        final String receiver;
        final String ipDotted;
        final String ipReadable;
        final String ipVersion;
        final long timestamp;

        Context(String localPart, String senderDomain, String helo, InetAddress ip, String receiver, long timestamp) {
            this.localPart = localPart;
            this.senderDomain = senderDomain;
            this.sender = localPart + "@" + senderDomain;
            this.helo = helo == null ? "" : helo;
            this.receiver = receiver == null ? "unknown" : receiver;
            this.timestamp = timestamp;
            if (ip instanceof Inet4Address) {
                this.ipDotted = ip.getHostAddress();
                this.ipReadable = this.ipDotted;
                this.ipVersion = "in-addr";
            } else {
                this.ipDotted = nibbles(ip.getAddress());
                this.ipReadable = IpLiteral.format(ip);
                this.ipVersion = "ip6";
            }
        }

        private static String nibbles(byte[] b) {
            StringBuilder sb = new StringBuilder(63);
            for (int k = 0; k < b.length; k++) {
                if (k > 0) {
                    sb.append('.');
                }
                sb.append(HEX.charAt((b[k] >> 4) & 0xf)).append('.').append(HEX.charAt(b[k] & 0xf));
            }
            return sb.toString();
        }
    }

    /**
     * Expands {@code ms} (RFC 7208 §7.3).
     *
     * @param domain the current domain ({@code %{d}})
     * @param validatedName the value of {@code %{p}} (ignored unless {@link MacroString#usesP()})
     */
    static String expand(MacroString ms, Context ctx, String domain, String validatedName) {
        MacroString.Part[] parts = ms.parts();
        if (parts.length == 1 && parts[0].isLiteral()) {
            return parts[0].literal();
        }
        StringBuilder out = new StringBuilder(64);
        for (MacroString.Part part : parts) {
            if (part.isLiteral()) {
                out.append(part.literal());
                continue;
            }
            String value = switch (part.letter()) {
                case 's' -> ctx.sender;
                case 'l' -> ctx.localPart;
                case 'o' -> ctx.senderDomain;
                case 'd' -> domain;
                case 'i' -> ctx.ipDotted;
                case 'p' -> validatedName == null ? "unknown" : validatedName;
                case 'v' -> ctx.ipVersion;
                case 'h' -> ctx.helo;
                case 'c' -> ctx.ipReadable;
                case 'r' -> ctx.receiver;
                case 't' -> Long.toString(ctx.timestamp);
                default -> "";
            };
            if (part.digits() > 0 || part.reverse() || part.delimiters() != null) {
                value = transform(value, part);
            }
            if (part.upper()) {
                urlEscape(value, out);
            } else {
                out.append(value);
            }
        }
        return out.toString();
    }

    /** Splits on the delimiters, reverses, keeps the rightmost N parts, joins with dots (§7.3). */
    static String transform(String value, MacroString.Part part) {
        String delims = part.delimiters() == null ? "." : part.delimiters();
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < value.length(); k++) {
            if (delims.indexOf(value.charAt(k)) >= 0) {
                pieces.add(value.substring(start, k));
                start = k + 1;
            }
        }
        pieces.add(value.substring(start));
        if (part.reverse()) {
            java.util.Collections.reverse(pieces);
        }
        int size = pieces.size();
        int keep = part.digits() > 0 ? Math.min(part.digits(), size) : size;
        return String.join(".", pieces.subList(size - keep, size));
    }

    /** Percent-encodes every octet outside RFC 3986 unreserved characters (§7.3). */
    static void urlEscape(String value, StringBuilder out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
    }

    /**
     * Prepares an expanded domain-spec for a query (§7.3, §4.3): drops one trailing dot and, when
     * longer than 253 characters, removes labels from the left until it fits.
     */
    static String truncateDomain(String expanded) {
        String d = expanded;
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        while (d.length() > MAX_DOMAIN_LENGTH) {
            int dot = d.indexOf('.');
            if (dot < 0) {
                return d;
            }
            d = d.substring(dot + 1);
        }
        return d;
    }
}
