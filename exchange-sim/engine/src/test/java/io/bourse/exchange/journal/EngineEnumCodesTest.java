package io.bourse.exchange.journal;

import io.bourse.codecs.journal.CommandTypeCode;
import io.bourse.codecs.journal.SelfTradePreventionCode;
import io.bourse.codecs.journal.TradingPhaseCode;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal schema's enums are the engine enums' ordinals: a constant added on one side only fails here. */
class EngineEnumCodesTest
{
    @Test
    void schemaEnumsMatchTheEngineEnums()
    {
        assertSameConstants(CommandType.values(), v -> CommandTypeCode.get((short)v), CommandTypeCode.values());
        assertSameConstants(
            SelfTradePrevention.values(), v -> SelfTradePreventionCode.get((short)v), SelfTradePreventionCode.values());
        assertSameConstants(TradingPhase.values(), v -> TradingPhaseCode.get((short)v), TradingPhaseCode.values());
    }

    private static <E extends Enum<E>, C extends Enum<C>> void assertSameConstants(
        final E[] javaValues, final IntFunction<C> codeOf, final C[] codes)
    {
        final List<String> expected = Arrays.stream(javaValues).map(Enum::name).toList();
        final List<String> actual = Arrays.stream(javaValues).map(v -> codeOf.apply(v.ordinal()).name()).toList();
        assertEquals(expected, actual);
        // NULL_VAL is the only code without a Java constant.
        assertEquals(javaValues.length, codes.length - 1);
    }
}
