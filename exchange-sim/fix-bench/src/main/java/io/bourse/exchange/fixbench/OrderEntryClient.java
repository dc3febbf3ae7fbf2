package io.bourse.exchange.fixbench;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean FIX 4.2 initiator for the benchmark: one session over a plain non-blocking socket, logged on with
 * ResetSeqNumFlag=Y and the password in RawData(96), then NewOrderSingles as a {@link LoadPlan} says.
 *
 * <p>One thread does everything in {@link #run}: each turn of its loop sends the orders whose intended time has
 * come, writes, reads whatever has arrived, and matches each acknowledgement (ExecutionReport, ExecType 0) to its
 * order by ClOrdID. The thread never sleeps. Why: on this machine a thread parked until an order's intended time
 * wakes 70-130 us late (timer slack 50 us plus the wake-up), and a thread blocked in {@code read()} adds a wake-up
 * of its own to every acknowledgement; either would be more than the floor's whole latency. Between turns it
 * either spins or yields ({@link LoadPlan.Idle}): yielding keeps the same loop but lets any venue thread that is
 * runnable on the client's vCPU go first, so the client takes a whole vCPU only when nobody else wants it. Either
 * way the floor and the exchange get the same client.
 *
 * <p>No coordinated omission: in open loop every order has an intended send time (start + n / rate), fixed before
 * the run, and its latency is taken from that time, not from when it was actually sent. If the venue (or the
 * client) falls behind, the orders queue up and the queueing counts. So no {@code recordValueWithExpectedInterval}
 * correction is needed. How late the client itself sent each order is recorded apart ({@link LoadMonitor#sendLag}).
 */
final class OrderEntryClient implements AutoCloseable
{
    /** Open loop: how many orders may be unanswered before sending stops; 13 s at 10,000 orders/s. */
    static final int OPEN_LOOP_MAX_IN_FLIGHT = 1 << 17;

    private static final int MAX_MESSAGE_LENGTH = 1_024;
    private static final int OUT_BUFFER_LENGTH = 1024 * 1024;
    private static final int IN_BUFFER_LENGTH = 4 * 1024 * 1024;
    private static final long FREE = Long.MIN_VALUE;
    private static final long LOGOUT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long POLL_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final SocketChannel channel;
    private final FixSessionSettings settings;
    private final byte[] senderCompId;
    private final byte[] targetCompId;
    private final FixMessageWriter writer = new FixMessageWriter(MAX_MESSAGE_LENGTH);
    private final FixMessageReader reader = new FixMessageReader();
    private final ByteBuffer out = ByteBuffer.allocate(OUT_BUFFER_LENGTH);
    private final ByteBuffer in = ByteBuffer.allocate(IN_BUFFER_LENGTH);
    private final byte[] clOrdIdPrefix;
    private long nextOutSeqNum = 1;
    private boolean loggedOut;

    // State of the run in progress, on the client thread only.
    private LoadMonitor monitor;
    private long measureStartNanos;
    private long[] pendingTimes;
    private long[] pendingIndexes;
    private int pendingMask;
    private long nextIndex;
    private long inFlight;
    private long acked;
    private long measuredAcked;
    private long lastMeasuredAckNanos;
    private long rejected;
    private long cancels;
    private long fills;
    private long unexpected;
    private String firstRejectText;

    private OrderEntryClient(final SocketChannel channel, final FixSessionSettings settings)
    {
        this.channel = channel;
        this.settings = settings;
        this.senderCompId = Fix.ascii(settings.senderCompId());
        this.targetCompId = Fix.ascii(settings.targetCompId());
        // Unique per client, so ClOrdIDs of two runs against one venue never meet.
        this.clOrdIdPrefix = Fix.ascii(Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36) + "-");
    }

    /** Connects and logs on; fails with the venue's Logout Text when the venue refuses the logon. */
    static OrderEntryClient logOn(final FixSessionSettings settings, final long timeoutNanos) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.socket().connect(settings.venue(), (int)TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            final OrderEntryClient client = new OrderEntryClient(channel, settings);
            client.sendLogon();
            client.awaitLogon(System.nanoTime() + timeoutNanos);
            return client;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private void sendLogon() throws IOException
    {
        final byte[] password = Fix.ascii(settings.password());
        header(Fix.MSG_TYPE_LOGON, System.currentTimeMillis())
            .field(Fix.ENCRYPT_METHOD, 0)
            .field(Fix.HEART_BT_INT, settings.heartBtIntSeconds())
            .field(Fix.RESET_SEQ_NUM_FLAG, 'Y')
            .field(Fix.RAW_DATA_LENGTH, password.length)
            .field(Fix.RAW_DATA, password);
        append();
        flushAll(System.nanoTime() + LOGOUT_TIMEOUT_NANOS);
    }

    private void awaitLogon(final long deadlineNanos) throws IOException
    {
        while (System.nanoTime() < deadlineNanos)
        {
            if (read() > 0)
            {
                final byte[] bytes = in.array();
                final int end = in.position();
                int offset = 0;
                int length;
                while ((length = FixMessageReader.frameLength(bytes, offset, end)) != FixMessageReader.INCOMPLETE)
                {
                    final byte msgType = msgTypeOf(bytes, offset, length);
                    if (msgType == Fix.LOGON)
                    {
                        compactIn(offset + length);
                        return;
                    }
                    if (msgType == Fix.LOGOUT)
                    {
                        throw new IOException("the venue refused the logon of " + settings.senderCompId() + ": " +
                            FixMessageReader.toText(bytes, offset, length));
                    }
                    offset += length;
                }
                compactIn(offset);
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
        throw new IOException("no Logon answer from " + settings.venue() + " within the timeout");
    }

    /**
     * Runs the plan on the calling thread and returns when every order has been answered, or the answer timeout
     * after the last one was due has passed (what is left is counted as unanswered).
     *
     * @throws IllegalStateException when the venue answers with a session or business reject, a ResendRequest or a
     *                               Logout, or sends nothing for the answer timeout while orders are unanswered:
     *                               the run's figures would mean nothing
     */
    LoadResult run(final LoadPlan plan, final LoadMonitor monitor) throws IOException
    {
        final boolean openLoop = plan.openLoop();
        final boolean yieldWhenIdle = plan.idle() == LoadPlan.Idle.YIELD;
        final int maxInFlight = openLoop ? OPEN_LOOP_MAX_IN_FLIGHT : plan.window();
        final int ringLength = Integer.highestOneBit(Math.max(2, maxInFlight - 1)) << 1;
        this.monitor = monitor;
        pendingTimes = new long[ringLength];
        pendingIndexes = new long[ringLength];
        Arrays.fill(pendingTimes, FREE);
        pendingMask = ringLength - 1;
        nextIndex = 0;
        inFlight = 0;
        acked = 0;
        measuredAcked = 0;
        rejected = 0;
        cancels = 0;
        fills = 0;
        unexpected = 0;
        firstRejectText = null;
        final byte[] symbol = Fix.ascii(plan.symbol());
        final double intervalNanos = openLoop ? 1e9 / plan.ratePerSecond() : 0;

        final long startNanos = System.nanoTime();
        measureStartNanos = startNanos + plan.warmupNanos();
        final long endNanos = measureStartNanos + plan.measureNanos();
        lastMeasuredAckNanos = measureStartNanos;
        monitor.started(startNanos, measureStartNanos, endNanos);

        long measuredSent = 0;
        long sendStalls = 0;
        long lastStalledIndex = -1;
        long nextIntendedNanos = startNanos;
        boolean sending = true;
        long drainDeadlineNanos = Long.MAX_VALUE;
        long lastProgressNanos = startNanos;
        while (true)
        {
            final long now = System.nanoTime();
            if (sending)
            {
                long epochMillis = 0;
                while (true)
                {
                    final long due = openLoop ? nextIntendedNanos : now;
                    if (due >= endNanos)
                    {
                        sending = false;
                        drainDeadlineNanos = now + plan.answerTimeoutNanos();
                        break;
                    }
                    if (due > now || out.remaining() < MAX_MESSAGE_LENGTH)
                    {
                        break;
                    }
                    final int slot = (int)(nextIndex & pendingMask);
                    if (inFlight >= maxInFlight || pendingTimes[slot] != FREE)
                    {
                        if (openLoop && lastStalledIndex != nextIndex)
                        {
                            sendStalls++;
                            lastStalledIndex = nextIndex;
                        }
                        break;
                    }
                    if (epochMillis == 0)
                    {
                        epochMillis = System.currentTimeMillis();
                    }
                    encodeOrder(nextIndex, symbol, plan, epochMillis);
                    pendingTimes[slot] = due;
                    pendingIndexes[slot] = nextIndex;
                    if (due >= measureStartNanos)
                    {
                        measuredSent++;
                        if (openLoop)
                        {
                            LoadMonitor.record(monitor.sendLag, now - due);
                        }
                    }
                    nextIndex++;
                    inFlight++;
                    if (openLoop)
                    {
                        nextIntendedNanos = startNanos + (long)(nextIndex * intervalNanos);
                    }
                }
                monitor.sent.lazySet(nextIndex);
            }
            final long inFlightBefore = inFlight;
            flush();
            if (read() > 0)
            {
                lastProgressNanos = System.nanoTime();
                onInbound(lastProgressNanos);
            }
            else if (inFlightBefore == 0 && inFlight > 0)
            {
                lastProgressNanos = now;
            }
            if (!sending && (inFlight == 0 && out.position() == 0 || now > drainDeadlineNanos))
            {
                break;
            }
            if (inFlight > 0 && now - lastProgressNanos > plan.answerTimeoutNanos())
            {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "the venue has sent nothing for %.0f s while %,d orders were unanswered (%,d sent, %,d " +
                    "acknowledged): it looks stuck", plan.answerTimeoutNanos() / 1e9, inFlight, nextIndex, acked));
            }
            if (yieldWhenIdle)
            {
                Thread.yield();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return new LoadResult(nextIndex, measuredSent, measuredAcked, rejected, cancels, fills, inFlight, unexpected,
            sendStalls, measureStartNanos, lastMeasuredAckNanos, firstRejectText);
    }

    private void encodeOrder(final long index, final byte[] symbol, final LoadPlan plan, final long epochMillis)
    {
        header(Fix.MSG_TYPE_NEW_ORDER_SINGLE, epochMillis)
            .field(Fix.CL_ORD_ID, clOrdIdPrefix, index)
            .field(Fix.HANDL_INST, '1')
            .field(Fix.SYMBOL, symbol)
            .field(Fix.SIDE, '1')
            .timestamp(Fix.TRANSACT_TIME, epochMillis)
            .field(Fix.ORDER_QTY, plan.quantity())
            .field(Fix.ORD_TYPE, '2')
            .decimal(Fix.PRICE, plan.priceOf(index), 2)
            .field(Fix.TIME_IN_FORCE, '3');
        append();
    }

    private void onInbound(final long receiptNanos)
    {
        final byte[] bytes = in.array();
        final int end = in.position();
        int offset = 0;
        int length;
        while ((length = FixMessageReader.frameLength(bytes, offset, end)) != FixMessageReader.INCOMPLETE)
        {
            onMessage(bytes, offset, length, receiptNanos);
            offset += length;
        }
        compactIn(offset);
    }

    private void onMessage(final byte[] bytes, final int offset, final int length, final long receiptNanos)
    {
        byte msgType = 0;
        byte execType = 0;
        int clOrdIdOffset = -1;
        int clOrdIdLength = 0;
        int textOffset = -1;
        int textLength = 0;
        int testReqIdOffset = -1;
        int testReqIdLength = 0;
        final FixMessageReader fields = reader.wrap(bytes, offset, length);
        while (fields.next())
        {
            switch (fields.tag())
            {
                case Fix.MSG_TYPE -> msgType = fields.valueLength() == 1 ? fields.firstByte() : 0;
                case Fix.EXEC_TYPE -> execType = fields.firstByte();
                case Fix.CL_ORD_ID ->
                {
                    clOrdIdOffset = fields.valueOffset();
                    clOrdIdLength = fields.valueLength();
                }
                case Fix.TEXT ->
                {
                    textOffset = fields.valueOffset();
                    textLength = fields.valueLength();
                }
                case Fix.TEST_REQ_ID ->
                {
                    testReqIdOffset = fields.valueOffset();
                    testReqIdLength = fields.valueLength();
                }
                default ->
                {
                    // Not needed by the benchmark.
                }
            }
        }
        switch (msgType)
        {
            case Fix.EXECUTION_REPORT ->
            {
                final long index = orderIndexOf(bytes, clOrdIdOffset, clOrdIdLength);
                switch (execType)
                {
                    case Fix.EXEC_TYPE_NEW -> onAnswer(index, receiptNanos, true);
                    case Fix.EXEC_TYPE_REJECTED ->
                    {
                        rejected++;
                        monitor.rejected.lazySet(rejected);
                        if (firstRejectText == null)
                        {
                            firstRejectText = textOffset < 0 ? "(no Text)" : text(bytes, textOffset, textLength);
                        }
                        onAnswer(index, receiptNanos, false);
                    }
                    case Fix.EXEC_TYPE_CANCELED -> cancels++;
                    case Fix.EXEC_TYPE_PARTIAL_FILL, Fix.EXEC_TYPE_FILL -> fills++;
                    default -> unexpected++;
                }
            }
            case Fix.TEST_REQUEST ->
            {
                header(Fix.MSG_TYPE_HEARTBEAT, System.currentTimeMillis());
                if (testReqIdOffset >= 0)
                {
                    writer.field(Fix.TEST_REQ_ID, bytes, testReqIdOffset, testReqIdLength);
                }
                append();
            }
            case Fix.HEARTBEAT, Fix.LOGON, Fix.SEQUENCE_RESET ->
            {
                // Nothing to answer.
            }
            case Fix.BUSINESS_MESSAGE_REJECT, Fix.SESSION_REJECT -> throw new IllegalStateException(
                "the venue rejected a message (is the session's throttle below the rate?): " +
                FixMessageReader.toText(bytes, offset, length));
            case Fix.LOGOUT -> throw new IllegalStateException(
                "the venue logged the session out: " + FixMessageReader.toText(bytes, offset, length));
            case Fix.RESEND_REQUEST -> throw new IllegalStateException(
                "the venue asked for a resend, which this client cannot do: " +
                FixMessageReader.toText(bytes, offset, length));
            default -> unexpected++;
        }
    }

    /** An order's first answer: its acknowledgement, or its reject. */
    private void onAnswer(final long index, final long receiptNanos, final boolean isAck)
    {
        final int slot = (int)(index & pendingMask);
        if (index < 0 || pendingTimes[slot] == FREE || pendingIndexes[slot] != index)
        {
            unexpected++;
            return;
        }
        final long sentAtNanos = pendingTimes[slot];
        pendingTimes[slot] = FREE;
        inFlight--;
        if (isAck)
        {
            acked++;
            monitor.acked.lazySet(acked);
            if (sentAtNanos >= measureStartNanos)
            {
                LoadMonitor.record(monitor.measuredLatency, receiptNanos - sentAtNanos);
                measuredAcked++;
                lastMeasuredAckNanos = receiptNanos;
            }
            else
            {
                LoadMonitor.record(monitor.warmupLatency, receiptNanos - sentAtNanos);
            }
        }
    }

    /** The order number in one of our ClOrdIDs, or -1 when the ClOrdID is not ours. */
    private long orderIndexOf(final byte[] bytes, final int offset, final int length)
    {
        if (offset < 0 || length <= clOrdIdPrefix.length || length - clOrdIdPrefix.length > 18)
        {
            return -1;
        }
        for (int i = 0; i < clOrdIdPrefix.length; i++)
        {
            if (bytes[offset + i] != clOrdIdPrefix[i])
            {
                return -1;
            }
        }
        long index = 0;
        for (int i = offset + clOrdIdPrefix.length, end = offset + length; i < end; i++)
        {
            final byte b = bytes[i];
            if (b < '0' || b > '9')
            {
                return -1;
            }
            index = index * 10 + (b - '0');
        }
        return index;
    }

    /** Sends Logout and waits (up to 3 s) for the venue's Logout; answers that still arrive are dropped. */
    void logOut() throws IOException
    {
        if (loggedOut || !channel.isOpen())
        {
            return;
        }
        loggedOut = true;
        header(Fix.MSG_TYPE_LOGOUT, System.currentTimeMillis());
        append();
        final long deadlineNanos = System.nanoTime() + LOGOUT_TIMEOUT_NANOS;
        flushAll(deadlineNanos);
        while (System.nanoTime() < deadlineNanos)
        {
            final int read;
            try
            {
                read = read();
            }
            catch (final EOFException ex)
            {
                return;
            }
            if (read > 0)
            {
                final byte[] bytes = in.array();
                final int end = in.position();
                int offset = 0;
                int length;
                while ((length = FixMessageReader.frameLength(bytes, offset, end)) != FixMessageReader.INCOMPLETE)
                {
                    if (msgTypeOf(bytes, offset, length) == Fix.LOGOUT)
                    {
                        return;
                    }
                    offset += length;
                }
                compactIn(offset);
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }

    private FixMessageWriter header(final byte[] msgType, final long epochMillis)
    {
        return writer.begin(msgType)
            .field(Fix.SENDER_COMP_ID, senderCompId)
            .field(Fix.TARGET_COMP_ID, targetCompId)
            .field(Fix.MSG_SEQ_NUM, nextOutSeqNum++)
            .timestamp(Fix.SENDING_TIME, epochMillis);
    }

    private void append()
    {
        writer.finish();
        writer.copyTo(out);
    }

    private void flush() throws IOException
    {
        if (out.position() > 0)
        {
            out.flip();
            channel.write(out);
            out.compact();
        }
    }

    private void flushAll(final long deadlineNanos) throws IOException
    {
        flush();
        while (out.position() > 0)
        {
            if (System.nanoTime() > deadlineNanos)
            {
                throw new IOException("could not write to " + settings.venue() + " within the timeout");
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
            flush();
        }
    }

    /** Reads what the socket has; the bytes are appended after those not yet parsed. */
    private int read() throws IOException
    {
        if (!in.hasRemaining())
        {
            throw new IOException("a message longer than " + in.capacity() + " bytes from the venue");
        }
        final int read = channel.read(in);
        if (read < 0)
        {
            throw new EOFException("the venue closed the connection");
        }
        return read;
    }

    private void compactIn(final int consumed)
    {
        final int end = in.position();
        if (consumed > 0)
        {
            System.arraycopy(in.array(), consumed, in.array(), 0, end - consumed);
            in.position(end - consumed);
        }
    }

    private byte msgTypeOf(final byte[] bytes, final int offset, final int length)
    {
        final FixMessageReader fields = reader.wrap(bytes, offset, length);
        while (fields.next())
        {
            if (fields.tag() == Fix.MSG_TYPE)
            {
                return fields.firstByte();
            }
        }
        return 0;
    }

    private static String text(final byte[] bytes, final int offset, final int length)
    {
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }
}
