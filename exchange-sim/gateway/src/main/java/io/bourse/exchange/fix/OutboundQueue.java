package io.bourse.exchange.fix;

import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.session.Session;

import java.util.ArrayDeque;

/**
 * Everything the venue sends goes through here, on the venue thread, and is never waited for: when Artio's
 * publication to the framer is full, the message is copied and queued, in order, and sent by a later duty cycle.
 * Waiting instead would stop the venue thread from polling its library, the framer would then block on the full
 * inbound stream, and the two would wait for each other forever. Copies are made only under back-pressure.
 */
final class OutboundQueue
{
    private final ArrayDeque<Session> sessions = new ArrayDeque<>();
    private final ArrayDeque<Encoder> messages = new ArrayDeque<>();
    private final Sender sender;

    OutboundQueue()
    {
        this(Session::trySend);
    }

    /** With another way to hand a message to Artio than {@link Session#trySend}: tests use it to apply back-pressure. */
    OutboundQueue(final Sender sender)
    {
        this.sender = sender;
    }

    /** Sends now if nothing is waiting and the publication has room; otherwise queues a copy behind the rest. */
    void send(final Session session, final Encoder encoder)
    {
        if (messages.isEmpty() && sender.trySend(session, encoder) >= 0)
        {
            return;
        }
        sessions.addLast(session);
        messages.addLast(copyOf(encoder));
    }

    /** Sends queued messages in order until one is back-pressured; returns how many went out. */
    int drain()
    {
        int sent = 0;
        while (!messages.isEmpty())
        {
            if (sender.trySend(sessions.peekFirst(), messages.peekFirst()) < 0)
            {
                break;
            }
            sessions.pollFirst();
            messages.pollFirst();
            sent++;
        }
        return sent;
    }

    int size()
    {
        return messages.size();
    }

    private static Encoder copyOf(final Encoder encoder)
    {
        try
        {
            return encoder.copyTo(encoder.getClass().getDeclaredConstructor().newInstance());
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot copy " + encoder.getClass(), ex);
        }
    }

    /** Hands one message to Artio; a negative answer means back-pressure, as {@link Session#trySend}'s does. */
    @FunctionalInterface
    interface Sender
    {
        long trySend(Session session, Encoder encoder);
    }
}
