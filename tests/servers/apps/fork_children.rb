# frozen_string_literal: true

# A client made and used in a parent, then Process.fork: each of CHILDREN children runs
# THREADS threads, and the parent as many, each creating ORDERS orders with its own external
# reference. Prints one JSON line: {"answers": n, "distinct_ids": n, "wrong": [...], "failed": [...]}.
#   ruby fork_children.rb CHILDREN THREADS ORDERS
require_relative "orders"

children, threads, orders = ARGV.map(&:to_i)
client = ServerOrders.shared_client

run = lambda do |prefix|
  Array.new(threads) do |thread|
    Thread.new { Array.new(orders) { |n| ServerOrders.check(client, "#{prefix}-t#{thread}-#{n}") } }
  end.flat_map(&:value)
end

readers = Array.new(children) do |child|
  reader, writer = IO.pipe
  pid = fork do
    reader.close
    writer.write(JSON.generate(run.call("child#{child}")))
    writer.close
    exit!(0)
  end
  writer.close
  [pid, reader]
end
results = run.call("parent")
readers.each do |pid, reader|
  results.concat(JSON.parse(reader.read.then { |text| text.empty? ? "[]" : text }))
  _, status = Process.wait2(pid)
  results << { "reference" => "child #{pid}", "failed" => "exit #{status.inspect}" } unless status.success?
end
ids = results.filter_map { |r| r["id"] }
puts JSON.generate("answers" => ids.size, "distinct_ids" => ids.uniq.size,
                   "wrong" => results.select { |r| r.key?("external_reference") && r["external_reference"] != r["reference"] },
                   "failed" => results.select { |r| r.key?("failed") })
