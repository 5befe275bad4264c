package org.mailauth4j.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.mailauth4j.core.dns.IpLiteral;

/**
 * Address helpers for the {@code ip4}, {@code ip6}, {@code a} and {@code mx} mechanisms (RFC 7208
 * §5.6): strict text parsing (no DNS, no leading zeros in IPv4 octets), prefix comparison, and the
 * RFC 5952 text form used by {@code %{c}}.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * The address as the check sees it: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is
     * the IPv4 address (RFC 7208 §5, last paragraphs; RFC 4291 §2.5.5.2).
     */
    static InetAddress normalize(InetAddress ip) {
        if (ip instanceof Inet6Address) {
            byte[] b = ip.getAddress();
            for (int k = 0; k < 10; k++) {
                if (b[k] != 0) {
                    return ip;
                }
            }
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ip;
    }

    /** Parses {@code ip4-network} (RFC 7208 §5.6 ABNF: four decimal octets, no leading zeros). */
    static byte[] parse4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            int v = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) v;
            if (part == 4) {
                return i == n ? out : null;
            }
            if (i >= n || s.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    /**
     * Parses {@code ip6-network} (RFC 4291 §2.2 text forms, including a trailing dotted IPv4):
     * the 16 octets, or null. The one strict literal parser of the project does the work.
     */
    static byte[] parse6(String s) {
        return s.indexOf(':') < 0 ? null : IpLiteral.octets(s);
    }

    /** Whether the first {@code prefix} bits of {@code a} and {@code b} (same length) agree. */
    static boolean matches(byte[] a, byte[] b, int prefix) {
        if (a.length != b.length) {
            return false;
        }
        int full = prefix >> 3;
        for (int k = 0; k < full; k++) {
            if (a[k] != b[k]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** Whether {@code address} is IPv4. */
    static boolean isV4(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
