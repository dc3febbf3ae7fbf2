package io.bourse.exchange.fixbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real venue, started as its own process from {@code bourse-exchange-sim.jar} with a fresh state directory, a
 * fresh Aeron directory and a free FIX port, the way {@code bin/exchange-sim} starts it. {@link #close()} sends
 * SIGTERM (the venue logs out and exits 0), waits, kills it if it has not ended, and deletes its directories.
 *
 * <p>The venue runs with a copy of the given configuration in which every session's {@code throttlePerSecond} is
 * raised out of reach (config/exchange.yaml allows 5,000 messages a second, which a 10,000 orders/s run would turn
 * into BusinessMessageRejects), and the instruments path is made absolute. Everything else is as configured.
 */
final class ExchangeProcess implements AutoCloseable
{
    static final int UNTHROTTLED_PER_SECOND = 1_000_000_000;

    private static final Pattern THROTTLE = Pattern.compile("^(\\s*(?:-\\s+)?throttlePerSecond:\\s*)\\d+(.*)$");
    private static final Pattern INSTRUMENTS = Pattern.compile("^instruments:\\s*([^\\s#]+)(.*)$");
    private static final String READY_PREFIX = "READY fix=";
    private static final long READY_TIMEOUT_SECONDS = 90;
    private static final long STOP_TIMEOUT_SECONDS = 20;
    private static final int LINES_KEPT = 40;

    private final Process process;
    private final Path tempRoot;
    private final Path aeronDir;
    private final int fixPort;
    private final Thread outputThread;
    private final Deque<String> lastLines;
    private final PrintStream log;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExchangeProcess(
        final Process process,
        final Path tempRoot,
        final Path aeronDir,
        final int fixPort,
        final Thread outputThread,
        final Deque<String> lastLines,
        final PrintStream log)
    {
        this.process = process;
        this.tempRoot = tempRoot;
        this.aeronDir = aeronDir;
        this.fixPort = fixPort;
        this.outputThread = outputThread;
        this.lastLines = lastLines;
        this.log = log;
    }

    /**
     * Starts the venue and returns once it has printed {@code READY fix=<port>}; on any failure the process is
     * stopped and its directories deleted before the exception leaves.
     *
     * @param extraJvmOptions added after the heap cap, e.g. from EXCHANGE_JAVA_OPTS
     * @param log             where the venue's own output goes, each line prefixed with "[exchange] "
     */
    static ExchangeProcess start(
        final Path jar, final Path config, final List<String> extraJvmOptions, final PrintStream log)
        throws IOException
    {
        if (!Files.isRegularFile(jar))
        {
            throw new IOException("no exchange jar at " + jar + " (build: ./mvnw -B -q -pl exchange-sim/gateway " +
                "-am package -DskipTests)");
        }
        final Path tempRoot = Files.createTempDirectory("bourse-fix-bench-");
        final Path shm = Path.of("/dev/shm");
        final Path aeronDir = (Files.isDirectory(shm) ? shm : tempRoot)
            .resolve("bourse-bench-" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE));
        final Path stateDir = tempRoot.resolve("state");
        final Path benchConfig = tempRoot.resolve("exchange.yaml");
        final int port;
        try
        {
            writeBenchConfig(config, benchConfig);
            port = freePort();
        }
        catch (final IOException | RuntimeException ex)
        {
            deleteRecursively(tempRoot);
            throw ex;
        }

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As bin/exchange-sim runs it (heap, collector, production setting of Agrona, Aeron and Artio).
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dagrona.disable.bounds.checks=true");
        command.addAll(extraJvmOptions);
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of("--config", benchConfig.toString(), "--fix-port", Integer.toString(port),
            "--state-dir", stateDir.toString(), "--aeron-dir", aeronDir.toString(), "--reset"));
        log.println("[exchange] starting: " + String.join(" ", command));

        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Deque<String> lastLines = new ArrayDeque<>();
        final CompletableFuture<Integer> ready = new CompletableFuture<>();
        final Thread outputThread = new Thread(() -> relayOutput(process, ready, lastLines, log), "exchange-output");
        outputThread.setDaemon(true);
        outputThread.start();
        final ExchangeProcess exchange =
            new ExchangeProcess(process, tempRoot, aeronDir, port, outputThread, lastLines, log);
        try
        {
            final int readyPort = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (readyPort != port)
            {
                throw new IOException("the exchange listens on " + readyPort + ", not on the port asked, " + port);
            }
            return exchange;
        }
        catch (final InterruptedException | ExecutionException | TimeoutException | IOException ex)
        {
            exchange.close();
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the exchange did not start (" + describe(ex) + "); its last output:\n  " +
                String.join("\n  ", exchange.lastLines()), ex);
        }
    }

    int fixPort()
    {
        return fixPort;
    }

    long pid()
    {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not ended within 20 s; then its directories go. Safe to call twice. */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        try
        {
            if (process.isAlive())
            {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    log.println("[exchange] did not stop within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM: killed");
                    process.destroyForcibly();
                    process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
            outputThread.join(TimeUnit.SECONDS.toMillis(5));
            log.println("[exchange] stopped, exit status " + (process.isAlive() ? "(still running!)" :
                Integer.toString(process.exitValue())));
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally
        {
            deleteRecursively(tempRoot);
            deleteRecursively(aeronDir);
        }
    }

    private List<String> lastLines()
    {
        synchronized (lastLines)
        {
            return new ArrayList<>(lastLines);
        }
    }

    /** A copy of the venue's configuration for the benchmark; see the class comment for what changes. */
    static void writeBenchConfig(final Path config, final Path destination) throws IOException
    {
        if (!Files.isRegularFile(config))
        {
            throw new IOException("no exchange configuration at " + config);
        }
        final Path base = config.toAbsolutePath().getParent();
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(config, StandardCharsets.UTF_8))
        {
            final Matcher throttle = THROTTLE.matcher(line);
            final Matcher instruments = INSTRUMENTS.matcher(line);
            if (throttle.matches())
            {
                lines.add(throttle.group(1) + UNTHROTTLED_PER_SECOND + throttle.group(2));
            }
            else if (instruments.matches())
            {
                lines.add("instruments: " + base.resolve(instruments.group(1)).normalize() + instruments.group(2));
            }
            else
            {
                lines.add(line);
            }
        }
        Files.write(destination, lines, StandardCharsets.UTF_8);
    }

    private static void relayOutput(
        final Process process, final CompletableFuture<Integer> ready, final Deque<String> lastLines,
        final PrintStream log)
    {
        try (BufferedReader output = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = output.readLine()) != null)
            {
                synchronized (lastLines)
                {
                    lastLines.addLast(line);
                    if (lastLines.size() > LINES_KEPT)
                    {
                        lastLines.removeFirst();
                    }
                }
                if (!ready.isDone() && line.startsWith(READY_PREFIX))
                {
                    ready.complete(Integer.parseInt(line.substring(READY_PREFIX.length()).trim()));
                }
                log.println("[exchange] " + line);
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            ready.completeExceptionally(ex);
        }
        ready.completeExceptionally(new IOException("the exchange exited before it was ready"));
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String describe(final Exception ex)
    {
        final Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        return cause instanceof TimeoutException ? "no READY line within " + READY_TIMEOUT_SECONDS + " s" :
            String.valueOf(cause.getMessage());
    }

    private static void deleteRecursively(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("could not delete " + root + ": " + ex.getMessage());
        }
    }
}
