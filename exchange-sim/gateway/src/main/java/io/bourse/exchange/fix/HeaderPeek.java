package io.bourse.exchange.fix;

import org.agrona.DirectBuffer;

/**
 * Reads single header fields straight from a framed FIX message (checksum and body length already checked), where
 * decoding the whole header would cost more than the field is worth, or where the decoder would not look. Each tag
 * is found as {@code <SOH>tag=}, which only the start of a field can match.
 */
final class HeaderPeek
{
    private static final byte SOH = 1;
    private static final byte[] MSG_SEQ_NUM = {SOH, '3', '4', '='};
    private static final byte[] POSS_DUP_FLAG_YES = {SOH, '4', '3', '=', 'Y', SOH};
    private static final byte[] SENDING_TIME = {SOH, '5', '2', '='};

    private HeaderPeek()
    {
    }

    /** MsgSeqNum(34), or 0 if the message has none. */
    static int msgSeqNum(final DirectBuffer buffer, final int offset, final int length)
    {
        final int valueStart = indexAfter(buffer, offset, offset + length, MSG_SEQ_NUM);
        if (valueStart < 0)
        {
            return 0;
        }
        int value = 0;
        for (int i = valueStart; i < offset + length; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** True if the message carries PossDupFlag(43)=Y. */
    static boolean hasPossDupFlagYes(final DirectBuffer buffer, final int offset, final int length)
    {
        return indexAfter(buffer, offset, offset + length, POSS_DUP_FLAG_YES) >= 0;
    }

    /**
     * Where the first SendingTime(52) field in {@code [start, end)} begins (its tag's first digit), or -1. Start at
     * the SOH that ends the field before the place to search from.
     */
    static int sendingTimeField(final DirectBuffer buffer, final int start, final int end)
    {
        final int valueStart = indexAfter(buffer, start, end, SENDING_TIME);
        return valueStart < 0 ? -1 : valueStart - (SENDING_TIME.length - 1);
    }

    private static int indexAfter(final DirectBuffer buffer, final int start, final int end, final byte[] pattern)
    {
        final int last = end - pattern.length;
        for (int i = start; i <= last; i++)
        {
            if (buffer.getByte(i) == pattern[0] && matches(buffer, i, pattern))
            {
                return i + pattern.length;
            }
        }
        return -1;
    }

    private static boolean matches(final DirectBuffer buffer, final int at, final byte[] pattern)
    {
        for (int j = 1; j < pattern.length; j++)
        {
            if (buffer.getByte(at + j) != pattern[j])
            {
                return false;
            }
        }
        return true;
    }
}
