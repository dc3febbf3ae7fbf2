package io.bourse.exchange.journal;

import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.MatchingEngine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stopping and recovering must be invisible: a stream of commands run through one engine, and the same stream run
 * through journaled engines that are closed and recovered at random cut points (with snapshots at random points
 * before each cut, and the journal's tail torn as a crash leaves it), give the same events for every command and
 * the same final state.
 */
class RecoveryPropertyTest
{
    @Property(tries = 30)
    void recoveryIsInvisible(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 2) final int instrumentCount,
        @ForAll @IntRange(min = 1, max = 400) final int length,
        @ForAll @IntRange(min = 1, max = 3) final int restarts,
        @ForAll final BookType bookType) throws IOException
    {
        final List<Command> commands = RandomCommandStream.generate(seed, instrumentCount, length);
        final EventTranscript expected = new EventTranscript();
        final MatchingEngine reference = new MatchingEngine(RandomCommandStream.INSTRUMENTS, expected, bookType);
        for (final Command command : commands)
        {
            reference.process(command);
        }

        final Random random = new Random(seed);
        final int[] cuts = cutPoints(random, length, restarts);
        final JournalSettings settings = randomSettings(random);
        final Path dir = Files.createTempDirectory("bourse-recovery-");
        try
        {
            final EventTranscript live = new EventTranscript();
            int position = 0;
            for (final int cut : cuts)
            {
                final EventTranscript replayed = new EventTranscript();
                try (JournaledEngine engine = EngineRecovery.open(
                    dir, RandomCommandStream.INSTRUMENTS, live, replayed, bookType, settings))
                {
                    assertEquals(position, engine.lastSequence(), "recovered sequence, " + settings);
                    assertSameEvents(
                        slice(expected, engine.lastSnapshotSequence() + 1, position),
                        replayed.eventsBySequence(),
                        "replayed, " + settings);
                    final int snapshotAt = random.nextBoolean() ? -1 : position + random.nextInt(cut - position + 1);
                    for (int i = position; i < cut; i++)
                    {
                        if (i == snapshotAt)
                        {
                            engine.takeSnapshot();
                        }
                        engine.process(commands.get(i));
                    }
                    if (snapshotAt == cut)
                    {
                        engine.takeSnapshot();
                    }
                    if (cut == length)
                    {
                        assertEquals(reference.snapshot(), engine.engine().snapshot());
                        assertEquals(reference.stateHash(), engine.engine().stateHash());
                    }
                }
                position = cut;
                if (cut < length)
                {
                    tearTail(dir, random, commands.get(cut), cut + 1);
                }
            }
            assertSameEvents(expected.eventsBySequence(), live.eventsBySequence(), "live, " + settings);
        }
        finally
        {
            deleteRecursively(dir);
        }
    }

    /** {@code restarts} cut points in [0, length), ascending, then {@code length}. */
    private static int[] cutPoints(final Random random, final int length, final int restarts)
    {
        final int[] cuts = new int[restarts + 1];
        for (int i = 0; i < restarts; i++)
        {
            cuts[i] = random.nextInt(length);
        }
        cuts[restarts] = length;
        Arrays.sort(cuts);
        return cuts;
    }

    private static JournalSettings randomSettings(final Random random)
    {
        final FsyncPolicy[] policies = FsyncPolicy.values();
        return new JournalSettings(
            policies[random.nextInt(policies.length)],
            random.nextBoolean() ? 0 : 20 + random.nextInt(100),
            random.nextInt(4),
            random.nextBoolean() ? CommandJournal.DEFAULT_MAX_FILE_BYTES : 4_096 + random.nextInt(12_288));
    }

    /** What a crash can leave after the last whole record of the newest journal file, or nothing. */
    private static void tearTail(final Path dir, final Random random, final Command next, final long nextSequence)
        throws IOException
    {
        final List<Path> journals = JournalFiles.list(dir);
        final Path newest = journals.get(journals.size() - 1);
        final byte[] tail;
        switch (random.nextInt(4))
        {
            case 0:
                return;
            case 1:
                tail = new byte[1 + random.nextInt(8_192)];
                break;
            case 2:
                tail = new byte[1 + random.nextInt(300)];
                random.nextBytes(tail);
                break;
            default:
                final byte[] record = encode(dir, next, nextSequence);
                tail = Arrays.copyOf(record, 1 + random.nextInt(record.length - 1));
        }
        Files.write(newest, tail, StandardOpenOption.APPEND);
    }

    /** The record the journal would have written next, as bytes. */
    private static byte[] encode(final Path dir, final Command command, final long sequence) throws IOException
    {
        final Path scratch = dir.resolve("scratch.tmp");
        try (CommandJournal journal = CommandJournal.open(scratch, FsyncPolicy.NONE, sequence, 1 << 16))
        {
            journal.append(command);
        }
        final byte[] record = Files.readAllBytes(scratch);
        Files.delete(scratch);
        return record;
    }

    /** Points at the first command whose events differ, rather than printing both whole transcripts. */
    private static void assertSameEvents(
        final Map<Long, List<String>> expected, final Map<Long, List<String>> actual, final String context)
    {
        for (final Map.Entry<Long, List<String>> entry : expected.entrySet())
        {
            assertEquals(entry.getValue(), actual.get(entry.getKey()),
                "events of command " + entry.getKey() + ", " + context);
        }
        assertEquals(expected.keySet(), actual.keySet(), "commands with events, " + context);
    }

    private static Map<Long, List<String>> slice(final EventTranscript events, final long from, final long to)
    {
        final Map<Long, List<String>> slice = new LinkedHashMap<>();
        for (long sequence = from; sequence <= to; sequence++)
        {
            slice.put(sequence, events.eventsBySequence().get(sequence));
        }
        return slice;
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }
}
