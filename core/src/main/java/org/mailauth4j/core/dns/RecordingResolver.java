package org.mailauth4j.core.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Wraps another resolver and records every answer it gives — records, NXDOMAIN, NODATA and
 * temporary failures alike — so that they can be written as a DNS snapshot and replayed with
 * {@link ZoneResolver#fromSnapshot(Path)}: a message verified today can be verified again, with
 * the same answers, years later. The first answer for each (name, type) is kept. Invalid names
 * are not recorded (nothing was asked of DNS; a replay rejects them the same way). Thread-safe;
 * snapshots are written in a deterministic order (by name, then type).
 */
public final class RecordingResolver implements DnsResolver {
    private final DnsResolver delegate;
    private final Instant startedAt;
    private final ConcurrentSkipListMap<String, Entry> answers = new ConcurrentSkipListMap<>();

    private record Entry(String name, RecordType<?> type, DnsAnswer<?> answer) {
    }

    /** Records the answers of {@code delegate}; the snapshot's {@code capturedAt} is now. */
    public RecordingResolver(DnsResolver delegate) {
        this(delegate, Clock.systemUTC());
    }

    /** Records the answers of {@code delegate}; the snapshot's {@code capturedAt} is {@code clock}'s now. */
    public RecordingResolver(DnsResolver delegate, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.startedAt = clock.instant();
    }

    @Override
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        String canonical = DnsNames.canonical(name);
        CompletableFuture<DnsAnswer<T>> f = delegate.query(name, type);
        if (canonical == null) {
            return f;
        }
        return f.thenApply(a -> {
            if (a.status() != DnsAnswer.Status.INVALID_NAME) {
                answers.putIfAbsent(canonical + " " + type.name(), new Entry(canonical, type, a));
            }
            return a;
        });
    }

    /** How many (name, type) answers have been recorded. */
    public int size() {
        return answers.size();
    }

    /** Writes the snapshot (JSON Lines, format in the README) to {@code out}; does not close it. */
    public void writeTo(Writer out) throws IOException {
        StringWriter buf = new StringWriter();
        SnapshotFile.writeHeader(buf, startedAt);
        for (Entry e : answers.values()) {
            SnapshotFile.writeAnswer(buf, e.name, e.type, e.answer);
        }
        out.write(buf.toString());
        out.flush();
    }

    /** Writes the snapshot to {@code file} (UTF-8), replacing it once complete. */
    public void writeTo(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            writeTo(w);
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A resolver answering from what has been recorded so far, exactly as its snapshot file would. */
    public ZoneResolver replay() {
        StringWriter w = new StringWriter();
        try {
            writeTo(w);
            ZoneResolver.Builder b = ZoneResolver.builder();
            try (BoundedLineReader r = new BoundedLineReader(new BufferedReader(new StringReader(w.toString())),
                    "recording", SnapshotFile.MAX_LINE)) {
                SnapshotFile.read(r, b);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
