package io.bourse.exchange.fix;

import io.bourse.fix42.decoder.HeaderDecoder;
import org.agrona.DirectBuffer;
import uk.co.real_logic.artio.fields.UtcTimestampDecoder;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * Two FIX 4.2 rules for possible duplicates that Artio answers only halfway; checked only for messages Artio already
 * marked invalid, so valid traffic pays nothing.
 * <ul>
 * <li>OrigSendingTime(122) later than SendingTime(52): Artio sends the Reject (SessionRejectReason 10); the session
 *     must then be logged out.</li>
 * <li>PossDupFlag=Y without OrigSendingTime on a number already received: Artio sends the Reject
 *     (SessionRejectReason 1) but also counts the message as the next one expected, so the counterparty's real next
 *     message would be "too low"; the expected number is put back.</li>
 * </ul>
 */
final class PossDupChecks
{
    private static final byte[] LOGOUT_TEXT = "SendingTime accuracy problem".getBytes();

    private final MutableAsciiBuffer ascii = new MutableAsciiBuffer();
    private final HeaderDecoder header = new HeaderDecoder();
    private final UtcTimestampDecoder timestamps = new UtcTimestampDecoder(true);

    void onInvalidMessage(final DirectBuffer buffer, final int offset, final int length, final Session session)
    {
        ascii.wrap(buffer);
        header.reset();
        header.decode(ascii, offset, length);
        if (!header.hasPossDupFlag() || !header.possDupFlag())
        {
            return;
        }
        if (!header.hasOrigSendingTime())
        {
            final int lastReceived = session.lastReceivedMsgSeqNum();
            if (header.msgSeqNum() < lastReceived)
            {
                session.lastReceivedMsgSeqNum(lastReceived - 1);
            }
            return;
        }
        final long sendingTime = timestamps.decodeNanos(header.sendingTime(), header.sendingTimeLength());
        final long origSendingTime = timestamps.decodeNanos(header.origSendingTime(), header.origSendingTimeLength());
        if (origSendingTime > sendingTime)
        {
            session.logoutAndDisconnect(LOGOUT_TEXT);
        }
    }
}
