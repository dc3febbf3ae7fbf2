package io.bourse.exchange.app;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.bourse.exchange.config.InstrumentsConfig;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.TradingPhase;
import io.bourse.exchange.fix.FixGateway;
import io.bourse.exchange.fix.OrderEntry;
import io.bourse.exchange.fix.SessionAuthenticator;
import io.bourse.exchange.fix.VenueAgent;
import io.bourse.exchange.fix.VenueFixDictionary;
import io.bourse.exchange.journal.EngineRecovery;
import io.bourse.exchange.journal.FsyncPolicy;
import io.bourse.exchange.journal.JournalSettings;
import io.bourse.exchange.journal.JournaledEngine;
import io.bourse.exchange.transport.CoalescingTcpChannelSupplier;
import io.bourse.exchange.transport.WriteCoalescer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.Reply;
import uk.co.real_logic.artio.engine.SessionInfo;
import uk.co.real_logic.artio.library.AcquiringSessionExistsHandler;
import uk.co.real_logic.artio.messages.InitialAcceptedSessionOwner;
import uk.co.real_logic.artio.messages.SessionReplyStatus;
import uk.co.real_logic.artio.session.CompositeKey;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.decoder.AbstractLogonDecoder;
import uk.co.real_logic.artio.validation.PersistenceLevel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The running venue: an embedded Aeron media driver and archive, the Artio engine (FIX acceptor) and the
 * {@link VenueAgent} thread that owns the FIX library and the journaled matching engine. {@link #close()} logs the
 * sessions out and closes everything in reverse order of start.
 */
public final class Exchange implements AutoCloseable
{
    private static final long LIBRARY_CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** One time-index record a day: in effect only the first, written at start-up (see where it is set). */
    private static final long TIME_INDEX_INTERVAL_NANOS = TimeUnit.DAYS.toNanos(1);
    private static final long LOGOUT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long DISCONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private ExchangeConfig config;
    private FileChannel lockChannel;
    private FileLock stateLock;
    private ArchivingMediaDriver driver;
    private FixEngine fixEngine;
    private FixLibrary library;
    private JournaledEngine engine;
    private VenueThreadScheduler scheduler;
    private VenueAgent agent;
    private boolean agentRunning;

    private Exchange(final ExchangeConfig config)
    {
        this.config = config;
    }

    /**
     * Starts everything, or fails with an exception after closing what had started (so a failed start never leaves
     * threads behind).
     */
    public static Exchange start(final ExchangeConfig config, final boolean reset) throws IOException
    {
        final Exchange exchange = new Exchange(config);
        try
        {
            exchange.launch(reset);
            return exchange;
        }
        catch (final Throwable ex)
        {
            exchange.close();
            throw ex;
        }
    }

    private void launch(final boolean reset) throws IOException
    {
        final List<InstrumentSpec> instruments = InstrumentsConfig.load(config.instrumentsFile());
        final Path stateDir = config.stateDir();
        Files.createDirectories(stateDir);
        lockState(stateDir);
        if (reset)
        {
            deleteStateExceptLock(stateDir);
        }
        // Our lock proves no other venue uses this directory, so marks left by a killed process are stale: removing
        // them lets a restart follow a SIGKILL at once instead of waiting for Aeron's liveness timeouts.
        Files.deleteIfExists(stateDir.resolve("aeron-archive").resolve("archive-mark.dat"));

        config = config.withFixPort(claimablePort(config.fixHost(), config.fixPort()));
        final WriteCoalescer writeCoalescer = new WriteCoalescer();
        final IdleStrategy venueIdleStrategy = config.venueThread().newIdleStrategy();
        scheduler = new VenueThreadScheduler(venueIdleStrategy, writeCoalescer);
        final String aeronDir = config.aeronDir().toString();
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(backgroundIdleStrategy())
            .ipcTermBufferLength(config.buffers().aeronTermBytes())
            .publicationTermBufferLength(config.buffers().aeronTermBytes())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(stateDir.resolve("aeron-archive").toFile())
            .controlChannelEnabled(false)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
            .replicationChannel("aeron:udp?endpoint=127.0.0.1:0")
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(Exchange::backgroundIdleStrategy)
            .deleteArchiveOnStart(false);
        driver = ArchivingMediaDriver.launch(driverContext, archiveContext);

        final Path artioLogDir = stateDir.resolve("artio-logs");
        SequenceIndexSize.applyTo(artioLogDir, config.buffers().sequenceIndexBytes());
        final EngineConfiguration engineConfiguration = new EngineConfiguration()
            .bindTo(config.fixHost(), config.fixPort())
            .libraryAeronChannel("aeron:ipc")
            .logFileDir(artioLogDir.toString())
            .deleteLogFileDirOnStart(false)
            .acceptorfixDictionary(VenueFixDictionary.class)
            .sessionPersistenceStrategy(logon -> sequenceNumberPolicy(logon))
            // Accepted sessions go straight to our one library: a handover from the engine could drop the messages
            // that arrive between the Logon and the library's acquisition of the session.
            .initialAcceptedSessionOwner(InitialAcceptedSessionOwner.SOLE_LIBRARY)
            .sendingTimeWindowInMs(TimeUnit.SECONDS.toMillis(config.sendingTimeWindowSeconds()))
            // The framer must not sit waiting for room in the library's inbound stream: while it waits it sends
            // nothing out, and the library's answers are what frees the room. It retries on its next duty cycle.
            .inboundMaxClaimAttempts(1)
            .authenticationStrategy(new SessionAuthenticator(config))
            .errorIfDuplicateEngineDetected(false)
            .scheduler(scheduler)
            .channelSupplierFactory(configuration ->
                new CoalescingTcpChannelSupplier(
                    configuration, writeCoalescer, config.buffers().socketWriteBytes(), venueIdleStrategy))
            .receiverBufferSize(config.buffers().socketReadBytes())
            .monitoringFile(stateDir.resolve("artio-monitoring").toString())
            // Artio's time index only speeds up time-bounded FixArchiveScanner queries, which this venue does not
            // serve, and each of its records is a synchronous (O_DSYNC) write on the framer's thread, which here is
            // the venue thread: once a second by default, and such a write waits for the device's cache flush behind
            // whatever writeback is in flight (70 ms measured once the archive's first pages expired, 30 s in).
            .timeIndexReplayFlushIntervalInNs(TIME_INDEX_INTERVAL_NANOS)
            .errorHandlerFactory(errorBuffer -> throwable -> throwable.printStackTrace(System.err));
        engineConfiguration.aeronContext().aeronDirectoryName(aeronDir);
        engineConfiguration.aeronArchiveContext()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel("aeron:ipc")
            .controlResponseChannel("aeron:ipc");
        fixEngine = FixEngine.launch(engineConfiguration);

        final EpochNanoClock clock = new OffsetEpochNanoClock();
        final FixGateway gateway = new FixGateway(config, instruments, clock);
        engine = EngineRecovery.open(
            stateDir.resolve("journal"), instruments, gateway.reporter(), EngineRecovery.SILENT, BookType.FAST,
            JournalSettings.DEFAULT.withFsyncPolicy(FsyncPolicy.DEFAULT)
                .withSnapshotEveryCommands(config.snapshotEveryCommands()));
        gateway.reporter().continueAfter(engine.lastSequence());
        gateway.reporter().engine(engine.engine());
        gateway.orderEntry().engine(engine);
        if (engine.lastSequence() == 0)
        {
            openTrading(gateway.orderEntry(), instruments, config.phaseAtStart(), clock);
        }

        agent = gateway.agent();
        agent.engine(engine.engine());
        final LibraryConfiguration libraryConfiguration = new LibraryConfiguration()
            .libraryAeronChannels(List.of("aeron:ipc"))
            .sessionExistsHandler(new AcquiringSessionExistsHandler())
            .sessionAcquireHandler(agent::onSessionAcquired)
            .sessionProxyFactory(agent.sessionProxyFactory());
        libraryConfiguration.errorHandlerFactory(errorBuffer -> throwable -> throwable.printStackTrace(System.err));
        libraryConfiguration.monitoringFile(stateDir.resolve("artio-library-monitoring").toString());
        // A full publication must come back to the venue thread at once (OutboundQueue keeps the message), never
        // make it wait: waiting there is how library and framer end up waiting for each other.
        libraryConfiguration.outboundMaxClaimAttempts(1);
        libraryConfiguration.aeronContext().aeronDirectoryName(aeronDir);
        library = FixLibrary.connect(libraryConfiguration);
        final long deadline = System.nanoTime() + LIBRARY_CONNECT_TIMEOUT_NANOS;
        while (!library.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the FIX library did not connect to the FIX engine within 30 s");
            }
            library.poll(10);
            Thread.onSpinWait();
        }
        agent.library(library);
        acquireOfflineSessions();
        agent.resetSessionsPastTheirResetTime();
        // After the takeover, so the cancel reports are stored under each session's sequence numbers for a resend.
        cancelOnDisconnectAfterRestart(gateway.orderEntry(), clock);
        scheduler.add(agent);
        agentRunning = true;
    }

    /**
     * Takes ownership of every configured session the FIX engine knows, connected or not, so that ExecutionReports for
     * a session that is offline (fills of its resting orders, expiries) are archived under its sequence numbers and
     * reach it through a ResendRequest when it logs on again.
     */
    private void acquireOfflineSessions()
    {
        for (final SessionInfo info : fixEngine.allSessions())
        {
            final CompositeKey key = info.sessionKey();
            if (info.sessionId() == SessionInfo.UNK_SESSION || key == null ||
                config.sessionByCompId(key.remoteCompId()) == null)
            {
                continue;
            }
            final Reply<SessionReplyStatus> reply = library.requestSession(
                info.sessionId(), FixLibrary.NO_MESSAGE_REPLAY, FixLibrary.NO_MESSAGE_REPLAY, 5_000);
            while (reply.isExecuting())
            {
                library.poll(10);
                Thread.onSpinWait();
            }
            if (reply.hasErrored() || reply.hasTimedOut())
            {
                throw new IllegalStateException("could not take over FIX session " + key + ": " + reply);
            }
        }
    }

    /**
     * Sequence numbers persist across connections and restarts, unless the session is configured with ResetOnLogon
     * or ResetOnDisconnect (QuickFIX's names): then every connection starts at 1 on both sides and the previous
     * connection's messages are not resent. ResetOnLogout alone keeps them persistent and resets after a clean
     * logout ({@code VenueAgent}).
     */
    private PersistenceLevel sequenceNumberPolicy(final AbstractLogonDecoder logon)
    {
        final ExchangeConfig.SessionConfig session = config.sessionByCompId(logon.header().senderCompIDAsString());
        return session != null && session.resetsOnEveryConnection() ?
            PersistenceLevel.TRANSIENT_SEQUENCE_NUMBERS : PersistenceLevel.PERSISTENT_SEQUENCE_NUMBERS;
    }

    /**
     * Every session is disconnected when the process starts, whatever state the last process was in (a crash
     * disconnects without any callback): cancel-on-disconnect sessions lose their resting Day orders now.
     */
    private void cancelOnDisconnectAfterRestart(final OrderEntry orderEntry, final EpochNanoClock clock)
    {
        final Command command = new Command();
        for (final ExchangeConfig.SessionConfig session : config.sessions())
        {
            if (session.cancelOnDisconnect())
            {
                orderEntry.submit(command.reset(CommandType.MASS_CANCEL)
                    .timestamp(clock.nanoTime())
                    .sessionId(session.id())
                    .dayOnly(true));
            }
        }
    }

    /**
     * The media driver's and the archive's threads are off the order path (IPC publications need the driver only to
     * move their limits, which a 4 MB term leaves megabytes of room for; the archive records behind the framer):
     * they sleep 1 ms when idle, so they take a vCPU from the venue thread or the counterparty's client as seldom as
     * possible. Spinning there cost 30 % of a vCPU and preempted the venue thread.
     */
    private static IdleStrategy backgroundIdleStrategy()
    {
        return new SleepingMillisIdleStrategy(1);
    }

    /** A fresh venue starts every instrument in the configured phase (journaled like any command). */
    private static void openTrading(
        final OrderEntry orderEntry,
        final List<InstrumentSpec> instruments,
        final TradingPhase phase,
        final EpochNanoClock clock)
    {
        final Command command = new Command();
        for (final InstrumentSpec spec : instruments)
        {
            orderEntry.submit(command.reset(CommandType.SET_PHASE)
                .timestamp(clock.nanoTime())
                .instrumentId(spec.id())
                .phase(phase));
        }
    }

    public int fixPort()
    {
        return config.fixPort();
    }

    /**
     * Artio binds the FIX port only once the library connects and reports a failure to its error handler, not to
     * the caller: check first, so that a port in use fails the start with a clear message instead of a READY line.
     * Port 0 picks a free ephemeral port here, so that READY names the port Artio then binds.
     */
    private static int claimablePort(final String host, final int port)
    {
        try (ServerSocket probe = new ServerSocket())
        {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return probe.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot listen for FIX on " + host + ":" + port + ": " + ex.getMessage(), ex);
        }
    }

    private void lockState(final Path stateDir) throws IOException
    {
        lockChannel = FileChannel.open(
            stateDir.resolve("exchange.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        stateLock = lockChannel.tryLock();
        if (stateLock == null)
        {
            throw new IllegalStateException("another exchange process is using " + stateDir);
        }
    }

    private static void deleteStateExceptLock(final Path stateDir) throws IOException
    {
        try (Stream<Path> children = Files.list(stateDir))
        {
            for (final Path child : children.toList())
            {
                if (!child.getFileName().toString().equals("exchange.lock"))
                {
                    deleteRecursively(child);
                }
            }
        }
    }

    private static void deleteRecursively(final Path path) throws IOException
    {
        try (Stream<Path> paths = Files.walk(path))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Shutdown only, when the venue thread no longer runs: sends held-back messages and polls the library. */
    private void pollWhile(final BooleanSupplier condition, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            agent.drainOutbound();
            library.poll(10);
            Thread.onSpinWait();
        }
    }

    @Override
    public void close()
    {
        if (agentRunning)
        {
            // Take the library out of the duty cycle, then log out from this thread while the framer keeps running.
            scheduler.remove(agent);
            agentRunning = false;
            pollWhile(agent::hasOutboundBacklog, LOGOUT_TIMEOUT_NANOS);
            agent.startLogoutAll();
            pollWhile(agent::anySessionActive, LOGOUT_TIMEOUT_NANOS);
            agent.disconnectAll();
            pollWhile(agent::anySessionActive, DISCONNECT_TIMEOUT_NANOS);
        }
        CloseHelper.quietClose(library);
        CloseHelper.quietClose(engine);
        CloseHelper.quietClose(fixEngine);
        CloseHelper.quietClose(driver);
        if (stateLock != null)
        {
            CloseHelper.quietClose(stateLock::release);
        }
        CloseHelper.quietClose(lockChannel);
    }
}
