-- wrk: POST /orders with a valid order (the offer id comes from the OFFER_ID environment variable).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Authentication-Key"] = os.getenv("API_KEY")
wrk.body = '{"payer":{"first_name":"Peter","last_name":"Payer","country":"ES"},'
    .. '"recipient":{"id":"FWU","fields":[{"id":"custom_field_1","value":"B1"}]},'
    .. '"items":[{"id":"tuition","amount":120000}],"offer":{"id":"' .. os.getenv("OFFER_ID") .. '"}}'

function response(status, headers, body)
    if status ~= 201 then error("POST /orders answered " .. status .. ": " .. body) end
end
