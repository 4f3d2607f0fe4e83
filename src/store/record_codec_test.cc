#include "store/record_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace interdict {
namespace {

TEST(RecordCodec, RoundTripsAndIsJson) {
  Entity e("x", Schema::Get("Company"));
  e.AddReferent({"f", "x", 1, 0, "h"});
  e.Add("name", "ACME \"Quoted\" \\ Ltd\n\t");
  e.Add("alias", "Москва 東京 🚢");
  e.Add("name", "Second");
  e.Add("notes", std::string("ctl\x01\x1f", 5));
  std::string data;
  EncodeRecordData(e, &data);
  // A standard JSON parser reads it, with values grouped per property in order.
  auto j = nlohmann::json::parse(data);
  EXPECT_EQ(j["name"], (nlohmann::json{"ACME \"Quoted\" \\ Ltd\n\t", "Second"}));
  EXPECT_EQ(j["alias"][0], "Москва 東京 🚢");
  Entity back("x", Schema::Get("Company"));
  ASSERT_TRUE(DecodeRecordData(data, &back).ok());
  EXPECT_EQ(back.Values("name"), e.Values("name"));
  EXPECT_EQ(back.Values("alias"), e.Values("alias"));
  EXPECT_EQ(back.Values("notes"), e.Values("notes"));
}

TEST(RecordCodec, InvalidUtf8IsReplacedNotPassedThrough) {
  Entity e("x", Schema::Get("Company"));
  e.Add("name", "bad \xff byte");
  std::string data;
  EncodeRecordData(e, &data);
  EXPECT_EQ(data, "{\"name\":[\"bad \xEF\xBF\xBD byte\"]}");
}

TEST(RecordCodec, ReadsEscapesAnotherWriterMayUse) {
  Entity e("x", Schema::Get("Company"));
  ASSERT_TRUE(DecodeRecordData(R"( { "name" : [ "a\u00e9\/\ud83d\udea2" , "b" ] , "x":[] } )", &e).ok());
  EXPECT_EQ(e.Values("name"), (std::vector<std::string>{"aé/🚢", "b"}));
}

TEST(RecordCodec, MalformedInputIsCorruption) {
  for (const char* bad : {"", "{", "[]", "{\"a\":\"b\"}", "{\"a\":[\"b\"]", "{\"a\":[\"b]}",
                          "{\"a\":[\"\\x\"]}", "{\"a\":[\"\\ud800\"]}", "{\"a\":[1]}",
                          "{\"a\":[\"b\"]} x", "{\"a\":[\"\x01\"]}"}) {
    Entity e("x", Schema::Get("Company"));
    Status st = DecodeRecordData(bad, &e);
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << bad;
  }
}

}  // namespace
}  // namespace interdict
