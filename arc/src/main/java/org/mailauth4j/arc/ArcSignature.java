package org.mailauth4j.arc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.SignatureAlgorithm;

/**
 * The checked tags of an ARC-Message-Signature (RFC 8617 §4.1.2: the DKIM-Signature tags of
 * RFC 6376 §3.5 except {@code v=}, with {@code i=} as the instance) or an ARC-Seal (§4.1.3:
 * {@code i, a, b, cv, d, s, t}; {@code h=} is not allowed).
 *
 * @param signedHeaders AMS: lower-case names from {@code h=}; AS: empty
 * @param bodyHash AMS: decoded {@code bh=}; AS: {@code null}
 * @param limit AMS: {@code l=} or -1
 */
record ArcSignature(int instance, SignatureAlgorithm algorithm, byte[] signature, String domain, String selector,
        Canonicalization headerCanon, Canonicalization bodyCanon, List<String> signedHeaders, byte[] bodyHash,
        long limit) {

    /** Checks an AMS's tags. */
    static ArcSignature messageSignature(int instance, TagList t) throws ArcFailure {
        String f = "ARC-Message-Signature i=" + instance;
        SignatureAlgorithm a = algorithm(instance, f, t);
        byte[] b = base64(instance, f, t, "b");
        byte[] bh = base64(instance, f, t, "bh");
        String d = domain(instance, f, t);
        String s = selector(instance, f, t);
        Canonicalization hc = Canonicalization.SIMPLE;
        Canonicalization bc = Canonicalization.SIMPLE;
        String c = t.get("c");
        if (c != null) {
            int slash = c.indexOf('/');
            hc = canonicalization(slash < 0 ? c : c.substring(0, slash));
            bc = slash < 0 ? Canonicalization.SIMPLE : canonicalization(c.substring(slash + 1));
            if (hc == null || bc == null) {
                throw new ArcFailure(instance, f + ": unknown canonicalization c=" + c + " (RFC 6376 section 3.5)");
            }
        }
        String h = t.get("h");
        if (h == null) {
            throw new ArcFailure(instance, f + ": no h= tag (RFC 6376 section 3.5)");
        }
        List<String> names = new ArrayList<>();
        for (String n : h.split(":", -1)) {
            String name = Ascii.toLowerCase(n.replaceAll("[ \t\r\n]", ""));
            if (name.isEmpty()) {
                continue; // an empty name selects no field (ValiMail ams_fields_h_mis_hdr, h_empty)
            }
            if (name.equals("arc-seal")) {
                throw new ArcFailure(instance, f + ": h= includes ARC-Seal (RFC 8617 section 4.1.2)");
            }
            names.add(name);
        }
        number(instance, f, t, "t");
        long l = number(instance, f, t, "l");
        return new ArcSignature(instance, a, b, d, s, hc, bc, List.copyOf(names), bh, l);
    }

    /** Checks an AS's tags (cv= is checked with the chain structure). */
    static ArcSignature seal(int instance, TagList t) throws ArcFailure {
        String f = "ARC-Seal i=" + instance;
        if (t.has("h")) {
            throw new ArcFailure(instance, f + ": h= is not allowed in an ARC-Seal (RFC 8617 section 4.1.3)");
        }
        SignatureAlgorithm a = algorithm(instance, f, t);
        byte[] b = base64(instance, f, t, "b");
        String d = domain(instance, f, t);
        String s = selector(instance, f, t);
        number(instance, f, t, "t");
        return new ArcSignature(instance, a, b, d, s, Canonicalization.RELAXED, null, List.of(), null, -1);
    }

    /** As the DKIM module reads c=: ABNF literals are case-insensitive (RFC 5234 §2.3). */
    private static Canonicalization canonicalization(String s) {
        return Canonicalization.forTagValue(s);
    }

    /**
     * rsa-sha256 or ed25519-sha256, read as the DKIM module reads a= (case-insensitive ABNF
     * literals, RFC 6376 §3.5); rsa-sha1 never validates an ARC chain (RFC 8301 §3.1, the DKIM
     * module's default policy), nor does an unknown algorithm.
     */
    private static SignatureAlgorithm algorithm(int i, String f, TagList t) throws ArcFailure {
        String v = t.get("a");
        if (v == null) {
            throw new ArcFailure(i, f + ": no a= tag");
        }
        SignatureAlgorithm a = SignatureAlgorithm.forTagValue(v);
        if (a == SignatureAlgorithm.RSA_SHA1) {
            a = null;
        }
        if (a == null) {
            throw new ArcFailure(i, f + ": algorithm a=" + v + " not accepted (rsa-sha256, ed25519-sha256; RFC 8301, RFC 8463)");
        }
        return a;
    }

    private static byte[] base64(int i, String f, TagList t, String tag) throws ArcFailure {
        String v = t.get(tag);
        if (v == null) {
            throw new ArcFailure(i, f + ": no " + tag + "= tag");
        }
        String clean = v.replaceAll("[ \t\r\n]", "");
        if (clean.isEmpty()) {
            throw new ArcFailure(i, f + ": empty " + tag + "=");
        }
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new ArcFailure(i, f + ": " + tag + "= is not base64");
        }
    }

    private static String domain(int i, String f, TagList t) throws ArcFailure {
        String d = t.get("d");
        if (d == null || d.isEmpty()) {
            throw new ArcFailure(i, f + ": no d= domain");
        }
        if (!validName(d)) {
            throw new ArcFailure(i, f + ": d=" + d + " is not a domain name (RFC 6376 section 3.5)");
        }
        return d;
    }

    private static String selector(int i, String f, TagList t) throws ArcFailure {
        String s = t.get("s");
        if (s == null || s.isEmpty()) {
            throw new ArcFailure(i, f + ": no s= selector");
        }
        if (!validName(s)) {
            throw new ArcFailure(i, f + ": s=" + s + " is not a selector (RFC 6376 section 3.1)");
        }
        return s;
    }

    /** Dot-separated labels of letters, digits, '-' and '_' (or non-ASCII, RFC 6376 §3.5 / RFC 8616). */
    static boolean validName(String n) {
        if (n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int k = 0; k < label.length(); k++) {
                char c = label.charAt(k);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c >= 0x80;
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A decimal tag value, or -1 when absent (RFC 6376 §3.5 t=, l=). */
    private static long number(int i, String f, TagList t, String tag) throws ArcFailure {
        String v = t.get(tag);
        if (v == null) {
            return -1;
        }
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ArcFailure(i, f + ": " + tag + "=" + v + " is not a decimal number (RFC 6376 section 3.5)");
        }
        return Long.parseLong(v);
    }

    /** The DNS name of the key record (RFC 6376 §3.6.2.1), lower-cased. */
    String keyName() {
        return Ascii.toLowerCase(selector + "._domainkey." + domain);
    }
}
