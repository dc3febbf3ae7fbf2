package io.bourse.exchange.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the engine-bench jar; {@code bin/bench} is the usual way in. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = EngineBenchCommand.class,
    description = {
        "Benchmarks of the Bourse matching engine.",
        "JMH micro-benchmarks run through 'bin/bench jmh [JMH options]' (org.openjdk.jmh.Main in this jar)."})
public final class BenchCli implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. 'engine'");
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }
}
