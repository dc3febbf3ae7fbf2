package io.bourse.exchange.engine;

import java.nio.charset.StandardCharsets;

/**
 * A client order id (FIX ClOrdID) held as ASCII bytes in a fixed buffer, so orders and commands can be
 * reused without allocating. The venue accepts at most {@link #MAX_LENGTH} printable ASCII characters
 * (enough for a UUID).
 */
public final class ClientOrderId
{
    public static final int MAX_LENGTH = 40;

    private static final byte[] DIGIT_PAIRS = new byte[200];

    static
    {
        for (int i = 0; i < 100; i++)
        {
            DIGIT_PAIRS[2 * i] = (byte)('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte)('0' + i % 10);
        }
    }

    private final byte[] bytes = new byte[MAX_LENGTH];
    private int length;
    /** Kept current by every mutator, so index lookups never rescan the bytes. */
    private int hash = EMPTY_HASH;

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int EMPTY_HASH = FNV_OFFSET;

    public int length()
    {
        return length;
    }

    public byte byteAt(final int index)
    {
        return bytes[index];
    }

    public boolean isEmpty()
    {
        return length == 0;
    }

    public void clear()
    {
        length = 0;
        hash = EMPTY_HASH;
    }

    /** @return false (and leaves this id empty) when the text is too long or not printable ASCII. */
    public boolean set(final CharSequence text)
    {
        final int len = text.length();
        if (len > MAX_LENGTH)
        {
            clear();
            return false;
        }
        for (int i = 0; i < len; i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || c > '~')
            {
                clear();
                return false;
            }
            bytes[i] = (byte)c;
        }
        length = len;
        hash = hashOf(bytes, len);
        return true;
    }

    /** @return false (and leaves this id empty) when the bytes are too long or not printable ASCII. */
    public boolean set(final byte[] src, final int offset, final int len)
    {
        if (len > MAX_LENGTH)
        {
            clear();
            return false;
        }
        for (int i = 0; i < len; i++)
        {
            final byte b = src[offset + i];
            if (b <= ' ' || b > '~')
            {
                clear();
                return false;
            }
            bytes[i] = b;
        }
        length = len;
        hash = hashOf(bytes, len);
        return true;
    }

    /** @return false (and leaves this id empty) when the chars are too long or not printable ASCII. */
    public boolean set(final char[] src, final int len)
    {
        if (len > MAX_LENGTH || len > src.length)
        {
            clear();
            return false;
        }
        for (int i = 0; i < len; i++)
        {
            final char c = src[i];
            if (c <= ' ' || c > '~')
            {
                clear();
                return false;
            }
            bytes[i] = (byte)c;
        }
        length = len;
        hash = hashOf(bytes, len);
        return true;
    }

    /** Writes a non-negative number in decimal, the cheap path used by load generators and tests. */
    public void set(final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative id " + value);
        }
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10)
        {
            digits++;
        }
        long v = value;
        int i = digits;
        while (v >= 100)
        {
            final int pair = (int)(v % 100) * 2;
            v /= 100;
            bytes[--i] = DIGIT_PAIRS[pair + 1];
            bytes[--i] = DIGIT_PAIRS[pair];
        }
        if (v >= 10)
        {
            bytes[--i] = DIGIT_PAIRS[(int)v * 2 + 1];
            bytes[--i] = DIGIT_PAIRS[(int)v * 2];
        }
        else
        {
            bytes[--i] = (byte)('0' + v);
        }
        length = digits;
        hash = hashOf(bytes, digits);
    }

    public void copyFrom(final ClientOrderId other)
    {
        System.arraycopy(other.bytes, 0, bytes, 0, other.length);
        length = other.length;
        hash = other.hash;
    }

    /** Copies the id into {@code dst} at {@code offset}; returns the number of bytes written. */
    public int getBytes(final byte[] dst, final int offset)
    {
        System.arraycopy(bytes, 0, dst, offset, length);
        return length;
    }

    public boolean contentEquals(final ClientOrderId other)
    {
        if (other.length != length)
        {
            return false;
        }
        final byte[] a = bytes;
        final byte[] b = other.bytes;
        for (int i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    /** A hash that does not depend on object identity, so indexes behave the same on every run. */
    public int contentHash()
    {
        return hash;
    }

    private static int hashOf(final byte[] bytes, final int length)
    {
        int h = FNV_OFFSET;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ bytes[i]) * FNV_PRIME;
        }
        return h;
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
