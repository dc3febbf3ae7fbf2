package io.bourse.exchange.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The venue started in this JVM: what its caller (bin/exchange-sim's READY line) learns from a start. */
@Timeout(60)
class ExchangeStartTest
{
    @Test
    void portZeroStartsOnAFreePortAndReportsThePortItListensOn(@TempDir final Path stateDir) throws Exception
    {
        final ExchangeConfig config = ExchangeConfig.load(Path.of("../../config/exchange.yaml"))
            .withFixPort(0)
            .withStateDir(stateDir)
            .withAeronDir(Path.of("/dev/shm", "bourse-start-test-" + UUID.randomUUID()));

        try (Exchange exchange = Exchange.start(config, true))
        {
            final int port = exchange.fixPort();
            assertNotEquals(0, port);
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress(config.fixHost(), port), 5_000);
                assertTrue(socket.isConnected());
            }
        }
    }
}
