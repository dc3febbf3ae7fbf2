package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import org.agrona.ErrorHandler;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.EpochNanoClock;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.protocol.GatewayPublication;
import uk.co.real_logic.artio.session.DirectSessionProxy;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.session.SessionCustomisationStrategy;
import uk.co.real_logic.artio.session.SessionIdStrategy;
import uk.co.real_logic.artio.session.SessionProxyFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static uk.co.real_logic.artio.GatewayProcess.NO_CONNECTION_ID;
import static uk.co.real_logic.artio.messages.SessionState.DISABLED;
import static uk.co.real_logic.artio.messages.SessionState.DISCONNECTED;

/**
 * The end of FIX day of the sessions configured with a {@code dailyResetTime}: at that time a logged-on session is
 * sent a Logout (Text {@link #END_OF_DAY_TEXT}) and, once its connection has closed (Logout answered, or Artio's
 * logout timeout), its sequence numbers go back to 1 on both sides; a session that is not connected is reset at once.
 *
 * <p>Everything here runs on the venue thread: {@link VenueAgent} compares its clock with {@link #nextDueTime()} each
 * duty cycle and calls {@link #onDue} once that time has come, so between resets the cost is that one comparison.
 *
 * <p>The reset is the library's own {@link Session#tryResetSequenceNumbers()} on the disconnected session, not the
 * engine's {@code FixEngine.resetSequenceNumber}: the library keeps owning the offline session and numbering the
 * reports it archives for it (fills while the member is away), and only its reset moves that numbering to 1 with the
 * engine's index, so a report produced after the reset is message 1 of the new day and not message n + 1 of the old.
 */
final class SessionResetSchedule
{
    static final String END_OF_DAY_TEXT = "end of FIX day: sequence numbers reset";
    /** While an end-of-day Logout is under way, how often the venue looks whether the connection has closed. */
    private static final long CONNECTION_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SessionRegistry sessions;
    private final Consumer<String> log;
    private final ScheduledSession[] scheduled;
    /** Connections whose Logout, sent by Artio without a Text, must carry {@link #END_OF_DAY_TEXT}. */
    private final LongHashSet endOfDayConnections = new LongHashSet();
    private long nextDueTime = Long.MAX_VALUE;

    SessionResetSchedule(final SessionRegistry sessions, final long nowEpochNanos, final Consumer<String> log)
    {
        this.sessions = sessions;
        this.log = log;
        final List<ScheduledSession> withReset = new ArrayList<>();
        for (final ExchangeConfig.SessionConfig config : sessions.all())
        {
            if (config.hasDailyReset())
            {
                withReset.add(new ScheduledSession(config, config.dailyReset().nextAfter(nowEpochNanos)));
            }
        }
        scheduled = withReset.toArray(new ScheduledSession[0]);
        updateNextDueTime();
    }

    /** Epoch nanoseconds of the next reset or connection check; {@code Long.MAX_VALUE} when there is none. */
    long nextDueTime()
    {
        return nextDueTime;
    }

    /**
     * Start-up: resets every session whose last reset time has passed since its sequence numbers were last reset
     * (the venue was down at that time, or the key was added since), before any member can log on. Artio persists
     * the time of each session's last reset, which is what makes this possible.
     *
     * @return false if a reset was back-pressured: call again after polling the library.
     */
    boolean resetSessionsPastTheirResetTime(final long nowEpochNanos)
    {
        boolean allDone = true;
        for (final ScheduledSession entry : scheduled)
        {
            final Session session = sessions.session(entry.config.id());
            if (session == null || !isOffline(session))
            {
                continue;
            }
            final long lastResetTime = entry.config.dailyReset().latestAtOrBefore(nowEpochNanos);
            if (session.lastSequenceResetTimeInNs() < lastResetTime)
            {
                if (session.tryResetSequenceNumbers() < 0)
                {
                    allDone = false;
                }
                else
                {
                    log.accept("FIX session " + entry.config.compId() + ": sequence numbers reset at start-up, " +
                        "its end of FIX day (" + entry.config.dailyReset() + ") passed at " +
                        Instant.ofEpochSecond(0, lastResetTime) + " while the venue was down");
                }
            }
        }
        return allDone;
    }

    /** Called by the duty cycle once {@link #nextDueTime()} has come. */
    int onDue(final long nowEpochNanos)
    {
        int work = 0;
        for (final ScheduledSession entry : scheduled)
        {
            if (!entry.ending && nowEpochNanos >= entry.nextResetTime)
            {
                entry.nextResetTime = entry.config.dailyReset().nextAfter(nowEpochNanos);
                entry.ending = true;
                entry.endingConnectionId = NO_CONNECTION_ID;
                entry.logoutStarted = false;
                work += advance(entry, nowEpochNanos);
            }
            else if (entry.ending && nowEpochNanos >= entry.nextCheckTime)
            {
                work += advance(entry, nowEpochNanos);
            }
        }
        updateNextDueTime();
        return work;
    }

    /** Moves one session's end of day on: Logout while connected, reset once disconnected. */
    private int advance(final ScheduledSession entry, final long nowEpochNanos)
    {
        final Session session = sessions.session(entry.config.id());
        if (session == null)
        {
            // Never logged on since the venue's state began: there is nothing to reset.
            entry.ending = false;
            return 0;
        }
        if (session.state() == DISABLED)
        {
            // The library has lost the session to the engine (it stopped polling in time): not ours to reset.
            endOfDayConnections.remove(entry.endingConnectionId);
            entry.ending = false;
            return 0;
        }
        if (isOffline(session))
        {
            if (session.tryResetSequenceNumbers() < 0)
            {
                entry.nextCheckTime = nowEpochNanos + CONNECTION_CHECK_INTERVAL_NANOS;
                return 0;
            }
            endOfDayConnections.remove(entry.endingConnectionId);
            entry.ending = false;
            log.accept("FIX session " + entry.config.compId() + ": end of FIX day (" + entry.config.dailyReset() +
                "), sequence numbers reset");
            return 1;
        }
        int work = 0;
        if (session.connectionId() != entry.endingConnectionId)
        {
            // The first look at this connection, or the member reconnected before a check saw the old one close:
            // this connection then carries the old day's numbers and is ended the same way.
            endOfDayConnections.remove(entry.endingConnectionId);
            entry.endingConnectionId = session.connectionId();
            entry.logoutStarted = false;
        }
        // A connection still logging on is logged out once it is active; one logging out already is left to finish.
        if (!entry.logoutStarted && session.isActive())
        {
            endOfDayConnections.add(entry.endingConnectionId);
            session.startLogout();
            entry.logoutStarted = true;
            work++;
        }
        entry.nextCheckTime = nowEpochNanos + CONNECTION_CHECK_INTERVAL_NANOS;
        return work;
    }

    /**
     * Disconnected, and the library has finished with the connection: Artio marks a session DISCONNECTED as soon as
     * it asks the engine to close it, and a reset then would still go out on that connection.
     */
    private static boolean isOffline(final Session session)
    {
        return session.state() == DISCONNECTED && session.connectionId() == NO_CONNECTION_ID;
    }

    private void updateNextDueTime()
    {
        long next = Long.MAX_VALUE;
        for (final ScheduledSession entry : scheduled)
        {
            next = Math.min(next, entry.ending ? entry.nextCheckTime : entry.nextResetTime);
        }
        nextDueTime = next;
    }

    /**
     * Artio's Session has no way to put a Text on the Logout that {@link Session#startLogout()} sends (the one that
     * waits for the counterparty's answer), so the session proxy adds it for connections ending their FIX day.
     */
    SessionProxyFactory sessionProxyFactory()
    {
        return (sessionBufferSize, gatewayPublication, sessionIdStrategy, customisationStrategy, clock, connectionId,
            libraryId, errorHandler, epochFractionPrecision) -> new EndOfDayLogoutProxy(
                sessionBufferSize, gatewayPublication, sessionIdStrategy, customisationStrategy, clock, connectionId,
                libraryId, errorHandler, epochFractionPrecision, endOfDayConnections);
    }

    private static final class ScheduledSession
    {
        private final ExchangeConfig.SessionConfig config;
        private long nextResetTime;
        /** The FIX day has ended and the session waits for its connection to close before the reset. */
        private boolean ending;
        private long endingConnectionId;
        private boolean logoutStarted;
        private long nextCheckTime;

        ScheduledSession(final ExchangeConfig.SessionConfig config, final long nextResetTime)
        {
            this.config = config;
            this.nextResetTime = nextResetTime;
        }
    }

    /** Artio's own session proxy, with {@link #END_OF_DAY_TEXT} on a Logout without Text on an ending connection. */
    private static final class EndOfDayLogoutProxy extends DirectSessionProxy
    {
        private static final byte[] TEXT = END_OF_DAY_TEXT.getBytes(StandardCharsets.US_ASCII);

        private final LongHashSet endOfDayConnections;
        private long connectionId;

        EndOfDayLogoutProxy(
            final int sessionBufferSize,
            final GatewayPublication gatewayPublication,
            final SessionIdStrategy sessionIdStrategy,
            final SessionCustomisationStrategy customisationStrategy,
            final EpochNanoClock clock,
            final long connectionId,
            final int libraryId,
            final ErrorHandler errorHandler,
            final EpochFractionFormat epochFractionPrecision,
            final LongHashSet endOfDayConnections)
        {
            super(sessionBufferSize, gatewayPublication, sessionIdStrategy, customisationStrategy, clock, connectionId,
                libraryId, errorHandler, epochFractionPrecision);
            this.connectionId = connectionId;
            this.endOfDayConnections = endOfDayConnections;
        }

        @Override
        public void connectionId(final long connectionId)
        {
            super.connectionId(connectionId);
            this.connectionId = connectionId;
        }

        @Override
        public long sendLogout(
            final int msgSeqNo, final int sequenceIndex, final int lastMsgSeqNumProcessed, final byte[] text)
        {
            final byte[] logoutText = text == null && endOfDayConnections.contains(connectionId) ? TEXT : text;
            return super.sendLogout(msgSeqNo, sequenceIndex, lastMsgSeqNumProcessed, logoutText);
        }
    }
}
