// Conformance runner: the calls of steps.json through the Java face (see ../test_conformance.py).
// Each method is found by reflection, by name, with the description's arguments and CallOptions last.
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.fwpay.CallOptions;
import dev.fwpay.Client;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class JavaRunner {
    static final Gson GSON = new Gson();
    static Map<String, Object> saved;

    @SuppressWarnings("unchecked")
    static Object resolve(Object value) {
        if (value instanceof String text && text.startsWith("$")) return saved.get(text.substring(1));
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (value instanceof List<?> list) return list.stream().map(JavaRunner::resolve).toList();
        // Gson reads every number as a double; a Java caller writes whole numbers as integers.
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) return number.longValue();
        return value;
    }

    static Object pick(Object answer, String dotted) {
        for (String part : dotted.split("\\.")) {
            answer = answer instanceof List<?> list ? list.get(Integer.parseInt(part)) : ((Map<?, ?>) answer).get(part);
        }
        return answer;
    }

    static CallOptions options(Map<String, Object> given) {
        CallOptions options = CallOptions.DEFAULT;
        if (given.containsKey("idempotency_key")) options = options.withIdempotencyKey((String) given.get("idempotency_key"));
        if (given.containsKey("timeout")) options = options.withTimeout(Duration.ofSeconds(((Number) given.get("timeout")).longValue()));
        if (given.containsKey("max_retries")) options = options.withMaxRetries(((Number) given.get("max_retries")).intValue());
        return options;
    }

    static Method find(Object resource, String name, int count) {
        for (Method method : resource.getClass().getMethods()) {
            Class<?>[] types = method.getParameterTypes();
            if (method.getName().equals(name) && types.length == count && types[count - 1] == CallOptions.class) return method;
        }
        throw new IllegalStateException("client." + resource.getClass().getSimpleName().toLowerCase() + "." + name + " with "
                                        + count + " arguments (CallOptions last) does not exist");
    }

    static Object convert(Object value, Class<?> type) {
        if (type == long.class) return ((Number) value).longValue();
        if (type == int.class) return ((Number) value).intValue();
        return value;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, Object> plan = GSON.fromJson(Files.readString(Path.of(args[0])), new TypeToken<Map<String, Object>>() {}.getType());
        saved = new LinkedHashMap<>((Map<String, Object>) plan.get("prepared"));
        try (Client client = Client.builder(System.getenv("FWPAY_API_KEY")).baseUrl(System.getenv("FWPAY_BASE_URL")).build()) {
            for (Map<String, Object> step : (List<Map<String, Object>>) plan.get("steps")) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("operation", step.get("operation"));
                report.put("method", step.get("method"));
                try {
                    Object resource = Client.class.getField((String) step.get("resource")).get(client);
                    CallOptions options = options((Map<String, Object>) step.get("options"));
                    Map<String, Object> filters = (Map<String, Object>) resolve(step.getOrDefault("filters", Map.of()));
                    List<Object> given = new ArrayList<>();
                    String form = (String) step.get("form");
                    String name = (String) step.get("call".equals(step.get("form")) ? "camel" : "method");
                    boolean filtered = false;
                    for (Method m : resource.getClass().getMethods()) {
                        if (m.getName().equals("page") && m.getParameterTypes().length > 0 && m.getParameterTypes()[0] == Map.class) filtered = true;
                    }
                    if (form.equals("list") || form.equals("page")) {
                        if (filtered) given.add(filters);
                        if (form.equals("page")) { given.add(1); given.add(2); }
                    } else {
                        for (Map<String, Object> argument : (List<Map<String, Object>>) step.get("arguments")) given.add(resolve(argument.get("value")));
                    }
                    given.add(options);
                    Method method = find(resource, name, given.size());
                    Object[] values = new Object[given.size()];
                    for (int i = 0; i < values.length; i++) values[i] = convert(given.get(i), method.getParameterTypes()[i]);
                    Object answer;
                    try {
                        answer = method.invoke(resource, values);
                    } catch (InvocationTargetException e) {
                        throw (Exception) e.getCause();
                    }
                    if (answer instanceof Iterable<?> items) {
                        List<Object> all = new ArrayList<>();
                        items.forEach(all::add);
                        answer = all;
                    }
                    for (Map.Entry<String, Object> save : ((Map<String, Object>) step.get("save")).entrySet()) {
                        saved.put(save.getKey(), pick(answer, (String) save.getValue()));
                    }
                    report.put("ok", true);
                    report.put("request_id", answer instanceof dev.fwpay.Result result ? result.response().requestId() : null);
                } catch (Exception e) {
                    report.put("ok", false);
                    report.put("class", e.getClass().getSimpleName());
                    report.put("error", e.getMessage());
                }
                System.out.println(GSON.toJson(report));
            }
        }
    }
}
