# frozen_string_literal: true

# Conformance runner: the calls of steps.json through the Ruby face (see ../test_conformance.py).
require "json"
require "fwpay"

plan = JSON.parse(File.read(ARGV[0]))
saved = plan["prepared"].dup
resolve = lambda do |value|
  case value
  when String then value.start_with?("$") ? saved.fetch(value[1..]) : value
  when Hash then value.transform_values { |v| resolve.call(v) }
  when Array then value.map { |v| resolve.call(v) }
  else value
  end
end

client = Fwpay::Client.new(api_key: ENV.fetch("FWPAY_API_KEY"), base_url: ENV.fetch("FWPAY_BASE_URL"))
plan["steps"].each do |step|
  resource = client.public_send(step["resource"])
  raise NoMethodError, "client.#{step['resource']}.#{step['method']} does not exist" unless resource.respond_to?(step["method"])

  options = step["options"].transform_keys(&:to_sym)
  filters = resolve.call(step["filters"] || {}).transform_keys(&:to_sym)
  answer =
    case step["form"]
    when "list" then resource.public_send(step["method"], per_page: 2, **filters, **options).to_a
    when "page" then resource.page(page: 1, per_page: 2, **filters, **options)
    else
      positional = step["arguments"].reject { |a| a["keyword"] }.map { |a| resolve.call(a["value"]) }
      named = step["arguments"].select { |a| a["keyword"] }.to_h { |a| [a["face"].to_sym, resolve.call(a["value"])] }
      resource.public_send(step["method"], *positional, **named, **options)
    end
  step["save"].each do |name, dotted|
    saved[name] = dotted.split(".").reduce(answer) { |at, part| at.is_a?(Array) ? at[part.to_i] : at[part] }
  end
  request_id = answer.respond_to?(:response) && answer.response ? answer.response.request_id : nil
  puts JSON.generate(operation: step["operation"], method: step["method"], ok: true, request_id: request_id)
rescue StandardError => e
  puts JSON.generate(operation: step["operation"], method: step["method"], ok: false, class: e.class.name.split("::").last, error: e.message)
end
