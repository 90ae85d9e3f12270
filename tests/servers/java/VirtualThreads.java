import dev.fwpay.Client;
import dev.fwpay.FwpayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java binding on Java 21+'s threads (tests/servers/test_java.py).
 *   timing CALLS: CALLS recipients.get from platform threads, then from virtual threads;
 *                 prints {"platform_ms": n, "virtual_ms": n}
 *   close ROUNDS: each round, 6 threads call while the client is closed under them (N1);
 *                 prints {"answers": n, "closed": n}; a crash ends the JVM instead.
 */
public class VirtualThreads {
    public static void main(String[] args) throws Exception {
        String base = System.getenv("FWPAY_BASE_URL");
        int count = Integer.parseInt(args[1]);
        if (args[0].equals("timing")) {
            try (Client client = Client.builder("sandbox-demo-key").baseUrl(base).build()) {
                client.recipients.get("FWU"); // loads the library and warms the JIT
                long platform = elapsed(client, Executors.newCachedThreadPool(), count);
                // Java 21's API, found at run time: the program compiles with any JDK 17+ javac.
                ExecutorService virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                long virtual = elapsed(client, virtualThreads, count);
                System.out.println("{\"platform_ms\": " + platform + ", \"virtual_ms\": " + virtual + "}");
            }
        } else {
            closeWhileInUse(base, count);
        }
    }

    static long elapsed(Client client, ExecutorService threads, int count) throws Exception {
        long start = System.nanoTime();
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) calls.add(threads.submit(() -> client.recipients.get("FWU").get("id")));
        for (Future<Object> call : calls) {
            if (!"FWU".equals(call.get())) throw new AssertionError("a call answered another recipient");
        }
        threads.shutdown();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void closeWhileInUse(String base, int rounds) throws Exception {
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Random random = new Random(7);
        for (int round = 0; round < rounds; round++) {
            Client client = Client.builder("sandbox-demo-key").baseUrl(base).build();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 30; i++) {
                        try {
                            client.recipients.get("FWU");
                            answers.incrementAndGet();
                        } catch (FwpayException e) {
                            if (!e.getMessage().contains("was freed")) throw e;
                            closed.incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(random.nextInt(15));
            client.close();
            for (Thread thread : threads) thread.join();
        }
        System.out.println("{\"answers\": " + answers + ", \"closed\": " + closed + "}");
    }
}
