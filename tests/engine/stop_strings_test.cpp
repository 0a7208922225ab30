// StopStringMatcher: stop strings split across streamed pieces, held-back
// prefixes, the earliest of several matches, and text after a match dropped.
#include "modelatlas/engine/runtime/stop_strings.h"

#include <gtest/gtest.h>

using modelatlas::engine::StopStringMatcher;

namespace {

TEST(StopStrings, MatchSplitAcrossPiecesIsCutAndNeverStreamed)
{
    StopStringMatcher m({"\nUser:"});
    std::string streamed;
    streamed += m.push("Hello");
    streamed += m.push(" there\nUs");   // "\nUs" could start the stop string: held back
    EXPECT_EQ(streamed, "Hello there");
    EXPECT_FALSE(m.matched());
    streamed += m.push("er: more");
    EXPECT_TRUE(m.matched());
    EXPECT_EQ(m.matchedString(), "\nUser:");
    EXPECT_EQ(streamed, "Hello there");
    EXPECT_EQ(m.text(), "Hello there");
    EXPECT_EQ(m.push("ignored"), "");
    EXPECT_EQ(m.flush(), "");
}

TEST(StopStrings, HeldPrefixIsReleasedWhenItDoesNotContinue)
{
    StopStringMatcher m({"END"});
    EXPECT_EQ(m.push("the EN"), "the ");
    EXPECT_EQ(m.push("D"), "");
    EXPECT_TRUE(m.matched());

    StopStringMatcher n({"END"});
    EXPECT_EQ(n.push("the EN"), "the ");
    EXPECT_EQ(n.push("TRY"), "ENTRY");
    EXPECT_EQ(n.push(" E"), " ");
    EXPECT_EQ(n.flush(), "E");   // generation ended without a match: the tail is text
    EXPECT_FALSE(n.matched());
    EXPECT_EQ(n.text(), "the ENTRY E");
}

TEST(StopStrings, EarliestOfSeveralWinsAndTextAfterItInTheSamePieceIsDropped)
{
    StopStringMatcher m({"c", "ab", ""});
    EXPECT_EQ(m.push("xxabyc zz"), "xx");
    EXPECT_EQ(m.matchedString(), "ab");
    EXPECT_EQ(m.text(), "xx");
}

TEST(StopStrings, WithoutStopStringsEverythingPassesThrough)
{
    StopStringMatcher m({});
    EXPECT_EQ(m.push("a"), "a");
    EXPECT_EQ(m.push("b"), "b");
    EXPECT_EQ(m.flush(), "");
    EXPECT_EQ(m.text(), "ab");
}

TEST(StopStrings, MultiByteCharactersAreNotSplit)
{
    StopStringMatcher m({"é!"});
    EXPECT_EQ(m.push("café"), "caf");   // "é" may start "é!"
    EXPECT_EQ(m.push("?"), "é?");
}

} // namespace
