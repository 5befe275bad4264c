package org.mailauth4j.dmarc;

import com.google.common.net.InternetDomainName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Organizational Domain of RFC 7489 §3.2 (used only in {@link DmarcMode#RFC7489}): the public
 * suffix of the name plus one label, where the public suffix follows the Public Suffix List
 * algorithm (exception rules win, then the longest matching rule, then the implicit {@code *}
 * rule). Both the ICANN and the PRIVATE sections of the list count, as the PSL's own test cases
 * expect.
 *
 * <p>Two sources: {@link #bundled()} uses the copy of the list embedded in Guava
 * ({@link InternetDomainName}); {@link #load(Path)} reads a {@code public_suffix_list.dat} file,
 * so a deployment can update the list without a new release.
 */
public final class PublicSuffixList {
    private static final PublicSuffixList BUNDLED = new PublicSuffixList(null, null, null);

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    /** The list embedded in Guava (ICANN and private suffixes). */
    public static PublicSuffixList bundled() {
        return BUNDLED;
    }

    /** Reads a list in the {@code public_suffix_list.dat} format (UTF-8). */
    public static PublicSuffixList load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    /** Reads a list in the {@code public_suffix_list.dat} format (UTF-8). */
    public static PublicSuffixList load(InputStream in) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8); BufferedReader br = new BufferedReader(r)) {
            String line;
            while ((line = br.readLine()) != null) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("//")) {
                    continue;
                }
                int ws = 0;
                while (ws < s.length() && !Character.isWhitespace(s.charAt(ws))) {
                    ws++;
                }
                String rule = s.substring(0, ws);
                if (rule.startsWith("!")) {
                    add(exceptions, rule.substring(1));
                } else if (rule.startsWith("*.")) {
                    add(wildcards, rule.substring(2));
                } else {
                    add(rules, rule);
                }
            }
        }
        return new PublicSuffixList(Set.copyOf(rules), Set.copyOf(wildcards), Set.copyOf(exceptions));
    }

    private static void add(Set<String> set, String rule) {
        String a = toAscii(rule);
        if (a != null) {
            set.add(a);
        }
    }

    private static String toAscii(String name) {
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The Organizational Domain (registrable domain) of {@code domain} in A-label form, or
     * {@code null} when the name is itself a public suffix or is not a valid name (empty label,
     * leading dot).
     */
    public String registrableDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.startsWith(".")) {
            return null;
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String ascii = toAscii(name);
        if (ascii == null || ascii.isEmpty() || ascii.contains("..")) {
            return null;
        }
        int suffixLabels = rules == null ? guavaSuffixLabels(ascii) : suffixLabels(ascii);
        String[] labels = ascii.split("\\.");
        if (suffixLabels < 0 || labels.length <= suffixLabels) {
            return null;
        }
        return lastLabels(labels, suffixLabels + 1);
    }

    /**
     * The Organizational Domain as RFC 7489 §3.2 uses it: the registrable domain, or the name
     * itself when it has none (it is a public suffix).
     */
    public String organizationalDomain(String domain) {
        String r = registrableDomain(domain);
        return r != null ? r : domain.toLowerCase(Locale.ROOT);
    }

    private int suffixLabels(String ascii) {
        String[] labels = ascii.split("\\.");
        int best = 1; // the implicit "*" rule
        for (int i = 0; i < labels.length; i++) {
            String candidate = lastLabels(labels, labels.length - i);
            int n = labels.length - i;
            if (exceptions.contains(candidate)) {
                return n - 1;
            }
            if (rules.contains(candidate)) {
                best = Math.max(best, n);
            }
            if (i > 0 && wildcards.contains(candidate)) {
                best = Math.max(best, n + 1);
            }
        }
        return best;
    }

    private static int guavaSuffixLabels(String ascii) {
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (name.hasPublicSuffix()) {
            return name.publicSuffix().parts().size();
        }
        return 1; // the implicit "*" rule
    }

    private static String lastLabels(String[] labels, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = labels.length - n; i < labels.length; i++) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(labels[i]);
        }
        return sb.toString();
    }
}
