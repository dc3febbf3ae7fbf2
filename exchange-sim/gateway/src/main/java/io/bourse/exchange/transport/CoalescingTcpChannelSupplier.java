package io.bourse.exchange.transport;

import org.agrona.concurrent.IdleStrategy;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannelSupplier;
import uk.co.real_logic.artio.engine.framer.TcpChannel;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Artio's connection supplier, handing out {@link CoalescingTcpChannel}s flushed by one {@link WriteCoalescer}. */
public final class CoalescingTcpChannelSupplier extends DefaultTcpChannelSupplier
{
    private final WriteCoalescer coalescer;
    private final int bufferBytes;
    private final IdleStrategy idleStrategy;

    /**
     * @param idleStrategy the venue thread's: a {@link SocketWakeIdleStrategy} is told of every new connection.
     */
    public CoalescingTcpChannelSupplier(
        final EngineConfiguration configuration,
        final WriteCoalescer coalescer,
        final int bufferBytes,
        final IdleStrategy idleStrategy)
    {
        super(configuration);
        this.coalescer = coalescer;
        this.bufferBytes = bufferBytes;
        this.idleStrategy = idleStrategy;
    }

    @Override
    protected TcpChannel newTcpChannel(final SocketChannel channel) throws IOException
    {
        if (idleStrategy instanceof SocketWakeIdleStrategy socketWake)
        {
            socketWake.watch(channel);
        }
        return new CoalescingTcpChannel(channel, bufferBytes, coalescer);
    }
}
