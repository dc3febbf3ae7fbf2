package io.bourse.exchange.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the journal files in an engine directory: {@code journal-<first sequence>.log}, the sequence zero-padded
 * to 20 digits so that names sort like numbers. Each file continues the previous one without a gap.
 */
final class JournalFiles
{
    private static final Pattern FILE_NAME = Pattern.compile("journal-(\\d{1,20})\\.log");

    private JournalFiles()
    {
    }

    static String fileName(final long firstSequence)
    {
        return String.format("journal-%020d.log", firstSequence);
    }

    /** The first sequence in a journal file's name, or -1 when the name is not one of ours. */
    static long firstSequenceOf(final Path file)
    {
        return sequenceIn(FILE_NAME, file);
    }

    /** The number in group 1 of the pattern, matched against the file's name, or -1 without a match or overflow. */
    static long sequenceIn(final Pattern pattern, final Path file)
    {
        final Matcher matcher = pattern.matcher(file.getFileName().toString());
        if (!matcher.matches())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(matcher.group(1));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** The journal files in {@code dir}, oldest first. */
    static List<Path> list(final Path dir) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            for (final Path file : stream)
            {
                if (firstSequenceOf(file) >= 1 && Files.isRegularFile(file))
                {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparingLong(JournalFiles::firstSequenceOf));
        return files;
    }
}
