#include "protocol/xml_writer.hpp"

#include <gtest/gtest.h>

namespace ebs::protocol {
namespace {

TEST(XmlWriter, EscapesEverySpecialCharacter) {
  XmlWriter xml;
  xml.open("a", "urn:x").element("b", "<&>\"'").element("n", int64_t{42}).element("t", true);
  EXPECT_EQ(xml.take(),
            "<a xmlns=\"urn:x\"><b>&lt;&amp;&gt;&quot;&apos;</b><n>42</n><t>true</t></a>");
}

TEST(XmlWriter, EscapesControlCharactersAndKeepsEmptyElements) {
  XmlWriter xml;
  xml.element("c", std::string("a\x01"
                               "b\r"))
      .element("e", "");
  EXPECT_EQ(xml.take(), "<c>a&#1;b&#13;</c><e></e>");
}

TEST(XmlWriter, EscapesRunsBetweenPlainText) {
  XmlWriter xml;
  xml.element("d", "plain & <mixed> 'text'\x1f end");
  EXPECT_EQ(xml.take(), "<d>plain &amp; &lt;mixed&gt; &apos;text&apos;&#31; end</d>");
}

TEST(XmlWriter, TakeClosesOpenElements) {
  XmlWriter xml;
  xml.open("x").open("y");
  EXPECT_EQ(xml.take(), "<x><y></y></x>");
}

}  // namespace
}  // namespace ebs::protocol
