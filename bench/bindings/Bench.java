import dev.fwpay.Client;
import java.util.ArrayList;
import java.util.List;

/** GET /payments/{ref} through the Java binding; prints the latencies in microseconds as JSON.
 *  java -cp JARS bench/bindings/Bench.java BASE_URL API_KEY REF ITERATIONS */
public final class Bench {
    public static void main(String[] arguments) {
        try (Client client = Client.builder(arguments[1]).baseUrl(arguments[0]).build()) {
            int iterations = Integer.parseInt(arguments[3]);
            for (int i = 0; i < 1000; i++) client.payments.get(arguments[2]); // JIT warm-up, untimed
            List<String> latencies = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                long started = System.nanoTime();
                client.payments.get(arguments[2]);
                latencies.add(String.valueOf((System.nanoTime() - started) / 1000.0));
            }
            System.out.println("{\"language\":\"java\",\"version\":\"" + System.getProperty("java.version")
                    + "\",\"latencies\":[" + String.join(",", latencies) + "]}");
        }
    }
}
