package io.bourse.exchange.fix;

import org.agrona.DirectBuffer;

/**
 * Walks the fields of a framed FIX message in place, as the codecs frame them: a tag up to the '=', its value up to
 * the next SOH. For the checks that read a few fields of a message without decoding it ({@link HeaderPeek},
 * {@link RepeatingGroupOrder}, {@link LateSendingTimeHeaderDecoder}). Reusable: {@link #wrap} starts over.
 */
final class FixFieldCursor
{
    private static final byte EQUALS = '=';
    private static final byte SOH = 1;

    private DirectBuffer buffer;
    private int position;
    private int end;
    private int tag;
    private int fieldStart;
    private int valueStart;
    private int valueEnd;

    FixFieldCursor wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
        return this;
    }

    /** Moves to the next field; false when none is left. */
    boolean next()
    {
        if (position >= end)
        {
            return false;
        }
        fieldStart = position;
        int parsed = 0;
        byte b;
        while (position < end && (b = buffer.getByte(position)) != EQUALS)
        {
            parsed = parsed * 10 + (b - '0');
            position++;
        }
        valueStart = ++position;
        while (position < end && buffer.getByte(position) != SOH)
        {
            position++;
        }
        valueEnd = position++;
        tag = parsed;
        return true;
    }

    /** The current field's tag (not a meaningful number if the tag is not all digits). */
    int tag()
    {
        return tag;
    }

    /** Where the current field starts in the buffer: its tag's first digit. */
    int fieldStart()
    {
        return fieldStart;
    }

    /** Where the current field's value starts in the buffer. */
    int valueStart()
    {
        return valueStart;
    }

    /** Where the current field's value ends (exclusive): its SOH, or the end of the message. */
    int valueEnd()
    {
        return valueEnd;
    }
}
