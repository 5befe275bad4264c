/**
 * Authentication-Results (RFC 8601): the immutable model
 * ({@link org.mailauth4j.core.ar.AuthenticationResults}, {@link org.mailauth4j.core.ar.ResInfo}),
 * a strict, injection-safe, folding formatter ({@code format()}, {@code toHeaderField()}) and a
 * lenient (default) or strict parser ({@code parse}, {@code parseStrict}).
 */
package org.mailauth4j.core.ar;
