package io.bourse.exchange.systemtest;

import quickfix.field.ClOrdID;
import quickfix.field.HandlInst;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A FIX 4.2 counterparty on a raw socket, for session tests that must send what no FIX engine would: a wrong
 * BeginString, BodyLength or CheckSum, a missing or repeated tag, fields out of order, a reused MsgSeqNum.
 *
 * <p>Nothing is checked or answered automatically: no Heartbeats, no Logout reply, no sequence-number bookkeeping
 * beyond {@link #nextSeqNum()}, which a message built with {@link #message} takes unless the test sets its own.
 * Every message is framed and encoded by {@link Outgoing}, which computes BodyLength and CheckSum correctly unless a
 * test overrides them.
 *
 * <p>A reader thread splits what the venue sends into messages and queues them. {@link #awaitMessage} takes the first
 * queued message that matches and leaves the others queued, in arrival order; {@link #received()} keeps everything.
 * A wait ends early, with a failure listing the traffic, as soon as the venue has closed the connection and no
 * queued message matches ({@link #awaitMessageOrDisconnect} and {@link #pollMessage} return null instead). Both
 * directions are logged with the time since connect, for failure messages.
 */
final class RawFixConnection implements AutoCloseable
{
    static final String FIX42 = "FIX.4.2";
    static final char SOH = '\u0001';
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** FIX 4.2 standard header fields after BeginString, BodyLength and MsgType: they belong before the body. */
    private static final Set<Integer> HEADER_TAGS = Set.of(
        49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369, 370);
    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");
    private static final int CHECKSUM_FIELD_LENGTH = "10=000\u0001".length();
    private static final int READ_BUFFER_BYTES = 8192;

    private final String senderCompId;
    private final Socket socket;
    private final OutputStream output;
    private final long connectedAtNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RawMessage> unclaimed = new ArrayList<>();
    private final List<RawMessage> received = new ArrayList<>();
    private final List<String> traffic = new ArrayList<>();
    private boolean closedByPeer;
    private int nextSeqNum = 1;

    private RawFixConnection(final String senderCompId, final Socket socket) throws IOException
    {
        this.senderCompId = senderCompId;
        this.socket = socket;
        this.output = socket.getOutputStream();
        final Thread reader = new Thread(
            this::readUntilClosed, "raw-fix-" + senderCompId + "-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a TCP connection to the venue on 127.0.0.1; sends nothing. */
    static RawFixConnection connect(final int port, final String senderCompId)
    {
        final Socket socket = new Socket();
        try
        {
            // Each message leaves when the test sends it, not when Nagle's algorithm decides; the venue may still
            // read two of them in one go, as it may from any counterparty.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)DEFAULT_TIMEOUT.toMillis());
            return new RawFixConnection(senderCompId, socket);
        }
        catch (final IOException ex)
        {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port + " as " + senderCompId, ex);
        }
    }

    String senderCompId()
    {
        return senderCompId;
    }

    /** The MsgSeqNum the next {@link #message} takes unless it is given its own. */
    int nextSeqNum()
    {
        return nextSeqNum;
    }

    void nextSeqNum(final int seqNum)
    {
        nextSeqNum = seqNum;
    }

    /**
     * A message with the standard header filled in: SenderCompID this connection's, TargetCompID the venue's,
     * MsgSeqNum {@link #nextSeqNum()} (taken when sent), SendingTime now.
     */
    Outgoing message(final String msgType)
    {
        return new Outgoing(msgType)
            .field(49, senderCompId)
            .field(56, ExchangeProcess.VENUE_COMP_ID)
            .field(34, Outgoing.NEXT_SEQ_NUM)
            .field(52, timestampNow());
    }

    /** A Day limit NewOrderSingle for {@link Fix42#SYMBOL}, valid in every respect, headed as {@link #message}. */
    Outgoing dayLimitOrder(final String clOrdId, final char side, final String quantity, final String price)
    {
        return message(MsgType.NEW_ORDER_SINGLE)
            .field(ClOrdID.FIELD, clOrdId)
            .field(HandlInst.FIELD, "1")
            .field(Symbol.FIELD, Fix42.SYMBOL)
            .field(Side.FIELD, String.valueOf(side))
            .field(TransactTime.FIELD, timestampNow())
            .field(OrderQty.FIELD, quantity)
            .field(OrdType.FIELD, String.valueOf(OrdType.LIMIT))
            .field(Price.FIELD, price)
            .field(TimeInForce.FIELD, String.valueOf(TimeInForce.DAY));
    }

    /** Logon with EncryptMethod 0, the given HeartBtInt, and the password in RawData as FIX 4.2 carries it. */
    Outgoing logon(final String password, final String heartBtInt)
    {
        return message("A")
            .field(98, "0")
            .field(108, heartBtInt)
            .field(95, Integer.toString(password.length()))
            .field(96, password);
    }

    /**
     * Encodes and writes the message; returns the MsgSeqNum it carried (or -1 if it had none or not a number). A
     * message that took {@link #nextSeqNum()} advances it, one given its own number leaves it alone.
     */
    int send(final Outgoing message)
    {
        final byte[] wire = message.encode(nextSeqNum);
        if (message.takesNextSeqNum())
        {
            nextSeqNum++;
        }
        sendRaw(wire);
        final String seqNum = RawMessage.parse(wire).value(34);
        return seqNum != null && seqNum.chars().allMatch(Character::isDigit) && !seqNum.isEmpty() ?
            Integer.parseInt(seqNum) : -1;
    }

    /** Writes the bytes exactly as given. */
    void sendRaw(final byte[] bytes)
    {
        log('>', new String(bytes, StandardCharsets.ISO_8859_1));
        try
        {
            output.write(bytes);
            output.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not send to the venue\n" + describe(), ex);
        }
    }

    RawMessage awaitMessage(final String msgType)
    {
        return awaitMessage(msgType, DEFAULT_TIMEOUT);
    }

    RawMessage awaitMessage(final String msgType, final Duration timeout)
    {
        return awaitMessage("message of type " + msgType, message -> msgType.equals(message.msgType()), timeout);
    }

    RawMessage awaitMessage(final String what, final Predicate<RawMessage> matcher, final Duration timeout)
    {
        final RawMessage message = awaitMessageOrDisconnect(what, matcher, timeout);
        if (message == null)
        {
            throw new AssertionError(senderCompId + ": no " + what + "; the venue closed the connection\n" +
                describe());
        }
        return message;
    }

    /**
     * The first queued message that matches, waiting for one; null when the venue closed the connection without
     * sending one. Fails when the connection is still open at the timeout.
     */
    RawMessage awaitMessageOrDisconnect(
        final String what, final Predicate<RawMessage> matcher, final Duration timeout)
    {
        final RawMessage message = pollMessage(matcher, timeout);
        if (message == null && !isClosedByPeer())
        {
            throw new AssertionError(senderCompId + ": neither " + what + " nor a disconnect within " + timeout +
                "\n" + describe());
        }
        return message;
    }

    /** The first queued message that matches, waiting for one; null at the timeout or once the venue has closed. */
    RawMessage pollMessage(final Predicate<RawMessage> matcher, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try
        {
            while (true)
            {
                final Iterator<RawMessage> queued = unclaimed.iterator();
                while (queued.hasNext())
                {
                    final RawMessage candidate = queued.next();
                    if (matcher.test(candidate))
                    {
                        queued.remove();
                        return candidate;
                    }
                }
                final long remaining = deadline - System.nanoTime();
                if (closedByPeer || remaining <= 0)
                {
                    return null;
                }
                changed.awaitNanos(remaining);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message", ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Waits until the venue closes the connection (end of stream or reset). */
    void awaitDisconnect(final Duration timeout)
    {
        if (!awaitClosedByPeer(timeout))
        {
            throw new AssertionError(senderCompId + ": the venue did not close the connection within " + timeout +
                "\n" + describe());
        }
    }

    boolean isClosedByPeer()
    {
        lock.lock();
        try
        {
            return closedByPeer;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Fails, with the traffic, if the venue has sent any message of the given types on this connection so far. */
    void assertNoneReceived(final String what, final String... msgTypes)
    {
        final List<String> types = List.of(msgTypes);
        final List<RawMessage> unexpected = received().stream()
            .filter(message -> types.contains(message.msgType()))
            .toList();
        if (!unexpected.isEmpty())
        {
            throw new AssertionError(what + ": unexpected " + unexpected + "\n" + describe());
        }
    }

    /** Everything the venue sent on this connection so far, in order. */
    List<RawMessage> received()
    {
        lock.lock();
        try
        {
            return List.copyOf(received);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Ends the connection without a Logout, the way a crashed client's socket ends: half-closes it and waits for the
     * venue to close its side, so that when this returns the venue has seen the disconnect and a new connection for
     * the same CompID is not taken for a second one.
     */
    void disconnectWithoutLogout(final Duration timeout)
    {
        if (!socket.isOutputShutdown() && !socket.isClosed())
        {
            try
            {
                socket.shutdownOutput();
                log('>', "(end of stream: the test closed its side)");
            }
            catch (final IOException ex)
            {
                log('>', "(could not half-close: " + ex + ")");
            }
        }
        final boolean closed = awaitClosedByPeer(timeout);
        closeQuietly(socket);
        if (!closed)
        {
            throw new AssertionError(senderCompId + ": the venue kept the connection open " + timeout +
                " after the test closed its side\n" + describe());
        }
    }

    @Override
    public void close()
    {
        disconnectWithoutLogout(DEFAULT_TIMEOUT);
    }

    /** The traffic in both directions, {@code >} to the venue and {@code <} from it, SOH shown as |. */
    String describe()
    {
        lock.lock();
        try
        {
            return describeLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** The current UTC time as a FIX UTCTimestamp with milliseconds. */
    static String timestampNow()
    {
        return timestamp(LocalDateTime.now(ZoneOffset.UTC));
    }

    static String timestamp(final LocalDateTime utc)
    {
        return UTC_TIMESTAMP.format(utc);
    }

    private String describeLocked()
    {
        final StringBuilder out = new StringBuilder("---- raw FIX connection ").append(senderCompId)
            .append(" (ms since connect)\n");
        traffic.forEach(line -> out.append(line).append('\n'));
        if (traffic.isEmpty())
        {
            out.append("(no traffic)\n");
        }
        return out.append("---- end of ").append(senderCompId).append(" traffic").toString();
    }

    private boolean awaitClosedByPeer(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try
        {
            while (!closedByPeer)
            {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    return false;
                }
                changed.awaitNanos(remaining);
            }
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the venue to disconnect", ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    private void readUntilClosed()
    {
        final byte[] chunk = new byte[READ_BUFFER_BYTES];
        final Framer framer = new Framer();
        String how = "end of stream";
        try
        {
            final InputStream input = socket.getInputStream();
            int read;
            while ((read = input.read(chunk)) != -1)
            {
                framer.append(chunk, read);
                byte[] frame;
                while ((frame = framer.next()) != null)
                {
                    onMessage(RawMessage.parse(frame));
                }
            }
        }
        catch (final SocketException ex)
        {
            // Also how this side's own close() ends the read.
            how = ex.getMessage();
        }
        catch (final IOException ex)
        {
            how = ex.toString();
        }
        final byte[] rest = framer.rest();
        if (rest.length > 0)
        {
            log('<', "(incomplete message at the end: " + new String(rest, StandardCharsets.ISO_8859_1)
                .replace(SOH, '|') + ")");
        }
        lock.lock();
        try
        {
            closedByPeer = true;
            traffic.add(String.format("%6d < (connection closed: %s)", millisSinceConnect(), how));
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onMessage(final RawMessage message)
    {
        lock.lock();
        try
        {
            traffic.add(String.format("%6d < %s", millisSinceConnect(), message));
            received.add(message);
            unclaimed.add(message);
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void log(final char direction, final String text)
    {
        lock.lock();
        try
        {
            traffic.add(String.format("%6d %c %s", millisSinceConnect(), direction, text.replace(SOH, '|')));
        }
        finally
        {
            lock.unlock();
        }
    }

    private long millisSinceConnect()
    {
        return (System.nanoTime() - connectedAtNanos) / 1_000_000;
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // Nothing left to release: the socket is gone either way.
        }
    }

    /** One field as it was on the wire; a tag that is not a number keeps -1 and its text in {@code value}. */
    record Field(int tag, String value)
    {
        @Override
        public String toString()
        {
            return tag + "=" + value;
        }
    }

    /** A message the venue sent, as the list of its fields in wire order (BeginString first, CheckSum last). */
    record RawMessage(List<Field> fields)
    {
        static RawMessage parse(final byte[] wire)
        {
            final String text = new String(wire, StandardCharsets.ISO_8859_1);
            final List<Field> fields = new ArrayList<>();
            for (final String part : text.split(String.valueOf(SOH)))
            {
                if (part.isEmpty())
                {
                    continue;
                }
                final int equals = part.indexOf('=');
                final String tag = equals < 0 ? part : part.substring(0, equals);
                final String value = equals < 0 ? "" : part.substring(equals + 1);
                fields.add(tag.chars().allMatch(Character::isDigit) && !tag.isEmpty() && tag.length() < 10 ?
                    new Field(Integer.parseInt(tag), value) : new Field(-1, part));
            }
            return new RawMessage(List.copyOf(fields));
        }

        /** The first value of the tag, or null. */
        String value(final int tag)
        {
            for (final Field field : fields)
            {
                if (field.tag() == tag)
                {
                    return field.value();
                }
            }
            return null;
        }

        boolean has(final int tag)
        {
            return value(tag) != null;
        }

        String msgType()
        {
            return value(35);
        }

        int msgSeqNum()
        {
            final String value = value(34);
            if (value == null)
            {
                throw new AssertionError("no MsgSeqNum(34) in " + this);
            }
            return Integer.parseInt(value);
        }

        @Override
        public String toString()
        {
            final StringBuilder out = new StringBuilder();
            fields.forEach(field -> out.append(field).append('|'));
            return out.toString();
        }
    }

    /**
     * A message to send: BeginString, BodyLength and MsgType, then the fields in the order they were added, then
     * CheckSum. Each part can be set to anything, including wrong, to test how the venue copes.
     */
    static final class Outgoing
    {
        /** Placeholder value of MsgSeqNum(34): the connection's next number, filled in when sent. */
        static final String NEXT_SEQ_NUM = "\u0000next";

        private final String msgType;
        private final List<Field> fields = new ArrayList<>();
        private String beginString = FIX42;
        private String bodyLength;
        private int bodyLengthDelta;
        private String checkSum;
        private int checkSumDelta;

        Outgoing(final String msgType)
        {
            this.msgType = msgType;
        }

        Outgoing beginString(final String value)
        {
            beginString = value;
            return this;
        }

        Outgoing msgSeqNum(final int seqNum)
        {
            return set(34, Integer.toString(seqNum));
        }

        /** Appends the field after the ones already there, even if its tag is already present. */
        Outgoing field(final int tag, final String value)
        {
            fields.add(new Field(tag, value));
            return this;
        }

        /**
         * Replaces the value of the tag's first occurrence; a tag not present yet is appended (a header tag after the
         * last header field, so that PossDupFlag or OrigSendingTime land in the header).
         */
        Outgoing set(final int tag, final String value)
        {
            for (int i = 0; i < fields.size(); i++)
            {
                if (fields.get(i).tag() == tag)
                {
                    fields.set(i, new Field(tag, value));
                    return this;
                }
            }
            if (HEADER_TAGS.contains(tag))
            {
                int afterHeader = 0;
                while (afterHeader < fields.size() && HEADER_TAGS.contains(fields.get(afterHeader).tag()))
                {
                    afterHeader++;
                }
                fields.add(afterHeader, new Field(tag, value));
                return this;
            }
            return field(tag, value);
        }

        Outgoing remove(final int tag)
        {
            fields.removeIf(field -> field.tag() == tag);
            return this;
        }

        /** Moves every occurrence of the tag to the end, after the body: for header fields out of order. */
        Outgoing moveToEnd(final int tag)
        {
            final List<Field> moved = fields.stream().filter(field -> field.tag() == tag).toList();
            remove(tag);
            fields.addAll(moved);
            return this;
        }

        /** BodyLength exactly as given instead of the computed one. */
        Outgoing bodyLength(final String value)
        {
            bodyLength = value;
            return this;
        }

        /** The correct BodyLength plus delta; the CheckSum is still computed over what is sent, so only 9 is wrong. */
        Outgoing bodyLengthOffBy(final int delta)
        {
            bodyLengthDelta = delta;
            return this;
        }

        /** CheckSum exactly as given instead of the computed one. */
        Outgoing checkSum(final String value)
        {
            checkSum = value;
            return this;
        }

        /** The correct CheckSum plus delta, modulo 256, written with three digits. */
        Outgoing checkSumOffBy(final int delta)
        {
            checkSumDelta = delta;
            return this;
        }

        boolean takesNextSeqNum()
        {
            return fields.stream().anyMatch(field -> field.tag() == 34 && NEXT_SEQ_NUM.equals(field.value()));
        }

        byte[] encode(final int nextSeqNum)
        {
            final StringBuilder body = new StringBuilder();
            body.append("35=").append(msgType).append(SOH);
            for (final Field field : fields)
            {
                final String value = NEXT_SEQ_NUM.equals(field.value()) ? Integer.toString(nextSeqNum) : field.value();
                body.append(field.tag()).append('=').append(value).append(SOH);
            }
            final byte[] bodyBytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
            final String length = bodyLength != null ? bodyLength :
                Integer.toString(bodyBytes.length + bodyLengthDelta);
            final String beforeTrailer = "8=" + beginString + SOH + "9=" + length + SOH + body;
            int sum = 0;
            for (final byte b : beforeTrailer.getBytes(StandardCharsets.ISO_8859_1))
            {
                sum += b & 0xFF;
            }
            final String trailer = checkSum != null ? checkSum :
                String.format("%03d", Math.floorMod(sum + checkSumDelta, 256));
            return (beforeTrailer + "10=" + trailer + SOH).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Splits the venue's byte stream into messages by BodyLength, as FIX frames them. A frame that does not fit
     * (no BodyLength, or no CheckSum where BodyLength says) ends at the next CheckSum field instead, so one bad
     * message cannot hide the rest.
     */
    private static final class Framer
    {
        private byte[] buffer = new byte[READ_BUFFER_BYTES];
        private int length;

        void append(final byte[] bytes, final int count)
        {
            if (length + count > buffer.length)
            {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            }
            System.arraycopy(bytes, 0, buffer, length, count);
            length += count;
        }

        byte[] next()
        {
            final int beginStringEnd = indexOf(SOH, 0);
            if (beginStringEnd < 0)
            {
                return null;
            }
            final int bodyLengthEnd = indexOf(SOH, beginStringEnd + 1);
            if (bodyLengthEnd < 0)
            {
                return null;
            }
            final String bodyLengthField = new String(
                buffer, beginStringEnd + 1, bodyLengthEnd - beginStringEnd - 1, StandardCharsets.ISO_8859_1);
            if (bodyLengthField.startsWith("9="))
            {
                try
                {
                    final int end = bodyLengthEnd + 1 + Integer.parseInt(bodyLengthField.substring(2)) +
                        CHECKSUM_FIELD_LENGTH;
                    if (end > length)
                    {
                        return null;
                    }
                    if (startsWith(end - CHECKSUM_FIELD_LENGTH, "10=") && buffer[end - 1] == SOH)
                    {
                        return take(end);
                    }
                }
                catch (final NumberFormatException ignored)
                {
                    // Framed by the CheckSum field below instead.
                }
            }
            final int checkSumStart = indexOf(SOH + "10=", 0);
            if (checkSumStart < 0 || checkSumStart + CHECKSUM_FIELD_LENGTH + 1 > length)
            {
                return null;
            }
            return take(checkSumStart + 1 + CHECKSUM_FIELD_LENGTH);
        }

        byte[] rest()
        {
            return Arrays.copyOf(buffer, length);
        }

        private byte[] take(final int end)
        {
            final byte[] frame = Arrays.copyOf(buffer, end);
            System.arraycopy(buffer, end, buffer, 0, length - end);
            length -= end;
            return frame;
        }

        private int indexOf(final char c, final int from)
        {
            for (int i = from; i < length; i++)
            {
                if (buffer[i] == c)
                {
                    return i;
                }
            }
            return -1;
        }

        private int indexOf(final String text, final int from)
        {
            for (int i = from; i + text.length() <= length; i++)
            {
                if (startsWith(i, text))
                {
                    return i;
                }
            }
            return -1;
        }

        private boolean startsWith(final int at, final String text)
        {
            if (at < 0 || at + text.length() > length)
            {
                return false;
            }
            for (int i = 0; i < text.length(); i++)
            {
                if (buffer[at + i] != text.charAt(i))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
