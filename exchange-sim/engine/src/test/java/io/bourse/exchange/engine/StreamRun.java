package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.CommandStreams.Step;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one command stream through a fresh engine with a {@link TranscriptListener} and any number of
 * {@link Check}s listening, asks every check after each command, and stops at the first violation. The result keeps
 * the transcript and the state hash after each command for the engine-against-engine comparisons.
 */
final class StreamRun
{
    /** An invariant watched through the events and verified against the engine after every command. */
    interface Check extends EngineListener
    {
        /** Adds a description of every violation seen during the command or visible in the engine now. */
        void afterCommand(MatchingEngine engine, List<String> violations);
    }

    record Outcome(List<String> transcript, List<Long> stateHashes, List<String> violations)
    {
        boolean passed()
        {
            return violations.isEmpty();
        }

        String report()
        {
            return String.join("\n", violations);
        }
    }

    private StreamRun()
    {
    }

    static Outcome run(final List<Step> steps, final BookType bookType, final Check... checks)
    {
        final TranscriptListener transcript = new TranscriptListener();
        final List<EngineListener> listeners = new ArrayList<>();
        listeners.add(transcript);
        listeners.addAll(List.of(checks));
        final MatchingEngine engine = new MatchingEngine(CommandStreams.INSTRUMENTS, new Tee(listeners), bookType);
        final List<Long> hashes = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        final CommandStreams.Driver driver = new CommandStreams.Driver();

        final Command start = new Command();
        for (final InstrumentSpec spec : CommandStreams.INSTRUMENTS)
        {
            if (engine.phase(spec.id()) != TradingPhase.CONTINUOUS)
            {
                engine.process(start.reset(CommandType.SET_PHASE).timestamp(EngineFixture.START_TIME)
                    .instrumentId(spec.id()).phase(TradingPhase.CONTINUOUS));
            }
        }
        for (final Check check : checks)
        {
            check.afterCommand(engine, violations);
        }

        for (int i = 0; i < steps.size() && violations.isEmpty(); i++)
        {
            final Step step = steps.get(i);
            final Command command = driver.commandFor(step, engine);
            final String commandText = command.toString();
            final long expectedSequence = engine.lastSequence() + 1;
            final int linesBefore = transcript.lines().size();
            final long sequence;
            try
            {
                sequence = engine.process(command);
            }
            catch (final Throwable ex)
            {
                violations.add(where(i, step, commandText) + "process() threw " + stackTrace(ex));
                break;
            }
            if (sequence != expectedSequence || engine.lastSequence() != sequence)
            {
                violations.add(where(i, step, commandText) + "sequence " + sequence + ", expected " +
                    expectedSequence + ", lastSequence() " + engine.lastSequence());
            }
            final List<String> lines = transcript.lines().subList(linesBefore, transcript.lines().size());
            final long processed = lines.stream().filter(line -> line.startsWith("processed ")).count();
            if (processed != 1 || !transcript.lastLine().equals("processed " + sequence))
            {
                violations.add(where(i, step, commandText) + "onCommandProcessed must be the last callback, once: " +
                    lines);
            }
            final List<String> found = new ArrayList<>();
            for (final Check check : checks)
            {
                check.afterCommand(engine, found);
            }
            for (final String violation : found)
            {
                violations.add(where(i, step, commandText) + violation + "\n    events of the command: " +
                    String.join("\n        ", lines));
            }
            hashes.add(engine.stateHash());
        }
        return new Outcome(transcript.lines(), hashes, violations);
    }

    private static String where(final int index, final Step step, final String commandText)
    {
        return "step " + index + " " + step + "\n    " + commandText + "\n    ";
    }

    private static String stackTrace(final Throwable ex)
    {
        final StringWriter text = new StringWriter();
        ex.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Passes every callback to each listener in turn. */
    private static final class Tee implements EngineListener
    {
        private final EngineListener[] listeners;

        Tee(final List<EngineListener> listeners)
        {
            this.listeners = listeners.toArray(new EngineListener[0]);
        }

        @Override
        public void onOrderAccepted(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderAccepted(order);
            }
        }

        @Override
        public void onOrderRejected(final Command command, final RejectReason reason)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderRejected(command, reason);
            }
        }

        @Override
        public void onCancelRejected(final Command command, final RejectReason reason)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onCancelRejected(command, reason);
            }
        }

        @Override
        public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderCancelled(order, reason, cancelledQty);
            }
        }

        @Override
        public void onOrderReplaced(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderReplaced(order);
            }
        }

        @Override
        public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderReduced(order, reducedBy, reason);
            }
        }

        @Override
        public void onOrderTriggered(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onOrderTriggered(order);
            }
        }

        @Override
        public void onTrade(
            final int instrumentId,
            final long tradeId,
            final long price,
            final long quantity,
            final long buyOrderId,
            final long sellOrderId,
            final Side aggressorSide,
            final boolean auction)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onTrade(
                    instrumentId, tradeId, price, quantity, buyOrderId, sellOrderId, aggressorSide, auction);
            }
        }

        @Override
        public void onExecution(
            final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onExecution(order, tradeId, price, quantity, aggressor);
            }
        }

        @Override
        public void onBookOrderAdded(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onBookOrderAdded(order);
            }
        }

        @Override
        public void onBookOrderModified(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onBookOrderModified(order);
            }
        }

        @Override
        public void onBookOrderRemoved(final OrderView order)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onBookOrderRemoved(order);
            }
        }

        @Override
        public void onLevelChanged(
            final int instrumentId,
            final Side side,
            final long price,
            final long displayedQty,
            final int orderCount)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onLevelChanged(instrumentId, side, price, displayedQty, orderCount);
            }
        }

        @Override
        public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onStatusChanged(instrumentId, phase, halted);
            }
        }

        @Override
        public void onAuctionResult(
            final int instrumentId, final long price, final long volume, final long imbalance)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onAuctionResult(instrumentId, price, volume, imbalance);
            }
        }

        @Override
        public void onReferencePriceChanged(final int instrumentId, final long referencePrice)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onReferencePriceChanged(instrumentId, referencePrice);
            }
        }

        @Override
        public void onMassCancelCompleted(final Command command, final int cancelledCount)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onMassCancelCompleted(command, cancelledCount);
            }
        }

        @Override
        public void onCommandRejected(final Command command, final RejectReason reason)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onCommandRejected(command, reason);
            }
        }

        @Override
        public void onCommandProcessed(final Command command, final long sequence)
        {
            for (final EngineListener listener : listeners)
            {
                listener.onCommandProcessed(command, sequence);
            }
        }
    }
}
