# frozen_string_literal: true

require "json"
require "monitor"

module Fwpay
  # A client of the Payments API. Thread-safe: share one between threads (calls release the
  # GVL while they wait on the network). Results are Hashes as the server sent them.
  #
  #   client = Fwpay::Client.new(api_key: ENV["FWPAY_API_KEY"], base_url: Fwpay::SANDBOX_BASE_URL)
  #   payment = client.orders.charge(order_id, idempotency_key: "order-#{order_id}")
  class Client
    attr_reader :recipients, :offers, :orders, :sessions, :payments, :refunds, :bundles

    # timeout and connect_timeout in seconds; ca_bundle: a PEM file TLS trusts instead of
    # the system's ($FWPAY_CA_BUNDLE otherwise); server_deduplicates: the server deduplicates
    # POSTs by Idempotency-Key (fwpay-sandbox does; Flywire documents no idempotency), so an
    # unanswered POST is retried with the same key.
    def initialize(api_key:, base_url: PRODUCTION_BASE_URL, timeout: 80, connect_timeout: 30, max_retries: 2,
                   allow_insecure_http: false, ca_bundle: nil, server_deduplicates: false)
      settings = { api_key: api_key, base_url: base_url, timeout_ms: milliseconds(timeout, "timeout"),
                   connect_timeout_ms: milliseconds(connect_timeout, "connect_timeout"), max_retries: max_retries,
                   allow_insecure_http: allow_insecure_http, ca_bundle: ca_bundle,
                   server_deduplicates: server_deduplicates }.compact
      text = JSON.generate(settings)
      out = FFI::MemoryPointer.new(:pointer)
      NativeError.use do |err|
        NativeError.check(Native.fwp_client_new_json(text, text.bytesize, out, err), err)
      end
      @handle = FFI::AutoPointer.new(out.read_pointer, Native.method(:fwp_client_free))
      # Calls share the handle; close waits for them (security-findings-3.md N1).
      @state = Monitor.new
      @idle = @state.new_cond
      @calls = 0
      @recipients = Recipients.new(self)
      @offers = Offers.new(self)
      @orders = Orders.new(self)
      @sessions = Sessions.new(self)
      @payments = Payments.new(self)
      @refunds = Refunds.new(self)
      @bundles = Bundles.new(self)
    end

    # Any other call: method ("GET", "POST", "PATCH", "DELETE") to path below the base URL.
    def request(method, path, body = nil, **options)
      call("request", { method: method, path: path, body: body }, **options)
    end

    # Releases the client's connections now (otherwise the garbage collector does).
    # Waits for the calls other threads have in flight; later calls raise InvalidArgumentError.
    def close
      @state.synchronize do
        handle = @handle
        @handle = nil
        @idle.wait_until { @calls.zero? }
        handle&.free
      end
    end

    def inspect
      "#<Fwpay::Client>" # never the key
    end

    # A client cannot be copied (dup, clone): the copy would hold the same native client,
    # which closing either would free under the other (security-findings-3.md N2). Share the
    # one client: it is thread-safe.
    def initialize_copy(_original)
      @handle = nil
      raise TypeError, "a Fwpay::Client cannot be copied: share the one client (it is thread-safe)"
    end

    # One operation of fwp_call. options: idempotency_key:, timeout: (seconds), max_retries:.
    def call(operation, arguments = {}, idempotency_key: nil, timeout: nil, max_retries: nil)
      arguments = arguments.merge(idempotency_key: idempotency_key, max_retries: max_retries,
                                  timeout_ms: timeout && milliseconds(timeout, "timeout")).compact
      text = JSON.generate(arguments)
      out = FFI::MemoryPointer.new(:pointer)
      handle = enter
      begin
        NativeError.use do |err|
          NativeError.check(Native.fwp_call(handle, operation, text, text.bytesize, out, err), err)
        end
      ensure
        leave
      end
      JSON.parse(Native.take_text(out))
    end

    # Every item of a list, page after page (an Enumerator; pages are fetched as you go).
    def each_item(operation, collection, arguments, per_page: 100, **options)
      Enumerator.new do |items|
        page = 1
        loop do
          answer = call(operation, arguments.merge(page: page, per_page: per_page), **options)
          (answer[collection] || []).each { |item| items << item }
          break if page >= answer.fetch("total_pages", page) || answer[collection].to_a.empty?

          page += 1
        end
      end
    end

    private

    def enter
      @state.synchronize do
        raise InvalidArgumentError.new("message" => "the client is closed", "kind" => "invalid_argument") unless @handle

        @calls += 1
        @handle
      end
    end

    def leave
      @state.synchronize do
        @calls -= 1
        @idle.broadcast
      end
    end

    def milliseconds(seconds, name)
      raise InvalidArgumentError.new("message" => "#{name} must be a number of seconds", "kind" => "invalid_argument") unless seconds.is_a?(Numeric)

      (seconds * 1000).round
    end
  end

  # The parts every resource shares.
  class Resource
    def initialize(client)
      @client = client
    end

    private

    def call(operation, arguments = {}, **options) = @client.call(operation, arguments, **options)
  end

  class Recipients < Resource
    def list(per_page: 100, **options) = @client.each_item("recipient_list", "recipients", {}, per_page: per_page, **options)
    def page(page: nil, per_page: nil, **options) = call("recipient_list", { page: page, per_page: per_page }.compact, **options)
    def get(id, **options) = call("recipient_get", { recipient_id: id }, **options)
    def search(name, **options) = call("recipient_search", { name: name }, **options)
  end

  class Offers < Resource
    def list(recipient:, amount:, country:, **options)
      call("offer_list", { recipient_id: recipient, amount: amount, country: country }, **options)
    end
  end

  class Orders < Resource
    def create(body, **options) = call("order_create", { body: body }, **options)
    def update(id, body, **options) = call("order_update", { order_id: id, body: body }, **options)
    def charge(id, body = nil, **options) = call("order_charge", { order_id: id, body: body }.compact, **options)
    def get(id, **options) = call("order_get", { order_id: id }, **options)
    def check(id, portal:, **options) = call("order_check", { order_id: id, portal_id: portal }, **options)
    def list(per_page: 100, **filters_and_options) = Lists.each(@client, "order_list", "orders", per_page, filters_and_options)
    def page(page: nil, per_page: nil, **filters_and_options) = Lists.page(@client, "order_list", page, per_page, filters_and_options)
  end

  class Sessions < Resource
    def create(body, **options) = call("session_create", { body: body }, **options)
    # session: the session id, or the confirm URL the payer's form handed your page.
    def confirm(session, **options) = call("session_confirm", { session: session }, **options)
  end

  class Payments < Resource
    def get(reference, **options) = call("payment_get", { payment_reference: reference }, **options)
    def receipt(reference, **options) = call("payment_receipt", { payment_reference: reference }, **options)
    def process(reference, **options) = call("payment_process", { payment_reference: reference }, **options)
    def cancel(reference, **options) = call("payment_cancel", { payment_reference: reference }, **options)
    def capture(reference, amount:, **options) = call("payment_capture", { payment_reference: reference, amount: amount }, **options)
    def adjust(reference, amount:, **options) = call("payment_adjust", { payment_reference: reference, amount: amount }, **options)
    def charge(body, **options) = call("payment_charge", { body: body }, **options)
    def list(per_page: 100, **filters_and_options) = Lists.each(@client, "payment_list", "payments", per_page, filters_and_options)
    def page(page: nil, per_page: nil, **filters_and_options) = Lists.page(@client, "payment_list", page, per_page, filters_and_options)
  end

  class Refunds < Resource
    def create(payment_reference, body, **options) = call("refund_create", { payment_reference: payment_reference, body: body }, **options)
    def get(id, **options) = call("refund_get", { refund_id: id }, **options)
    def cancel(id, **options) = call("refund_cancel", { refund_id: id }, **options)
    def list(per_page: 100, **filters_and_options) = Lists.each(@client, "refund_list", "refunds", per_page, filters_and_options)
    def page(page: nil, per_page: nil, **filters_and_options) = Lists.page(@client, "refund_list", page, per_page, filters_and_options)
  end

  class Bundles < Resource
    def list(per_page: 100, **options) = @client.each_item("bundle_list", "refund_bundles", {}, per_page: per_page, **options)
    def page(page: nil, per_page: nil, **options) = call("bundle_list", { page: page, per_page: per_page }.compact, **options)
    def get(id, **options) = call("bundle_get", { bundle_id: id }, **options)
    def approve(id, **options) = call("bundle_approve", { bundle_id: id }, **options)
  end

  # Lists with filters: the keyword arguments that are not call options are filters.
  module Lists
    CALL_OPTIONS = %i[idempotency_key timeout max_retries].freeze

    def self.split(given)
      [given.reject { |key, _| CALL_OPTIONS.include?(key) }, given.slice(*CALL_OPTIONS)]
    end

    def self.each(client, operation, collection, per_page, given)
      filters, options = split(given)
      client.each_item(operation, collection, { filters: filters }, per_page: per_page, **options)
    end

    def self.page(client, operation, page, per_page, given)
      filters, options = split(given)
      client.call(operation, { filters: filters, page: page, per_page: per_page }.compact, **options)
    end
  end
end
