// Tests for frame_codec and control_message: framing round trips, split and garbage input.
#include "lambda/runner/frame_codec.hpp"
#include "lambda/runner/control_message.hpp"

#include <gtest/gtest.h>

namespace ebs::lambda {
namespace {

TEST(FrameCodec, RoundTripsFramesFedByteByByte) {
  std::string wire;
  append_frame(wire, "hello");
  append_frame(wire, "");
  append_frame(wire, std::string(70000, 'x'));
  FrameDecoder decoder(1 << 20);
  for (char c : wire) decoder.feed(std::string_view(&c, 1));
  EXPECT_EQ(decoder.next(), "hello");
  EXPECT_EQ(decoder.next(), "");
  EXPECT_EQ(decoder.next(), std::string(70000, 'x'));
  EXPECT_EQ(decoder.next(), std::nullopt);
  EXPECT_FALSE(decoder.failed());
}

TEST(FrameCodec, RejectsAFrameAboveTheLimit) {
  FrameDecoder decoder(16);
  decoder.feed(std::string("\x7f\xff\xff\xff", 4));
  EXPECT_TRUE(decoder.failed());
  EXPECT_EQ(decoder.next(), std::nullopt);
}

TEST(ControlMessage, RoundTripsHeaderAndRawBody) {
  std::string body("\x00\xff not utf-8", 12);
  std::string wire = encode_message({{"type", "response"}, {"requestId", "r1"}}, body);
  MessageDecoder decoder(1024, 1024);
  decoder.feed(wire.substr(0, 7));
  EXPECT_EQ(decoder.next(), std::nullopt);
  EXPECT_TRUE(decoder.has_partial());
  decoder.feed(wire.substr(7));
  auto message = decoder.next();
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->header["requestId"], "r1");
  EXPECT_EQ(message->body, body);
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ControlMessage, FailsOnGarbage) {
  static const char* const kCases[] = {
      "not json at all",
      "[1,2,3]",
      "{\"no\":\"type\"}",
      "{\"type\":42}",
  };
  for (const char* header : kCases) {
    std::string wire;
    append_frame(wire, header);
    append_frame(wire, "");
    MessageDecoder decoder(1024, 1024);
    decoder.feed(wire);
    EXPECT_EQ(decoder.next(), std::nullopt) << header;
    EXPECT_TRUE(decoder.failed()) << header;
  }
}

}  // namespace
}  // namespace ebs::lambda
