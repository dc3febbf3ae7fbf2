package io.bourse.exchange.journal;

import io.bourse.codecs.journal.EngineCommandEncoder;
import io.bourse.codecs.journal.MessageHeaderEncoder;
import io.bourse.exchange.engine.ClientOrderId;
import io.bourse.exchange.engine.Command;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An append-only file of sequenced engine commands: record {@code n} holds the command that got sequence
 * {@code n}, its timestamp and every other field (SBE message {@code EngineCommand}, journal-schema.xml), in a
 * checksummed frame (see {@link RecordFraming}). The byte layout is described in exchange-sim/engine/JOURNAL.md.
 *
 * <p>The file is memory-mapped and grows by doubling, from 1 MiB up to {@code maxFileBytes}; while it is open it
 * is longer than its records, and the bytes after the last record are zero. {@link #close()} cuts it to the
 * records' length. {@link #append} copies the record into the mapping, so it is in the OS page cache when append
 * returns: a killed process loses nothing; what a power loss can lose is set by the {@link FsyncPolicy}.
 *
 * <p>The pages ahead of the records are written with zeros through the file ({@link #PREPARED_AHEAD_BYTES}, a
 * small piece per append) before the mapping first touches them. A first touch of a page the page cache does not
 * hold faults, and the kernel then reads around it as far as the device's read-ahead (8 MiB on the project's
 * machines): zeroing that much took the appending thread 6-12 ms at once, every few seconds (docs/PERFORMANCE.md).
 *
 * <p>Opening scans the file and keeps its sound prefix (see {@link JournalReader}): a record torn by a crash in
 * the middle of a write, or damaged, is dropped together with everything after it, the file is truncated there,
 * and sequencing continues after the last sound record.
 *
 * <p>Single writer, not thread safe. {@link #append} does not allocate except when the mapping grows.
 */
public final class CommandJournal implements AutoCloseable
{
    /** The largest a journal file may grow to by default; a mapping cannot exceed 2 GiB. */
    public static final int DEFAULT_MAX_FILE_BYTES = 1 << 30;
    static final int MAX_MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + EngineCommandEncoder.BLOCK_LENGTH +
        2 * (EngineCommandEncoder.clOrdIdHeaderLength() + ClientOrderId.MAX_LENGTH);
    /** The most one command takes in the file, framing and padding included. */
    public static final int MAX_RECORD_LENGTH = RecordFraming.recordLength(MAX_MESSAGE_LENGTH);
    static final int INITIAL_CAPACITY = 1 << 20;
    /** How far past the last record the file's pages are kept in the page cache, prepared a chunk at a time. */
    static final int PREPARED_AHEAD_BYTES = 256 * 1024;
    static final int PREPARE_CHUNK_BYTES = 16 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final int maxFileBytes;
    private final long firstSequence;
    private final RecordFraming frames = new RecordFraming();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final EngineCommandEncoder encoder = new EngineCommandEncoder();
    private final CommandCodec codec = new CommandCodec();
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(PREPARE_CHUNK_BYTES);
    private MappedByteBuffer mapping;
    /** The file's pages up to here hold zeros written through the channel, or records. */
    private long preparedUpTo;
    private long nextSequence;
    private int position;
    private int unforcedFrom;
    private boolean closed;

    private CommandJournal(
        final Path file,
        final FileChannel channel,
        final FsyncPolicy policy,
        final long sequenceIfEmpty,
        final int maxFileBytes) throws IOException
    {
        this.file = file;
        this.channel = channel;
        this.policy = policy;
        this.maxFileBytes = maxFileBytes;

        // The whole file is scanned even beyond maxFileBytes, so that lowering the limit never drops records: a
        // file already past it just takes no more (hasRoomForRecord() is false).
        final long size = channel.size();
        if (size > Integer.MAX_VALUE)
        {
            throw new IOException(file + " holds " + size + " bytes, more than a journal file can map");
        }
        final int initialCapacity = Math.min(INITIAL_CAPACITY, maxFileBytes);
        mapping = map(Math.max((int)size, initialCapacity));
        final JournalReader scanner = new JournalReader(frames, (int)size);
        scanner.read(Long.MAX_VALUE, null);
        position = scanner.validLength();
        unforcedFrom = position;
        if (position < size)
        {
            // Drop the torn or trailing bytes, so that new records land on zeros and a later scan cannot mistake
            // old bytes for records. The mapping goes first: pages cut off under a live mapping fault when touched.
            IoUtil.unmap(mapping);
            channel.truncate(position);
            if (policy != FsyncPolicy.NONE)
            {
                channel.force(true);
            }
            mapping = map(Math.max(position, initialCapacity));
        }
        preparedUpTo = position;
        prepareAhead(position + PREPARED_AHEAD_BYTES);
        final boolean empty = scanner.lastSequence() == 0;
        firstSequence = empty ? sequenceIfEmpty : scanner.firstSequence();
        nextSequence = empty ? sequenceIfEmpty : scanner.lastSequence() + 1;
    }

    /** Opens or creates {@code file}; an empty file starts at sequence 1. */
    public static CommandJournal open(final Path file, final FsyncPolicy policy) throws IOException
    {
        return open(file, policy, 1, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Opens or creates {@code file}.
     *
     * @param sequenceIfEmpty the sequence of the first record when the file has no sound record yet; otherwise
     *                        sequencing continues after the file's last sound record.
     * @param maxFileBytes    appending fails once the file would exceed this (see {@link #hasRoomForRecord()}).
     */
    public static CommandJournal open(
        final Path file,
        final FsyncPolicy policy,
        final long sequenceIfEmpty,
        final int maxFileBytes) throws IOException
    {
        Objects.requireNonNull(policy, "policy");
        if (sequenceIfEmpty < 1)
        {
            throw new IllegalArgumentException("sequences start at 1, not " + sequenceIfEmpty);
        }
        if (maxFileBytes < MAX_RECORD_LENGTH)
        {
            throw new IllegalArgumentException("maxFileBytes " + maxFileBytes + " cannot hold one record");
        }
        final FileChannel channel = FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try
        {
            return new CommandJournal(file, channel, policy, sequenceIfEmpty, maxFileBytes);
        }
        catch (final IOException | RuntimeException ex)
        {
            try
            {
                channel.close();
            }
            catch (final IOException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
    }

    /**
     * Appends the command with the next sequence number. The command is only read.
     *
     * @return the sequence number given to the command.
     * @throws IllegalStateException when the file is full ({@link #hasRoomForRecord()} was false) or closed.
     */
    public long append(final Command command)
    {
        if (closed)
        {
            throw new IllegalStateException("journal " + file + " is closed");
        }
        if (position + MAX_RECORD_LENGTH > mapping.capacity())
        {
            grow();
        }
        if (position + MAX_RECORD_LENGTH + PREPARED_AHEAD_BYTES > preparedUpTo)
        {
            prepareAhead(preparedUpTo + PREPARE_CHUNK_BYTES);
        }
        final int recordOffset = position;
        final long sequence = nextSequence;
        encoder.wrapAndApplyHeader(frames.buffer(), recordOffset + RecordFraming.FRAME_HEADER_LENGTH, headerEncoder);
        codec.encode(command, sequence, encoder);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        position = recordOffset + frames.commit(recordOffset, messageLength);
        nextSequence = sequence + 1;
        if (policy == FsyncPolicy.EVERY_RECORD)
        {
            force();
        }
        return sequence;
    }

    /**
     * Writes zeros through the channel from {@link #preparedUpTo} to {@code end} (at most {@code maxFileBytes}), so
     * that the page cache holds those pages before the mapping touches them. Only bytes past the last record are
     * written, and they are zero already, so the file's content does not change.
     */
    private void prepareAhead(final long end)
    {
        try
        {
            final long limit = Math.min(end, maxFileBytes);
            while (preparedUpTo < limit)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), limit - preparedUpTo));
                preparedUpTo += channel.write(zeros, preparedUpTo);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prepare journal " + file + " past " + preparedUpTo, ex);
        }
    }

    /** Ends a batch: with {@link FsyncPolicy#BATCH}, forces the records appended since the last flush. */
    public void flush()
    {
        if (policy == FsyncPolicy.BATCH)
        {
            force();
        }
    }

    /** Forces every record appended so far to the device, whatever the policy. */
    public void force()
    {
        if (position > unforcedFrom)
        {
            mapping.force(unforcedFrom, position - unforcedFrom);
            unforcedFrom = position;
        }
    }

    /** True while one more record of any size fits under the file's size limit. */
    public boolean hasRoomForRecord()
    {
        return position + MAX_RECORD_LENGTH <= maxFileBytes;
    }

    public Path file()
    {
        return file;
    }

    public FsyncPolicy policy()
    {
        return policy;
    }

    /** Sequence of the file's first record (or of the first one to come, while the file is empty). */
    public long firstSequence()
    {
        return firstSequence;
    }

    /** Sequence of the last record appended, {@link #firstSequence()} - 1 while the file is empty. */
    public long lastSequence()
    {
        return nextSequence - 1;
    }

    public boolean isEmpty()
    {
        return nextSequence == firstSequence;
    }

    /** Bytes taken by the records, padding included: the file's length once closed. */
    public int length()
    {
        return position;
    }

    /** Forces the records unless the policy is {@link FsyncPolicy#NONE}, then cuts the file to their length. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try (FileChannel ignored = channel)
        {
            if (policy != FsyncPolicy.NONE)
            {
                force();
            }
            IoUtil.unmap(mapping);
            channel.truncate(position);
            if (policy != FsyncPolicy.NONE)
            {
                channel.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close journal " + file, ex);
        }
    }

    private void grow()
    {
        if (!hasRoomForRecord())
        {
            throw new IllegalStateException(
                "journal " + file + " is full (" + position + " of " + maxFileBytes + " bytes): roll to a new file");
        }
        // Pending bytes are forced through the old mapping before it goes, so no policy loses its guarantee.
        if (policy != FsyncPolicy.NONE)
        {
            force();
        }
        final long doubled = Math.max(2L * mapping.capacity(), position + MAX_RECORD_LENGTH);
        final int capacity = (int)Math.min(doubled, maxFileBytes);
        IoUtil.unmap(mapping);
        try
        {
            mapping = map(capacity);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot grow journal " + file + " to " + capacity + " bytes", ex);
        }
    }

    /** Maps the first {@code capacity} bytes, extending the file with zeros if it is shorter. */
    private MappedByteBuffer map(final int capacity) throws IOException
    {
        final MappedByteBuffer newMapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        frames.wrap(newMapping);
        return newMapping;
    }
}
