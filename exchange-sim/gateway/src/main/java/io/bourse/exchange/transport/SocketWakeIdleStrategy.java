package io.bourse.exchange.transport;

import org.agrona.LangUtil;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Spins, then yields, then sleeps in {@code epoll} on the venue's FIX connections: the next inbound message wakes the
 * thread at once, as a blocking acceptor's read would, and a timeout bounds the sleep for everything else (timers,
 * heartbeats, new connections, Aeron traffic). A parked thread instead sleeps a fixed time and then looks, which costs
 * the first order after each park up to that time; a thread that never sleeps holds a vCPU the counterparty's client
 * and the machine need on a two-vCPU host.
 *
 * <p>Single-threaded: the connections register from the same thread that idles (the framer's, see
 * {@link CoalescingTcpChannelSupplier}).
 */
public final class SocketWakeIdleStrategy implements IdleStrategy
{
    private final Selector selector;
    private final int maxSpins;
    private final int maxYields;
    private final long maxSleepMillis;
    private int idleCalls;

    public SocketWakeIdleStrategy(final int maxSpins, final int maxYields, final long maxSleepMillis)
    {
        if (maxSleepMillis < 1)
        {
            throw new IllegalArgumentException("maxSleepMillis must be >= 1: " + maxSleepMillis);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.maxSleepMillis = maxSleepMillis;
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector for the venue thread's idle strategy", ex);
        }
    }

    /** A new FIX connection: its inbound bytes wake the thread from now on. Closing the socket unregisters it. */
    void watch(final SocketChannel channel)
    {
        try
        {
            channel.register(selector, SelectionKey.OP_READ);
        }
        catch (final ClosedChannelException ignored)
        {
            // Closed before it was watched: nothing will arrive on it.
        }
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (idleCalls < maxSpins)
        {
            idleCalls++;
            Thread.onSpinWait();
        }
        else if (idleCalls < maxSpins + maxYields)
        {
            idleCalls++;
            Thread.yield();
        }
        else
        {
            sleepUntilInboundOrTimeout();
        }
    }

    private void sleepUntilInboundOrTimeout()
    {
        try
        {
            selector.select(maxSleepMillis);
            // Readiness is level-triggered: the framer's next read clears it; the keys only have to leave the set.
            selector.selectedKeys().clear();
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
    }

    @Override
    public void reset()
    {
        idleCalls = 0;
    }

    @Override
    public String alias()
    {
        return "socket-wake";
    }
}
