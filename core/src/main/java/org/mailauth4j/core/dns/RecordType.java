package org.mailauth4j.core.dns;

import java.net.InetAddress;

/**
 * The DNS record types the protocols need, each bound to the Java type of its answers, so that
 * {@link DnsResolver#query} is type-safe: {@code TXT} gives strings (each record's
 * character-strings joined with no separator, RFC 7208 §3.3 / RFC 6376 §3.6.2.2), {@code A} and
 * {@code AAAA} give addresses, {@code MX} gives {@link MxRecord}s, {@code PTR} gives host names.
 *
 * @param <T> the answer record type
 */
public final class RecordType<T> {
    public static final RecordType<String> TXT = new RecordType<>("TXT", 16, String.class);
    public static final RecordType<InetAddress> A = new RecordType<>("A", 1, InetAddress.class);
    public static final RecordType<InetAddress> AAAA = new RecordType<>("AAAA", 28, InetAddress.class);
    public static final RecordType<MxRecord> MX = new RecordType<>("MX", 15, MxRecord.class);
    public static final RecordType<String> PTR = new RecordType<>("PTR", 12, String.class);

    private final String name;
    private final int code;
    private final Class<T> javaType;

    private RecordType(String name, int code, Class<T> javaType) {
        this.name = name;
        this.code = code;
        this.javaType = javaType;
    }

    /** The DNS type name: TXT, A, AAAA, MX, PTR. */
    public String name() {
        return name;
    }

    /** The DNS type code (RFC 1035 §3.2.2, RFC 3596). */
    public int code() {
        return code;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** The type for a name such as {@code "txt"}; {@code null} when unknown. */
    public static RecordType<?> forName(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "TXT" -> TXT;
            case "A" -> A;
            case "AAAA" -> AAAA;
            case "MX" -> MX;
            case "PTR" -> PTR;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
