# frozen_string_literal: true

require "ffi"
require_relative "base_url"
require_relative "version"

module Fwpay
  # libfwpay through ruby-ffi: only its text interface (fwp_client_new_json, fwp_call,
  # fwp_error_json), so no struct layout is copied here. Calls that reach the network are
  # attached with blocking: true, which releases the GVL while they wait.
  module Native
    extend FFI::Library

    # $FWPAY_LIBRARY, else the copy inside the platform gem (with the libraries it needs
    # beside it), else the system's (libfwpay0.2).
    def self.library_path
      return ENV["FWPAY_LIBRARY"] if ENV["FWPAY_LIBRARY"] && !ENV["FWPAY_LIBRARY"].empty?

      bundled = File.join(__dir__, "native", "libfwpay.so")
      return bundled if File.exist?(bundled)

      LIBRARY_SONAME
    end

    begin
      ffi_lib library_path
    rescue LoadError => e
      raise LoadError, "fwpay: #{library_path} could not be loaded (#{e.message.lines.first.strip}): install the " \
                       "platform gem (gem install fwpay --platform x86_64-linux), which carries it, or the system's " \
                       "#{LIBRARY_SONAME} (apt install libfwpay#{LIBRARY_SONAME.delete_prefix('libfwpay.so.')}), " \
                       "or set FWPAY_LIBRARY"
    end
    attach_function :fwp_version, [], :string
    attach_function :fwp_error_new, [], :pointer
    attach_function :fwp_error_free, [:pointer], :void
    attach_function :fwp_error_json, %i[pointer pointer], :int
    attach_function :fwp_error_request_id, [:pointer], :string
    attach_function :fwp_error_idempotency_key, [:pointer], :string
    attach_function :fwp_error_http_status, [:pointer], :int
    attach_function :fwp_free, [:pointer], :void
    attach_function :fwp_client_new_json, %i[string size_t pointer pointer], :int
    # fwp_log_callback: a log line, called from the thread making the request (ruby-ffi takes
    # the GVL for it while that call has released it).
    callback :fwp_log_callback, %i[int string pointer], :void
    # fwp_client_hooks (version 1): a log callback and a telemetry event callback
    # (fwp_event_callback: the event's address and the userdata), each an FFI::Function or NULL.
    class Hooks < FFI::Struct
      layout :version, :int, :log_callback, :pointer, :log_userdata, :pointer, :event_callback, :pointer,
             :event_userdata, :pointer, :event_types, :int # 0: every kind
    end

    # fwp_event (version 1), read when an event arrives.
    class Event < FFI::Struct
      layout :version, :int, :type, :int, :call_id, :long_long, :time_unix_nano, :long_long, :method, :string,
             :url_template, :string, :server_address, :string, :server_port, :int, :attempt, :int, :http_status, :int,
             :error, :int, :error_type, :string, :request_id, :string, :duration_ms, :double, :dns_ms, :double,
             :connect_ms, :double, :tls_ms, :double, :first_byte_ms, :double, :new_connection, :int
    end
    attach_function :fwp_client_new_json_hooked, %i[string size_t pointer pointer pointer], :int
    attach_function :fwp_client_free, [:pointer], :void
    attach_function :fwp_call, %i[pointer string string size_t pointer pointer], :int, blocking: true
    attach_function :fwp_iter_new_json, %i[pointer string string size_t pointer pointer], :int
    attach_function :fwp_iter_next_json, %i[pointer pointer pointer], :int, blocking: true
    attach_function :fwp_iter_free, [:pointer], :void
    attach_function :fwp_notification_verify, %i[pointer size_t string string pointer], :int
    attach_function :fwp_notification_sign, %i[pointer size_t string pointer pointer], :int
    attach_function :fwp_notification_parse_json, %i[pointer size_t pointer pointer], :int

    loaded = fwp_version
    unless loaded.split(".")[0, 2] == VERSION.split(".")[0, 2]
      raise LoadError, "fwpay #{VERSION} needs libfwpay #{VERSION.split('.')[0, 2].join('.')}.x, " \
                       "but #{library_path} is libfwpay #{loaded}"
    end

    # Takes the text a char ** received, and frees it.
    def self.take_text(pointer_to_text)
      text = pointer_to_text.read_pointer
      return nil if text.null?

      begin
        text.read_string.force_encoding(Encoding::UTF_8)
      ensure
        fwp_free(text)
      end
    end
  end

  # The version of the libfwpay actually loaded.
  LIBRARY_VERSION = Native.fwp_version
end
