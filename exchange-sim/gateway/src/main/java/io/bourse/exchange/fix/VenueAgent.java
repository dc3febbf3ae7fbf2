package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.session.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * The one thread that owns the FIX library and the matching engine: each duty cycle polls the library (whose
 * callbacks run the engine inline, so an order crosses no thread between its decode and its acknowledgement) and
 * ticks the engine's timer when a GTD order is due. See docs/ARCHITECTURE.md for why the engine shares this thread.
 */
public final class VenueAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 100;
    /**
     * Above this many messages held back by a full publication, the venue stops taking new messages from the library
     * until the framer has caught up: the framer then stops reading sockets, so TCP pushes back on the counterparties
     * instead of the queue growing without bound (each held message is a copy on the heap).
     */
    static final int MAX_OUTBOUND_BACKLOG = 1_000;

    private final SessionRegistry sessions;
    private final OrderEntry orderEntry;
    private final OutboundQueue outbound;
    private final EpochNanoClock clock;
    private final Command timerTick = new Command();
    private final List<Session> acquired = new ArrayList<>();
    private FixLibrary library;
    private FixEngine fixEngine;
    private io.bourse.exchange.engine.MatchingEngine engine;

    public VenueAgent(
        final SessionRegistry sessions, final OrderEntry orderEntry, final OutboundQueue outbound, final EpochNanoClock clock)
    {
        this.outbound = outbound;
        this.sessions = sessions;
        this.orderEntry = orderEntry;
        this.clock = clock;
    }

    /** Set before the agent starts: the library is connected on the main thread so start-up can fail fast. */
    public void library(final FixLibrary library)
    {
        this.library = library;
    }

    /** Set before the agent starts: read only, to tick the timer when a GTD order is due (ticks are journaled). */
    public void engine(final io.bourse.exchange.engine.MatchingEngine engine)
    {
        this.engine = engine;
    }

    /** Set before the agent starts: to reset the sequence numbers of ResetOnLogout sessions after a logout. */
    public void fixEngine(final FixEngine fixEngine)
    {
        this.fixEngine = fixEngine;
    }

    /** Artio's session acquire callback: a counterparty has logged on (or an offline session was handed over). */
    public SessionHandler onSessionAcquired(final Session session, final SessionAcquiredInfo info)
    {
        final ExchangeConfig.SessionConfig config = sessions.configFor(session.compositeKey().remoteCompId());
        sessions.attach(config.id(), session);
        acquired.add(session);
        final OrderEntrySessionHandler handler = new OrderEntrySessionHandler(config, orderEntry, clock, this::onLoggedOut);
        handler.receivedThrough(session.lastReceivedMsgSeqNum());
        return handler;
    }

    /** A session ended with a Logout exchange: ResetOnLogout starts its next connection at 1. */
    private void onLoggedOut(final ExchangeConfig.SessionConfig config, final Session session)
    {
        if (config.resetOnLogout() && !config.resetsOnEveryConnection())
        {
            fixEngine.resetSequenceNumber(session.id());
        }
    }

    @Override
    public int doWork()
    {
        int work = outbound.drain();
        if (outbound.size() < MAX_OUTBOUND_BACKLOG)
        {
            work += library.poll(FRAGMENT_LIMIT);
        }
        final long now = clock.nanoTime();
        if (now >= engine.nextExpiryTime())
        {
            orderEntry.submit(timerTick.reset(CommandType.TIMER_TICK).timestamp(now));
            work++;
        }
        return work;
    }

    /**
     * Starts the Logout exchange on every connected session, for a clean shutdown: each session waits for the
     * counterparty's Logout before it disconnects, so neither side is left with a message the other never saw.
     */
    public void startLogoutAll()
    {
        for (final Session session : acquired)
        {
            if (session.isActive())
            {
                session.startLogout();
            }
        }
    }

    /** Disconnects whatever is still connected (a counterparty that never answered the Logout). */
    public void disconnectAll()
    {
        for (final Session session : acquired)
        {
            if (session.isActive())
            {
                session.logoutAndDisconnect();
            }
        }
    }

    /** Sends what back-pressure held back; for the shutdown, when the duty cycle no longer runs. */
    public int drainOutbound()
    {
        return outbound.drain();
    }

    public boolean hasOutboundBacklog()
    {
        return outbound.size() > 0;
    }

    public boolean anySessionActive()
    {
        for (final Session session : acquired)
        {
            if (session.isActive())
            {
                return true;
            }
        }
        return false;
    }

    public FixLibrary library()
    {
        return library;
    }

    @Override
    public String roleName()
    {
        return "bourse-venue";
    }
}
