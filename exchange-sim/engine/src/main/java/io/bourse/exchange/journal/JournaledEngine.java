package io.bourse.exchange.journal;

import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineSnapshot;
import io.bourse.exchange.engine.MatchingEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MatchingEngine} whose every command is journaled before the engine sees it, so no event leaves the
 * engine before its command is in the journal. Built by {@link EngineRecovery#open}, which also describes the
 * directory it keeps.
 *
 * <p>Journal files roll after each snapshot (and when one reaches {@link JournalSettings#maxJournalFileBytes()}),
 * so whole files can be deleted once a newer snapshot covers them. Before a snapshot is written, the journal is
 * forced to the device whatever the {@link FsyncPolicy}: the journal never ends before the newest snapshot, and
 * only the newest journal file can end with a torn record.
 *
 * <p>Automatic snapshots ({@link JournalSettings#snapshotEveryCommands()}) keep the engine thread's share small: it
 * copies the state and starts the next journal file, and a background thread forces the finished file, writes and
 * forces the snapshot, then deletes what is no longer needed, in that order, so the invariant above holds at every
 * instant. Forcing files took 10-20 ms, which every order arriving meanwhile would have waited for. Only one snapshot
 * is written at a time: a snapshot due while the previous one is still being written waits for it.
 *
 * <p>Single-threaded, like the engine. Drive the engine only through {@link #process}: a command passed straight to
 * {@link #engine()} would be missing from the journal, and recovery would diverge.
 */
public final class JournaledEngine implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger(JournaledEngine.class.getName());

    private final Path directory;
    private final MatchingEngine engine;
    private final JournalSettings settings;
    private CommandJournal journal;
    private volatile long lastSnapshotSequence;
    /** With automatic snapshots only: their writer thread, started with the engine. */
    private final ExecutorService snapshotWriter;
    private Future<?> pendingSnapshot;
    private long lastSnapshotAttempt;
    private boolean closed;

    JournaledEngine(
        final Path directory,
        final MatchingEngine engine,
        final CommandJournal journal,
        final JournalSettings settings,
        final long lastSnapshotSequence)
    {
        this.directory = directory;
        this.engine = engine;
        this.journal = journal;
        this.settings = settings;
        this.lastSnapshotSequence = lastSnapshotSequence;
        this.lastSnapshotAttempt = lastSnapshotSequence;
        if (settings.snapshotEveryCommands() > 0)
        {
            // Started now, and the state copied once, so that the first automatic snapshot finds its thread running
            // and its code loaded: done on the engine thread at that moment, they took about 5 ms.
            snapshotWriter = startSnapshotWriter();
            engine.snapshot();
        }
        else
        {
            snapshotWriter = null;
        }
    }

    /**
     * Journals the command, then applies it; the engine's events reach the listener before this returns.
     *
     * @return the command's sequence number.
     */
    public long process(final Command command)
    {
        if (!journal.hasRoomForRecord())
        {
            rollJournal();
        }
        final long sequence = journal.append(command);
        final long applied = engine.process(command);
        if (applied != sequence)
        {
            throw new IllegalStateException(
                "journal gave sequence " + sequence + " but the engine applied the command as " + applied);
        }
        final long interval = settings.snapshotEveryCommands();
        if (interval > 0 && sequence - lastSnapshotAttempt >= interval)
        {
            takeScheduledSnapshot();
        }
        return sequence;
    }

    /** Ends a batch of commands: forces the journal with {@link FsyncPolicy#BATCH}, does nothing otherwise. */
    public void flush()
    {
        journal.flush();
    }

    /**
     * Writes a snapshot of the current state, rolls to a new journal file and deletes the files that
     * {@link JournalSettings#retainedSnapshots()} no longer needs.
     *
     * @return the snapshot's sequence (the last command applied).
     */
    public long takeSnapshot()
    {
        ensureOpen();
        awaitPendingSnapshot();
        lastSnapshotAttempt = engine.lastSequence();
        final EngineSnapshot snapshot = engine.snapshot();
        journal.force();
        try
        {
            SnapshotStore.write(directory, snapshot);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + snapshot.sequence() + " to " + directory, ex);
        }
        lastSnapshotSequence = snapshot.sequence();
        rollJournal();
        deleteUnneededFiles();
        return snapshot.sequence();
    }

    /** The engine, for queries. Never pass it commands directly. */
    public MatchingEngine engine()
    {
        return engine;
    }

    public long lastSequence()
    {
        return engine.lastSequence();
    }

    /** Sequence of the newest snapshot written or recovered from; 0 if none. */
    public long lastSnapshotSequence()
    {
        return lastSnapshotSequence;
    }

    public Path directory()
    {
        return directory;
    }

    /** The journal file being appended to. */
    public Path journalFile()
    {
        return journal.file();
    }

    public JournalSettings settings()
    {
        return settings;
    }

    /** Closes the journal (forcing it unless the policy is {@link FsyncPolicy#NONE}). Takes no snapshot. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            awaitPendingSnapshot();
            if (snapshotWriter != null)
            {
                snapshotWriter.shutdown();
            }
            journal.close();
        }
    }

    /**
     * A failed automatic snapshot loses nothing, since the journal holds every command, so it is logged and
     * retried one interval later rather than failing the command that triggered it.
     */
    private void takeScheduledSnapshot()
    {
        awaitPendingSnapshot();
        lastSnapshotAttempt = engine.lastSequence();
        final EngineSnapshot snapshot = engine.snapshot();
        final CommandJournal finished;
        try
        {
            finished = journal.isEmpty() ? null : journal;
            if (finished != null)
            {
                journal = openJournalAfter(finished);
            }
        }
        catch (final UncheckedIOException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "automatic snapshot failed; retrying later", ex);
            return;
        }
        pendingSnapshot = snapshotWriter.submit(() -> writeSnapshot(snapshot, finished));
    }

    /** Background thread: runs after the previous snapshot's task, never beside it. */
    private void writeSnapshot(final EngineSnapshot snapshot, final CommandJournal finishedJournal)
    {
        try
        {
            if (finishedJournal != null)
            {
                try
                {
                    finishedJournal.force();
                }
                finally
                {
                    finishedJournal.close();
                }
            }
            SnapshotStore.write(directory, snapshot);
            // The directory entry of the journal file started for this snapshot.
            SnapshotStore.forceDirectory(directory);
            lastSnapshotSequence = snapshot.sequence();
            deleteUnneededFiles();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING,
                "automatic snapshot " + snapshot.sequence() + " failed; retrying later", ex);
        }
    }

    private void awaitPendingSnapshot()
    {
        if (pendingSnapshot == null)
        {
            return;
        }
        boolean interrupted = false;
        while (true)
        {
            try
            {
                pendingSnapshot.get();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
            catch (final ExecutionException ex)
            {
                // writeSnapshot logs its own failures; anything else is a bug worth seeing.
                LOGGER.log(System.Logger.Level.ERROR, "snapshot writer failed", ex.getCause());
                break;
            }
        }
        pendingSnapshot = null;
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService startSnapshotWriter()
    {
        final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable ->
            {
                final Thread thread = new Thread(runnable, "bourse-snapshot-writer");
                thread.setDaemon(true);
                return thread;
            });
        writer.prestartCoreThread();
        return writer;
    }

    private void rollJournal()
    {
        if (journal.isEmpty())
        {
            return;
        }
        final CommandJournal finished = journal;
        finished.force();
        finished.close();
        journal = openJournalAfter(finished);
        SnapshotStore.forceDirectory(directory);
    }

    private CommandJournal openJournalAfter(final CommandJournal finished)
    {
        final long next = finished.lastSequence() + 1;
        try
        {
            return CommandJournal.open(
                directory.resolve(JournalFiles.fileName(next)),
                settings.fsyncPolicy(),
                next,
                settings.maxJournalFileBytes());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start journal file for sequence " + next + " in " + directory, ex);
        }
    }

    private void deleteUnneededFiles()
    {
        final int retained = settings.retainedSnapshots();
        if (retained == 0)
        {
            return;
        }
        try
        {
            final List<Path> snapshots = SnapshotStore.list(directory);
            // With fewer snapshots than retained, the fallback of last resort is replaying from the empty state.
            if (snapshots.size() < retained)
            {
                return;
            }
            final int firstKept = snapshots.size() - retained;
            for (int i = 0; i < firstKept; i++)
            {
                Files.deleteIfExists(snapshots.get(i));
            }
            final long oldestKept = SnapshotStore.sequenceOf(snapshots.get(firstKept));
            final List<Path> journals = JournalFiles.list(directory);
            // A file may go once the next one starts at or before the first command the oldest snapshot lacks.
            for (int i = 0; i + 1 < journals.size(); i++)
            {
                if (JournalFiles.firstSequenceOf(journals.get(i + 1)) > oldestKept + 1)
                {
                    break;
                }
                Files.deleteIfExists(journals.get(i));
            }
        }
        catch (final IOException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "cannot delete old snapshot or journal files in " + directory, ex);
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("journaled engine in " + directory + " is closed");
        }
    }
}
