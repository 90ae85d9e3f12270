-- wrk: GET /payments/{ref}.
wrk.headers["X-Authentication-Key"] = os.getenv("API_KEY")

function response(status, headers, body)
    if status ~= 200 then error("GET payment answered " .. status) end
end
