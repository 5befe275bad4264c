package org.mailauth4j.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.text.Ascii;

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
        return select(headers, new StringNames(names));
    }

    /** {@link #select(List, List)} for any source of names, e.g. a signature's {@link SignedHeaderNames}. */
    static List<HeaderField> select(List<HeaderField> headers, Names names) {
        return (long) headers.size() * names.size() <= SMALL ? selectByScanning(headers, names)
                : selectByIndex(headers, names.asList());
    }

    /** The {@code h=} names as selection reads them: by position, with a cheap key to rule out most fields. */
    interface Names {
        int size();

        /** {@link HeaderSelector#quickKey} of name {@code k}. */
        int quickKey(int k);

        /** Whether name {@code k} is the name of {@code field}, ignoring case as {@link HeaderField#hasName} does. */
        boolean matches(int k, HeaderField field);

        List<String> asList();
    }

    /** Names given as strings. */
    private record StringNames(List<String> asList) implements Names {
        @Override
        public int size() {
            return asList.size();
        }

        @Override
        public int quickKey(int k) {
            return HeaderSelector.quickKey(asList.get(k));
        }

        @Override
        public boolean matches(int k, HeaderField field) {
            return field.hasName(asList.get(k));
        }
    }

    /** Up to this many (header, name) pairs, scanning beats building the index. */
    static final int SMALL = 1024;

    static List<HeaderField> selectByIndex(List<HeaderField> headers, List<String> names) {
        // index once: lower-case name -> instances, bottom first (linear in headers + names, so a
        // hostile h= with thousands of names costs no more than reading it)
        Map<String, List<HeaderField>> byName = new HashMap<>();
        for (int i = headers.size() - 1; i >= 0; i--) {
            HeaderField h = headers.get(i);
            byName.computeIfAbsent(h.lowerName(), k -> new ArrayList<>(2)).add(h);
        }
        List<HeaderField> out = new ArrayList<>(names.size());
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            String key = Ascii.toLowerCase(name);
            List<HeaderField> instances = byName.get(key);
            if (instances == null) {
                continue;
            }
            int next = used.getOrDefault(key, 0);
            if (next < instances.size()) {
                out.add(instances.get(next));
                used.put(key, next + 1);
            }
        }
        return out;
    }

    /**
     * The same selection for small inputs: per name, the bottom-most field not yet taken. Each
     * name is compared in full only with fields whose names have its length and first letter
     * (ignoring case), which rules out most pairs with one comparison of two ints.
     */
    static List<HeaderField> selectByScanning(List<HeaderField> headers, List<String> names) {
        return selectByScanning(headers, new StringNames(names));
    }

    private static List<HeaderField> selectByScanning(List<HeaderField> headers, Names names) {
        int n = headers.size();
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = quickKey(headers.get(i).name());
        }
        boolean[] taken = new boolean[n];
        int count = names.size();
        List<HeaderField> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int key = names.quickKey(k);
            for (int i = n - 1; i >= 0; i--) {
                if (keys[i] == key && !taken[i] && names.matches(k, headers.get(i))) {
                    taken[i] = true;
                    out.add(headers.get(i));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The length and the upper-cased first character of {@code name}: names equal ignoring the case
     * of A-Z (as {@link HeaderField#hasName} compares them) have equal keys.
     */
    static int quickKey(String name) {
        if (name.isEmpty()) {
            return 0;
        }
        char c = name.charAt(0);
        if (c >= 'a' && c <= 'z') {
            c -= 32;
        }
        return name.length() << 16 | c;
    }
}
