package org.mailauth4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's example archive is, for the end-to-end tests. */
final class Examples {
    private Examples() {
    }

    static Path root() {
        String p = System.getProperty("mailauth4j.root");
        Path root = p != null ? Path.of(p) : Path.of("..");
        if (!Files.isDirectory(root.resolve("examples"))) {
            root = Path.of("..");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path dir() {
        return root().resolve("examples");
    }

    static String at() throws java.io.IOException {
        return Files.readString(dir().resolve("AT")).strip();
    }

    static String message(String name) {
        return dir().resolve("messages").resolve(name).toString();
    }
}
