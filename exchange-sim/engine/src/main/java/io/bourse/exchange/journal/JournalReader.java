package io.bourse.exchange.journal;

import io.bourse.codecs.journal.EngineCommandDecoder;
import io.bourse.codecs.journal.MessageHeaderDecoder;
import io.bourse.exchange.engine.ClientOrderId;
import io.bourse.exchange.engine.Command;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the commands of one journal file (see {@link CommandJournal} for the layout), in order, decoding each
 * into one reused {@link Command}. Reading stops at the first record that is not sound: a torn or damaged record
 * ends the journal, and nothing after it is ever delivered, even if it looks valid. Sound means: the frame is
 * complete and its checksum matches, the message is an {@code EngineCommand} of this schema whose decoded length
 * is the framed length, and its sequence is one more than the previous record's.
 *
 * <p>Not thread safe. Commands passed to the handler are valid only during the call.
 */
public final class JournalReader implements AutoCloseable
{
    /** Receives each command; {@code command} is reused for the next record, so copy what you keep. */
    @FunctionalInterface
    public interface CommandHandler
    {
        void onCommand(long sequence, Command command);
    }

    private final RecordFraming frames;
    private final int limit;
    private final MappedByteBuffer mapping;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final EngineCommandDecoder decoder = new EngineCommandDecoder();
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private long firstSequence;
    private long lastSequence;
    private int validLength;

    /** Reads memory that someone else maps and owns ({@link CommandJournal} scanning its own file). */
    JournalReader(final RecordFraming frames, final int limit)
    {
        this.frames = frames;
        this.limit = limit;
        this.mapping = null;
    }

    private JournalReader(final MappedByteBuffer mapping)
    {
        this.frames = new RecordFraming();
        this.frames.wrap(mapping);
        this.limit = mapping.capacity();
        this.mapping = mapping;
    }

    /** Maps the file read-only. The file must not be truncated while the reader is open. */
    public static JournalReader open(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw new IOException(file + " is larger than a journal file can be: " + size + " bytes");
            }
            return new JournalReader(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /**
     * Reads the file from its start, passing each command whose sequence is at least {@code fromSequence} to
     * {@code handler} (null: only check the records), up to the first record that is not sound.
     *
     * @return how many commands were passed to the handler.
     */
    public long read(final long fromSequence, final CommandHandler handler)
    {
        firstSequence = 0;
        lastSequence = 0;
        validLength = 0;
        long delivered = 0;
        int offset = 0;
        while (true)
        {
            final int messageLength = frames.messageLengthAt(offset, limit, CommandJournal.MAX_MESSAGE_LENGTH);
            if (messageLength <= 0)
            {
                break;
            }
            final int messageOffset = offset + RecordFraming.FRAME_HEADER_LENGTH;
            final long sequence = commandSequence(messageOffset, messageLength);
            if (sequence <= 0 || (lastSequence != 0 && sequence != lastSequence + 1))
            {
                break;
            }
            if (firstSequence == 0)
            {
                firstSequence = sequence;
            }
            lastSequence = sequence;
            offset += RecordFraming.recordLength(messageLength);
            validLength = offset;
            if (handler != null && sequence >= fromSequence)
            {
                decoder.sbeRewind();
                codec.decode(decoder, command);
                delivered++;
                handler.onCommand(sequence, command);
            }
        }
        return delivered;
    }

    /** Sequence of the first sound record found by the last {@link #read}, 0 if there was none. */
    public long firstSequence()
    {
        return firstSequence;
    }

    /** Sequence of the last sound record found by the last {@link #read}, 0 if there was none. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Bytes from the start of the file to the end of the last sound record found by the last {@link #read}. */
    public int validLength()
    {
        return validLength;
    }

    @Override
    public void close()
    {
        if (mapping != null)
        {
            IoUtil.unmap(mapping);
        }
    }

    /** Leaves the decoder wrapped at the body; @return the record's sequence, or 0 when it is not a sound command. */
    private long commandSequence(final int messageOffset, final int messageLength)
    {
        if (messageLength < MessageHeaderDecoder.ENCODED_LENGTH + EngineCommandDecoder.BLOCK_LENGTH)
        {
            return 0;
        }
        headerDecoder.wrap(frames.buffer(), messageOffset);
        if (headerDecoder.schemaId() != EngineCommandDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != EngineCommandDecoder.TEMPLATE_ID ||
            headerDecoder.version() != EngineCommandDecoder.SCHEMA_VERSION ||
            headerDecoder.blockLength() != EngineCommandDecoder.BLOCK_LENGTH)
        {
            return 0;
        }
        decoder.wrap(
            frames.buffer(),
            messageOffset + MessageHeaderDecoder.ENCODED_LENGTH,
            EngineCommandDecoder.BLOCK_LENGTH,
            EngineCommandDecoder.SCHEMA_VERSION);
        // Var data lengths come from the message itself; they must add up to exactly the framed length.
        final int messageEnd = messageOffset + messageLength;
        if (!skipVarData(messageEnd) || decoder.limit() != messageEnd)
        {
            return 0;
        }
        return decoder.sequence();
    }

    private boolean skipVarData(final int messageEnd)
    {
        if (decoder.limit() + EngineCommandDecoder.clOrdIdHeaderLength() > messageEnd ||
            decoder.skipClOrdId() > ClientOrderId.MAX_LENGTH ||
            decoder.limit() + EngineCommandDecoder.origClOrdIdHeaderLength() > messageEnd)
        {
            return false;
        }
        return decoder.skipOrigClOrdId() <= ClientOrderId.MAX_LENGTH && decoder.limit() <= messageEnd;
    }
}
