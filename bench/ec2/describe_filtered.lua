-- wrk script: DescribeVolumes filtered by a tag and the availability zone (served from indexes).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/ec2/aws4_request, " ..
  "SignedHeaders=host;x-amz-date, Signature=0000"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.body = "Action=DescribeVolumes&Version=2016-11-15" ..
  "&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=t42" ..
  "&Filter.2.Name=availability-zone&Filter.2.Value.1=us-east-1b"
