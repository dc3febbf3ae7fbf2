package io.bourse.exchange.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bourse.codecs.types.Price;
import io.bourse.exchange.engine.InstrumentSpec;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the instrument list (config/instruments.yaml) into {@link InstrumentSpec}s. Decimal values are read as
 * {@link BigDecimal} so that a tick of 0.01 becomes exactly 100 scaled units; anything that does not convert
 * exactly, or breaks a rule of {@link InstrumentSpec}, fails with a message naming the instrument and the key.
 */
public final class InstrumentsConfig
{
    private InstrumentsConfig()
    {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class File
    {
        @JsonProperty(required = true)
        public List<Entry> instruments;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class Entry
    {
        @JsonProperty(required = true)
        public Integer id;
        @JsonProperty(required = true)
        public String symbol;
        @JsonProperty(required = true)
        public BigDecimal tickSize;
        public BigDecimal lotSize = BigDecimal.ONE;
        @JsonProperty(required = true)
        public BigDecimal referencePrice;
        public BigDecimal priceBandPercent = BigDecimal.TEN;
        public BigDecimal dynamicBandPercent = BigDecimal.valueOf(5);
    }

    public static List<InstrumentSpec> load(final Path path)
    {
        try (InputStream in = Files.newInputStream(path))
        {
            return parse(in, path.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read instruments file " + path + ": " + ex.getMessage(), ex);
        }
    }

    public static List<InstrumentSpec> parse(final InputStream in, final String source)
    {
        final ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        final File file;
        try
        {
            file = mapper.readValue(in, File.class);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
        if (file == null || file.instruments == null || file.instruments.isEmpty())
        {
            throw new IllegalArgumentException(source + ": no instruments");
        }
        final List<InstrumentSpec> specs = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        final Set<String> symbols = new HashSet<>();
        for (final Entry entry : file.instruments)
        {
            final String name = entry.symbol == null ? "instrument " + entry.id : entry.symbol;
            final InstrumentSpec spec;
            try
            {
                spec = new InstrumentSpec(
                    entry.id,
                    entry.symbol,
                    scaledPrice(entry.tickSize, "tickSize"),
                    wholeNumber(entry.lotSize, "lotSize"),
                    scaledPrice(entry.referencePrice, "referencePrice"),
                    basisPoints(entry.priceBandPercent, "priceBandPercent"),
                    basisPoints(entry.dynamicBandPercent, "dynamicBandPercent"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(source + ": " + name + ": " + ex.getMessage(), ex);
            }
            if (!ids.add(spec.id()))
            {
                throw new IllegalArgumentException(source + ": duplicate instrument id " + spec.id());
            }
            if (!symbols.add(spec.symbol()))
            {
                throw new IllegalArgumentException(source + ": duplicate symbol " + spec.symbol());
            }
            specs.add(spec);
        }
        return specs;
    }

    private static long scaledPrice(final BigDecimal value, final String key)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(key + " is missing");
        }
        try
        {
            return Price.parse(value.toPlainString());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(key + " " + value.toPlainString() + ": " + ex.getMessage(), ex);
        }
    }

    private static long wholeNumber(final BigDecimal value, final String key)
    {
        try
        {
            return value.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(key + " must be a whole number: " + value.toPlainString(), ex);
        }
    }

    private static int basisPoints(final BigDecimal percent, final String key)
    {
        try
        {
            return percent.movePointRight(2).intValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(key + " must have at most two decimals: " + percent.toPlainString(), ex);
        }
    }
}
