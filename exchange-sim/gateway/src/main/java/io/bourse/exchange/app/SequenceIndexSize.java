package io.bourse.exchange.app;

import uk.co.real_logic.artio.engine.EngineConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of Artio's two sequence-number index files (last sequence number per session, sent and received). Artio
 * saves each file whole at every term roll of its streams (a copy of the file, a checksum of each 4 KB sector and an
 * msync) on the framer's thread, which here is the venue thread: with Artio's default of 8 MB, that was a stall of
 * several milliseconds about twice a second at 10,000 orders/s (docs/PERFORMANCE.md, "A quiet machine").
 *
 * <p>Artio reads the size from a system property when its configuration is created, and sizes its in-memory copy of
 * the index with it, so the size must match the files that a state directory already holds: an existing state keeps
 * the size it was created with, and the configured size applies to a new one.
 */
final class SequenceIndexSize
{
    static final int SECTOR_BYTES = 4096;
    /** Artio's name for the index of sent sequence numbers in its log directory; the received one is sized alike. */
    static final String SENT_INDEX_FILE = "sequence_numbers_sent";

    private SequenceIndexSize()
    {
    }

    /** Whether Artio can use an index of this size: whole 4 KiB sectors, one for records and one for positions. */
    static boolean isUsable(final long bytes)
    {
        return bytes >= 2 * SECTOR_BYTES && bytes % SECTOR_BYTES == 0 && bytes <= Integer.MAX_VALUE;
    }

    /** The size Artio must use with the state in {@code artioLogDir}. */
    static int forState(final Path artioLogDir, final int configuredBytes) throws IOException
    {
        final Path sentIndex = artioLogDir.resolve(SENT_INDEX_FILE);
        if (!Files.exists(sentIndex))
        {
            return configuredBytes;
        }
        final long existing = Files.size(sentIndex);
        if (!isUsable(existing))
        {
            throw new IOException(sentIndex + " holds " + existing + " bytes, not a sequence-number index: " +
                "start with --reset to begin a new state");
        }
        return (int)existing;
    }

    /** Sets the size for the next {@link EngineConfiguration} created in this process. */
    static void applyTo(final Path artioLogDir, final int configuredBytes) throws IOException
    {
        final int bytes = forState(artioLogDir, configuredBytes);
        System.setProperty(EngineConfiguration.SEQUENCE_NUMBER_INDEX_SIZE_PROP, String.valueOf(bytes));
    }
}
