-- wrk script: CreateVolume (each request is one committed write: the volume row, its tag, and its
-- scheduler row). Spread over 3 zones, with a tag.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=222222222222/20250101/us-east-1/ec2/aws4_request, " ..
  "SignedHeaders=host;x-amz-date, Signature=0000"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
local zones = {"us-east-1a", "us-east-1b", "us-east-1c"}
local n = 0
request = function()
  n = n + 1
  local body = "Action=CreateVolume&Version=2016-11-15&Size=8&AvailabilityZone=" ..
    zones[n % 3 + 1] .. "&TagSpecification.1.ResourceType=volume" ..
    "&TagSpecification.1.Tag.1.Key=bench&TagSpecification.1.Tag.1.Value=" .. (n % 100)
  return wrk.format(nil, nil, nil, body)
end
