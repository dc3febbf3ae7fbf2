package io.bourse.exchange.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import quickfix.Message;

/**
 * Owns what one system test starts, so that every exchange process and FIX client stops when the test ends,
 * whatever happens in it. Register it in each test class:
 * <pre>{@code @RegisterExtension final SystemTestSupport system = new SystemTestSupport();}</pre>
 *
 * <p>Each test gets a work dir under target/system-tests/&lt;class&gt;/&lt;method&gt;: the exchange's config, state and
 * output, and each client's store and message log. It is deleted when the test passes and kept when it fails, and a
 * failure prints the exchange output tails and each client's traffic. After each test, clients are closed first, while
 * the exchange still runs, then exchanges; the test also fails if a client had to reject a venue message at session
 * level or an exchange exited without being told to.
 */
public final class SystemTestSupport implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback
{
    /** -Dbourse.it.keepWorkDirs=true keeps the work dirs of passing tests too, to read their FIX logs. */
    static final String KEEP_WORK_DIRS_PROPERTY = "bourse.it.keepWorkDirs";
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("HHmmss-SSS");

    private final List<ExchangeProcess> exchanges = new ArrayList<>();
    private final List<FixClient> clients = new ArrayList<>();
    private final List<RawFixConnection> rawConnections = new ArrayList<>();
    private Path workDir;
    private boolean testFailed;

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        exchanges.clear();
        clients.clear();
        rawConnections.clear();
        testFailed = false;
        workDir = RepoPaths.workRoot()
            .resolve(context.getRequiredTestClass().getSimpleName())
            .resolve(context.getRequiredTestMethod().getName() + "-" + LocalDateTime.now().format(RUN_STAMP));
        try
        {
            Files.createDirectories(workDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + workDir, ex);
        }
    }

    /** A fresh exchange with its own port, state and Aeron dir, running and READY. */
    public ExchangeProcess startExchange()
    {
        return startExchange(List.of());
    }

    /** As {@link #startExchange()}, with sessions added to its config ({@link ExchangeProcess#create(Path, List)}). */
    public ExchangeProcess startExchange(final List<String> extraSessions)
    {
        final ExchangeProcess exchange = ExchangeProcess.create(
            workDir.resolve("exchange-" + (exchanges.size() + 1)), extraSessions);
        exchanges.add(exchange);
        exchange.start();
        return exchange;
    }

    /**
     * A raw-socket connection to the exchange as {@code senderCompId}, sending nothing yet. Its traffic is printed when
     * the test fails; it is closed after the test, before the exchanges.
     */
    RawFixConnection connectRaw(final ExchangeProcess exchange, final String senderCompId)
    {
        final RawFixConnection connection = RawFixConnection.connect(exchange.fixPort(), senderCompId);
        rawConnections.add(connection);
        return connection;
    }

    /** Connects {@code login} (password in RawData) and waits for the Logon exchange to complete. */
    public FixClient logOn(final ExchangeProcess exchange, final Login login)
    {
        final FixClient client = client(exchange, login, FixClient.PasswordField.RAW_DATA);
        client.start();
        client.awaitLoggedOn();
        return client;
    }

    /**
     * A client for {@code login}, not started. Its store is the same for every client of this CompID in the test, so
     * a new client after {@link FixClient#close()} continues the sequence numbers of the previous one.
     */
    public FixClient client(final ExchangeProcess exchange, final Login login, final FixClient.PasswordField field)
    {
        for (final FixClient existing : clients)
        {
            if (!existing.isClosed() && existing.login().compId().equals(login.compId()))
            {
                throw new IllegalStateException("a client for " + login.compId() + " is still open; close it first");
            }
        }
        final FixClient client = FixClient.create(
            exchange.fixPort(), login, field, workDir.resolve("client-" + login.compId()));
        clients.add(client);
        return client;
    }

    @Override
    public void afterTestExecution(final ExtensionContext context)
    {
        testFailed = context.getExecutionException().isPresent();
        if (testFailed)
        {
            System.out.println(diagnostics(context));
        }
        else if (Boolean.getBoolean(SessionValidationIT.SharedVenue.PRINT_TRAFFIC_PROPERTY))
        {
            rawConnections.forEach(connection -> System.out.println(connection.describe()));
        }
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        final List<String> problems = new ArrayList<>();
        for (final FixClient client : clients)
        {
            for (final Message reject : client.sessionRejectsSent())
            {
                problems.add(client.sessionId() + " rejected a venue message at session level: " +
                    Fix42.describe(reject));
            }
        }
        for (final ExchangeProcess exchange : exchanges)
        {
            if (exchange.exitedUnexpectedly())
            {
                problems.add("the exchange exited although the test did not stop it\n" + exchange.describe());
            }
        }

        final List<RuntimeException> closeFailures = new ArrayList<>();
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            closeQuietly(clients.get(i), closeFailures);
        }
        for (final RawFixConnection connection : rawConnections)
        {
            try
            {
                connection.close();
            }
            catch (final AssertionError ex)
            {
                // The venue kept a connection open that the test closed: worth a failure, not a skipped cleanup.
                closeFailures.add(new IllegalStateException(ex.getMessage()));
            }
            catch (final RuntimeException ex)
            {
                closeFailures.add(ex);
            }
        }
        for (final ExchangeProcess exchange : exchanges)
        {
            closeQuietly(exchange, closeFailures);
        }
        closeFailures.forEach(failure -> problems.add("close failed: " + failure));

        if (!problems.isEmpty())
        {
            if (!testFailed)
            {
                System.out.println(diagnostics(context));
            }
            throw new AssertionError(String.join("\n", problems) + "\nwork dir kept: " + workDir);
        }
        if (!testFailed && !Boolean.getBoolean(KEEP_WORK_DIRS_PROPERTY))
        {
            TestFiles.deleteRecursively(workDir);
        }
    }

    private String diagnostics(final ExtensionContext context)
    {
        final StringBuilder out = new StringBuilder();
        out.append("======== ").append(context.getDisplayName()).append(" failed; work dir kept: ")
            .append(workDir).append('\n');
        for (final ExchangeProcess exchange : exchanges)
        {
            out.append(exchange.describe()).append('\n');
        }
        for (final FixClient client : clients)
        {
            out.append(client.describe()).append('\n');
        }
        for (final RawFixConnection connection : rawConnections)
        {
            out.append(connection.describe()).append('\n');
        }
        out.append("======== end of diagnostics");
        return out.toString();
    }

    private static void closeQuietly(final AutoCloseable resource, final List<RuntimeException> failures)
    {
        try
        {
            resource.close();
        }
        catch (final Exception ex)
        {
            failures.add(ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex));
        }
    }
}
