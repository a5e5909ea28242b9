// core's YAML tree (core/yaml_tree.h) and writer (core/yaml_writer.h): what they read and write as
// yaml-cpp 0.7 did, and what they refuse. The loaders' own tests pin the messages in files.
#include "core/yaml_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/yaml_writer.h"

namespace meter {
namespace {

using ::testing::HasSubstr;

YamlDocument Read(const std::string& text) {
  YamlDocument document;
  const auto error = ReadYaml(text, document);
  EXPECT_FALSE(error) << text << ": " << (error && !error->args.empty() ? error->args[0] : "");
  return document;
}

// "line:column: message" of what ReadYaml refuses in `text`; "" when it reads it.
std::string Refusal(const std::string& text) {
  YamlDocument document;
  const auto error = ReadYaml(text, document);
  if (!error) return "";
  std::string message = error->message;
  for (size_t i = 0; i < error->args.size(); ++i) {
    const std::string slot = "{" + std::to_string(i + 1) + "}";
    for (size_t at; (at = message.find(slot)) != std::string::npos;) {
      message.replace(at, slot.size(), error->args[i]);
    }
  }
  return std::to_string(error->mark.line) + ":" + std::to_string(error->mark.column) + ": " +
         message;
}

std::string At(const YamlNode& node) {
  return std::to_string(node.Mark().line) + ":" + std::to_string(node.Mark().column);
}

TEST(YamlTree, ReadsMapsSequencesAndScalarsWithTheirPlaces) {
  const YamlDocument doc = Read("# comment\na: 1\nlist:\n  - x\n  - {k: v}\nflow: [p, \"q\"]\n");
  const YamlNode root = doc.root();
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root.size(), 3u);
  EXPECT_EQ(At(root), "2:1");
  EXPECT_EQ(root["a"].Scalar(), "1");
  EXPECT_EQ(At(root["a"]), "2:4");
  EXPECT_TRUE(root["list"].IsSequence());
  EXPECT_EQ(At(root["list"]), "4:3");
  EXPECT_EQ(root["list"].Item(1)["k"].Scalar(), "v");
  EXPECT_EQ(At(root["list"].Item(1)["k"]), "5:9");
  EXPECT_EQ(At(root["flow"].Item(1)), "6:11");  // a quoted scalar starts at its quote
  EXPECT_FALSE(root["missing"]);
  EXPECT_FALSE(root["a"]["x"]);
  EXPECT_FALSE(root["list"].Item(2));
  EXPECT_FALSE(root["missing"].Mark().known());
  std::string keys;
  for (const YamlEntry& e : root.Entries()) keys += e.first.Scalar() + ",";
  EXPECT_EQ(keys, "a,list,flow,");
  size_t items = 0;
  for (const YamlNode item : root["list"].Items()) items += item ? 1 : 0;
  EXPECT_EQ(items, 2u);
  for (const YamlNode item : root["a"].Items()) ADD_FAILURE() << item.Scalar();
}

// yaml-cpp counted columns in bytes and lines by '\n' only; METER prints positions so still.
TEST(YamlTree, CountsColumnsInBytesAndLinesByNewlines) {
  const YamlDocument doc = Read("t: {é: 1, 中: 2}\r\nu: 3\n");
  EXPECT_EQ(At(doc.root()["t"]["中"]), "1:17");  // libyaml says column 13, in characters
  EXPECT_EQ(At(doc.root()["u"]), "2:4");
  EXPECT_EQ(Refusal("a: \"é\" x\n"),
            "1:9: not valid YAML: did not find expected key "
            "while parsing a block mapping that starts at 1:1");
}

// Some editors start a UTF-8 file with a byte-order mark: read as yaml-cpp read it, the mark not
// counted in line 1's columns.
TEST(YamlTree, AByteOrderMarkIsSkipped) {
  const YamlDocument doc = Read(
      "\xEF\xBB\xBF"
      "a: 1\nb: [x, y]\n");
  EXPECT_EQ(doc.root()["a"].Scalar(), "1");
  EXPECT_EQ(At(doc.root()), "1:1");
  EXPECT_EQ(At(doc.root()["a"]), "1:4");
  EXPECT_EQ(At(doc.root()["b"].Item(1)), "2:8");
  EXPECT_EQ(Refusal("\xEF\xBB\xBF"
                    "a: 1\na: 2\n"),
            "2:1: the key 'a' is given twice in this mapping (first at 1:1)");
  EXPECT_TRUE(Read("\xEF\xBB\xBF").root().IsNull());
}

TEST(YamlTree, AnEmptyViewIsAnEmptyDocument) {
  YamlDocument document;
  EXPECT_FALSE(ReadYaml(std::string_view(), document));
  EXPECT_TRUE(document.root().IsNull());
}

TEST(YamlTree, PlainNullSpellingsAreNullAndQuotedOnesText) {
  const YamlDocument doc =
      Read("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: \"null\"\ng: 'null'\nh: nULL\ni: !!str\n");
  for (const char* key : {"a", "b", "c", "d", "e"}) {
    EXPECT_TRUE(doc.root()[key].IsNull()) << key;
    EXPECT_TRUE(doc.root()[key]) << key;  // defined
    EXPECT_EQ(doc.root()[key].Scalar(), "") << key;
  }
  for (const char* key : {"f", "g", "h"}) EXPECT_TRUE(doc.root()[key].IsScalar()) << key;
  EXPECT_TRUE(doc.root()["i"].IsScalar());  // a tagged empty scalar is text, as in yaml-cpp
}

TEST(YamlTree, ConvertsNumbersAsYamlCppDid) {
  const YamlDocument doc =
      Read("[0.5, 1e3, '+1', .5, \"2 \", .inf, -.Inf, .NAN, 0x10, inf, ' 1', 1_000, '', ~, [1]]");
  const YamlNode list = doc.root();
  double d = -1;
  const std::vector<double> ok = {0.5, 1000, 1, 0.5, 2};
  for (size_t i = 0; i < ok.size(); ++i) {
    EXPECT_TRUE(YamlToDouble(list.Item(i), d) && d == ok[i]) << i;
  }
  EXPECT_TRUE(YamlToDouble(list.Item(5), d) && std::isinf(d) && d > 0);
  EXPECT_TRUE(YamlToDouble(list.Item(6), d) && std::isinf(d) && d < 0);
  EXPECT_TRUE(YamlToDouble(list.Item(7), d) && std::isnan(d));
  for (size_t i = 8; i < 15; ++i) {
    d = -1;
    EXPECT_FALSE(YamlToDouble(list.Item(i), d)) << i;
    EXPECT_EQ(d, -1) << i;
  }
  EXPECT_FALSE(YamlToDouble(YamlNode(), d));
}

TEST(YamlTree, ConvertsIntegersAndBooleansAsYamlCppDid) {
  const YamlDocument doc =
      Read("[2015, 0x7DF, 03737, -4, 2015.0, 99999999999, x, True, OFF, y, tRue, 1]");
  const YamlNode list = doc.root();
  int n = 0;
  for (size_t i : {0, 1, 2}) EXPECT_TRUE(YamlToInt(list.Item(i), n) && n == 2015) << i;
  EXPECT_TRUE(YamlToInt(list.Item(3), n) && n == -4);
  for (size_t i : {4, 5, 6}) EXPECT_FALSE(YamlToInt(list.Item(i), n)) << i;
  bool b = false;
  EXPECT_TRUE(YamlToBool(list.Item(7), b) && b);
  EXPECT_TRUE(YamlToBool(list.Item(8), b) && !b);
  EXPECT_TRUE(YamlToBool(list.Item(9), b) && b);
  EXPECT_FALSE(YamlToBool(list.Item(10), b));
  EXPECT_FALSE(YamlToBool(list.Item(11), b));
}

TEST(YamlTree, AnEmptyFileIsANullRootWithNoPlace) {
  for (const char* text : {"", "# only a comment\n", "\n\n"}) {
    const YamlDocument doc = Read(text);
    EXPECT_TRUE(doc.root().IsNull()) << text;
    EXPECT_FALSE(doc.root().Mark().known()) << text;
  }
}

TEST(YamlTree, AliasesShareTheAnchoredNode) {
  const YamlDocument doc = Read("a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n");
  EXPECT_EQ(doc.root()["b"]["k"].Item(1).Scalar(), "2");
  EXPECT_EQ(At(doc.root()["b"]), At(doc.root()["a"]));  // the same node, not a copy
  EXPECT_EQ(doc.root()["c"].Item(1)["k"].size(), 2u);
}

TEST(YamlTree, RefusesWhatYamlCppLetThroughOrCouldNotSurvive) {
  EXPECT_EQ(Refusal("a: 1\nb: 2\na: 3\n"),
            "3:1: the key 'a' is given twice in this mapping (first at 1:1)");
  std::string many;
  for (int i = 0; i < 40; ++i) many += "k" + std::to_string(i) + ": 1\n";
  EXPECT_EQ(Refusal(many + "k7: 2\n"),
            "41:1: the key 'k7' is given twice in this mapping (first at 8:1)");
  EXPECT_EQ(Refusal("~: 1\nnull: 2\n"),
            "2:1: the key '~' is given twice in this mapping (first at 1:1)");
  // A null key and the empty text are two keys, in a small map and in one with a key index.
  EXPECT_EQ(Refusal("~: 1\n\"\": 2\n"), "");
  EXPECT_EQ(Refusal(many + "~: 1\n\"\": 2\n"), "");
  EXPECT_EQ(Refusal(many + "\"\": 1\n~: 2\nnull: 3\n"),
            "43:1: the key '~' is given twice in this mapping (first at 42:1)");
  EXPECT_EQ(Refusal(many + "~: 1\n\"\": 2\n'': 3\n"),
            "43:1: the key '' is given twice in this mapping (first at 42:1)");
  EXPECT_EQ(Refusal("{[a]: 1}"), "1:2: a key must be a text, not a mapping or a list");
  EXPECT_EQ(Refusal("a: *nowhere\n"),
            "1:4: the alias '*nowhere' names no anchor ('&nowhere') defined before it");
  EXPECT_EQ(Refusal("a: &x [*x]\n"),
            "1:8: the alias '*x' names no anchor ('&x') defined before it");
  EXPECT_EQ(Refusal("a: 1\n---\nb: 2\n"),
            "2:1: the file holds a second YAML document (starting with '---' here); keep one "
            "document per file");
  EXPECT_EQ(Refusal(std::string(200, '[') + std::string(200, ']')), "");
  EXPECT_EQ(Refusal(std::string(201, '[') + std::string(201, ']')),
            "1:201: the YAML nests deeper than 200 levels");
  // A million unclosed levels: refused at the limit, long before the stack could matter.
  EXPECT_THAT(Refusal(std::string(1000000, '[')), HasSubstr("nests deeper than 200 levels"));
  std::string laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k < 10; ++k) {
    const std::string prev = "*a" + std::to_string(k - 1);
    laughs += "a" + std::to_string(k) + ": &a" + std::to_string(k) + " [";
    for (int i = 0; i < 10; ++i) laughs += (i ? ", " : "") + prev;
    laughs += "]\n";
  }
  EXPECT_EQ(Refusal(laughs),
            "5:5: the aliases ('*name') in this YAML repeat more than 100000 nodes; write the "
            "repeated parts out or repeat less");
}

TEST(YamlTree, SyntaxErrorsAndBadBytesCarryLibyamlsWordsAndThePlace) {
  EXPECT_EQ(Refusal("a: [\n"),
            "2:1: not valid YAML: did not find expected node content while "
            "parsing a flow node that starts at 2:1");
  EXPECT_EQ(Refusal("a: 1\nb: \"\\q\"\n"),
            "2:5: not valid YAML: found unknown escape character while parsing a quoted scalar "
            "that starts at 2:4");
  EXPECT_EQ(Refusal("a: \"ok\"\nb: x\xff\n"), "2:5: not valid YAML: invalid leading UTF-8 octet");
  EXPECT_EQ(Refusal("a: 1\n\tb: 2\n"),
            "2:1: not valid YAML: found a tab character that violates indentation while scanning "
            "a plain scalar that starts at 1:4");
}

// Captured from yaml-cpp 0.7's emitter before METER stopped using it.
TEST(YamlWriter, QuotesAsYamlCppDid) {
  EXPECT_EQ(YamlDoubleQuoted("Quotes \" and 'apostrophes', colons: #hash"),
            "\"Quotes \\\" and 'apostrophes', colons: #hash\"");
  EXPECT_EQ(YamlDoubleQuoted("Line one\nline two\ttab\r\b\f"),
            "\"Line one\\nline two\\ttab\\r\\b\\f\"");
  EXPECT_EQ(YamlDoubleQuoted("\\ back"), "\"\\\\ back\"");
  EXPECT_EQ(YamlDoubleQuoted("ctl\x01\x1f end"), "\"ctl\\x01\\x1f end\"");
  EXPECT_EQ(YamlDoubleQuoted("nbsp\xc2\xa0 x\xc2\x85 \xc2\x80"), "\"nbsp\\xa0 x\\x85 \\x80\"");
  EXPECT_EQ(YamlDoubleQuoted("bom\xef\xbb\xbf"), "\"bom\\ufeff\"");
  EXPECT_EQ(YamlDoubleQuoted("中文 العربية émigré 😀 a\u2019b"),
            "\"中文 العربية émigré 😀 a\u2019b\"");
  EXPECT_EQ(YamlDoubleQuoted(""), "\"\"");
}

// What yaml-cpp wrote as it was but YAML does not allow in a file (a DEL, U+FFFE, U+FFFF) or
// reads as a line break (U+2028, U+2029: the spaces beside them were lost, and "--- " after one
// ended the document) is escaped, and what is not a character (a surrogate, an overlong form, past
// U+10FFFF) is written U+FFFD a byte: every text is read back, as written, from the file a
// knowledge entry becomes.
TEST(YamlWriter, WritesEveryTextSoThatItIsReadBack) {
  EXPECT_EQ(YamlDoubleQuoted("del\x7f \xEF\xBF\xBE\xEF\xBF\xBF"), "\"del\\x7f \\ufffe\\uffff\"");
  EXPECT_EQ(YamlDoubleQuoted("a \u2028 b\u2029"), "\"a \\u2028 b\\u2029\"");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(YamlDoubleQuoted("s\xED\xA0\x80"), "\"s" + fffd + fffd + fffd + "\"");
  EXPECT_EQ(YamlDoubleQuoted("o\xE0\x80\xAF"), "\"o" + fffd + fffd + fffd + "\"");
  EXPECT_EQ(YamlDoubleQuoted("p\xF4\x90\x80\x80"), "\"p" + fffd + fffd + fffd + fffd + "\"");
  for (const std::string text :
       {"a\x7f b", "\xEF\xBF\xBE x \xEF\xBF\xBF", "\xF4\x8F\xBF\xBF last",
        "\xED\x9F\xBF \xEE\x80\x80", "\x01\x1f\xC2\x85\xC2\xA0\xEF\xBB\xBF\t\r\n\"\\", "a \u2028 b",
        "a\u2028--- b", "a\u2029... b"}) {
    const YamlDocument read = Read("key: " + YamlDoubleQuoted(text) + "\n");
    EXPECT_EQ(read.root()["key"].Scalar(), text);
  }
}

TEST(YamlWriter, WritesBlocksAsYamlCppDid) {
  YamlBlockWriter out;
  out.Value("kind", "lesson");
  out.Map("title", {});
  out.Value("year", "2020");
  out.FlowList("pillars", {});
  out.FlowList("subareas", {"C1", "\"x y\""});
  out.MapList("sources", {{}, {{"title", "\"T\""}, {"url", "\"u\""}}});
  out.MapList("sources2", {});
  out.Map("summary", {{"en", "\"S\""}, {"\"zh-x\"", "\"z\""}});
  out.Value("licence", "CC");
  EXPECT_EQ(out.Text(),
            "kind: lesson\ntitle:\n  {}\nyear: 2020\npillars: []\nsubareas: [C1, \"x y\"]\n"
            "sources:\n  - {}\n  - title: \"T\"\n    url: \"u\"\nsources2:\n  []\nsummary:\n"
            "  en: \"S\"\n  \"zh-x\": \"z\"\nlicence: CC");
}

}  // namespace
}  // namespace meter
