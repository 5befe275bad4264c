package org.mailauth4j.core.ar;

import java.util.List;
import java.util.Objects;

/**
 * One method result in an Authentication-Results field (RFC 8601 §2.2 {@code resinfo}):
 * {@code method[/version]=result [reason=...] [ptype.property=value ...]}.
 *
 * @param method e.g. {@code spf}, {@code dkim}, {@code dmarc}, {@code arc}
 * @param version the method version, or 0 when absent
 * @param result the result word, lower case (RFC 8601 §2.7 registry)
 * @param reason free-text reason, or {@code null}; made safe to write on construction (see
 *     {@link AuthenticationResults#safeValue}): a reason often quotes attacker-controlled text
 *     (a tag value, a HELO argument, a DNS record), and RFC 8601 §2.2 writes it as a
 *     {@code value}, which cannot hold control characters
 * @param properties ptype.property=value items in order
 */
public record ResInfo(String method, int version, String result, String reason, List<Property> properties) {

    public ResInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        reason = AuthenticationResults.safeValue(reason);
        properties = List.copyOf(properties);
    }

    public ResInfo(String method, String result, String reason, List<Property> properties) {
        this(method, 0, result, reason, properties);
    }

    /** The value of the first property {@code ptype.name}, or {@code null}. */
    public String property(String ptype, String name) {
        for (Property p : properties) {
            if (p.type().equalsIgnoreCase(ptype) && p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** A property {@code ptype.property=value} (RFC 8601 §2.3). */
    public record Property(String type, String name, String value) {
        public Property {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
