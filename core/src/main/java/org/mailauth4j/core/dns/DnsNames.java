package org.mailauth4j.core.dns;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.text.Normalizer;
import java.util.Locale;

/** Validation and normal form of DNS names (RFC 1035 §2.3.4, RFC 5890 A-labels). */
public final class DnsNames {
    private DnsNames() {
    }

    /**
     * The normal form of {@code name}: IDN labels as A-labels, lower case, no trailing dot; or
     * {@code null} when the name is not valid (see {@link #problem}).
     */
    public static String canonical(String name) {
        if (isPlainValid(name)) {
            int n = name.length();
            return (n > 1 && name.charAt(n - 1) == '.' ? name.substring(0, n - 1) : name).toLowerCase(Locale.ROOT);
        }
        return check(name).ascii();
    }

    /**
     * Why {@code name} is not a valid DNS name — a raw control character, an empty label, a label
     * over 63 octets, a name over 253 octets, or an IDN label that cannot be converted — or
     * {@code null} when it is valid.
     */
    public static String problem(String name) {
        return isPlainValid(name) ? null : check(name).problem();
    }

    /**
     * Whether {@code name} is valid as seen in one pass, without conversion — the usual case:
     * printable US-ASCII only (nothing that needs an A-label), labels of 1 to 63 characters, at
     * most 253 in all after one trailing dot. {@code false} leaves the answer to {@link #check}.
     */
    static boolean isPlainValid(String name) {
        if (name == null) {
            return false;
        }
        int n = name.length();
        int end = n > 1 && name.charAt(n - 1) == '.' ? n - 1 : n;
        if (end == 0 || end > 253) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (c < 0x20 || c >= 0x7f || ++label > 63) {
                return false;
            }
        }
        return label > 0;
    }

    /** Exactly one of the two is set: the normal form of a valid name, or why it is not valid. */
    record Checked(String ascii, String problem) {
        static Checked invalid(String problem) {
            return new Checked(null, problem);
        }
    }

    /** Every check, with conversion to A-labels: the definition {@link #isPlainValid} shortcuts. */
    static Checked check(String name) {
        if (name == null || name.isEmpty()) {
            return Checked.invalid("empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // RFC 1035 §5.1: in text form such octets are written \DDD; a raw one is not a name
                // (and "bank.com\0evil.com" must not pass for a domain that a NUL-terminated
                // display shows as "bank.com")
                return Checked.invalid(String.format("control character U+%04X in name", (int) c));
            }
        }
        String ascii;
        try {
            ascii = toAscii(name);
        } catch (IllegalArgumentException e) {
            return Checked.invalid("cannot convert to an A-label name: " + e.getMessage());
        }
        if (ascii.isEmpty()) {
            return Checked.invalid("empty name");
        }
        if (ascii.length() > 253) {
            return Checked.invalid("name longer than 253 octets");
        }
        int start = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            if (i == ascii.length() || ascii.charAt(i) == '.') {
                int len = i - start;
                if (len == 0) {
                    return Checked.invalid("empty label in \"" + name + "\"");
                }
                if (len > 63) {
                    return Checked.invalid("label longer than 63 octets in \"" + name + "\"");
                }
                start = i + 1;
            }
        }
        return new Checked(ascii, null);
    }

    /**
     * Lower-case A-label form, label by label. Labels without the four IDNA2003/IDNA2008 deviation
     * characters (UTS #46 §2: U+00DF ß, U+03C2 ς, U+200C ZWNJ, U+200D ZWJ; plus U+1E9E ẞ, which
     * lower-cases to ß) use {@link IDN#toASCII}. Labels with them are encoded as IDNA2008
     * (RFC 5891 §4.4, UTS #46 non-transitional processing) by {@link #deviationLabel}: IDNA2003
     * would map "straße" to "strasse", which is a different, differently owned domain.
     */
    private static String toAscii(String name) {
        String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
        boolean ascii = true;
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return n.toLowerCase(Locale.ROOT);
        }
        // IDNA label separators (RFC 3490 §3.1, UTS #46 mapping): ideographic and full-width stops
        n = n.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (n.endsWith(".") && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        StringBuilder out = new StringBuilder(n.length() + 16);
        int start = 0;
        while (true) {
            int dot = n.indexOf('.', start);
            String label = n.substring(start, dot < 0 ? n.length() : dot);
            out.append(labelToAscii(label));
            if (dot < 0) {
                return out.toString();
            }
            out.append('.');
            start = dot + 1;
        }
    }

    private static String labelToAscii(String label) {
        boolean ascii = true;
        boolean deviation = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            ascii &= c < 0x80;
            deviation |= isDeviation(c);
        }
        if (ascii) {
            return label.toLowerCase(Locale.ROOT);
        }
        if (deviation) {
            return deviationLabel(label);
        }
        return IDN.toASCII(foldNewCapitals(label), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /**
     * IDNA2003 knows Unicode 3.2 only: capitals added later (Georgian Mtavruli U+1C90.., and the
     * like) pass through {@link IDN#toASCII} unfolded, giving another A-label than IDNA2008/UTS #46
     * (which map them to small letters). Such code points — unassigned in Unicode 3.2, which
     * {@code IDN.toASCII} without {@code ALLOW_UNASSIGNED} refuses — are lower-cased here first.
     */
    private static String foldNewCapitals(String label) {
        StringBuilder out = null;
        for (int i = 0; i < label.length();) {
            int cp = label.codePointAt(i);
            int n = Character.charCount(cp);
            int lower = Character.toLowerCase(cp);
            if (lower != cp && cp >= 0x80 && !inUnicode32(cp)) {
                if (out == null) {
                    out = new StringBuilder(label.length()).append(label, 0, i);
                }
                out.appendCodePoint(lower);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? label : out.toString();
    }

    private static boolean inUnicode32(int cp) {
        try {
            IDN.toASCII(new String(Character.toChars(cp)), 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDeviation(char c) {
        return c == '\u00DF' || c == '\u03C2' || c == '\u200C' || c == '\u200D' || c == '\u1E9E';
    }

    /**
     * A label containing a deviation character, the IDNA2008 way: NFKC, lower case code point by
     * code point (so a capital Σ becomes σ, as UTS #46 maps it, never a contextual ς), NFC, then
     * Punycode (RFC 3492) with the "xn--" prefix. The other characters must be valid for
     * {@link IDN#toASCII}; ZWJ and ZWNJ are accepted only right after a virama (RFC 5892
     * Appendix A.1/A.2 first rule) — the joining-type rule for ZWNJ is not implemented, so such
     * names are refused rather than silently changed.
     *
     * @throws IllegalArgumentException when the label is not valid
     */
    static String deviationLabel(String label) {
        String m = Normalizer.normalize(label, Normalizer.Form.NFKC);
        StringBuilder lower = new StringBuilder(m.length());
        m.codePoints().forEach(cp -> lower.appendCodePoint(Character.toLowerCase(cp)));
        m = Normalizer.normalize(lower, Normalizer.Form.NFC);
        // RFC 5891 §4.2.3.1: no hyphen at either end, none in both the 3rd and 4th positions
        if (m.startsWith("-") || m.endsWith("-") || (m.length() >= 4 && m.charAt(2) == '-' && m.charAt(3) == '-')) {
            throw new IllegalArgumentException("hyphen at the start or end or in positions 3 and 4 of \"" + m
                    + "\" (RFC 5891 section 4.2.3.1)");
        }
        StringBuilder rest = new StringBuilder(m.length());
        int prev = -1;
        for (int i = 0; i < m.length();) {
            int cp = m.codePointAt(i);
            if (cp == 0x200C || cp == 0x200D) {
                String prevName = prev < 0 ? null : Character.getName(prev);
                if (prevName == null || !prevName.contains("VIRAMA")) {
                    throw new IllegalArgumentException(String.format(
                            "joiner U+%04X is allowed only after a virama (RFC 5892 Appendix A)", cp));
                }
            } else if (cp != 0xDF && cp != 0x3C2) {
                rest.appendCodePoint(cp);
            }
            prev = cp;
            i += Character.charCount(cp);
        }
        if (rest.length() > 0) {
            IDN.toASCII(rest.toString(), IDN.ALLOW_UNASSIGNED); // throws when another character is invalid
        }
        return "xn--" + punycode(m);
    }

    /** Punycode encoding of {@code s} (RFC 3492 §6.3, parameters of §5). */
    static String punycode(String s) {
        final int base = 36;
        final int tmin = 1;
        final int tmax = 26;
        int[] input = s.codePoints().toArray();
        StringBuilder out = new StringBuilder(input.length + 8);
        for (int c : input) {
            if (c < 0x80) {
                out.append((char) c);
            }
        }
        int b = out.length();
        int h = b;
        if (b > 0) {
            out.append('-');
        }
        int n = 0x80;
        long delta = 0;
        int bias = 72;
        while (h < input.length) {
            int m = Integer.MAX_VALUE;
            for (int c : input) {
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (h + 1);
            if (delta > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("punycode overflow");
            }
            n = m;
            for (int c : input) {
                if (c < n) {
                    delta++;
                }
                if (c == n) {
                    long q = delta;
                    for (int k = base;; k += base) {
                        int t = k <= bias ? tmin : Math.min(k - bias, tmax);
                        if (q < t) {
                            break;
                        }
                        out.append(digit((int) (t + (q - t) % (base - t))));
                        q = (q - t) / (base - t);
                    }
                    out.append(digit((int) q));
                    bias = adapt(delta, h + 1, h == b);
                    delta = 0;
                    h++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static int adapt(long delta, int points, boolean first) {
        long d = first ? delta / 700 : delta / 2;
        d += d / points;
        int k = 0;
        while (d > ((36 - 1) * 26) / 2) {
            d /= 36 - 1;
            k += 36;
        }
        return (int) (k + (36 * d) / (d + 38));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    /** The reverse-lookup name of an address: {@code d.c.b.a.in-addr.arpa} or nibbles under {@code ip6.arpa}. */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder(73);
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        String hex = "0123456789abcdef";
        for (int i = 15; i >= 0; i--) {
            sb.append(hex.charAt(b[i] & 0xf)).append('.').append(hex.charAt((b[i] >> 4) & 0xf)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }
}
