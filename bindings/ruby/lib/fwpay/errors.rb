# frozen_string_literal: true

require "json"

module Fwpay
  # Every failure of the library: kind (fwp_error_json's name for the FWP_E_ code), the
  # HTTP status, the server's request id (quote it to support), the idempotency key the
  # request carried, and the server's errors ([{"source", "param", "type", "message"}]).
  class Error < StandardError
    attr_reader :code, :kind, :http_status, :request_id, :idempotency_key, :errors

    def initialize(detail)
      @code = detail["code"]
      @kind = detail["kind"]
      @http_status = detail["http_status"]
      @request_id = detail["request_id"].to_s.empty? ? nil : detail["request_id"]
      @idempotency_key = detail["idempotency_key"].to_s.empty? ? nil : detail["idempotency_key"]
      @errors = detail["errors"] || []
      text = detail["message"].to_s
      text += " (request id: #{@request_id})" if @request_id
      super(text)
    end
  end

  # Refused before sending: a bad argument or JSON (nothing reached the server).
  class InvalidArgumentError < Error; end
  # An answer of the server that is an error.
  class APIError < Error; end
  # 400 or 422: see #errors for each field.
  class InvalidRequestError < APIError; end
  # The Idempotency-Key was used with another request, or its first request is still being handled.
  class IdempotencyError < InvalidRequestError; end
  # 401: the API key was rejected.
  class AuthenticationError < APIError; end
  # 403: the API key is valid but may not do this.
  class PermissionError < APIError; end
  # 404.
  class NotFoundError < APIError; end
  # 429: wait before retrying.
  class RateLimitError < APIError; end
  # The server could not be reached, or did not answer in time (nothing happened).
  class ConnectionError < Error; end
  # TLS failed: an untrusted certificate (give its CA as ca_bundle:, or FWPAY_CA_BUNDLE or
  # SSL_CERT_FILE), another host's name, or a failed handshake. Nothing was sent; never retried.
  class TLSError < ConnectionError; end
  # The request was sent and no answer came: it may have taken effect. Retry only with the
  # same #idempotency_key, or look the payment up first.
  class OutcomeUnknownError < Error; end
  # A notification's X-Flywire-Digest does not match.
  class SignatureError < Error; end

  ERROR_CLASSES = {
    "invalid_argument" => InvalidArgumentError, "invalid_json" => InvalidArgumentError,
    "invalid_request" => InvalidRequestError, "idempotency_conflict" => IdempotencyError,
    "authentication" => AuthenticationError, "permission" => PermissionError,
    "not_found" => NotFoundError, "rate_limited" => RateLimitError, "server" => APIError, "http" => APIError,
    "connection" => ConnectionError, "timeout" => ConnectionError, "tls" => TLSError, "outcome_unknown" => OutcomeUnknownError,
    "bad_response" => APIError, "signature" => SignatureError
  }.freeze

  # An fwp_error of fwp_error_new, read after a call and released.
  class NativeError
    def self.use
      handle = Native.fwp_error_new
      raise NoMemoryError, "fwp_error_new failed" if handle.null?

      begin
        yield handle
      ensure
        Native.fwp_error_free(handle)
      end
    end

    def self.detail(handle)
      out = FFI::MemoryPointer.new(:pointer)
      Native.fwp_error_json(handle, out)
      JSON.parse(Native.take_text(out) || "{}")
    end

    # Raises the error class of the call's code, unless it succeeded.
    def self.check(code, handle)
      return if code.zero?

      detail = detail(handle)
      raise ERROR_CLASSES.fetch(detail["kind"], Error).new(detail)
    end
  end
end
