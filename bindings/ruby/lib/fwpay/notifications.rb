# frozen_string_literal: true

require "json"

module Fwpay
  # The notifications Flywire sends to your notifications_url.
  module Notifications
    # Raises SignatureError unless digest (the X-Flywire-Digest header) is Base64 of
    # HMAC-SHA256 of the raw body bytes with your shared secret (compared in constant time).
    def self.verify(body, digest, secret)
      raw = FFI::MemoryPointer.from_string(body.b)
      NativeError.use do |err|
        NativeError.check(Native.fwp_notification_verify(raw, body.bytesize, digest, secret, err), err)
      end
      true
    end

    def self.valid?(body, digest, secret)
      verify(body, digest, secret)
    rescue SignatureError
      false
    end

    # The X-Flywire-Digest of body (to test a receiver).
    def self.sign(body, secret)
      raw = FFI::MemoryPointer.from_string(body.b)
      out = FFI::MemoryPointer.new(:pointer)
      NativeError.use do |err|
        NativeError.check(Native.fwp_notification_sign(raw, body.bytesize, secret, out, err), err)
      end
      Native.take_text(out)
    end

    # Any notification format in one shape (format, event_type, status, amounts in subunits,
    # dedup_key...): see fwp_notification_parse in fwpay.h. Verify first.
    def self.parse(body)
      raw = FFI::MemoryPointer.from_string(body.b)
      out = FFI::MemoryPointer.new(:pointer)
      NativeError.use do |err|
        NativeError.check(Native.fwp_notification_parse_json(raw, body.bytesize, out, err), err)
      end
      JSON.parse(Native.take_text(out))
    end
  end
end
