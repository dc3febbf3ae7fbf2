package io.bourse.exchange.transport;

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

    public CoalescingTcpChannelSupplier(
        final EngineConfiguration configuration, final WriteCoalescer coalescer, final int bufferBytes)
    {
        super(configuration);
        this.coalescer = coalescer;
        this.bufferBytes = bufferBytes;
    }

    @Override
    protected TcpChannel newTcpChannel(final SocketChannel channel) throws IOException
    {
        return new CoalescingTcpChannel(channel, bufferBytes, coalescer);
    }
}
