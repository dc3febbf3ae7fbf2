package io.bourse.exchange.journal;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;

import java.util.ArrayList;
import java.util.List;

/** Commands for journal tests: every field away from its reset value, so a field the codec drops shows. */
final class TestCommands
{
    static final long START_TIME = 1_700_000_000_000_000_000L;

    private TestCommands()
    {
    }

    /** One command of each type, every field set (fields the type ignores included: the journal keeps them all). */
    static List<Command> oneOfEachType()
    {
        final List<Command> commands = new ArrayList<>();
        for (final CommandType type : CommandType.values())
        {
            final int n = type.ordinal();
            commands.add(new Command().reset(type)
                .timestamp(START_TIME + n)
                .sessionId(100 + n)
                .firmId(200 + n)
                .instrumentId(300 + n)
                .clOrdId("CL-" + type + "-0123456789")
                .origClOrdId(n % 3 == 0 ? "" : "ORIG-" + n)
                .orderId(1_000_000_000_000L + n)
                .side(Side.values()[n % Side.values().length])
                .ordType(OrdType.values()[n % OrdType.values().length])
                .timeInForce(TimeInForce.values()[n % TimeInForce.values().length])
                .quantity(1_000 + n)
                .price(n % 4 == 1 ? Price.NONE : Price.parse("100.2501") + n)
                .stopPrice(n % 4 == 2 ? Price.NONE : -Price.parse("3.5") - n)
                .minQty(10 + n)
                .maxFloor(20 + n)
                .expireTime(START_TIME + 1_000_000_000L * n)
                .postOnly(n % 2 == 0)
                .selfTradePrevention(SelfTradePrevention.values()[n % SelfTradePrevention.values().length])
                .phase(TradingPhase.values()[n % TradingPhase.values().length])
                .dayOnly(n % 2 == 1));
        }
        return commands;
    }

    /** A plain limit order whose ClOrdID is its number, for tests that need many distinct records. */
    static Command limitOrder(final Command command, final long number)
    {
        return command.reset(CommandType.NEW_ORDER)
            .timestamp(START_TIME + number)
            .sessionId(1)
            .firmId(1)
            .instrumentId(1)
            .clOrdId(number)
            .side(number % 2 == 0 ? Side.BUY : Side.SELL)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.DAY)
            .quantity(100 + number % 7)
            .price(Price.parse("100.00") + number % 13);
    }

    /** Both ClOrdIDs at the maximum length: the largest record there is. */
    static Command largest()
    {
        return new Command().reset(CommandType.REPLACE)
            .clOrdId("X".repeat(40))
            .origClOrdId("Y".repeat(40));
    }
}
