package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A venue that stops answering, or rejects, ends the client's run with a reason instead of figures. */
class MisbehavingVenueTest
{
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LoadPlan plan = new LoadPlan(1_000, 0, 2_000 * MILLIS, 1, 300 * MILLIS, "TEST", 9_500, 100,
        LoadPlan.Idle.SPIN);
    private ScriptedVenue venue;
    private OrderEntryClient client;

    @AfterEach
    void closeAll() throws Exception
    {
        if (client != null)
        {
            client.close();
        }
        if (venue != null)
        {
            venue.close();
        }
    }

    @Test
    void aVenueThatGoesSilentWithOrdersUnansweredStopsTheRun() throws Exception
    {
        venue = new ScriptedVenue(false);
        client = OrderEntryClient.logOn(venue.settings(), TimeUnit.SECONDS.toNanos(5));

        final IllegalStateException thrown =
            assertThrows(IllegalStateException.class, () -> client.run(plan, new LoadMonitor()));
        assertTrue(thrown.getMessage().contains("looks stuck"), thrown.getMessage());
    }

    @Test
    void aBusinessMessageRejectStopsTheRunAndNamesTheThrottle() throws Exception
    {
        venue = new ScriptedVenue(true);
        client = OrderEntryClient.logOn(venue.settings(), TimeUnit.SECONDS.toNanos(5));

        final IllegalStateException thrown =
            assertThrows(IllegalStateException.class, () -> client.run(plan, new LoadMonitor()));
        assertTrue(thrown.getMessage().contains("throttle") && thrown.getMessage().contains("35=j"),
            thrown.getMessage());
    }

    /** Accepts one connection, answers its Logon, then either ignores every order or rejects the first one. */
    private static final class ScriptedVenue implements AutoCloseable
    {
        private final ServerSocket serverSocket;
        private final Thread thread;

        ScriptedVenue(final boolean rejectFirstOrder) throws IOException
        {
            serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(rejectFirstOrder), "scripted-venue");
            thread.setDaemon(true);
            thread.start();
        }

        FixSessionSettings settings()
        {
            return new FixSessionSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                serverSocket.getLocalPort()), "CLIENT1", "BOURSE", "secret", 30);
        }

        private void serve(final boolean rejectFirstOrder)
        {
            try (Socket socket = serverSocket.accept())
            {
                final InputStream input = socket.getInputStream();
                final OutputStream output = socket.getOutputStream();
                final FixMessageWriter writer = new FixMessageWriter(512);
                final byte[] buffer = new byte[1 << 20];
                int filled = 0;
                int seqNum = 1;
                boolean loggedOn = false;
                boolean rejectNext = rejectFirstOrder;
                int read;
                while ((read = input.read(buffer, filled, buffer.length - filled)) > 0)
                {
                    filled += read;
                    if (!loggedOn)
                    {
                        if (FixMessageReader.frameLength(buffer, 0, filled) == FixMessageReader.INCOMPLETE)
                        {
                            continue;
                        }
                        loggedOn = true;
                        send(output, writer, Fix.MSG_TYPE_LOGON, seqNum++);
                    }
                    else if (rejectNext)
                    {
                        writer.begin(Fix.ascii("j"))
                            .field(Fix.MSG_SEQ_NUM, seqNum++)
                            .field(45, 2)
                            .field(Fix.TEXT, Fix.ascii("throttle limit exceeded"));
                        writer.finish();
                        output.write(writer.buffer(), writer.offset(), writer.length());
                        rejectNext = false;
                    }
                    // Keep reading but answer nothing more: the client must notice on its own.
                    filled = 0;
                }
            }
            catch (final IOException ex)
            {
                // The test closed the socket: the end of the script.
            }
        }

        private static void send(final OutputStream output, final FixMessageWriter writer, final byte[] msgType,
            final int seqNum) throws IOException
        {
            writer.begin(msgType).field(Fix.MSG_SEQ_NUM, seqNum);
            writer.finish();
            output.write(writer.buffer(), writer.offset(), writer.length());
        }

        @Override
        public void close() throws Exception
        {
            serverSocket.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
