package io.bourse.exchange.systemtest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exchange (bourse-exchange-sim.jar) running as a separate process, as bin/exchange-sim runs it.
 *
 * <p>Each instance owns a config (config/exchange.yaml with its own port and paths), state dir, Aeron dir and FIX
 * port, so tests never share state. The port and the dirs stay the same across {@link #kill()}/{@link #terminate()}
 * and {@link #restart()}, which is what recovery tests need. Each run's stdout and stderr go to files in the work
 * dir; they are quoted in every failure this class raises and are printed by {@link SystemTestSupport} when a test
 * fails.
 */
public final class ExchangeProcess implements AutoCloseable
{
    public static final String VENUE_COMP_ID = "BOURSE";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    static final String JAR_PROPERTY = "bourse.exchange.jar";
    private static final Pattern READY_LINE = Pattern.compile("READY fix=(\\d+)");
    private static final int OUTPUT_TAIL_LINES = 60;

    /** A test JVM that dies half-way must not leave exchanges running on the shared box. */
    private static final Set<Process> LIVE_PROCESSES = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(
            () -> LIVE_PROCESSES.forEach(Process::destroyForcibly), "exchange-process-reaper"));
    }

    private final Path workDir;
    private final Path jar;
    private final Path configFile;
    private final Path stateDir;
    private final Path aeronDir;
    private final int fixPort;
    private final List<String> extraSessions;

    private Process process;
    private Run run;
    private int runCount;
    private boolean stopRequested;

    private ExchangeProcess(
        final Path workDir, final Path jar, final int fixPort, final Path aeronDir, final List<String> extraSessions)
    {
        this.workDir = workDir;
        this.jar = jar;
        this.fixPort = fixPort;
        this.aeronDir = aeronDir;
        this.extraSessions = List.copyOf(extraSessions);
        this.configFile = workDir.resolve("exchange.yaml");
        this.stateDir = workDir.resolve("state");
    }

    /**
     * Picks a free port and a fresh Aeron dir and writes this instance's config into {@code workDir}; does not launch.
     * Splitting this from {@link #start()} lets a caller register the instance for closing before the launch can fail.
     */
    public static ExchangeProcess create(final Path workDir)
    {
        return create(workDir, List.of());
    }

    /**
     * As {@link #create(Path)}, with sessions added to {@code fix.sessions} of this instance's config copy, for tests
     * that need a session setting the repository's config does not have (a sequence-number policy, for example). Each
     * entry is one YAML flow mapping with the keys of a session entry, e.g.
     * {@code {id: 11, compId: LOGON1, password: logon1-secret, ResetOnLogon: true}}; its id and compId must not be
     * those of a configured session.
     */
    public static ExchangeProcess create(final Path workDir, final List<String> extraSessions)
    {
        final Path jar = RepoPaths.exchangeJar();
        if (!Files.isRegularFile(jar))
        {
            throw new IllegalStateException("exchange jar not found: " + jar.toAbsolutePath() +
                " (build it with ./mvnw -B -pl exchange-sim/gateway -am package, or set -D" + JAR_PROPERTY + ")");
        }

        final ExchangeProcess exchange = new ExchangeProcess(
            workDir, jar, freeLoopbackPort(), uniqueAeronDir(), extraSessions);
        exchange.writeConfig();
        return exchange;
    }

    public int fixPort()
    {
        return fixPort;
    }

    /** The venue's state directory (session state, archive, journal). */
    public Path stateDir()
    {
        return stateDir;
    }

    public boolean isAlive()
    {
        return process != null && process.isAlive();
    }

    /** Launches the jar and waits for {@code READY fix=<port>} on its stdout. */
    public void start()
    {
        if (isAlive())
        {
            throw new IllegalStateException("exchange already running, pid " + process.pid());
        }

        runCount++;
        stopRequested = false;
        final Path stdout = workDir.resolve("exchange-run" + runCount + ".out");
        final Path stderr = workDir.resolve("exchange-run" + runCount + ".err");
        final List<String> command = command();
        final ProcessBuilder builder = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not launch " + String.join(" ", command), ex);
        }
        LIVE_PROCESSES.add(process);
        run = new Run(process, stdout, stderr, command);
        run.awaitReady(fixPort);
    }

    /** SIGTERM, then the exit code must be 0: sessions logged out and state flushed. */
    public void terminate()
    {
        requireRunning("terminate");
        stopRequested = true;
        process.destroy();
        final int exitCode = awaitExit();
        if (exitCode != 0)
        {
            throw new AssertionError("exchange exited with " + exitCode + " on SIGTERM, expected 0\n" + describe());
        }
    }

    /** SIGKILL: nothing is flushed, nobody is logged out. */
    public void kill()
    {
        requireRunning("kill");
        stopRequested = true;
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts again with the same config, state dir, Aeron dir and port; the previous run must have ended. */
    public void restart()
    {
        if (isAlive())
        {
            throw new IllegalStateException("restart needs the previous run to have ended; call kill() or terminate()");
        }
        start();
    }

    /**
     * Rewrites this instance's config for the next {@link #restart()}: {@code change} gets the YAML and returns the
     * YAML to use. For tests of what a restart does with a setting that changed while the exchange was down.
     */
    public void changeConfig(final UnaryOperator<String> change)
    {
        if (isAlive())
        {
            throw new IllegalStateException("the config is read at start: stop the exchange before changing it");
        }
        try
        {
            Files.writeString(configFile, change.apply(Files.readString(configFile, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not rewrite " + configFile, ex);
        }
    }

    /**
     * The first line of the current run's stdout containing {@code text}, waiting up to {@code timeout} for it; lines
     * printed before the call count. Fails with the exchange's output when no such line comes.
     */
    public String awaitOutputLine(final String text, final Duration timeout)
    {
        if (run == null)
        {
            throw new IllegalStateException("exchange never started; work dir " + workDir);
        }
        final String line = run.awaitLine(text, timeout);
        if (line == null)
        {
            throw new AssertionError("no stdout line containing '" + text + "' within " + timeout + "\n" + describe());
        }
        return line;
    }

    /** True when the last run ended although nobody asked it to stop: the exchange crashed or exited by itself. */
    public boolean exitedUnexpectedly()
    {
        return process != null && !process.isAlive() && !stopRequested;
    }

    /** Stdout and stderr tails of the current (or last) run, for failure messages. */
    public String describe()
    {
        if (run == null)
        {
            return "exchange never started; work dir " + workDir;
        }
        return run.describe();
    }

    @Override
    public void close()
    {
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (process != null)
        {
            LIVE_PROCESSES.remove(process);
        }
        if (run != null)
        {
            run.awaitOutputDrained();
        }
        // A killed exchange leaves its Aeron files in /dev/shm; nobody else would remove them.
        TestFiles.deleteRecursively(aeronDir);
    }

    private List<String> command()
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As bin/exchange-sim runs it, except that Agrona's bounds checks stay on: a test should fail loudly.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--config");
        command.add(configFile.toAbsolutePath().toString());
        // Also given in the config; passing them exercises the documented overrides with the same values.
        command.add("--fix-port");
        command.add(Integer.toString(fixPort));
        command.add("--state-dir");
        command.add(stateDir.toAbsolutePath().toString());
        command.add("--aeron-dir");
        command.add(aeronDir.toString());
        return command;
    }

    private int awaitExit()
    {
        try
        {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor();
                throw new AssertionError("exchange did not exit within " + EXIT_TIMEOUT + "; killed it\n" + describe());
            }
            run.awaitOutputDrained();
            LIVE_PROCESSES.remove(process);
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the exchange to exit", ex);
        }
    }

    private void requireRunning(final String action)
    {
        if (!isAlive())
        {
            throw new IllegalStateException("cannot " + action + ": exchange not running\n" + describe());
        }
    }

    /**
     * Copies config/exchange.yaml with only the port and the paths changed, so the sessions, passwords and every
     * setting the tests do not care about stay those of the repository's config. Each rewritten key must occur
     * exactly once, which fails clearly if the config's shape changes.
     */
    private void writeConfig()
    {
        final Path template = RepoPaths.exchangeConfig();
        try
        {
            String yaml = Files.readString(template, StandardCharsets.UTF_8);
            final Path instruments = template.getParent().resolve(
                configValue(yaml, "^instruments:[ \\t]*([^#\\s]+)", template)).normalize();
            yaml = rewrite(yaml, "^([ \\t]+port:).*$", Integer.toString(fixPort), template);
            yaml = rewrite(yaml, "^(instruments:).*$", quoted(instruments.toAbsolutePath()), template);
            yaml = rewrite(yaml, "^([ \\t]+dir:).*$", quoted(stateDir.toAbsolutePath()), template);
            yaml = rewrite(yaml, "^([ \\t]+aeronDir:).*$", quoted(aeronDir), template);
            yaml = appendSessions(yaml, extraSessions, template);
            Files.createDirectories(workDir);
            Files.writeString(configFile,
                "# Written by ExchangeProcess from " + template + " for one system test: own port and paths.\n" + yaml,
                StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write " + configFile + " from " + template, ex);
        }
    }

    private static String configValue(final String yaml, final String regex, final Path template)
    {
        final Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(yaml);
        if (!matcher.find())
        {
            throw new IllegalStateException(template + " has no line matching " + regex);
        }
        return matcher.group(1);
    }

    /**
     * Inserts the entries after the last item of {@code fix.sessions}, indented as its first item is: the list ends
     * at the first top-level key after {@code sessions:}.
     */
    private static String appendSessions(final String yaml, final List<String> entries, final Path template)
    {
        if (entries.isEmpty())
        {
            return yaml;
        }
        final Matcher sessions = Pattern.compile("^[ \\t]+sessions:.*$", Pattern.MULTILINE).matcher(yaml);
        if (!sessions.find())
        {
            throw new IllegalStateException(template + " has no fix.sessions list");
        }
        final Matcher firstItem = Pattern.compile("^([ \\t]+)- ", Pattern.MULTILINE).matcher(yaml);
        if (!firstItem.find(sessions.end()))
        {
            throw new IllegalStateException(template + ": fix.sessions has no item");
        }
        final Matcher nextTopLevelKey = Pattern.compile("^[A-Za-z]", Pattern.MULTILINE).matcher(yaml);
        final int end = nextTopLevelKey.find(sessions.end()) ? nextTopLevelKey.start() : yaml.length();
        final StringBuilder inserted = new StringBuilder();
        for (final String entry : entries)
        {
            inserted.append(firstItem.group(1)).append("- ").append(entry).append('\n');
        }
        final String before = yaml.substring(0, end);
        return before + (before.endsWith("\n") ? "" : "\n") + inserted + yaml.substring(end);
    }

    /** Replaces the value (and any comment) on the one line where {@code keyRegex}'s group 1 is the key. */
    private static String rewrite(final String yaml, final String keyRegex, final String value, final Path template)
    {
        final Pattern pattern = Pattern.compile(keyRegex, Pattern.MULTILINE);
        final long count = pattern.matcher(yaml).results().count();
        if (count != 1)
        {
            throw new IllegalStateException(template + ": expected one line matching " + keyRegex + ", found " + count);
        }
        return pattern.matcher(yaml).replaceFirst(line -> Matcher.quoteReplacement(line.group(1) + " " + value));
    }

    private static String quoted(final Path path)
    {
        return "'" + path + "'";
    }

    /** Binding port 0 lets the OS pick a port nobody uses; the exchange binds it a moment later. */
    private static int freeLoopbackPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free port on 127.0.0.1", ex);
        }
    }

    private static Path uniqueAeronDir()
    {
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("bourse-test-" + UUID.randomUUID().toString().substring(0, 12));
    }

    /** One launch of the process: its output files and the thread that copies stdout while watching for READY. */
    private static final class Run
    {
        private final Process process;
        private final Path stdout;
        private final Path stderr;
        private final List<String> command;
        private final CompletableFuture<Integer> readyPort = new CompletableFuture<>();
        /** Every stdout line so far, for {@link #awaitLine}; guarded by itself. */
        private final List<String> lines = new ArrayList<>();
        private boolean stdoutClosed;
        private final Thread stdoutPump;

        Run(final Process process, final Path stdout, final Path stderr, final List<String> command)
        {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.command = command;
            this.stdoutPump = new Thread(this::pumpStdout, "exchange-stdout-" + process.pid());
            stdoutPump.setDaemon(true);
            stdoutPump.start();
        }

        /** Copies stdout line by line to its file, so the file is complete even when READY never comes. */
        private void pumpStdout()
        {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter writer = Files.newBufferedWriter(stdout, StandardCharsets.UTF_8))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                    synchronized (lines)
                    {
                        lines.add(line);
                        lines.notifyAll();
                    }
                    final Matcher ready = READY_LINE.matcher(line);
                    if (!readyPort.isDone() && ready.matches())
                    {
                        readyPort.complete(Integer.parseInt(ready.group(1)));
                    }
                }
            }
            catch (final IOException ex)
            {
                readyPort.completeExceptionally(ex);
            }
            finally
            {
                readyPort.completeExceptionally(new IllegalStateException("stdout closed before a READY line"));
                synchronized (lines)
                {
                    stdoutClosed = true;
                    lines.notifyAll();
                }
            }
        }

        /** The first line containing {@code text}; null at the timeout or once stdout has closed without one. */
        String awaitLine(final String text, final Duration timeout)
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines)
            {
                int checked = 0;
                while (true)
                {
                    for (; checked < lines.size(); checked++)
                    {
                        if (lines.get(checked).contains(text))
                        {
                            return lines.get(checked);
                        }
                    }
                    final long remainingNanos = deadline - System.nanoTime();
                    if (stdoutClosed || remainingNanos <= 0)
                    {
                        return null;
                    }
                    try
                    {
                        TimeUnit.NANOSECONDS.timedWait(lines, remainingNanos);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a stdout line", ex);
                    }
                }
            }
        }

        void awaitReady(final int expectedPort)
        {
            final int port;
            try
            {
                port = readyPort.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                // Start-up failures have been seen to leave Aeron threads running instead of exiting.
                process.destroyForcibly();
                awaitQuietly();
                throw new AssertionError("no 'READY fix=' line within " + READY_TIMEOUT + "; killed it\n" + describe());
            }
            catch (final ExecutionException ex)
            {
                awaitQuietly();
                throw new AssertionError("exchange stopped before READY: " + ex.getCause().getMessage() +
                    exitStatus() + "\n" + describe());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for READY", ex);
            }
            if (port != expectedPort)
            {
                throw new AssertionError("exchange READY on port " + port + ", expected the configured " +
                    expectedPort + "\n" + describe());
            }
        }

        void awaitOutputDrained()
        {
            try
            {
                stdoutPump.join(EXIT_TIMEOUT.toMillis());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private void awaitQuietly()
        {
            try
            {
                process.waitFor(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private String exitStatus()
        {
            return process.isAlive() ? " (running)" : " (exit code " + process.exitValue() + ")";
        }

        String describe()
        {
            return "---- exchange pid " + process.pid() + exitStatus() + ": " + String.join(" ", command) + "\n" +
                "---- stdout " + stdout + "\n" + TestFiles.tail(stdout, OUTPUT_TAIL_LINES) +
                "---- stderr " + stderr + "\n" + TestFiles.tail(stderr, OUTPUT_TAIL_LINES) +
                "---- end of exchange output";
        }
    }
}
