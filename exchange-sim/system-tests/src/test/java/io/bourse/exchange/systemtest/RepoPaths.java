package io.bourse.exchange.systemtest;

import java.nio.file.Path;

/**
 * Where the tests find the repository's files. Failsafe sets the properties from the pom; the fallbacks hold when a
 * test runs from an IDE with the module directory as working directory.
 */
final class RepoPaths
{
    private RepoPaths()
    {
    }

    static Path repoRoot()
    {
        return Path.of(System.getProperty("bourse.repo.root", "../..")).toAbsolutePath().normalize();
    }

    static Path exchangeJar()
    {
        final String configured = System.getProperty(ExchangeProcess.JAR_PROPERTY);
        return configured != null ? Path.of(configured).toAbsolutePath().normalize() :
            repoRoot().resolve("exchange-sim/gateway/target/bourse-exchange-sim.jar");
    }

    /** The venue config the tests copy, changing only port and paths. */
    static Path exchangeConfig()
    {
        return repoRoot().resolve("config/exchange.yaml");
    }

    static Path fix42Dictionary()
    {
        return repoRoot().resolve("fix-dictionaries/FIX42.xml");
    }

    /** Per-test directories go here: under target/ when run by Maven, so a failed test's files stay to be read. */
    static Path workRoot()
    {
        final String configured = System.getProperty("bourse.it.workDir");
        return configured != null ? Path.of(configured) :
            Path.of(System.getProperty("java.io.tmpdir"), "bourse-system-tests");
    }
}
