package io.bourse.exchange.journal;

import io.bourse.exchange.engine.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandJournalTest
{
    @TempDir
    Path dir;

    @Test
    void everyCommandTypeRoundTripsWithEveryField() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            for (int i = 0; i < commands.size(); i++)
            {
                assertEquals(i + 1, journal.append(commands.get(i)));
            }
        }

        assertEquals(describe(commands), readAll(file, 1));
    }

    @Test
    void readerStartsAtTheGivenSequence() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        appendAll(file, commands);

        final List<String> expected = describe(commands).subList(4, commands.size());
        assertEquals(expected, readAll(file, 5));
    }

    @Test
    void reopeningContinuesTheSequence() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        appendAll(file, commands.subList(0, 3));

        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT, 500, 1 << 20))
        {
            assertEquals(1, journal.firstSequence());
            assertEquals(3, journal.lastSequence());
            assertEquals(4, journal.append(commands.get(3)));
        }
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            assertEquals(5, journal.append(commands.get(4)));
        }

        assertEquals(describe(commands.subList(0, 5)), readAll(file, 1));
    }

    @Test
    void anEmptyFileStartsAtTheSequenceGiven() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT, 41, 1 << 20))
        {
            assertTrue(journal.isEmpty());
            assertEquals(40, journal.lastSequence());
            assertEquals(41, journal.append(TestCommands.limitOrder(new Command(), 1)));
        }
        try (JournalReader reader = JournalReader.open(file))
        {
            assertEquals(1, reader.read(0, (sequence, command) -> assertEquals(41, sequence)));
            assertEquals(41, reader.firstSequence());
        }
    }

    @Test
    void closeCutsTheFileToItsRecords() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final int length;
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            journal.append(TestCommands.largest());
            assertEquals(CommandJournal.INITIAL_CAPACITY, Files.size(file), "mapped, so pre-sized while open");
            length = journal.length();
        }

        assertEquals(CommandJournal.MAX_RECORD_LENGTH, length, "the largest command fills the largest record");
        assertEquals(length, Files.size(file));
    }

    /** The figure JOURNAL.md gives. */
    @Test
    void aTypicalNewOrderTakes120Bytes() throws IOException
    {
        final Command order = TestCommands.limitOrder(new Command(), 1).clOrdId("ORDER-0001");
        assertEquals(120, appendAll(dir.resolve("journal.log"), List.of(order)));
    }

    /** A crash mid-write leaves any prefix of the last record: each must read as the records before it. */
    @Test
    void aTornLastRecordIsDroppedAtEveryCutPoint() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        final int lastRecordStart = appendAll(file, commands.subList(0, commands.size() - 1));
        appendAll(file, commands.subList(commands.size() - 1, commands.size()));
        final byte[] whole = Files.readAllBytes(file);
        final List<String> allButLast = describe(commands.subList(0, commands.size() - 1));

        for (int cut = lastRecordStart; cut < whole.length; cut++)
        {
            final Path torn = dir.resolve("torn-" + cut + ".log");
            Files.write(torn, Arrays.copyOf(whole, cut));

            assertEquals(allButLast, readAll(torn, 1), "cut at " + cut);
            try (CommandJournal journal = CommandJournal.open(torn, FsyncPolicy.DEFAULT))
            {
                assertEquals(commands.size() - 1, journal.lastSequence(), "cut at " + cut);
                assertEquals(lastRecordStart, journal.length(), "cut at " + cut);
            }
            assertEquals(lastRecordStart, Files.size(torn), "torn bytes truncated, cut at " + cut);
            try (CommandJournal journal = CommandJournal.open(torn, FsyncPolicy.DEFAULT))
            {
                assertEquals(commands.size(), journal.append(commands.get(commands.size() - 1)));
            }
            assertArrayEquals(whole, Files.readAllBytes(torn), "rewritten record, cut at " + cut);
            Files.delete(torn);
        }
    }

    /** Any single damaged byte in the last record, framing and padding included, drops that record. */
    @Test
    void aDamagedByteAnywhereInTheLastRecordDropsIt() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        final int lastRecordStart = appendAll(file, commands.subList(0, commands.size() - 1));
        appendAll(file, commands.subList(commands.size() - 1, commands.size()));
        final byte[] whole = Files.readAllBytes(file);
        final List<String> allButLast = describe(commands.subList(0, commands.size() - 1));
        final Path damaged = dir.resolve("damaged.log");

        for (int offset = lastRecordStart; offset < whole.length; offset++)
        {
            for (final int mask : new int[]{0x01, 0x80, 0xFF})
            {
                final byte[] bytes = whole.clone();
                bytes[offset] ^= (byte)mask;
                Files.write(damaged, bytes);
                assertEquals(allButLast, readAll(damaged, 1), "offset " + offset + " mask " + mask);
            }
        }
    }

    @Test
    void aDamagedRecordHidesEverythingAfterIt() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        final int thirdRecordStart = appendAll(file, commands.subList(0, 2));
        appendAll(file, commands.subList(2, commands.size()));
        flipByte(file, thirdRecordStart + 30);

        assertEquals(describe(commands.subList(0, 2)), readAll(file, 1));
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            assertEquals(2, journal.lastSequence());
            assertEquals(3, journal.append(commands.get(2)));
        }
        assertEquals(describe(commands.subList(0, 3)), readAll(file, 1));
    }

    @Test
    void garbageOrZerosAfterTheLastRecordAreDropped() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        final int length = appendAll(file, commands);
        final byte[] garbage = new byte[777];
        new Random(42).nextBytes(garbage);
        Files.write(file, garbage, java.nio.file.StandardOpenOption.APPEND);

        assertEquals(describe(commands), readAll(file, 1));
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            assertEquals(length, journal.length());
        }
        assertEquals(length, Files.size(file));

        // A process killed while the file was mapped leaves it at its mapped size, the rest zeros.
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw"))
        {
            raw.setLength(3 * CommandJournal.INITIAL_CAPACITY);
        }
        assertEquals(describe(commands), readAll(file, 1));
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            assertEquals(commands.size(), journal.lastSequence());
        }
        assertEquals(length, Files.size(file));
    }

    @Test
    void aRecordOutOfSequenceEndsTheJournal() throws IOException
    {
        final Path first = dir.resolve("first.log");
        final Path second = dir.resolve("second.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        appendAll(first, commands.subList(0, 2));
        try (CommandJournal journal = CommandJournal.open(second, FsyncPolicy.DEFAULT, 7, 1 << 20))
        {
            journal.append(commands.get(2));
        }
        // Sound records, but 1, 2 then 7: the record after the gap is not trusted.
        Files.write(first, Files.readAllBytes(second), java.nio.file.StandardOpenOption.APPEND);

        assertEquals(describe(commands.subList(0, 2)), readAll(first, 1));
    }

    @Test
    void growsPastItsInitialMapping() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final Command command = new Command();
        final int count = 3 * CommandJournal.INITIAL_CAPACITY / 100;
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            for (int i = 1; i <= count; i++)
            {
                journal.append(TestCommands.limitOrder(command, i));
            }
            assertTrue(journal.length() > 2 * CommandJournal.INITIAL_CAPACITY, "grew twice: " + journal.length());
        }

        final long[] next = {1};
        try (JournalReader reader = JournalReader.open(file))
        {
            assertEquals(count, reader.read(1, (sequence, read) ->
            {
                assertEquals(next[0], sequence);
                assertEquals(TestCommands.limitOrder(command, next[0]++).toString(), read.toString());
            }));
        }
    }

    /**
     * The pages past the records are written through the file before the mapping touches them (so no first touch
     * faults and reads ahead), past the end of the current mapping too; a copy of the open file, as a crash leaves
     * it, still holds every record and nothing else.
     */
    @Test
    void pagesAheadOfTheRecordsArePreparedBeforeTheMappingTouchesThem() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final Path crashCopy = dir.resolve("crash-copy.log");
        final Command command = new Command();
        int count = 0;
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            assertTrue(Files.size(file) >= CommandJournal.PREPARED_AHEAD_BYTES, "prepared when opened");
            while (journal.length() < 2 * CommandJournal.INITIAL_CAPACITY)
            {
                journal.append(TestCommands.limitOrder(command, ++count));
                final long prepared = Files.size(file);
                if (prepared < journal.length() + CommandJournal.PREPARED_AHEAD_BYTES)
                {
                    throw new AssertionError("after record " + count + " at " + journal.length() +
                        " the file ends at " + prepared + ": less than " + CommandJournal.PREPARED_AHEAD_BYTES +
                        " bytes ahead are prepared");
                }
            }
            Files.copy(file, crashCopy);
        }

        try (CommandJournal reopened = CommandJournal.open(crashCopy, FsyncPolicy.DEFAULT))
        {
            assertEquals(count, reopened.lastSequence());
            assertEquals(Files.size(file), reopened.length(), "the same records as the closed file");
        }
    }

    @Test
    void aFullFileRefusesToAppend() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final Command command = TestCommands.largest();
        final int maxFileBytes = 10 * CommandJournal.MAX_RECORD_LENGTH;
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT, 1, maxFileBytes))
        {
            for (int i = 0; i < 10; i++)
            {
                assertTrue(journal.hasRoomForRecord());
                journal.append(command);
            }
            assertFalse(journal.hasRoomForRecord());
            assertThrows(IllegalStateException.class, () -> journal.append(command));
            assertEquals(10, journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(file))
        {
            assertEquals(10, reader.read(1, (sequence, read) -> { }));
        }
    }

    @Test
    void aFileAlreadyPastALowerLimitKeepsItsRecordsAndTakesNoMore() throws IOException
    {
        final Path file = dir.resolve("journal.log");
        final List<Command> commands = TestCommands.oneOfEachType();
        final int length = appendAll(file, commands);

        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT, 1, length / 2))
        {
            assertEquals(commands.size(), journal.lastSequence());
            assertFalse(journal.hasRoomForRecord());
        }
        assertEquals(describe(commands), readAll(file, 1));
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyPolicyWritesTheSameBytes(final FsyncPolicy policy) throws IOException
    {
        final Path reference = dir.resolve("reference.log");
        final Path file = dir.resolve(policy + ".log");
        final List<Command> commands = TestCommands.oneOfEachType();
        appendAll(reference, commands);
        try (CommandJournal journal = CommandJournal.open(file, policy))
        {
            for (final Command command : commands)
            {
                journal.append(command);
                journal.flush();
            }
            journal.force();
        }

        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(file));
    }

    @Test
    void appendDoesNotAllocate() throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Command command = TestCommands.largest();
        try (CommandJournal journal = CommandJournal.open(dir.resolve("journal.log"), FsyncPolicy.DEFAULT))
        {
            // Stay inside the first mapping: only growth allocates.
            final int appends = CommandJournal.INITIAL_CAPACITY / CommandJournal.MAX_RECORD_LENGTH - 1;
            for (int i = 0; i < appends / 2; i++)
            {
                journal.append(command);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = appends / 2; i < appends; i++)
            {
                journal.append(command);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertTrue(allocated < 1024, allocated + " bytes allocated by " + (appends - appends / 2) + " appends");
        }
    }

    @Test
    void appendAfterCloseFails() throws IOException
    {
        final CommandJournal journal = CommandJournal.open(dir.resolve("journal.log"), FsyncPolicy.DEFAULT);
        journal.close();
        journal.close();
        assertThrows(IllegalStateException.class, () -> journal.append(TestCommands.largest()));
    }

    /** @return the journal's length after these appends: where the next record will start. */
    static int appendAll(final Path file, final List<Command> commands) throws IOException
    {
        try (CommandJournal journal = CommandJournal.open(file, FsyncPolicy.DEFAULT))
        {
            for (final Command command : commands)
            {
                journal.append(command);
            }
            return journal.length();
        }
    }

    static List<String> readAll(final Path file, final long fromSequence) throws IOException
    {
        final List<String> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file))
        {
            reader.read(fromSequence, (sequence, command) -> read.add(sequence + " " + command));
        }
        return read;
    }

    /** What {@link #readAll} gives for these commands journaled from sequence 1. */
    static List<String> describe(final List<Command> commands)
    {
        final List<String> described = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++)
        {
            described.add((i + 1) + " " + commands.get(i));
        }
        return described;
    }

    private static void flipByte(final Path file, final int offset) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x5A;
        Files.write(file, bytes);
    }
}
