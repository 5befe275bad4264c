package org.mailauth4j.core.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Reads RFC 1035 §5 master (zone) files with dnsjava's {@link Master} into a
 * {@link ZoneResolver.Builder}. {@code $INCLUDE} (which would read other files) and
 * {@code $GENERATE} (which can expand to millions of records) are refused; at most
 * {@value #MAX_RECORDS} records are read. A SOA sets the negative TTL of its zone,
 * min(SOA TTL, MINIMUM) (RFC 2308 §5); record types the library does not query only make their
 * owner name exist.
 */
final class ZoneFileLoader {
    static final int MAX_RECORDS = 1_000_000;

    private ZoneFileLoader() {
    }

    static void load(Path file, String origin, long defaultTtl, ZoneResolver.Builder b) throws IOException {
        String source = file.toString();
        Name originName = null;
        if (origin != null) {
            try {
                originName = Name.fromString(origin.endsWith(".") ? origin : origin + ".");
            } catch (TextParseException e) {
                throw new DnsDataException(source, 0, "invalid origin \"" + origin + "\": " + e.getMessage());
            }
        }
        int count = 0;
        try (InputStream in = Files.newInputStream(file); Master m = new Master(in, originName, defaultTtl)) {
            m.disableIncludes(true);
            m.expandGenerate(false);
            Record r;
            while ((r = next(m, source)) != null) {
                if (++count > MAX_RECORDS) {
                    throw new DnsDataException(source, 0, "more than " + MAX_RECORDS + " records");
                }
                add(r, b, source);
            }
            if (m.generators().hasNext()) {
                throw new DnsDataException(source, 0, "$GENERATE is not supported");
            }
        }
    }

    private static Record next(Master m, String source) throws IOException {
        try {
            return m.nextRecord();
        } catch (TextParseException e) {
            throw new DnsDataException(source, 0, clean(e.getMessage()), e);
        } catch (RuntimeException e) {
            // dnsjava reports some malformed input (e.g. bad RDATA) as unchecked exceptions.
            throw new DnsDataException(source, 0, "malformed zone file: " + e, e);
        }
    }

    /** dnsjava's messages start with the stream name ("&lt;none&gt;:LINE: ..."); keep "line LINE: ...". */
    private static String clean(String msg) {
        if (msg == null) {
            return "malformed zone file";
        }
        if (msg.startsWith("<none>:")) {
            return "line " + msg.substring("<none>:".length());
        }
        return msg;
    }

    private static void add(Record r, ZoneResolver.Builder b, String source) throws DnsDataException {
        if (r.getDClass() != DClass.IN) {
            return;
        }
        String owner = r.getName().toString(true);
        if (owner.isEmpty() || r.getName().labels() <= 1) {
            throw new DnsDataException(source, 0, "record for the root name is not supported: " + r);
        }
        long ttl = r.getTTL();
        if (r instanceof ARecord a) {
            b.add(owner, RecordType.A, v4(a.getAddress()), ttl);
        } else if (r instanceof AAAARecord a) {
            b.add(owner, RecordType.AAAA, ZoneResolver.ipv6(a.getAddress().getAddress()), ttl);
        } else if (r instanceof MXRecord mx) {
            b.add(owner, RecordType.MX, new MxRecord(mx.getPriority(), hostName(mx.getTarget())), ttl);
        } else if (r instanceof TXTRecord txt) {
            b.add(owner, RecordType.TXT, Presentation.txtFromBytes(txt.getStringsAsByteArrays()), ttl);
        } else if (r instanceof PTRRecord ptr) {
            b.add(owner, RecordType.PTR, hostName(ptr.getTarget()), ttl);
        } else if (r instanceof CNAMERecord cname) {
            b.cname(owner, hostName(cname.getTarget()), ttl);
        } else if (r instanceof SOARecord soa) {
            b.exists(owner);
            b.soa(owner, Math.min(ttl, soa.getMinimum()));
        } else {
            b.exists(owner);
        }
    }

    static InetAddress v4(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A target name in the library's form: lower case, no trailing dot; the root stays ".". */
    static String hostName(Name n) {
        if (n.labels() <= 1) {
            return ".";
        }
        return ZoneResolver.Builder.key(n.toString(true));
    }
}
