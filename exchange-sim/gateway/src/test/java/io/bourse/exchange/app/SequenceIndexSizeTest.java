package io.bourse.exchange.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceIndexSizeTest
{
    @Test
    void newStateTakesTheConfiguredSize(@TempDir final Path artioLogDir) throws IOException
    {
        assertEquals(65_536, SequenceIndexSize.forState(artioLogDir, 65_536));
        assertEquals(65_536, SequenceIndexSize.forState(artioLogDir.resolve("not-created-yet"), 65_536));
    }

    @Test
    void existingStateKeepsTheSizeItsIndexWasCreatedWith(@TempDir final Path artioLogDir) throws IOException
    {
        // A state directory from before the size was configurable holds Artio's default, 8 MB.
        createIndex(artioLogDir, 8 * 1024 * 1024);
        assertEquals(8 * 1024 * 1024, SequenceIndexSize.forState(artioLogDir, 65_536));
    }

    @Test
    void indexOfAnImpossibleSizeIsRefusedWithTheWayOut(@TempDir final Path artioLogDir) throws IOException
    {
        createIndex(artioLogDir, 5_000);
        final IOException refused =
            assertThrows(IOException.class, () -> SequenceIndexSize.forState(artioLogDir, 65_536));
        assertTrue(refused.getMessage().contains("holds 5000 bytes") && refused.getMessage().contains("--reset"),
            refused.getMessage());
    }

    private static void createIndex(final Path artioLogDir, final int bytes) throws IOException
    {
        Files.write(artioLogDir.resolve(SequenceIndexSize.SENT_INDEX_FILE), new byte[bytes]);
    }
}
