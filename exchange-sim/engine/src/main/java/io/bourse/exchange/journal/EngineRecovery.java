package io.bourse.exchange.journal;

import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.EngineSnapshot;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Opens an engine directory: rebuilds the state that was there when the last process stopped (cleanly or not) and
 * returns a {@link JournaledEngine} that goes on journaling in the same directory. An empty or missing directory
 * gives a fresh engine.
 *
 * <p>The directory holds
 * <ul>
 * <li>{@code snapshot-<sequence>.sbe}: the engine state after that command ({@link SnapshotStore});</li>
 * <li>{@code journal-<first sequence>.log}: the commands from that sequence on ({@link CommandJournal}); each file
 *     continues the previous one, and only the newest may end with a torn record.</li>
 * </ul>
 * Recovery loads the newest sound snapshot (falling back to older ones), replays every journaled command after it,
 * drops a torn tail of the newest journal file, and appends there. Byte layouts: exchange-sim/engine/JOURNAL.md.
 *
 * <p>It fails (IOException) rather than start from a state it knows is wrong: when a command the state needs is
 * missing (a gap between files, an older file damaged before its end, a file renamed).
 */
public final class EngineRecovery
{
    /** A listener that drops every event: the usual choice for replayed events, whose effects were already sent. */
    public static final EngineListener SILENT = new EngineListener()
    {
    };

    private EngineRecovery()
    {
    }

    /** Recovers with the default {@link JournalSettings} and the given policy; replayed events are dropped. */
    public static JournaledEngine open(
        final Path dir,
        final Collection<InstrumentSpec> instruments,
        final EngineListener listener,
        final BookType type,
        final FsyncPolicy policy) throws IOException
    {
        return open(dir, instruments, listener, SILENT, type, JournalSettings.DEFAULT.withFsyncPolicy(policy));
    }

    /**
     * @param listener       receives the events of commands processed after recovery.
     * @param replayListener receives the events of the commands replayed from the journal ({@link #SILENT} to drop
     *                       them). Restoring the snapshot itself reports nothing.
     */
    public static JournaledEngine open(
        final Path dir,
        final Collection<InstrumentSpec> instruments,
        final EngineListener listener,
        final EngineListener replayListener,
        final BookType type,
        final JournalSettings settings) throws IOException
    {
        Files.createDirectories(dir);
        SnapshotStore.deleteTemporaryFiles(dir);

        final SwitchingEngineListener events = new SwitchingEngineListener(replayListener);
        final Optional<EngineSnapshot> snapshot = SnapshotStore.loadLatest(dir);
        final MatchingEngine engine = snapshot.isPresent() ?
            MatchingEngine.fromSnapshot(instruments, events, type, snapshot.get()) :
            new MatchingEngine(instruments, events, type);
        final long snapshotSequence = engine.lastSequence();

        replayJournal(dir, engine);
        final CommandJournal journal = openForAppend(dir, engine.lastSequence() + 1, settings);
        events.switchTo(listener);
        return new JournaledEngine(dir, engine, journal, settings, snapshotSequence);
    }

    private static void replayJournal(final Path dir, final MatchingEngine engine) throws IOException
    {
        final JournalReader.CommandHandler apply = (sequence, command) ->
        {
            final long applied = engine.process(command);
            if (applied != sequence)
            {
                throw new IllegalStateException("journal record " + sequence + " was applied as " + applied);
            }
        };
        final List<Path> files = JournalFiles.list(dir);
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final long first = JournalFiles.firstSequenceOf(file);
            final boolean newest = i == files.size() - 1;
            final long nextFileFirst = newest ? Long.MAX_VALUE : JournalFiles.firstSequenceOf(files.get(i + 1));
            final long needed = engine.lastSequence() + 1;
            if (nextFileFirst <= needed)
            {
                continue;
            }
            if (first > needed)
            {
                throw new IOException("journal gap in " + dir + ": the state ends at sequence " + (needed - 1) +
                    " but " + file.getFileName() + " starts at " + first);
            }
            try (JournalReader reader = JournalReader.open(file))
            {
                reader.read(needed, apply);
                if (reader.lastSequence() != 0 && reader.firstSequence() != first)
                {
                    throw new IOException(file + " starts at sequence " + reader.firstSequence() + ", not " + first);
                }
                if (!newest && engine.lastSequence() != nextFileFirst - 1)
                {
                    // Files are cut to their records when closed, so bytes past the sound ones mean damage.
                    final String problem = reader.validLength() < Files.size(file) ?
                        file + " is damaged" : "journal gap in " + dir;
                    throw new IOException(problem + ": the sound records of " + file.getFileName() +
                        " end at sequence " + engine.lastSequence() + " but the next file starts at " + nextFileFirst);
                }
            }
        }
    }

    /**
     * The newest journal file if it ends right before {@code nextSequence} (after cutting its torn tail), else a new
     * file starting there. A newest file that ends earlier is one the snapshot has overtaken: possible only when
     * files were lost or copied in, and harmless since the snapshot holds its commands.
     */
    private static CommandJournal openForAppend(
        final Path dir, final long nextSequence, final JournalSettings settings) throws IOException
    {
        final List<Path> files = JournalFiles.list(dir);
        if (!files.isEmpty())
        {
            final Path newest = files.get(files.size() - 1);
            final CommandJournal journal = CommandJournal.open(
                newest, settings.fsyncPolicy(), JournalFiles.firstSequenceOf(newest), settings.maxJournalFileBytes());
            if (journal.lastSequence() + 1 == nextSequence)
            {
                return journal;
            }
            journal.close();
            if (journal.lastSequence() >= nextSequence)
            {
                throw new IOException(newest + " holds sequence " + journal.lastSequence() +
                    ", beyond the recovered state at " + (nextSequence - 1));
            }
            if (journal.isEmpty())
            {
                Files.delete(newest);
            }
        }
        return CommandJournal.open(
            dir.resolve(JournalFiles.fileName(nextSequence)),
            settings.fsyncPolicy(),
            nextSequence,
            settings.maxJournalFileBytes());
    }
}
