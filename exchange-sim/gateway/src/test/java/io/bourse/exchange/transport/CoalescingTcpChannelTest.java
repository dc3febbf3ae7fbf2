package io.bourse.exchange.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescingTcpChannelTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LoopbackConnection connection;
    private SocketChannel venueSide;
    private SocketChannel peer;
    private final WriteCoalescer coalescer = new WriteCoalescer();

    @BeforeEach
    void connect() throws IOException
    {
        connection = LoopbackConnection.open();
        venueSide = connection.venueSide;
        peer = connection.peer;
        peer.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException
    {
        connection.close();
    }

    @Test
    void writesReachThePeerOnlyWhenTheDutyCycleFlushesAndInOrder() throws IOException
    {
        final CoalescingTcpChannel channel = new CoalescingTcpChannel(venueSide, 1024, coalescer);

        assertEquals(5, channel.write(ascii("8=FIX"), 1, false));
        assertEquals(6, channel.write(ascii("|9=12|"), 2, false));
        assertEquals("", readAvailable(peer), "nothing is sent before the flush");

        assertEquals(1, coalescer.doWork(), "one connection flushed");
        assertEquals("8=FIX|9=12|", readUntil(peer, 11));
        assertEquals(0, coalescer.doWork(), "nothing left to flush");
    }

    @Test
    void acceptsOnlyWhatFitsWhenTheSocketTakesNoMoreSoArtioSeesTheBackPressure() throws IOException
    {
        venueSide.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        final CoalescingTcpChannel channel = new CoalescingTcpChannel(venueSide, 256, coalescer);
        final ByteBuffer chunk = ByteBuffer.allocate(200);

        long accepted = 0;
        int partialWrites = 0;
        for (int i = 0; i < 10_000 && partialWrites == 0; i++)
        {
            chunk.clear();
            final int written = channel.write(chunk, i, false);
            accepted += written;
            if (written < 200)
            {
                partialWrites++;
                assertEquals(200 - written, chunk.remaining(), "the source keeps what was not accepted");
            }
        }
        assertEquals(1, partialWrites, "a peer that never reads fills the socket, then the buffer");

        // Once the peer reads, every accepted byte arrives.
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long received = 0;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        while (received < accepted)
        {
            coalescer.doWork();
            in.clear();
            received += Math.max(0, peer.read(in));
            assertTrue(System.nanoTime() < deadline, "received " + received + " of " + accepted);
        }
        assertEquals(accepted, received);
    }

    @Test
    void aFailedFlushClosesTheConnectionAndTheNextWriteReportsIt() throws IOException
    {
        final CoalescingTcpChannel channel = new CoalescingTcpChannel(venueSide, 1024, coalescer);
        peer.setOption(StandardSocketOptions.SO_LINGER, 0);
        peer.close(); // a reset: the venue's next writes fail

        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (venueSide.isOpen())
        {
            channel.write(ascii("35=0|"), 1, false);
            coalescer.doWork();
            assertTrue(System.nanoTime() < deadline, "the reset was never noticed");
        }
        assertThrows(IOException.class, () -> channel.write(ascii("35=0|"), 2, false));
        assertFalse(venueSide.isOpen());
    }

    @Test
    void closeSendsWhatWasWrittenBeforeIt() throws IOException
    {
        final CoalescingTcpChannel channel = new CoalescingTcpChannel(venueSide, 1024, coalescer);
        channel.write(ascii("35=5|"), 7, false);

        channel.close();

        assertEquals("35=5|", readUntil(peer, 5));
    }

    private static ByteBuffer ascii(final String text)
    {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String readAvailable(final SocketChannel channel) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(1024);
        final int read = channel.read(in);
        return new String(in.array(), 0, Math.max(read, 0), StandardCharsets.US_ASCII);
    }

    private static String readUntil(final SocketChannel channel, final int bytes) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(bytes);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (in.hasRemaining())
        {
            if (channel.read(in) < 0 || System.nanoTime() > deadline)
            {
                break;
            }
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
    }
}
