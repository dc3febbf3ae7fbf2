package io.bourse.exchange.fix;

import io.bourse.fix42.decoder.HeaderDecoder;
import uk.co.real_logic.artio.fields.UtcTimestampDecoder;
import uk.co.real_logic.artio.session.Session;

/**
 * A FIX 4.2 rule for possible duplicates that Artio answers only halfway: a message whose OrigSendingTime(122) is
 * later than its SendingTime(52) gets the Reject (SessionRejectReason 10) from Artio, and the session must then be
 * logged out. Checked only for messages Artio already marked invalid, so valid traffic pays nothing.
 */
final class OrigSendingTimeCheck
{
    private static final byte[] LOGOUT_TEXT = "SendingTime accuracy problem".getBytes();

    private final UtcTimestampDecoder timestamps = new UtcTimestampDecoder(true);

    /** Logs the session out when the invalid message, whose header is decoded, is stamped later than it was sent. */
    void onInvalidMessage(final HeaderDecoder header, final Session session)
    {
        // No SendingTime in the header (it came after the body, or not at all): the message is refused for that.
        if (!header.hasPossDupFlag() || !header.possDupFlag() || !header.hasOrigSendingTime() ||
            header.sendingTimeLength() == 0)
        {
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
