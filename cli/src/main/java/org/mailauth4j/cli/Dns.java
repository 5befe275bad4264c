package org.mailauth4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mailauth4j.core.dns.CachingResolver;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.DnsjavaResolver;
import org.mailauth4j.core.dns.ZoneResolver;
import picocli.CommandLine;

/** The {@code --dns FILE} option shared by the subcommands: zone files and snapshots, merged. */
final class Dns {
    private Dns() {
    }

    /**
     * The resolver for {@code files}, or {@code null} for live DNS when there are none. A file
     * that is missing or malformed is a usage error naming the file and line.
     */
    static DnsResolver resolver(CommandLine.Model.CommandSpec spec, List<Path> files) {
        if (files == null || files.isEmpty()) {
            return null;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dns: no such file: " + f);
            }
        }
        try {
            return ZoneResolver.load(files);
        } catch (IOException | RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dns: " + e.getMessage());
        }
    }

    /** Live DNS: the system's resolvers, cached. */
    static DnsResolver live() {
        return CachingResolver.of(DnsjavaResolver.system());
    }
}
