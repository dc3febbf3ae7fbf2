package io.bourse.exchange.app;

import io.bourse.exchange.engine.TradingPhase;
import io.bourse.exchange.fix.DailyResetTime;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;

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
        assertEquals(64 * 1024, config.buffers().sequenceIndexBytes());
        assertEquals(BackoffIdleStrategy.class, config.venueThread().newIdleStrategy().getClass());
    }

    @Test
    void bufferSizesAreCheckedAndUsed(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, MINIMAL + "buffers: {aeronTermBytes: 1048576, socketWriteBytes: 8192}\n");
        final ExchangeConfig.BufferSizes buffers = ExchangeConfig.load(file).buffers();
        assertEquals(1_048_576, buffers.aeronTermBytes());
        assertEquals(16_384, buffers.socketReadBytes());
        assertEquals(8_192, buffers.socketWriteBytes());

        Files.writeString(file, MINIMAL + "buffers: {aeronTermBytes: 1000000}\n");
        final IllegalArgumentException notPowerOfTwo =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(notPowerOfTwo.getMessage().contains("buffers.aeronTermBytes must be a power of two"),
            notPowerOfTwo.getMessage());

        Files.writeString(file, MINIMAL + "buffers: {sequenceIndexBytes: 12288}\n");
        assertEquals(12_288, ExchangeConfig.load(file).buffers().sequenceIndexBytes());
        for (final String bad : new String[] {"4096", "10000"})
        {
            Files.writeString(file, MINIMAL + "buffers: {sequenceIndexBytes: " + bad + "}\n");
            final IllegalArgumentException notSectors =
                assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
            assertTrue(notSectors.getMessage().contains("buffers.sequenceIndexBytes must be a multiple of 4096 and " +
                ">= 8192: " + bad), notSectors.getMessage());
        }
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
    void dailyResetTimeIsATimeOfDayInAZoneUtcByDefault(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, """
            venue: {compId: BOURSE}
            fix:
              sessions:
                - {id: 1, compId: A, password: a, dailyResetTime: "22:00:00", dailyResetTimeZone: Europe/London}
                - {id: 2, compId: B, password: b, dailyResetTime: 17:30}
                - {id: 3, compId: C, password: c}
            instruments: instruments.yaml
            state: {dir: state, aeronDir: /dev/shm/x}
            """);
        final ExchangeConfig config = ExchangeConfig.load(file);

        assertEquals(new DailyResetTime(LocalTime.of(22, 0), ZoneId.of("Europe/London")),
            config.sessionByCompId("A").dailyReset());
        assertEquals(new DailyResetTime(LocalTime.of(17, 30), ZoneId.of("UTC")),
            config.sessionByCompId("B").dailyReset());
        assertFalse(config.sessionByCompId("C").hasDailyReset(), "no key: sequence numbers persist");
        assertFalse(ExchangeConfig.load(Path.of("../../config/exchange.yaml")).sessions().stream()
            .anyMatch(ExchangeConfig.SessionConfig::hasDailyReset), "the repository's sessions never reset by time");
    }

    @Test
    void badDailyResetTimesNameTheSessionAndTheValue(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("exchange.yaml");
        final String template = """
            venue: {compId: BOURSE}
            fix: {sessions: [{id: 1, compId: A, password: a, %s}]}
            instruments: instruments.yaml
            state: {dir: state, aeronDir: /dev/shm/x}
            """;

        Files.writeString(file, template.formatted("dailyResetTime: \"25:00\""));
        final IllegalArgumentException badTime =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(badTime.getMessage().contains("fix.sessions[A].dailyResetTime '25:00' is not a time of day"),
            badTime.getMessage());

        Files.writeString(file, template.formatted("dailyResetTime: \"22:00 UTC\""));
        final IllegalArgumentException zoneInTheTime =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(zoneInTheTime.getMessage().contains("dailyResetTime '22:00 UTC'"), zoneInTheTime.getMessage());

        Files.writeString(file, template.formatted("dailyResetTime: \"22:00\", dailyResetTimeZone: Europe/Londres"));
        final IllegalArgumentException badZone =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(badZone.getMessage().contains(
            "fix.sessions[A].dailyResetTimeZone 'Europe/Londres' is not a time zone"), badZone.getMessage());

        Files.writeString(file, template.formatted("dailyResetTimeZone: UTC"));
        final IllegalArgumentException zoneAlone =
            assertThrows(IllegalArgumentException.class, () -> ExchangeConfig.load(file));
        assertTrue(zoneAlone.getMessage().contains(
            "fix.sessions[A].dailyResetTimeZone is set but dailyResetTime is not"), zoneAlone.getMessage());
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
