package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.session.SessionProxyFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import static uk.co.real_logic.artio.GatewayProcess.NO_CONNECTION_ID;
import static uk.co.real_logic.artio.messages.SessionState.DISABLED;
import static uk.co.real_logic.artio.messages.SessionState.DISCONNECTED;

/**
 * The one thread that owns the FIX library and the matching engine: each duty cycle polls the library (whose
 * callbacks run the engine inline, so an order crosses no thread between its decode and its acknowledgement) and
 * ticks the engine's timer when a GTD order is due, and ends the FIX day of sessions with a daily reset time. See
 * docs/ARCHITECTURE.md for why the engine shares this thread.
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
    private static final long START_UP_RESET_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SessionRegistry sessions;
    private final OrderEntry orderEntry;
    private final OutboundQueue outbound;
    private final EpochNanoClock clock;
    private final Command timerTick = new Command();
    private final List<Session> acquired = new ArrayList<>();
    /** ResetOnLogout sessions that ended with a Logout exchange and whose sequence reset is not written yet. */
    private final List<LoggedOut> loggedOutToReset = new ArrayList<>();
    private final SessionResetSchedule dailyResets;
    private FixLibrary library;
    private IntUnaryOperator libraryPoll;
    private io.bourse.exchange.engine.MatchingEngine engine;

    public VenueAgent(
        final SessionRegistry sessions, final OrderEntry orderEntry, final OutboundQueue outbound, final EpochNanoClock clock)
    {
        this.outbound = outbound;
        this.sessions = sessions;
        this.orderEntry = orderEntry;
        this.clock = clock;
        this.dailyResets = new SessionResetSchedule(sessions, clock.nanoTime(), System.out::println);
    }

    /** Set before the agent starts: the library is connected on the main thread so start-up can fail fast. */
    public void library(final FixLibrary library)
    {
        this.library = library;
        this.libraryPoll = library::poll;
    }

    /** For tests: what the duty cycle calls instead of {@link FixLibrary#poll(int)}. */
    void libraryPoll(final IntUnaryOperator poll)
    {
        this.libraryPoll = poll;
    }

    /** Set before the agent starts: read only, to tick the timer when a GTD order is due (ticks are journaled). */
    public void engine(final io.bourse.exchange.engine.MatchingEngine engine)
    {
        this.engine = engine;
    }

    /** For the library's configuration: the session proxy that puts the end-of-day Text on the venue's Logout. */
    public SessionProxyFactory sessionProxyFactory()
    {
        return dailyResets.sessionProxyFactory();
    }

    /**
     * Start-up, after the offline sessions are acquired and before the agent runs: resets the sessions whose daily
     * reset time passed while the venue was down (docs/fix-rules-of-engagement.md section 2.2).
     */
    public void resetSessionsPastTheirResetTime()
    {
        final long deadline = System.nanoTime() + START_UP_RESET_TIMEOUT_NANOS;
        while (!dailyResets.resetSessionsPastTheirResetTime(clock.nanoTime()))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("could not reset the FIX sessions whose daily reset time passed " +
                    "while the venue was down: the library stayed back-pressured for 10 s");
            }
            library.poll(10);
            Thread.onSpinWait();
        }
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

    /**
     * A session ended with a Logout exchange: ResetOnLogout starts its next connection at 1. Artio calls this before
     * it detaches the session from the closed connection, and a reset now would go out on that connection, so the
     * reset waits for the next duty cycle ({@link #resetLoggedOutSessions()}). That is still before the framer can
     * accept a new Logon for the session, which reads the sequence numbers only once the reset is in their index.
     */
    private void onLoggedOut(final ExchangeConfig.SessionConfig config, final Session session)
    {
        if (config.resetOnLogout() && !config.resetsOnEveryConnection())
        {
            loggedOutToReset.add(new LoggedOut(session, session.connectionId()));
        }
    }

    /**
     * The library's own reset of the offline session (not the engine's {@code FixEngine.resetSequenceNumber}): the
     * library keeps numbering what it archives for the session while the member is away, and only its reset takes
     * that numbering back to 1 together with the engine's index. Returns how many resets were written.
     */
    private int resetLoggedOutSessions()
    {
        int written = 0;
        for (int i = loggedOutToReset.size() - 1; i >= 0; i--)
        {
            final Session session = loggedOutToReset.get(i).session();
            final long connectionId = session.connectionId();
            if (connectionId == loggedOutToReset.get(i).connectionId())
            {
                continue;
            }
            if (connectionId != NO_CONNECTION_ID)
            {
                // Artio reuses the Session object when the member reconnects. Only if back-pressure held the reset
                // back that long: the new connection keeps the numbers, and that must not go unnoticed.
                System.err.println("FIX session " + session.compositeKey().remoteCompId() +
                    ": ResetOnLogout not applied, the member logged on again before the reset could be written");
                loggedOutToReset.remove(i);
            }
            else if (session.state() == DISABLED)
            {
                loggedOutToReset.remove(i);
            }
            else if (session.tryResetSequenceNumbers() >= 0)
            {
                loggedOutToReset.remove(i);
                written++;
            }
        }
        return written;
    }

    @Override
    public int doWork()
    {
        int work = outbound.drain();
        if (outbound.size() < MAX_OUTBOUND_BACKLOG)
        {
            work += libraryPoll.applyAsInt(FRAGMENT_LIMIT);
        }
        final long now = clock.nanoTime();
        if (now >= engine.nextExpiryTime())
        {
            orderEntry.submit(timerTick.reset(CommandType.TIMER_TICK).timestamp(now));
            work++;
        }
        if (now >= dailyResets.nextDueTime())
        {
            work += dailyResets.onDue(now);
        }
        if (!loggedOutToReset.isEmpty())
        {
            work += resetLoggedOutSessions();
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
            else if (holdsConnection(session) && session.state() != DISCONNECTED)
            {
                // Awaiting the counterparty's Logout: ours went out already.
                session.requestDisconnect();
            }
        }
    }

    /**
     * Sends what back-pressure held back, and the sequence resets of ResetOnLogout sessions that have logged out; for
     * the shutdown, when the duty cycle no longer runs.
     */
    public int drainOutbound()
    {
        return outbound.drain() + (loggedOutToReset.isEmpty() ? 0 : resetLoggedOutSessions());
    }

    public boolean hasOutboundBacklog()
    {
        return outbound.size() > 0;
    }

    /**
     * True while some session's logout is not over: it is logged on, it awaits the counterparty's Logout, its
     * connection has not closed yet as far as the library knows, or (ResetOnLogout) its sequence reset is not written.
     * The shutdown waits for this, so the library sees every Logout answered and every disconnect before it closes.
     */
    public boolean anySessionActive()
    {
        if (!loggedOutToReset.isEmpty())
        {
            return true;
        }
        for (final Session session : acquired)
        {
            if (holdsConnection(session))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Artio marks a session DISCONNECTED as soon as it asks the engine to close the connection, and detaches it from
     * the connection only once the engine confirms: until then the session still holds it.
     */
    private static boolean holdsConnection(final Session session)
    {
        return session.state() != DISABLED && session.connectionId() != NO_CONNECTION_ID;
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

    /** A session's Logout exchange, on the connection it ended; the session is offline once it has left it. */
    private record LoggedOut(Session session, long connectionId)
    {
    }
}
