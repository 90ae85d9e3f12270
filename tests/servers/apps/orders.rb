# frozen_string_literal: true

# What the Ruby server apps of these tests do per request: create an order whose external
# reference is the request's own, with a client made (and used) before the server forked.
require "fwpay"
require "json"

module ServerOrders
  def self.shared_client
    client = Fwpay::Client.new(api_key: ENV.fetch("FWPAY_API_KEY"), base_url: ENV.fetch("FWPAY_BASE_URL"))
    client.recipients.get("FWU") # a kept-alive connection in the pool when the server forks
    client
  end

  def self.create_order(client, reference)
    offer = client.offers.list(recipient: "FWU", amount: 120_000, country: "ES")["offers"][0]
    order = client.orders.create({
      "payer" => { "first_name" => "Peter", "country" => "ES" },
      "recipient" => { "id" => "FWU", "fields" => [{ "id" => "custom_field_1", "value" => "ID1" }] },
      "items" => [{ "id" => "tuition", "amount" => 120_000 }], "offer" => { "id" => offer["id"] },
      "external_reference" => reference
    })
    { "id" => order["id"], "external_reference" => order["external_reference"], "pid" => Process.pid }
  end

  def self.check(client, reference)
    order = create_order(client, reference)
    order.merge("reference" => reference)
  rescue StandardError => e # another process's answer can fail in any way: each is counted
    { "reference" => reference, "failed" => e.message }
  end
end
