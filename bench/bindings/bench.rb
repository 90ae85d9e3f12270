# GET /payments/{ref} through the Ruby binding; prints the latencies in microseconds as JSON.
#   ruby bench.rb BASE_URL API_KEY REF ITERATIONS
require_relative "../../bindings/ruby/lib/fwpay"
base, key, reference, iterations = ARGV
client = Fwpay::Client.new(api_key: key, base_url: base)
client.payments.get(reference)
latencies = Array.new(iterations.to_i) do
  started = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
  client.payments.get(reference)
  (Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - started) / 1000.0
end
puts JSON.generate({ language: "ruby", version: RUBY_VERSION, latencies: latencies })
