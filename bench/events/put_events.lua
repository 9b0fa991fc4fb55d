-- wrk script: PutEvents with 10 entries per request (each request one committed transaction: 10
-- events recorded, matched against the bus's rules, and their deliveries written to the outbox).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSEvents.PutEvents"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/events/aws4_request, " ..
  "SignedHeaders=host;x-amz-date, Signature=0000"
local entry = '{"Source":"bench.app","DetailType":"tick","Detail":"{\\"load\\":true}"}'
local entries = {}
for i = 1, 10 do entries[i] = entry end
wrk.body = '{"Entries":[' .. table.concat(entries, ",") .. ']}'
