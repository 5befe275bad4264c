package org.mailauth4j.core.address;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * One mailbox of an address field (RFC 5322 §3.4 {@code mailbox}).
 *
 * @param displayName the display name with RFC 2047 encoded-words decoded, or {@code null} when
 *     there is none; informational only, never a source of a domain
 * @param localPart the local part as text: quoting and escapes removed, CFWS dropped
 * @param domain the domain as written (U-labels kept, CFWS dropped), a domain literal such as
 *     {@code [192.0.2.1]}, or {@code null} when the mailbox has no domain
 */
public record Mailbox(String displayName, String localPart, String domain) {

    public Mailbox {
        Objects.requireNonNull(localPart, "localPart");
    }

    /** Whether the domain is a domain literal ({@code [192.0.2.1]}), which is not a DNS name. */
    public boolean isDomainLiteral() {
        return domain != null && domain.startsWith("[");
    }

    /**
     * The domain as lower-case A-labels (RFC 5890 via {@link IDN#toASCII}), the form to compare
     * and to look up in DNS; {@code null} when there is no domain or it is a domain literal.
     *
     * @throws IllegalArgumentException if the domain is not a valid DNS name (never for mailboxes
     *     returned by {@link AddressParser}, which rejects such domains)
     */
    public String asciiDomain() {
        if (domain == null || isDomainLiteral()) {
            return null;
        }
        String ascii = toAscii(domain);
        if (ascii == null) {
            throw new IllegalArgumentException("not a valid DNS domain: " + domain);
        }
        return ascii;
    }

    /** The address {@code local@domain} (the local part quoted when it is not a dot-atom). */
    public String address() {
        String local = isDotAtom(localPart) ? localPart : quote(localPart);
        return domain == null ? local : local + "@" + domain;
    }

    @Override
    public String toString() {
        return displayName == null ? address() : quote(displayName) + " <" + address() + ">";
    }

    /**
     * Converts a domain to lower-case A-labels label by label, or returns {@code null} when it is
     * not a DNS name: empty labels, labels over 63 or names over 253 octets, characters other
     * than letters, digits, '-' and '_' after conversion, '-' at either end of a label. Only
     * ASCII '.' separates labels: IDNA2003's other full stops (U+3002 …) inside a label are
     * refused rather than silently splitting it, so the labels are the ones RFC 5322 saw.
     */
    static String toAscii(String domain) {
        if (domain.isEmpty() || domain.length() > 1000) {
            return null;
        }
        StringBuilder out = new StringBuilder(domain.length());
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            String label = domain.substring(start, dot < 0 ? domain.length() : dot);
            String ascii;
            try {
                ascii = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!validLabel(ascii)) {
                return null;
            }
            out.append(ascii);
            if (dot < 0) {
                break;
            }
            out.append('.');
            start = dot + 1;
        }
        return out.length() > 253 ? null : out.toString();
    }

    private static boolean validLabel(String l) {
        if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0
                || c >= 0x80; // RFC 6532 §3.2 UTF8-non-ascii
    }

    static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.' || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
