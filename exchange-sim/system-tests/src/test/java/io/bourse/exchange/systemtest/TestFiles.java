package io.bourse.exchange.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

final class TestFiles
{
    private TestFiles()
    {
    }

    /** The last lines of a text file, each with its newline, or a note saying why there are none. */
    static String tail(final Path file, final int lines)
    {
        if (!Files.isRegularFile(file))
        {
            return "(no file)\n";
        }
        try
        {
            // Malformed bytes must not hide the rest of a log, so decode leniently.
            final String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isEmpty())
            {
                return "(empty)\n";
            }
            final List<String> all = text.lines().toList();
            final int from = Math.max(0, all.size() - lines);
            final StringBuilder out = new StringBuilder();
            if (from > 0)
            {
                out.append("... ").append(from).append(" earlier lines\n");
            }
            all.subList(from, all.size()).forEach(line -> out.append(line).append('\n'));
            return out.toString();
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")\n";
        }
    }

    static void deleteRecursively(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(TestFiles::deleteIfExists);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not delete " + root, ex);
        }
    }

    private static void deleteIfExists(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not delete " + path, ex);
        }
    }
}
