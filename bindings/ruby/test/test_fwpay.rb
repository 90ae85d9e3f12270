# frozen_string_literal: true

# The Ruby binding against a fresh fwpay-sandbox (tests/bindings/run.sh starts it and sets
# FWPAY_BASE_URL, FWPAY_API_KEY, FWPAY_SANDBOX_ROOT and FWPAY_LIBRARY).
require "minitest/autorun"
require "net/http"
require "json"
require_relative "../lib/fwpay"

class FwpayTest < Minitest::Test
  BASE = ENV.fetch("FWPAY_BASE_URL")
  KEY = ENV.fetch("FWPAY_API_KEY")
  ROOT = ENV.fetch("FWPAY_SANDBOX_ROOT")

  def client = @client ||= Fwpay::Client.new(api_key: KEY, base_url: BASE)

  def order_body(first_name = "Peter")
    offer = client.offers.list(recipient: "FWU", amount: 120_000, country: "ES")["offers"].first
    { payer: { first_name: first_name, last_name: "Payer", country: "ES", email: "peter@example.com" },
      recipient: { id: "FWU", fields: [{ id: "custom_field_1", value: "R-1" }] },
      items: [{ id: "tuition", amount: 120_000 }], offer: { id: offer["id"] } }
  end

  def test_log_lines_reach_the_callable
    lines = Queue.new
    logged = Fwpay::Client.new(api_key: KEY, base_url: BASE, log_level: "info", log: ->(level, line) { lines << "#{level} #{line}" })
    logged.recipients.get("FWU")
    assert_raises(Fwpay::NotFoundError) { logged.payments.get("FWU000000001") }
    logged.close
    seen = []
    seen << lines.pop until lines.empty?
    assert(seen.any? { |line| line.start_with?("info GET /recipients/FWU -> 200") }, seen.inspect)
    assert(seen.any? { |line| line.start_with?("warning GET /payments/FWU000000001 -> 404") }, seen.inspect)
    refute(seen.any? { |line| line.include?(KEY) })
    assert_raises(Fwpay::InvalidArgumentError) { Fwpay::Client.new(api_key: KEY, base_url: BASE, log_level: "loud", log: ->(*) {}) }
  end

  def test_events_reach_the_listener
    events = Queue.new
    client = Fwpay::Client.new(api_key: KEY, base_url: BASE, on_event: lambda { |event|
      events << event
      raise "a raising listener is dropped"
    })
    recipient = client.recipients.get("FWU")
    start, attempt, finish = Array.new(3) { events.pop(true) }
    assert events.empty?
    assert_equal %i[call_start attempt_end call_end], [start.type, attempt.type, finish.type]
    assert_equal "/recipients/{recipient_id}", start.url_template
    assert_equal ["GET", "127.0.0.1", URI(BASE).port], [start.method, start.server_address, start.server_port]
    assert start.call_id.positive? && start.call_id == finish.call_id
    assert_equal [1, 200, true], [attempt.attempt, attempt.http_status, attempt.new_connection]
    assert attempt.first_byte_ms.positive?
    assert_equal [1, 0, nil, recipient.response.request_id], [finish.attempt, finish.error, finish.error_type, finish.request_id]
    assert_raises(Fwpay::NotFoundError) { client.payments.get("FWU000000001") }
    failed = Array.new(3) { events.pop(true) }.last
    assert_equal [404, "not_found"], [failed.http_status, failed.error_type]
    client.sandbox.add_fault({ kind: "error", path: "/recipients", status: 503 })
    events.clear
    client.recipients.list.first
    seen = []
    seen << events.pop until events.empty?
    assert_equal [503, 200], seen.select { |event| event.type == :attempt_end }.map(&:http_status)
    assert_equal 2, seen.last.attempt
    refute(seen.any? { |event| event.to_a.join(" ").include?(KEY) })
    assert_raises(ArgumentError) { Fwpay::Client.new(api_key: KEY, base_url: BASE, on_event: "spans") }
  end

  def test_a_proxy_setting_sends_the_call_through_the_proxy
    proxied = Fwpay::Client.new(api_key: KEY, base_url: BASE, proxy: ENV.fetch("FWPAY_PROXY_URL"), no_proxy: "")
    assert_equal "FWU", proxied.recipients.get("FWU")["id"]
    assert_includes File.readlines(ENV.fetch("FWPAY_PROXY_SEEN"), chomp: true), "GET #{BASE}/recipients/FWU -"
  end

  def test_an_untrusted_certificate_is_a_tls_error_naming_the_fix
    tls = Fwpay::Client.new(api_key: KEY, base_url: ENV.fetch("FWPAY_TLS_BASE_URL"), max_retries: 3)
    error = assert_raises(Fwpay::TLSError) { tls.recipients.get("FWU") }
    assert_kind_of Fwpay::ConnectionError, error
    assert_match(/TLS with localhost.*ca_bundle.*FWPAY_CA_BUNDLE/m, error.message)
  end

  def test_the_api_key_never_shows
    refute_includes client.inspect, KEY
    refute_includes client.instance_variables.map { |name| client.instance_variable_get(name).inspect }.join, KEY
  end

  def test_a_client_cannot_be_copied_and_still_works
    original = Fwpay::Client.new(api_key: KEY, base_url: BASE)
    assert_raises(TypeError) { original.dup }
    assert_raises(TypeError) { original.clone }
    assert_equal "FWU", original.recipients.get("FWU")["id"]
    original.close
  end

  def test_closing_a_client_while_threads_use_it
    answers = closed = 0
    lock = Mutex.new
    20.times do
      shared = Fwpay::Client.new(api_key: KEY, base_url: BASE)
      threads = Array.new(6) do
        Thread.new do
          10.times do
            shared.recipients.get("FWU")
            lock.synchronize { answers += 1 }
          rescue Fwpay::InvalidArgumentError => e
            assert_includes e.message, "was freed"
            lock.synchronize { closed += 1 }
          end
        end
      end
      sleep(rand * 0.015)
      shared.close
      threads.each(&:join)
    end
    assert_equal 20 * 6 * 10, answers + closed
    assert_operator closed, :>, 0
  end

  def test_versions_match
    assert_equal Fwpay::VERSION.split(".")[0, 2], Fwpay::LIBRARY_VERSION.split(".")[0, 2]
  end

  def test_order_flow_with_an_idempotency_key
    order = client.orders.create(order_body)
    key = "ruby-order-#{order['id']}"
    payment = client.orders.charge(order["id"], idempotency_key: key)
    assert_match(/\AFWU\d{9}\z/, payment["payment_reference"])
    # The same key again is the same charge, not a second one.
    again = client.orders.charge(order["id"], idempotency_key: key)
    assert_equal payment["payment_reference"], again["payment_reference"]
    assert_equal "FWU", client.payments.get(payment["payment_reference"])["recipient_id"]
  end

  def test_preauthorization_is_held_then_captured
    session = client.sessions.create({
      type: "one_off", recipient_id: "FWU", schema: "cards",
      charge_intent: { capture: "manual", authorization: "preauth", mode: "one_off" },
      recipient: { fields: [{ id: "custom_field_1", value: "ROOM-7" }] },
      items: [{ id: "default", amount: 60_000 }]
    })
    form = { first_name: "Peter", last_name: "Payer", email: "peter@example.com", country: "US", card_holder: "Peter Payer",
             card_number: "4111 1111 1111 1111", card_expiration: "03/30", cvv: "737" }
    answer = Net::HTTP.post(URI(session["hosted_form"]["url"]), JSON.generate(form), "Content-Type" => "application/json")
    assert_equal "200", answer.code
    held = client.sessions.confirm(JSON.parse(answer.body)["confirm_url"]["url"])
    reference = held["payment_reference"]
    assert_equal "authorized", client.payments.get(reference)["status"]
    capture = client.payments.capture(reference, amount: 50_000, idempotency_key: "capture-#{reference}")
    assert_equal "received", capture["charge_result"]["status"]
    assert_equal 50_000, client.payments.get(reference)["amount_to"]
  end

  def test_refund_and_its_bundle
    order = client.orders.create(order_body("SANDBOX_TO_DELIVERED_STATUS"))
    reference = client.orders.charge(order["id"])["payment_reference"]
    refund = client.refunds.create(reference, { amount: 20_000 }, idempotency_key: "refund-#{reference}")
    assert_equal 20_000, refund["amount"]
    bundle = client.bundles.approve(refund["bundle_id"])
    assert_equal [refund["refund_id"]], bundle["refunds"].map { |each| each["refund_id"] }
    assert_equal [refund["refund_id"]], client.refunds.list(payment_id: reference).map { |each| each["refund_id"] }
  end

  def test_pages_are_walked_one_by_one
    3.times { client.orders.charge(client.orders.create(order_body)["id"]) }
    first = client.payments.page(per_page: 1)
    assert_operator first["total_entries"], :>=, 3
    seen = client.payments.list(per_page: 1).map { |payment| payment["payment_id"] }
    assert_equal first["total_entries"], seen.size
    assert_equal seen.uniq, seen
  end

  def test_error_classes
    error = assert_raises(Fwpay::NotFoundError) { client.payments.get("FWU000000001") }
    assert_equal 404, error.http_status
    assert_match(/\Areq_/, error.request_id)
    error = assert_raises(Fwpay::InvalidRequestError) { client.orders.create({ payer: { first_name: "P" } }) }
    refute_empty error.errors
    assert_raises(Fwpay::InvalidArgumentError) { client.payments.get("") }
    assert_raises(Fwpay::InvalidArgumentError) { client.call("payment_get", { payment_reference: "FWU1", typo: 1 }) }
    assert_raises(Fwpay::AuthenticationError) { Fwpay::Client.new(api_key: "wrong-key", base_url: BASE).recipients.get("FWU") }
    assert_raises(Fwpay::ConnectionError) do
      Fwpay::Client.new(api_key: KEY, base_url: "http://127.0.0.1:1/payments/v1", max_retries: 0).recipients.get("FWU")
    end
  end

  def test_outcome_unknown_carries_the_idempotency_key
    control = Fwpay::Client.new(api_key: KEY, base_url: ROOT)
    control.request("POST", "/sandbox/faults", { path: "/orders", method: "POST", kind: "drop_after", count: 1 })
    error = assert_raises(Fwpay::OutcomeUnknownError) do
      client.orders.create(order_body, idempotency_key: "ruby-unknown-1", max_retries: 0)
    end
    assert_equal "ruby-unknown-1", error.idempotency_key
    # The retry with the same key finds the order the dropped request made.
    assert client.orders.create(order_body, idempotency_key: "ruby-unknown-1")["id"]
  ensure
    control&.request("DELETE", "/sandbox/faults")
  end

  def test_notifications_are_verified_and_parsed
    body = '{"event_type":"guaranteed","event_resource":"payments","event_date":"2026-12-01T10:00:00Z",' \
           '"data":{"payment_id":"FWU123456789","status":"guaranteed","amount_from":"120000","currency_from":"EUR"}}'
    digest = Fwpay::Notifications.sign(body, "secret")
    assert Fwpay::Notifications.verify(body, digest, "secret")
    refute Fwpay::Notifications.valid?("#{body} ", digest, "secret")
    assert_raises(Fwpay::SignatureError) { Fwpay::Notifications.verify(body, digest, "other") }
    parsed = Fwpay::Notifications.parse(body)
    assert_equal %w[FWU123456789 guaranteed 120000], [parsed["payment_id"], parsed["status"], parsed["amount_from"].to_s]
  end

  def test_threads_share_one_client
    shared = Fwpay::Client.new(api_key: KEY, base_url: BASE)
    names = Array.new(8) { Thread.new { Array.new(5) { shared.recipients.get("FWU")["name"] } } }.flat_map(&:value)
    assert_equal ["Flywire University"] * 40, names
  end
end
