package io.bourse.exchange.journal;

import io.bourse.exchange.engine.EngineListener;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwitchingEngineListenerTest
{
    /** A callback added to EngineListener but not forwarded here would be lost without a trace during recovery. */
    @Test
    void forwardsEveryCallbackToTheCurrentTarget() throws IllegalAccessException, InvocationTargetException
    {
        final List<String> first = new ArrayList<>();
        final List<String> second = new ArrayList<>();
        final SwitchingEngineListener switching = new SwitchingEngineListener(recorder(first));
        final Method[] callbacks = EngineListener.class.getMethods();
        final List<String> names = Arrays.stream(callbacks).map(Method::getName).sorted().toList();

        invokeAll(switching, callbacks);
        switching.switchTo(recorder(second));
        invokeAll(switching, callbacks);

        assertEquals(names, first.stream().sorted().toList());
        assertEquals(names, second.stream().sorted().toList());
    }

    private static void invokeAll(final EngineListener listener, final Method[] callbacks)
        throws IllegalAccessException, InvocationTargetException
    {
        for (final Method callback : callbacks)
        {
            final Object[] args = new Object[callback.getParameterCount()];
            final Class<?>[] types = callback.getParameterTypes();
            for (int i = 0; i < args.length; i++)
            {
                args[i] = defaultValue(types[i]);
            }
            callback.invoke(listener, args);
        }
    }

    private static Object defaultValue(final Class<?> type)
    {
        if (type == long.class)
        {
            return 0L;
        }
        if (type == int.class)
        {
            return 0;
        }
        if (type == boolean.class)
        {
            return false;
        }
        return null;
    }

    private static EngineListener recorder(final List<String> calls)
    {
        return (EngineListener)Proxy.newProxyInstance(
            EngineListener.class.getClassLoader(),
            new Class<?>[]{EngineListener.class},
            (proxy, method, args) ->
            {
                calls.add(method.getName());
                return null;
            });
    }
}
