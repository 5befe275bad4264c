package org.mailauth4j.core.text;

/**
 * Case-insensitive comparison as the protocols define it: ABNF string literals (RFC 5234 §2.3),
 * header field names (RFC 5322 §1.2.2) and DNS names (RFC 4343) ignore the case of the ASCII
 * letters A-Z only.
 *
 * <p>{@link String#equalsIgnoreCase} and {@link String#toLowerCase} fold Unicode: U+017F LATIN
 * SMALL LETTER LONG S equals "s", U+0131 DOTLESS I equals "i" and U+212A KELVIN SIGN lower-cases to
 * "k", so {@code "rſa-sha256".equalsIgnoreCase("rsa-sha256")} is true. A tag value, field name or
 * keyword spelled that way is not the ASCII word, and must not be read as one.
 */
public final class Ascii {
    private Ascii() {
    }

    /** Whether {@code a} and {@code b} are equal ignoring the case of A-Z; false if either is null. */
    public static boolean equalsIgnoreCase(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (toLower(x) != toLower(y))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} with A-Z made a-z and every other character left as it is; {@code s} itself when nothing changes. */
    public static String toLowerCase(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < out.length; i++) {
            out[i] = toLower(out[i]);
        }
        return new String(out);
    }

    /** {@code c} made lower case if it is one of A-Z. */
    public static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
