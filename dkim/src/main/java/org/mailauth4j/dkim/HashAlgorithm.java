package org.mailauth4j.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash algorithms DKIM names in {@code a=} and in key records' {@code h=} (RFC 6376 §3.3). */
public enum HashAlgorithm {
    /** SHA-1: still parsed, never a pass (RFC 8301 §3.1). */
    SHA1("sha1", "SHA-1", 20, new byte[] {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14}),
    /** SHA-256 (RFC 6376 §3.3). */
    SHA256("sha256", "SHA-256", 32, new byte[] {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20});

    private final String tagName;
    private final String jcaName;
    private final int digestLength;
    private final byte[] digestInfoPrefix;

    HashAlgorithm(String tagName, String jcaName, int digestLength, byte[] digestInfoPrefix) {
        this.tagName = tagName;
        this.jcaName = jcaName;
        this.digestLength = digestLength;
        this.digestInfoPrefix = digestInfoPrefix;
    }

    /** The name used in DKIM tags, e.g. {@code sha256}. */
    public String tagName() {
        return tagName;
    }

    /** The JDK {@link MessageDigest} name. */
    public String jcaName() {
        return jcaName;
    }

    /** Length of a digest in bytes. */
    public int digestLength() {
        return digestLength;
    }

    /** A new JDK digest for this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** The DER DigestInfo prefix RSASSA-PKCS1-v1_5 puts before the hash (RFC 8017 §9.2 note 1). */
    byte[] digestInfoPrefix() {
        return digestInfoPrefix;
    }

    /** The algorithm named {@code name} in a tag, or {@code null} when unknown. */
    public static HashAlgorithm forTagName(String name) {
        for (HashAlgorithm h : values()) {
            if (h.tagName.equals(name)) {
                return h;
            }
        }
        return null;
    }
}
