package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExchangeProcessTest
{
    @Test
    void benchConfigLiftsEveryThrottleAndPointsAtTheSameInstruments(@TempDir final Path dir) throws Exception
    {
        final Path configDir = Files.createDirectories(dir.resolve("config"));
        final Path config = configDir.resolve("exchange.yaml");
        Files.write(config, List.of(
            "venue:",
            "  compId: BOURSE",
            "fix:",
            "  sessions:",
            "    - id: 1",
            "      throttlePerSecond: 5000          # a comment stays",
            "    - throttlePerSecond: 20",
            "instruments: instruments.yaml          # the instrument list",
            "state:",
            "  dir: ../var/exchange"));
        final Path benchConfig = dir.resolve("bench.yaml");

        ExchangeProcess.writeBenchConfig(config, benchConfig);

        assertEquals(List.of(
            "venue:",
            "  compId: BOURSE",
            "fix:",
            "  sessions:",
            "    - id: 1",
            "      throttlePerSecond: 1000000000          # a comment stays",
            "    - throttlePerSecond: 1000000000",
            "instruments: " + configDir.resolve("instruments.yaml") + "          # the instrument list",
            "state:",
            "  dir: ../var/exchange"), Files.readAllLines(benchConfig));
    }
}
