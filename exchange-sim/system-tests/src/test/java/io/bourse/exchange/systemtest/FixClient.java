package io.bourse.exchange.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Initiator;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.RawData;
import quickfix.field.RawDataLength;

/**
 * One FIX 4.2 session to the exchange, initiated by QuickFIX/J, as a trading firm's engine would run it.
 *
 * <p>QuickFIX/J validates everything the venue sends against fix-dictionaries/FIX42.xml as strictly as its settings
 * allow; a message that fails is answered with a session Reject(3) and never reaches the test, so every Reject this
 * client sends is recorded ({@link #sessionRejectsSent()}) and fails the test in {@link SystemTestSupport}.
 *
 * <p>Every inbound message, admin or application, is queued. {@link #awaitMessage} takes the first queued message
 * that matches and leaves the others in the queue in arrival order, so a test can read two sessions' reports in any
 * order it likes. Sequence numbers live in a FileStore in the client's directory: a new FixClient on the same
 * directory carries on where the previous one stopped, like a restarted trading engine.
 */
public final class FixClient implements AutoCloseable
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final int HEARTBEAT_INTERVAL_SECONDS = 30;
    public static final int PASSWORD_TAG = 554;

    private static final int TRAFFIC_LINES_IN_FAILURES = 60;

    /** Where the Logon carries the password; the venue accepts either. */
    public enum PasswordField
    {
        RAW_DATA,
        PASSWORD
    }

    private final Login login;
    private final PasswordField passwordField;
    private final Path directory;
    private final SessionID sessionId;
    private final SocketInitiator initiator;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Message> unclaimed = new ArrayList<>();
    private final List<Traffic> traffic = new ArrayList<>();
    private final List<Message> sessionRejectsSent = new ArrayList<>();
    private boolean loggedOn;
    private int logonCount;
    private boolean started;
    private boolean closed;

    private FixClient(final int port, final Login login, final PasswordField passwordField, final Path directory)
    {
        this.login = login;
        this.passwordField = passwordField;
        this.directory = directory;
        this.sessionId = new SessionID("FIX.4.2", login.compId(), ExchangeProcess.VENUE_COMP_ID);
        final SessionSettings settings = settings(port);
        try
        {
            this.initiator = SocketInitiator.newBuilder()
                .withApplication(new Callbacks())
                .withMessageStoreFactory(new FileStoreFactory(settings))
                .withLogFactory(new FileLogFactory(settings))
                .withMessageFactory(new DefaultMessageFactory())
                .withSettings(settings)
                .build();
        }
        catch (final ConfigError ex)
        {
            throw new IllegalStateException("QuickFIX/J refused the settings for " + sessionId, ex);
        }
    }

    /** A client for {@code login}, not yet connected; its store and logs go to {@code directory}. */
    public static FixClient create(
        final int port, final Login login, final PasswordField passwordField, final Path directory)
    {
        // Fail fast with a clear message rather than a QuickFIX/J ConfigError about a missing resource.
        if (!Files.isRegularFile(RepoPaths.fix42Dictionary()))
        {
            throw new IllegalStateException("FIX 4.2 dictionary not found: " + RepoPaths.fix42Dictionary() +
                " (set -Dbourse.repo.root)");
        }
        return new FixClient(port, login, passwordField, directory);
    }

    private SessionSettings settings(final int port)
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString(sessionId, SessionFactory.SETTING_CONNECTION_TYPE, SessionFactory.INITIATOR_CONNECTION_TYPE);
        settings.setString(sessionId, Initiator.SETTING_SOCKET_CONNECT_HOST, "127.0.0.1");
        settings.setLong(sessionId, Initiator.SETTING_SOCKET_CONNECT_PORT, port);
        settings.setLong(sessionId, Initiator.SETTING_RECONNECT_INTERVAL, 1);
        settings.setString(sessionId, "SocketTcpNoDelay", "Y");
        // Start/End times would reset the sequence numbers at the session boundary, in the middle of some test run.
        settings.setString(sessionId, Session.SETTING_NON_STOP_SESSION, "Y");
        settings.setLong(sessionId, Session.SETTING_HEARTBTINT, HEARTBEAT_INTERVAL_SECONDS);
        settings.setLong(sessionId, Session.SETTING_LOGON_TIMEOUT, 10);
        settings.setLong(sessionId, Session.SETTING_LOGOUT_TIMEOUT, 5);

        // Sequence numbers survive restarts of either side; nothing resets them behind a test's back.
        settings.setString(sessionId, Session.SETTING_RESET_ON_LOGON, "N");
        settings.setString(sessionId, Session.SETTING_RESET_ON_LOGOUT, "N");
        settings.setString(sessionId, Session.SETTING_RESET_ON_DISCONNECT, "N");
        settings.setString(sessionId, Session.SETTING_RESET_ON_ERROR, "N");
        settings.setString(sessionId, Session.SETTING_PERSIST_MESSAGES, "Y");
        settings.setString(sessionId, FileStoreFactory.SETTING_FILE_STORE_PATH, directory.resolve("store").toString());
        settings.setString(sessionId, FileStoreFactory.SETTING_FILE_STORE_SYNC, "N");
        settings.setString(sessionId, FileLogFactory.SETTING_FILE_LOG_PATH, directory.resolve("log").toString());
        settings.setString(sessionId, FileLogFactory.SETTING_INCLUDE_MILLIS_IN_TIMESTAMP, "Y");
        settings.setString(sessionId, FileLogFactory.SETTING_LOG_HEARTBEATS, "Y");

        // As strict as the venue dictionary allows: the tests double as a conformance check of what the venue sends.
        settings.setString(sessionId, Session.SETTING_USE_DATA_DICTIONARY, "Y");
        settings.setString(sessionId, Session.SETTING_DATA_DICTIONARY, RepoPaths.fix42Dictionary().toString());
        settings.setString(sessionId, Session.SETTING_VALIDATE_INCOMING_MESSAGE, "Y");
        settings.setString(sessionId, Session.SETTING_VALIDATE_USER_DEFINED_FIELDS, "Y");
        settings.setString(sessionId, Session.SETTING_VALIDATE_FIELDS_OUT_OF_ORDER, "Y");
        settings.setString(sessionId, Session.SETTING_VALIDATE_FIELDS_HAVE_VALUES, "Y");
        settings.setString(sessionId, Session.SETTING_VALIDATE_UNORDERED_GROUP_FIELDS, "Y");
        settings.setString(sessionId, Session.SETTING_ALLOW_UNKNOWN_MSG_FIELDS, "N");
        settings.setString(sessionId, Session.SETTING_VALIDATE_SEQUENCE_NUMBERS, "Y");
        settings.setString(sessionId, Session.SETTING_VALIDATE_CHECKSUM, "Y");
        settings.setString(sessionId, Session.SETTING_REJECT_INVALID_MESSAGE, "Y");
        settings.setString(sessionId, Session.SETTING_REQUIRES_ORIG_SENDING_TIME, "Y");
        settings.setString(sessionId, Session.SETTING_CHECK_COMP_ID, "Y");
        settings.setString(sessionId, Session.SETTING_CHECK_LATENCY, "Y");
        settings.setLong(sessionId, Session.SETTING_MAX_LATENCY, 120);
        return settings;
    }

    public SessionID sessionId()
    {
        return sessionId;
    }

    public Login login()
    {
        return login;
    }

    /** Connects (and reconnects every second after a disconnect) until closed or logged out. */
    public void start()
    {
        if (started)
        {
            throw new IllegalStateException(sessionId + " already started");
        }
        started = true;
        try
        {
            initiator.start();
        }
        catch (final ConfigError ex)
        {
            throw new IllegalStateException("QuickFIX/J could not start " + sessionId, ex);
        }
    }

    /** The QuickFIX/J session, for sequence-number surgery. */
    public Session session()
    {
        final Session session = Session.lookupSession(sessionId);
        if (session == null)
        {
            throw new IllegalStateException(sessionId + " is not registered; start() the client first");
        }
        return session;
    }

    /** MsgSeqNum of the next message this client will send. */
    public int nextSenderSeqNum()
    {
        try
        {
            return session().getStore().getNextSenderMsgSeqNum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** MsgSeqNum this client expects on the next message from the venue. */
    public int nextTargetSeqNum()
    {
        try
        {
            return session().getStore().getNextTargetMsgSeqNum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void setNextSenderSeqNum(final int seqNum)
    {
        try
        {
            session().setNextSenderMsgSeqNum(seqNum);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Waits until QuickFIX/J has finished processing the venue's message {@code seqNum}: it hands a message to the
     * application before it advances its expected number, so a test that rewinds the expected number right after
     * reading a message would race with that increment.
     */
    public void awaitProcessedThrough(final int seqNum)
    {
        final long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (nextTargetSeqNum() <= seqNum)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(sessionId + ": the venue's message " + seqNum + " was not processed within " +
                    DEFAULT_TIMEOUT + "\n" + describe());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    public void setNextTargetSeqNum(final int seqNum)
    {
        try
        {
            session().setNextTargetMsgSeqNum(seqNum);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void awaitLoggedOn()
    {
        awaitLoggedOn(DEFAULT_TIMEOUT);
    }

    /** Waits until the session is logged on; after a disconnect this means a new Logon exchange. */
    public void awaitLoggedOn(final Duration timeout)
    {
        awaitState(true, "logged on", timeout);
    }

    /** Waits until QuickFIX/J reports the session logged out or disconnected. */
    public void awaitLoggedOut(final Duration timeout)
    {
        awaitState(false, "logged out", timeout);
    }

    public boolean isLoggedOn()
    {
        lock.lock();
        try
        {
            return loggedOn;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** How many times the session has completed a Logon exchange. */
    public int logonCount()
    {
        lock.lock();
        try
        {
            return logonCount;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Sends Logout, waits for the session to end, and stays disconnected (no reconnect) until {@link #logon()}. */
    public void logout()
    {
        session().logout();
        awaitLoggedOut(DEFAULT_TIMEOUT);
    }

    /** Re-enables the session after {@link #logout()} and waits for the new Logon exchange. */
    public void logon()
    {
        session().logon();
        awaitLoggedOn();
    }

    /**
     * Sends an application or admin message on the logged-on session and returns the MsgSeqNum it went out with.
     * QuickFIX/J fills the header, so the message needs only its body.
     */
    public int send(final Message message)
    {
        final Session session = session();
        if (!session.isLoggedOn())
        {
            throw new IllegalStateException(sessionId + " not logged on; cannot send " + Fix42.describe(message));
        }
        if (!session.send(message))
        {
            throw new IllegalStateException(sessionId + " did not send " + Fix42.describe(message));
        }
        return Fix42.intField(message, MsgSeqNum.FIELD);
    }

    /** Waits for the first queued inbound message that matches, removes it from the queue and returns it. */
    public Message awaitMessage(final Predicate<Message> matcher, final Duration timeout)
    {
        return awaitMessage("a matching message", matcher, timeout);
    }

    public Message awaitMessage(final String what, final Predicate<Message> matcher)
    {
        return awaitMessage(what, matcher, DEFAULT_TIMEOUT);
    }

    public Message awaitMessage(final String what, final Predicate<Message> matcher, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try
        {
            while (true)
            {
                final Iterator<Message> queued = unclaimed.iterator();
                while (queued.hasNext())
                {
                    final Message candidate = queued.next();
                    if (matcher.test(candidate))
                    {
                        queued.remove();
                        return candidate;
                    }
                }
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    throw new AssertionError(sessionId + ": no " + what + " within " + timeout + "\n" + describe());
                }
                changed.awaitNanos(remaining);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** The next ExecutionReport about the order with this ClOrdID. */
    public Message awaitExecutionReport(final String clOrdId)
    {
        return awaitMessage("ExecutionReport for ClOrdID " + clOrdId, Fix42.executionReportFor(clOrdId));
    }

    /** The next message of this MsgType. */
    public Message awaitMsgType(final String msgType)
    {
        return awaitMessage("message of type " + msgType, Fix42.msgType(msgType));
    }

    /** Queued (not yet claimed) inbound messages that match, without waiting and without claiming them. */
    public List<Message> unclaimed(final Predicate<Message> matcher)
    {
        lock.lock();
        try
        {
            return unclaimed.stream().filter(matcher).toList();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Fails when a queued (unclaimed) inbound message matches. Meaningful only after a fence: an answer the venue sent
     * after anything that could have produced such a message.
     */
    public void assertNoneQueued(final String expectation, final Predicate<Message> matcher)
    {
        final List<Message> matching = unclaimed(matcher);
        if (!matching.isEmpty())
        {
            final StringBuilder found = new StringBuilder();
            matching.forEach(message -> found.append("\n  ").append(Fix42.describe(message)));
            throw new AssertionError(sessionId + ": " + expectation + "; but received:" + found + "\n" + describe());
        }
    }

    /** Every inbound message so far, claimed or not, in arrival order. */
    public List<Message> received()
    {
        lock.lock();
        try
        {
            return traffic.stream().filter(Traffic::inbound).map(Traffic::message).toList();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Every message this client has sent so far, in order. */
    public List<Message> sent()
    {
        lock.lock();
        try
        {
            return traffic.stream().filter(entry -> !entry.inbound()).map(Traffic::message).toList();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Session-level Rejects this client sent: each one is a venue message that broke the FIX 4.2 dictionary. */
    public List<Message> sessionRejectsSent()
    {
        lock.lock();
        try
        {
            return List.copyOf(sessionRejectsSent);
        }
        finally
        {
            lock.unlock();
        }
    }

    public boolean isClosed()
    {
        return closed;
    }

    /** QuickFIX/J's message log of this session (both directions, heartbeats included). */
    public Path messagesLog()
    {
        return directory.resolve("log").resolve(
            sessionId.getBeginString() + "-" + sessionId.getSenderCompID() + "-" + sessionId.getTargetCompID() +
            ".messages.log");
    }

    /** The last messages in both directions, for failure messages. */
    public String describe()
    {
        lock.lock();
        try
        {
            final StringBuilder out = new StringBuilder();
            out.append("---- ").append(sessionId).append(loggedOn ? " (logged on)" : " (not logged on)")
                .append(", traffic (<- in, -> out, * claimed), log ").append(messagesLog()).append('\n');
            final int from = Math.max(0, traffic.size() - TRAFFIC_LINES_IN_FAILURES);
            if (from > 0)
            {
                out.append("... ").append(from).append(" earlier messages\n");
            }
            for (final Traffic entry : traffic.subList(from, traffic.size()))
            {
                final boolean stillQueued = unclaimed.stream().anyMatch(queued -> queued == entry.message());
                out.append(entry.inbound() ? "<- " : "-> ")
                    .append(entry.inbound() && !stillQueued ? "* " : "  ")
                    .append(Fix42.describe(entry.message())).append('\n');
            }
            out.append("---- end of ").append(sessionId).append(" traffic");
            return out.toString();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Stops the initiator: its threads are not daemons, so a client left open would keep the test JVM alive. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // Forced: no waiting for the venue's Logout answer, which a killed exchange would never send.
        initiator.stop(true);
    }

    private void awaitState(final boolean wantLoggedOn, final String what, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try
        {
            while (loggedOn != wantLoggedOn)
            {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    throw new AssertionError(sessionId + " not " + what + " within " + timeout + "\n" + describe());
                }
                changed.awaitNanos(remaining);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to be " + what, ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    private void record(final Message message, final boolean inbound)
    {
        // QuickFIX/J may reuse or modify the instance after the callback; keep a snapshot.
        final Message copy = (Message)message.clone();
        lock.lock();
        try
        {
            traffic.add(new Traffic(inbound, copy));
            if (inbound)
            {
                unclaimed.add(copy);
            }
            else if (MsgType.REJECT.equals(Fix42.msgTypeOf(copy)))
            {
                sessionRejectsSent.add(copy);
            }
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onLogonStateChange(final boolean nowLoggedOn)
    {
        lock.lock();
        try
        {
            loggedOn = nowLoggedOn;
            if (nowLoggedOn)
            {
                logonCount++;
            }
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void addPassword(final Message logon)
    {
        if (passwordField == PasswordField.RAW_DATA)
        {
            final byte[] raw = login.password().getBytes(StandardCharsets.US_ASCII);
            logon.setInt(RawDataLength.FIELD, raw.length);
            logon.setString(RawData.FIELD, login.password());
        }
        else
        {
            logon.setString(PASSWORD_TAG, login.password());
        }
    }

    private record Traffic(boolean inbound, Message message)
    {
    }

    /** QuickFIX/J calls these on its single session thread. */
    private final class Callbacks implements Application
    {
        @Override
        public void onCreate(final SessionID id)
        {
            try
            {
                Files.createDirectories(directory);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void onLogon(final SessionID id)
        {
            onLogonStateChange(true);
        }

        @Override
        public void onLogout(final SessionID id)
        {
            onLogonStateChange(false);
        }

        @Override
        public void toAdmin(final Message message, final SessionID id)
        {
            if (MsgType.LOGON.equals(Fix42.msgTypeOf(message)))
            {
                addPassword(message);
            }
            record(message, false);
        }

        @Override
        public void fromAdmin(final Message message, final SessionID id)
        {
            record(message, true);
        }

        @Override
        public void toApp(final Message message, final SessionID id)
        {
            record(message, false);
        }

        @Override
        public void fromApp(final Message message, final SessionID id)
        {
            record(message, true);
        }
    }
}
