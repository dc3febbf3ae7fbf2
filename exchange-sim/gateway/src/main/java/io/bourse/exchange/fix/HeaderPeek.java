package io.bourse.exchange.fix;

import org.agrona.DirectBuffer;

/**
 * Reads header fields straight from a framed FIX message (checksum and body length already checked), where decoding
 * the whole header would cost more than the fields are worth.
 *
 * <p>{@link #read} takes MsgSeqNum(34) and PossDupFlag(43) in one pass over the header's fields, stopping at the
 * first field that is not a {@link StandardHeaderTags header field}: every application message pays for its header
 * only, not for a search through its body.
 */
final class HeaderPeek
{
    private static final int MSG_SEQ_NUM = 34;
    private static final int POSS_DUP_FLAG = 43;

    private final FixFieldCursor fields = new FixFieldCursor();
    private int msgSeqNum;
    private boolean possDup;

    /** Reads the message's header; the values are then those of this message until the next call. */
    HeaderPeek read(final DirectBuffer buffer, final int offset, final int length)
    {
        msgSeqNum = 0;
        possDup = false;
        final FixFieldCursor field = fields.wrap(buffer, offset, length);
        while (field.next())
        {
            final int tag = field.tag();
            if (tag == MSG_SEQ_NUM)
            {
                msgSeqNum = parsePositiveInt(buffer, field.valueStart(), field.valueEnd());
            }
            else if (tag == POSS_DUP_FLAG)
            {
                possDup = field.valueEnd() - field.valueStart() == 1 && buffer.getByte(field.valueStart()) == 'Y';
            }
            else if (!StandardHeaderTags.contains(tag))
            {
                break;
            }
        }
        return this;
    }

    /** MsgSeqNum(34) of the message last read, or 0 if its header has none (or not a number). */
    int msgSeqNum()
    {
        return msgSeqNum;
    }

    /** True if the header of the message last read carries PossDupFlag(43)=Y. */
    boolean possDup()
    {
        return possDup;
    }

    private static int parsePositiveInt(final DirectBuffer buffer, final int start, final int end)
    {
        if (start >= end)
        {
            return 0;
        }
        int value = 0;
        for (int i = start; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return 0;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
