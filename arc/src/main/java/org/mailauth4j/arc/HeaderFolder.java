package org.mailauth4j.arc;

import java.util.List;

/**
 * Writes the value of a generated header field folded at most 78 columns wide (RFC 5322 §2.1.1),
 * breaking only where the text has a single space — or, for a {@code b=} value, between base64
 * characters, where verifiers ignore whitespace (RFC 6376 §3.5). Breaking at an existing space
 * leaves the relaxed canonical form (RFC 6376 §3.4.2) unchanged, so what we sign is what a
 * verifier sees.
 */
final class HeaderFolder {
    static final int MAX = 78;
    /** Base64 characters per folded line of a {@code b=} value: "b=" plus 70, then 72 per line. */
    static final int B_FIRST = 70;
    static final int B_LINE = 72;

    private final StringBuilder out = new StringBuilder(512);
    private int column;

    HeaderFolder(String name) {
        out.append(name).append(':');
        column = name.length() + 1;
    }

    /**
     * Appends items separated by {@code "; "}; an item that does not fit starts a new line, and an
     * item longer than a line is broken at its own spaces.
     */
    HeaderFolder items(List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(';');
                column++;
            }
            word(items.get(i), i < items.size() - 1 ? 1 : 0);
        }
        return this;
    }

    /** Appends one item after a space or a fold, breaking it at its own spaces when too long. */
    private void word(String item, int reserve) {
        if (column + 1 + item.length() + reserve <= MAX) {
            out.append(' ').append(item);
            column += 1 + item.length();
            return;
        }
        if (1 + item.length() + reserve <= MAX) {
            out.append("\r\n ").append(item); // the item fits a line of its own
            column = 1 + item.length();
            return;
        }
        String[] parts = item.split(" ");
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            int need = 1 + p.length() + (k == parts.length - 1 ? reserve : 0);
            if (column + need > MAX && column > 1) {
                out.append("\r\n");
                column = 0;
            }
            out.append(' ').append(p);
            column += 1 + p.length();
        }
    }

    /**
     * Appends a tag list in the given order; a {@code b=} tag starts a new line and its value is
     * split into 70- then 72-character lines.
     */
    HeaderFolder tags(List<String[]> tags) {
        return tags(tags, true);
    }

    /** As {@link #tags(List)}; {@code foldB == false} keeps a b= value on one (long) line. */
    HeaderFolder tags(List<String[]> tags, boolean foldB) {
        for (int i = 0; i < tags.size(); i++) {
            String[] t = tags.get(i);
            if (i > 0) {
                out.append(';');
                column++;
            }
            if (t[0].equals("b") && !t[1].isEmpty()) {
                out.append("\r\n b=");
                column = 3;
                String v = t[1];
                int p = foldB ? Math.min(B_FIRST, v.length()) : v.length();
                out.append(v, 0, p);
                column += p;
                while (p < v.length()) {
                    int e = Math.min(p + B_LINE, v.length());
                    out.append("\r\n ").append(v, p, e);
                    column = 1 + e - p;
                    p = e;
                }
            } else if (t[0].equals("h") && 3 + t[1].length() > MAX) {
                headerList(t[1], i < tags.size() - 1 ? 1 : 0);
            } else {
                word(t[0] + "=" + t[1], i < tags.size() - 1 ? 1 : 0);
            }
        }
        return this;
    }

    /**
     * A long {@code h=} list, folded after its colons: the tag's syntax allows FWS around each
     * ':' (RFC 6376 §3.5 {@code sig-h-tag}), and the AMS signs the field as written.
     */
    private void headerList(String names, int reserve) {
        String[] n = names.split(":");
        out.append("\r\n h=");
        column = 3;
        for (int k = 0; k < n.length; k++) {
            String piece = n[k] + (k < n.length - 1 ? ":" : "");
            int need = piece.length() + (k == n.length - 1 ? reserve : 0);
            if (column + need > MAX && column > 3) {
                out.append("\r\n ");
                column = 1;
            }
            out.append(piece);
            column += piece.length();
        }
    }

    /** The complete field text without the final CRLF. */
    String text() {
        return out.toString();
    }
}
