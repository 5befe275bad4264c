package org.mailauth4j.core.address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailauth4j.core.text.Ascii;

/**
 * Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in display names. Whitespace
 * between two adjacent encoded-words is dropped (§6.2); an encoded-word with an unknown charset
 * or broken encoding is left as written (§6.3). RFC 2231 language tags ({@code charset*lang})
 * are ignored. Control characters produced by decoding (CR, LF, NUL …) become U+FFFD, so a
 * decoded name can never smuggle a line break into a report or a header written from it.
 * Display names are for people only: nothing here affects which domain is found.
 */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?*\\s]+)(?:\\*[^?\\s]*)?\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    static String decode(String text) {
        if (!text.contains("=?")) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String gap = text.substring(last, m.start());
            String decoded = decodeWord(m.group(1), m.group(2), m.group(3));
            if (!(previousWasWord && decoded != null && gap.isBlank())) {
                out.append(gap);
            }
            out.append(decoded != null ? decoded : m.group());
            previousWasWord = decoded != null;
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static String decodeWord(String charsetName, String encoding, String encoded) {
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalArgumentException e) { // illegal or unsupported charset name
            return null;
        }
        byte[] bytes;
        if (Ascii.equalsIgnoreCase(encoding, "B")) {
            try {
                bytes = Base64.getMimeDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            bytes = decodeQ(encoded);
            if (bytes == null) {
                return null;
            }
        }
        String text = new String(bytes, charset);
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append((c < 0x20 && c != '\t') || c == 0x7f ? '\uFFFD' : c);
        }
        return clean.toString();
    }

    /** RFC 2047 §4.2: "_" is a space, "=XX" a hex octet, other printable characters themselves. */
    private static byte[] decodeQ(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=') {
                int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                out.write(c);
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }
}
