package org.mailauth4j.dmarc;

import java.util.Objects;
import org.mailauth4j.dkim.DkimResult;

/**
 * The outcome of verifying one DKIM signature, as DMARC needs it (RFC 9989 §5.3.3): the result,
 * the {@code d=} domain and the {@code s=} selector (for reports; may be {@code null}).
 */
public record DkimCheck(DkimResult result, String domain, String selector) {
    public DkimCheck {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domain, "domain");
    }

    public DkimCheck(DkimResult result, String domain) {
        this(result, domain, null);
    }
}
