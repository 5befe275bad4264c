package org.mailauth4j.core.dns;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
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
        return problem(name) == null ? toAscii(name) : null;
    }

    /**
     * Why {@code name} is not a valid DNS name — an empty label, a label over 63 octets, a name
     * over 253 octets, or an IDN label that cannot be converted — or {@code null} when it is valid.
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        String ascii;
        try {
            ascii = toAscii(name);
        } catch (IllegalArgumentException e) {
            return "cannot convert to an A-label name: " + e.getMessage();
        }
        if (ascii.isEmpty()) {
            return "empty name";
        }
        if (ascii.length() > 253) {
            return "name longer than 253 octets";
        }
        int start = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            if (i == ascii.length() || ascii.charAt(i) == '.') {
                int len = i - start;
                if (len == 0) {
                    return "empty label in \"" + name + "\"";
                }
                if (len > 63) {
                    return "label longer than 63 octets in \"" + name + "\"";
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static String toAscii(String name) {
        String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
        boolean ascii = true;
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        }
        return n.toLowerCase(Locale.ROOT);
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
