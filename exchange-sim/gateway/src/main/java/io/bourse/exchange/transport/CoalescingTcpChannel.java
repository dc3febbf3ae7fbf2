package io.bourse.exchange.transport;

import uk.co.real_logic.artio.engine.framer.TcpChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A FIX connection whose writes are gathered in a buffer and reach the socket when the framer's duty cycle ends
 * ({@link WriteCoalescer}): the framer writes every message on its own, and on loopback one small write costs as
 * much as the rest of an order's handling. Nothing waits longer than the rest of the duty cycle it was written in.
 *
 * <p>Back-pressure keeps Artio's meaning: once the buffer is full and the socket takes nothing more, {@link #write}
 * accepts fewer bytes than offered and Artio's slow-consumer handling queues the rest. A failed flush closes the
 * socket, so the framer's next read sees the disconnect, and the next write reports it.
 */
final class CoalescingTcpChannel extends TcpChannel
{
    private final SocketChannel socket;
    private final ByteBuffer pending;
    private final WriteCoalescer coalescer;
    private IOException failure;
    private boolean queuedForFlush;

    CoalescingTcpChannel(final SocketChannel socket, final int bufferBytes, final WriteCoalescer coalescer)
        throws IOException
    {
        super(socket.getRemoteAddress().toString());
        this.socket = socket;
        this.pending = ByteBuffer.allocateDirect(bufferBytes);
        this.coalescer = coalescer;
    }

    @Override
    public SelectionKey register(final Selector selector, final int ops, final Object attachment)
        throws ClosedChannelException
    {
        return socket.register(selector, ops, attachment);
    }

    @Override
    public int write(final ByteBuffer src, final int seqNum, final boolean replay) throws IOException
    {
        if (failure != null)
        {
            throw failure;
        }
        if (src.remaining() > pending.remaining())
        {
            flush();
            if (failure != null)
            {
                throw failure;
            }
        }
        final int accepted = Math.min(src.remaining(), pending.remaining());
        final int limit = src.limit();
        src.limit(src.position() + accepted);
        pending.put(src);
        src.limit(limit);
        if (accepted > 0 && !queuedForFlush)
        {
            queuedForFlush = true;
            coalescer.flushLater(this);
        }
        return accepted;
    }

    /**
     * Writes what the socket takes; returns true while bytes remain (the socket's send buffer is full).
     */
    boolean flush()
    {
        if (pending.position() == 0 || failure != null)
        {
            return false;
        }
        pending.flip();
        try
        {
            socket.write(pending);
        }
        catch (final IOException ex)
        {
            failure = ex;
            closeSocket();
        }
        pending.compact();
        return failure == null && pending.position() > 0;
    }

    void flushed()
    {
        queuedForFlush = false;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        return socket.read(dst);
    }

    @Override
    public void close()
    {
        // A Logout written just before the disconnect must still go out.
        flush();
        closeSocket();
    }

    private void closeSocket()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // Closing is all that was left to do with this connection.
        }
    }

    @Override
    public void onReplayComplete(final long correlationId)
    {
    }
}
