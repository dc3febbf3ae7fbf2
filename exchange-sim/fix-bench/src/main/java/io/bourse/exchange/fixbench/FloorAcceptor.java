package io.bourse.exchange.fixbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: the least a FIX 4.2 venue can do, so that the real venue's latency can be judged against it on the same
 * machine in the same run. One blocking thread per connection reads, frames each message by its BodyLength, and
 * answers a Logon with a Logon, a NewOrderSingle with one minimal ExecutionReport (ExecType 0 New, OrdStatus 0 New,
 * ClOrdID, Symbol, Side and OrderQty echoed), a TestRequest with a Heartbeat and a Logout with a Logout. Nothing
 * else: no authentication, no sequence checks, no book, no persistence, no other thread.
 *
 * <p>The answers to all messages that one {@code read()} returned go out in one {@code write()}, as any venue that
 * drains its socket before writing would do.
 */
public final class FloorAcceptor implements AutoCloseable
{
    static final String THREAD_NAME_PREFIX = "floor-";

    private static final int MAX_MESSAGE_LENGTH = 1_024;
    private static final int READ_BUFFER_LENGTH = 256 * 1024;
    private static final int WRITE_BUFFER_LENGTH = 256 * 1024;
    private static final long JOIN_TIMEOUT_MS = 5_000;

    private final ServerSocket serverSocket;
    private final Thread acceptorThread;
    private final List<Socket> connections = new ArrayList<>();
    private final List<Thread> connectionThreads = new ArrayList<>();
    private final AtomicLong ordersAcked = new AtomicLong();
    private volatile boolean closed;

    private FloorAcceptor(final ServerSocket serverSocket)
    {
        this.serverSocket = serverSocket;
        this.acceptorThread = new Thread(this::acceptConnections, THREAD_NAME_PREFIX + "acceptor");
        this.acceptorThread.setDaemon(true);
    }

    /** Listens on 127.0.0.1 at {@code port} (0: any free port). */
    public static FloorAcceptor start(final int port) throws IOException
    {
        final ServerSocket serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        final FloorAcceptor floor = new FloorAcceptor(serverSocket);
        floor.acceptorThread.start();
        return floor;
    }

    public int port()
    {
        return serverSocket.getLocalPort();
    }

    /** ExecutionReports sent for NewOrderSingles so far, all connections together. */
    public long ordersAcked()
    {
        return ordersAcked.get();
    }

    private void acceptConnections()
    {
        int count = 0;
        while (!closed)
        {
            final Socket socket;
            try
            {
                socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    System.err.println("floor: accept failed: " + ex.getMessage());
                }
                return;
            }
            final Thread thread = new Thread(
                () -> serve(socket), THREAD_NAME_PREFIX + "session-" + (++count));
            thread.setDaemon(true);
            synchronized (connections)
            {
                if (closed)
                {
                    closeQuietly(socket);
                    return;
                }
                connections.add(socket);
                connectionThreads.add(thread);
            }
            thread.start();
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            new Connection(socket.getInputStream(), socket.getOutputStream()).run();
        }
        catch (final SocketException ex)
        {
            // The peer or close() ended the connection: the normal way out of a blocking read.
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!closed)
            {
                System.err.println("floor: connection failed: " + ex);
            }
        }
    }

    /** Stops accepting, closes every connection and waits for all the floor's threads to end. */
    @Override
    public void close()
    {
        closed = true;
        closeQuietly(serverSocket);
        final List<Thread> threads;
        synchronized (connections)
        {
            connections.forEach(FloorAcceptor::closeQuietly);
            threads = new ArrayList<>(connectionThreads);
        }
        threads.add(acceptorThread);
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(JOIN_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive())
            {
                System.err.println("floor: thread " + thread.getName() + " did not stop");
            }
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ignored)
        {
            // Closing on the way out: nothing left to do about a failure.
        }
    }

    /** One session's state and buffers; used by its thread only. */
    private final class Connection
    {
        private final InputStream input;
        private final OutputStream output;
        private final byte[] in = new byte[READ_BUFFER_LENGTH];
        private final byte[] out = new byte[WRITE_BUFFER_LENGTH];
        private final FixMessageReader reader = new FixMessageReader();
        private final FixMessageWriter writer = new FixMessageWriter(MAX_MESSAGE_LENGTH);
        private byte[] venueCompId = Fix.ascii("FLOOR");
        private byte[] clientCompId = Fix.ascii("CLIENT");
        private int outLength;
        private long nextOutSeqNum = 1;
        private long nextOrderId = 1;
        private boolean loggedOut;

        Connection(final InputStream input, final OutputStream output)
        {
            this.input = input;
            this.output = output;
        }

        void run() throws IOException
        {
            int filled = 0;
            while (!loggedOut)
            {
                final int read = input.read(in, filled, in.length - filled);
                if (read < 0)
                {
                    return;
                }
                filled += read;
                int offset = 0;
                while (true)
                {
                    final int length = FixMessageReader.frameLength(in, offset, filled);
                    if (length == FixMessageReader.INCOMPLETE)
                    {
                        break;
                    }
                    onMessage(offset, length);
                    offset += length;
                }
                flush();
                if (offset > 0)
                {
                    System.arraycopy(in, offset, in, 0, filled - offset);
                    filled -= offset;
                }
                if (filled == in.length)
                {
                    throw new IOException("a message longer than " + in.length + " bytes");
                }
            }
        }

        private void onMessage(final int offset, final int length) throws IOException
        {
            byte msgType = 0;
            int clOrdIdOffset = -1;
            int clOrdIdLength = 0;
            int symbolOffset = -1;
            int symbolLength = 0;
            byte side = '1';
            long orderQty = 0;
            long heartBtInt = 30;
            boolean resetSeqNum = false;
            int testReqIdOffset = -1;
            int testReqIdLength = 0;
            int senderOffset = -1;
            int senderLength = 0;
            int targetOffset = -1;
            int targetLength = 0;
            final FixMessageReader fields = reader.wrap(in, offset, length);
            while (fields.next())
            {
                switch (fields.tag())
                {
                    case Fix.MSG_TYPE -> msgType = fields.firstByte();
                    case Fix.CL_ORD_ID ->
                    {
                        clOrdIdOffset = fields.valueOffset();
                        clOrdIdLength = fields.valueLength();
                    }
                    case Fix.SYMBOL ->
                    {
                        symbolOffset = fields.valueOffset();
                        symbolLength = fields.valueLength();
                    }
                    case Fix.SIDE -> side = fields.firstByte();
                    case Fix.ORDER_QTY -> orderQty = Math.max(0, fields.longValue());
                    case Fix.HEART_BT_INT -> heartBtInt = fields.longValue();
                    case Fix.RESET_SEQ_NUM_FLAG -> resetSeqNum = fields.firstByte() == 'Y';
                    case Fix.TEST_REQ_ID ->
                    {
                        testReqIdOffset = fields.valueOffset();
                        testReqIdLength = fields.valueLength();
                    }
                    case Fix.SENDER_COMP_ID ->
                    {
                        senderOffset = fields.valueOffset();
                        senderLength = fields.valueLength();
                    }
                    case Fix.TARGET_COMP_ID ->
                    {
                        targetOffset = fields.valueOffset();
                        targetLength = fields.valueLength();
                    }
                    default ->
                    {
                        // Not needed to answer.
                    }
                }
            }
            switch (msgType)
            {
                case Fix.NEW_ORDER_SINGLE ->
                {
                    final long orderId = nextOrderId++;
                    header(Fix.MSG_TYPE_EXECUTION_REPORT)
                        .field(Fix.ORDER_ID, orderId)
                        .field(Fix.EXEC_ID, orderId)
                        .field(Fix.EXEC_TRANS_TYPE, '0')
                        .field(Fix.EXEC_TYPE, '0')
                        .field(Fix.ORD_STATUS, '0')
                        .field(Fix.CL_ORD_ID, in, clOrdIdOffset < 0 ? offset : clOrdIdOffset, clOrdIdLength)
                        .field(Fix.SYMBOL, in, symbolOffset < 0 ? offset : symbolOffset, symbolLength)
                        .field(Fix.SIDE, (char)side)
                        .field(Fix.ORDER_QTY, orderQty)
                        .field(Fix.LEAVES_QTY, orderQty)
                        .field(Fix.CUM_QTY, 0)
                        .field(Fix.AVG_PX, 0);
                    append();
                    ordersAcked.lazySet(ordersAcked.get() + 1);
                }
                case Fix.LOGON ->
                {
                    if (senderOffset >= 0 && targetOffset >= 0)
                    {
                        clientCompId = copy(senderOffset, senderLength);
                        venueCompId = copy(targetOffset, targetLength);
                    }
                    if (resetSeqNum)
                    {
                        nextOutSeqNum = 1;
                    }
                    header(Fix.MSG_TYPE_LOGON).field(Fix.ENCRYPT_METHOD, 0).field(Fix.HEART_BT_INT, heartBtInt);
                    if (resetSeqNum)
                    {
                        writer.field(Fix.RESET_SEQ_NUM_FLAG, 'Y');
                    }
                    append();
                }
                case Fix.TEST_REQUEST ->
                {
                    header(Fix.MSG_TYPE_HEARTBEAT);
                    if (testReqIdOffset >= 0)
                    {
                        writer.field(Fix.TEST_REQ_ID, in, testReqIdOffset, testReqIdLength);
                    }
                    append();
                }
                case Fix.LOGOUT ->
                {
                    header(Fix.MSG_TYPE_LOGOUT);
                    append();
                    loggedOut = true;
                }
                default ->
                {
                    // Heartbeats and anything else need no answer from the floor.
                }
            }
        }

        private FixMessageWriter header(final byte[] msgType)
        {
            return writer.begin(msgType)
                .field(Fix.SENDER_COMP_ID, venueCompId)
                .field(Fix.TARGET_COMP_ID, clientCompId)
                .field(Fix.MSG_SEQ_NUM, nextOutSeqNum++)
                .timestamp(Fix.SENDING_TIME, System.currentTimeMillis());
        }

        private void append() throws IOException
        {
            final int length = writer.finish();
            if (outLength + length > out.length)
            {
                flush();
            }
            System.arraycopy(writer.buffer(), writer.offset(), out, outLength, length);
            outLength += length;
        }

        private void flush() throws IOException
        {
            if (outLength > 0)
            {
                output.write(out, 0, outLength);
                outLength = 0;
            }
        }

        private byte[] copy(final int offset, final int length)
        {
            final byte[] value = new byte[length];
            System.arraycopy(in, offset, value, 0, length);
            return value;
        }
    }
}
