package org.mailauth4j.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * DKIM key files and records: reading private keys (PEM PKCS#1 "RSA PRIVATE KEY", PEM PKCS#8
 * "PRIVATE KEY" for RSA or Ed25519, or a bare base64 Ed25519 seed as dkimpy and RFC 8463 use),
 * generating keys (RSA 2048/3072/4096, Ed25519), and producing the matching key record
 * (RFC 6376 §3.6.1, RFC 8463 §4) split into DNS character-strings of at most 255 bytes
 * (RFC 1035 §3.3; RFC 6376 §3.6.2.2 joins them without separators).
 */
public final class DkimKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DkimKeys() {
    }

    /** Reads a private key file (see the class comment for the formats). */
    public static DkimPrivateKey readPrivateKey(Path file) throws IOException, DkimFormatException {
        return readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * Reads a private key from text: PEM (PKCS#1 or PKCS#8, RSA or Ed25519) or a base64 32-byte
     * Ed25519 seed.
     *
     * @throws DkimFormatException naming what is wrong with the text
     */
    public static DkimPrivateKey readPrivateKey(String text) throws DkimFormatException {
        String t = text.strip();
        if (!t.startsWith("-----BEGIN ")) {
            byte[] seed;
            try {
                seed = Base64.getMimeDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                throw new DkimFormatException("not a PEM key nor a base64 Ed25519 seed");
            }
            if (seed.length != 32) {
                throw new DkimFormatException("a bare key must be a 32-byte Ed25519 seed, not " + seed.length + " bytes");
            }
            return DkimPrivateKey.ed25519Seed(seed);
        }
        int eol = t.indexOf('\n');
        String begin = (eol < 0 ? t : t.substring(0, eol)).strip();
        String type = begin.substring("-----BEGIN ".length(), begin.length() - 5);
        int end = t.indexOf("-----END " + type + "-----");
        if (eol < 0 || end < 0) {
            throw new DkimFormatException("PEM block " + type + " is not terminated");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(t.substring(eol + 1, end));
        } catch (IllegalArgumentException e) {
            throw new DkimFormatException("PEM block " + type + " is not valid base64");
        }
        try {
            switch (type) {
                case "RSA PRIVATE KEY": {
                    org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
                    RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                            k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                            k.getCoefficient());
                    return DkimPrivateKey.rsa((RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
                }
                case "PRIVATE KEY": {
                    AsymmetricKeyParameter p = PrivateKeyFactory.createKey(der);
                    if (p instanceof Ed25519PrivateKeyParameters ed) {
                        return DkimPrivateKey.ed25519Seed(ed.getEncoded());
                    }
                    return DkimPrivateKey.rsa((RSAPrivateKey) KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(der)));
                }
                default:
                    throw new DkimFormatException("unsupported PEM block " + type
                            + " (use RSA PRIVATE KEY or PRIVATE KEY)");
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new DkimFormatException("PEM block " + type + " is not a valid RSA or Ed25519 private key", e);
        }
    }

    /** A new RSA key of 2048, 3072 or 4096 bits. */
    public static DkimPrivateKey generateRsa(int bits) {
        if (bits != 2048 && bits != 3072 && bits != 4096) {
            throw new IllegalArgumentException("RSA key size must be 2048, 3072 or 4096 bits");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return DkimPrivateKey.rsa((RSAPrivateKey) g.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** A new Ed25519 key (RFC 8463). */
    public static DkimPrivateKey generateEd25519() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return DkimPrivateKey.ed25519Seed(seed);
    }

    /** The key as PEM PKCS#8 ("PRIVATE KEY"), readable by {@link #readPrivateKey(String)} and OpenSSL. */
    public static String toPem(DkimPrivateKey key) {
        byte[] der;
        if (key.ed25519Key() != null) {
            try {
                der = PrivateKeyInfoFactory.createPrivateKeyInfo(key.ed25519Key()).getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            der = key.rsaKey().getEncoded();
        }
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** The key record text for {@code key}: {@code v=DKIM1; k=rsa; p=...} (RFC 6376 §3.6.1). */
    public static String keyRecord(DkimPublicKey key) {
        return "v=DKIM1; k=" + key.keyType() + "; p=" + Base64.getEncoder().encodeToString(key.encoded());
    }

    /** {@code record} split into DNS character-strings of at most 255 bytes each. */
    public static List<String> txtStrings(String record) {
        List<String> out = new ArrayList<>();
        byte[] b = record.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i += 255) {
            out.add(new String(b, i, Math.min(255, b.length - i), StandardCharsets.US_ASCII));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /**
     * A zone-file line publishing {@code key}: {@code sel._domainkey.example.com. IN TXT ( "..." "..." )}.
     */
    public static String zoneEntry(String selector, String domain, DkimPublicKey key) {
        StringBuilder sb = new StringBuilder(DkimKeyRecord.dnsName(selector, domain)).append(". IN TXT (");
        for (String s : txtStrings(keyRecord(key))) {
            sb.append(" \"").append(s).append('"');
        }
        return sb.append(" )").toString();
    }
}
