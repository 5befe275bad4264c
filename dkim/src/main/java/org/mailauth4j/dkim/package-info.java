/**
 * DKIM: verifying and signing (RFC 6376, RFC 8301, RFC 8463), one file per stage.
 *
 * <table>
 * <caption>Where each rule lives</caption>
 * <tr><th>RFC section</th><th>file</th></tr>
 * <tr><td>6376 §3.5 DKIM-Signature tags</td><td>{@link org.mailauth4j.dkim.DkimSignature}</td></tr>
 * <tr><td>6376 §3.6.1 key records, §3.6.2 lookup</td><td>{@link org.mailauth4j.dkim.DkimKeyRecord},
 * {@link org.mailauth4j.dkim.DkimPublicKey}</td></tr>
 * <tr><td>6376 §3.4 canonicalization</td><td>{@link org.mailauth4j.dkim.Canonicalization} (headers),
 * {@code BodyCanonicalizer} (streaming body)</td></tr>
 * <tr><td>6376 §3.7 body hash</td><td>{@link org.mailauth4j.dkim.BodyHasher} (one pass, shared with ARC)</td></tr>
 * <tr><td>6376 §5.4.2 header selection</td><td>{@link org.mailauth4j.dkim.HeaderSelector}</td></tr>
 * <tr><td>6376 §3.7 header hash, b= emptied</td><td>{@link org.mailauth4j.dkim.HeaderHasher}</td></tr>
 * <tr><td>6376 §3.3, 8463 §3 algorithms</td><td>{@link org.mailauth4j.dkim.SignatureAlgorithm},
 * {@link org.mailauth4j.dkim.HashAlgorithm}</td></tr>
 * <tr><td>6376 §6 verifier, 8301 policy</td><td>{@link org.mailauth4j.dkim.DkimVerifier},
 * {@link org.mailauth4j.dkim.DkimPolicy}, {@link org.mailauth4j.dkim.DkimVerification}</td></tr>
 * <tr><td>6376 §5 signer</td><td>{@link org.mailauth4j.dkim.DkimSigner}</td></tr>
 * <tr><td>keys: PEM, seeds, generation, TXT records</td><td>{@link org.mailauth4j.dkim.DkimKeys},
 * {@link org.mailauth4j.dkim.DkimPrivateKey}</td></tr>
 * </table>
 *
 * <p>Crypto: JDK {@code Signature}/{@code MessageDigest} for RSA and hashing; Bouncy Castle's
 * lightweight Ed25519 API (the BC provider is never registered).
 */
package org.mailauth4j.dkim;
