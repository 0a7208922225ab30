// Sliding-window layers keep their K/V in a ring (run_state.h WindowRing):
// the ring's bounds, the memory it saves, and logits bit-identical to a full
// cache's while the ring wraps, for both cache types, one-token and batched
// passes, and a batch long enough to wrap onto its own window.
#include "test_support.h"

#include "modelatlas/engine/runtime/run_state.h"
#include "modelatlas/engine/runtime/session.h"

#include <cstring>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;

namespace {

struct RingCase {
    const char *name;
    int window;
    int maxBatch;
    int ctx;
};

class WindowRingBounds : public ::testing::TestWithParam<RingCase> {};

// What attention needs of a ring: a batch's writes never reach a position
// still in one of its tokens' windows (ring >= window + batch); every run it
// reads, up to window + 46 positions (15 before the window, 31 past the
// token), fits in the ring and its mirror contiguously; slots 32-aligned so
// the value dots' 16-lane order is the full cache's. And a ring only where
// it is smaller than the context.
TEST_P(WindowRingBounds, HoldEveryRunAttentionReads)
{
    const RingCase &p = GetParam();
    const WindowRing r = windowRing(p.window, p.maxBatch, p.ctx);
    const int longestRun = p.window + 46;
    if (r.ring == 0) {
        EXPECT_EQ(r.mirror, 0);
        const WindowRing unbounded = windowRing(p.window, p.maxBatch, 1 << 22);
        EXPECT_TRUE(p.window <= 0 || unbounded.length() >= p.ctx) << "a smaller ring was refused";
        return;
    }
    EXPECT_LT(r.length(), p.ctx);
    EXPECT_GE(r.ring, p.window + p.maxBatch);
    EXPECT_GE(r.ring, longestRun);
    EXPECT_GE(r.mirror, longestRun);
    EXPECT_LE(r.mirror, r.ring);
    EXPECT_EQ(r.ring % 32, 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, WindowRingBounds,
                         ::testing::Values(RingCase{"Tiny", 8, 1, 1024}, RingCase{"TinyBatch100", 8, 100, 1024},
                                           RingCase{"Gemma3_1B_32k", 512, 256, 32768},
                                           RingCase{"Gemma3_4B_128k", 1024, 512, 131072},
                                           RingCase{"OddWindow", 1000, 7, 8192},
                                           RingCase{"NotSmallerThanContext", 512, 256, 1024},
                                           RingCase{"JustNotSmaller", 8, 1, 192}, RingCase{"NoWindow", 0, 256, 4096}),
                         [](const ::testing::TestParamInfo<RingCase> &i) { return std::string(i.param.name); });

class WindowRingModel : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_file = new TempFile();
        ASSERT_FALSE(test::synthesise("tiny-gemma3", "F16", *s_file).empty());
        auto m = Model::load(s_file->path());
        ASSERT_TRUE(m.ok()) << m.message();
        s_model = new std::shared_ptr<const Model>(m.value());
    }
    static void TearDownTestSuite()
    {
        delete s_model;
        delete s_file;
    }
    static std::unique_ptr<Session> session(int ctx, int batch, KvCacheType type)
    {
        SessionOptions o;
        o.contextLength = ctx;
        o.batchSize = batch;
        o.kvType = type;
        o.threads = 2;
        auto s = Session::create(*s_model, o);
        EXPECT_TRUE(s.ok()) << s.message();
        return s ? std::move(s.value()) : nullptr;
    }
    static const Config &config() { return (*s_model)->config(); }

    static TempFile *s_file;
    static std::shared_ptr<const Model> *s_model;
};
TempFile *WindowRingModel::s_file = nullptr;
std::shared_ptr<const Model> *WindowRingModel::s_model = nullptr;

// One position of every layer's K and V, for a cache of `type`.
uint64_t bytesPerPosition(const Config &c, KvCacheType type)
{
    return 2 * kvCacheBytes(type, uint64_t(c.kvDim()));
}

TEST_F(WindowRingModel, LocalLayersHoldOnlyTheRing)
{
    const Config &c = config();
    ASSERT_GT(c.slidingWindowPeriod, 0);
    for (const KvCacheType type : {KvCacheType::F16, KvCacheType::Q8_0}) {
        const int ctx = 4096, batch = 256;
        const auto s = session(ctx, batch, type);
        ASSERT_TRUE(s);
        const WindowRing r = windowRing(c.slidingWindow, batch, ctx);
        ASSERT_GT(r.ring, 0);
        uint64_t positions = 0;
        for (int l = 0; l < c.nLayers; ++l)
            positions += uint64_t(c.isLocalLayer(l) ? r.length() : ctx);
        EXPECT_EQ(s->memory().kvCacheBytes, positions * bytesPerPosition(c, type)) << kvCacheTypeName(type);
        EXPECT_EQ(KvCache::bytesFor(c, ctx, type, batch), s->memory().kvCacheBytes);
        EXPECT_LT(s->memory().kvCacheBytes, uint64_t(ctx) * c.nLayers * bytesPerPosition(c, type));
    }
    // The pre-load estimate covers the session, and grows with the context by
    // the global layers' positions only (a full cache would grow by every layer's).
    const ModelInfo &info = (*s_model)->info();
    EXPECT_GE(info.estimateBytes(4096, 256), info.weightBytes + KvCache::bytesFor(c, 4096, KvCacheType::F16, 256));
    EXPECT_LT(info.estimateBytes(4096, 256) - info.estimateBytes(2048, 256), 2048 * info.kvBytesPerToken);
}

struct WrapCase {
    const char *name;
    KvCacheType type;
    int batch;
};

class WindowRingWraps : public WindowRingModel, public ::testing::WithParamInterface<WrapCase> {};

// A session whose window layers keep a ring against one whose context is too
// short for a ring to pay (a full cache), over as many tokens as the short one
// holds: the ring wraps, and every logit must be the same bits.
TEST_P(WindowRingWraps, LogitsEqualAFullCache)
{
    const WrapCase &p = GetParam();
    const Config &c = config();
    const int shortCtx = windowRing(c.slidingWindow, p.batch, 1 << 22).length();
    ASSERT_EQ(windowRing(c.slidingWindow, p.batch, shortCtx).ring, 0) << "the short session must keep a full cache";
    const auto ringed = session(4096, p.batch, p.type);
    const auto full = session(shortCtx, p.batch, p.type);
    ASSERT_TRUE(ringed && full);
    ASSERT_LT(ringed->memory().kvCacheBytes, uint64_t(4096) * c.nLayers * bytesPerPosition(c, p.type));

    const int n = shortCtx - 2;
    ASSERT_GT(n, windowRing(c.slidingWindow, p.batch, 4096).ring) << "the ring must wrap";
    std::vector<int32_t> tokens(size_t(n), 0);
    uint32_t state = 12345;
    for (auto &t : tokens) {
        state = state * 1664525u + 1013904223u;
        t = int32_t((state >> 8) % uint32_t(c.vocabSize));
    }
    std::vector<float> ringLogits, fullLogits;
    ASSERT_TRUE(ringed->evaluateAll(tokens, ringLogits).ok());
    ASSERT_TRUE(full->evaluateAll(tokens, fullLogits).ok());
    ASSERT_EQ(ringLogits.size(), fullLogits.size());
    int firstDiffering = -1;
    for (size_t i = 0; i < ringLogits.size() && firstDiffering < 0; ++i)
        if (std::memcmp(&ringLogits[i], &fullLogits[i], sizeof(float)) != 0)
            firstDiffering = int(i / size_t(c.vocabSize));
    EXPECT_EQ(firstDiffering, -1) << "logits differ from token " << firstDiffering;
}

INSTANTIATE_TEST_SUITE_P(Cases, WindowRingWraps,
                         ::testing::Values(WrapCase{"F16_OneToken", KvCacheType::F16, 1},
                                           WrapCase{"F16_Batch5", KvCacheType::F16, 5},
                                           WrapCase{"F16_Batch16", KvCacheType::F16, 16},
                                           WrapCase{"F16_Batch100", KvCacheType::F16, 100},
                                           WrapCase{"Q8_0_OneToken", KvCacheType::Q8_0, 1},
                                           WrapCase{"Q8_0_Batch5", KvCacheType::Q8_0, 5},
                                           WrapCase{"Q8_0_Batch100", KvCacheType::Q8_0, 100}),
                         [](const ::testing::TestParamInfo<WrapCase> &i) { return std::string(i.param.name); });

} // namespace
