<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Appearance</name>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Unknown image format &quot;%1&quot;: use .png or .svg.</source>
        <translation>未知图像格式“%1”：请使用 .png 或 .svg。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>CompareCharts</name>
    <message>
        <source>Score (lowest source)</source>
        <translation>得分（来源中的最低值）</translation>
    </message>
    <message>
        <source>Range between sources</source>
        <translation>来源之间的范围</translation>
    </message>
    <message>
        <source>No score in the catalog</source>
        <translation>目录中没有成绩</translation>
    </message>
    <message>
        <source>Fits the hardware</source>
        <translation>可装入该硬件</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>%1 (Pareto)</source>
        <translation>%1（帕累托）</translation>
    </message>
    <message>
        <source>%1 (no score)</source>
        <translation>%1（无得分）</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Catalog</name>
    <message>
        <source>Total parameters (B)</source>
        <translation>总参数量（B）</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>激活参数量（B）</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力机制</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>开发方</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>优势</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>最适合</translation>
    </message>
    <message>
        <source>Hugging Face repository</source>
        <translation>Hugging Face 仓库</translation>
    </message>
    <message>
        <source>Running it locally</source>
        <translation>本地运行</translation>
    </message>
    <message>
        <source>Training tokens (T)</source>
        <translation>训练词元（T）</translation>
    </message>
    <message>
        <source>Training GPU-hours (M)</source>
        <translation>训练 GPU 小时（百万）</translation>
    </message>
    <message>
        <source>Training cost (M USD)</source>
        <translation>训练成本（百万美元）</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Experts per token</source>
        <translation>每词元专家数</translation>
    </message>
    <message>
        <source>Shared experts</source>
        <translation>共享专家数</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Catalog::CatalogTableModel</name>
    <message>
        <source>Sources disagree on some of this model&apos;s values; see the details pane.</source>
        <translation>来源对该模型的部分数值存在分歧；详见详情面板。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>激活参数</translation>
    </message>
    <message>
        <source>Arch</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::AboutDialog</name>
    <message>
        <source>none of AVX2/FMA/F16C/AVX-512</source>
        <translation>不支持 AVX2/FMA/F16C/AVX-512</translation>
    </message>
    <message>
        <source>About ModelAtlas</source>
        <translation>关于 ModelAtlas</translation>
    </message>
    <message>
        <source>ModelAtlas %1</source>
        <translation>ModelAtlas %1</translation>
    </message>
    <message>
        <source>Catalog: %1</source>
        <translation>目录：%1</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Qt: %1 (built with %2)</source>
        <translation>Qt：%1（构建时使用 %2）</translation>
    </message>
    <message>
        <source>Engine: %1, backend %2</source>
        <translation>引擎：%1，后端 %2</translation>
    </message>
    <message>
        <source>CPU kernels: %1 (CPU features: %2)</source>
        <translation>CPU 内核：%1（CPU 特性：%2）</translation>
    </message>
    <message>
        <source>Choose an open-weight LLM, plan its deployment and verify it on your hardware.</source>
        <translation>选择开放权重的大语言模型，规划其部署，并在您的硬件上验证。</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>复制版本信息(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::CatalogFilterWidget</name>
    <message>
        <source>Tier 1: fully free (Apache 2.0, MIT, BSD)</source>
        <translation>第 1 级：完全自由（Apache 2.0、MIT、BSD）</translation>
    </message>
    <message>
        <source>Tier 2: conditional use policy (e.g. Llama 700M MAU threshold, Gemma terms)</source>
        <translation>第 2 级：有条件的使用政策（例如 Llama 7 亿月活阈值、Gemma 条款）</translation>
    </message>
    <message>
        <source>Tier 3: free for research; commercial use needs a separate license</source>
        <translation>第 3 级：研究免费；商业用途需单独授权</translation>
    </message>
    <message>
        <source>Tier 4: non-commercial only (CC-BY-NC, parts of OpenRAIL-M)</source>
        <translation>第 4 级：仅限非商业用途（CC-BY-NC、部分 OpenRAIL-M）</translation>
    </message>
    <message>
        <source>Tier 5: most restrictive</source>
        <translation>第 5 级：限制最多</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>&amp;Family:</source>
        <translation>系列(&amp;F)：</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>厂商(&amp;V)：</translation>
    </message>
    <message>
        <source>License tier %1</source>
        <translation>许可证第 %1 级</translation>
    </message>
    <message>
        <source>License tier:</source>
        <translation>许可证等级：</translation>
    </message>
    <message>
        <source>License tiers 1 (fully free) to 5 (most restrictive); none checked shows all</source>
        <translation>许可证等级从 1（完全自由）到 5（限制最多）；不勾选则显示全部</translation>
    </message>
    <message>
        <source>&amp;Commercial use allowed</source>
        <translation>允许商业用途(&amp;C)</translation>
    </message>
    <message>
        <source>Licenses that allow commercial use outright or under conditions (e.g. a user threshold)</source>
        <translation>无条件或有条件（例如用户数阈值）允许商业用途的许可证</translation>
    </message>
    <message>
        <source>Minimum total parameters, billions</source>
        <translation>最小总参数（十亿）</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Maximum total parameters, billions</source>
        <translation>最大总参数（十亿）</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>&amp;Params (B):</source>
        <translation>参数（B）(&amp;P)：</translation>
    </message>
    <message>
        <source>Maximum active parameters, billions</source>
        <translation>最大激活参数（十亿）</translation>
    </message>
    <message>
        <source>Parameters used per token: MoE models activate a fraction of their total</source>
        <translation>每个词元使用的参数：MoE 模型只激活总参数的一部分</translation>
    </message>
    <message>
        <source>&amp;Active params ≤ (B):</source>
        <translation>激活参数 ≤（B）(&amp;A)：</translation>
    </message>
    <message>
        <source>Minimum context length</source>
        <translation>最小上下文长度</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>Min con&amp;text:</source>
        <translation>最小上下文(&amp;T)：</translation>
    </message>
    <message>
        <source>Input modality</source>
        <translation>输入模态</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>&amp;Modality:</source>
        <translation>模态(&amp;M)：</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>稠密</translation>
    </message>
    <message>
        <source>Mixture of experts</source>
        <translation>混合专家</translation>
    </message>
    <message>
        <source>A&amp;rchitecture:</source>
        <translation>架构(&amp;R)：</translation>
    </message>
    <message>
        <source>Benchmark shown in the Score column</source>
        <translation>在“得分”列中显示的基准测试</translation>
    </message>
    <message>
        <source>&amp;Benchmark:</source>
        <translation>基准测试(&amp;B)：</translation>
    </message>
    <message>
        <source>Minimum benchmark score</source>
        <translation>最低基准测试分数</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Min &amp;score:</source>
        <translation>最低分数(&amp;S)：</translation>
    </message>
    <message>
        <source>Sources &amp;disagree only</source>
        <translation>仅显示来源不一致的(&amp;D)</translation>
    </message>
    <message>
        <source>Only models whose sources state different values for some field (⚠)</source>
        <translation>仅显示某些字段在不同来源中数值不一致的模型（⚠）</translation>
    </message>
    <message>
        <source>R&amp;eset filters</source>
        <translation>重置筛选(&amp;E)</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>所有系列</translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation>所有厂商</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: the minimum (%2) is above the maximum (%3).</source>
        <translation>%1：最小值（%2）大于最大值（%3）。</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation>%1：“%2”不是数字。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::CatalogPage</name>
    <message>
        <source>Search models by name, id or alias (Ctrl+F)</source>
        <translation>按名称、ID 或别名搜索模型（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>模型详情</translation>
    </message>
    <message>
        <source>Select a model to see every source&apos;s values, benchmarks and license.</source>
        <translation>选择模型以查看各来源的数值、基准测试和许可证。</translation>
    </message>
    <message>
        <source>Opening the catalog…</source>
        <translation>正在打开目录…</translation>
    </message>
    <message>
        <source>No catalog</source>
        <translation>无目录</translation>
    </message>
    <message>
        <source>Check the filters</source>
        <translation>请检查筛选条件</translation>
    </message>
    <message>
        <source>Query failed</source>
        <translation>查询失败</translation>
    </message>
    <message>
        <source>1 model</source>
        <translation>1 个模型</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>%1 个模型</translation>
    </message>
    <message>
        <source>%1 of %2 models</source>
        <translation>%1 / %2 个模型</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::ComparePage</name>
    <message>
        <source>Fits</source>
        <translation>可装入</translation>
    </message>
    <message>
        <source>Fits with CPU offload</source>
        <translation>卸载到 CPU 后可装入</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>无法装入</translation>
    </message>
    <message>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <source>Filter the model list</source>
        <translation>筛选模型列表</translation>
    </message>
    <message>
        <source>Models to compare</source>
        <translation>要对比的模型</translation>
    </message>
    <message>
        <source>Tick 2 to 8 models (Space toggles the current one)</source>
        <translation>勾选 2 到 8 个模型（空格键切换当前项）</translation>
    </message>
    <message>
        <source>Models (2 to 8):</source>
        <translation>模型（2 到 8 个）：</translation>
    </message>
    <message>
        <source>&amp;Hardware for memory, speed and cost:</source>
        <translation>用于计算内存、速度和成本的硬件(&amp;H)：</translation>
    </message>
    <message>
        <source>Models side by side</source>
        <translation>模型并排对比</translation>
    </message>
    <message>
        <source>Quality benchmark (vertical axis)</source>
        <translation>质量基准测试（纵轴）</translation>
    </message>
    <message>
        <source>Cost measure (horizontal axis)</source>
        <translation>成本指标（横轴）</translation>
    </message>
    <message>
        <source>Memory needed (GiB)</source>
        <translation>所需内存（GiB）</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>激活参数（B）</translation>
    </message>
    <message>
        <source>Self-hosted $ per million tokens</source>
        <translation>自托管每百万词元成本（$）</translation>
    </message>
    <message>
        <source>Quality against cost</source>
        <translation>质量与成本对比</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>质量(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;against:</source>
        <translation>对比(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Benchmarks</source>
        <translation>基准测试(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>并排对比(&amp;S)</translation>
    </message>
    <message>
        <source>Quality vs &amp;cost</source>
        <translation>质量与成本(&amp;C)</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Save the charts of this tab as PNG or SVG</source>
        <translation>将此标签页的图表保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the table and every benchmark value as CSV</source>
        <translation>将表格和所有基准测试数值保存为 CSV</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>无法打开目录数据库：%1</translation>
    </message>
    <message>
        <source>The catalog could not be read: %1</source>
        <translation>无法读取目录：%1</translation>
    </message>
    <message>
        <source>%1 — no benchmark scores in the catalog</source>
        <translation>%1 — 目录中没有基准测试成绩</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) picked</source>
        <translation>
            <numerusform>已选 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 chart</source>
        <translation>%1 图表</translation>
    </message>
    <message>
        <source>None of these models has a score on the compared benchmarks</source>
        <translation>这些模型在所比较的基准测试上都没有成绩</translation>
    </message>
    <message>
        <source>Parameters (B)</source>
        <translation>参数（B）</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>License tier</source>
        <translation>许可证等级</translation>
    </message>
    <message>
        <source>Quantization on this hardware</source>
        <translation>在此硬件上的量化</translation>
    </message>
    <message>
        <source>Predicted memory (GiB)</source>
        <translation>预测内存（GiB）</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Decode tok/s (1 user)</source>
        <translation>解码 词元/秒（1 个用户）</translation>
    </message>
    <message>
        <source>Self-hosted $/M tokens</source>
        <translation>自托管 $/百万词元</translation>
    </message>
    <message>
        <source>Cheapest API $/M output</source>
        <translation>最便宜 API 每百万输出词元价格（$）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>no hardware</source>
        <translation>未选择硬件</translation>
    </message>
    <message>
        <source>no architecture in the catalog</source>
        <translation>目录中没有架构信息</translation>
    </message>
    <message>
        <source>Not drawn: %1</source>
        <translation>未绘制：%1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>ModelAtlas comparison</source>
        <translation>ModelAtlas 对比</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::FirstRunTour</name>
    <message>
        <source>Welcome to ModelAtlas</source>
        <translation>欢迎使用 ModelAtlas</translation>
    </message>
    <message>
        <source>&amp;Skip tour</source>
        <translation>跳过导览(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::HardwarePicker</name>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>The machine the models must fit on: this computer, a saved profile or catalog GPUs</source>
        <translation>模型必须装入的机器：此计算机、已保存的配置或目录中的 GPU</translation>
    </message>
    <message>
        <source>Number of GPUs</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Detect this computer&apos;s hardware</source>
        <translation>检测此计算机的硬件</translation>
    </message>
    <message>
        <source>Read this computer&apos;s CPU, memory and NVIDIA GPUs again</source>
        <translation>重新读取此计算机的 CPU、内存和 NVIDIA GPU</translation>
    </message>
    <message>
        <source>Any hardware (no fit check)</source>
        <translation>任意硬件（不检查能否装入）</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>CPU only, %1 GiB RAM</source>
        <translation>仅 CPU，内存 %1 GiB</translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation>此计算机（%1）</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::CatalogWorker</name>
    <message>
        <source>The catalog database is not open.</source>
        <translation>目录数据库未打开。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::LicensesWorker</name>
    <message>
        <source>The license catalog is not loaded yet.</source>
        <translation>许可证目录尚未加载。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::PlaygroundWorker</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::LicenseVerdictModel</name>
    <message>
        <source>Verdict: %1</source>
        <translation>结论：%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Deciding clause</source>
        <translation>决定性条款</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>义务</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::LicensesPage</name>
    <message>
        <source>License verdicts of all models</source>
        <translation>所有模型的许可证结论</translation>
    </message>
    <message>
        <source>Clauses behind the selected model&apos;s verdict</source>
        <translation>所选模型结论所依据的条款</translation>
    </message>
    <message>
        <source>Obligations of the selected models side by side</source>
        <translation>所选模型的义务并排对比</translation>
    </message>
    <message>
        <source>Obligations side by side (select two or more models):</source>
        <translation>义务并排对比（请选择两个或更多模型）：</translation>
    </message>
    <message>
        <source>Verdicts read the license clauses recorded in the catalog; they are not legal advice.</source>
        <translation>结论基于目录中记录的许可证条款；不构成法律建议。</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>报告已写入 %1。</translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>已保存的配置</translation>
    </message>
    <message>
        <source>Saved profile</source>
        <translation>已保存的配置</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>加载(&amp;L)</translation>
    </message>
    <message>
        <source>Load the saved profile</source>
        <translation>加载已保存的配置</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>e.g. production SaaS</source>
        <translation>例如生产环境 SaaS</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the profile under this name</source>
        <translation>以此名称保存配置</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Open profile &amp;file…</source>
        <translation>打开配置文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a profile file</source>
        <translation>打开配置文件</translation>
    </message>
    <message>
        <source>Deployment profile</source>
        <translation>部署配置</translation>
    </message>
    <message>
        <source>Organisation type</source>
        <translation>组织类型</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Commercial use</source>
        <translation>商业用途(&amp;C)</translation>
    </message>
    <message>
        <source>Commercial use</source>
        <translation>商业用途</translation>
    </message>
    <message>
        <source>Monthly active users, millions</source>
        <translation>月活跃用户（百万）</translation>
    </message>
    <message>
        <source> M</source>
        <translation> M</translation>
    </message>
    <message>
        <source>Monthly active users of your products and services, including affiliates, in millions</source>
        <translation>您的产品和服务（含关联公司）的月活跃用户数（百万）</translation>
    </message>
    <message>
        <source>Monthly active &amp;users:</source>
        <translation>月活跃用户(&amp;U)：</translation>
    </message>
    <message>
        <source>Annual revenue, millions of USD</source>
        <translation>年收入（百万美元）</translation>
    </message>
    <message>
        <source>Annual &amp;revenue:</source>
        <translation>年收入(&amp;R)：</translation>
    </message>
    <message>
        <source>Domiciled in the &amp;EU</source>
        <translation>位于欧盟(&amp;E)</translation>
    </message>
    <message>
        <source>Domiciled in the EU</source>
        <translation>位于欧盟</translation>
    </message>
    <message>
        <source>Use modes</source>
        <translation>使用方式</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Use modes:</source>
        <translation>使用方式：</translation>
    </message>
    <message>
        <source>Domains:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <source>Report plan</source>
        <translation>报告方案</translation>
    </message>
    <message>
        <source>Report quantization</source>
        <translation>报告量化</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>量化(&amp;Q)：</translation>
    </message>
    <message>
        <source>Report GPU</source>
        <translation>报告 GPU</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>Number of GPUs</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <source>GPU &amp;count:</source>
        <translation>GPU 数量(&amp;C)：</translation>
    </message>
    <message>
        <source>Context length, tokens</source>
        <translation>上下文长度（词元）</translation>
    </message>
    <message>
        <source>Con&amp;text:</source>
        <translation>上下文(&amp;T)：</translation>
    </message>
    <message>
        <source>Concurrent users</source>
        <translation>并发用户</translation>
    </message>
    <message>
        <source>Concurrent u&amp;sers:</source>
        <translation>并发用户(&amp;S)：</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>导出报告(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the deployment report of the selected model</source>
        <translation>导出所选模型的部署报告</translation>
    </message>
    <message>
        <source>Markdown, HTML, PDF or JSON, chosen by the file name&apos;s extension</source>
        <translation>Markdown、HTML、PDF 或 JSON，由文件扩展名决定</translation>
    </message>
    <message>
        <source>The profile is incomplete: %1</source>
        <translation>配置不完整：%1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a model to see the clauses behind its verdict.&lt;/p&gt;</source>
        <translation>&lt;p&gt;选择一个模型以查看其结论所依据的条款。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;License: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;许可证：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>&lt;p&gt;No clause restricts this profile.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有条款限制此配置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Why it applies:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;适用原因：&lt;/i&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Source: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;来源：&lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Remedy:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;补救办法：&lt;/i&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Obligations&lt;/h4&gt;&lt;ul&gt;</source>
        <translation>&lt;h4&gt;义务&lt;/h4&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Note:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;注：&lt;/i&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;small&gt;Not legal advice: a reading of the license clauses recorded in the catalog.&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;非法律建议：仅为对目录中记录的许可证条款的解读。&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Could not read the profile: %1</source>
        <translation>无法读取配置：%1</translation>
    </message>
    <message>
        <source>Profile read from %1.</source>
        <translation>已从 %1 读取配置。</translation>
    </message>
    <message>
        <source>Select a model to export its report.</source>
        <translation>请选择模型以导出其报告。</translation>
    </message>
    <message>
        <source>Choose a file name ending in .md, .html, .pdf or .json.</source>
        <translation>请选择以 .md、.html、.pdf 或 .json 结尾的文件名。</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在写入报告…</translation>
    </message>
    <message>
        <source>Export deployment report</source>
        <translation>导出部署报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)</source>
        <translation>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Open deployment profile</source>
        <translation>打开部署配置</translation>
    </message>
    <message>
        <source>Profiles (*.json);;All files (*)</source>
        <translation>配置文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Give the profile a name to save it.</source>
        <translation>请为配置命名后再保存。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved.</source>
        <translation>配置“%1”已保存。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Browse, search and filter the model catalog</source>
        <translation>浏览、搜索和筛选模型目录</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>规划器</translation>
    </message>
    <message>
        <source>Memory, speed, cost and serving configuration for a model on your hardware</source>
        <translation>模型在您硬件上的内存、速度、成本和服务配置</translation>
    </message>
    <message>
        <source>Licenses</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>License verdicts, clauses and obligations for your deployment; deployment reports</source>
        <translation>针对您的部署的许可证结论、条款和义务；部署报告</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Benchmarks, specs, memory, speed and cost of 2 to 8 models side by side</source>
        <translation>并排对比 2 到 8 个模型的基准测试、规格、内存、速度和成本</translation>
    </message>
    <message>
        <source>Recommend</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>A ranked shortlist for your use case, hardware, license and budget</source>
        <translation>根据您的场景、硬件、许可证和预算给出的排名候选列表</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <source>Prompt local and remote models side by side and measure what the planner predicted</source>
        <translation>并排向本地和远程模型发送提示，并实测规划器的预测</translation>
    </message>
    <message>
        <source>Opening the catalog</source>
        <translation>正在打开目录</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Tour of the pages</source>
        <translation>页面导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About ModelAtlas</source>
        <translation>关于 ModelAtlas(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Opening the catalog; a first start imports the built-in catalog…</source>
        <translation>正在打开目录；首次启动会导入内置目录…</translation>
    </message>
    <message>
        <source>1 model in the catalog</source>
        <translation>目录中有 1 个模型</translation>
    </message>
    <message>
        <source>%1 models in the catalog</source>
        <translation>目录中有 %1 个模型</translation>
    </message>
    <message>
        <source>no catalog</source>
        <translation>无目录</translation>
    </message>
    <message>
        <source>catalog %1</source>
        <translation>目录 %1</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <source>The catalog import failed; showing the models already in the database.</source>
        <translation>目录导入失败；显示数据库中已有的模型。</translation>
    </message>
    <message>
        <source>Imported catalog %1.</source>
        <translation>已导入目录 %1。</translation>
    </message>
    <message>
        <source>Catalog problem</source>
        <translation>目录问题</translation>
    </message>
    <message>
        <source>ModelAtlas could not load the built-in catalog. It keeps working with whatever the database already holds.</source>
        <translation>ModelAtlas 无法加载内置目录，将继续使用数据库中已有的内容。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::ModelDetails</name>
    <message>
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>allowed under conditions</source>
        <translation>有条件允许</translation>
    </message>
    <message>
        <source>only with a paid license</source>
        <translation>仅限付费许可</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 参数</translation>
    </message>
    <message>
        <source> (%1 active)</source>
        <translation>（%1 激活）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; context</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 上下文</translation>
    </message>
    <message>
        <source>released %1</source>
        <translation>发布于 %1</translation>
    </message>
    <message>
        <source>Also known as:</source>
        <translation>又称：</translation>
    </message>
    <message>
        <source>Based on:</source>
        <translation>基于：</translation>
    </message>
    <message>
        <source>Sources disagree on 1 value; both are shown below.</source>
        <translation>来源在 1 个数值上不一致；下方列出两个值。</translation>
    </message>
    <message>
        <source>Sources disagree on %1 values; each is shown below.</source>
        <translation>来源在 %1 个数值上不一致；下方分别列出。</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>测试设置</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>第 %1 级</translation>
    </message>
    <message>
        <source>tier unknown</source>
        <translation>等级未知</translation>
    </message>
    <message>
        <source>commercial use %1</source>
        <translation>商业用途：%1</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Hyper-parameter</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>API prices</source>
        <translation>API 价格</translation>
    </message>
    <message>
        <source>Your note</source>
        <translation>您的备注</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlannerPage</name>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 K</source>
        <translation>%1 K</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Headroom</source>
        <translation>余量</translation>
    </message>
    <message>
        <source>Maximum context</source>
        <translation>最大上下文</translation>
    </message>
    <message>
        <source>Decode speed</source>
        <translation>解码速度</translation>
    </message>
    <message>
        <source>Prefill speed</source>
        <translation>预填充速度</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首词元时间</translation>
    </message>
    <message>
        <source>Measured on this machine</source>
        <translation>在本机上实测</translation>
    </message>
    <message>
        <source>Headroom:</source>
        <translation>余量：</translation>
    </message>
    <message>
        <source>Max context that fits:</source>
        <translation>可装入的最大上下文：</translation>
    </message>
    <message>
        <source>Decode:</source>
        <translation>解码：</translation>
    </message>
    <message>
        <source>Prefill:</source>
        <translation>预填充：</translation>
    </message>
    <message>
        <source>Time to first token:</source>
        <translation>首词元时间：</translation>
    </message>
    <message>
        <source>Measured here:</source>
        <translation>本机实测：</translation>
    </message>
    <message>
        <source>Plan details</source>
        <translation>方案详情</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Fit matrix</source>
        <translation>适配矩阵</translation>
    </message>
    <message>
        <source>Serving config</source>
        <translation>服务配置</translation>
    </message>
    <message>
        <source>Loading the catalog…</source>
        <translation>正在加载目录…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>A catalog model with known hyper-parameters; type to search</source>
        <translation>具有已知超参数的目录模型；输入以搜索</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>打开 GGUF 文件…</translation>
    </message>
    <message>
        <source>Open GGUF file</source>
        <translation>打开 GGUF 文件</translation>
    </message>
    <message>
        <source>Plan from a GGUF file&apos;s header (exact tensor types); the weights are not loaded</source>
        <translation>根据 GGUF 文件头规划（精确的张量类型）；不加载权重</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>量化(&amp;Q)：</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Tokens per sequence, e.g. 8192, 32k, 128K</source>
        <translation>每个序列的词元数，例如 8192、32k、128K</translation>
    </message>
    <message>
        <source>Concurrent users</source>
        <translation>并发用户</translation>
    </message>
    <message>
        <source>Sequences served at the same time; each has its own KV cache</source>
        <translation>同时服务的序列数；每个序列都有自己的 KV 缓存</translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation>提示长度</translation>
    </message>
    <message>
        <source>Prompt tokens, for prefill time and time to first token</source>
        <translation>提示词元数，用于计算预填充时间和首词元时间</translation>
    </message>
    <message>
        <source>KV-cache type</source>
        <translation>KV 缓存类型</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>&amp;Context (tokens):</source>
        <translation>上下文（词元）(&amp;C)：</translation>
    </message>
    <message>
        <source>Concurrent &amp;users:</source>
        <translation>并发用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Prompt (tokens):</source>
        <translation>提示（词元）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;KV cache:</source>
        <translation>KV 缓存(&amp;K)：</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>A catalog GPU, a saved hardware profile, or CPU only; type to search</source>
        <translation>目录中的 GPU、已保存的硬件配置或仅 CPU；输入以搜索</translation>
    </message>
    <message>
        <source>GPUs per node</source>
        <translation>每节点 GPU 数</translation>
    </message>
    <message>
        <source>GPUs in each node (1-64)</source>
        <translation>每个节点的 GPU 数（1-64）</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Identical machines (1-1024)</source>
        <translation>相同机器数（1-1024）</translation>
    </message>
    <message>
        <source>CPU RAM in GiB</source>
        <translation>CPU 内存（GiB）</translation>
    </message>
    <message>
        <source>System RAM available for CPU offload, GiB</source>
        <translation>可用于 CPU 卸载的系统内存（GiB）</translation>
    </message>
    <message>
        <source>CPU memory bandwidth in GB/s</source>
        <translation>CPU 内存带宽（GB/s）</translation>
    </message>
    <message>
        <source>Sustained system-memory read bandwidth, GB/s: what CPU-only plans and offloaded layers run at</source>
        <translation>系统内存持续读取带宽（GB/s）：仅 CPU 方案和卸载层的运行速度取决于它</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Auto (llama.cpp for GGUF, else vLLM)</source>
        <translation>自动（GGUF 用 llama.cpp，否则用 vLLM）</translation>
    </message>
    <message>
        <source>llama.cpp (CUDA)</source>
        <translation>llama.cpp（CUDA）</translation>
    </message>
    <message>
        <source>llama.cpp (CPU)</source>
        <translation>llama.cpp（CPU）</translation>
    </message>
    <message>
        <source>llama.cpp (Metal)</source>
        <translation>llama.cpp（Metal）</translation>
    </message>
    <message>
        <source>vLLM</source>
        <translation>vLLM</translation>
    </message>
    <message>
        <source>ModelAtlas engine (CPU)</source>
        <translation>ModelAtlas 引擎（CPU）</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>GPUs per &amp;node:</source>
        <translation>每节点 GPU 数(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;odes:</source>
        <translation>节点数(&amp;O)：</translation>
    </message>
    <message>
        <source>CPU &amp;RAM (GiB):</source>
        <translation>CPU 内存（GiB）(&amp;R)：</translation>
    </message>
    <message>
        <source>CPU memory &amp;bandwidth (GB/s):</source>
        <translation>CPU 内存带宽（GB/s）(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>引擎(&amp;E)：</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>每日请求数</translation>
    </message>
    <message>
        <source>Requests a day, for the monthly cost</source>
        <translation>每日请求数，用于计算每月成本</translation>
    </message>
    <message>
        <source>Input tokens per request</source>
        <translation>每请求输入词元数</translation>
    </message>
    <message>
        <source>Prompt tokens per request (priced as input by APIs)</source>
        <translation>每请求提示词元数（API 按输入计价）</translation>
    </message>
    <message>
        <source>Output tokens per request</source>
        <translation>每请求输出词元数</translation>
    </message>
    <message>
        <source>Generated tokens per request</source>
        <translation>每请求生成的词元数</translation>
    </message>
    <message>
        <source>Traffic (for cost)</source>
        <translation>流量（用于成本）</translation>
    </message>
    <message>
        <source>Requests per &amp;day:</source>
        <translation>每日请求数(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Input tokens:</source>
        <translation>输入词元(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Output tokens:</source>
        <translation>输出词元(&amp;O)：</translation>
    </message>
    <message>
        <source>Input problem</source>
        <translation>输入问题</translation>
    </message>
    <message>
        <source>Memory per device</source>
        <translation>每设备内存</translation>
    </message>
    <message>
        <source>Monthly cost against volume</source>
        <translation>每月成本与请求量的关系</translation>
    </message>
    <message>
        <source>API alternatives</source>
        <translation>API 替代方案</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Monthly at your traffic</source>
        <translation>按您的流量每月费用</translation>
    </message>
    <message>
        <source>Break-even (requests/month)</source>
        <translation>盈亏平衡（请求数/月）</translation>
    </message>
    <message>
        <source>Cheaper now</source>
        <translation>当前更便宜</translation>
    </message>
    <message>
        <source>Serving engine</source>
        <translation>服务引擎</translation>
    </message>
    <message>
        <source>SGLang</source>
        <translation>SGLang</translation>
    </message>
    <message>
        <source>llama.cpp server</source>
        <translation>llama.cpp 服务器</translation>
    </message>
    <message>
        <source>Ollama (Modelfile)</source>
        <translation>Ollama（Modelfile）</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the serving configuration</source>
        <translation>复制服务配置</translation>
    </message>
    <message>
        <source>Serving configuration</source>
        <translation>服务配置</translation>
    </message>
    <message>
        <source>E&amp;ngine:</source>
        <translation>引擎(&amp;N)：</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>无法打开目录数据库：%1</translation>
    </message>
    <message>
        <source>GGUF: %1</source>
        <translation>GGUF：%1</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>配置：%1</translation>
    </message>
    <message>
        <source>The planner could not read the catalog: %1</source>
        <translation>规划器无法读取目录：%1</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1: %2, %3 layers, %4 tensors, %5 GiB of weights (exact, from the header)</source>
        <translation>%1：%2，%3 层，%4 个张量，权重 %5 GiB（精确值，来自文件头）</translation>
    </message>
    <message>
        <source>%1 cannot be planned: %2</source>
        <translation>无法规划 %1：%2</translation>
    </message>
    <message>
        <source>Choose a model (type to search the catalog) or open a GGUF file.</source>
        <translation>请选择模型（输入以搜索目录）或打开 GGUF 文件。</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;: choose one from the list (only catalog models with known layers and heads can be planned) or open a GGUF file.</source>
        <translation>未知模型“%1”：请从列表中选择（只有层数和注意力头数已知的目录模型才能规划），或打开 GGUF 文件。</translation>
    </message>
    <message>
        <source>Choose a quantization.</source>
        <translation>请选择量化方式。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>CPU RAM</source>
        <translation>CPU 内存</translation>
    </message>
    <message>
        <source>CPU memory bandwidth</source>
        <translation>CPU 内存带宽</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>输入词元</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>输出词元</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation>%1：“%2”不是数字。</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3 (got %4).</source>
        <translation>%1 必须在 %2 到 %3 之间（输入为 %4）。</translation>
    </message>
    <message>
        <source>%1 must be a whole number (got %2).</source>
        <translation>%1 必须是整数（输入为 %2）。</translation>
    </message>
    <message>
        <source>Choose a GPU, a saved profile or CPU only.</source>
        <translation>请选择 GPU、已保存的配置或仅 CPU。</translation>
    </message>
    <message>
        <source>Unknown GPU &quot;%1&quot;: choose one from the list, a saved profile or CPU only.</source>
        <translation>未知 GPU“%1”：请从列表中选择，或选择已保存的配置或仅 CPU。</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>可装入</translation>
    </message>
    <message>
        <source>Fits with CPU offload</source>
        <translation>卸载到 CPU 后可装入</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>无法装入</translation>
    </message>
    <message>
        <source>%1 %2 on %3 — %4 GiB of weights (%5), KV cache %6 GiB; engine %7.</source>
        <translation>%1 %2 运行于 %3 — 权重 %4 GiB（%5），KV 缓存 %6 GiB；引擎 %7。</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Note: the model was trained for at most %1 tokens of context.</source>
        <translation>注意：该模型训练时的上下文最多为 %1 个词元。</translation>
    </message>
    <message>
        <source>%1 GiB short</source>
        <translation>缺少 %1 GiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Computing the fit matrix…</source>
        <translation>正在计算适配矩阵…</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>Compute buffers</source>
        <translation>计算缓冲区</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>开销</translation>
    </message>
    <message>
        <source>%1 (of %2 GiB)</source>
        <translation>%1（共 %2 GiB）</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>Usable memory</source>
        <translation>可用内存</translation>
    </message>
    <message>
        <source>Memory per device (GiB) against usable memory — %1</source>
        <translation>每设备内存（GiB）与可用内存对比 — %1</translation>
    </message>
    <message>
        <source>Memory (GiB) against usable memory</source>
        <translation>内存（GiB）与可用内存对比</translation>
    </message>
    <message>
        <source>no runs of this model and quantization yet (the Playground records them)</source>
        <translation>尚无此模型与量化的运行记录（试验场会记录）</translation>
    </message>
    <message>
        <source>%1 tok/s decode</source>
        <translation>解码 %1 词元/秒</translation>
    </message>
    <message>
        <source>%1 tok/s prefill</source>
        <translation>预填充 %1 词元/秒</translation>
    </message>
    <message>
        <source>peak memory %1 GiB</source>
        <translation>峰值内存 %1 GiB</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %3 on %4; %n run(s))</source>
        <translation>
            <numerusform>%1（%2，%3 运行于 %4；%n 次运行）</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown (no bandwidth/TFLOPS for this GPU)</source>
        <translation>未知（此 GPU 没有带宽/TFLOPS 数据）</translation>
    </message>
    <message>
        <source>— (does not fit)</source>
        <translation>—（无法装入）</translation>
    </message>
    <message>
        <source>%1 tok/s per user, %2 tok/s total</source>
        <translation>每用户 %1 词元/秒，总计 %2 词元/秒</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>%1; efficiency from %2</source>
        <translation>%1；效率来自 %2</translation>
    </message>
    <message>
        <source>compute bound</source>
        <translation>受算力限制</translation>
    </message>
    <message>
        <source>bandwidth bound</source>
        <translation>受带宽限制</translation>
    </message>
    <message>
        <source>; attention on the CPU: %1% of each step</source>
        <translation>；CPU 上的注意力计算：占每步的 %1%</translation>
    </message>
    <message>
        <source>%1 s for %2 prompt tokens</source>
        <translation>%2 个提示词元需 %1 秒</translation>
    </message>
    <message>
        <source>Cost is computed for GPU deployments; choose a GPU.</source>
        <translation>成本仅针对 GPU 部署计算；请选择 GPU。</translation>
    </message>
    <message>
        <source>No cost: the plan has no throughput (it does not fit, or the GPU&apos;s speed is unknown).</source>
        <translation>无成本：该方案没有吞吐量（无法装入，或 GPU 速度未知）。</translation>
    </message>
    <message>
        <source>The catalog has neither a rental nor a purchase price for %1.</source>
        <translation>目录中没有 %1 的租赁或购买价格。</translation>
    </message>
    <message>
        <source>Self-hosting: %1 per month for %2 replica(s) (%3), %4 loaded at %5 requests/month; %6 per million output tokens at full load.</source>
        <translation>自托管：%2 个副本每月 %1（%3），在每月 %5 次请求时负载为 %4；满载时每百万输出词元 %6。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>self-host</source>
        <translation>自托管</translation>
    </message>
    <message>
        <source>Requests per month</source>
        <translation>每月请求数</translation>
    </message>
    <message>
        <source>USD per month</source>
        <translation>每月美元</translation>
    </message>
    <message>
        <source>Self-host (%1 × %2)</source>
        <translation>自托管（%1 × %2）</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>盈亏平衡点</translation>
    </message>
    <message>
        <source>Monthly cost against volume (APIs at their lowest quoted price)</source>
        <translation>每月成本与请求量的关系（API 按最低报价）</translation>
    </message>
    <message>
        <source>No %1 configuration for this plan: %2</source>
        <translation>此方案没有 %1 配置：%2</translation>
    </message>
    <message>
        <source># Warning: the planner predicts this does not fit the chosen hardware.
</source>
        <translation># 警告：规划器预测该配置无法装入所选硬件。
</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>可装入</translation>
    </message>
    <message>
        <source>offload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 at %2: %3 GiB of weights; max context %4; %5 tok/s</source>
        <translation>%1（%2）：权重 %3 GiB；最大上下文 %4；%5 词元/秒</translation>
    </message>
    <message>
        <source>%1 models × %2 quantizations on %3 at %4 tokens × %5 user(s). Green: fits on the GPUs; amber: fits with CPU offload; red: does not fit. Double-click a cell to plan it.</source>
        <translation>%1 个模型 × %2 种量化，运行于 %3，%4 个词元 × %5 个用户。绿色：可装入 GPU；琥珀色：需卸载到 CPU 才能装入；红色：无法装入。双击单元格进行规划。</translation>
    </message>
    <message>
        <source>ModelAtlas engine (CUDA, one GPU)</source>
        <translation>ModelAtlas 引擎（CUDA，单 GPU）</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlaygroundPage</name>
    <message>
        <source>Number of panes</source>
        <translation>面板数量</translation>
    </message>
    <message>
        <source>Same system prompt and sampling in every pane</source>
        <translation>所有面板使用相同的系统提示和采样参数</translation>
    </message>
    <message>
        <source>Blind (A/B)</source>
        <translation>盲测（A/B）</translation>
    </message>
    <message>
        <source>Hide which runner is in which pane until you have voted for the better answer.</source>
        <translation>在您为更好的回答投票之前，隐藏各面板对应的运行器。</translation>
    </message>
    <message>
        <source>general</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Task tag for votes</source>
        <translation>投票的任务标签</translation>
    </message>
    <message>
        <source>Find models</source>
        <translation>查找模型</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Which answer is better?</source>
        <translation>哪个回答更好？</translation>
    </message>
    <message>
        <source>A is better</source>
        <translation>A 更好</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>B 更好</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>Both are bad</source>
        <translation>都不好</translation>
    </message>
    <message>
        <source>Type a prompt; it goes to every pane.</source>
        <translation>输入提示；它将发送到所有面板。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>发送到全部</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <source>Saved prompt sets</source>
        <translation>已保存的提示集</translation>
    </message>
    <message>
        <source>Save prompt to set…</source>
        <translation>将提示保存到集合…</translation>
    </message>
    <message>
        <source>Run set</source>
        <translation>运行提示集</translation>
    </message>
    <message>
        <source>Export transcript…</source>
        <translation>导出对话记录…</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>提示集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Elo</source>
        <translation>Elo</translation>
    </message>
    <message>
        <source>Games</source>
        <translation>对局</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>胜</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>负</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>平</translation>
    </message>
    <message>
        <source>Export ranking…</source>
        <translation>导出排名…</translation>
    </message>
    <message>
        <source>Elo ratings replayed from your blind votes (K = 32, start 1000); &quot;both bad&quot; counts as a tie.</source>
        <translation>根据您的盲测投票重新计算的 Elo 评分（K = 32，初始 1000）；“都不好”计为平局。</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Add a folder with GGUF models</source>
        <translation>添加包含 GGUF 模型的文件夹</translation>
    </message>
    <message>
        <source>Save prompt</source>
        <translation>保存提示</translation>
    </message>
    <message>
        <source>Add the prompt to the set named:</source>
        <translation>将提示添加到以下名称的集合：</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>导出对话记录</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export ranking</source>
        <translation>导出排名</translation>
    </message>
    <message numerus="yes">
        <source>%n GGUF model(s) found on this computer.</source>
        <translation>
            <numerusform>在此计算机上找到 %n 个 GGUF 模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored the run of %1 as a measurement; the planner calibrates from it.</source>
        <translation>已将 %1 的运行保存为实测数据；规划器将据此校准。</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <source>No pane has a runner yet: choose a GGUF file or an endpoint in each pane.</source>
        <translation>尚无面板设置运行器：请在每个面板中选择 GGUF 文件或端点。</translation>
    </message>
    <message>
        <source>The prompt set is done; export the transcript to keep it.</source>
        <translation>提示集已完成；导出对话记录以便保存。</translation>
    </message>
    <message numerus="yes">
        <source>Running the prompt set &quot;%1&quot; (%n prompt(s)).</source>
        <translation>
            <numerusform>正在运行提示集“%1”（%n 条提示）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Type (or send) a prompt first, then save it to a set.</source>
        <translation>请先输入（或发送）提示，再将其保存到集合。</translation>
    </message>
    <message>
        <source>Saved the prompt to the set &quot;%1&quot;.</source>
        <translation>已将提示保存到集合“%1”。</translation>
    </message>
    <message>
        <source>Vote recorded. A was %1, B was %2.</source>
        <translation>投票已记录。A 是 %1，B 是 %2。</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <source>The prompt set was stopped; the answers so far are in the transcript.</source>
        <translation>提示集已停止；已有的回答保存在对话记录中。</translation>
    </message>
    <message>
        <source>Ready to compare %1 side by side.</source>
        <translation>已准备好并排比较 %1。</translation>
    </message>
    <message>
        <source>No GGUF file of %1 was found on this computer: pick a file or an endpoint in its pane.</source>
        <translation>在此计算机上未找到 %1 的 GGUF 文件：请在其窗格中选择文件或端点。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlaygroundPane</name>
    <message>
        <source>Loading: %1 of %2</source>
        <translation>加载中：%1 / %2</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>，约剩 %1 秒</translation>
    </message>
    <message>
        <source>TTFT %1 ms · prefill %2 tok/s · decode %3 tok/s · %4 tokens</source>
        <translation>首词元 %1 毫秒 · 预填充 %2 词元/秒 · 解码 %3 词元/秒 · %4 个词元</translation>
    </message>
    <message>
        <source> · memory %1 measured / %2 predicted (%3%4%)</source>
        <translation> · 内存：实测 %1 / 预测 %2（%3%4%）</translation>
    </message>
    <message>
        <source>, shared with the other local panes</source>
        <translation>，与其他本地面板共享</translation>
    </message>
    <message>
        <source>Local GGUF file</source>
        <translation>本地 GGUF 文件</translation>
    </message>
    <message>
        <source>OpenAI-compatible endpoint</source>
        <translation>OpenAI 兼容端点</translation>
    </message>
    <message>
        <source>Runner kind</source>
        <translation>运行器类型</translation>
    </message>
    <message>
        <source>Path to a .gguf file</source>
        <translation>.gguf 文件路径</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Models found on this computer</source>
        <translation>在此计算机上找到的模型</translation>
    </message>
    <message>
        <source>Models found on this computer…</source>
        <translation>在此计算机上找到的模型…</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>端点 URL</translation>
    </message>
    <message>
        <source>model name, e.g. qwen3:8b</source>
        <translation>模型名称，例如 qwen3:8b</translation>
    </message>
    <message>
        <source>Served model name</source>
        <translation>服务的模型名称</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>忘记</translation>
    </message>
    <message>
        <source>Delete the saved API key of this endpoint</source>
        <translation>删除此端点已保存的 API 密钥</translation>
    </message>
    <message>
        <source>The API key is saved in the system keychain.</source>
        <translation>API 密钥已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>Warning: no system keychain could be used, so the API key is stored in plain text in %1.</source>
        <translation>警告：无法使用系统钥匙串，因此 API 密钥以明文形式存储在 %1 中。</translation>
    </message>
    <message>
        <source>The API key was not saved: the system keychain refused access.</source>
        <translation>API 密钥未保存：系统钥匙串拒绝了访问。</translation>
    </message>
    <message>
        <source>No API key is saved for this endpoint.</source>
        <translation>此端点没有已保存的 API 密钥。</translation>
    </message>
    <message>
        <source>The system keychain refused to delete the API key.</source>
        <translation>系统钥匙串拒绝删除该 API 密钥。</translation>
    </message>
    <message>
        <source>A key is saved in the system keychain when one is available, otherwise in plain text in %1.</source>
        <translation>如有系统钥匙串，密钥将保存在其中，否则以明文形式保存在 %1 中。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>系统提示（可选）</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示</translation>
    </message>
    <message>
        <source>Temperature (0: greedy)</source>
        <translation>温度（0：贪心）</translation>
    </message>
    <message>
        <source>Maximum new tokens</source>
        <translation>最大新词元数</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Temp.</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Runner</source>
        <translation>运行器</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Choose a GGUF file (Browse…, or one of the models found on this computer).</source>
        <translation>请选择一个 GGUF 文件（点击“浏览…”，或选择在此计算机上找到的模型）。</translation>
    </message>
    <message>
        <source>Enter the endpoint&apos;s URL and the name of the model it serves.</source>
        <translation>请输入端点的 URL 及其提供的模型名称。</translation>
    </message>
    <message>
        <source>You: </source>
        <translation>您：</translation>
    </message>
    <message>
        <source>Model: </source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>打开 GGUF 模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No models found in the usual folders</source>
        <translation>在常用文件夹中未找到模型</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(no runner chosen)</source>
        <translation>（未选择运行器）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · GPU memory %1 measured / %2 predicted (%3%4%)</source>
        <translation> · GPU 显存 %1 实测 / %2 预测 (%3%4%)</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Auto: the GPU when the model fits, else the CPU</source>
        <translation>自动：模型放得下时用 GPU，否则用 CPU</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Where the embedded engine runs the model. A run that cannot use the GPU says why.</source>
        <translation>内置引擎在哪里运行模型。无法使用 GPU 时会说明原因。</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>F16</source>
        <translation>F16</translation>
    </message>
    <message>
        <source>Q8_0 (47% smaller)</source>
        <translation>Q8_0（小 47%）</translation>
    </message>
    <message>
        <source>How the engine keeps past tokens&apos; keys and values. Q8_0 nearly halves that memory for long contexts at a small cost in accuracy; it needs heads of a multiple of 32.</source>
        <translation>引擎如何保存已处理词元的键和值。Q8_0 以少量精度为代价，将长上下文的这部分内存减少近一半；要求注意力头大小是 32 的倍数。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::RecommendPage</name>
    <message>
        <source>General purpose</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>编程</translation>
    </message>
    <message>
        <source>Math and reasoning</source>
        <translation>数学与推理</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>多语言</translation>
    </message>
    <message>
        <source>Long context</source>
        <translation>长上下文</translation>
    </message>
    <message>
        <source>RAG (retrieval-augmented generation)</source>
        <translation>RAG（检索增强生成）</translation>
    </message>
    <message>
        <source>Chat assistant</source>
        <translation>聊天助手</translation>
    </message>
    <message>
        <source>Edge / on-device</source>
        <translation>边缘 / 端侧</translation>
    </message>
    <message>
        <source>Agentic, tool use</source>
        <translation>智能体、工具调用</translation>
    </message>
    <message>
        <source>Ranked shortlist</source>
        <translation>排名候选列表</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>On your hardware</source>
        <translation>在您的硬件上</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Why this rank</source>
        <translation>排名理由</translation>
    </message>
    <message>
        <source>Models left out and why</source>
        <translation>被排除的模型及原因</translation>
    </message>
    <message>
        <source>Open &amp;plan</source>
        <translation>打开方案(&amp;P)</translation>
    </message>
    <message>
        <source>Plan the selected model on the Planner page</source>
        <translation>在“规划器”页面规划所选模型</translation>
    </message>
    <message>
        <source>&amp;License report</source>
        <translation>许可证报告(&amp;L)</translation>
    </message>
    <message>
        <source>Show the selected model&apos;s license verdict and clauses</source>
        <translation>显示所选模型的许可证结论和条款</translation>
    </message>
    <message>
        <source>Try in Pla&amp;yground</source>
        <translation>在试验场中试用(&amp;Y)</translation>
    </message>
    <message>
        <source>Run the top models side by side in the Playground</source>
        <translation>在试验场中并排运行排名靠前的模型</translation>
    </message>
    <message>
        <source>Shortlist:</source>
        <translation>候选列表：</translation>
    </message>
    <message>
        <source>Left out by a constraint:</source>
        <translation>因约束被排除：</translation>
    </message>
    <message>
        <source>1. Use</source>
        <translation>1. 用途</translation>
    </message>
    <message>
        <source>Use case</source>
        <translation>使用场景</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>e.g. Chinese, Japanese</source>
        <translation>例如 Chinese、Japanese</translation>
    </message>
    <message>
        <source>Comma-separated; Chinese, Japanese and Korean have their own recommendation tables</source>
        <translation>以逗号分隔；中文、日语和韩语有各自的推荐表</translation>
    </message>
    <message>
        <source>Minimum context</source>
        <translation>最小上下文</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>&amp;Use case:</source>
        <translation>使用场景(&amp;U)：</translation>
    </message>
    <message>
        <source>Lan&amp;guages:</source>
        <translation>语言(&amp;G)：</translation>
    </message>
    <message>
        <source>Minimum &amp;context:</source>
        <translation>最小上下文(&amp;C)：</translation>
    </message>
    <message>
        <source>2. Hardware</source>
        <translation>2. 硬件</translation>
    </message>
    <message>
        <source>Allow CPU &amp;offload</source>
        <translation>允许卸载到 CPU(&amp;O)</translation>
    </message>
    <message>
        <source>Accept plans that keep some layers in system RAM (slower)</source>
        <translation>接受将部分层保留在系统内存中的方案（更慢）</translation>
    </message>
    <message>
        <source>Minimum decode speed</source>
        <translation>最低解码速度</translation>
    </message>
    <message>
        <source> tok/s</source>
        <translation> 词元/秒</translation>
    </message>
    <message>
        <source>No latency target</source>
        <translation>无延迟目标</translation>
    </message>
    <message>
        <source>&amp;Machine:</source>
        <translation>机器(&amp;M)：</translation>
    </message>
    <message>
        <source>Minimum &amp;speed per user:</source>
        <translation>每用户最低速度(&amp;S)：</translation>
    </message>
    <message>
        <source>3. License</source>
        <translation>3. 许可证</translation>
    </message>
    <message>
        <source>Apache 2.0 / MIT-style licenses only (tier 1)</source>
        <translation>仅限 Apache 2.0 / MIT 类许可证（第 1 级）</translation>
    </message>
    <message>
        <source>Commercial deployment (check licenses)</source>
        <translation>商业部署（检查许可证）</translation>
    </message>
    <message>
        <source>How the model is deployed</source>
        <translation>模型的部署方式</translation>
    </message>
    <message>
        <source>Monthly active users</source>
        <translation>月活跃用户</translation>
    </message>
    <message>
        <source>Organisation in the &amp;EU (GDPR)</source>
        <translation>组织位于欧盟（GDPR）(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Deployment:</source>
        <translation>部署方式(&amp;D)：</translation>
    </message>
    <message>
        <source>Monthly active &amp;users:</source>
        <translation>月活跃用户(&amp;U)：</translation>
    </message>
    <message>
        <source>4. Traffic and budget</source>
        <translation>4. 流量与预算</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>每日请求数</translation>
    </message>
    <message>
        <source>Input tokens per request</source>
        <translation>每请求输入词元数</translation>
    </message>
    <message>
        <source>Output tokens per request</source>
        <translation>每请求输出词元数</translation>
    </message>
    <message>
        <source>Monthly budget in USD</source>
        <translation>每月预算（美元）</translation>
    </message>
    <message>
        <source>No budget limit</source>
        <translation>不限预算</translation>
    </message>
    <message>
        <source>&amp;Requests per day:</source>
        <translation>每日请求数(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Input tokens per request:</source>
        <translation>每请求输入词元(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Output tokens per request:</source>
        <translation>每请求输出词元(&amp;O)：</translation>
    </message>
    <message>
        <source>Monthly &amp;budget:</source>
        <translation>每月预算(&amp;B)：</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>无法打开目录数据库：%1</translation>
    </message>
    <message>
        <source>The catalog could not be read: %1</source>
        <translation>无法读取目录：%1</translation>
    </message>
    <message>
        <source>No model meets every constraint. The list below says what removed each one.</source>
        <translation>没有模型满足所有约束。下方列表说明了每个模型被排除的原因。</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>%1, %2 tok/s</source>
        <translation>%1，%2 词元/秒</translation>
    </message>
    <message>
        <source>%1/month</source>
        <translation>%1/月</translation>
    </message>
    <message>
        <source>%1/M tokens</source>
        <translation>%1/百万词元</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Runner-up:</source>
        <translation>次选：</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new language applies the next time ModelAtlas starts.</source>
        <translation>新语言将在下次启动 ModelAtlas 时生效。</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Hardware::HardwareDetect</name>
    <message>
        <source>nvidia-smi is not available; GPU memory sizes are taken from the catalog.</source>
        <translation>nvidia-smi 不可用；GPU 显存大小取自目录。</translation>
    </message>
    <message>
        <source>The CPU model could not be read.</source>
        <translation>无法读取 CPU 型号。</translation>
    </message>
    <message>
        <source>The system memory size could not be read.</source>
        <translation>无法读取系统内存大小。</translation>
    </message>
    <message>
        <source>%1: unified memory, the GPU shares the %2 GiB of system RAM.</source>
        <translation>%1：统一内存，GPU 与 CPU 共享 %2 GiB 系统内存。</translation>
    </message>
    <message>
        <source>%1 is not in the catalog; planning for the CPU only.</source>
        <translation>%1 不在目录中；仅按 CPU 规划。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found; the profile is CPU only.</source>
        <translation>未找到 NVIDIA GPU；该配置仅使用 CPU。</translation>
    </message>
    <message>
        <source>%1 is not in the catalog; the profile is CPU only. Add the card as a custom GPU to plan for it.</source>
        <translation>%1 不在目录中；该配置仅使用 CPU。请将此显卡添加为自定义 GPU 以便为其规划。</translation>
    </message>
    <message>
        <source>Mixed GPUs: the profile plans for the %1 %2 only.</source>
        <translation>混合 GPU：该配置仅规划 %1 块 %2。</translation>
    </message>
    <message>
        <source>The CUDA runtime cannot use the GPU (%1); the engine will run trial prompts on the CPU.</source>
        <translation>CUDA 运行时无法使用该 GPU（%1）；引擎将在 CPU 上运行试用提示。</translation>
    </message>
    <message>
        <source>%1: the CUDA runtime reports %2 GB/s peak memory bandwidth (the catalog lists %3 GB/s); the plan uses the runtime&apos;s figure.</source>
        <translation>%1：CUDA 运行时报告的峰值显存带宽为 %2 GB/s（目录中为 %3 GB/s）；规划采用运行时报告的数值。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Planner::Planner</name>
    <message>
        <source>catalog hyper-parameters + %1 mix</source>
        <translation>目录超参数 + %1 混合</translation>
    </message>
    <message>
        <source>No model to plan.</source>
        <translation>没有可规划的模型。</translation>
    </message>
    <message>
        <source>%1: the model has no weights to plan.</source>
        <translation>%1：该模型没有可规划的权重。</translation>
    </message>
    <message>
        <source>Context must be between 1 and %1 tokens (got %2).</source>
        <translation>上下文必须在 1 到 %1 个词元之间（实际为 %2）。</translation>
    </message>
    <message>
        <source>Concurrent users must be between 1 and %1 (got %2).</source>
        <translation>并发用户数必须在 1 到 %1 之间（实际为 %2）。</translation>
    </message>
    <message>
        <source>Prompt length must be between 0 and %1 tokens.</source>
        <translation>提示长度必须在 0 到 %1 个词元之间。</translation>
    </message>
    <message>
        <source>Micro-batch must be between 1 and 65536 tokens.</source>
        <translation>微批次必须在 1 到 65536 个词元之间。</translation>
    </message>
    <message>
        <source>GPU count must be 0-64 per node on 1-1024 nodes.</source>
        <translation>GPU 数量必须为每节点 0–64 块、共 1–1024 个节点。</translation>
    </message>
    <message>
        <source>GPU %1 has no usable memory size.</source>
        <translation>GPU %1 没有可用的显存大小。</translation>
    </message>
    <message>
        <source>System RAM must be between 0 and 1,000,000 GiB.</source>
        <translation>系统内存必须在 0 到 1,000,000 GiB 之间。</translation>
    </message>
    <message>
        <source>GPU bandwidth and TFLOPS must be positive numbers.</source>
        <translation>GPU 带宽和 TFLOPS 必须为正数。</translation>
    </message>
    <message>
        <source>--gpu-layers %1 exceeds the model&apos;s %2 layers.</source>
        <translation>--gpu-layers %1 超过了模型的 %2 层。</translation>
    </message>
    <message>
        <source>Runtime overhead must be between 0 and 1024 GiB.</source>
        <translation>运行时开销必须在 0 到 1024 GiB 之间。</translation>
    </message>
    <message numerus="yes">
        <source>Everything fits on %n GPU(s) with %1 GiB to spare on the fullest device.</source>
        <translation>
            <numerusform>全部可装入 %n 块 GPU，占用最多的设备上还剩 %1 GiB。</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs on the CPU from system RAM with %1 GiB to spare.</source>
        <translation>在 CPU 上使用系统内存运行，剩余 %1 GiB。</translation>
    </message>
    <message>
        <source>Fits with the routed experts in CPU RAM (llama.cpp --cpu-moe); attention and shared weights on the GPU.</source>
        <translation>将路由专家放在 CPU 内存中（llama.cpp --cpu-moe）、注意力和共享权重放在 GPU 上即可装入。</translation>
    </message>
    <message>
        <source>Fits with %1 of %2 layers on the GPU (-ngl %1); the rest runs from CPU RAM.</source>
        <translation>将 %2 层中的 %1 层放在 GPU 上（-ngl %1）即可装入；其余在 CPU 内存中运行。</translation>
    </message>
    <message>
        <source>Short by %1 GiB on the fullest device.</source>
        <translation>占用最多的设备上缺少 %1 GiB。</translation>
    </message>
    <message>
        <source> Give the system RAM (--ram) to consider CPU offload.</source>
        <translation> 请提供系统内存（--ram）以考虑 CPU 卸载。</translation>
    </message>
    <message>
        <source>The modelatlas-cuda backend (this app&apos;s own engine) runs on one GPU; plan it with a single GPU.</source>
        <translation>modelatlas-cuda 后端（本应用自带的引擎）只在一块 GPU 上运行；请按单 GPU 规划。</translation>
    </message>
    <message>
        <source>The %1 backend (this app&apos;s own engine) caches K and V as f16 or q8_0, not q4_0.</source>
        <translation>%1 后端（本应用自带的引擎）以 f16 或 q8_0 缓存 K 和 V，不支持 q4_0。</translation>
    </message>
    <message>
        <source>A q8_0 KV cache in this app&apos;s own engine needs heads of a multiple of 32 values; this model&apos;s have %1. Plan it with the f16 cache.</source>
        <translation>本应用引擎的 q8_0 KV 缓存要求注意力头大小是 32 的倍数；此模型为 %1。请使用 f16 缓存进行规划。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Reports</name>
    <message>
        <source>This report is not legal advice: the license verdict is a reading of the license clauses recorded in the catalog against the deployment profile stated here. Have counsel review the license texts before you rely on it.</source>
        <translation>本报告不构成法律建议：许可证结论是依据目录中记录的许可条款，对照此处所述部署配置作出的解读。在依赖本报告之前，请让法律顾问审阅许可证原文。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::Internal::LocalWorker</name>
    <message>
        <source>%1 is too large for this machine&apos;s memory: the planner estimates %2 for a %3-token context, but only %4 is available (%5 usable). Choose a smaller quantization or context, or close other programs.</source>
        <translation>%1 超出本机内存容量：规划器估计 %3 词元上下文需要 %2，但仅有 %4 可用（其中 %5 可使用）。请选择更小的量化或上下文，或关闭其他程序。</translation>
    </message>
    <message>
        <source>Cannot load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <source>Cannot read the vocabulary: %1</source>
        <translation>无法读取词表：%1</translation>
    </message>
    <message>
        <source>Cannot start a session: %1</source>
        <translation>无法启动会话：%1</translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::LocalTarget</name>
    <message>
        <source>Cannot run on the GPU: %1. Choose &quot;Auto&quot; or &quot;CPU&quot; to run it on the processor.</source>
        <translation>无法在 GPU 上运行：%1。请选择“自动”或“CPU”以在处理器上运行。</translation>
    </message>
    <message>
        <source>Running on the CPU: %1.</source>
        <translation>在 CPU 上运行：%1。</translation>
    </message>
    <message>
        <source>the planner predicts %1 on the %2 but only %3 of its memory is free</source>
        <translation>规划器预测在 %2 上需要 %1，但其显存只有 %3 可用</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::MeasurementStore</name>
    <message>
        <source>Only completed local runs are stored as measurements.</source>
        <translation>只有已完成的本地运行才会保存为测量结果。</translation>
    </message>
    <message>
        <source>Cannot store the measurement: %1</source>
        <translation>无法保存测量结果：%1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::PromptSetStore</name>
    <message>
        <source>A prompt set needs a name.</source>
        <translation>提示集需要名称。</translation>
    </message>
    <message>
        <source>The prompt set &quot;%1&quot; has no prompts.</source>
        <translation>提示集“%1”中没有提示。</translation>
    </message>
    <message>
        <source>Cannot save the prompt set &quot;%1&quot;: %2</source>
        <translation>无法保存提示集“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot read prompt sets: %1</source>
        <translation>无法读取提示集：%1</translation>
    </message>
    <message>
        <source>No prompt set named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的提示集。</translation>
    </message>
    <message>
        <source>The stored prompt set &quot;%1&quot; is damaged.</source>
        <translation>已保存的提示集“%1”已损坏。</translation>
    </message>
    <message>
        <source>Cannot delete the prompt set &quot;%1&quot;: %2</source>
        <translation>无法删除提示集“%1”：%2</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RemoteRunner</name>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL; enter the endpoint&apos;s base URL, e.g. http://localhost:8000/v1.</source>
        <translation>“%1”不是 http(s) URL；请输入端点的基础 URL，例如 http://localhost:8000/v1。</translation>
    </message>
    <message>
        <source>The endpoint %1 needs a model name (the name the server serves it under).</source>
        <translation>端点 %1 需要模型名称（即服务器提供该模型所用的名称）。</translation>
    </message>
    <message>
        <source>No data from %1 for %2 s; the server may be overloaded or the model still loading. The request was not retried.</source>
        <translation>%1 已有 %2 秒没有数据；服务器可能过载，或模型仍在加载。请求未重试。</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 %3: %4</source>
        <translation>%1 返回 HTTP %2 %3：%4</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>The stream from %1 ended before the answer was complete (after %n token(s)); the connection was cut.</source>
        <translation>
            <numerusform>来自 %1 的数据流在回答完成前结束（已收到 %n 个词元）；连接被切断。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RunCoordinator</name>
    <message>
        <source>Not loaded: the planner estimates %1 for this model, more than the %2 of memory usable now. Choose a smaller quantization or context, or close other programs.</source>
        <translation>未加载：规划器估计此模型需要 %1，超过当前可用的 %2 内存。请选择更小的量化或上下文，或关闭其他程序。</translation>
    </message>
    <message>
        <source>Not loaded: the planner estimates %1 of GPU memory for this model, more than the %2 free now. Choose a smaller quantization or context, or run it on the CPU.</source>
        <translation>未加载：规划器估计此模型需要 %1 GPU 显存，超过当前可用的 %2。请选择更小的量化或上下文，或在 CPU 上运行。</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RunScheduler</name>
    <message>
        <source>The local models need %1 together but only %2 of memory is available for them (%3 free), so they run one after the other.</source>
        <translation>本地模型合计需要 %1，但可供它们使用的内存只有 %2（空闲 %3），因此它们将依次运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) need more memory than is available (%1 usable) and will not be loaded.</source>
        <translation>
            <numerusform>%n 个模型所需内存超过可用内存（可用 %1），将不会加载。</numerusform>
        </translation>
    </message>
    <message>
        <source>The models on the GPU need %1 together but only %2 of its memory is free, so they run one after the other.</source>
        <translation>GPU 上的模型共需要 %1，但其显存只有 %2 可用，因此依次运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) need more GPU memory than is free (%1) and will not be loaded.</source>
        <translation>
            <numerusform>%n 个模型需要的 GPU 显存超过可用量 (%1)，将不会加载。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::SseParser</name>
    <message>
        <source>The server sent an event that is not JSON: %1</source>
        <translation>服务器发送了非 JSON 事件：%1</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>服务器报告错误：%1</translation>
    </message>
    <message>
        <source>The server sent an event without &quot;choices&quot;: %1</source>
        <translation>服务器发送的事件缺少“choices”：%1</translation>
    </message>
    <message>
        <source>The server sent a malformed choice: %1</source>
        <translation>服务器发送了格式错误的 choice：%1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::TranscriptExport</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source># Playground transcript
</source>
        <translation># 试验场记录
</translation>
    </message>
    <message>
        <source>
## Prompt

</source>
        <translation>
## 提示

</translation>
    </message>
    <message>
        <source>_(no text)_</source>
        <translation>_（无文本）_</translation>
    </message>
    <message>
        <source>- status: %1
</source>
        <translation>- 状态：%1
</translation>
    </message>
    <message>
        <source>- TTFT %1 ms, prefill %2 tok/s, decode %3 tok/s, %4 prompt + %5 output tokens
</source>
        <translation>- TTFT %1 毫秒，预填充 %2 词元/秒，解码 %3 词元/秒，%4 个提示词元 + %5 个输出词元
</translation>
    </message>
    <message>
        <source>- memory: measured %1 MiB, predicted %2 MiB (%3%)
</source>
        <translation>- 内存：实测 %1 MiB，预测 %2 MiB（%3%）
</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::VoteStore</name>
    <message>
        <source>A vote needs both models.</source>
        <translation>投票需要两个模型。</translation>
    </message>
    <message>
        <source>Cannot store the vote: %1</source>
        <translation>无法保存投票：%1</translation>
    </message>
    <message>
        <source>Cannot read votes: %1</source>
        <translation>无法读取投票：%1</translation>
    </message>
    <message>
        <source># Blind-vote ranking: %1

</source>
        <translation># 盲测投票排名：%1

</translation>
    </message>
    <message>
        <source>all tasks</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <source>| # | Model | Elo | Games | Wins | Losses | Ties |
</source>
        <translation>| # | 模型 | Elo | 场次 | 胜 | 负 | 平 |
</translation>
    </message>
</context>
<context>
    <name>ObligationKinds</name>
    <message>
        <source>Attribution</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Pass on the use policy</source>
        <translation>传递使用政策</translation>
    </message>
    <message>
        <source>Ship a copy of the license</source>
        <translation>附带许可证副本</translation>
    </message>
    <message>
        <source>Request a license</source>
        <translation>申请许可</translation>
    </message>
    <message>
        <source>Naming rules</source>
        <translation>命名要求</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ProfileChoices</name>
    <message>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>初创公司</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Non-profit</source>
        <translation>非营利组织</translation>
    </message>
    <message>
        <source>University or research institute</source>
        <translation>大学或研究机构</translation>
    </message>
    <message>
        <source>Public authority</source>
        <translation>政府机构</translation>
    </message>
    <message>
        <source>Internal tool</source>
        <translation>内部工具</translation>
    </message>
    <message>
        <source>SaaS / API for customers</source>
        <translation>面向客户的 SaaS / API</translation>
    </message>
    <message>
        <source>On-device / shipped in an app</source>
        <translation>端侧 / 随应用分发</translation>
    </message>
    <message>
        <source>Redistributing the weights</source>
        <translation>再分发权重</translation>
    </message>
    <message>
        <source>Distributing a fine-tuned model</source>
        <translation>分发微调后的模型</translation>
    </message>
    <message>
        <source>Training other models on its outputs</source>
        <translation>用其输出训练其他模型</translation>
    </message>
    <message>
        <source>General purpose</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Military, defence</source>
        <translation>军事、国防</translation>
    </message>
    <message>
        <source>Weapons</source>
        <translation>武器</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>医疗</translation>
    </message>
    <message>
        <source>Biometric identification</source>
        <translation>生物特征识别</translation>
    </message>
    <message>
        <source>Decisions on legal rights</source>
        <translation>涉及法律权利的决定</translation>
    </message>
    <message>
        <source>Critical infrastructure</source>
        <translation>关键基础设施</translation>
    </message>
    <message>
        <source>Law enforcement, justice, migration</source>
        <translation>执法、司法、移民</translation>
    </message>
    <message>
        <source>Surveillance, profiling</source>
        <translation>监控、画像</translation>
    </message>
    <message>
        <source>Hiring, employment</source>
        <translation>招聘、雇佣</translation>
    </message>
    <message>
        <source>Credit, insurance, housing</source>
        <translation>信贷、保险、住房</translation>
    </message>
</context>
<context>
    <name>Recommend</name>
    <message>
        <source>Allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Allowed with obligations</source>
        <translation>允许（附带义务）</translation>
    </message>
    <message>
        <source>Needs legal review</source>
        <translation>需要法务审核</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>%1B parameters: too large for an edge device (the seeds&apos; on-device picks stop at %2B)</source>
        <translation>%1B 参数：对边缘设备而言过大（资料中推荐的端侧模型最大为 %2B）</translation>
    </message>
    <message>
        <source>license %1 has no tier in the catalog; tier %2 or better was asked for</source>
        <translation>许可证 %1 在目录中没有等级；要求第 %2 级或更好</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>license tier %1 (%2) is above the allowed tier %3</source>
        <translation>许可证等级 %1（%2）高于允许的第 %3 级</translation>
    </message>
    <message>
        <source>context length unknown; %1 tokens needed</source>
        <translation>上下文长度未知；需要 %1 个词元</translation>
    </message>
    <message>
        <source>context %1 tokens is shorter than the %2 needed</source>
        <translation>上下文 %1 个词元，短于所需的 %2</translation>
    </message>
    <message>
        <source>license not allowed for this deployment (%1)</source>
        <translation>许可证不允许此部署（%1）</translation>
    </message>
    <message>
        <source>parameter count unknown, cannot check the fit</source>
        <translation>参数数量未知，无法检查能否装入</translation>
    </message>
    <message>
        <source>does not fit at 4-bit or better: %1 GiB of weights at 4 bits, %2 GiB available</source>
        <translation>在 4 位及以上精度下无法装入：4 位时权重 %1 GiB，可用 %2 GiB</translation>
    </message>
    <message>
        <source>predicted %1 tok/s per user, below the %2 tok/s asked for</source>
        <translation>预测每用户 %1 词元/秒，低于要求的 %2 词元/秒</translation>
    </message>
    <message>
        <source>%1 per month, over the %2 budget</source>
        <translation>每月 %1，超出 %2 的预算</translation>
    </message>
    <message>
        <source>%1 #%2 (%3)</source>
        <translation>%1 第 %2 名（%3）</translation>
    </message>
    <message numerus="yes">
        <source>Recommended by the seeds %n time(s): %1</source>
        <translation>
            <numerusform>资料推荐 %n 次：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>No seed recommends it for this use; ranked on benchmarks only</source>
        <translation>资料中未推荐其用于此用途；仅按基准测试排名</translation>
    </message>
    <message>
        <source>%1 %2 (weight %3)</source>
        <translation>%1 %2（权重 %3）</translation>
    </message>
    <message>
        <source>Benchmarks weighed: %1</source>
        <translation>参考的基准测试：%1</translation>
    </message>
    <message>
        <source>Fits at %1 (%2 GiB of weights)</source>
        <translation>以 %1 可装入（权重 %2 GiB）</translation>
    </message>
    <message>
        <source>Fits at %1 with CPU offload (%2 GiB of weights)</source>
        <translation>以 %1 可装入，需卸载到 CPU（权重 %2 GiB）</translation>
    </message>
    <message>
        <source>, about %1 tok/s per user</source>
        <translation>，每用户约 %1 词元/秒</translation>
    </message>
    <message>
        <source> — rough: no architecture in the catalog</source>
        <translation> — 粗略估计：目录中没有架构信息</translation>
    </message>
    <message>
        <source>License: %1</source>
        <translation>许可证：%1</translation>
    </message>
    <message>
        <source>%1 per month</source>
        <translation>每月 %1</translation>
    </message>
    <message>
        <source>%1 per million output tokens</source>
        <translation>每百万输出词元 %1</translation>
    </message>
    <message>
        <source>Cost (%1): %2</source>
        <translation>成本（%1）：%2</translation>
    </message>
    <message>
        <source>fewer seed recommendations for this use (%1 vs %2)</source>
        <translation>此用途的资料推荐更少（%1 对 %2）</translation>
    </message>
    <message>
        <source>weaker benchmark evidence (%1 vs %2 of 100)</source>
        <translation>基准测试依据较弱（%1 对 %2，满分 100）</translation>
    </message>
    <message>
        <source>its license needs legal review</source>
        <translation>其许可证需要法务审核</translation>
    </message>
    <message>
        <source>a lower combined score (%1 vs %2)</source>
        <translation>综合得分更低（%1 对 %2）</translation>
    </message>
    <message>
        <source>%1 ranks below %2: %3</source>
        <translation>%1 排在 %2 之后：%3</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>No benchmark score for this use in the catalog; quality counted as average</source>
        <translation>目录中没有此用途的基准测试成绩；质量按平均水平计</translation>
    </message>
    <message>
        <source>EU-based vendor, preferred for an EU deployment (GDPR)</source>
        <translation>欧盟厂商，欧盟部署优先（GDPR）</translation>
    </message>
    <message>
        <source>not from an EU-based vendor</source>
        <translation>厂商不在欧盟</translation>
    </message>
</context>
</TS>
