package org.mailauth4j.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailauth4j.core.message.HeaderField;

/**
 * Picks the header fields an {@code h=} list names (RFC 6376 §5.4.2): for each name in order, the
 * bottom-most instance not yet used; a name with no instance left contributes nothing (so signers
 * can "over-sign" names to stop fields being added). Names are compared case-insensitively.
 */
public final class HeaderSelector {
    private HeaderSelector() {
    }

    /**
     * @param headers all header fields of the message, top to bottom
     * @param names the {@code h=} names, in signature order
     * @return the selected fields, in {@code names} order
     */
    public static List<HeaderField> select(List<HeaderField> headers, List<String> names) {
        List<HeaderField> out = new ArrayList<>(names.size());
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            int skip = used.getOrDefault(key, 0);
            int seen = 0;
            for (int i = headers.size() - 1; i >= 0; i--) {
                HeaderField h = headers.get(i);
                if (h.hasName(name)) {
                    if (seen == skip) {
                        out.add(h);
                        break;
                    }
                    seen++;
                }
            }
            used.put(key, skip + 1);
        }
        return out;
    }
}
