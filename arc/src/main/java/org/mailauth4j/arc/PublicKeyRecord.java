package org.mailauth4j.arc;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;

/**
 * A parsed {@code _domainkey} key record (RFC 6376 §3.6.1, RFC 8463 §4), the keys ARC-Message-
 * Signatures and ARC-Seals are verified with (RFC 8617 §4.1.2, §4.1.3).
 *
 * <p>Package-private stand-in for the DKIM module's key-record parser.
 *
 * @param keyType {@code rsa} or {@code ed25519}
 * @param key a JDK {@link RSAPublicKey} or a Bouncy Castle {@link Ed25519PublicKeyParameters}
 * @param bits RSA modulus size, 256 for Ed25519
 */
record PublicKeyRecord(String keyType, Object key, int bits) {

    /** Thrown when a record cannot be used; the message says why. */
    static final class KeyRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        KeyRecordException(String m) {
            super(m);
        }
    }

    /** Parses a TXT record's text and checks it is usable for {@code hash} sha256. */
    static PublicKeyRecord parse(String txt) throws KeyRecordException {
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (TagListException e) {
            throw new KeyRecordException("key record syntax: " + e.getMessage());
        }
        String v = tags.get("v");
        if (v != null && (!v.equals("DKIM1") || !tags.names().get(0).equals("v"))) {
            throw new KeyRecordException("key record v= is not DKIM1 first (RFC 6376 §3.6.1)");
        }
        String h = tags.get("h");
        if (h != null && !listContains(h, "sha256")) {
            throw new KeyRecordException("key record h= does not allow sha256");
        }
        String s = tags.get("s");
        if (s != null && !listContains(s, "*") && !listContains(s, "email")) {
            throw new KeyRecordException("key record s= excludes email");
        }
        String k = tags.get("k", "rsa");
        String p = tags.get("p");
        if (p == null) {
            throw new KeyRecordException("key record has no p=");
        }
        String b64 = p.replaceAll("[ \t\r\n]", "");
        if (b64.isEmpty()) {
            throw new KeyRecordException("key revoked (empty p=)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new KeyRecordException("key record p= is not base64");
        }
        switch (k) {
            case "rsa": {
                RSAPublicKey key = rsa(data);
                return new PublicKeyRecord("rsa", key, key.getModulus().bitLength());
            }
            case "ed25519":
                if (data.length != 32) {
                    throw new KeyRecordException("ed25519 key is not 32 bytes");
                }
                try {
                    return new PublicKeyRecord("ed25519", new Ed25519PublicKeyParameters(data, 0), 256);
                } catch (RuntimeException e) {
                    throw new KeyRecordException("ed25519 key invalid");
                }
            default:
                throw new KeyRecordException("unknown key type k=" + k);
        }
    }

    private static boolean listContains(String list, String item) {
        for (String x : list.split(":")) {
            if (x.trim().equalsIgnoreCase(item)) {
                return true;
            }
        }
        return false;
    }

    /** SubjectPublicKeyInfo, or a bare PKCS#1 RSAPublicKey as some publishers use. */
    private static RSAPublicKey rsa(byte[] der) throws KeyRecordException {
        try {
            KeyFactory kf = KeyFactory.getInstance("RSA");
            try {
                return (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                BigInteger n = k.getModulus();
                return (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(n, k.getPublicExponent()));
            }
        } catch (Exception e) {
            throw new KeyRecordException("key record p= is not an RSA public key");
        }
    }
}
