package io.bourse.exchange.fixbench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench fix}: FIX order-entry latency and throughput of the venue, against its floor. The same client,
 * with the same load, runs first against {@link FloorAcceptor} (a do-nothing FIX acceptor in this JVM) and then
 * against the real exchange process; the report gives both and the ratios. The last line printed is one JSON object.
 */
@Command(
    name = "bench fix",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "FIX 4.2 order entry: acknowledgement latency (open loop, no coordinated omission) or throughput of the " +
            "venue, each against the floor: a do-nothing FIX acceptor driven the same way in the same run.",
        "Orders: IOC limit buys of --quantity --symbol at 100 prices at and below --price (none can trade), so the " +
            "venue acknowledges (ExecType 0) and cancels (ExecType 4) each one and its book stays empty.",
        "The exchange is started from --exchange-jar with a fresh state, unless --port names a running one.",
        "Exit status 1 when an order was rejected or left unanswered, or a venue could not be run."})
public final class FixBenchCommand implements Callable<Integer>
{
    private static final double P50_RATIO_TARGET = 1.3;
    private static final double P99_RATIO_TARGET = 2.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N",
        description = "Measured seconds per venue (default ${DEFAULT-VALUE}).")
    private double seconds = 10;

    @Option(names = "--rate", paramLabel = "R",
        description = "Orders per second, open loop; 0: as fast as the venue acknowledges, with at most --window " +
            "orders in flight (default ${DEFAULT-VALUE}).")
    private int rate = 10_000;

    @Option(names = "--max", description = "Throughput mode: the same as --rate 0.")
    private boolean max;

    @Option(names = "--warmup", paramLabel = "S",
        description = "Seconds of the same load before measuring, per venue. The default lets two one-time " +
            "recompilations of the exchange pass before the window: after Artio's first 10-second housekeeping and " +
            "at the first automatic snapshot (command 100,000: 10 s in at 10,000 orders/s) (default ${DEFAULT-VALUE}).")
    private double warmupSeconds = 15;

    @Option(names = "--runs", paramLabel = "N",
        description = "Rounds, each the floor and then the exchange (a fresh one each time) under the same load; " +
            "prints every round and the medians, and the JSON gives the medians (default ${DEFAULT-VALUE}).")
    private int runs = 1;

    @Option(names = "--window", paramLabel = "W",
        description = "Throughput mode: most orders unanswered at a time (default ${DEFAULT-VALUE}).")
    private int window = 1_000;

    @Option(names = "--port", paramLabel = "P",
        description = "Drive the exchange already running at --host:P instead of starting one.")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "With --port (default ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--only", paramLabel = "VENUE",
        description = "Run against one venue only: ${COMPLETION-CANDIDATES} (default: both, floor first).")
    private Venue only;

    @Option(names = "--sender", paramLabel = "COMPID", description = "SenderCompID (default ${DEFAULT-VALUE}).")
    private String senderCompId = "CLIENT1";

    @Option(names = "--password", paramLabel = "SECRET",
        description = "Logon password, sent in RawData(96) (default: CLIENT1's in config/exchange.yaml).")
    private String password = "client1-secret";

    @Option(names = "--target", paramLabel = "COMPID",
        description = "TargetCompID, the venue's CompID (default ${DEFAULT-VALUE}).")
    private String targetCompId = "BOURSE";

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Instrument (default ${DEFAULT-VALUE}).")
    private String symbol = "TEST";

    @Option(names = "--price", paramLabel = "PX",
        description = "Highest price; orders cycle through 100 ticks of 0.01 at and below it. It must be below the " +
            "best offer and within the price band (default ${DEFAULT-VALUE}).")
    private BigDecimal price = new BigDecimal("95.00");

    @Option(names = "--quantity", paramLabel = "Q", description = "Order quantity (default ${DEFAULT-VALUE}).")
    private long quantity = 100;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${sys:bourse.root:-.}/config/exchange.yaml",
        description = "Configuration the started exchange runs with, throttle lifted (default ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--exchange-jar", paramLabel = "JAR",
        defaultValue = "${sys:bourse.root:-.}/exchange-sim/gateway/target/bourse-exchange-sim.jar",
        description = "The exchange to start (default ${DEFAULT-VALUE}).")
    private Path exchangeJar;

    @Option(names = "--client-idle", paramLabel = "HOW",
        description = "Between turns of the client's loop: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private LoadPlan.Idle clientIdle = LoadPlan.Idle.YIELD;

    @Option(names = "--answer-timeout", paramLabel = "S",
        description = "Seconds without any answer, while orders are unanswered, after which the venue counts as " +
            "stuck and its run stops; also how long the last answers are waited for (default ${DEFAULT-VALUE}).")
    private double answerTimeoutSeconds = 10;

    enum Venue
    {
        floor, exchange
    }

    @Override
    public Integer call()
    {
        require(seconds > 0 && warmupSeconds >= 0 && answerTimeoutSeconds > 0,
            "--seconds and --answer-timeout must be positive and --warmup not negative");
        require(rate >= 0 && window > 0, "--rate must not be negative and --window must be positive");
        require(runs >= 1, "--runs must be at least 1: " + runs);
        require(price.scale() <= 2 && price.signum() > 0, "--price needs at most 2 decimals and must be positive");
        final int ratePerSecond = max ? 0 : rate;
        final LoadPlan plan;
        try
        {
            plan = new LoadPlan(ratePerSecond, secondsToNanos(warmupSeconds), secondsToNanos(seconds), window,
                secondsToNanos(answerTimeoutSeconds), symbol, price.movePointRight(2).longValueExact(), quantity,
                clientIdle);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }

        final PrintStream out = System.out;
        out.println(String.format(Locale.ROOT, "java %s (%s), %d processors, max heap %d MB",
            System.getProperty("java.version"), System.getProperty("java.vm.name"),
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        out.println(describe(plan));
        out.println("client: one thread busy-polling a non-blocking socket (one vCPU); ack latency = receipt of " +
            "ExecType 0 - " + (plan.openLoop() ? "intended send time" : "actual send time"));

        final RoundSeries series = new RoundSeries();
        boolean ok = true;
        for (int round = 1; round <= runs && ok; round++)
        {
            if (runs > 1)
            {
                out.println();
                out.println(String.format(Locale.ROOT, "=== round %d of %d", round, runs));
            }
            final LoadRunner.Outcome floor = only == Venue.exchange ? null : runFloor(plan, out);
            final LoadRunner.Outcome exchange = only == Venue.floor ? null : runExchange(plan, out);

            out.println();
            out.println(runs > 1 ? "== summary of round " + round : "== summary");
            ok = (floor == null || summarize(floor, out)) & (exchange == null || summarize(exchange, out));
            final RoundSeries.Round figures = RoundSeries.Round.of(exchange, floor);
            printComparison(figures, plan, out);
            series.add(figures);
        }
        if (runs > 1)
        {
            out.println();
            out.println(String.format(Locale.ROOT, "== %d rounds (latencies in us; x: exchange / floor in the same round)",
                series.size()));
            series.print(out);
        }
        final Report json = new Report();
        series.addTo(json);
        json.field("mode", plan.openLoop() ? "open_loop" : "throughput")
            .field("rate", plan.ratePerSecond())
            .field("window", plan.openLoop() ? null : plan.window())
            .field("seconds", plan.measureNanos() / 1e9)
            .field("measured_orders", series.last().measuredOrders())
            .field("ok", ok);
        if (!ok)
        {
            out.println("! FAILED: a venue rejected or did not answer orders, or could not be run (see above)");
        }
        out.println(json.json());
        return ok ? 0 : 1;
    }

    private LoadRunner.Outcome runFloor(final LoadPlan plan, final PrintStream out)
    {
        out.println();
        out.println("== floor: do-nothing FIX acceptor in this JVM (one blocking thread per connection)");
        try (FloorAcceptor floor = FloorAcceptor.start(0))
        {
            final List<LoadRunner.Watched> watched = List.of(
                new LoadRunner.Watched("bench JVM (client + floor)", ProcessHandle.current().pid()));
            return LoadRunner.run("floor", settings(new InetSocketAddress("127.0.0.1", floor.port())), plan,
                watched, out);
        }
        catch (final IOException ex)
        {
            return failed("floor", plan, "could not start the floor: " + ex.getMessage());
        }
    }

    private LoadRunner.Outcome runExchange(final LoadPlan plan, final PrintStream out)
    {
        out.println();
        if (port != null)
        {
            out.println("== exchange: already running at " + host + ":" + port);
            return LoadRunner.run("exchange", settings(new InetSocketAddress(host, port)), plan,
                List.of(new LoadRunner.Watched("bench JVM", ProcessHandle.current().pid())), out);
        }
        out.println("== exchange: " + exchangeJar + ", started now with a fresh state");
        final ExchangeProcess exchange;
        try
        {
            exchange = ExchangeProcess.start(exchangeJar, config, exchangeJavaOptions(), System.err);
        }
        catch (final IOException ex)
        {
            return failed("exchange", plan, ex.getMessage());
        }
        // Ctrl-C or SIGTERM of the benchmark must not leave the venue behind; close() is idempotent.
        final Thread stopOnExit = new Thread(exchange::close, "exchange-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try
        {
            return LoadRunner.run("exchange", settings(new InetSocketAddress("127.0.0.1", exchange.fixPort())), plan,
                List.of(new LoadRunner.Watched("exchange", exchange.pid()),
                    new LoadRunner.Watched("bench JVM", ProcessHandle.current().pid())), out);
        }
        finally
        {
            exchange.close();
            try
            {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
            catch (final IllegalStateException ex)
            {
                // The JVM is already shutting down (SIGTERM, Ctrl-C): the hook has stopped the exchange.
            }
        }
    }

    /** Prints one venue's result; false when it failed or an order was rejected or unanswered. */
    private static boolean summarize(final LoadRunner.Outcome outcome, final PrintStream out)
    {
        out.println(outcome.venue() + ":");
        final LoadResult result = outcome.result();
        if (result != null)
        {
            out.println(String.format(Locale.ROOT,
                "  %,.0f orders/s acknowledged; %,d measured orders sent, %,d acknowledged; %,d sent in all, " +
                    "%,d cancels (ExecType 4), %,d fills, %,d rejected, %,d unanswered, %,d unexpected%s",
                result.ordersPerSecond(), result.measuredSent(), result.measuredAcked(), result.ordersSent(),
                result.cancels(), result.fills(), result.rejected(), result.unanswered(), result.unexpected(),
                result.sendStalls() == 0 ? "" : String.format(Locale.ROOT,
                    ", %,d orders held back by the in-flight limit", result.sendStalls())));
            if (result.firstRejectText() != null)
            {
                out.println("  first reject: " + result.firstRejectText());
            }
            Report.printLatency("ack latency", outcome.latency(), out);
            if (outcome.plan().openLoop())
            {
                Report.printLatency("client send lag (included above)", outcome.sendLag(), out);
            }
            if (!outcome.cpu().isEmpty())
            {
                out.println("  CPU per thread over the measured window (100% = one vCPU):");
                outcome.cpu().forEach(line -> out.println("    " + line));
            }
        }
        if (outcome.failure() != null)
        {
            out.println("  ! " + outcome.failure());
        }
        return outcome.ok();
    }

    private static void printComparison(final RoundSeries.Round figures, final LoadPlan plan, final PrintStream out)
    {
        if (figures.p50Ratio() == null || figures.p99Ratio() == null)
        {
            return;
        }
        if (!plan.openLoop())
        {
            out.println("(throughput mode: each latency is about the window over the throughput, so the latency " +
                "ratios below say little; the targets apply to open-loop runs)");
        }
        out.println(String.format(Locale.ROOT, "exchange / floor: ack p50 %s / %s us = %.2fx (target <= %.1fx: %s)",
            Report.formatMicros(figures.p50()), Report.formatMicros(figures.floorP50()), figures.p50Ratio(),
            P50_RATIO_TARGET, verdict(figures.p50Ratio(), P50_RATIO_TARGET)));
        out.println(String.format(Locale.ROOT, "exchange / floor: ack p99 %s / %s us = %.2fx (target <= %.1fx: %s)",
            Report.formatMicros(figures.p99()), Report.formatMicros(figures.floorP99()), figures.p99Ratio(),
            P99_RATIO_TARGET, verdict(figures.p99Ratio(), P99_RATIO_TARGET)));
        out.println(String.format(Locale.ROOT, "exchange / floor: %,d / %,d orders/s",
            figures.ordersPerSecond(), figures.floorOrdersPerSecond()));
    }

    private static String verdict(final double ratio, final double target)
    {
        return ratio <= target ? "met" : String.format(Locale.ROOT, "MISSED by %.0f%%", 100 * (ratio / target - 1));
    }

    private static String describe(final LoadPlan plan)
    {
        final String load = plan.openLoop() ?
            String.format(Locale.ROOT, "open loop at %,d orders/s", plan.ratePerSecond()) :
            String.format(Locale.ROOT, "throughput: as fast as acknowledged, at most %,d in flight", plan.window());
        final long top = plan.topPriceInHundredths();
        return String.format(Locale.ROOT,
            "load: %s, %.0f s warm-up + %.0f s measured per venue; IOC buys of %,d %s at %s-%s (none can trade)",
            load, plan.warmupNanos() / 1e9, plan.measureNanos() / 1e9, plan.quantity(), plan.symbol(),
            BigDecimal.valueOf(top - LoadPlan.PRICE_LEVELS + 1, 2), BigDecimal.valueOf(top, 2));
    }

    private FixSessionSettings settings(final InetSocketAddress venue)
    {
        return new FixSessionSettings(venue, senderCompId, targetCompId, password, 30);
    }

    /** EXCHANGE_JAVA_OPTS adds JVM options to the started exchange, as it does for bin/exchange-sim. */
    private static List<String> exchangeJavaOptions()
    {
        final String options = System.getenv("EXCHANGE_JAVA_OPTS");
        return options == null || options.isBlank() ? List.of() :
            new ArrayList<>(Arrays.asList(options.trim().split("\\s+")));
    }

    private static LoadRunner.Outcome failed(final String venue, final LoadPlan plan, final String why)
    {
        return new LoadRunner.Outcome(venue, plan, null, LoadRunner.newHistogram(), LoadRunner.newHistogram(),
            List.of(), why);
    }

    private static long secondsToNanos(final double seconds)
    {
        return Math.round(seconds * TimeUnit.SECONDS.toNanos(1));
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    public static void main(final String[] args)
    {
        // Exit explicitly: the status is the result, and no thread of this benchmark should keep the JVM alive.
        System.exit(new CommandLine(new FixBenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
