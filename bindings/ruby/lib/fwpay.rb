# frozen_string_literal: true

# Flywire's Payments API from Ruby, over libfwpay:
#
#   require "fwpay"
#   client = Fwpay::Client.new(api_key: "...", base_url: Fwpay::SANDBOX_BASE_URL)
#   order = client.orders.create({ ... })
#   payment = client.orders.charge(order["id"])
#
# Resources: recipients, offers, orders, sessions, payments, refunds, bundles; #request for
# anything else; Fwpay::Notifications for what Flywire sends you. Errors are Fwpay::Error
# subclasses, one per kind of failure.
require_relative "fwpay/native"
require_relative "fwpay/errors"
require_relative "fwpay/call_event"
require_relative "fwpay/client"
require_relative "fwpay/resources"
require_relative "fwpay/notifications"
