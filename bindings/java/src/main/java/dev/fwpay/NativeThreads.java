package dev.fwpay;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a virtual thread's native calls run. A native call pins a virtual thread to its
 * carrier for the whole HTTP exchange, so a few blocked calls would stop every other virtual
 * thread of the JVM (there are as many carriers as cores). A call made on a virtual thread
 * therefore runs on a platform thread of this pool while the virtual thread waits, unmounted.
 * Platform threads call directly. The pool keeps at most {@code dev.fwpay.nativeThreads}
 * threads (256 by default; more calls wait their turn) and lets idle ones go after 30 s.
 * (Until libfwpay's non-blocking core, a call in flight holds one platform thread.)
 */
final class NativeThreads {
    private static final MethodHandle IS_VIRTUAL = isVirtualMethod();
    private static final int LIMIT = Integer.getInteger("dev.fwpay.nativeThreads", 256);
    private static final ThreadPoolExecutor POOL = pool();

    private NativeThreads() {}

    /** Runs work here on a platform thread; from a virtual thread, on the pool. */
    static <T> T run(Callable<T> work) {
        if (!onVirtualThread()) return call(work);
        Future<T> result = POOL.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The native call cannot be stopped half-way (a payment may be in flight):
                    // wait for its answer, and keep the interrupt for the caller.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean onVirtualThread() {
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

    private static ThreadPoolExecutor pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(LIMIT, LIMIT, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "fwpay-native-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
