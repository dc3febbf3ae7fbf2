package io.bourse.exchange.config;

import io.bourse.codecs.types.Price;
import io.bourse.exchange.engine.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentsConfigTest
{
    @Test
    void defaultConfigDefinesTestInstrument()
    {
        final List<InstrumentSpec> specs = InstrumentsConfig.load(Path.of("../../config/instruments.yaml"));
        final InstrumentSpec test = specs.stream().filter(s -> s.symbol().equals("TEST")).findFirst().orElseThrow();
        assertEquals(new InstrumentSpec(1, "TEST", Price.parse("0.01"), 1, Price.parse("100.00"), 1000, 500), test);
        assertTrue(specs.size() > 1, "a few realistic equities besides TEST");
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreMissing()
    {
        final List<InstrumentSpec> specs = parse("instruments:\n  - {id: 7, symbol: X, tickSize: 0.05, referencePrice: 10}\n");
        assertEquals(new InstrumentSpec(7, "X", 500, 1, 100_000, 1000, 500), specs.get(0));
    }

    @Test
    void tickFinerThanPriceScaleIsRefusedWithTheKeyNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> parse("instruments:\n  - {id: 7, symbol: X, tickSize: 0.00001, referencePrice: 10}\n"));
        assertTrue(ex.getMessage().contains("X: tickSize 0.00001"), ex.getMessage());
    }

    @Test
    void referencePriceOffTheTickIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> parse("instruments:\n  - {id: 7, symbol: X, tickSize: 0.05, referencePrice: 10.01}\n"));
        assertTrue(ex.getMessage().contains("reference price must be a positive multiple of the tick"), ex.getMessage());
    }

    @Test
    void duplicateSymbolsAndUnknownKeysAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> parse(
            "instruments:\n  - {id: 1, symbol: X, tickSize: 0.01, referencePrice: 1}\n" +
            "  - {id: 2, symbol: X, tickSize: 0.01, referencePrice: 1}\n"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> parse("instruments:\n  - {id: 1, symbol: X, tickSize: 0.01, referencePrice: 1, tick: 2}\n"));
        assertTrue(ex.getMessage().contains("tick"), ex.getMessage());
    }

    private static List<InstrumentSpec> parse(final String yaml)
    {
        return InstrumentsConfig.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
