package io.bourse.exchange.app;

import io.bourse.exchange.engine.TradingPhase;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeConfigTest
{
    private static final String MINIMAL = """
        venue: {compId: BOURSE}
        fix: {sessions: [{id: 1, compId: A, password: a}]}
        instruments: instruments.yaml
        state: {dir: state, aeronDir: /dev/shm/x}
        """;

    @Test
    void defaultConfigurationIsTheDocumentedVenue()
    {
        final Path file = Path.of("../../config/exchange.yaml");
        final ExchangeConfig config = ExchangeConfig.load(file);

        assertEquals("BOURSE", config.venueCompId());
        assertEquals("127.0.0.1", config.fixHost());
        assertEquals(9878, config.fixPort());
        assertEquals(120, config.sendingTimeWindowSeconds());
        assertEquals(TradingPhase.CONTINUOUS, config.phaseAtStart());
        assertEquals(1, config.sessionByCompId("CLIENT1").id());
        assertEquals(2, config.sessionByCompId("CLIENT2").id());
        assertFalse(config.sessionByCompId("CLIENT1").resetsOnEveryConnection(), "client sessions are persistent");
        assertTrue(config.sessionByCompId("TESTER1").resetOnDisconnect(), "tester sessions start at 1 each time");
        assertTrue(config.sessionByCompId("TESTER2").resetsOnEveryConnection());
        assertEquals(file.toAbsolutePath().getParent().resolve("instruments.yaml").normalize(), config.instrumentsFile());
        assertTrue(Files.exists(config.instrumentsFile()));
        assertEquals(ExchangeConfig.IdleStrategyName.BACKOFF, config.venueThread().idleStrategy());
        assertEquals(BackoffIdleStrategy.class, config.venueThread().newIdleStrategy().getClass());
    }

    @Test
    void venueThreadIdleStrategyIsChosenByName(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, MINIMAL + "venueThread: {idleStrategy: BUSY_SPIN}\n");
        assertEquals(BusySpinIdleStrategy.class, ExchangeConfig.load(file).venueThread().newIdleStrategy().getClass());

        Files.writeString(file, MINIMAL + "venueThread: {idleStrategy: NAP}\n");
        final IllegalArgumentException unknown =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(unknown.getMessage().contains("NAP"), unknown.getMessage());

        Files.writeString(file, MINIMAL + "venueThread: {maxParkMicros: 0}\n");
        final IllegalArgumentException zeroPark =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(zeroPark.getMessage().contains("venueThread.maxParkMicros must be >= 1: 0"), zeroPark.getMessage());
    }

    @Test
    void sessionIdsMustBeUnique(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, """
            venue: {compId: BOURSE}
            fix:
              sessions:
                - {id: 1, compId: A, password: a}
                - {id: 1, compId: B, password: b}
            instruments: instruments.yaml
            state: {dir: state, aeronDir: /dev/shm/x}
            """);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(ex.getMessage().contains("id 1 is used twice"), ex.getMessage());
    }

    @Test
    void unknownKeysAreRefused(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, """
            venue: {compId: BOURSE, colour: blue}
            fix: {sessions: [{id: 1, compId: A, password: a}]}
            instruments: instruments.yaml
            state: {dir: state, aeronDir: /dev/shm/x}
            """);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(ex.getMessage().contains("colour"), ex.getMessage());
    }

    @Test
    void missingSectionsAreNamed(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, "venue: {compId: BOURSE}\ninstruments: instruments.yaml\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(ex.getMessage().contains("fix"), ex.getMessage());
    }
}
