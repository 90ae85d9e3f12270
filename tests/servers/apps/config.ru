# frozen_string_literal: true

# A Rack app as users write one for unicorn with preload_app true: one client, made when the
# master loads the app, shared by the workers it forks. GET /order?ref=R creates an order with
# external reference R and answers it.
require_relative "orders"

CLIENT = ServerOrders.shared_client

run(lambda do |env|
  reference = Rack::Utils.parse_query(env["QUERY_STRING"])["ref"].to_s
  result = ServerOrders.check(CLIENT, reference)
  status = result.key?("failed") ? 500 : 200
  [status, { "content-type" => "application/json" }, [JSON.generate(result)]]
end)
