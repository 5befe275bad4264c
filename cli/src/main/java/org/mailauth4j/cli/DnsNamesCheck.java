package org.mailauth4j.cli;

import org.mailauth4j.core.dns.DnsNames;

/** Option validation for domain names. */
final class DnsNamesCheck {
    private DnsNamesCheck() {
    }

    static String problem(String name) {
        return DnsNames.problem(name);
    }
}
