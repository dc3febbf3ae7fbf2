package io.bourse.exchange.journal;

import io.bourse.codecs.journal.BooleanType;
import io.bourse.codecs.journal.CommandTypeCode;
import io.bourse.codecs.journal.EngineCommandDecoder;
import io.bourse.codecs.journal.EngineCommandEncoder;
import io.bourse.codecs.journal.OrdTypeCode;
import io.bourse.codecs.journal.SelfTradePreventionCode;
import io.bourse.codecs.journal.SideCode;
import io.bourse.codecs.journal.TimeInForceCode;
import io.bourse.codecs.journal.TradingPhaseCode;
import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.ClientOrderId;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;

/**
 * {@link Command} to and from the SBE {@code EngineCommand} message. Every field is written whatever the command
 * type, so decoding gives back exactly the command that was journaled. Enum values on the wire are the Java
 * ordinals (see journal-schema.xml). Allocation free: ClOrdIDs pass through a scratch array.
 */
final class CommandCodec
{
    private final byte[] idScratch = new byte[ClientOrderId.MAX_LENGTH];

    /** Call after {@code wrapAndApplyHeader}; {@code encoder.encodedLength()} is then the body length. */
    void encode(final Command command, final long sequence, final EngineCommandEncoder encoder)
    {
        encoder
            .sequence(sequence)
            .timestamp(command.timestamp())
            .orderId(command.orderId())
            .quantity(command.quantity());
        encoder.price().mantissa(command.price());
        encoder.stopPrice().mantissa(command.stopPrice());
        encoder
            .minQty(command.minQty())
            .maxFloor(command.maxFloor())
            .expireTime(command.expireTime())
            .sessionId(command.sessionId())
            .firmId(command.firmId())
            .instrumentId(command.instrumentId())
            .commandType(CommandTypeCode.get((short)command.type().ordinal()))
            .side(SideCode.get((short)command.side().ordinal()))
            .ordType(OrdTypeCode.get((short)command.ordType().ordinal()))
            .timeInForce(TimeInForceCode.get((short)command.timeInForce().ordinal()))
            .postOnly(command.postOnly() ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(SelfTradePreventionCode.get((short)command.selfTradePrevention().ordinal()))
            .phase(TradingPhaseCode.get((short)command.phase().ordinal()))
            .dayOnly(command.dayOnly() ? BooleanType.TRUE : BooleanType.FALSE);
        encoder.putClOrdId(idScratch, 0, command.clOrdId().getBytes(idScratch, 0));
        encoder.putOrigClOrdId(idScratch, 0, command.origClOrdId().getBytes(idScratch, 0));
    }

    /** Overwrites every field of {@code command}. The decoder must be wrapped at the body. */
    void decode(final EngineCommandDecoder decoder, final Command command)
    {
        command.reset(CommandType.fromOrdinal(decoder.commandTypeRaw()))
            .timestamp(decoder.timestamp())
            .orderId(decoder.orderId())
            .quantity(decoder.quantity())
            .price(decoder.price().mantissa())
            .stopPrice(decoder.stopPrice().mantissa())
            .minQty(decoder.minQty())
            .maxFloor(decoder.maxFloor())
            .expireTime(decoder.expireTime())
            .sessionId(decoder.sessionId())
            .firmId(decoder.firmId())
            .instrumentId(decoder.instrumentId())
            .side(Side.fromOrdinal(decoder.sideRaw()))
            .ordType(OrdType.fromOrdinal(decoder.ordTypeRaw()))
            .timeInForce(TimeInForce.fromOrdinal(decoder.timeInForceRaw()))
            .postOnly(decoder.postOnlyRaw() == BooleanType.TRUE.value())
            .selfTradePrevention(SelfTradePrevention.fromOrdinal(decoder.selfTradePreventionRaw()))
            .phase(TradingPhase.fromOrdinal(decoder.phaseRaw()))
            .dayOnly(decoder.dayOnlyRaw() == BooleanType.TRUE.value());
        command.clOrdId().set(idScratch, 0, decoder.getClOrdId(idScratch, 0, idScratch.length));
        command.origClOrdId().set(idScratch, 0, decoder.getOrigClOrdId(idScratch, 0, idScratch.length));
    }
}
