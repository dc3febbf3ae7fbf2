package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.journal.EngineRecovery;
import io.bourse.exchange.journal.FsyncPolicy;
import io.bourse.exchange.journal.JournaledEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

/** What a run feeds: the bare engine, or the engine behind its command journal. */
interface CommandProcessor extends AutoCloseable
{
    long process(Command command);

    /** The engine, for queries only: commands go through {@link #process}. */
    MatchingEngine engine();

    @Override
    void close();

    static CommandProcessor bare(
        final Collection<InstrumentSpec> instruments, final EngineListener listener, final BookType bookType)
    {
        final MatchingEngine engine = new MatchingEngine(instruments, listener, bookType);
        return new CommandProcessor()
        {
            @Override
            public long process(final Command command)
            {
                return engine.process(command);
            }

            @Override
            public MatchingEngine engine()
            {
                return engine;
            }

            @Override
            public void close()
            {
            }
        };
    }

    /**
     * A fresh engine journaling into a new directory under {@code parent} with the default fsync policy; the
     * directory and everything in it are deleted on close.
     */
    static CommandProcessor journaled(
        final Path parent,
        final Collection<InstrumentSpec> instruments,
        final EngineListener listener,
        final BookType bookType)
    {
        final Path directory;
        final JournaledEngine journaled;
        try
        {
            directory = Files.createTempDirectory(parent, "engine-bench-journal-");
            journaled = EngineRecovery.open(directory, instruments, listener, bookType, FsyncPolicy.DEFAULT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a journal under " + parent, ex);
        }
        return new CommandProcessor()
        {
            @Override
            public long process(final Command command)
            {
                return journaled.process(command);
            }

            @Override
            public MatchingEngine engine()
            {
                return journaled.engine();
            }

            @Override
            public void close()
            {
                journaled.close();
                deleteTree(directory);
            }
        };
    }

    private static void deleteTree(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete the journal directory " + directory, ex);
        }
    }
}
