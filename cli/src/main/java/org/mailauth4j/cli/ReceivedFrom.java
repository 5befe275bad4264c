package org.mailauth4j.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.IpLiteral;
import org.mailauth4j.core.text.Ascii;

/**
 * The {@code from} clause of one {@code Received} field (RFC 5321 §4.4):
 *
 * <pre>
 * From-domain     = "FROM" FWS Extended-Domain
 * Extended-Domain = Domain / ( Domain FWS "(" TCP-info ")" ) / ( address-literal FWS "(" TCP-info ")" )
 * TCP-info        = address-literal / ( Domain FWS address-literal )
 *                   ; Information derived by server from TCP connection not client EHLO.
 * </pre>
 *
 * The client's address is taken from the TCP-info comment only: a comment whose first word is
 * an address literal ({@code ([192.0.2.1])}, Exim's {@code ([192.0.2.1]:1234 helo=x)}), or a
 * name followed by one ({@code (host.example [192.0.2.1])}, {@code (unknown [IPv6:2001:db8::1])}),
 * or a bare address ({@code (192.0.2.1)}, {@code (2603:10b6::1)}: qmail and Exchange write the
 * connection's address so). A literal after {@code helo=} or {@code HELO} is what the client
 * said, never TCP-info, and is ignored; so are literals in comments nested inside a comment.
 * Only when no comment gives an address does an address literal as the {@code From-domain}
 * itself count (Exim's {@code from [192.0.2.1] (helo=x)}: the connection's address).
 *
 * @param domain the {@code From-domain} word as written (the client's HELO/EHLO argument for
 *     most MTAs), or {@code null} when the clause is empty
 * @param ip the client address, or {@code null} when the clause gives none, or only an
 *     unspecified ({@code 0.0.0.0}, {@code ::}) or multicast address
 * @param loopback whether the address given is a loopback address (a content filter on the
 *     receiving host, not a client); then {@code ip} is {@code null}
 */
record ReceivedFrom(String domain, InetAddress ip, boolean loopback) {

    /** Words that start the clauses after {@code from} (RFC 5321 §4.4 {@code Stamp}). */
    private static final List<String> CLAUSES = List.of("by", "via", "with", "id", "for");

    /** The from clause of a Received field value (unfolded), or {@code null} when it has none. */
    static ReceivedFrom parse(String value) {
        int n = value.length();
        int i = skipSpaceAndComments(value, 0);
        if (!value.regionMatches(true, i, "from", 0, 4) || i + 4 >= n || !isSpace(value.charAt(i + 4))) {
            return null;
        }
        i = skipSpace(value, i + 4);
        // the From-domain word (never a clause keyword, even when it reads "by" or "with")
        int start = i;
        while (i < n && !isSpace(value.charAt(i)) && value.charAt(i) != '(' && value.charAt(i) != ';') {
            i++;
        }
        String domain = i > start ? value.substring(start, i) : null;
        InetAddress fromComment = null;
        boolean loopbackComment = false;
        while (i < n) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == ';') {
                break;
            } else if (c == '(') {
                List<String> words = new ArrayList<>(2);
                i = comment(value, i, words);
                if (fromComment == null && !loopbackComment) {
                    InetAddress a = tcpInfo(words);
                    if (a != null && a.isLoopbackAddress()) {
                        loopbackComment = true;
                    } else {
                        fromComment = a;
                    }
                }
            } else {
                int w = i;
                while (i < n && !isSpace(value.charAt(i)) && value.charAt(i) != '(' && value.charAt(i) != ';') {
                    i++;
                }
                if (CLAUSES.contains(Ascii.toLowerCase(value.substring(w, i)))) {
                    break;
                }
            }
        }
        InetAddress a = fromComment;
        if (a == null && !loopbackComment && domain != null && domain.startsWith("[")) {
            a = bracketed(domain);
        }
        if (loopbackComment || (a != null && a.isLoopbackAddress())) {
            return new ReceivedFrom(domain, null, true);
        }
        if (a != null && (a.isAnyLocalAddress() || a.isMulticastAddress())) {
            a = null; // never a client's source address
        }
        return new ReceivedFrom(domain, a, false);
    }

    /**
     * Reads the comment starting at {@code open}; collects its first two depth-1 words (nested
     * comments separate words and are otherwise ignored) into {@code words}.
     *
     * @return the index after the closing parenthesis (or the end of the value)
     */
    private static int comment(String v, int open, List<String> words) {
        int depth = 0;
        StringBuilder word = new StringBuilder();
        int i = open;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                i++; // quoted-pair
                if (depth == 1) {
                    word.append(v.charAt(i));
                }
                continue;
            }
            boolean separator = c == '(' || c == ')' || isSpace(c);
            if (separator && word.length() > 0) {
                if (words.size() < 2) {
                    words.add(word.toString());
                }
                word.setLength(0);
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (!separator && depth == 1) {
                word.append(c);
            }
        }
        return i;
    }

    /** The address of a TCP-info comment's first words, or {@code null}. */
    private static InetAddress tcpInfo(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        String first = words.get(0);
        if (first.startsWith("[")) {
            return bracketed(first);
        }
        InetAddress bare = IpLiteral.parse(first.substring(first.lastIndexOf('@') + 1)); // qmail: (ident@192.0.2.1)
        if (bare != null) {
            return bare;
        }
        boolean heloWord = Ascii.equalsIgnoreCase(first, "HELO") || Ascii.equalsIgnoreCase(first, "EHLO") || first.indexOf('=') >= 0;
        if (!heloWord && words.size() > 1 && words.get(1).startsWith("[")) {
            return bracketed(words.get(1));
        }
        return null;
    }

    /** {@code [literal]}, optionally followed by {@code :port} (Exim), or {@code null}. */
    private static InetAddress bracketed(String word) {
        int close = word.indexOf(']');
        if (close < 0 || (close + 1 < word.length() && !isPort(word, close + 1))) {
            return null;
        }
        try {
            return Envelope.parseIp(word.substring(0, close + 1));
        } catch (IllegalArgumentException e) {
            return null; // a General-address-literal or garbage: not an IP
        }
    }

    private static boolean isPort(String w, int colon) {
        if (w.charAt(colon) != ':' || colon + 1 == w.length() || w.length() - colon > 6) {
            return false;
        }
        for (int k = colon + 1; k < w.length(); k++) {
            if (w.charAt(k) < '0' || w.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String v, int i) {
        while (i < v.length() && isSpace(v.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaceAndComments(String v, int i) {
        int depth = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && !isSpace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
