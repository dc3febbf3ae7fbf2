package io.bourse.exchange.journal;

import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.MatchingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineRecoveryTest
{
    private static final List<Command> COMMANDS = RandomCommandStream.generate(11, 2, 400);

    @TempDir
    Path dir;

    @Test
    void anEmptyDirectoryGivesAFreshEngine() throws IOException
    {
        final Path engineDir = dir.resolve("new");
        try (JournaledEngine engine = open(engineDir, EngineRecovery.SILENT, JournalSettings.DEFAULT))
        {
            assertEquals(0, engine.lastSequence());
            assertEquals(1, engine.process(COMMANDS.get(0)));
            assertEquals(engineDir.resolve("journal-00000000000000000001.log"), engine.journalFile());
        }
    }

    @Test
    void recoversFromTheJournalAloneAndContinuesIt() throws IOException
    {
        run(JournalSettings.DEFAULT, 0, 150);

        final EventTranscript replayed = new EventTranscript();
        final EventTranscript live = new EventTranscript();
        try (JournaledEngine engine = EngineRecovery.open(
            dir, RandomCommandStream.INSTRUMENTS, live, replayed, BookType.FAST, JournalSettings.DEFAULT))
        {
            assertEquals(150, engine.lastSequence());
            assertTrue(live.isEmpty(), "replay reported to the live listener");
            assertEquals(reference(150).eventsBySequence(), replayed.eventsBySequence());
            assertEquals(151, engine.process(COMMANDS.get(150)));
        }
        assertEquals(List.of("journal-00000000000000000001.log"), names(dir));
        assertState(151);
    }

    @Test
    void replayedEventsAreDroppedByDefault() throws IOException
    {
        run(JournalSettings.DEFAULT, 0, 50);
        final EventTranscript live = new EventTranscript();
        try (JournaledEngine engine = EngineRecovery.open(
            dir, RandomCommandStream.INSTRUMENTS, live, BookType.REFERENCE, FsyncPolicy.BATCH))
        {
            assertEquals(50, engine.lastSequence());
            assertTrue(live.isEmpty());
            engine.process(COMMANDS.get(50));
            assertEquals(List.of(51L), List.copyOf(live.eventsBySequence().keySet()));
        }
    }

    @Test
    void snapshotsRollTheJournalAndOldFilesGo() throws IOException
    {
        try (JournaledEngine engine = open(dir, EngineRecovery.SILENT, JournalSettings.DEFAULT))
        {
            for (int i = 0; i < 20; i++)
            {
                engine.process(COMMANDS.get(i));
                if ((i + 1) % 5 == 0)
                {
                    assertEquals(i + 1, engine.takeSnapshot());
                }
            }
            engine.process(COMMANDS.get(20));
        }

        // Two snapshots kept (15, 20); recovering from the older needs the journal from 16 on.
        assertEquals(List.of(
            "journal-00000000000000000016.log",
            "journal-00000000000000000021.log",
            "snapshot-00000000000000000015.sbe",
            "snapshot-00000000000000000020.sbe"), names(dir));
        assertState(21);
    }

    @Test
    void automaticSnapshots() throws IOException
    {
        run(JournalSettings.DEFAULT.withSnapshotEveryCommands(40).withRetainedSnapshots(3), 0, 130);

        assertEquals(List.of(
            "journal-00000000000000000041.log",
            "journal-00000000000000000081.log",
            "journal-00000000000000000121.log",
            "snapshot-00000000000000000040.sbe",
            "snapshot-00000000000000000080.sbe",
            "snapshot-00000000000000000120.sbe"), names(dir));
        try (JournaledEngine engine = open(dir, EngineRecovery.SILENT, JournalSettings.DEFAULT))
        {
            assertEquals(120, engine.lastSnapshotSequence());
        }
        assertState(130);
    }

    @Test
    void retainingZeroSnapshotsKeepsEverything() throws IOException
    {
        run(JournalSettings.DEFAULT.withSnapshotEveryCommands(10).withRetainedSnapshots(0), 0, 35);

        assertEquals(7, names(dir).size(), names(dir).toString());
        assertState(35);
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOne() throws IOException
    {
        run(JournalSettings.DEFAULT.withSnapshotEveryCommands(50), 0, 120);
        final Path newest = dir.resolve(SnapshotStore.fileName(100));
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(newest, bytes);

        final EventTranscript replayed = new EventTranscript();
        try (JournaledEngine engine = EngineRecovery.open(
            dir, RandomCommandStream.INSTRUMENTS, EngineRecovery.SILENT, replayed, BookType.FAST,
            JournalSettings.DEFAULT))
        {
            assertEquals(50, engine.lastSnapshotSequence());
            assertEquals(120, engine.lastSequence());
            assertEquals(
                LongStream.rangeClosed(51, 120).boxed().toList(),
                List.copyOf(replayed.eventsBySequence().keySet()));
        }
        assertState(120);
    }

    @Test
    void journalFilesRollWhenFull() throws IOException
    {
        final int maxBytes = 20 * CommandJournal.MAX_RECORD_LENGTH;
        run(JournalSettings.DEFAULT.withMaxJournalFileBytes(maxBytes), 0, 100);

        final List<String> names = names(dir);
        assertTrue(names.size() >= 3, names.toString());
        for (final String name : names)
        {
            assertTrue(Files.size(dir.resolve(name)) <= maxBytes, name);
        }
        assertState(100);
    }

    @Test
    void aTornTailIsCutAndTheJournalContinues() throws IOException
    {
        run(JournalSettings.DEFAULT, 0, 60);
        final Path journal = dir.resolve(JournalFiles.fileName(1));
        final long length = Files.size(journal);
        Files.write(journal, new byte[]{40, 0, 0, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        run(JournalSettings.DEFAULT, 60, 61);

        assertTrue(Files.size(journal) > length);
        assertState(61);
    }

    @Test
    void aMissingJournalFileIsAnError() throws IOException
    {
        run(JournalSettings.DEFAULT.withSnapshotEveryCommands(10).withRetainedSnapshots(0), 0, 35);
        Files.delete(dir.resolve(JournalFiles.fileName(11)));
        Files.delete(dir.resolve(SnapshotStore.fileName(20)));
        Files.delete(dir.resolve(SnapshotStore.fileName(30)));

        final IOException error = assertThrows(
            IOException.class, () -> open(dir, EngineRecovery.SILENT, JournalSettings.DEFAULT));
        assertTrue(error.getMessage().contains("gap"), error.getMessage());
    }

    @Test
    void anOlderJournalFileDamagedBeforeItsEndIsAnError() throws IOException
    {
        run(JournalSettings.DEFAULT.withSnapshotEveryCommands(10).withRetainedSnapshots(0), 0, 35);
        final Path older = dir.resolve(JournalFiles.fileName(21));
        final byte[] bytes = Files.readAllBytes(older);
        bytes[bytes.length - 20] ^= 1;
        Files.write(older, bytes);
        Files.delete(dir.resolve(SnapshotStore.fileName(30)));

        final IOException error = assertThrows(
            IOException.class, () -> open(dir, EngineRecovery.SILENT, JournalSettings.DEFAULT));
        assertTrue(error.getMessage().contains("damaged"), error.getMessage());
    }

    /** Opens the directory, processes commands [from, to) and closes. */
    private void run(final JournalSettings settings, final int from, final int to) throws IOException
    {
        try (JournaledEngine engine = open(dir, EngineRecovery.SILENT, settings))
        {
            assertEquals(from, engine.lastSequence());
            for (int i = from; i < to; i++)
            {
                assertEquals(i + 1, engine.process(COMMANDS.get(i)));
            }
        }
    }

    /** Recovers the directory and checks that its state is that of an engine fed the first {@code count} commands. */
    private void assertState(final int count) throws IOException
    {
        try (JournaledEngine engine = open(dir, EngineRecovery.SILENT, JournalSettings.DEFAULT))
        {
            final MatchingEngine expected = new MatchingEngine(RandomCommandStream.INSTRUMENTS, EngineRecovery.SILENT);
            for (int i = 0; i < count; i++)
            {
                expected.process(COMMANDS.get(i));
            }
            assertEquals(count, engine.lastSequence());
            assertEquals(expected.snapshot(), engine.engine().snapshot());
            assertEquals(expected.stateHash(), engine.engine().stateHash());
        }
    }

    private static EventTranscript reference(final int count)
    {
        final EventTranscript events = new EventTranscript();
        final MatchingEngine engine = new MatchingEngine(RandomCommandStream.INSTRUMENTS, events);
        for (int i = 0; i < count; i++)
        {
            engine.process(COMMANDS.get(i));
        }
        return events;
    }

    private static JournaledEngine open(final Path dir, final EngineListener listener, final JournalSettings settings)
        throws IOException
    {
        return EngineRecovery.open(
            dir, RandomCommandStream.INSTRUMENTS, listener, EngineRecovery.SILENT, BookType.FAST, settings);
    }

    private static List<String> names(final Path dir) throws IOException
    {
        final List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }
}
