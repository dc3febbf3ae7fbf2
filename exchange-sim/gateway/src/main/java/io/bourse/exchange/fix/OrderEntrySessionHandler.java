package io.bourse.exchange.fix;

import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.fix42.decoder.HeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;
import uk.co.real_logic.artio.session.InternalSession;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.util.function.BiConsumer;

import static io.aeron.logbuffer.ControlledFragmentHandler.Action.CONTINUE;

/**
 * Artio's callback for one logged-on session: hands application messages to {@link OrderEntry} (session-level
 * messages are Artio's), and applies cancel-on-disconnect when the session drops.
 */
final class OrderEntrySessionHandler implements SessionHandler
{
    private static final long[] ADMIN_MESSAGE_TYPES = {'0', '1', '2', '3', '4', '5', 'A'};

    private final ExchangeConfig.SessionConfig config;
    private final OrderEntry orderEntry;
    private final EpochNanoClock clock;
    private final Command massCancel = new Command();
    private final OrigSendingTimeCheck origSendingTimeCheck = new OrigSendingTimeCheck();
    private final MutableAsciiBuffer ascii = new MutableAsciiBuffer();
    private final HeaderDecoder header = new HeaderDecoder();
    private final HeaderPeek peek = new HeaderPeek();
    private int highestApplicationSeqNum;
    /** Artio's count of received messages after the previous message this handler saw. */
    private int lastReceivedAfterPreviousMessage;
    private final BiConsumer<ExchangeConfig.SessionConfig, Session> onLoggedOut;

    OrderEntrySessionHandler(
        final ExchangeConfig.SessionConfig config,
        final OrderEntry orderEntry,
        final EpochNanoClock clock,
        final BiConsumer<ExchangeConfig.SessionConfig, Session> onLoggedOut)
    {
        this.config = config;
        this.orderEntry = orderEntry;
        this.clock = clock;
        this.onLoggedOut = onLoggedOut;
    }

    /** Messages numbered up to here were received before this handler took over the session. */
    void receivedThrough(final int msgSeqNum)
    {
        highestApplicationSeqNum = msgSeqNum;
        lastReceivedAfterPreviousMessage = msgSeqNum;
    }

    @Override
    public Action onMessage(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int libraryId,
        final Session session,
        final int sequenceIndex,
        final long messageType,
        final long timestampInNs,
        final long position,
        final OnMessageInfo messageInfo)
    {
        if (!messageInfo.isValid())
        {
            final HeaderDecoder header = decodeHeader(buffer, offset, length);
            origSendingTimeCheck.onInvalidMessage(header, session);
            uncountRejectedStaleResend(header, session);
        }
        else if (!isAdmin(messageType) && !isStaleResend(buffer, offset, length))
        {
            orderEntry.onApplicationMessage(config.id(), session, buffer, offset, length, messageType);
        }
        lastReceivedAfterPreviousMessage = session.lastReceivedMsgSeqNum();
        return CONTINUE;
    }

    /**
     * Artio rejects a PossDupFlag=Y resend of a message it already received when the resend is malformed (without
     * OrigSendingTime, typically), but then counts it as the next expected message, so the counterparty's real next
     * message would be called too low and the session logged out. A resend of a number already received takes no
     * number: the count goes back to what it was. (Artio's public setter would also start a new sequence index.)
     */
    private void uncountRejectedStaleResend(final HeaderDecoder header, final Session session)
    {
        final int before = lastReceivedAfterPreviousMessage;
        if (before > 0 && header.hasPossDupFlag() && header.possDupFlag() && header.msgSeqNum() <= before &&
            session.lastReceivedMsgSeqNum() == before + 1 && session instanceof InternalSession internalSession)
        {
            internalSession.lastReceivedMsgSeqNumOnly(before);
        }
    }

    private HeaderDecoder decodeHeader(final DirectBuffer buffer, final int offset, final int length)
    {
        ascii.wrap(buffer);
        header.reset();
        header.decode(ascii, offset, length);
        return header;
    }

    /**
     * A PossDupFlag=Y copy of an application message already acted on is ignored, as FIX requires: a counterparty
     * that resends too much must not enter an order twice. The header is read in one pass ({@link HeaderPeek}): a full
     * header decode per order cost 6 % of the venue thread, and a search of the whole message for each field 5 %, while
     * the order's own decoder decodes the header again anyway.
     */
    private boolean isStaleResend(final DirectBuffer buffer, final int offset, final int length)
    {
        final HeaderPeek header = peek.read(buffer, offset, length);
        final int msgSeqNum = header.msgSeqNum();
        if (header.possDup() && msgSeqNum <= highestApplicationSeqNum)
        {
            return true;
        }
        highestApplicationSeqNum = Math.max(highestApplicationSeqNum, msgSeqNum);
        return false;
    }

    @Override
    public void onTimeout(final int libraryId, final Session session)
    {
    }

    @Override
    public void onSlowStatus(final int libraryId, final Session session, final boolean hasBecomeSlow)
    {
    }

    @Override
    public Action onDisconnect(final int libraryId, final Session session, final DisconnectReason reason)
    {
        if (reason == DisconnectReason.LOGOUT)
        {
            onLoggedOut.accept(config, session);
        }
        if (config.cancelOnDisconnect())
        {
            orderEntry.submit(massCancel.reset(CommandType.MASS_CANCEL)
                .timestamp(clock.nanoTime())
                .sessionId(config.id())
                .dayOnly(true));
        }
        return CONTINUE;
    }

    @Override
    public void onSessionStart(final Session session)
    {
        // The counterparty reset the sequence numbers (ResetSeqNumFlag): numbering starts again.
        highestApplicationSeqNum = 0;
        lastReceivedAfterPreviousMessage = session.lastReceivedMsgSeqNum();
    }

    private static boolean isAdmin(final long messageType)
    {
        for (final long admin : ADMIN_MESSAGE_TYPES)
        {
            if (messageType == admin)
            {
                return true;
            }
        }
        return false;
    }
}
