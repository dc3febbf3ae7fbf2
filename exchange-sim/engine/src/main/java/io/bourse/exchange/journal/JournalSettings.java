package io.bourse.exchange.journal;

import java.util.Objects;

/**
 * How a {@link JournaledEngine} keeps its directory.
 *
 * @param fsyncPolicy           see {@link FsyncPolicy}.
 * @param snapshotEveryCommands take a snapshot after this many commands since the last one; 0 = only when
 *                              {@link JournaledEngine#takeSnapshot()} is called. The engine thread copies the state
 *                              (time in proportion to the live orders) and rolls the journal; the file writes and
 *                              fsyncs happen on a background thread.
 * @param retainedSnapshots     keep this many newest snapshot files, and the journal files needed to recover from
 *                              the oldest of them, deleting older ones after each snapshot; 0 = delete nothing.
 *                              Two or more lets recovery fall back when the newest snapshot is damaged.
 * @param maxJournalFileBytes   roll to a new journal file before one grows past this (1 GiB by default).
 */
public record JournalSettings(
    FsyncPolicy fsyncPolicy,
    long snapshotEveryCommands,
    int retainedSnapshots,
    int maxJournalFileBytes)
{
    public static final JournalSettings DEFAULT =
        new JournalSettings(FsyncPolicy.DEFAULT, 0, 2, CommandJournal.DEFAULT_MAX_FILE_BYTES);

    public JournalSettings
    {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        if (snapshotEveryCommands < 0)
        {
            throw new IllegalArgumentException("snapshotEveryCommands must be >= 0: " + snapshotEveryCommands);
        }
        if (retainedSnapshots < 0)
        {
            throw new IllegalArgumentException("retainedSnapshots must be >= 0: " + retainedSnapshots);
        }
        if (maxJournalFileBytes < CommandJournal.MAX_RECORD_LENGTH)
        {
            throw new IllegalArgumentException("maxJournalFileBytes cannot hold one record: " + maxJournalFileBytes);
        }
    }

    public JournalSettings withFsyncPolicy(final FsyncPolicy fsyncPolicy)
    {
        return new JournalSettings(fsyncPolicy, snapshotEveryCommands, retainedSnapshots, maxJournalFileBytes);
    }

    public JournalSettings withSnapshotEveryCommands(final long snapshotEveryCommands)
    {
        return new JournalSettings(fsyncPolicy, snapshotEveryCommands, retainedSnapshots, maxJournalFileBytes);
    }

    public JournalSettings withRetainedSnapshots(final int retainedSnapshots)
    {
        return new JournalSettings(fsyncPolicy, snapshotEveryCommands, retainedSnapshots, maxJournalFileBytes);
    }

    public JournalSettings withMaxJournalFileBytes(final int maxJournalFileBytes)
    {
        return new JournalSettings(fsyncPolicy, snapshotEveryCommands, retainedSnapshots, maxJournalFileBytes);
    }
}
