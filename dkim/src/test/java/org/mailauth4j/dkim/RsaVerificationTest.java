package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) of a header digest, with the JDK's
 * {@code SHA256withRSA}/{@code SHA1withRSA} signatures over the same data as the independent source.
 */
class RsaVerificationTest {
    private static KeyPair pair;
    private static DkimPublicKey key;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        pair = g.generateKeyPair();
        key = DkimPublicKey.rsa((RSAPublicKey) pair.getPublic());
    }

    private static byte[] jdkSign(String algorithm, byte[] data) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(pair.getPrivate());
        s.update(data);
        return s.sign();
    }

    @Test
    void jdkSignaturesVerifyAndEveryFlippedBitFails() throws Exception {
        Random random = new Random(8017);
        for (int n = 0; n < 20; n++) {
            byte[] data = new byte[random.nextInt(2000)];
            random.nextBytes(data);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            byte[] sig = jdkSign("SHA256withRSA", data);
            assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, sig)).isTrue();
            byte[] bad = sig.clone();
            int bit = random.nextInt(bad.length * 8);
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, bad)).isFalse();
            byte[] otherDigest = digest.clone();
            otherDigest[random.nextInt(32)] ^= 1;
            assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, otherDigest, sig)).isFalse();
        }
    }

    @Test
    void theHashInTheDigestInfoMustMatchTheAlgorithm() throws Exception {
        byte[] data = "from:a@example.com\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(data);
        byte[] sig1 = jdkSign("SHA1withRSA", data);
        assertThat(SignatureAlgorithm.RSA_SHA1.verify(key, sha1, sig1)).isTrue();
        // a SHA-256 claim over a SHA-1 DigestInfo block (and the other way round) must fail
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(data);
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, sha256, sig1)).isFalse();
        assertThat(SignatureAlgorithm.RSA_SHA1.verify(key, sha1, jdkSign("SHA256withRSA", data))).isFalse();
    }

    @Test
    void signatureLengthMustBeTheModulusLength() throws Exception {
        byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        byte[] sig = jdkSign("SHA256withRSA", data);
        byte[] longer = new byte[sig.length + 1]; // the same integer with a leading zero byte
        System.arraycopy(sig, 0, longer, 1, sig.length);
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, longer)).isFalse();
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, Arrays.copyOf(sig, sig.length - 1))).isFalse();
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, new byte[0])).isFalse();
    }

    @Test
    void aRepresentativeNotBelowTheModulusFails() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[1]);
        BigInteger n = ((RSAPublicKey) pair.getPublic()).getModulus();
        byte[] nBytes = n.toByteArray(); // may carry a sign byte
        byte[] asSig = Arrays.copyOfRange(nBytes, nBytes.length - 256, nBytes.length);
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, asSig)).isFalse();
        byte[] ones = new byte[256];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(SignatureAlgorithm.RSA_SHA256.verify(key, digest, ones)).isFalse();
    }
}
