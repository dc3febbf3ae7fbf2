package io.bourse.exchange.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;
import io.bourse.exchange.transport.SocketWakeIdleStrategy;
import io.bourse.exchange.fix.DailyResetTime;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The venue's configuration (config/exchange.yaml). Relative paths resolve against the file's directory, so the
 * process can start from anywhere. Every rule is checked at load time with a message naming the key.
 */
public record ExchangeConfig(
    String venueCompId,
    String fixHost,
    int fixPort,
    int heartbeatMinSeconds,
    int heartbeatMaxSeconds,
    int sendingTimeWindowSeconds,
    List<SessionConfig> sessions,
    Path instrumentsFile,
    TradingPhase phaseAtStart,
    Path stateDir,
    Path aeronDir,
    long snapshotEveryCommands,
    VenueThreadConfig venueThread,
    BufferSizes buffers)
{
    /**
     * Buffer sizes of the FIX path: the Aeron IPC terms between Artio's framer and the library (a publication can run
     * half a term ahead of its slowest reader), and per connection, Artio's socket read buffer (also the largest
     * message accepted) and the venue's buffer gathering one duty cycle's writes; and the size of each of Artio's two
     * sequence-number index files, which Artio copies, checksums and saves whole at every term roll of its streams.
     */
    public record BufferSizes(int aeronTermBytes, int socketReadBytes, int socketWriteBytes, int sequenceIndexBytes)
    {
    }

    /** How the venue thread waits when it has nothing to do (docs/ARCHITECTURE.md, "Threads"). */
    public enum IdleStrategyName
    {
        /** Spin, then yield while work keeps coming, then park: low latency under load, quiet when idle. */
        BACKOFF,
        /**
         * Spin, yield backoffYields times, then sleep in epoll on the FIX connections until the next message arrives
         * (or maxParkMicros passes): an idle venue uses almost no CPU, but each order after a pause costs a wake-up.
         */
        SOCKET_WAKE,
        /** Always yield: lowest latency after BUSY_SPIN, but a whole vCPU stays busy. */
        YIELD,
        /** Never give the vCPU up: lowest latency; only where a vCPU can be spared for it. */
        BUSY_SPIN
    }

    public record VenueThreadConfig(IdleStrategyName idleStrategy, int spins, int backoffYields, long maxParkMicros)
    {
        public IdleStrategy newIdleStrategy()
        {
            return switch (idleStrategy)
            {
                case BACKOFF -> new BackoffIdleStrategy(
                    spins, backoffYields, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(maxParkMicros));
                case SOCKET_WAKE -> new SocketWakeIdleStrategy(
                    spins, backoffYields, Math.max(1, TimeUnit.MICROSECONDS.toMillis(maxParkMicros)));
                case YIELD -> new YieldingIdleStrategy();
                case BUSY_SPIN -> new BusySpinIdleStrategy();
            };
        }
    }

    /** One counterparty: the CompID it logs on with and what the venue applies to it. */
    public record SessionConfig(
        int id,
        String compId,
        String password,
        int firmId,
        boolean cancelOnDisconnect,
        int throttlePerSecond,
        SelfTradePrevention selfTradePrevention,
        boolean resetOnLogon,
        boolean resetOnLogout,
        boolean resetOnDisconnect,
        DailyResetTime dailyReset)
    {
        /** True when every new connection starts at sequence number 1 on both sides, without ResetSeqNumFlag. */
        public boolean resetsOnEveryConnection()
        {
            return resetOnLogon || resetOnDisconnect;
        }

        /** True when the session has an end of FIX day ({@link #dailyReset()}); otherwise that is null. */
        public boolean hasDailyReset()
        {
            return dailyReset != null;
        }
    }

    public ExchangeConfig withFixPort(final int port)
    {
        return new ExchangeConfig(venueCompId, fixHost, port, heartbeatMinSeconds, heartbeatMaxSeconds,
            sendingTimeWindowSeconds, sessions,
            instrumentsFile, phaseAtStart, stateDir, aeronDir, snapshotEveryCommands, venueThread, buffers);
    }

    public ExchangeConfig withStateDir(final Path dir)
    {
        return new ExchangeConfig(venueCompId, fixHost, fixPort, heartbeatMinSeconds, heartbeatMaxSeconds,
            sendingTimeWindowSeconds, sessions,
            instrumentsFile, phaseAtStart, dir, aeronDir, snapshotEveryCommands, venueThread, buffers);
    }

    public ExchangeConfig withAeronDir(final Path dir)
    {
        return new ExchangeConfig(venueCompId, fixHost, fixPort, heartbeatMinSeconds, heartbeatMaxSeconds,
            sendingTimeWindowSeconds, sessions,
            instrumentsFile, phaseAtStart, stateDir, dir, snapshotEveryCommands, venueThread, buffers);
    }

    public SessionConfig sessionByCompId(final CharSequence compId)
    {
        for (final SessionConfig session : sessions)
        {
            if (session.compId().contentEquals(compId))
            {
                return session;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- the YAML shape

    static final class File
    {
        @JsonProperty(required = true)
        public Venue venue;
        @JsonProperty(required = true)
        public Fix fix;
        @JsonProperty(required = true)
        public String instruments;
        public TradingPhase tradingPhaseAtStart = TradingPhase.CONTINUOUS;
        @JsonProperty(required = true)
        public State state;
        public VenueThread venueThread = new VenueThread();
        public Buffers buffers = new Buffers();
    }

    static final class Buffers
    {
        public int aeronTermBytes = 4 * 1024 * 1024;
        public int socketReadBytes = 16 * 1024;
        public int socketWriteBytes = 64 * 1024;
        public int sequenceIndexBytes = 64 * 1024;
    }

    static final class VenueThread
    {
        public IdleStrategyName idleStrategy = IdleStrategyName.BACKOFF;
        public int spins = 0;
        public int backoffYields = 20_000;
        public long maxParkMicros = 1_000;
    }

    static final class Venue
    {
        @JsonProperty(required = true)
        public String compId;
    }

    static final class Fix
    {
        public String host = "127.0.0.1";
        public int port = 9878;
        public Heartbeat heartbeat = new Heartbeat();
        public int sendingTimeWindowSeconds = 120;
        @JsonProperty(required = true)
        public List<Session> sessions;
    }

    static final class Heartbeat
    {
        public int minSeconds = 1;
        public int maxSeconds = 300;
    }

    static final class Session
    {
        @JsonProperty(required = true)
        public Integer id;
        @JsonProperty(required = true)
        public String compId;
        @JsonProperty(required = true)
        public String password;
        public Integer firmId;
        public boolean cancelOnDisconnect;
        public int throttlePerSecond = 5000;
        public SelfTradePrevention selfTradePrevention = SelfTradePrevention.NONE;
        @JsonProperty("ResetOnLogon")
        public boolean resetOnLogon;
        @JsonProperty("ResetOnLogout")
        public boolean resetOnLogout;
        @JsonProperty("ResetOnDisconnect")
        public boolean resetOnDisconnect;
        public String dailyResetTime;
        public String dailyResetTimeZone;
    }

    static final class State
    {
        @JsonProperty(required = true)
        public String dir;
        @JsonProperty(required = true)
        public String aeronDir;
        public long snapshotEveryCommands = 100_000;
    }

    public static ExchangeConfig load(final Path file)
    {
        final File parsed;
        try
        {
            parsed = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readAllBytes(file), File.class);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final Path base = file.toAbsolutePath().getParent();
        final String where = file.toString();
        require(parsed != null, where, "the file is empty");
        require(parsed.venue != null && parsed.venue.compId != null, where, "venue.compId is missing");
        require(parsed.fix != null && parsed.fix.sessions != null, where, "fix.sessions is missing");
        require(parsed.fix.heartbeat != null, where, "fix.heartbeat is empty");
        require(parsed.instruments != null, where, "instruments (the instruments file) is missing");
        require(parsed.state != null && parsed.state.dir != null && parsed.state.aeronDir != null, where,
            "state.dir and state.aeronDir are required");
        require(parsed.tradingPhaseAtStart != null, where, "tradingPhaseAtStart is empty");
        require(parsed.venue.compId != null && !parsed.venue.compId.isBlank(), where, "venue.compId is empty");
        require(parsed.fix.port >= 0 && parsed.fix.port <= 65_535, where, "fix.port out of range: " + parsed.fix.port);
        require(parsed.fix.heartbeat.minSeconds > 0 && parsed.fix.heartbeat.minSeconds <= parsed.fix.heartbeat.maxSeconds,
            where, "fix.heartbeat needs 0 < minSeconds <= maxSeconds");
        require(!parsed.fix.sessions.isEmpty(), where, "fix.sessions is empty");
        require(parsed.fix.sendingTimeWindowSeconds > 0, where, "fix.sendingTimeWindowSeconds must be positive");

        final List<SessionConfig> sessions = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        final Set<String> compIds = new HashSet<>();
        for (final Session session : parsed.fix.sessions)
        {
            require(session != null && session.id != null && session.compId != null && session.password != null,
                where, "every fix.sessions entry needs id, compId and password");
            final String name = "fix.sessions[" + session.compId + "]";
            require(session.id > 0, where, name + ".id must be positive: " + session.id);
            require(ids.add(session.id), where, name + ".id " + session.id + " is used twice");
            require(!session.compId.isBlank() && compIds.add(session.compId), where,
                "fix.sessions: CompID '" + session.compId + "' is empty or used twice");
            require(!session.compId.equals(parsed.venue.compId), where, name + " uses the venue's own CompID");
            require(!session.password.isEmpty(), where, name + ".password is empty");
            require(session.throttlePerSecond > 0, where, name + ".throttlePerSecond must be positive");
            final int firmId = session.firmId == null ? session.id : session.firmId;
            require(firmId > 0, where, name + ".firmId must be positive: " + firmId);
            require(session.selfTradePrevention != null, where, name + ".selfTradePrevention is empty");
            sessions.add(new SessionConfig(
                session.id, session.compId, session.password, firmId, session.cancelOnDisconnect,
                session.throttlePerSecond, session.selfTradePrevention, session.resetOnLogon, session.resetOnLogout,
                session.resetOnDisconnect, dailyReset(session, name, where)));
        }
        require(parsed.state.snapshotEveryCommands >= 0, where, "state.snapshotEveryCommands must be >= 0");
        require(parsed.venueThread != null && parsed.venueThread.idleStrategy != null, where,
            "venueThread.idleStrategy is empty (BACKOFF, SOCKET_WAKE, YIELD or BUSY_SPIN)");
        require(parsed.venueThread.spins >= 0, where, "venueThread.spins must be >= 0: " + parsed.venueThread.spins);
        require(parsed.venueThread.backoffYields >= 0, where,
            "venueThread.backoffYields must be >= 0: " + parsed.venueThread.backoffYields);
        require(parsed.venueThread.maxParkMicros >= 1, where,
            "venueThread.maxParkMicros must be >= 1: " + parsed.venueThread.maxParkMicros);
        require(parsed.buffers != null, where, "buffers is empty");
        final int term = parsed.buffers.aeronTermBytes;
        require(term >= 64 * 1024 && term <= 1024 * 1024 * 1024 && Integer.bitCount(term) == 1, where,
            "buffers.aeronTermBytes must be a power of two from 65536 to 1073741824: " + term);
        require(parsed.buffers.socketReadBytes >= 16 * 1024, where,
            "buffers.socketReadBytes must be >= 16384 (Artio's session buffer): " + parsed.buffers.socketReadBytes);
        require(parsed.buffers.socketWriteBytes >= 4096, where,
            "buffers.socketWriteBytes must be >= 4096: " + parsed.buffers.socketWriteBytes);
        final int sequenceIndex = parsed.buffers.sequenceIndexBytes;
        require(SequenceIndexSize.isUsable(sequenceIndex), where,
            "buffers.sequenceIndexBytes must be a multiple of 4096 and >= 8192: " + sequenceIndex);
        return new ExchangeConfig(
            parsed.venue.compId,
            parsed.fix.host,
            parsed.fix.port,
            parsed.fix.heartbeat.minSeconds,
            parsed.fix.heartbeat.maxSeconds,
            parsed.fix.sendingTimeWindowSeconds,
            List.copyOf(sessions),
            base.resolve(parsed.instruments).normalize(),
            parsed.tradingPhaseAtStart,
            base.resolve(parsed.state.dir).normalize(),
            base.resolve(parsed.state.aeronDir).normalize(),
            parsed.state.snapshotEveryCommands,
            new VenueThreadConfig(
                parsed.venueThread.idleStrategy, parsed.venueThread.spins, parsed.venueThread.backoffYields,
                parsed.venueThread.maxParkMicros),
            new BufferSizes(term, parsed.buffers.socketReadBytes, parsed.buffers.socketWriteBytes, sequenceIndex));
    }

    /** The session's end of FIX day, or null when it has none (sequence numbers persist until reset otherwise). */
    private static DailyResetTime dailyReset(final Session session, final String name, final String where)
    {
        if (session.dailyResetTime == null)
        {
            require(session.dailyResetTimeZone == null, where,
                name + ".dailyResetTimeZone is set but dailyResetTime is not");
            return null;
        }
        final LocalTime timeOfDay;
        try
        {
            timeOfDay = LocalTime.parse(session.dailyResetTime.trim());
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException(where + ": " + name + ".dailyResetTime '" + session.dailyResetTime +
                "' is not a time of day (HH:MM or HH:MM:SS, 00:00 to 23:59:59)", ex);
        }
        final String zoneName = session.dailyResetTimeZone == null ? "UTC" : session.dailyResetTimeZone.trim();
        try
        {
            return new DailyResetTime(timeOfDay, ZoneId.of(zoneName));
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException(where + ": " + name + ".dailyResetTimeZone '" +
                session.dailyResetTimeZone + "' is not a time zone (UTC, an offset such as +01:00, or a region such " +
                "as Europe/London): " + ex.getMessage(), ex);
        }
    }

    private static void require(final boolean condition, final String file, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(file + ": " + message);
        }
    }
}
