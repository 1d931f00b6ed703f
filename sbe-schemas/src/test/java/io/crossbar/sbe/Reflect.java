package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Reflection over generated codecs, failing the test with a readable message. */
final class Reflect
{
    private Reflect()
    {
    }

    /** The public method, or null when the class has none of that name and parameters. */
    static Method find(final Class<?> type, final String name, final Class<?>... parameterTypes)
    {
        try
        {
            return type.getMethod(name, parameterTypes);
        }
        catch (final NoSuchMethodException ex)
        {
            return null;
        }
    }

    /** Calls the no-argument method {@code name} on {@code target}. */
    static Object call(final Object target, final String name)
    {
        final Method method = find(target.getClass(), name);
        assertNotNull(method, target.getClass().getSimpleName() + " has no method " + name + "()");
        return invoke(method, target);
    }

    /** Calls the method {@code name(int)} on {@code target}. */
    static Object call(final Object target, final String name, final int argument)
    {
        final Method method = find(target.getClass(), name, int.class);
        assertNotNull(method, target.getClass().getSimpleName() + " has no method " + name + "(int)");
        return invoke(method, target, argument);
    }

    /** Calls the static no-argument method {@code name} of {@code type}, which returns an int. */
    static int staticInt(final Class<?> type, final String name)
    {
        final Method method = find(type, name);
        assertNotNull(method, type.getSimpleName() + " has no method " + name + "()");
        return (int)invoke(method, null);
    }

    /** Reads the static int field {@code name} of {@code type}. */
    static int constant(final Class<?> type, final String name)
    {
        try
        {
            return type.getField(name).getInt(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(type.getSimpleName() + " has no constant " + name, ex);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T newInstance(final Class<?> type)
    {
        try
        {
            return (T)type.getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError("cannot instantiate " + type, ex);
        }
    }

    private static Object invoke(final Method method, final Object target, final Object... args)
    {
        try
        {
            return method.invoke(target, args);
        }
        catch (final IllegalAccessException ex)
        {
            throw new AssertionError(ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw new AssertionError(method + " threw", ex.getCause());
        }
    }
}
