# frozen_string_literal: true

# One payment through an order, from Ruby: recipient -> offer -> order -> charge.
# Reads FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
#   ruby -Ibindings/ruby/lib examples/ruby/order_flow.rb
require "fwpay"

client = Fwpay::Client.new(api_key: ENV.fetch("FWPAY_API_KEY"), base_url: ENV.fetch("FWPAY_BASE_URL", Fwpay::PRODUCTION_BASE_URL))
begin
  recipient = client.recipients.get("FWU")
  puts "recipient: #{recipient['name']} (#{recipient['currency']})"
  offer = client.offers.list(recipient: "FWU", amount: 120_000, country: "ES")["offers"].first
  order = client.orders.create({
    payer: { first_name: "Peter", last_name: "Payer", country: "ES", email: "peter@example.com" },
    recipient: { id: "FWU", fields: [{ id: "custom_field_1", value: "ID12345" }] },
    items: [{ id: "tuition", amount: 80_000 }, { id: "housing", amount: 40_000 }],
    offer: { id: offer["id"] }, external_reference: "ruby-example"
  })
  puts "order: #{order['id']}"
  # Your own order number as the key: a retry after OutcomeUnknownError cannot charge twice.
  payment = client.orders.charge(order["id"], idempotency_key: "order-#{order['id']}")
  puts "payment reference: #{payment['payment_reference']}"
rescue Fwpay::OutcomeUnknownError => e
  warn "the charge may have happened: retry with key #{e.idempotency_key}"
  exit 1
rescue Fwpay::Error => e
  warn "order_flow: #{e.message}"
  e.errors.each { |problem| warn "  #{problem['source']}: #{problem['message']}" }
  exit 1
end
