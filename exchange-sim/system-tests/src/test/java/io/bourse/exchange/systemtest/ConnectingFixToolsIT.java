package io.bourse.exchange.systemtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The promise of docs/connecting-fix-tools.md: a QuickFIX/J client set up only from that page logs on and trades.
 * The tests take the settings files of sections 2.1 and 5 and the client program of section 2.2 out of the page as
 * they are printed and run them as the page says (Java's source launcher, the QuickFIX/J 3.0.0 jars the page lists).
 * Only the port and the three paths are changed, so that the run uses this test's exchange and files; a page whose
 * settings or program no longer work with the venue fails here.
 */
@Timeout(120)
class ConnectingFixToolsIT
{
    private static final Path PAGE = RepoPaths.repoRoot().resolve("docs/connecting-fix-tools.md");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void quickFixJClientFromThePageLogsOnAndTrades(@TempDir final Path dir) throws Exception
    {
        final ExchangeProcess exchange = system.startExchange();
        final String messages = runPageClient(exchange, "### 2.1 Settings file", "CLIENT1", dir);

        assertTrue(messages.contains("|35=A|") && messages.contains("|554=client1-secret|"),
            "the Logon carried the password from LogonTag: " + messages);
        assertTrue(messages.contains("|35=5|"), "the client logged out: " + messages);
    }

    /** Section 5: with its settings, the same client starts every TESTER1 connection at MsgSeqNum 1, as the venue. */
    @Test
    void sessionTestSettingsStartEveryConnectionAtOne(@TempDir final Path dir) throws Exception
    {
        final ExchangeProcess exchange = system.startExchange();
        runPageClient(exchange, "## 5. Session-test sessions", "TESTER1", dir);
        final String messages = runPageClient(exchange, "## 5. Session-test sessions", "TESTER1", dir);

        final List<String> logons = messages.lines().filter(line -> line.contains("|35=A|")).toList();
        assertEquals(4, logons.size(), "a Logon each way on each of the two connections: " + logons);
        for (final String logon : logons)
        {
            assertTrue(logon.contains("|34=1|"), "every Logon at MsgSeqNum 1: " + logon);
        }
        assertEquals(2, messages.lines().filter(line -> line.contains("|35=8|") && line.contains("|150=0|")).count(),
            "one New order acknowledgement per connection: " + messages);
    }

    /**
     * Writes the page's settings file (the first ini block after {@code settingsHeading}, with the port and the three
     * paths changed) and its client program (2.2) into {@code dir}, runs the client as the page says until it prints
     * the venue's ExecutionReport for its order, presses Enter, and returns the client's message log, SOH as '|'.
     */
    private static String runPageClient(
        final ExchangeProcess exchange, final String settingsHeading, final String senderCompId, final Path dir)
        throws Exception
    {
        final String page = Files.readString(PAGE);
        final Path settingsFile = dir.resolve("settings.cfg");
        Files.writeString(settingsFile, withSettings(codeBlockAfter(page, settingsHeading, "ini"), Map.of(
            "SocketConnectPort", String.valueOf(exchange.fixPort()),
            "DataDictionary", RepoPaths.fix42Dictionary().toString(),
            "FileStorePath", dir.resolve("store").toString(),
            "FileLogPath", dir.resolve("log").toString())));
        final Path source = dir.resolve("BourseClient.java");
        Files.writeString(source, codeBlockAfter(page, "### 2.2 A minimal client", "java"));

        final Process client = new ProcessBuilder(javaExecutable(), "-Xmx64m", "-cp", quickFixJClassPath(),
            source.toString(), settingsFile.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
        final LinkedBlockingQueue<String> output = pump(client);
        try
        {
            final String report = awaitLine(output, line -> line.startsWith("received ") && line.contains("|35=8|"));
            assertTrue(report.contains("|150=0|") && report.contains("|39=0|"),
                "a New order acknowledgement: " + report);
            assertTrue(report.contains("|55=TEST|") && report.contains("|54=1|") && report.contains("|38=100|"),
                "for the page's order, buy 100 TEST: " + report);
            assertTrue(report.contains("|44=100.25|"), "at the page's price: " + report);
            assertTrue(report.contains("|56=" + senderCompId + "|") && report.contains("|49=BOURSE|"), report);

            try (OutputStream stdin = client.getOutputStream())
            {
                stdin.write('\n');
            }
            assertTrue(client.waitFor(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                "the client stops once Enter is pressed");
            assertEquals(0, client.exitValue(), String.join("\n", drained(output)));
        }
        finally
        {
            client.destroyForcibly();
            client.waitFor(10, TimeUnit.SECONDS);
        }
        final Path messagesLog = dir.resolve("log").resolve("FIX.4.2-" + senderCompId + "-BOURSE.messages.log");
        return Files.readString(messagesLog).replace('\001', '|');
    }

    /** The first fenced block of {@code language} after {@code heading}; fails when the page no longer has it. */
    static String codeBlockAfter(final String page, final String heading, final String language)
    {
        final int at = page.indexOf(heading);
        assertTrue(at >= 0, "docs/connecting-fix-tools.md has no '" + heading + "'");
        final Matcher block = Pattern.compile("```" + Pattern.quote(language) + "\\n(.*?)```", Pattern.DOTALL)
            .matcher(page);
        assertTrue(block.find(at), "no ```" + language + " block after '" + heading + "'");
        return block.group(1);
    }

    /** The settings with each named key's value replaced; every key must be in them. */
    static String withSettings(final String settings, final Map<String, String> values)
    {
        String result = settings;
        for (final Map.Entry<String, String> value : values.entrySet())
        {
            final Pattern line = Pattern.compile("^" + Pattern.quote(value.getKey()) + "=.*$", Pattern.MULTILINE);
            assertTrue(line.matcher(result).find(), "the settings have no " + value.getKey());
            result = line.matcher(result).replaceAll(Matcher.quoteReplacement(value.getKey() + "=" + value.getValue()));
        }
        return result;
    }

    /** The page's class path: quickfixj-core, -base, -messages-all, mina-core and slf4j-api, as this test has them. */
    private static String quickFixJClassPath()
    {
        final List<String> jars = new ArrayList<>();
        for (final Class<?> fromJar : List.of(quickfix.Session.class, quickfix.Message.class,
            quickfix.fix42.NewOrderSingle.class, org.apache.mina.core.session.IoSession.class, org.slf4j.Logger.class))
        {
            try
            {
                jars.add(Path.of(fromJar.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static LinkedBlockingQueue<String> pump(final Process process)
    {
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread pump = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, "docs-client-stdout");
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    private static String awaitLine(final LinkedBlockingQueue<String> lines, final Predicate<String> wanted)
        throws InterruptedException
    {
        final List<String> seen = new ArrayList<>();
        final long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null)
            {
                break;
            }
            if (wanted.test(line))
            {
                return line;
            }
            seen.add(line);
        }
        fail("the client printed no ExecutionReport within " + ANSWER_TIMEOUT + "; it printed:\n" +
            String.join("\n", seen));
        return null;
    }

    private static List<String> drained(final LinkedBlockingQueue<String> lines)
    {
        final List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }
}
