/**
 * The mailauth4j facade: one {@link org.mailauth4j.Authenticator} per host checks SPF (RFC 7208),
 * DKIM (RFC 6376, 8301, 8463), ARC (RFC 8617) and DMARC (RFC 9989; RFC 7489 mode) in one pass
 * over a message and returns an {@link org.mailauth4j.AuthenticationReport} with the
 * Authentication-Results header field (RFC 8601).
 *
 * <ul>
 *   <li>{@link org.mailauth4j.Authenticator} — immutable, thread-safe; built once with the
 *       resolver, authserv-id, clock, limits and policy.</li>
 *   <li>{@link org.mailauth4j.Envelope} — client IP, HELO, MAIL FROM (all optional).</li>
 *   <li>{@link org.mailauth4j.AuthenticationSession} — streaming input for milters and mailets:
 *       envelope, header fields, body chunks, finish.</li>
 *   <li>{@link org.mailauth4j.AuthenticationReport} — results with reasons, the module outcomes
 *       for detail, the Authentication-Results field, {@code seal} for forwarding, and
 *       {@code addTo} to count the message in a DMARC aggregate report (RFC 9990).</li>
 * </ul>
 */
package org.mailauth4j;
