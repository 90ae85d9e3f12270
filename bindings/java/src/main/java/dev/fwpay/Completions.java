package dev.fwpay;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Where started calls end (fwp_call_start): one completion queue for the JVM, and one daemon
 * platform thread, "fwpay-completions", that waits on it and completes each call's future.
 * The library sends the calls from each client's own I/O thread, so a thousand calls in
 * flight hold two threads in all, and a virtual thread waiting for one is unmounted, never
 * pinned (it waits on a CompletableFuture, not in a native call).
 */
final class Completions {
    /** A started call in flight: its future, how its answer is read, and what cancelling it needs. */
    private record Pending(CompletableFuture<Object> future, BiFunction<String, Map<String, Object>, ?> reading,
                           long call, Pointer err) {}

    private static final Pointer QUEUE = newQueue();
    private static final Map<Long, Pending> PENDING = new ConcurrentHashMap<>();
    private static final AtomicLong TAGS = new AtomicLong();

    static {
        Thread taker = new Thread(Completions::take, "fwpay-completions");
        taker.setDaemon(true);
        taker.start();
    }

    private Completions() {}

    /**
     * Starts operation (arguments as JSON text) on client; the future completes with what
     * reading makes of the answer's JSON text and what the error says after a success, or with
     * the FwpayException. Arguments the library refuses fail the future at once. Cancelling the
     * future (this one: a future derived from it does not pass its cancellation back) cancels
     * the call in the library (a money-moving request already sent then ends outcome-unknown).
     */
    static <T> CompletableFuture<T> start(Pointer client, String operation, byte[] arguments,
                                          BiFunction<String, Map<String, Object>, T> reading) {
        LongByReference call = new LongByReference();
        return started(client, reading, call,
                (tag, err) -> Native.Lib.fwp_call_start(client, operation, arguments, arguments.length, QUEUE, tag, call, err));
    }

    /** A list iterator's next item as JSON text ("null" at the end), its page fetched by the library. */
    static CompletableFuture<String> step(Pointer iterator) {
        return started(null, (text, detail) -> text, new LongByReference(),
                (tag, err) -> Native.Lib.fwp_iter_next_start(iterator, QUEUE, tag, err));
    }

    /** How a call or a step is started: its code, given its tag and an fwp_error. */
    private interface Starter {
        int start(long tag, Pointer err);
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> started(Pointer client, BiFunction<String, Map<String, Object>, T> reading,
                                                   LongByReference call, Starter starter) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        Pointer err = Native.Lib.fwp_error_new();
        if (err == null) return CompletableFuture.failedFuture(new OutOfMemoryError("fwp_error_new"));
        long tag = TAGS.incrementAndGet();
        PENDING.put(tag, new Pending(future, reading, 0, err));
        int code = starter.start(tag, err);
        if (code != 0) {
            PENDING.remove(tag);
            future.completeExceptionally(Native.failure(err));
            Native.Lib.fwp_error_free(err);
        } else {
            PENDING.computeIfPresent(tag, (key, pending) -> new Pending(future, reading, call.getValue(), err));
            future.whenComplete((answer, failure) -> {
                if (future.isCancelled() && client != null) {  // a step is not cancelled: its page comes and is dropped
                    Pending pending = PENDING.get(tag);
                    if (pending != null) Native.Lib.fwp_call_cancel(client, pending.call());
                }
            });
        }
        return (CompletableFuture<T>) future;
    }

    /** The future's value, waited for; its failure thrown as the blocking call would throw it. */
    static <T> T awaited(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            if (e.getCause() instanceof Error failure) throw failure;
            throw e;
        }
    }

    private static Pointer newQueue() {
        PointerByReference out = new PointerByReference();
        Native.check(err -> Native.Lib.fwp_queue_new(out, err));
        return out.getValue();
    }

    /** The taker thread: each completion settles its call's future. */
    private static void take() {
        LongByReference tag = new LongByReference();
        IntByReference code = new IntByReference();
        PointerByReference out = new PointerByReference();
        Pointer err = Native.Lib.fwp_error_new();
        while (true) {
            if (Native.Lib.fwp_queue_wait(QUEUE, -1) != 1) continue;
            while (Native.Lib.fwp_queue_take_text(QUEUE, tag, code, out, err) == 1) {
                Pending pending = PENDING.remove(tag.getValue());
                String answer = Native.take(out);
                if (pending == null) continue;
                try {
                    if (code.getValue() == 0) {
                        pending.future().complete(pending.reading().apply(answer, Native.answered(err)));
                    } else {
                        pending.future().completeExceptionally(Native.failure(err));
                    }
                } catch (RuntimeException e) {
                    pending.future().completeExceptionally(e);
                } finally {
                    Native.Lib.fwp_error_free(pending.err());
                }
            }
        }
    }
}
