import dev.fwpay.Client;
import dev.fwpay.Result;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One fan-out of the benchmark's section 10 from Java: N GETs at once through one client, each
 * held HOLD ms by the stand-in server, while a 5 ms timer measures how late a scheduled task
 * runs. Prints one JSON object: wall seconds, threads added (the JVM's own start some as it goes:
 * JNA's cleaner, the process reaper), the threads named fwpay-..., peak RSS, the timer's p99
 * lateness.
 *
 *     java JavaClients fwpay|httpclient BASE_URL N
 */
public class JavaClients {
    static int threads() {
        String[] tasks = new File("/proc/self/task").list();
        return tasks == null ? -1 : tasks.length;
    }

    /** Threads of the library and of the binding (named fwpay-...). */
    static int fwpayThreads() throws Exception {
        int count = 0;
        for (String task : new File("/proc/self/task").list()) {
            try {
                if (java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + task + "/comm")).startsWith("fwpay")) count++;
            } catch (java.io.IOException ended) {
                // the thread ended meanwhile
            }
        }
        return count;
    }

    static double peakRssMb() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        String which = args[0], base = args[1];
        int n = Integer.parseInt(args[2]);
        // The timer's own thread exists before the client: threads added are the client's.
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
        int before = threads();
        Supplier<CompletableFuture<String>> one;
        if (which.equals("fwpay")) {
            Client client = Client.builder("standin").baseUrl(base).maxRetries(0).build();
            one = () -> client.recipients.getAsync("FWU").thenApply(answer -> (String) answer.get("id"));
        } else {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/recipients/FWU"))
                    .header("X-Authentication-Key", "standin").build();
            one = () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(answer -> answer.body().contains("\"FWU\"") ? "FWU" : answer.body());
        }
        one.get().get();  // a warm client
        List<Double> lags = new ArrayList<>();
        int[] peak = {threads()};
        long[] planned = {System.nanoTime() + 5_000_000};
        var ticking = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            synchronized (lags) { lags.add(Math.max(0, now - planned[0]) / 1e6); }
            planned[0] = now + 5_000_000;
            peak[0] = Math.max(peak[0], threads());
        }, 5, 5, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        List<CompletableFuture<String>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) calls.add(one.get());
        int ok = 0;
        for (CompletableFuture<String> call : calls) if ("FWU".equals(call.get())) ok++;
        double wall = (System.nanoTime() - started) / 1e9;
        ticking.cancel(false);
        timer.shutdown();
        List<Double> sorted;
        synchronized (lags) { sorted = new ArrayList<>(lags); }
        sorted.sort(null);
        double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf("{\"client\": \"%s\", \"n\": %d, \"wall_s\": %.4f, \"ok\": %d, \"threads_added\": %d, \"fwpay_threads\": %d, \"peak_rss_mb\": %.1f, \"loop_lag_p99_ms\": %.3f}%n",
                which, n, wall, ok, Math.max(0, peak[0] - before), fwpayThreads(), peakRssMb(), p99);
        System.exit(0);
    }
}
