package io.bourse.exchange.fixbench;

import java.nio.ByteBuffer;

/**
 * Writes one FIX 4.2 message at a time into a buffer it owns and reuses, without allocating: {@link #begin} writes
 * MsgType, the field methods append {@code tag=value<SOH>}, and {@link #finish} puts BeginString and BodyLength in
 * front of the body and CheckSum after it.
 *
 * <p>The body is written first, after room reserved for the longest BeginString + BodyLength prefix, because
 * BodyLength is only known at the end; the prefix then goes right in front of the body, so the finished message
 * starts at {@link #offset()}, not at 0.
 */
final class FixMessageWriter
{
    private static final byte[] BEGIN_STRING_AND_BODY_LENGTH_TAG = Fix.ascii("8=FIX.4.2\u00019=");
    private static final int MAX_BODY_LENGTH_DIGITS = 7;
    private static final int BODY_START = BEGIN_STRING_AND_BODY_LENGTH_TAG.length + MAX_BODY_LENGTH_DIGITS + 1;
    private static final int CHECKSUM_FIELD_LENGTH = 7;

    private final byte[] buffer;
    private final UtcTimestamps timestamps = new UtcTimestamps();
    private int position;
    private int messageOffset;
    private int messageLength;

    FixMessageWriter(final int maxMessageLength)
    {
        buffer = new byte[BODY_START + maxMessageLength + CHECKSUM_FIELD_LENGTH];
    }

    /** Starts a message of this MsgType; anything written since the last begin is discarded. */
    FixMessageWriter begin(final byte[] msgType)
    {
        position = BODY_START;
        messageLength = 0;
        return field(Fix.MSG_TYPE, msgType);
    }

    FixMessageWriter field(final int tag, final byte[] value)
    {
        return field(tag, value, 0, value.length);
    }

    FixMessageWriter field(final int tag, final byte[] value, final int offset, final int length)
    {
        putTag(tag);
        System.arraycopy(value, offset, buffer, position, length);
        position += length;
        buffer[position++] = Fix.SOH;
        return this;
    }

    FixMessageWriter field(final int tag, final char value)
    {
        putTag(tag);
        buffer[position++] = (byte)value;
        buffer[position++] = Fix.SOH;
        return this;
    }

    FixMessageWriter field(final int tag, final long value)
    {
        putTag(tag);
        position = putLong(buffer, position, value);
        buffer[position++] = Fix.SOH;
        return this;
    }

    /** A field whose value is {@code prefix} followed by {@code number} in decimal, e.g. a ClOrdID "x7-42". */
    FixMessageWriter field(final int tag, final byte[] prefix, final long number)
    {
        putTag(tag);
        System.arraycopy(prefix, 0, buffer, position, prefix.length);
        position = putLong(buffer, position + prefix.length, number);
        buffer[position++] = Fix.SOH;
        return this;
    }

    /** A decimal field: {@code mantissa} scaled by 10^-decimals, e.g. (9501, 2) is 95.01. */
    FixMessageWriter decimal(final int tag, final long mantissa, final int decimals)
    {
        putTag(tag);
        long magnitude = mantissa;
        if (mantissa < 0)
        {
            buffer[position++] = '-';
            magnitude = -mantissa;
        }
        long unit = 1;
        for (int i = 0; i < decimals; i++)
        {
            unit *= 10;
        }
        position = putLong(buffer, position, magnitude / unit);
        if (decimals > 0)
        {
            buffer[position++] = '.';
            long fraction = magnitude % unit;
            for (int i = position + decimals - 1; i >= position; i--)
            {
                buffer[i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            position += decimals;
        }
        buffer[position++] = Fix.SOH;
        return this;
    }

    /** A UTCTimestamp field with milliseconds. */
    FixMessageWriter timestamp(final int tag, final long epochMillis)
    {
        putTag(tag);
        position = timestamps.put(buffer, position, epochMillis);
        buffer[position++] = Fix.SOH;
        return this;
    }

    /** Completes the message: BeginString and BodyLength in front, CheckSum at the end; returns its length. */
    int finish()
    {
        final int bodyLength = position - BODY_START;
        int start = BODY_START - 1;
        buffer[start] = Fix.SOH;
        long remaining = bodyLength;
        do
        {
            buffer[--start] = (byte)('0' + remaining % 10);
            remaining /= 10;
        }
        while (remaining != 0);
        start -= BEGIN_STRING_AND_BODY_LENGTH_TAG.length;
        System.arraycopy(BEGIN_STRING_AND_BODY_LENGTH_TAG, 0, buffer, start, BEGIN_STRING_AND_BODY_LENGTH_TAG.length);

        final int checksum = FixMessageReader.checksum(buffer, start, position - start);
        buffer[position++] = '1';
        buffer[position++] = '0';
        buffer[position++] = '=';
        buffer[position++] = (byte)('0' + checksum / 100);
        buffer[position++] = (byte)('0' + checksum / 10 % 10);
        buffer[position++] = (byte)('0' + checksum % 10);
        buffer[position++] = Fix.SOH;
        messageOffset = start;
        messageLength = position - start;
        return messageLength;
    }

    byte[] buffer()
    {
        return buffer;
    }

    int offset()
    {
        return messageOffset;
    }

    int length()
    {
        return messageLength;
    }

    /** Appends the finished message to {@code destination}. */
    void copyTo(final ByteBuffer destination)
    {
        destination.put(buffer, messageOffset, messageLength);
    }

    private void putTag(final int tag)
    {
        position = putLong(buffer, position, tag);
        buffer[position++] = '=';
    }

    /** Writes a decimal integer at {@code offset}; returns the offset after it. */
    static int putLong(final byte[] destination, final int offset, final long value)
    {
        if (value < 0)
        {
            if (value == Long.MIN_VALUE)
            {
                throw new IllegalArgumentException("no FIX value for Long.MIN_VALUE");
            }
            destination[offset] = '-';
            return putLong(destination, offset + 1, -value);
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10)
        {
            digits++;
        }
        long rest = value;
        for (int i = offset + digits - 1; i >= offset; i--)
        {
            destination[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        return offset + digits;
    }
}
