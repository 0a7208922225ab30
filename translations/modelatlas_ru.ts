<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Appearance</name>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <source>Unknown image format &quot;%1&quot;: use .png or .svg.</source>
        <translation>Неизвестный формат изображения «%1»: используйте .png или .svg.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>CompareCharts</name>
    <message>
        <source>Score (lowest source)</source>
        <translation>Результат (наименьший из источников)</translation>
    </message>
    <message>
        <source>Range between sources</source>
        <translation>Разброс между источниками</translation>
    </message>
    <message>
        <source>No score in the catalog</source>
        <translation>Нет результата в каталоге</translation>
    </message>
    <message>
        <source>Fits the hardware</source>
        <translation>Помещается на оборудование</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Фронт Парето</translation>
    </message>
    <message>
        <source>%1 (Pareto)</source>
        <translation>%1 (Парето)</translation>
    </message>
    <message>
        <source>%1 (no score)</source>
        <translation>%1 (нет результата)</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Catalog</name>
    <message>
        <source>Total parameters (B)</source>
        <translation>Всего параметров (млрд)</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>Активных параметров (млрд)</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>Контекст (токенов)</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Выпущена</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Модальность</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Разработчик</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Сильные стороны</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>Лучше всего подходит для</translation>
    </message>
    <message>
        <source>Hugging Face repository</source>
        <translation>Репозиторий Hugging Face</translation>
    </message>
    <message>
        <source>Running it locally</source>
        <translation>Локальный запуск</translation>
    </message>
    <message>
        <source>Training tokens (T)</source>
        <translation>Токенов обучения (трлн)</translation>
    </message>
    <message>
        <source>Training GPU-hours (M)</source>
        <translation>GPU-часов обучения (млн)</translation>
    </message>
    <message>
        <source>Training cost (M USD)</source>
        <translation>Стоимость обучения (млн USD)</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>Эксперты</translation>
    </message>
    <message>
        <source>Experts per token</source>
        <translation>Экспертов на токен</translation>
    </message>
    <message>
        <source>Shared experts</source>
        <translation>Общие эксперты</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Catalog::CatalogTableModel</name>
    <message>
        <source>Sources disagree on some of this model&apos;s values; see the details pane.</source>
        <translation>Источники расходятся в некоторых значениях этой модели; подробности — на панели сведений.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Семейство</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Разработчик</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Вариант</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <source>Arch</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Выпуск</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Результат</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::AboutDialog</name>
    <message>
        <source>none of AVX2/FMA/F16C/AVX-512</source>
        <translation>нет ни AVX2, ни FMA, ни F16C, ни AVX-512</translation>
    </message>
    <message>
        <source>About ModelAtlas</source>
        <translation>О программе ModelAtlas</translation>
    </message>
    <message>
        <source>ModelAtlas %1</source>
        <translation>ModelAtlas %1</translation>
    </message>
    <message>
        <source>Catalog: %1</source>
        <translation>Каталог: %1</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <source>Qt: %1 (built with %2)</source>
        <translation>Qt: %1 (собрано с %2)</translation>
    </message>
    <message>
        <source>Engine: %1, backend %2</source>
        <translation>Движок: %1, бэкенд %2</translation>
    </message>
    <message>
        <source>CPU kernels: %1 (CPU features: %2)</source>
        <translation>Ядра CPU: %1 (возможности CPU: %2)</translation>
    </message>
    <message>
        <source>Choose an open-weight LLM, plan its deployment and verify it on your hardware.</source>
        <translation>Выберите LLM с открытыми весами, спланируйте развёртывание и проверьте его на своём оборудовании.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>&amp;Копировать версии</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::CatalogFilterWidget</name>
    <message>
        <source>Tier 1: fully free (Apache 2.0, MIT, BSD)</source>
        <translation>Уровень 1: полностью свободные (Apache 2.0, MIT, BSD)</translation>
    </message>
    <message>
        <source>Tier 2: conditional use policy (e.g. Llama 700M MAU threshold, Gemma terms)</source>
        <translation>Уровень 2: использование на условиях (например, порог Llama в 700 млн MAU, условия Gemma)</translation>
    </message>
    <message>
        <source>Tier 3: free for research; commercial use needs a separate license</source>
        <translation>Уровень 3: бесплатно для исследований; для коммерческого использования нужна отдельная лицензия</translation>
    </message>
    <message>
        <source>Tier 4: non-commercial only (CC-BY-NC, parts of OpenRAIL-M)</source>
        <translation>Уровень 4: только некоммерческое использование (CC-BY-NC, части OpenRAIL-M)</translation>
    </message>
    <message>
        <source>Tier 5: most restrictive</source>
        <translation>Уровень 5: самые строгие</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Семейство</translation>
    </message>
    <message>
        <source>&amp;Family:</source>
        <translation>&amp;Семейство:</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Разработчик</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>&amp;Разработчик:</translation>
    </message>
    <message>
        <source>License tier %1</source>
        <translation>Уровень лицензии %1</translation>
    </message>
    <message>
        <source>License tier:</source>
        <translation>Уровень лицензии:</translation>
    </message>
    <message>
        <source>License tiers 1 (fully free) to 5 (most restrictive); none checked shows all</source>
        <translation>Уровни лицензий от 1 (полностью свободные) до 5 (самые строгие); если ничего не отмечено, показываются все</translation>
    </message>
    <message>
        <source>&amp;Commercial use allowed</source>
        <translation>&amp;Разрешено коммерческое использование</translation>
    </message>
    <message>
        <source>Licenses that allow commercial use outright or under conditions (e.g. a user threshold)</source>
        <translation>Лицензии, разрешающие коммерческое использование без условий или на условиях (например, с порогом пользователей)</translation>
    </message>
    <message>
        <source>Minimum total parameters, billions</source>
        <translation>Минимум всех параметров, млрд</translation>
    </message>
    <message>
        <source>min</source>
        <translation>мин.</translation>
    </message>
    <message>
        <source>Maximum total parameters, billions</source>
        <translation>Максимум всех параметров, млрд</translation>
    </message>
    <message>
        <source>max</source>
        <translation>макс.</translation>
    </message>
    <message>
        <source>&amp;Params (B):</source>
        <translation>&amp;Параметры (млрд):</translation>
    </message>
    <message>
        <source>Maximum active parameters, billions</source>
        <translation>Максимум активных параметров, млрд</translation>
    </message>
    <message>
        <source>Parameters used per token: MoE models activate a fraction of their total</source>
        <translation>Параметры, используемые на токен: модели MoE задействуют часть от общего числа</translation>
    </message>
    <message>
        <source>&amp;Active params ≤ (B):</source>
        <translation>&amp;Активных параметров ≤ (млрд):</translation>
    </message>
    <message>
        <source>Minimum context length</source>
        <translation>Минимальная длина контекста</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Любой</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>Min con&amp;text:</source>
        <translation>Мин. кон&amp;текст:</translation>
    </message>
    <message>
        <source>Input modality</source>
        <translation>Входная модальность</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Изображение</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Аудио</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>&amp;Modality:</source>
        <translation>&amp;Модальность:</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>Плотная</translation>
    </message>
    <message>
        <source>Mixture of experts</source>
        <translation>Смесь экспертов</translation>
    </message>
    <message>
        <source>A&amp;rchitecture:</source>
        <translation>А&amp;рхитектура:</translation>
    </message>
    <message>
        <source>Benchmark shown in the Score column</source>
        <translation>Бенчмарк для столбца «Результат»</translation>
    </message>
    <message>
        <source>&amp;Benchmark:</source>
        <translation>&amp;Бенчмарк:</translation>
    </message>
    <message>
        <source>Minimum benchmark score</source>
        <translation>Минимальный результат бенчмарка</translation>
    </message>
    <message>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <source>Min &amp;score:</source>
        <translation>Мин. &amp;результат:</translation>
    </message>
    <message>
        <source>Sources &amp;disagree only</source>
        <translation>Только с &amp;расхождениями источников</translation>
    </message>
    <message>
        <source>Only models whose sources state different values for some field (⚠)</source>
        <translation>Только модели, у которых источники расходятся в каком-либо поле (⚠)</translation>
    </message>
    <message>
        <source>R&amp;eset filters</source>
        <translation>С&amp;бросить фильтры</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Все семейства</translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation>Все разработчики</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>%1: the minimum (%2) is above the maximum (%3).</source>
        <translation>%1: минимум (%2) больше максимума (%3).</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation>%1: «%2» — не число.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::CatalogPage</name>
    <message>
        <source>Search models by name, id or alias (Ctrl+F)</source>
        <translation>Поиск моделей по имени, идентификатору или псевдониму (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>Поиск моделей</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Модели</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Сведения о модели</translation>
    </message>
    <message>
        <source>Select a model to see every source&apos;s values, benchmarks and license.</source>
        <translation>Выберите модель, чтобы увидеть значения из всех источников, бенчмарки и лицензию.</translation>
    </message>
    <message>
        <source>Opening the catalog…</source>
        <translation>Открытие каталога…</translation>
    </message>
    <message>
        <source>No catalog</source>
        <translation>Нет каталога</translation>
    </message>
    <message>
        <source>Check the filters</source>
        <translation>Проверьте фильтры</translation>
    </message>
    <message>
        <source>Query failed</source>
        <translation>Ошибка запроса</translation>
    </message>
    <message>
        <source>1 model</source>
        <translation>1 модель</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>Моделей: %1</translation>
    </message>
    <message>
        <source>%1 of %2 models</source>
        <translation>%1 из %2 моделей</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::ComparePage</name>
    <message>
        <source>Fits</source>
        <translation>Помещается</translation>
    </message>
    <message>
        <source>Fits with CPU offload</source>
        <translation>Помещается с выгрузкой на CPU</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>Не помещается</translation>
    </message>
    <message>
        <source>Filter models…</source>
        <translation>Фильтр моделей…</translation>
    </message>
    <message>
        <source>Filter the model list</source>
        <translation>Фильтровать список моделей</translation>
    </message>
    <message>
        <source>Models to compare</source>
        <translation>Модели для сравнения</translation>
    </message>
    <message>
        <source>Tick 2 to 8 models (Space toggles the current one)</source>
        <translation>Отметьте от 2 до 8 моделей (пробел переключает текущую)</translation>
    </message>
    <message>
        <source>Models (2 to 8):</source>
        <translation>Модели (от 2 до 8):</translation>
    </message>
    <message>
        <source>&amp;Hardware for memory, speed and cost:</source>
        <translation>&amp;Оборудование для расчёта памяти, скорости и стоимости:</translation>
    </message>
    <message>
        <source>Models side by side</source>
        <translation>Модели рядом</translation>
    </message>
    <message>
        <source>Quality benchmark (vertical axis)</source>
        <translation>Бенчмарк качества (вертикальная ось)</translation>
    </message>
    <message>
        <source>Cost measure (horizontal axis)</source>
        <translation>Мера затрат (горизонтальная ось)</translation>
    </message>
    <message>
        <source>Memory needed (GiB)</source>
        <translation>Нужно памяти (ГиБ)</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>Активные параметры (млрд)</translation>
    </message>
    <message>
        <source>Self-hosted $ per million tokens</source>
        <translation>Своё размещение, $ за млн токенов</translation>
    </message>
    <message>
        <source>Quality against cost</source>
        <translation>Качество относительно затрат</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>&amp;Качество:</translation>
    </message>
    <message>
        <source>&amp;against:</source>
        <translation>&amp;против:</translation>
    </message>
    <message>
        <source>&amp;Benchmarks</source>
        <translation>&amp;Бенчмарки</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>&amp;Рядом</translation>
    </message>
    <message>
        <source>Quality vs &amp;cost</source>
        <translation>Качество и &amp;затраты</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Экспорт диаграммы…</translation>
    </message>
    <message>
        <source>Save the charts of this tab as PNG or SVG</source>
        <translation>Сохранить диаграммы этой вкладки в PNG или SVG</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <source>Save the table and every benchmark value as CSV</source>
        <translation>Сохранить таблицу и все значения бенчмарков в CSV</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>Не удалось открыть базу данных каталога: %1</translation>
    </message>
    <message>
        <source>The catalog could not be read: %1</source>
        <translation>Не удалось прочитать каталог: %1</translation>
    </message>
    <message>
        <source>%1 — no benchmark scores in the catalog</source>
        <translation>%1 — в каталоге нет результатов бенчмарков</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) picked</source>
        <translation>
            <numerusform>Выбрана %n модель</numerusform>
            <numerusform>Выбрано %n модели</numerusform>
            <numerusform>Выбрано %n моделей</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 chart</source>
        <translation>Диаграмма %1</translation>
    </message>
    <message>
        <source>None of these models has a score on the compared benchmarks</source>
        <translation>Ни у одной из этих моделей нет результатов по сравниваемым бенчмаркам</translation>
    </message>
    <message>
        <source>Parameters (B)</source>
        <translation>Параметры (млрд)</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>Контекст (токенов)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Выпущена</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>License tier</source>
        <translation>Уровень лицензии</translation>
    </message>
    <message>
        <source>Quantization on this hardware</source>
        <translation>Квантование на этом оборудовании</translation>
    </message>
    <message>
        <source>Predicted memory (GiB)</source>
        <translation>Прогноз памяти (ГиБ)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Decode tok/s (1 user)</source>
        <translation>Генерация, ток/с (1 пользователь)</translation>
    </message>
    <message>
        <source>Self-hosted $/M tokens</source>
        <translation>Своё размещение, $ за млн токенов</translation>
    </message>
    <message>
        <source>Cheapest API $/M output</source>
        <translation>Самый дешёвый API, $ за млн выходных</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>no hardware</source>
        <translation>оборудование не выбрано</translation>
    </message>
    <message>
        <source>no architecture in the catalog</source>
        <translation>архитектуры нет в каталоге</translation>
    </message>
    <message>
        <source>Not drawn: %1</source>
        <translation>Не показаны: %1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>ModelAtlas comparison</source>
        <translation>Сравнение ModelAtlas</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Экспорт диаграммы</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Изображение PNG (*.png);;Рисунок SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Экспорт CSV</translation>
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
        <translation>Добро пожаловать в ModelAtlas</translation>
    </message>
    <message>
        <source>&amp;Skip tour</source>
        <translation>&amp;Пропустить обзор</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Далее</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Готово</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::HardwarePicker</name>
    <message>
        <source>Hardware</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>The machine the models must fit on: this computer, a saved profile or catalog GPUs</source>
        <translation>Машина, на которой должны поместиться модели: этот компьютер, сохранённый профиль или GPU из каталога</translation>
    </message>
    <message>
        <source>Number of GPUs</source>
        <translation>Число GPU</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Определить</translation>
    </message>
    <message>
        <source>Detect this computer&apos;s hardware</source>
        <translation>Определить оборудование этого компьютера</translation>
    </message>
    <message>
        <source>Read this computer&apos;s CPU, memory and NVIDIA GPUs again</source>
        <translation>Заново определить CPU, память и GPU NVIDIA этого компьютера</translation>
    </message>
    <message>
        <source>Any hardware (no fit check)</source>
        <translation>Любое оборудование (без проверки размещения)</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>CPU only, %1 GiB RAM</source>
        <translation>Только CPU, ОЗУ %1 ГиБ</translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation>Этот компьютер (%1)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Сохранённый: %1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::CatalogWorker</name>
    <message>
        <source>The catalog database is not open.</source>
        <translation>База данных каталога не открыта.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::LicensesWorker</name>
    <message>
        <source>The license catalog is not loaded yet.</source>
        <translation>Каталог лицензий ещё не загружен.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::Internal::PlaygroundWorker</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::LicenseVerdictModel</name>
    <message>
        <source>Verdict: %1</source>
        <translation>Вердикт: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Deciding clause</source>
        <translation>Решающий пункт</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Обязательства</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::LicensesPage</name>
    <message>
        <source>License verdicts of all models</source>
        <translation>Лицензионные вердикты по всем моделям</translation>
    </message>
    <message>
        <source>Clauses behind the selected model&apos;s verdict</source>
        <translation>Пункты, определившие вердикт по выбранной модели</translation>
    </message>
    <message>
        <source>Obligations of the selected models side by side</source>
        <translation>Обязательства выбранных моделей рядом</translation>
    </message>
    <message>
        <source>Obligations side by side (select two or more models):</source>
        <translation>Обязательства рядом (выберите две модели или больше):</translation>
    </message>
    <message>
        <source>Verdicts read the license clauses recorded in the catalog; they are not legal advice.</source>
        <translation>Вердикты основаны на пунктах лицензий, записанных в каталоге; это не юридическая консультация.</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Отчёт записан в %1.</translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>Сохранённые профили</translation>
    </message>
    <message>
        <source>Saved profile</source>
        <translation>Сохранённый профиль</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Загрузить</translation>
    </message>
    <message>
        <source>Load the saved profile</source>
        <translation>Загрузить сохранённый профиль</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Профиль:</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Имя профиля</translation>
    </message>
    <message>
        <source>e.g. production SaaS</source>
        <translation>например, промышленный SaaS</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Save the profile under this name</source>
        <translation>Сохранить профиль под этим именем</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Open profile &amp;file…</source>
        <translation>Открыть &amp;файл профиля…</translation>
    </message>
    <message>
        <source>Open a profile file</source>
        <translation>Открыть файл профиля</translation>
    </message>
    <message>
        <source>Deployment profile</source>
        <translation>Профиль развёртывания</translation>
    </message>
    <message>
        <source>Organisation type</source>
        <translation>Тип организации</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Организация:</translation>
    </message>
    <message>
        <source>&amp;Commercial use</source>
        <translation>&amp;Коммерческое использование</translation>
    </message>
    <message>
        <source>Commercial use</source>
        <translation>Коммерческое использование</translation>
    </message>
    <message>
        <source>Monthly active users, millions</source>
        <translation>Активные пользователи в месяц, млн</translation>
    </message>
    <message>
        <source> M</source>
        <translation> М</translation>
    </message>
    <message>
        <source>Monthly active users of your products and services, including affiliates, in millions</source>
        <translation>Активные пользователи ваших продуктов и сервисов в месяц, включая аффилированные компании, млн</translation>
    </message>
    <message>
        <source>Monthly active &amp;users:</source>
        <translation>Активных &amp;пользователей в месяц:</translation>
    </message>
    <message>
        <source>Annual revenue, millions of USD</source>
        <translation>Годовая выручка, млн долларов США</translation>
    </message>
    <message>
        <source>Annual &amp;revenue:</source>
        <translation>Годовая &amp;выручка:</translation>
    </message>
    <message>
        <source>Domiciled in the &amp;EU</source>
        <translation>Находится в &amp;ЕС</translation>
    </message>
    <message>
        <source>Domiciled in the EU</source>
        <translation>Находится в ЕС</translation>
    </message>
    <message>
        <source>Use modes</source>
        <translation>Способы использования</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Области</translation>
    </message>
    <message>
        <source>Use modes:</source>
        <translation>Способы использования:</translation>
    </message>
    <message>
        <source>Domains:</source>
        <translation>Области:</translation>
    </message>
    <message>
        <source>Report plan</source>
        <translation>План для отчёта</translation>
    </message>
    <message>
        <source>Report quantization</source>
        <translation>Квантование для отчёта</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>&amp;Квантование:</translation>
    </message>
    <message>
        <source>Report GPU</source>
        <translation>GPU для отчёта</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>&amp;GPU:</translation>
    </message>
    <message>
        <source>Number of GPUs</source>
        <translation>Число GPU</translation>
    </message>
    <message>
        <source>GPU &amp;count:</source>
        <translation>&amp;Число GPU:</translation>
    </message>
    <message>
        <source>Context length, tokens</source>
        <translation>Длина контекста, токенов</translation>
    </message>
    <message>
        <source>Con&amp;text:</source>
        <translation>Кон&amp;текст:</translation>
    </message>
    <message>
        <source>Concurrent users</source>
        <translation>Одновременные пользователи</translation>
    </message>
    <message>
        <source>Concurrent u&amp;sers:</source>
        <translation>Одновременных по&amp;льзователей:</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>Э&amp;кспорт отчёта…</translation>
    </message>
    <message>
        <source>Export the deployment report of the selected model</source>
        <translation>Экспортировать отчёт о развёртывании выбранной модели</translation>
    </message>
    <message>
        <source>Markdown, HTML, PDF or JSON, chosen by the file name&apos;s extension</source>
        <translation>Markdown, HTML, PDF или JSON — по расширению имени файла</translation>
    </message>
    <message>
        <source>The profile is incomplete: %1</source>
        <translation>Профиль неполон: %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a model to see the clauses behind its verdict.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Выберите модель, чтобы увидеть пункты, определившие вердикт.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;License: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Лицензия: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none on record</source>
        <translation>записей нет</translation>
    </message>
    <message>
        <source>&lt;p&gt;No clause restricts this profile.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ни один пункт не ограничивает этот профиль.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Why it applies:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Почему применяется:&lt;/i&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Source: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Источник: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Remedy:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Как исправить:&lt;/i&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Obligations&lt;/h4&gt;&lt;ul&gt;</source>
        <translation>&lt;h4&gt;Обязательства&lt;/h4&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Note:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Примечание:&lt;/i&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;small&gt;Not legal advice: a reading of the license clauses recorded in the catalog.&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;Не юридическая консультация: прочтение пунктов лицензии, записанных в каталоге.&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>вердикт</translation>
    </message>
    <message>
        <source>Could not read the profile: %1</source>
        <translation>Не удалось прочитать профиль: %1</translation>
    </message>
    <message>
        <source>Profile read from %1.</source>
        <translation>Профиль прочитан из %1.</translation>
    </message>
    <message>
        <source>Select a model to export its report.</source>
        <translation>Выберите модель, чтобы экспортировать её отчёт.</translation>
    </message>
    <message>
        <source>Choose a file name ending in .md, .html, .pdf or .json.</source>
        <translation>Выберите имя файла с расширением .md, .html, .pdf или .json.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Запись отчёта…</translation>
    </message>
    <message>
        <source>Export deployment report</source>
        <translation>Экспорт отчёта о развёртывании</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)</source>
        <translation>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Open deployment profile</source>
        <translation>Открыть профиль развёртывания</translation>
    </message>
    <message>
        <source>Profiles (*.json);;All files (*)</source>
        <translation>Профили (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Give the profile a name to save it.</source>
        <translation>Дайте профилю имя, чтобы сохранить его.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved.</source>
        <translation>Профиль «%1» сохранён.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Browse, search and filter the model catalog</source>
        <translation>Просмотр, поиск и фильтрация каталога моделей</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>Планировщик</translation>
    </message>
    <message>
        <source>Memory, speed, cost and serving configuration for a model on your hardware</source>
        <translation>Память, скорость, стоимость и конфигурация сервера для модели на вашем оборудовании</translation>
    </message>
    <message>
        <source>Licenses</source>
        <translation>Лицензии</translation>
    </message>
    <message>
        <source>License verdicts, clauses and obligations for your deployment; deployment reports</source>
        <translation>Лицензионные вердикты, пункты и обязательства для вашего развёртывания; отчёты о развёртывании</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Сравнение</translation>
    </message>
    <message>
        <source>Benchmarks, specs, memory, speed and cost of 2 to 8 models side by side</source>
        <translation>Бенчмарки, характеристики, память, скорость и стоимость от 2 до 8 моделей рядом</translation>
    </message>
    <message>
        <source>Recommend</source>
        <translation>Подбор</translation>
    </message>
    <message>
        <source>A ranked shortlist for your use case, hardware, license and budget</source>
        <translation>Ранжированный короткий список под ваш сценарий, оборудование, лицензию и бюджет</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <source>Prompt local and remote models side by side and measure what the planner predicted</source>
        <translation>Отправляйте запросы локальным и удалённым моделям рядом и измеряйте то, что спрогнозировал планировщик</translation>
    </message>
    <message>
        <source>Opening the catalog</source>
        <translation>Открытие каталога</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Tour of the pages</source>
        <translation>&amp;Обзор страниц</translation>
    </message>
    <message>
        <source>&amp;About ModelAtlas</source>
        <translation>&amp;О программе ModelAtlas</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>Opening the catalog; a first start imports the built-in catalog…</source>
        <translation>Открытие каталога; при первом запуске импортируется встроенный каталог…</translation>
    </message>
    <message>
        <source>1 model in the catalog</source>
        <translation>В каталоге 1 модель</translation>
    </message>
    <message>
        <source>%1 models in the catalog</source>
        <translation>Моделей в каталоге: %1</translation>
    </message>
    <message>
        <source>no catalog</source>
        <translation>нет каталога</translation>
    </message>
    <message>
        <source>catalog %1</source>
        <translation>каталог %1</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>Не удалось открыть базу данных.</translation>
    </message>
    <message>
        <source>The catalog import failed; showing the models already in the database.</source>
        <translation>Импорт каталога не удался; показаны модели, уже имеющиеся в базе данных.</translation>
    </message>
    <message>
        <source>Imported catalog %1.</source>
        <translation>Импортирован каталог %1.</translation>
    </message>
    <message>
        <source>Catalog problem</source>
        <translation>Проблема с каталогом</translation>
    </message>
    <message>
        <source>ModelAtlas could not load the built-in catalog. It keeps working with whatever the database already holds.</source>
        <translation>ModelAtlas не удалось загрузить встроенный каталог. Программа продолжит работу с тем, что уже есть в базе данных.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::ModelDetails</name>
    <message>
        <source>allowed</source>
        <translation>разрешено</translation>
    </message>
    <message>
        <source>allowed under conditions</source>
        <translation>разрешено на условиях</translation>
    </message>
    <message>
        <source>only with a paid license</source>
        <translation>только с платной лицензией</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>не разрешено</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; параметров</translation>
    </message>
    <message>
        <source> (%1 active)</source>
        <translation> (%1 активных)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; context</source>
        <translation>контекст &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>released %1</source>
        <translation>выпущена %1</translation>
    </message>
    <message>
        <source>Also known as:</source>
        <translation>Также известна как:</translation>
    </message>
    <message>
        <source>Based on:</source>
        <translation>Основана на:</translation>
    </message>
    <message>
        <source>Sources disagree on 1 value; both are shown below.</source>
        <translation>Источники расходятся в 1 значении; оба варианта показаны ниже.</translation>
    </message>
    <message>
        <source>Sources disagree on %1 values; each is shown below.</source>
        <translation>Источники расходятся в %1 значениях; каждое показано ниже.</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Факты</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation>Бенчмарки</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Бенчмарк</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Условия</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>уровень %1</translation>
    </message>
    <message>
        <source>tier unknown</source>
        <translation>уровень неизвестен</translation>
    </message>
    <message>
        <source>commercial use %1</source>
        <translation>коммерческое использование: %1</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Пункт</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Архитектура</translation>
    </message>
    <message>
        <source>Hyper-parameter</source>
        <translation>Гиперпараметр</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Источник:</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>API prices</source>
        <translation>Цены API</translation>
    </message>
    <message>
        <source>Your note</source>
        <translation>Ваша заметка</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Идентификатор</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlannerPage</name>
    <message>
        <source>%1 B</source>
        <translation>%1 млрд</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 млн</translation>
    </message>
    <message>
        <source>%1 K</source>
        <translation>%1 тыс.</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <source>Headroom</source>
        <translation>Запас</translation>
    </message>
    <message>
        <source>Maximum context</source>
        <translation>Максимальный контекст</translation>
    </message>
    <message>
        <source>Decode speed</source>
        <translation>Скорость генерации</translation>
    </message>
    <message>
        <source>Prefill speed</source>
        <translation>Скорость обработки запроса</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>Время до первого токена</translation>
    </message>
    <message>
        <source>Measured on this machine</source>
        <translation>Измерено на этой машине</translation>
    </message>
    <message>
        <source>Headroom:</source>
        <translation>Запас:</translation>
    </message>
    <message>
        <source>Max context that fits:</source>
        <translation>Наибольший помещающийся контекст:</translation>
    </message>
    <message>
        <source>Decode:</source>
        <translation>Генерация:</translation>
    </message>
    <message>
        <source>Prefill:</source>
        <translation>Обработка запроса:</translation>
    </message>
    <message>
        <source>Time to first token:</source>
        <translation>Время до первого токена:</translation>
    </message>
    <message>
        <source>Measured here:</source>
        <translation>Измерено здесь:</translation>
    </message>
    <message>
        <source>Plan details</source>
        <translation>Подробности плана</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Память</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>Fit matrix</source>
        <translation>Матрица размещения</translation>
    </message>
    <message>
        <source>Serving config</source>
        <translation>Конфигурация сервера</translation>
    </message>
    <message>
        <source>Loading the catalog…</source>
        <translation>Загрузка каталога…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>A catalog model with known hyper-parameters; type to search</source>
        <translation>Модель из каталога с известными гиперпараметрами; введите текст для поиска</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>Открыть файл GGUF…</translation>
    </message>
    <message>
        <source>Open GGUF file</source>
        <translation>Открыть файл GGUF</translation>
    </message>
    <message>
        <source>Plan from a GGUF file&apos;s header (exact tensor types); the weights are not loaded</source>
        <translation>План по заголовку файла GGUF (точные типы тензоров); веса не загружаются</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Квантование</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Модель:</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>&amp;Квантование:</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Длина контекста</translation>
    </message>
    <message>
        <source>Tokens per sequence, e.g. 8192, 32k, 128K</source>
        <translation>Токенов на последовательность, например 8192, 32k, 128K</translation>
    </message>
    <message>
        <source>Concurrent users</source>
        <translation>Одновременные пользователи</translation>
    </message>
    <message>
        <source>Sequences served at the same time; each has its own KV cache</source>
        <translation>Одновременно обслуживаемые последовательности; у каждой свой KV-кэш</translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation>Длина запроса</translation>
    </message>
    <message>
        <source>Prompt tokens, for prefill time and time to first token</source>
        <translation>Токены запроса — для времени обработки и времени до первого токена</translation>
    </message>
    <message>
        <source>KV-cache type</source>
        <translation>Тип KV-кэша</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>&amp;Context (tokens):</source>
        <translation>&amp;Контекст (токенов):</translation>
    </message>
    <message>
        <source>Concurrent &amp;users:</source>
        <translation>Одновременных &amp;пользователей:</translation>
    </message>
    <message>
        <source>&amp;Prompt (tokens):</source>
        <translation>&amp;Запрос (токенов):</translation>
    </message>
    <message>
        <source>&amp;KV cache:</source>
        <translation>&amp;KV-кэш:</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>A catalog GPU, a saved hardware profile, or CPU only; type to search</source>
        <translation>GPU из каталога, сохранённый профиль оборудования или только CPU; введите текст для поиска</translation>
    </message>
    <message>
        <source>GPUs per node</source>
        <translation>GPU на узел</translation>
    </message>
    <message>
        <source>GPUs in each node (1-64)</source>
        <translation>GPU в каждом узле (1–64)</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Узлы</translation>
    </message>
    <message>
        <source>Identical machines (1-1024)</source>
        <translation>Одинаковых машин (1–1024)</translation>
    </message>
    <message>
        <source>CPU RAM in GiB</source>
        <translation>ОЗУ CPU в ГиБ</translation>
    </message>
    <message>
        <source>System RAM available for CPU offload, GiB</source>
        <translation>Системная память для выгрузки на CPU, ГиБ</translation>
    </message>
    <message>
        <source>CPU memory bandwidth in GB/s</source>
        <translation>Пропускная способность памяти CPU в ГБ/с</translation>
    </message>
    <message>
        <source>Sustained system-memory read bandwidth, GB/s: what CPU-only plans and offloaded layers run at</source>
        <translation>Устойчивая скорость чтения системной памяти, ГБ/с: с ней работают планы только на CPU и выгруженные слои</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Движок</translation>
    </message>
    <message>
        <source>Auto (llama.cpp for GGUF, else vLLM)</source>
        <translation>Авто (llama.cpp для GGUF, иначе vLLM)</translation>
    </message>
    <message>
        <source>llama.cpp (CUDA)</source>
        <translation>llama.cpp (CUDA)</translation>
    </message>
    <message>
        <source>llama.cpp (CPU)</source>
        <translation>llama.cpp (CPU)</translation>
    </message>
    <message>
        <source>llama.cpp (Metal)</source>
        <translation>llama.cpp (Metal)</translation>
    </message>
    <message>
        <source>vLLM</source>
        <translation>vLLM</translation>
    </message>
    <message>
        <source>ModelAtlas engine (CPU)</source>
        <translation>Движок ModelAtlas (CPU)</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>&amp;GPU:</translation>
    </message>
    <message>
        <source>GPUs per &amp;node:</source>
        <translation>GPU на &amp;узел:</translation>
    </message>
    <message>
        <source>N&amp;odes:</source>
        <translation>&amp;Узлы:</translation>
    </message>
    <message>
        <source>CPU &amp;RAM (GiB):</source>
        <translation>&amp;ОЗУ CPU (ГиБ):</translation>
    </message>
    <message>
        <source>CPU memory &amp;bandwidth (GB/s):</source>
        <translation>&amp;Пропускная способность памяти CPU (ГБ/с):</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>&amp;Движок:</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>Запросов в день</translation>
    </message>
    <message>
        <source>Requests a day, for the monthly cost</source>
        <translation>Запросов в день — для месячной стоимости</translation>
    </message>
    <message>
        <source>Input tokens per request</source>
        <translation>Входных токенов на запрос</translation>
    </message>
    <message>
        <source>Prompt tokens per request (priced as input by APIs)</source>
        <translation>Токенов запроса на обращение (API тарифицируют как входные)</translation>
    </message>
    <message>
        <source>Output tokens per request</source>
        <translation>Выходных токенов на запрос</translation>
    </message>
    <message>
        <source>Generated tokens per request</source>
        <translation>Сгенерированных токенов на запрос</translation>
    </message>
    <message>
        <source>Traffic (for cost)</source>
        <translation>Нагрузка (для стоимости)</translation>
    </message>
    <message>
        <source>Requests per &amp;day:</source>
        <translation>Запросов в &amp;день:</translation>
    </message>
    <message>
        <source>&amp;Input tokens:</source>
        <translation>&amp;Входные токены:</translation>
    </message>
    <message>
        <source>&amp;Output tokens:</source>
        <translation>&amp;Выходные токены:</translation>
    </message>
    <message>
        <source>Input problem</source>
        <translation>Ошибка ввода</translation>
    </message>
    <message>
        <source>Memory per device</source>
        <translation>Память на устройство</translation>
    </message>
    <message>
        <source>Monthly cost against volume</source>
        <translation>Месячная стоимость в зависимости от объёма</translation>
    </message>
    <message>
        <source>API alternatives</source>
        <translation>Альтернативы через API</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Monthly at your traffic</source>
        <translation>В месяц при вашей нагрузке</translation>
    </message>
    <message>
        <source>Break-even (requests/month)</source>
        <translation>Безубыточность (запросов в месяц)</translation>
    </message>
    <message>
        <source>Cheaper now</source>
        <translation>Уже дешевле</translation>
    </message>
    <message>
        <source>Serving engine</source>
        <translation>Движок обслуживания</translation>
    </message>
    <message>
        <source>SGLang</source>
        <translation>SGLang</translation>
    </message>
    <message>
        <source>llama.cpp server</source>
        <translation>сервер llama.cpp</translation>
    </message>
    <message>
        <source>Ollama (Modelfile)</source>
        <translation>Ollama (Modelfile)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>Copy the serving configuration</source>
        <translation>Скопировать конфигурацию сервера</translation>
    </message>
    <message>
        <source>Serving configuration</source>
        <translation>Конфигурация сервера</translation>
    </message>
    <message>
        <source>E&amp;ngine:</source>
        <translation>Д&amp;вижок:</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>Не удалось открыть базу данных каталога: %1</translation>
    </message>
    <message>
        <source>GGUF: %1</source>
        <translation>GGUF: %1</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>Только CPU</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Профиль: %1</translation>
    </message>
    <message>
        <source>The planner could not read the catalog: %1</source>
        <translation>Планировщик не смог прочитать каталог: %1</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Модели GGUF (*.gguf);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>%1: %2, %3 layers, %4 tensors, %5 GiB of weights (exact, from the header)</source>
        <translation>%1: %2, слоёв: %3, тензоров: %4, веса %5 ГиБ (точно, из заголовка)</translation>
    </message>
    <message>
        <source>%1 cannot be planned: %2</source>
        <translation>%1 нельзя спланировать: %2</translation>
    </message>
    <message>
        <source>Choose a model (type to search the catalog) or open a GGUF file.</source>
        <translation>Выберите модель (введите текст для поиска в каталоге) или откройте файл GGUF.</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;: choose one from the list (only catalog models with known layers and heads can be planned) or open a GGUF file.</source>
        <translation>Неизвестная модель «%1»: выберите из списка (спланировать можно только модели каталога с известными слоями и головами) или откройте файл GGUF.</translation>
    </message>
    <message>
        <source>Choose a quantization.</source>
        <translation>Выберите квантование.</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>CPU RAM</source>
        <translation>ОЗУ CPU</translation>
    </message>
    <message>
        <source>CPU memory bandwidth</source>
        <translation>Пропускная способность памяти CPU</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Входные токены</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Выходные токены</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation>%1: «%2» — не число.</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3 (got %4).</source>
        <translation>%1 должно быть от %2 до %3 (получено %4).</translation>
    </message>
    <message>
        <source>%1 must be a whole number (got %2).</source>
        <translation>%1 должно быть целым числом (получено %2).</translation>
    </message>
    <message>
        <source>Choose a GPU, a saved profile or CPU only.</source>
        <translation>Выберите GPU, сохранённый профиль или «Только CPU».</translation>
    </message>
    <message>
        <source>Unknown GPU &quot;%1&quot;: choose one from the list, a saved profile or CPU only.</source>
        <translation>Неизвестный GPU «%1»: выберите из списка, сохранённый профиль или «Только CPU».</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>Помещается</translation>
    </message>
    <message>
        <source>Fits with CPU offload</source>
        <translation>Помещается с выгрузкой на CPU</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>Не помещается</translation>
    </message>
    <message>
        <source>%1 %2 on %3 — %4 GiB of weights (%5), KV cache %6 GiB; engine %7.</source>
        <translation>%1 %2 на %3 — веса %4 ГиБ (%5), KV-кэш %6 ГиБ; движок %7.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Note: the model was trained for at most %1 tokens of context.</source>
        <translation>Примечание: модель обучена на контексте не длиннее %1 токенов.</translation>
    </message>
    <message>
        <source>%1 GiB short</source>
        <translation>не хватает %1 ГиБ</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 ГиБ</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 токенов</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Computing the fit matrix…</source>
        <translation>Расчёт матрицы размещения…</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Веса</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-кэш</translation>
    </message>
    <message>
        <source>Compute buffers</source>
        <translation>Вычислительные буферы</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>Накладные расходы</translation>
    </message>
    <message>
        <source>%1 (of %2 GiB)</source>
        <translation>%1 (из %2 ГиБ)</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>ГиБ</translation>
    </message>
    <message>
        <source>Usable memory</source>
        <translation>Доступная память</translation>
    </message>
    <message>
        <source>Memory per device (GiB) against usable memory — %1</source>
        <translation>Память на устройство (ГиБ) относительно доступной — %1</translation>
    </message>
    <message>
        <source>Memory (GiB) against usable memory</source>
        <translation>Память (ГиБ) относительно доступной</translation>
    </message>
    <message>
        <source>no runs of this model and quantization yet (the Playground records them)</source>
        <translation>запусков этой модели с этим квантованием ещё нет (их записывает песочница)</translation>
    </message>
    <message>
        <source>%1 tok/s decode</source>
        <translation>%1 ток/с генерации</translation>
    </message>
    <message>
        <source>%1 tok/s prefill</source>
        <translation>%1 ток/с обработки запроса</translation>
    </message>
    <message>
        <source>peak memory %1 GiB</source>
        <translation>пиковая память %1 ГиБ</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %3 on %4; %n run(s))</source>
        <translation>
            <numerusform>%1 (%2, %3 на %4; %n запуск)</numerusform>
            <numerusform>%1 (%2, %3 на %4; %n запуска)</numerusform>
            <numerusform>%1 (%2, %3 на %4; %n запусков)</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown (no bandwidth/TFLOPS for this GPU)</source>
        <translation>неизвестно (нет данных о пропускной способности/TFLOPS этого GPU)</translation>
    </message>
    <message>
        <source>— (does not fit)</source>
        <translation>— (не помещается)</translation>
    </message>
    <message>
        <source>%1 tok/s per user, %2 tok/s total</source>
        <translation>%1 ток/с на пользователя, %2 ток/с всего</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 ток/с</translation>
    </message>
    <message>
        <source>%1; efficiency from %2</source>
        <translation>%1; эффективность по %2</translation>
    </message>
    <message>
        <source>compute bound</source>
        <translation>ограничено вычислениями</translation>
    </message>
    <message>
        <source>bandwidth bound</source>
        <translation>ограничено пропускной способностью</translation>
    </message>
    <message>
        <source>; attention on the CPU: %1% of each step</source>
        <translation>; внимание на CPU: %1% каждого шага</translation>
    </message>
    <message>
        <source>%1 s for %2 prompt tokens</source>
        <translation>%1 с на %2 токенов запроса</translation>
    </message>
    <message>
        <source>Cost is computed for GPU deployments; choose a GPU.</source>
        <translation>Стоимость рассчитывается для развёртываний на GPU; выберите GPU.</translation>
    </message>
    <message>
        <source>No cost: the plan has no throughput (it does not fit, or the GPU&apos;s speed is unknown).</source>
        <translation>Стоимость не рассчитана: у плана нет пропускной способности (не помещается или скорость GPU неизвестна).</translation>
    </message>
    <message>
        <source>The catalog has neither a rental nor a purchase price for %1.</source>
        <translation>В каталоге нет ни цены аренды, ни цены покупки для %1.</translation>
    </message>
    <message>
        <source>Self-hosting: %1 per month for %2 replica(s) (%3), %4 loaded at %5 requests/month; %6 per million output tokens at full load.</source>
        <translation>Своё размещение: %1 в месяц за %2 реплик(и) (%3), загрузка %4 при %5 запросах в месяц; %6 за миллион выходных токенов при полной загрузке.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <source>self-host</source>
        <translation>своё размещение</translation>
    </message>
    <message>
        <source>Requests per month</source>
        <translation>Запросов в месяц</translation>
    </message>
    <message>
        <source>USD per month</source>
        <translation>Долларов США в месяц</translation>
    </message>
    <message>
        <source>Self-host (%1 × %2)</source>
        <translation>Своё размещение (%1 × %2)</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>Точка безубыточности</translation>
    </message>
    <message>
        <source>Monthly cost against volume (APIs at their lowest quoted price)</source>
        <translation>Месячная стоимость в зависимости от объёма (API по самой низкой цене)</translation>
    </message>
    <message>
        <source>No %1 configuration for this plan: %2</source>
        <translation>Для этого плана нет конфигурации %1: %2</translation>
    </message>
    <message>
        <source># Warning: the planner predicts this does not fit the chosen hardware.
</source>
        <translation># Внимание: по прогнозу планировщика это не помещается на выбранное оборудование.
</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Лучший</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>помещается</translation>
    </message>
    <message>
        <source>offload</source>
        <translation>выгрузка</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1 at %2: %3 GiB of weights; max context %4; %5 tok/s</source>
        <translation>%1 в %2: веса %3 ГиБ; макс. контекст %4; %5 ток/с</translation>
    </message>
    <message>
        <source>%1 models × %2 quantizations on %3 at %4 tokens × %5 user(s). Green: fits on the GPUs; amber: fits with CPU offload; red: does not fit. Double-click a cell to plan it.</source>
        <translation>%1 моделей × %2 квантований на %3 при %4 токенах × %5 польз. Зелёный: помещается на GPU; жёлтый: помещается с выгрузкой на CPU; красный: не помещается. Дважды щёлкните ячейку, чтобы спланировать её.</translation>
    </message>
    <message>
        <source>ModelAtlas engine (CUDA, one GPU)</source>
        <translation>Движок ModelAtlas (CUDA, один GPU)</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlaygroundPage</name>
    <message>
        <source>Number of panes</source>
        <translation>Число панелей</translation>
    </message>
    <message>
        <source>Same system prompt and sampling in every pane</source>
        <translation>Одинаковые системный запрос и параметры выборки во всех панелях</translation>
    </message>
    <message>
        <source>Blind (A/B)</source>
        <translation>Вслепую (A/B)</translation>
    </message>
    <message>
        <source>Hide which runner is in which pane until you have voted for the better answer.</source>
        <translation>Скрывать, какой исполнитель в какой панели, пока вы не проголосуете за лучший ответ.</translation>
    </message>
    <message>
        <source>general</source>
        <translation>общее</translation>
    </message>
    <message>
        <source>Task tag for votes</source>
        <translation>Метка задачи для голосов</translation>
    </message>
    <message>
        <source>Find models</source>
        <translation>Найти модели</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Добавить папку…</translation>
    </message>
    <message>
        <source>Panes</source>
        <translation>Панели</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <source>Which answer is better?</source>
        <translation>Какой ответ лучше?</translation>
    </message>
    <message>
        <source>A is better</source>
        <translation>A лучше</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>B лучше</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Ничья</translation>
    </message>
    <message>
        <source>Both are bad</source>
        <translation>Оба плохи</translation>
    </message>
    <message>
        <source>Type a prompt; it goes to every pane.</source>
        <translation>Введите запрос; он уйдёт во все панели.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>Отправить во все</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Остановить все</translation>
    </message>
    <message>
        <source>Saved prompt sets</source>
        <translation>Сохранённые наборы запросов</translation>
    </message>
    <message>
        <source>Save prompt to set…</source>
        <translation>Сохранить запрос в набор…</translation>
    </message>
    <message>
        <source>Run set</source>
        <translation>Запустить набор</translation>
    </message>
    <message>
        <source>Export transcript…</source>
        <translation>Экспорт стенограммы…</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>Набор запросов</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Elo</source>
        <translation>Эло</translation>
    </message>
    <message>
        <source>Games</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>Победы</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>Поражения</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>Ничьи</translation>
    </message>
    <message>
        <source>Export ranking…</source>
        <translation>Экспорт рейтинга…</translation>
    </message>
    <message>
        <source>Elo ratings replayed from your blind votes (K = 32, start 1000); &quot;both bad&quot; counts as a tie.</source>
        <translation>Рейтинги Эло, пересчитанные по вашим слепым голосам (K = 32, старт 1000); «оба плохи» считается ничьей.</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Рядом</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Рейтинг</translation>
    </message>
    <message>
        <source>Add a folder with GGUF models</source>
        <translation>Добавить папку с моделями GGUF</translation>
    </message>
    <message>
        <source>Save prompt</source>
        <translation>Сохранить запрос</translation>
    </message>
    <message>
        <source>Add the prompt to the set named:</source>
        <translation>Добавить запрос в набор с именем:</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>Экспорт стенограммы</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export ranking</source>
        <translation>Экспорт рейтинга</translation>
    </message>
    <message numerus="yes">
        <source>%n GGUF model(s) found on this computer.</source>
        <translation>
            <numerusform>На этом компьютере найдена %n модель GGUF.</numerusform>
            <numerusform>На этом компьютере найдено %n модели GGUF.</numerusform>
            <numerusform>На этом компьютере найдено %n моделей GGUF.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored the run of %1 as a measurement; the planner calibrates from it.</source>
        <translation>Запуск %1 сохранён как измерение; планировщик калибруется по нему.</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>Записано: %1.</translation>
    </message>
    <message>
        <source>No pane has a runner yet: choose a GGUF file or an endpoint in each pane.</source>
        <translation>Ни в одной панели нет исполнителя: выберите файл GGUF или конечную точку в каждой панели.</translation>
    </message>
    <message>
        <source>The prompt set is done; export the transcript to keep it.</source>
        <translation>Набор запросов выполнен; экспортируйте стенограмму, чтобы сохранить её.</translation>
    </message>
    <message numerus="yes">
        <source>Running the prompt set &quot;%1&quot; (%n prompt(s)).</source>
        <translation>
            <numerusform>Выполняется набор «%1» (%n запрос).</numerusform>
            <numerusform>Выполняется набор «%1» (%n запроса).</numerusform>
            <numerusform>Выполняется набор «%1» (%n запросов).</numerusform>
        </translation>
    </message>
    <message>
        <source>Type (or send) a prompt first, then save it to a set.</source>
        <translation>Сначала введите (или отправьте) запрос, затем сохраните его в набор.</translation>
    </message>
    <message>
        <source>Saved the prompt to the set &quot;%1&quot;.</source>
        <translation>Запрос сохранён в набор «%1».</translation>
    </message>
    <message>
        <source>Vote recorded. A was %1, B was %2.</source>
        <translation>Голос учтён. A — это %1, B — это %2.</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Все задачи</translation>
    </message>
    <message>
        <source>The prompt set was stopped; the answers so far are in the transcript.</source>
        <translation>Набор запросов остановлен; полученные ответы есть в стенограмме.</translation>
    </message>
    <message>
        <source>Ready to compare %1 side by side.</source>
        <translation>Всё готово для сравнения %1 бок о бок.</translation>
    </message>
    <message>
        <source>No GGUF file of %1 was found on this computer: pick a file or an endpoint in its pane.</source>
        <translation>GGUF-файл модели %1 на этом компьютере не найден: выберите файл или конечную точку в её панели.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::PlaygroundPane</name>
    <message>
        <source>Loading: %1 of %2</source>
        <translation>Загрузка: %1 из %2</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, осталось около %1 с</translation>
    </message>
    <message>
        <source>TTFT %1 ms · prefill %2 tok/s · decode %3 tok/s · %4 tokens</source>
        <translation>TTFT %1 мс · обработка %2 ток/с · генерация %3 ток/с · %4 токенов</translation>
    </message>
    <message>
        <source> · memory %1 measured / %2 predicted (%3%4%)</source>
        <translation> · память: %1 измерено / %2 прогноз (%3%4%)</translation>
    </message>
    <message>
        <source>, shared with the other local panes</source>
        <translation>, общая с другими локальными панелями</translation>
    </message>
    <message>
        <source>Local GGUF file</source>
        <translation>Локальный файл GGUF</translation>
    </message>
    <message>
        <source>OpenAI-compatible endpoint</source>
        <translation>Конечная точка, совместимая с OpenAI</translation>
    </message>
    <message>
        <source>Runner kind</source>
        <translation>Тип исполнителя</translation>
    </message>
    <message>
        <source>Path to a .gguf file</source>
        <translation>Путь к файлу .gguf</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Файл модели</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Models found on this computer</source>
        <translation>Модели, найденные на этом компьютере</translation>
    </message>
    <message>
        <source>Models found on this computer…</source>
        <translation>Модели, найденные на этом компьютере…</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL конечной точки</translation>
    </message>
    <message>
        <source>model name, e.g. qwen3:8b</source>
        <translation>имя модели, например qwen3:8b</translation>
    </message>
    <message>
        <source>Served model name</source>
        <translation>Имя обслуживаемой модели</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Забыть</translation>
    </message>
    <message>
        <source>Delete the saved API key of this endpoint</source>
        <translation>Удалить сохранённый ключ API этой конечной точки</translation>
    </message>
    <message>
        <source>The API key is saved in the system keychain.</source>
        <translation>Ключ API сохранён в системном хранилище ключей.</translation>
    </message>
    <message>
        <source>Warning: no system keychain could be used, so the API key is stored in plain text in %1.</source>
        <translation>Внимание: системное хранилище ключей использовать не удалось, поэтому ключ API хранится открытым текстом в %1.</translation>
    </message>
    <message>
        <source>The API key was not saved: the system keychain refused access.</source>
        <translation>Ключ API не сохранён: системное хранилище ключей отказало в доступе.</translation>
    </message>
    <message>
        <source>No API key is saved for this endpoint.</source>
        <translation>Для этой конечной точки ключ API не сохранён.</translation>
    </message>
    <message>
        <source>The system keychain refused to delete the API key.</source>
        <translation>Системное хранилище ключей отказалось удалить ключ API.</translation>
    </message>
    <message>
        <source>A key is saved in the system keychain when one is available, otherwise in plain text in %1.</source>
        <translation>Ключ сохраняется в системном хранилище ключей, если оно доступно, иначе — открытым текстом в %1.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>Системный запрос (необязательно)</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Системный запрос</translation>
    </message>
    <message>
        <source>Temperature (0: greedy)</source>
        <translation>Температура (0: жадный выбор)</translation>
    </message>
    <message>
        <source>Maximum new tokens</source>
        <translation>Максимум новых токенов</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Длина контекста</translation>
    </message>
    <message>
        <source>Temp.</source>
        <translation>Темп.</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Макс. токенов</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Runner</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Диалог</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Сгенерировать заново</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Choose a GGUF file (Browse…, or one of the models found on this computer).</source>
        <translation>Выберите файл GGUF («Обзор…» или одну из моделей, найденных на этом компьютере).</translation>
    </message>
    <message>
        <source>Enter the endpoint&apos;s URL and the name of the model it serves.</source>
        <translation>Введите URL конечной точки и имя обслуживаемой ею модели.</translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Вы: </translation>
    </message>
    <message>
        <source>Model: </source>
        <translation>Модель: </translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Открыть модель GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Модели GGUF (*.gguf);;Все файлы (*)</translation>
    </message>
    <message>
        <source>No models found in the usual folders</source>
        <translation>В обычных папках модели не найдены</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(no runner chosen)</source>
        <translation>(исполнитель не выбран)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · GPU memory %1 measured / %2 predicted (%3%4%)</source>
        <translation> · память GPU: %1 измерено / %2 прогноз (%3%4%)</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>Запуск на</translation>
    </message>
    <message>
        <source>Auto: the GPU when the model fits, else the CPU</source>
        <translation>Авто: GPU, если модель помещается, иначе CPU</translation>
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
        <translation>Где встроенный движок выполняет модель. Если GPU использовать нельзя, запуск объясняет почему.</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-кэш</translation>
    </message>
    <message>
        <source>F16</source>
        <translation>F16</translation>
    </message>
    <message>
        <source>Q8_0 (47% smaller)</source>
        <translation>Q8_0 (на 47% меньше)</translation>
    </message>
    <message>
        <source>How the engine keeps past tokens&apos; keys and values. Q8_0 nearly halves that memory for long contexts at a small cost in accuracy; it needs heads of a multiple of 32.</source>
        <translation>Как движок хранит ключи и значения прошлых токенов. Q8_0 почти вдвое сокращает эту память для длинных контекстов ценой небольшой потери точности; размер головы должен быть кратен 32.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::RecommendPage</name>
    <message>
        <source>General purpose</source>
        <translation>Общего назначения</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Программирование</translation>
    </message>
    <message>
        <source>Math and reasoning</source>
        <translation>Математика и рассуждения</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>Многоязычность</translation>
    </message>
    <message>
        <source>Long context</source>
        <translation>Длинный контекст</translation>
    </message>
    <message>
        <source>RAG (retrieval-augmented generation)</source>
        <translation>RAG (генерация с поиском)</translation>
    </message>
    <message>
        <source>Chat assistant</source>
        <translation>Чат-ассистент</translation>
    </message>
    <message>
        <source>Edge / on-device</source>
        <translation>Периферия / на устройстве</translation>
    </message>
    <message>
        <source>Agentic, tool use</source>
        <translation>Агенты, вызов инструментов</translation>
    </message>
    <message>
        <source>Ranked shortlist</source>
        <translation>Ранжированный короткий список</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>On your hardware</source>
        <translation>На вашем оборудовании</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>Why this rank</source>
        <translation>Почему такое место</translation>
    </message>
    <message>
        <source>Models left out and why</source>
        <translation>Исключённые модели и причины</translation>
    </message>
    <message>
        <source>Open &amp;plan</source>
        <translation>Открыть &amp;план</translation>
    </message>
    <message>
        <source>Plan the selected model on the Planner page</source>
        <translation>Спланировать выбранную модель на странице «Планировщик»</translation>
    </message>
    <message>
        <source>&amp;License report</source>
        <translation>&amp;Отчёт о лицензии</translation>
    </message>
    <message>
        <source>Show the selected model&apos;s license verdict and clauses</source>
        <translation>Показать лицензионный вердикт и пункты для выбранной модели</translation>
    </message>
    <message>
        <source>Try in Pla&amp;yground</source>
        <translation>Попробовать в &amp;песочнице</translation>
    </message>
    <message>
        <source>Run the top models side by side in the Playground</source>
        <translation>Запустить лучшие модели рядом в песочнице</translation>
    </message>
    <message>
        <source>Shortlist:</source>
        <translation>Короткий список:</translation>
    </message>
    <message>
        <source>Left out by a constraint:</source>
        <translation>Исключены ограничениями:</translation>
    </message>
    <message>
        <source>1. Use</source>
        <translation>1. Назначение</translation>
    </message>
    <message>
        <source>Use case</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>e.g. Chinese, Japanese</source>
        <translation>например, Chinese, Japanese</translation>
    </message>
    <message>
        <source>Comma-separated; Chinese, Japanese and Korean have their own recommendation tables</source>
        <translation>Через запятую; для китайского, японского и корейского есть отдельные таблицы рекомендаций</translation>
    </message>
    <message>
        <source>Minimum context</source>
        <translation>Минимальный контекст</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Любой</translation>
    </message>
    <message>
        <source>&amp;Use case:</source>
        <translation>&amp;Сценарий:</translation>
    </message>
    <message>
        <source>Lan&amp;guages:</source>
        <translation>&amp;Языки:</translation>
    </message>
    <message>
        <source>Minimum &amp;context:</source>
        <translation>Минимальный &amp;контекст:</translation>
    </message>
    <message>
        <source>2. Hardware</source>
        <translation>2. Оборудование</translation>
    </message>
    <message>
        <source>Allow CPU &amp;offload</source>
        <translation>Разрешить &amp;выгрузку на CPU</translation>
    </message>
    <message>
        <source>Accept plans that keep some layers in system RAM (slower)</source>
        <translation>Допускать планы, в которых часть слоёв остаётся в системной памяти (медленнее)</translation>
    </message>
    <message>
        <source>Minimum decode speed</source>
        <translation>Минимальная скорость генерации</translation>
    </message>
    <message>
        <source> tok/s</source>
        <translation> ток/с</translation>
    </message>
    <message>
        <source>No latency target</source>
        <translation>Без требования к задержке</translation>
    </message>
    <message>
        <source>&amp;Machine:</source>
        <translation>&amp;Машина:</translation>
    </message>
    <message>
        <source>Minimum &amp;speed per user:</source>
        <translation>Минимальная &amp;скорость на пользователя:</translation>
    </message>
    <message>
        <source>3. License</source>
        <translation>3. Лицензия</translation>
    </message>
    <message>
        <source>Apache 2.0 / MIT-style licenses only (tier 1)</source>
        <translation>Только лицензии типа Apache 2.0 / MIT (уровень 1)</translation>
    </message>
    <message>
        <source>Commercial deployment (check licenses)</source>
        <translation>Коммерческое развёртывание (проверять лицензии)</translation>
    </message>
    <message>
        <source>How the model is deployed</source>
        <translation>Как развёртывается модель</translation>
    </message>
    <message>
        <source>Monthly active users</source>
        <translation>Активные пользователи в месяц</translation>
    </message>
    <message>
        <source>Organisation in the &amp;EU (GDPR)</source>
        <translation>Организация в &amp;ЕС (GDPR)</translation>
    </message>
    <message>
        <source>&amp;Deployment:</source>
        <translation>&amp;Развёртывание:</translation>
    </message>
    <message>
        <source>Monthly active &amp;users:</source>
        <translation>Активных &amp;пользователей в месяц:</translation>
    </message>
    <message>
        <source>4. Traffic and budget</source>
        <translation>4. Нагрузка и бюджет</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>Запросов в день</translation>
    </message>
    <message>
        <source>Input tokens per request</source>
        <translation>Входных токенов на запрос</translation>
    </message>
    <message>
        <source>Output tokens per request</source>
        <translation>Выходных токенов на запрос</translation>
    </message>
    <message>
        <source>Monthly budget in USD</source>
        <translation>Месячный бюджет в долларах США</translation>
    </message>
    <message>
        <source>No budget limit</source>
        <translation>Без ограничения бюджета</translation>
    </message>
    <message>
        <source>&amp;Requests per day:</source>
        <translation>&amp;Запросов в день:</translation>
    </message>
    <message>
        <source>&amp;Input tokens per request:</source>
        <translation>&amp;Входных токенов на запрос:</translation>
    </message>
    <message>
        <source>&amp;Output tokens per request:</source>
        <translation>&amp;Выходных токенов на запрос:</translation>
    </message>
    <message>
        <source>Monthly &amp;budget:</source>
        <translation>Месячный &amp;бюджет:</translation>
    </message>
    <message>
        <source>The catalog database could not be opened: %1</source>
        <translation>Не удалось открыть базу данных каталога: %1</translation>
    </message>
    <message>
        <source>The catalog could not be read: %1</source>
        <translation>Не удалось прочитать каталог: %1</translation>
    </message>
    <message>
        <source>No model meets every constraint. The list below says what removed each one.</source>
        <translation>Ни одна модель не удовлетворяет всем ограничениям. Ниже указано, что исключило каждую.</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>не проверялось</translation>
    </message>
    <message>
        <source>%1, %2 tok/s</source>
        <translation>%1, %2 ток/с</translation>
    </message>
    <message>
        <source>%1/month</source>
        <translation>%1/мес.</translation>
    </message>
    <message>
        <source>%1/M tokens</source>
        <translation>%1 за млн токенов</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Runner-up:</source>
        <translation>Второе место:</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Gui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>A new language applies the next time ModelAtlas starts.</source>
        <translation>Новый язык вступит в силу при следующем запуске ModelAtlas.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Hardware::HardwareDetect</name>
    <message>
        <source>nvidia-smi is not available; GPU memory sizes are taken from the catalog.</source>
        <translation>nvidia-smi недоступна; объём памяти GPU взят из каталога.</translation>
    </message>
    <message>
        <source>The CPU model could not be read.</source>
        <translation>Не удалось определить модель CPU.</translation>
    </message>
    <message>
        <source>The system memory size could not be read.</source>
        <translation>Не удалось определить объём оперативной памяти.</translation>
    </message>
    <message>
        <source>%1: unified memory, the GPU shares the %2 GiB of system RAM.</source>
        <translation>%1: унифицированная память, GPU использует %2 ГиБ системной памяти совместно с CPU.</translation>
    </message>
    <message>
        <source>%1 is not in the catalog; planning for the CPU only.</source>
        <translation>%1 нет в каталоге; расчёт только для CPU.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found; the profile is CPU only.</source>
        <translation>GPU NVIDIA не найден; профиль только для CPU.</translation>
    </message>
    <message>
        <source>%1 is not in the catalog; the profile is CPU only. Add the card as a custom GPU to plan for it.</source>
        <translation>%1 нет в каталоге; профиль только для CPU. Добавьте карту как пользовательский GPU, чтобы планировать под неё.</translation>
    </message>
    <message>
        <source>Mixed GPUs: the profile plans for the %1 %2 only.</source>
        <translation>Разные GPU: профиль учитывает только %1 × %2.</translation>
    </message>
    <message>
        <source>The CUDA runtime cannot use the GPU (%1); the engine will run trial prompts on the CPU.</source>
        <translation>Среда выполнения CUDA не может использовать GPU (%1); движок будет выполнять пробные запросы на CPU.</translation>
    </message>
    <message>
        <source>%1: the CUDA runtime reports %2 GB/s peak memory bandwidth (the catalog lists %3 GB/s); the plan uses the runtime&apos;s figure.</source>
        <translation>%1: среда выполнения CUDA сообщает о пиковой пропускной способности памяти %2 ГБ/с (в каталоге указано %3 ГБ/с); план использует значение среды выполнения.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Planner::Planner</name>
    <message>
        <source>catalog hyper-parameters + %1 mix</source>
        <translation>гиперпараметры из каталога + смесь %1</translation>
    </message>
    <message>
        <source>No model to plan.</source>
        <translation>Нет модели для расчёта.</translation>
    </message>
    <message>
        <source>%1: the model has no weights to plan.</source>
        <translation>%1: у модели нет весов для расчёта.</translation>
    </message>
    <message>
        <source>Context must be between 1 and %1 tokens (got %2).</source>
        <translation>Контекст должен быть от 1 до %1 токенов (получено %2).</translation>
    </message>
    <message>
        <source>Concurrent users must be between 1 and %1 (got %2).</source>
        <translation>Число одновременных пользователей должно быть от 1 до %1 (получено %2).</translation>
    </message>
    <message>
        <source>Prompt length must be between 0 and %1 tokens.</source>
        <translation>Длина запроса должна быть от 0 до %1 токенов.</translation>
    </message>
    <message>
        <source>Micro-batch must be between 1 and 65536 tokens.</source>
        <translation>Микробатч должен быть от 1 до 65536 токенов.</translation>
    </message>
    <message>
        <source>GPU count must be 0-64 per node on 1-1024 nodes.</source>
        <translation>Число GPU должно быть 0–64 на узел при 1–1024 узлах.</translation>
    </message>
    <message>
        <source>GPU %1 has no usable memory size.</source>
        <translation>У GPU %1 не задан пригодный объём памяти.</translation>
    </message>
    <message>
        <source>System RAM must be between 0 and 1,000,000 GiB.</source>
        <translation>Объём оперативной памяти должен быть от 0 до 1 000 000 ГиБ.</translation>
    </message>
    <message>
        <source>GPU bandwidth and TFLOPS must be positive numbers.</source>
        <translation>Пропускная способность и TFLOPS GPU должны быть положительными числами.</translation>
    </message>
    <message>
        <source>--gpu-layers %1 exceeds the model&apos;s %2 layers.</source>
        <translation>--gpu-layers %1 больше, чем %2 слоёв модели.</translation>
    </message>
    <message>
        <source>Runtime overhead must be between 0 and 1024 GiB.</source>
        <translation>Накладные расходы среды выполнения должны быть от 0 до 1024 ГиБ.</translation>
    </message>
    <message numerus="yes">
        <source>Everything fits on %n GPU(s) with %1 GiB to spare on the fullest device.</source>
        <translation>
            <numerusform>Всё помещается на %n GPU; на самом загруженном устройстве остаётся %1 ГиБ.</numerusform>
            <numerusform>Всё помещается на %n GPU; на самом загруженном устройстве остаётся %1 ГиБ.</numerusform>
            <numerusform>Всё помещается на %n GPU; на самом загруженном устройстве остаётся %1 ГиБ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs on the CPU from system RAM with %1 GiB to spare.</source>
        <translation>Работает на CPU из оперативной памяти; в запасе %1 ГиБ.</translation>
    </message>
    <message>
        <source>Fits with the routed experts in CPU RAM (llama.cpp --cpu-moe); attention and shared weights on the GPU.</source>
        <translation>Помещается, если маршрутизируемые эксперты лежат в памяти CPU (llama.cpp --cpu-moe), а внимание и общие веса — на GPU.</translation>
    </message>
    <message>
        <source>Fits with %1 of %2 layers on the GPU (-ngl %1); the rest runs from CPU RAM.</source>
        <translation>Помещается, если %1 из %2 слоёв на GPU (-ngl %1); остальное работает из памяти CPU.</translation>
    </message>
    <message>
        <source>Short by %1 GiB on the fullest device.</source>
        <translation>Не хватает %1 ГиБ на самом загруженном устройстве.</translation>
    </message>
    <message>
        <source> Give the system RAM (--ram) to consider CPU offload.</source>
        <translation> Укажите объём оперативной памяти (--ram), чтобы учесть выгрузку на CPU.</translation>
    </message>
    <message>
        <source>The modelatlas-cuda backend (this app&apos;s own engine) runs on one GPU; plan it with a single GPU.</source>
        <translation>Бэкенд modelatlas-cuda (собственный движок приложения) работает на одном GPU; планируйте с одним GPU.</translation>
    </message>
    <message>
        <source>The %1 backend (this app&apos;s own engine) caches K and V as f16 or q8_0, not q4_0.</source>
        <translation>Бэкенд %1 (собственный движок приложения) хранит K и V в f16 или q8_0, но не в q4_0.</translation>
    </message>
    <message>
        <source>A q8_0 KV cache in this app&apos;s own engine needs heads of a multiple of 32 values; this model&apos;s have %1. Plan it with the f16 cache.</source>
        <translation>KV-кэшу q8_0 в собственном движке приложения нужны головы размером, кратным 32; у этой модели — %1. Планируйте с кэшем f16.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Reports</name>
    <message>
        <source>This report is not legal advice: the license verdict is a reading of the license clauses recorded in the catalog against the deployment profile stated here. Have counsel review the license texts before you rely on it.</source>
        <translation>Этот отчёт не является юридической консультацией: вердикт по лицензии — это прочтение пунктов лицензии, записанных в каталоге, применительно к указанному здесь профилю развёртывания. Прежде чем полагаться на него, попросите юриста проверить тексты лицензий.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::Internal::LocalWorker</name>
    <message>
        <source>%1 is too large for this machine&apos;s memory: the planner estimates %2 for a %3-token context, but only %4 is available (%5 usable). Choose a smaller quantization or context, or close other programs.</source>
        <translation>%1 слишком велика для памяти этого компьютера: планировщик оценивает %2 для контекста в %3 токенов, а доступно только %4 (пригодно %5). Выберите меньшую квантизацию или контекст либо закройте другие программы.</translation>
    </message>
    <message>
        <source>Cannot load the model: %1</source>
        <translation>Не удалось загрузить модель: %1</translation>
    </message>
    <message>
        <source>Cannot read the vocabulary: %1</source>
        <translation>Не удалось прочитать словарь: %1</translation>
    </message>
    <message>
        <source>Cannot start a session: %1</source>
        <translation>Не удалось начать сеанс: %1</translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>Ошибка генерации: %1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::LocalTarget</name>
    <message>
        <source>Cannot run on the GPU: %1. Choose &quot;Auto&quot; or &quot;CPU&quot; to run it on the processor.</source>
        <translation>Невозможно запустить на GPU: %1. Выберите «Авто» или «CPU», чтобы запустить на процессоре.</translation>
    </message>
    <message>
        <source>Running on the CPU: %1.</source>
        <translation>Выполняется на CPU: %1.</translation>
    </message>
    <message>
        <source>the planner predicts %1 on the %2 but only %3 of its memory is free</source>
        <translation>планировщик оценивает %1 на %2, но свободно только %3 его памяти</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::MeasurementStore</name>
    <message>
        <source>Only completed local runs are stored as measurements.</source>
        <translation>Как измерения сохраняются только завершённые локальные запуски.</translation>
    </message>
    <message>
        <source>Cannot store the measurement: %1</source>
        <translation>Не удалось сохранить измерение: %1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::PromptSetStore</name>
    <message>
        <source>A prompt set needs a name.</source>
        <translation>У набора запросов должно быть имя.</translation>
    </message>
    <message>
        <source>The prompt set &quot;%1&quot; has no prompts.</source>
        <translation>В наборе запросов «%1» нет запросов.</translation>
    </message>
    <message>
        <source>Cannot save the prompt set &quot;%1&quot;: %2</source>
        <translation>Не удалось сохранить набор запросов «%1»: %2</translation>
    </message>
    <message>
        <source>Cannot read prompt sets: %1</source>
        <translation>Не удалось прочитать наборы запросов: %1</translation>
    </message>
    <message>
        <source>No prompt set named &quot;%1&quot;.</source>
        <translation>Набора запросов «%1» нет.</translation>
    </message>
    <message>
        <source>The stored prompt set &quot;%1&quot; is damaged.</source>
        <translation>Сохранённый набор запросов «%1» повреждён.</translation>
    </message>
    <message>
        <source>Cannot delete the prompt set &quot;%1&quot;: %2</source>
        <translation>Не удалось удалить набор запросов «%1»: %2</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RemoteRunner</name>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL; enter the endpoint&apos;s base URL, e.g. http://localhost:8000/v1.</source>
        <translation>«%1» — не URL вида http(s); введите базовый URL конечной точки, например http://localhost:8000/v1.</translation>
    </message>
    <message>
        <source>The endpoint %1 needs a model name (the name the server serves it under).</source>
        <translation>Для конечной точки %1 нужно имя модели (то, под которым её отдаёт сервер).</translation>
    </message>
    <message>
        <source>No data from %1 for %2 s; the server may be overloaded or the model still loading. The request was not retried.</source>
        <translation>От %1 нет данных уже %2 с; сервер может быть перегружен или модель ещё загружается. Запрос не повторялся.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 %3: %4</source>
        <translation>%1 ответил HTTP %2 %3: %4</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>Не удаётся связаться с %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>The stream from %1 ended before the answer was complete (after %n token(s)); the connection was cut.</source>
        <translation>
            <numerusform>Поток от %1 оборвался до конца ответа (после %n токена); соединение прервано.</numerusform>
            <numerusform>Поток от %1 оборвался до конца ответа (после %n токенов); соединение прервано.</numerusform>
            <numerusform>Поток от %1 оборвался до конца ответа (после %n токенов); соединение прервано.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RunCoordinator</name>
    <message>
        <source>Not loaded: the planner estimates %1 for this model, more than the %2 of memory usable now. Choose a smaller quantization or context, or close other programs.</source>
        <translation>Не загружена: планировщик оценивает %1 для этой модели — больше, чем доступные сейчас %2 памяти. Выберите меньшую квантизацию или контекст либо закройте другие программы.</translation>
    </message>
    <message>
        <source>Not loaded: the planner estimates %1 of GPU memory for this model, more than the %2 free now. Choose a smaller quantization or context, or run it on the CPU.</source>
        <translation>Не загружена: планировщик оценивает %1 памяти GPU для этой модели — больше, чем свободные сейчас %2. Выберите меньшую квантизацию или контекст либо запустите её на CPU.</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::RunScheduler</name>
    <message>
        <source>The local models need %1 together but only %2 of memory is available for them (%3 free), so they run one after the other.</source>
        <translation>Локальным моделям вместе нужно %1, а для них доступно только %2 памяти (свободно %3), поэтому они запускаются по очереди.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) need more memory than is available (%1 usable) and will not be loaded.</source>
        <translation>
            <numerusform>%n модели нужно больше памяти, чем доступно (пригодно %1), она не будет загружена.</numerusform>
            <numerusform>%n моделям нужно больше памяти, чем доступно (пригодно %1), они не будут загружены.</numerusform>
            <numerusform>%n моделям нужно больше памяти, чем доступно (пригодно %1), они не будут загружены.</numerusform>
        </translation>
    </message>
    <message>
        <source>The models on the GPU need %1 together but only %2 of its memory is free, so they run one after the other.</source>
        <translation>Моделям на GPU вместе нужно %1, а свободно только %2 его памяти, поэтому они запускаются по очереди.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) need more GPU memory than is free (%1) and will not be loaded.</source>
        <translation>
            <numerusform>%n модели нужно больше памяти GPU, чем свободно (%1), она не будет загружена.</numerusform>
            <numerusform>%n моделям нужно больше памяти GPU, чем свободно (%1), они не будут загружены.</numerusform>
            <numerusform>%n моделям нужно больше памяти GPU, чем свободно (%1), они не будут загружены.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::SseParser</name>
    <message>
        <source>The server sent an event that is not JSON: %1</source>
        <translation>Сервер прислал событие не в формате JSON: %1</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>Сервер сообщил об ошибке: %1</translation>
    </message>
    <message>
        <source>The server sent an event without &quot;choices&quot;: %1</source>
        <translation>Сервер прислал событие без поля «choices»: %1</translation>
    </message>
    <message>
        <source>The server sent a malformed choice: %1</source>
        <translation>Сервер прислал некорректный элемент choices: %1</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::TranscriptExport</name>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source># Playground transcript
</source>
        <translation># Стенограмма песочницы
</translation>
    </message>
    <message>
        <source>
## Prompt

</source>
        <translation>
## Запрос

</translation>
    </message>
    <message>
        <source>_(no text)_</source>
        <translation>_(нет текста)_</translation>
    </message>
    <message>
        <source>- status: %1
</source>
        <translation>- статус: %1
</translation>
    </message>
    <message>
        <source>- TTFT %1 ms, prefill %2 tok/s, decode %3 tok/s, %4 prompt + %5 output tokens
</source>
        <translation>- TTFT %1 мс, обработка запроса %2 ток/с, генерация %3 ток/с, %4 токенов запроса + %5 токенов вывода
</translation>
    </message>
    <message>
        <source>- memory: measured %1 MiB, predicted %2 MiB (%3%)
</source>
        <translation>- память: измерено %1 МиБ, прогноз %2 МиБ (%3%)
</translation>
    </message>
</context>
<context>
    <name>ModelAtlas::Runners::VoteStore</name>
    <message>
        <source>A vote needs both models.</source>
        <translation>Для голоса нужны обе модели.</translation>
    </message>
    <message>
        <source>Cannot store the vote: %1</source>
        <translation>Не удалось сохранить голос: %1</translation>
    </message>
    <message>
        <source>Cannot read votes: %1</source>
        <translation>Не удалось прочитать голоса: %1</translation>
    </message>
    <message>
        <source># Blind-vote ranking: %1

</source>
        <translation># Рейтинг слепого голосования: %1

</translation>
    </message>
    <message>
        <source>all tasks</source>
        <translation>все задачи</translation>
    </message>
    <message>
        <source>| # | Model | Elo | Games | Wins | Losses | Ties |
</source>
        <translation>| # | Модель | Эло | Игры | Победы | Поражения | Ничьи |
</translation>
    </message>
</context>
<context>
    <name>ObligationKinds</name>
    <message>
        <source>Attribution</source>
        <translation>Указание авторства</translation>
    </message>
    <message>
        <source>Pass on the use policy</source>
        <translation>Передать правила использования</translation>
    </message>
    <message>
        <source>Ship a copy of the license</source>
        <translation>Приложить текст лицензии</translation>
    </message>
    <message>
        <source>Request a license</source>
        <translation>Запросить лицензию</translation>
    </message>
    <message>
        <source>Naming rules</source>
        <translation>Правила наименования</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Прочее</translation>
    </message>
</context>
<context>
    <name>ProfileChoices</name>
    <message>
        <source>Individual</source>
        <translation>Частное лицо</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>Стартап</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <source>Non-profit</source>
        <translation>Некоммерческая организация</translation>
    </message>
    <message>
        <source>University or research institute</source>
        <translation>Университет или исследовательский институт</translation>
    </message>
    <message>
        <source>Public authority</source>
        <translation>Государственный орган</translation>
    </message>
    <message>
        <source>Internal tool</source>
        <translation>Внутренний инструмент</translation>
    </message>
    <message>
        <source>SaaS / API for customers</source>
        <translation>SaaS / API для клиентов</translation>
    </message>
    <message>
        <source>On-device / shipped in an app</source>
        <translation>На устройстве / в составе приложения</translation>
    </message>
    <message>
        <source>Redistributing the weights</source>
        <translation>Распространение весов</translation>
    </message>
    <message>
        <source>Distributing a fine-tuned model</source>
        <translation>Распространение дообученной модели</translation>
    </message>
    <message>
        <source>Training other models on its outputs</source>
        <translation>Обучение других моделей на её ответах</translation>
    </message>
    <message>
        <source>General purpose</source>
        <translation>Общего назначения</translation>
    </message>
    <message>
        <source>Military, defence</source>
        <translation>Военная сфера, оборона</translation>
    </message>
    <message>
        <source>Weapons</source>
        <translation>Оружие</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Медицина</translation>
    </message>
    <message>
        <source>Biometric identification</source>
        <translation>Биометрическая идентификация</translation>
    </message>
    <message>
        <source>Decisions on legal rights</source>
        <translation>Решения о правах людей</translation>
    </message>
    <message>
        <source>Critical infrastructure</source>
        <translation>Критическая инфраструктура</translation>
    </message>
    <message>
        <source>Law enforcement, justice, migration</source>
        <translation>Правоохранительные органы, суд, миграция</translation>
    </message>
    <message>
        <source>Surveillance, profiling</source>
        <translation>Слежка, профилирование</translation>
    </message>
    <message>
        <source>Hiring, employment</source>
        <translation>Найм, трудоустройство</translation>
    </message>
    <message>
        <source>Credit, insurance, housing</source>
        <translation>Кредиты, страхование, жильё</translation>
    </message>
</context>
<context>
    <name>Recommend</name>
    <message>
        <source>Allowed</source>
        <translation>Разрешено</translation>
    </message>
    <message>
        <source>Allowed with obligations</source>
        <translation>Разрешено с обязательствами</translation>
    </message>
    <message>
        <source>Needs legal review</source>
        <translation>Нужна юридическая проверка</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Не разрешено</translation>
    </message>
    <message>
        <source>%1B parameters: too large for an edge device (the seeds&apos; on-device picks stop at %2B)</source>
        <translation>%1 млрд параметров: слишком велика для периферийного устройства (рекомендации источников для устройств не превышают %2 млрд)</translation>
    </message>
    <message>
        <source>license %1 has no tier in the catalog; tier %2 or better was asked for</source>
        <translation>у лицензии %1 нет уровня в каталоге; требовался уровень %2 или лучше</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(неизвестно)</translation>
    </message>
    <message>
        <source>license tier %1 (%2) is above the allowed tier %3</source>
        <translation>уровень лицензии %1 (%2) выше допустимого уровня %3</translation>
    </message>
    <message>
        <source>context length unknown; %1 tokens needed</source>
        <translation>длина контекста неизвестна; нужно %1 токенов</translation>
    </message>
    <message>
        <source>context %1 tokens is shorter than the %2 needed</source>
        <translation>контекст %1 токенов короче нужных %2</translation>
    </message>
    <message>
        <source>license not allowed for this deployment (%1)</source>
        <translation>лицензия не допускает такое развёртывание (%1)</translation>
    </message>
    <message>
        <source>parameter count unknown, cannot check the fit</source>
        <translation>число параметров неизвестно, размещение проверить нельзя</translation>
    </message>
    <message>
        <source>does not fit at 4-bit or better: %1 GiB of weights at 4 bits, %2 GiB available</source>
        <translation>не помещается при 4 битах и выше: веса %1 ГиБ при 4 битах, доступно %2 ГиБ</translation>
    </message>
    <message>
        <source>predicted %1 tok/s per user, below the %2 tok/s asked for</source>
        <translation>прогноз %1 ток/с на пользователя, меньше требуемых %2 ток/с</translation>
    </message>
    <message>
        <source>%1 per month, over the %2 budget</source>
        <translation>%1 в месяц, больше бюджета %2</translation>
    </message>
    <message>
        <source>%1 #%2 (%3)</source>
        <translation>%1 №%2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>Recommended by the seeds %n time(s): %1</source>
        <translation>
            <numerusform>Рекомендована источниками %n раз: %1</numerusform>
            <numerusform>Рекомендована источниками %n раза: %1</numerusform>
            <numerusform>Рекомендована источниками %n раз: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No seed recommends it for this use; ranked on benchmarks only</source>
        <translation>Источники не рекомендуют её для этого назначения; ранжирована только по бенчмаркам</translation>
    </message>
    <message>
        <source>%1 %2 (weight %3)</source>
        <translation>%1 %2 (вес %3)</translation>
    </message>
    <message>
        <source>Benchmarks weighed: %1</source>
        <translation>Учтённые бенчмарки: %1</translation>
    </message>
    <message>
        <source>Fits at %1 (%2 GiB of weights)</source>
        <translation>Помещается в %1 (веса %2 ГиБ)</translation>
    </message>
    <message>
        <source>Fits at %1 with CPU offload (%2 GiB of weights)</source>
        <translation>Помещается в %1 с выгрузкой на CPU (веса %2 ГиБ)</translation>
    </message>
    <message>
        <source>, about %1 tok/s per user</source>
        <translation>, около %1 ток/с на пользователя</translation>
    </message>
    <message>
        <source> — rough: no architecture in the catalog</source>
        <translation> — грубо: архитектуры нет в каталоге</translation>
    </message>
    <message>
        <source>License: %1</source>
        <translation>Лицензия: %1</translation>
    </message>
    <message>
        <source>%1 per month</source>
        <translation>%1 в месяц</translation>
    </message>
    <message>
        <source>%1 per million output tokens</source>
        <translation>%1 за миллион выходных токенов</translation>
    </message>
    <message>
        <source>Cost (%1): %2</source>
        <translation>Стоимость (%1): %2</translation>
    </message>
    <message>
        <source>fewer seed recommendations for this use (%1 vs %2)</source>
        <translation>меньше рекомендаций источников для этого назначения (%1 против %2)</translation>
    </message>
    <message>
        <source>weaker benchmark evidence (%1 vs %2 of 100)</source>
        <translation>слабее подтверждение бенчмарками (%1 против %2 из 100)</translation>
    </message>
    <message>
        <source>its license needs legal review</source>
        <translation>её лицензия требует юридической проверки</translation>
    </message>
    <message>
        <source>a lower combined score (%1 vs %2)</source>
        <translation>более низкая общая оценка (%1 против %2)</translation>
    </message>
    <message>
        <source>%1 ranks below %2: %3</source>
        <translation>%1 ниже, чем %2: %3</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>No benchmark score for this use in the catalog; quality counted as average</source>
        <translation>В каталоге нет результатов бенчмарков для этого назначения; качество принято средним</translation>
    </message>
    <message>
        <source>EU-based vendor, preferred for an EU deployment (GDPR)</source>
        <translation>Разработчик из ЕС, предпочтителен для развёртывания в ЕС (GDPR)</translation>
    </message>
    <message>
        <source>not from an EU-based vendor</source>
        <translation>разработчик не из ЕС</translation>
    </message>
</context>
</TS>
