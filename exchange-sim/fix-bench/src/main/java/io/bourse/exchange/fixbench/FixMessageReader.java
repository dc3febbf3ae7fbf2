package io.bourse.exchange.fixbench;

import java.nio.charset.StandardCharsets;

/**
 * Reads FIX messages in place. {@link #frameLength} finds where a message ends from its BodyLength (so a stream can
 * be cut into messages without scanning for {@code 10=}); a reader {@link #wrap wrapped} around one message then
 * walks its fields with {@link #next()}. Nothing is copied or allocated except by {@link #stringValue()}.
 */
final class FixMessageReader
{
    /** {@link #frameLength} when the bytes so far hold no complete message yet. */
    static final int INCOMPLETE = 0;

    private static final int CHECKSUM_FIELD_LENGTH = 7;
    private static final int LONGEST_BEGIN_STRING_FIELD = 32;

    private byte[] buffer;
    private int end;
    private int position;
    private int tag;
    private int valueOffset;
    private int valueLength;
    private int rawDataLength = -1;

    /**
     * The length of the complete message that starts at {@code offset}, or {@link #INCOMPLETE} when the bytes up to
     * {@code end} hold only its beginning.
     *
     * @throws IllegalStateException when the bytes are not a FIX message: no BeginString first, no BodyLength second,
     *                               or no CheckSum where BodyLength says the body ends
     */
    static int frameLength(final byte[] buffer, final int offset, final int end)
    {
        final int available = end - offset;
        if (available < 2)
        {
            return INCOMPLETE;
        }
        if (buffer[offset] != '8' || buffer[offset + 1] != '=')
        {
            throw malformed("does not start with BeginString(8)", buffer, offset, end);
        }
        int cursor = indexOfSoh(buffer, offset + 2, Math.min(end, offset + LONGEST_BEGIN_STRING_FIELD));
        if (cursor < 0)
        {
            if (available < LONGEST_BEGIN_STRING_FIELD)
            {
                return INCOMPLETE;
            }
            throw malformed("BeginString(8) has no end", buffer, offset, end);
        }
        cursor++;
        if (end - cursor < 2)
        {
            return INCOMPLETE;
        }
        if (buffer[cursor] != '9' || buffer[cursor + 1] != '=')
        {
            throw malformed("BodyLength(9) is not the second field", buffer, offset, end);
        }
        cursor += 2;
        int bodyLength = 0;
        int digits = 0;
        while (true)
        {
            if (cursor >= end)
            {
                return INCOMPLETE;
            }
            final byte b = buffer[cursor++];
            if (b == Fix.SOH)
            {
                break;
            }
            if (b < '0' || b > '9' || ++digits > 7)
            {
                throw malformed("BodyLength(9) is not a number", buffer, offset, end);
            }
            bodyLength = bodyLength * 10 + (b - '0');
        }
        if (digits == 0)
        {
            throw malformed("BodyLength(9) is empty", buffer, offset, end);
        }
        final int checksumStart = cursor + bodyLength;
        final int messageEnd = checksumStart + CHECKSUM_FIELD_LENGTH;
        if (messageEnd > end)
        {
            return INCOMPLETE;
        }
        if (buffer[checksumStart] != '1' || buffer[checksumStart + 1] != '0' || buffer[checksumStart + 2] != '=' ||
            buffer[messageEnd - 1] != Fix.SOH || buffer[checksumStart - 1] != Fix.SOH)
        {
            throw malformed(
                "no CheckSum(10) where BodyLength(9) " + bodyLength + " ends the body", buffer, offset, end);
        }
        return messageEnd - offset;
    }

    /** The FIX checksum of these bytes: their sum modulo 256. */
    static int checksum(final byte[] buffer, final int offset, final int length)
    {
        int sum = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            sum += buffer[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    /** Whether the CheckSum(10) of a framed message matches its bytes. */
    static boolean hasValidChecksum(final byte[] buffer, final int offset, final int length)
    {
        final int checksumValue = offset + length - 4;
        int stated = 0;
        for (int i = checksumValue; i < checksumValue + 3; i++)
        {
            final byte b = buffer[i];
            if (b < '0' || b > '9')
            {
                return false;
            }
            stated = stated * 10 + (b - '0');
        }
        return stated == checksum(buffer, offset, length - CHECKSUM_FIELD_LENGTH);
    }

    /** Positions the reader before the first field of the message at {@code offset}. */
    FixMessageReader wrap(final byte[] buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        this.rawDataLength = -1;
        this.tag = 0;
        return this;
    }

    /**
     * Moves to the next field. RawData(96) is read for exactly the length RawDataLength(95) gave, since it may hold
     * SOH bytes.
     *
     * @return false after the last field
     * @throws IllegalStateException when a field is not {@code tag=value<SOH>}
     */
    boolean next()
    {
        if (position >= end)
        {
            return false;
        }
        int cursor = position;
        int parsedTag = 0;
        while (cursor < end && buffer[cursor] != '=')
        {
            final byte b = buffer[cursor++];
            if (b < '0' || b > '9')
            {
                throw malformed("a tag is not a number", buffer, position, end);
            }
            parsedTag = parsedTag * 10 + (b - '0');
        }
        if (cursor >= end || cursor == position)
        {
            throw malformed("a field has no tag or no '='", buffer, position, end);
        }
        cursor++;
        final int valueStart = cursor;
        final int valueEnd;
        if (parsedTag == Fix.RAW_DATA && rawDataLength >= 0)
        {
            valueEnd = valueStart + rawDataLength;
            if (valueEnd >= end || buffer[valueEnd] != Fix.SOH)
            {
                throw malformed("RawData(96) is not RawDataLength(95) bytes long", buffer, position, end);
            }
        }
        else
        {
            valueEnd = indexOfSoh(buffer, valueStart, end);
            if (valueEnd < 0)
            {
                throw malformed("the last field has no SOH", buffer, position, end);
            }
        }
        tag = parsedTag;
        valueOffset = valueStart;
        valueLength = valueEnd - valueStart;
        position = valueEnd + 1;
        if (parsedTag == Fix.RAW_DATA_LENGTH)
        {
            rawDataLength = (int)longValue();
        }
        return true;
    }

    int tag()
    {
        return tag;
    }

    int valueOffset()
    {
        return valueOffset;
    }

    int valueLength()
    {
        return valueLength;
    }

    /** The first byte of the value: what single-character fields such as MsgType(35) or ExecType(150) need. */
    byte firstByte()
    {
        return valueLength == 0 ? 0 : buffer[valueOffset];
    }

    /** The value as a non-negative decimal integer, or -1 when it is not one. */
    long longValue()
    {
        if (valueLength == 0 || valueLength > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = valueOffset, last = valueOffset + valueLength; i < last; i++)
        {
            final byte b = buffer[i];
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    boolean valueEquals(final byte[] expected)
    {
        if (expected.length != valueLength)
        {
            return false;
        }
        for (int i = 0; i < valueLength; i++)
        {
            if (buffer[valueOffset + i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The value as text; allocates, so for rare messages only (rejects, logouts). */
    String stringValue()
    {
        return new String(buffer, valueOffset, valueLength, StandardCharsets.US_ASCII);
    }

    /** Renders a message with '|' for SOH, for error messages. */
    static String toText(final byte[] buffer, final int offset, final int length)
    {
        return new String(buffer, offset, length, StandardCharsets.US_ASCII).replace('\u0001', '|');
    }

    private static int indexOfSoh(final byte[] buffer, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            if (buffer[i] == Fix.SOH)
            {
                return i;
            }
        }
        return -1;
    }

    private static IllegalStateException malformed(
        final String problem, final byte[] buffer, final int offset, final int end)
    {
        final int shown = Math.min(end - offset, 200);
        return new IllegalStateException("not a FIX message (" + problem + "): " + toText(buffer, offset, shown));
    }
}
