package org.mailauth4j.core.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IP address literals from untrusted text (SMTP envelopes, Received fields, DNS data
 * files, command lines), turned into an {@link InetAddress} without any name lookup.
 *
 * <p>{@link InetAddress#getByName} must never see such text: for anything its literal parser
 * rejects that does not look like IPv6 (e.g. {@code 192.168.1.300}, {@code 010.1.1.1}) it asks
 * the system resolver, a blocking, live DNS query. This class parses the text itself and builds
 * the address with {@link InetAddress#getByAddress(byte[])}.
 *
 * <ul>
 *   <li>IPv4: four decimal octets 0-255 separated by dots (RFC 5321 §4.1.3 {@code
 *       IPv4-address-literal}: {@code Snum = 1*3DIGIT}, a value 0 through 255; RFC 1123 §2.1).</li>
 *   <li>IPv6: the text forms of RFC 4291 §2.2 (eight groups of 1-4 hex digits, one {@code ::}
 *       for a run of zero groups, optionally the last 32 bits as a dotted IPv4 address); no zone
 *       index ({@code %eth0}), no brackets.</li>
 * </ul>
 *
 * An IPv4-mapped IPv6 literal ({@code ::ffff:192.0.2.1}) gives an {@code Inet4Address}, as
 * {@link InetAddress#getByAddress(byte[])} does.
 */
public final class IpLiteral {
    /** Longest literal accepted: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    public static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    /**
     * The address {@code text} spells, or {@code null} when it is not exactly an IPv4 or IPv6
     * literal (surrounding white space is not accepted either). Never a DNS lookup.
     */
    public static InetAddress parse(String text) {
        byte[] b = octets(text);
        if (b == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // not reached: 4 or 16 octets
        }
    }

    /** The 4 or 16 octets {@code text} spells, or {@code null} (see {@link #parse}). */
    public static byte[] octets(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        return text.indexOf(':') >= 0 ? v6(text) : v4(text, 0);
    }

    /** Whether {@code text} is four decimal octets 0-255 separated by dots (RFC 5321 §4.1.3). */
    public static boolean isDottedQuad(String text) {
        return text != null && text.length() <= 15 && v4(text, 0) != null;
    }

    /** Four dotted decimal octets from {@code from} to the end of {@code s}. */
    private static byte[] v4(String s, int from) {
        byte[] out = new byte[4];
        int i = from;
        int n = s.length();
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int v = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || v > 255) {
                return null;
            }
            out[part] = (byte) v;
        }
        return i == n ? out : null;
    }

    /** RFC 4291 §2.2 text forms 1, 2 and 3. */
    private static byte[] v6(String s) {
        int n = s.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        byte[] tail = null;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 4 && hex(s.charAt(i)) >= 0) {
                v = (v << 4) | hex(s.charAt(i));
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                tail = v4(s, start); // the last 32 bits as dotted IPv4, to the end of the text
                if (tail == null || count > 6) {
                    return null;
                }
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = v;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null; // a fifth hex digit, a zone index or any other character
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null; // "::" at most once
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null; // a single trailing ':'
            }
        }
        int total = count + (tail != null ? 2 : 0);
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int g = 0;
        for (int k = 0; k < count; k++) {
            if (k == gap) {
                g += 8 - total;
            }
            out[2 * g] = (byte) (groups[k] >> 8);
            out[2 * g + 1] = (byte) groups[k];
            g++;
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * RFC 5952 §4 text of an address: IPv4 dotted decimal; IPv6 in lower case, leading zeros of
     * each group dropped, the longest run of two or more zero groups (the first of equal runs)
     * as {@code ::}; an IPv4-mapped IPv6 address as {@code ::ffff:} and the dotted IPv4 address
     * (RFC 5952 §5).
     */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return dotted(b, 0);
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        for (int k = 0; k < 10 && mapped; k++) {
            mapped = b[k] == 0;
        }
        if (mapped) {
            return "::ffff:" + dotted(b, 12);
        }
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) {
            g[k] = ((b[2 * k] & 0xff) << 8) | (b[2 * k + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 §4.2.2: "::" never shortens a single 16-bit 0 field
        for (int k = 0; k < 8;) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLen) {
                bestStart = start;
                bestLen = k - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    private static String dotted(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }
}
