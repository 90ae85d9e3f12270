package dev.fwpay;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the calling thread is virtual (Java 21+). A native call would pin a virtual thread
 * to its carrier for the whole HTTP exchange, and a few such calls would stop every other
 * virtual thread of the JVM (there are as many carriers as cores). A blocking call made on a
 * virtual thread is therefore started in the library and awaited on a CompletableFuture
 * (Completions), unmounted; platform threads call the library directly.
 */
final class VirtualThreads {
    private static final MethodHandle IS_VIRTUAL = isVirtualMethod();

    private VirtualThreads() {}

    static boolean current() {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            return false;
        }
    }

    /** Thread.isVirtual (Java 21); null on older Java, which has no virtual threads. */
    private static MethodHandle isVirtualMethod() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
