package io.bourse.exchange.fix;

import io.bourse.fix42.decoder.HeaderDecoder;
import uk.co.real_logic.artio.util.AsciiBuffer;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * A header decoder for Artio's session parser that also finds SendingTime(52) when it comes after the body.
 *
 * <p>Why: the header decoder stops at the first body field, so a SendingTime moved behind the body is simply not
 * seen, and Artio's parser then fails to read the time and answers Reject 373=6 "incorrect data format" (and logs an
 * exception) before the venue sees the message. FIX 4.2 calls this a header field out of order, for which it has no
 * SessionRejectReason. With the time found, the message passes the session layer like any other (its MsgSeqNum is
 * consumed and its SendingTime is checked), and the venue's own decoder then meets tag 52 in the body and answers
 * the Reject FIX 4.2 wants, naming the tag and without 373 ({@link OrderEntry}).
 *
 * <p>Only a header without SendingTime, which is malformed anyway, costs anything more than the generated decoder:
 * the rest of the message is scanned once, and the header is decoded again from a copy that ends with the
 * misplaced field, so every value the decoder hands out comes from one consistent buffer.
 */
public final class LateSendingTimeHeaderDecoder extends HeaderDecoder
{
    private static final int INITIAL_COPY_BYTES = 512;
    private static final int SENDING_TIME = 52;

    private final FixFieldCursor fields = new FixFieldCursor();
    private MutableAsciiBuffer headerCopy = new MutableAsciiBuffer(new byte[INITIAL_COPY_BYTES]);

    @Override
    public int decode(final AsciiBuffer buffer, final int offset, final int length)
    {
        final int headerLength = super.decode(buffer, offset, length);
        if (sendingTimeLength() != 0)
        {
            return headerLength;
        }
        final FixFieldCursor field = fields.wrap(buffer, offset + headerLength, length - headerLength);
        // Only a whole field, ended by its SOH, is taken.
        if (!nextSendingTime(field) || field.valueEnd() >= offset + length)
        {
            return headerLength;
        }
        final int fieldStart = field.fieldStart();
        final int fieldLength = field.valueEnd() + 1 - fieldStart;
        final int copyLength = headerLength + fieldLength;
        if (headerCopy.capacity() < copyLength)
        {
            headerCopy = new MutableAsciiBuffer(new byte[copyLength]);
        }
        headerCopy.putBytes(0, buffer, offset, headerLength);
        headerCopy.putBytes(headerLength, buffer, fieldStart, fieldLength);
        reset();
        super.decode(headerCopy, 0, copyLength);
        return headerLength;
    }

    private static boolean nextSendingTime(final FixFieldCursor field)
    {
        while (field.next())
        {
            if (field.tag() == SENDING_TIME)
            {
                return true;
            }
        }
        return false;
    }
}
