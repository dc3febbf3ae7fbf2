package io.bourse.exchange.journal;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Checksummed records in a direct buffer, shared by journal and snapshot files. A record is
 * <pre>
 *   0  int32  messageLength   SBE header + body + var data; 0 = no record here (end of data)
 *   4  int32  checksum        CRC32C of the record without this field: bytes [0, 4) and [8, recordLength)
 *   8  byte[messageLength]    one SBE message
 *      zero padding           to the next multiple of 8
 * </pre>
 * little endian. The length is written last, so a record whose length is visible is complete, and a record torn
 * by a crash (partial length, partial body or garbage) fails the checksum or the bounds check. Covering the
 * length and the padding means that any single damaged byte is detected.
 */
final class RecordFraming
{
    static final int LENGTH_OFFSET = 0;
    static final int CHECKSUM_OFFSET = 4;
    static final int FRAME_HEADER_LENGTH = 8;
    static final int ALIGNMENT = 8;
    static final ByteOrder FILE_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final boolean NATIVE_IS_FILE_ORDER = ByteOrder.nativeOrder() == FILE_ORDER;

    /** {@link #messageLengthAt}: nothing follows (a zero length, or too few bytes left for a frame header). */
    static final int END_OF_DATA = 0;
    /** {@link #messageLengthAt}: a damaged or torn record. */
    static final int INVALID = -1;

    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private ByteBuffer checksumView;

    static int recordLength(final int messageLength)
    {
        return BitUtil.align(FRAME_HEADER_LENGTH + messageLength, ALIGNMENT);
    }

    /** Points at new memory; only this allocates (one duplicate), so call it when a mapping changes, not per record. */
    void wrap(final ByteBuffer directBuffer)
    {
        buffer.wrap(directBuffer);
        checksumView = directBuffer.duplicate();
    }

    /** The wrapped memory, to encode messages at {@code recordOffset + FRAME_HEADER_LENGTH}. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Seals the message already encoded at {@code recordOffset + FRAME_HEADER_LENGTH}: zeroes the padding, writes
     * the checksum, then the length with release semantics.
     *
     * @return the record length, to advance the write position by.
     */
    int commit(final int recordOffset, final int messageLength)
    {
        final int recordLength = recordLength(messageLength);
        final int messageEnd = recordOffset + FRAME_HEADER_LENGTH + messageLength;
        buffer.setMemory(messageEnd, recordOffset + recordLength - messageEnd, (byte)0);
        buffer.putInt(recordOffset + CHECKSUM_OFFSET, checksum(recordOffset, messageLength, recordLength), FILE_ORDER);
        buffer.putIntRelease(recordOffset + LENGTH_OFFSET, toFileOrder(messageLength));
        return recordLength;
    }

    /**
     * @param limit end of the readable bytes (the file size).
     * @return the message length of a sound record at {@code recordOffset}, {@link #END_OF_DATA} or {@link #INVALID}.
     */
    int messageLengthAt(final int recordOffset, final int limit, final int maxMessageLength)
    {
        if (recordOffset + FRAME_HEADER_LENGTH > limit)
        {
            return END_OF_DATA;
        }
        final int messageLength = toFileOrder(buffer.getIntAcquire(recordOffset + LENGTH_OFFSET));
        if (messageLength == 0)
        {
            return END_OF_DATA;
        }
        if (messageLength < 0 || messageLength > maxMessageLength)
        {
            return INVALID;
        }
        final int recordLength = recordLength(messageLength);
        if (recordLength > limit - recordOffset)
        {
            return INVALID;
        }
        final int storedChecksum = buffer.getInt(recordOffset + CHECKSUM_OFFSET, FILE_ORDER);
        if (storedChecksum != checksum(recordOffset, messageLength, recordLength))
        {
            return INVALID;
        }
        return messageLength;
    }

    /** The length goes in as a value: {@link #commit} computes the checksum before the length is in memory. */
    private int checksum(final int recordOffset, final int messageLength, final int recordLength)
    {
        crc.reset();
        crc.update(messageLength & 0xFF);
        crc.update((messageLength >>> 8) & 0xFF);
        crc.update((messageLength >>> 16) & 0xFF);
        crc.update(messageLength >>> 24);
        // Reset the limit before the position so that neither call sees position > limit.
        final int bodyOffset = recordOffset + FRAME_HEADER_LENGTH;
        checksumView.limit(checksumView.capacity()).position(bodyOffset).limit(recordOffset + recordLength);
        crc.update(checksumView);
        // CRC32C keeps 32 bits; the int cast only changes how they are stored, not the value compared.
        return (int)crc.getValue();
    }

    /** The length is read and written with acquire/release, which only exist in native order. */
    private static int toFileOrder(final int value)
    {
        return NATIVE_IS_FILE_ORDER ? value : Integer.reverseBytes(value);
    }
}
