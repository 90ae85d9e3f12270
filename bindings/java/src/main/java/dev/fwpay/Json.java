package dev.fwpay;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.util.Map;

/** JSON with Gson: objects as Map<String, Object>, integers as Long (amounts are integers). */
final class Json {
    private static final Gson GSON = new GsonBuilder()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    static String write(Object value) {
        return GSON.toJson(value);
    }

    static Object read(String text) {
        return GSON.fromJson(text, Object.class);
    }

    static Map<String, Object> object(String text) {
        return GSON.fromJson(text, new TypeToken<Map<String, Object>>() {}.getType());
    }

    private Json() {}
}
