package org.mailauth4j.dmarc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.spf.SpfResult;

/** Loads {@code scenarios.txt}, the table-driven DMARC scenarios. */
final class Scenarios {
    record Scenario(String id, String rfc, DmarcMode mode, List<String[]> dns, String from, List<String> headers,
            String spf, String spfDomain, boolean helo, List<String[]> dkim, String expectResult,
            Map<String, String> expect) {

        ZoneResolver zone() {
            ZoneResolver.Builder b = ZoneResolver.builder();
            for (String[] d : dns) {
                switch (d[0]) {
                    case "TXT" -> b.txt(d[1], d[2]);
                    case "A", "AAAA" -> b.address(d[1], d[2]);
                    case "MX" -> {
                        String[] p = d[2].split(" ");
                        b.mx(d[1], Integer.parseInt(p[0]), p[1]);
                    }
                    case "FAIL" -> b.fail(d[1], d[2] == null ? null : RecordType.forName(d[2]), "TIMEOUT");
                    case "EXISTS" -> b.exists(d[1]);
                    default -> throw new IllegalArgumentException(id + ": dns type " + d[0]);
                }
            }
            return b.build();
        }

        DmarcInput input() {
            DmarcInput.Builder b = DmarcInput.builder();
            if (from != null) {
                b.authorDomain(from);
            } else {
                List<HeaderField> fields = new ArrayList<>();
                for (String h : headers) {
                    fields.add(HeaderField.of(h));
                }
                b.headers(fields);
            }
            if (spf != null) {
                SpfResult r = SpfResult.valueOf(spf.toUpperCase(java.util.Locale.ROOT));
                if (helo) {
                    b.spfHelo(r, spfDomain);
                } else {
                    b.spf(r, spfDomain);
                }
            }
            for (String[] d : dkim) {
                b.dkim(DkimResult.valueOf(d[0].toUpperCase(java.util.Locale.ROOT)), d[1], "sel");
            }
            return b.build();
        }

        @Override
        public String toString() {
            return id + " [" + rfc + "]";
        }
    }

    private Scenarios() {
    }

    static List<Scenario> load() throws IOException {
        String text;
        try (InputStream in = Scenarios.class.getResourceAsStream("scenarios.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Scenario> out = new ArrayList<>();
        for (String block : text.split("\n---\n")) {
            String id = null;
            String rfc = null;
            DmarcMode mode = DmarcMode.RFC9989;
            List<String[]> dns = new ArrayList<>();
            String from = null;
            List<String> headers = new ArrayList<>();
            String spf = null;
            String spfDomain = null;
            boolean helo = false;
            List<String[]> dkim = new ArrayList<>();
            String result = null;
            Map<String, String> expect = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).strip();
                switch (key) {
                    case "id" -> id = value;
                    case "rfc" -> rfc = value;
                    case "mode" -> mode = value.equals("7489") ? DmarcMode.RFC7489 : DmarcMode.RFC9989;
                    case "dns" -> {
                        String[] p = value.split(" ", 3);
                        dns.add(new String[] {p[0], p[1], p.length > 2 ? p[2] : null});
                    }
                    case "from" -> from = value;
                    case "header" -> headers.add(value);
                    case "spf" -> {
                        String[] p = value.split(" ");
                        if (p[0].equals("helo")) {
                            helo = true;
                            spf = p[1];
                            spfDomain = p[2];
                        } else {
                            spf = p[0];
                            spfDomain = p[1];
                        }
                    }
                    case "dkim" -> dkim.add(value.split(" "));
                    case "expect" -> {
                        String[] p = value.split(" ");
                        result = p[0];
                        for (int i = 1; i < p.length; i++) {
                            String[] kv = p[i].split("=", 2);
                            expect.put(kv[0], kv[1]);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown key " + key + " in " + id);
                }
            }
            if (id == null) {
                continue;
            }
            if (rfc == null || result == null) {
                throw new IllegalArgumentException(id + ": rfc and expect are required");
            }
            out.add(new Scenario(id, rfc, mode, dns, from, headers, spf, spfDomain, helo, dkim, result, expect));
        }
        return out;
    }
}
