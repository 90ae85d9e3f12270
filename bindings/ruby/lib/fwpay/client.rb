# frozen_string_literal: true

require "json"

module Fwpay
  # A client of the Payments API. Thread-safe: share one between threads (calls release the
  # GVL while they wait on the network). Results are Hashes as the server sent them.
  #
  #   client = Fwpay::Client.new(api_key: ENV["FWPAY_API_KEY"], base_url: Fwpay::SANDBOX_BASE_URL)
  #   payment = client.orders.charge(order_id, idempotency_key: "order-#{order_id}")
  class Client
    attr_reader :recipients, :offers, :orders, :sessions, :payments, :refunds, :bundles, :sandbox

    # timeout and connect_timeout in seconds; ca_bundle: a PEM file TLS trusts instead of
    # the system's ($FWPAY_CA_BUNDLE otherwise); server_deduplicates: the server deduplicates
    # POSTs by Idempotency-Key (fwpay-sandbox does; Flywire documents no idempotency), so an
    # unanswered POST is retried with the same key.
    # What is not given (nil) keeps the library's default: defaults live there only.
    #
    # log: a callable taking (level, line) that receives the library's log lines of log_level
    # ("error", "warning" (the default), "info" or "debug") and above instead of $FWPAY_LOG's
    # stderr, from the thread making the request; lines never hold the API key.
    #
    # proxy: the proxy of every request ("" for none; unset: $HTTPS_PROXY and $NO_PROXY decide),
    # except to the hosts of no_proxy.
    #
    # on_event: a callable receiving each call's telemetry events (Fwpay::CallEvent), on the
    # thread running the call; an exception it raises is dropped.
    LOG_LEVELS = %w[error warning info debug].freeze
    # Log and event callbacks stay reachable: the library may call one as long as an iterator
    # of its client lives, past the Client object.
    CALLBACKS = []
    CALLBACKS_LOCK = Mutex.new
    private_constant :CALLBACKS, :CALLBACKS_LOCK

    def initialize(api_key:, base_url: nil, timeout: nil, connect_timeout: nil, max_retries: nil,
                   allow_insecure_http: nil, ca_bundle: nil, server_deduplicates: nil, log: nil, log_level: nil,
                   proxy: nil, no_proxy: nil, client_cert: nil, client_key: nil, on_event: nil,
                   max_requests_per_minute: nil)
      settings = { api_key: api_key, base_url: base_url, timeout_ms: timeout && milliseconds(timeout, "timeout"),
                   connect_timeout_ms: connect_timeout && milliseconds(connect_timeout, "connect_timeout"), max_retries: max_retries,
                   allow_insecure_http: allow_insecure_http, ca_bundle: ca_bundle,
                   server_deduplicates: server_deduplicates, user_agent: "ruby/#{RUBY_VERSION}", log_level: log_level,
                   proxy: proxy, no_proxy: no_proxy, client_cert: client_cert, client_key: client_key,
                   max_requests_per_minute: max_requests_per_minute }.compact
      text = JSON.generate(settings)
      out = FFI::MemoryPointer.new(:pointer)
      hooks = hooks_for(log, on_event)
      NativeError.use do |err|
        code = if hooks
                 Native.fwp_client_new_json_hooked(text, text.bytesize, hooks, out, err)
               else
                 Native.fwp_client_new_json(text, text.bytesize, out, err)
               end
        NativeError.check(code, err)
      end
      # The library's handle: a number it looks up on every call, so that a call after close,
      # or one in flight when close frees it, gets an error or its answer, never a crash
      # (security-findings-3.md N1), as in every binding. The AutoPointer frees it when the
      # client is collected, unless close did.
      @handle = out.read_pointer
      @owner = FFI::AutoPointer.new(@handle, Native.method(:fwp_client_free))
      @recipients = Recipients.new(self)
      @offers = Offers.new(self)
      @orders = Orders.new(self)
      @sessions = Sessions.new(self)
      @payments = Payments.new(self)
      @refunds = Refunds.new(self)
      @bundles = Bundles.new(self)
      @sandbox = Sandbox.new(self) # fwpay-sandbox's control API (sandbox-only)
    end

    # Any other call: method ("GET", "POST", "PATCH", "DELETE") to path below the base URL.
    def request(method, path, body = nil, **options)
      call("request", { method: method, path: path, body: body }, **options)
    end

    # Releases the client's connections now (otherwise the garbage collector does). Calls other
    # threads have in flight still finish; later calls raise InvalidArgumentError. Closing twice
    # is harmless.
    def close
      @owner.autorelease = false
      Native.fwp_client_free(@handle)
    end

    def inspect
      "#<Fwpay::Client>" # never the key
    end

    # A client cannot be copied (dup, clone): the copy would hold the same native client,
    # which closing either would free under the other (security-findings-3.md N2). Share the
    # one client: it is thread-safe.
    def initialize_copy(_original)
      @handle = @owner = nil
      raise TypeError, "a Fwpay::Client cannot be copied: share the one client (it is thread-safe)"
    end

    # One operation of fwp_call. options: idempotency_key:, timeout: (seconds), max_retries:.
    def call(operation, arguments = {}, idempotency_key: nil, timeout: nil, max_retries: nil)
      arguments = arguments.merge(idempotency_key: idempotency_key, max_retries: max_retries,
                                  timeout_ms: timeout && milliseconds(timeout, "timeout")).compact
      text = JSON.generate(arguments)
      out = FFI::MemoryPointer.new(:pointer)
      detail = nil
      NativeError.use do |err|
        NativeError.check(Native.fwp_call(@handle, operation, text, text.bytesize, out, err), err)
        # After a success: the request id, the key sent, the status (three fields, no JSON).
        detail = { "request_id" => Native.fwp_error_request_id(err), "idempotency_key" => Native.fwp_error_idempotency_key(err),
                   "http_status" => Native.fwp_error_http_status(err) }
      end
      Result.of(JSON.parse(Native.take_text(out)), detail)
    end

    # Every item of a list, page after page (an Enumerator; the library walks the pages,
    # fetching each as you go: fwp_iter_new_json).
    def each_item(operation, arguments, per_page: 100, timeout: nil, max_retries: nil, idempotency_key: nil)
      _ = idempotency_key # a list is a GET: nothing to key
      given = arguments.merge(per_page: per_page, max_retries: max_retries,
                              timeout_ms: timeout && milliseconds(timeout, "timeout")).compact
      text = JSON.generate(given)
      Enumerator.new do |items|
        iter = open_iterator(operation, text)
        begin
          loop do
            out = FFI::MemoryPointer.new(:pointer)
            NativeError.use { |err| NativeError.check(Native.fwp_iter_next_json(iter, out, err), err) }
            item = Native.take_text(out)
            break if item.nil?

            items << JSON.parse(item)
          end
        ensure
          Native.fwp_iter_free(iter)
        end
      end
    end

    private

    def open_iterator(operation, text)
      out = FFI::MemoryPointer.new(:pointer)
      NativeError.use do |err|
        NativeError.check(Native.fwp_iter_new_json(@handle, operation, text, text.bytesize, out, err), err)
      end
      out.read_pointer # holds the client by itself from here on
    end

    EVENT_TYPES = { 1 => :call_start, 2 => :attempt_end, 3 => :call_end }.freeze
    private_constant :EVENT_TYPES

    # The fwp_client_hooks of a log handler and an event listener, or nil for neither.
    def hooks_for(log, on_event)
      return nil unless log || on_event

      hooks = Native::Hooks.new
      hooks[:version] = 1
      hooks[:log_callback] = log_callback(log) if log
      hooks[:event_callback] = event_callback(on_event) if on_event
      hooks
    end

    def event_callback(on_event)
      raise ArgumentError, "on_event must respond to call(event)" unless on_event.respond_to?(:call)

      kept_callback(%i[pointer pointer]) do |address, _userdata|
        event = Native::Event.new(address)
        fields = Native::Event.members.to_h { |name| [name, event[name]] }
        fields[:type] = EVENT_TYPES.fetch(fields[:type], :unknown)
        fields[:new_connection] = fields[:new_connection] != 0
        fields.delete(:version)
        on_event.call(CallEvent.new(**fields))
      end
    end

    def log_callback(log)
      raise ArgumentError, "log must respond to call(level, line)" unless log.respond_to?(:call)

      kept_callback(%i[int string pointer]) do |level, line, _userdata|
        log.call(LOG_LEVELS.fetch(level, level.to_s), line.dup.force_encoding(Encoding::UTF_8))
      end
    end

    # A C callback running the block, kept reachable for the process; what the block raises is
    # dropped: the caller's own failure must not unwind through the library.
    def kept_callback(arguments, &block)
      callback = FFI::Function.new(:void, arguments) do |*given|
        block.call(*given)
      rescue StandardError
        nil
      end
      CALLBACKS_LOCK.synchronize { CALLBACKS << callback }
      callback
    end

    def milliseconds(seconds, name)
      raise InvalidArgumentError.new("message" => "#{name} must be a number of seconds", "kind" => "invalid_argument") unless seconds.is_a?(Numeric)

      (seconds * 1000).round
    end
  end

  # What an answer said besides its body.
  Response = Struct.new(:request_id, :idempotency_key, :http_status)

  # A call's result that is a JSON object: a Hash, with the answer's #response beside it.
  class Result < Hash
    attr_reader :response

    def self.of(value, detail)
      return value unless value.is_a?(Hash)

      result = self[value]
      result.instance_variable_set(:@response, Response.new(detail["request_id"].to_s.empty? ? nil : detail["request_id"],
                                                           detail["idempotency_key"].to_s.empty? ? nil : detail["idempotency_key"],
                                                           detail["http_status"].to_i.zero? ? nil : detail["http_status"]))
      result
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

  # Lists with filters: the keyword arguments that are not call options are filters.
  module Lists
    CALL_OPTIONS = %i[idempotency_key timeout max_retries].freeze

    def self.split(given)
      [given.reject { |key, _| CALL_OPTIONS.include?(key) }, given.slice(*CALL_OPTIONS)]
    end

    def self.each(client, operation, per_page, given)
      filters, options = split(given)
      client.each_item(operation, { filters: filters }, per_page: per_page, **options)
    end

    def self.page(client, operation, page, per_page, given)
      filters, options = split(given)
      client.call(operation, { filters: filters, page: page, per_page: per_page }.compact, **options)
    end
  end
end
