#include "logs/log_service.hpp"

#include "lambda_fixture.hpp"

namespace ebs::lambda {
namespace {

using LogServiceTest = LambdaFixture;

TEST_F(LogServiceTest, GetLogEventsPagesForwardAndBackwardLikeCloudWatch) {
  logs_.create_group(ctx(), "/g");
  logs_.create_stream(ctx(), "/g", "s");
  std::vector<logs::InputLogEvent> events;
  for (int i = 0; i < 5; ++i) events.push_back({1000 + i, "m" + std::to_string(i)});
  logs_.put_events(ctx(), "/g", "s", events);

  logs::GetLogEventsRequest r{"/g", "s", {}, {}, {}, 2, {}};
  auto tail = logs_.get_events(ctx(), r);  // default: the newest events
  ASSERT_EQ(tail.events.size(), 2u);
  EXPECT_EQ(tail.events[0].message, "m3");
  r.next_token = tail.next_backward_token;
  auto before = logs_.get_events(ctx(), r);
  ASSERT_EQ(before.events.size(), 2u);
  EXPECT_EQ(before.events[0].message, "m1");
  r.next_token = tail.next_forward_token;
  auto after = logs_.get_events(ctx(), r);
  EXPECT_TRUE(after.events.empty());
  EXPECT_EQ(after.next_forward_token, tail.next_forward_token);
  r.next_token = "garbage";
  EXPECT_EQ(error_of([&] { logs_.get_events(ctx(), r); }), "InvalidParameterException");
}

TEST_F(LogServiceTest, MissingGroupsAndStreamsAndOrder) {
  std::string message;
  EXPECT_EQ(error_of([&] { logs_.create_stream(ctx(), "/none", "s"); }, &message),
            "ResourceNotFoundException");
  EXPECT_EQ(message, "The specified log group does not exist.");
  logs_.create_group(ctx(), "/g");
  EXPECT_EQ(error_of([&] { logs_.create_group(ctx(), "/g"); }), "ResourceAlreadyExistsException");
  EXPECT_EQ(error_of(
                [&] {
                  logs_.put_events(ctx(), "/g", "none", {{1, "x"}});
                },
                &message),
            "ResourceNotFoundException");
  EXPECT_EQ(message, "The specified log stream does not exist.");
  logs_.create_stream(ctx(), "/g", "s");
  EXPECT_EQ(error_of([&] {
              logs_.put_events(ctx(), "/g", "s", {{2, "b"}, {1, "a"}});
            }),
            "InvalidParameterException");
  // Another account or region sees nothing.
  EXPECT_TRUE(logs_.describe_groups(ctx("222222222222"), "", {}, {}).groups.empty());
  EXPECT_TRUE(logs_.describe_groups(ctx("111111111111", "eu-west-1"), "", {}, {}).groups.empty());
}

TEST_F(LogServiceTest, WriteCreatesGroupAndStreamForLambda) {
  store::Transaction tx(db_);
  logs_.write(tx, "111111111111", "us-east-1", "/aws/lambda/f", "2023/11/14/[$LATEST]abc",
              {{kStart, "START\n"}, {kStart + 1, "END\n"}}, kStart + 2);
  tx.commit();
  auto groups = logs_.describe_groups(ctx(), "/aws/lambda/", {}, {});
  ASSERT_EQ(groups.groups.size(), 1u);
  EXPECT_GT(groups.groups[0].stored_bytes, 0);
  auto streams = logs_.describe_streams(ctx(), "/aws/lambda/f", "", true, true);
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0].first_event, kStart);
  EXPECT_EQ(streams[0].last_event, kStart + 1);
  logs::FilterLogEventsRequest f;
  f.group = "/aws/lambda/f";
  f.filter_pattern = "END";
  auto found = logs_.filter_events(ctx(), f);
  ASSERT_EQ(found.events.size(), 1u);
  EXPECT_EQ(found.events[0].stream_name, "2023/11/14/[$LATEST]abc");
}

}  // namespace
}  // namespace ebs::lambda
