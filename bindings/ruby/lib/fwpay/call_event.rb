# frozen_string_literal: true

module Fwpay
  # One telemetry event of a call (the library's fwp_event): its start (:call_start), the end of
  # each attempt (:attempt_end, one HTTP exchange with libcurl's timings) and its end (:call_end).
  # A client's on_event receives them, in order, on the thread running the call: bridge them to
  # OpenTelemetry or your metrics. No string holds the API key, a body or a query string.
  #
  # call_id is the same for every event of one call; url_template is "/recipients/{recipient_id}"
  # (nil for Client#request's own path); attempt is the attempt ended, or the attempts made
  # (:call_end); http_status 0 means no answer; error is 0 or the FWP_E_ code, error_type its
  # kind ("timeout", "not_found"...); duration_ms is the attempt's, or the whole call's; dns_ms,
  # connect_ms, tls_ms and first_byte_ms count from the attempt's start (-1 unless :attempt_end).
  CallEvent = Struct.new(:type, :call_id, :time_unix_nano, :method, :url_template, :server_address, :server_port,
                         :attempt, :http_status, :error, :error_type, :request_id, :duration_ms, :dns_ms, :connect_ms,
                         :tls_ms, :first_byte_ms, :new_connection, keyword_init: true)
end
