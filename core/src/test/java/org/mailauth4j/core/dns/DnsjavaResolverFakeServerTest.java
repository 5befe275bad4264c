package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** {@link DnsjavaResolver} against scripted UDP servers: rcodes, retries, CNAME targets, hostile answers. */
class DnsjavaResolverFakeServerTest {
    private final List<FakeServer> servers = new CopyOnWriteArrayList<>();

    /** A UDP server answering each query with {@code handler}'s bytes (null: no answer). */
    final class FakeServer {
        final DatagramSocket socket;
        final List<String> questions = new CopyOnWriteArrayList<>();

        FakeServer(Function<Message, byte[]> handler) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                        questions.add(q.getQuestion().getName().toString(true) + " " + org.xbill.DNS.Type.string(q.getQuestion().getType()));
                        byte[] out = handler.apply(q);
                        if (out != null) {
                            socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-dns");
            t.setDaemon(true);
            t.start();
            servers.add(this);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }
    }

    @AfterEach
    void closeServers() {
        servers.forEach(s -> s.socket.close());
    }

    static Message reply(Message q, int rcode, Record... answers) {
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.getHeader().setRcode(rcode);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        for (Record a : answers) {
            r.addRecord(a, Section.ANSWER);
        }
        return r;
    }

    static Name name(String s) {
        return Name.fromConstantString(s + ".");
    }

    private DnsjavaResolver resolver(int retries, FakeServer... fs) {
        DnsjavaResolver.Builder b = DnsjavaResolver.builder().timeout(Duration.ofMillis(500)).retries(retries);
        for (FakeServer f : fs) {
            b.server(f.address());
        }
        return b.build();
    }

    @Test
    void servfailMovesOnToTheNextServer() throws Exception {
        FakeServer bad = new FakeServer(q -> reply(q, Rcode.SERVFAIL).toWire());
        FakeServer good = new FakeServer(q -> reply(q, Rcode.NOERROR,
                new TXTRecord(q.getQuestion().getName(), DClass.IN, 60, "hello")).toWire());
        assertThat(resolver(1, bad, good).txt("a.example").join()).isEqualTo(DnsAnswer.records(List.of("hello"), 60));
        assertThat(bad.questions).containsExactly("a.example TXT");
        assertThat(resolver(0, bad, good).txt("a.example").join()).isEqualTo(DnsAnswer.tempFail("SERVFAIL"));
        FakeServer refusing = new FakeServer(q -> reply(q, Rcode.REFUSED).toWire());
        assertThat(resolver(2, refusing).txt("a.example").join()).isEqualTo(DnsAnswer.tempFail("REFUSED"));
        assertThat(refusing.questions).hasSize(1); // one server: a REFUSED is final
        FakeServer formerr = new FakeServer(q -> reply(q, Rcode.FORMERR).toWire());
        assertThat(resolver(0, formerr).txt("a.example").join()).isEqualTo(DnsAnswer.tempFail("FORMERR"));
    }

    @Test
    void aCnameWithoutItsTargetIsFollowedWithASecondQuery() throws Exception {
        FakeServer s = new FakeServer(q -> {
            Name n = q.getQuestion().getName();
            if (n.equals(name("alias.example"))) {
                return reply(q, Rcode.NOERROR, new CNAMERecord(n, DClass.IN, 30, name("target.example"))).toWire();
            }
            return reply(q, Rcode.NOERROR, new TXTRecord(n, DClass.IN, 90, "at the target")).toWire();
        });
        assertThat(resolver(0, s).txt("alias.example").join()).isEqualTo(DnsAnswer.records(List.of("at the target"), 30));
        assertThat(s.questions).containsExactly("alias.example TXT", "target.example TXT");
    }

    @Test
    void negativeAnswersWithoutSoaHaveTtlZero() throws Exception {
        FakeServer s = new FakeServer(q -> reply(q, q.getQuestion().getName().equals(name("nx.example"))
                ? Rcode.NXDOMAIN : Rcode.NOERROR).toWire());
        assertThat(resolver(0, s).txt("nx.example").join()).isEqualTo(DnsAnswer.nxDomain(0));
        assertThat(resolver(0, s).txt("empty.example").join()).isEqualTo(DnsAnswer.noData(0));
    }

    @Test
    void recordsForOtherNamesOrTypesAreIgnored() throws Exception {
        FakeServer s = new FakeServer(q -> reply(q, Rcode.NOERROR,
                new TXTRecord(name("evil.example"), DClass.IN, 60, "v=spf1 +all"),
                new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getLoopbackAddress())).toWire());
        assertThat(resolver(0, s).txt("victim.example").join()).isEqualTo(DnsAnswer.noData(0));
    }

    @Test
    void oddOctetsInNamesSurviveARecordingAndItsReplay() throws Exception {
        FakeServer s = new FakeServer(q -> {
            try {
                return reply(q, Rcode.NOERROR, new PTRRecord(q.getQuestion().getName(), DClass.IN, 60,
                        Name.fromString("we\\032ird\\\"name.example.")),
                        new PTRRecord(q.getQuestion().getName(), DClass.IN, 60, Name.fromString("caf\\195\\169.example."))).toWire();
            } catch (org.xbill.DNS.TextParseException e) {
                throw new IllegalStateException(e);
            }
        });
        RecordingResolver rec = new RecordingResolver(resolver(0, s));
        DnsAnswer<String> a = rec.ptr("1.2.0.192.in-addr.arpa").join();
        assertThat(a.records()).containsExactly("we\\032ird\\\"name.example", "caf\\195\\169.example");
        assertThat(rec.replay().answer("1.2.0.192.in-addr.arpa", RecordType.PTR)).isEqualTo(a);
    }

    @Test
    void garbageAndMismatchedAnswersAreTemporaryFailures() throws Exception {
        FakeServer garbage = new FakeServer(q -> new byte[] {1, 2, 3});
        DnsAnswer<String> a = resolver(1, garbage).txt("a.example").join();
        assertThat(a.isTempFail()).isTrue();
        FakeServer wrongId = new FakeServer(q -> {
            Message r = reply(q, Rcode.NOERROR, new TXTRecord(q.getQuestion().getName(), DClass.IN, 60, "x"));
            r.getHeader().setID((q.getHeader().getID() + 1) & 0xffff);
            return r.toWire();
        });
        assertThat(resolver(0, wrongId).txt("a.example").join().isTempFail()).isTrue();
        FakeServer wrongName = new FakeServer(q -> {
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.addRecord(Record.newRecord(name("other.example"), q.getQuestion().getType(), DClass.IN), Section.QUESTION);
            r.addRecord(new TXTRecord(name("other.example"), DClass.IN, 60, "x"), Section.ANSWER);
            return r.toWire();
        });
        assertThat(resolver(0, wrongName).txt("a.example").join().isTempFail()).isTrue();
    }
    /**
     * RFC 2181 §8: a TTL with the most significant bit set is treated as zero. A hostile server
     * sending 0xFFFFFFFF must neither be cached for 136 years nor be recorded into a snapshot that
     * its own reader (0..2147483647) then refuses, which would make an archive unreadable.
     */
    @Test
    void ttlWithTheHighBitSetIsZeroAndSnapshotsStayReadable() throws Exception {
        FakeServer s = new FakeServer(q -> {
            byte[] wire = reply(q, Rcode.NOERROR, new TXTRecord(q.getQuestion().getName(), DClass.IN, 0x12345678L, "v=spf1 -all")).toWire();
            for (int i = 0; i + 4 <= wire.length; i++) {
                if (wire[i] == 0x12 && wire[i + 1] == 0x34 && wire[i + 2] == 0x56 && wire[i + 3] == 0x78) {
                    wire[i] = (byte) 0xff;
                    wire[i + 1] = (byte) 0xff;
                    wire[i + 2] = (byte) 0xff;
                    wire[i + 3] = (byte) 0xff;
                }
            }
            return wire;
        });
        RecordingResolver rec = new RecordingResolver(resolver(0, s));
        DnsAnswer<String> a = rec.txt("big-ttl.example").join();
        assertThat(a.records()).containsExactly("v=spf1 -all");
        assertThat(a.ttl()).isZero();
        assertThat(rec.replay().answer("big-ttl.example", RecordType.TXT)).isEqualTo(a);
    }
}
