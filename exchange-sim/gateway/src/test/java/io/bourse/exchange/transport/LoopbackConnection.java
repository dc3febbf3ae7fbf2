package io.bourse.exchange.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP connection on loopback: the venue's side non-blocking, as Artio's framer keeps it, and the peer's side. */
final class LoopbackConnection implements AutoCloseable
{
    final SocketChannel venueSide;
    final SocketChannel peer;
    private final ServerSocketChannel server;

    private LoopbackConnection(final ServerSocketChannel server, final SocketChannel venueSide, final SocketChannel peer)
    {
        this.server = server;
        this.venueSide = venueSide;
        this.peer = peer;
    }

    static LoopbackConnection open() throws IOException
    {
        final ServerSocketChannel server =
            ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final SocketChannel peer = SocketChannel.open(server.getLocalAddress());
        final SocketChannel venueSide = server.accept();
        venueSide.configureBlocking(false);
        return new LoopbackConnection(server, venueSide, peer);
    }

    @Override
    public void close() throws IOException
    {
        venueSide.close();
        peer.close();
        server.close();
    }
}
