-- wrk script: DescribeVolumes (one page of 50) as an AWS SDK sends it, signed-scope header included so
-- the emulator reads the account and region from it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/ec2/aws4_request, " ..
  "SignedHeaders=host;x-amz-date, Signature=0000"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.body = "Action=DescribeVolumes&Version=2016-11-15&MaxResults=50"
