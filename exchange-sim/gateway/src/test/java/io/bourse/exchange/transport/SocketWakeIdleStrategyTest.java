package io.bourse.exchange.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class SocketWakeIdleStrategyTest
{
    /** Long enough that a sleep ended by the timeout cannot pass for a wake by data, even on a busy machine. */
    private static final long MAX_SLEEP_MILLIS = 5_000;

    private LoopbackConnection connection;
    private SocketChannel venueSide;
    private SocketChannel peer;

    @BeforeEach
    void connect() throws IOException
    {
        connection = LoopbackConnection.open();
        venueSide = connection.venueSide;
        peer = connection.peer;
    }

    @AfterEach
    void close() throws IOException
    {
        connection.close();
    }

    @Test
    void sleepsUntilAWatchedConnectionHasBytesToRead() throws Exception
    {
        final SocketWakeIdleStrategy idle = new SocketWakeIdleStrategy(0, 0, MAX_SLEEP_MILLIS);
        idle.watch(venueSide);
        final Thread writer = new Thread(() ->
        {
            try
            {
                peer.write(ByteBuffer.wrap(new byte[] {'8', '='}));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });

        final long start = System.nanoTime();
        writer.start();
        idle.idle(0);
        final long sleptMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        writer.join();

        assertTrue(sleptMillis < MAX_SLEEP_MILLIS, "woken by the inbound bytes, not the timeout: " + sleptMillis);
    }

    @Test
    void withNothingToReadTheSleepEndsAtTheTimeout()
    {
        final SocketWakeIdleStrategy idle = new SocketWakeIdleStrategy(0, 0, 50);
        idle.watch(venueSide);

        final long start = System.nanoTime();
        idle.idle(0);
        final long sleptMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(sleptMillis >= 45, "slept the timeout: " + sleptMillis);
    }

    @Test
    void spinsAndYieldsComeFirstAndWorkStartsThemAgain()
    {
        final SocketWakeIdleStrategy idle = new SocketWakeIdleStrategy(3, 2, MAX_SLEEP_MILLIS);
        idle.watch(venueSide);
        for (int i = 0; i < 5; i++)
        {
            final long start = System.nanoTime();
            idle.idle(0);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < MAX_SLEEP_MILLIS / 2,
                "idle call " + i + " spins or yields, it does not sleep");
            if (i == 2)
            {
                idle.idle(1);
                idle.idle(0);
                idle.idle(0);
            }
        }
    }
}
