package org.mailauth4j.arc;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.message.HeaderField;

/**
 * Picks the header fields a signature's {@code h=} names (RFC 6376 §5.4.2): each name takes the
 * bottom-most instance not yet used; a name with no instance left contributes nothing (the
 * "null string"), which also guards against fields added later.
 */
final class HeaderSelection {
    private HeaderSelection() {
    }

    static void select(List<HeaderField> headers, List<String> names, Canonicalization canon, ByteArrayOutputStream out) {
        Map<String, Integer> next = new HashMap<>();
        for (String name : names) {
            int k = next.getOrDefault(name, headers.size()) - 1; // below the last one used
            while (k >= 0 && !headers.get(k).hasName(name)) {
                k--;
            }
            if (k >= 0) {
                canon.header(headers.get(k), false, true, out);
                next.put(name, k);
            } else {
                next.put(name, 0);
            }
        }
    }
}
