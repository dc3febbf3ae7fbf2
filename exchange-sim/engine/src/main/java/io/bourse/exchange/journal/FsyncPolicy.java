package io.bourse.exchange.journal;

/**
 * When the journal asks the operating system to put appended records on the device.
 *
 * <p>Every policy writes a record into the file's pages (the OS page cache, through a memory mapping) before
 * {@link CommandJournal#append} returns, so a process crash, even {@code kill -9}, never loses an appended
 * command: the kernel still writes those pages out. The policies differ only in what survives a power loss or a
 * kernel crash.
 */
public enum FsyncPolicy
{
    /** Page cache only: survives a process crash; a power loss can lose the records of the last seconds. */
    NONE,
    /**
     * As {@link #NONE}, and {@link CommandJournal#flush()} forces everything appended since the previous flush to
     * the device. A caller that holds a batch's replies until the flush returns never tells anyone about a command
     * that a power loss could take back.
     */
    BATCH,
    /** Every append forces its record to the device before it returns: the safest and slowest (one msync each). */
    EVERY_RECORD;

    /**
     * {@link #NONE}: a simulator restarts far more often after a killed process than after a power loss, and an
     * msync per command would cost more than the matching itself.
     */
    public static final FsyncPolicy DEFAULT = NONE;
}
