/**
 * RFC 5322 §3.4 address parsing (with RFC 6532 UTF-8 and the obsolete syntax of §4.4) as far as
 * authentication needs it. Start with {@link org.mailauth4j.core.address.AuthorDomain#of}: the
 * author domain of a message, or the explicit reason there is not exactly one.
 * {@link org.mailauth4j.core.address.AddressParser} parses any address field value into
 * {@link org.mailauth4j.core.address.Mailbox}es.
 */
package org.mailauth4j.core.address;
