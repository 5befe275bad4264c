package org.mailauth4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns command-line paths into the files to read: a file is a single message ({@code .eml}) or,
 * when it starts with an mbox {@code "From "} line, an mbox; a directory is searched recursively
 * for {@code *.eml} files, {@code *.mbox} files and Maildir messages (files in {@code cur/} and
 * {@code new/}), in name order.
 */
final class MessageSources {
    private MessageSources() {
    }

    /** One input file; {@code problem} is set when it cannot be read at all. */
    record Input(String name, Path path, boolean mbox, String problem) {
    }

    static List<Input> expand(List<Path> paths) {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            String name = p.toString();
            if (Files.isDirectory(p)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(MessageSources::looksLikeMail).forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    out.add(new Input(name, p, false, "cannot read directory: " + e.getMessage()));
                    continue;
                }
                files.sort(null);
                for (Path f : files) {
                    out.add(file(f.toString(), f));
                }
            } else if (!Files.exists(p)) {
                out.add(new Input(name, p, false, "no such file or directory"));
            } else {
                out.add(file(name, p));
            }
        }
        return out;
    }

    private static Input file(String name, Path p) {
        if (!Files.isReadable(p)) {
            return new Input(name, p, false, "file is not readable");
        }
        try {
            return new Input(name, p, startsWithFromLine(p) && !name.toLowerCase(Locale.ROOT).endsWith(".eml"), null);
        } catch (NoSuchFileException e) {
            return new Input(name, p, false, "no such file or directory");
        } catch (IOException e) {
            return new Input(name, p, false, "cannot read: " + e.getMessage());
        }
    }

    private static boolean looksLikeMail(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".eml") || n.endsWith(".mbox")) {
            return true;
        }
        Path parent = f.getParent();
        if (parent == null || n.startsWith(".")) {
            return false;
        }
        String dir = parent.getFileName() == null ? "" : parent.getFileName().toString();
        return dir.equals("cur") || dir.equals("new"); // Maildir
    }

    private static boolean startsWithFromLine(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(5);
            return b.length == 5 && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ';
        }
    }
}
