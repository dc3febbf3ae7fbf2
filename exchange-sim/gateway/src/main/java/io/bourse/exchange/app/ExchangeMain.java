package io.bourse.exchange.app;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/exchange-sim}: starts the venue, prints {@code READY fix=<port>} once it accepts FIX connections, and
 * runs until SIGTERM or SIGINT, then logs the sessions out, flushes the journal and exits 0. A start-up failure
 * prints its cause and exits 1, without leaving threads behind.
 */
@CommandLine.Command(
    name = "exchange-sim",
    mixinStandardHelpOptions = true,
    description = "The Bourse venue: FIX 4.2 order entry in front of the deterministic matching engine.")
public final class ExchangeMain implements Callable<Integer>
{
    private static final long SHUTDOWN_LIMIT_SECONDS = 30;

    @Option(names = "--config", defaultValue = "config/exchange.yaml",
        description = "Venue configuration (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--fix-port", description = "FIX port, overriding fix.port in the configuration.")
    private Integer fixPort;

    @Option(names = "--state-dir", description = "State directory, overriding state.dir in the configuration.")
    private Path stateDir;

    @Option(names = "--aeron-dir", description = "Aeron directory, overriding state.aeronDir in the configuration.")
    private Path aeronDir;

    @Option(names = "--reset",
        description = "Start afresh: sequence numbers back to 1, no stored messages, an empty book.")
    private boolean reset;

    @Override
    public Integer call() throws Exception
    {
        ExchangeConfig exchangeConfig = ExchangeConfig.load(config);
        if (fixPort != null)
        {
            exchangeConfig = exchangeConfig.withFixPort(fixPort);
        }
        if (stateDir != null)
        {
            exchangeConfig = exchangeConfig.withStateDir(stateDir.toAbsolutePath());
        }
        if (aeronDir != null)
        {
            exchangeConfig = exchangeConfig.withAeronDir(aeronDir.toAbsolutePath());
        }
        final CountDownLatch stopRequested = stopOnSignals();
        try (Exchange exchange = Exchange.start(exchangeConfig, reset))
        {
            System.out.println("READY fix=" + exchange.fixPort());
            System.out.flush();
            stopRequested.await();
        }
        return 0;
    }

    /**
     * SIGTERM and SIGINT ask for a clean stop. Handling them here (instead of the JVM's default, which runs shutdown
     * hooks and exits 143) lets the main thread close everything in order and exit 0.
     */
    @SuppressWarnings("removal")
    private static CountDownLatch stopOnSignals()
    {
        final CountDownLatch stopRequested = new CountDownLatch(1);
        for (final String name : new String[]{"TERM", "INT"})
        {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal ->
            {
                if (stopRequested.getCount() > 0)
                {
                    stopRequested.countDown();
                    startShutdownWatchdog();
                }
            });
        }
        return stopRequested;
    }

    /**
     * A clean stop waits for Artio's framer to acknowledge its close; a framer that is stuck would make the process
     * ignore SIGTERM forever. After {@link #SHUTDOWN_LIMIT_SECONDS} the process says so and exits non-zero.
     */
    private static void startShutdownWatchdog()
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                Thread.sleep(TimeUnit.SECONDS.toMillis(SHUTDOWN_LIMIT_SECONDS));
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            System.err.println("exchange-sim: the shutdown did not finish within " + SHUTDOWN_LIMIT_SECONDS +
                " s; exiting without it (the journal holds every acknowledged command)");
            Runtime.getRuntime().halt(2);
        }, "shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public static void main(final String[] args)
    {
        // The FIX codecs read this once, when their classes load: set it before anything touches a codec. Unknown
        // enum values are refused by default; tags the dictionary does not define (or not for the message type)
        // must be refused too (SessionRejectReason 0 and 2).
        System.setProperty("fix.codecs.reject_unknown_field", "true");
        final CommandLine commandLine = new CommandLine(new ExchangeMain());
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) ->
        {
            System.err.println("exchange-sim: " + ex.getMessage());
            ex.printStackTrace(System.err);
            return 1;
        });
        // Exit explicitly, whatever is thrown: a failed start or stop may leave non-daemon Aeron threads behind.
        int exitCode = 1;
        try
        {
            exitCode = commandLine.execute(args);
        }
        catch (final Throwable ex)
        {
            System.err.println("exchange-sim: " + ex);
            ex.printStackTrace(System.err);
        }
        finally
        {
            System.exit(exitCode);
        }
    }
}
