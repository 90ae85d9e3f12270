import dev.fwpay.CallOptions;
import dev.fwpay.Client;
import dev.fwpay.FwpayException;
import java.util.List;
import java.util.Map;

/**
 * One payment through an order, from Java: recipient -> offer -> order -> charge. Reads
 * FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
 *   java -cp build/java/fwpay-VERSION.jar:/usr/share/java/jna.jar:/usr/share/java/gson.jar examples/java/OrderFlow.java
 */
public final class OrderFlow {
    @SuppressWarnings("unchecked")
    public static void main(String[] arguments) {
        String baseUrl = System.getenv().getOrDefault("FWPAY_BASE_URL", Client.PRODUCTION_BASE_URL);
        try (Client client = Client.builder(System.getenv("FWPAY_API_KEY")).baseUrl(baseUrl).build()) {
            Map<String, Object> recipient = client.recipients.get("FWU");
            System.out.println("recipient: " + recipient.get("name") + " (" + recipient.get("currency") + ")");
            Map<String, Object> offer = ((List<Map<String, Object>>) client.offers.list("FWU", 120000, "ES").get("offers")).get(0);
            Map<String, Object> order = client.orders.create(Map.of(
                    "payer", Map.of("first_name", "Peter", "last_name", "Payer", "country", "ES", "email", "peter@example.com"),
                    "recipient", Map.of("id", "FWU", "fields", List.of(Map.of("id", "custom_field_1", "value", "ID12345"))),
                    "items", List.of(Map.of("id", "tuition", "amount", 80000), Map.of("id", "housing", "amount", 40000)),
                    "offer", Map.of("id", offer.get("id")), "external_reference", "java-example"));
            System.out.println("order: " + order.get("id"));
            // Your own order number as the key: a retry after OutcomeUnknown cannot charge twice.
            Map<String, Object> payment = client.orders.charge((String) order.get("id"), CallOptions.idempotencyKey("order-" + order.get("id")));
            System.out.println("payment reference: " + payment.get("payment_reference"));
        } catch (FwpayException.OutcomeUnknown unknown) {
            System.err.println("the charge may have happened: retry with key " + unknown.idempotencyKey());
            System.exit(1);
        } catch (FwpayException error) {
            System.err.println("order_flow: " + error.getMessage());
            for (Map<String, Object> problem : error.errors()) System.err.println("  " + problem.get("source") + ": " + problem.get("message"));
            System.exit(1);
        }
    }
}
