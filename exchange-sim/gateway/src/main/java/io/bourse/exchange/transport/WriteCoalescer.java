package io.bourse.exchange.transport;

import org.agrona.concurrent.Agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Flushes the connections written to during the framer's duty cycle; runs right after the framer, on its thread.
 * Connections whose socket is full stay listed and are retried on the next cycle.
 */
public final class WriteCoalescer implements Agent
{
    private final List<CoalescingTcpChannel> toFlush = new ArrayList<>();
    private final List<CoalescingTcpChannel> stillPending = new ArrayList<>();

    void flushLater(final CoalescingTcpChannel channel)
    {
        toFlush.add(channel);
    }

    @Override
    public int doWork()
    {
        if (toFlush.isEmpty())
        {
            return 0;
        }
        final int flushed = toFlush.size();
        for (int i = 0; i < flushed; i++)
        {
            final CoalescingTcpChannel channel = toFlush.get(i);
            if (channel.flush())
            {
                stillPending.add(channel);
            }
            else
            {
                channel.flushed();
            }
        }
        toFlush.clear();
        toFlush.addAll(stillPending);
        stillPending.clear();
        return flushed;
    }

    @Override
    public String roleName()
    {
        return "write-coalescer";
    }
}
