package io.bourse.exchange.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineDemoTest
{
    @Test
    void tradesADayAndRecoversTheSameStateFromTheJournal(@TempDir final Path dir) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exitCode = new CommandLine(new EngineDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
            .execute("--seconds", "1", "--rate", "20000", "--config", "../../config/instruments.yaml",
                "--journal-dir", dir.toString());
        final String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, exitCode, output);
        assertTrue(output.contains("TEST auction: price"), "the opening and closing auctions print: " + output);
        assertTrue(output.contains("TEST   CLOSED"), output);
        assertTrue(output.contains("state IDENTICAL"), output);
        try (var files = Files.list(dir))
        {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("journal-")), "journal kept in " + dir);
        }
    }

    @Test
    void refusesANonPositiveRate()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CommandLine commandLine = new CommandLine(new EngineDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        commandLine.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));

        final int exitCode = commandLine.execute("--rate", "0");

        assertEquals(2, exitCode);
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("--rate must be positive"), errors.toString());
    }
}
