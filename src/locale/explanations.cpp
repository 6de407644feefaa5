// The sentence patterns of the catalogue (decision 0045, 0057): each line
// src/evaluate/ writes, as it writes it, and its Chinese. The first pattern
// that matches a line translates it, so a specific form comes before a
// general one (the conditions' generic forms are last). A plan's formula
// (`count(组织不力) >= 1`) stays as written: it is the plan's text.
#include "locale/patterns.hpp"

namespace mandate::locale_detail {

const PatternSet& explanation_patterns() {
  static const PatternSet patterns{
      // Deadlines (src/evaluate/verdicts/deadlines.cpp).
      {"{1} delivered on {2:w}: on time (for {3:w}, as the facts say)",
       "{1}于{2}报送，按期（据事实，属{3:p}）"},
      {"{1} delivered on {2:w}: {3:d} day(s) late (for {4:w}, as the facts say)",
       "{1}于{2}报送，逾期{3}天（据事实，属{4:p}）"},
      {"{1} delivered on {2:w}: on time", "{1}于{2}报送，按期"},
      {"{1} delivered on {2:w}: {3:d} day(s) late", "{1}于{2}报送，逾期{3}天"},
      {"{1} delivered on {2:w} answers {3:w} (as the facts say)", "{1}于{2}报送，据事实属{3:p}"},
      {"{1} delivered on {2:w} answers {3:w} (the period with the nearest deadline that had no "
       "delivery)",
       "{1}于{2}报送，计入{3:p}（截止日最近且尚无报送的期间）"},
      {"{1} delivered on {2:w} names {3:w}, which is no {4} of {5:w}: it does not count",
       "{1}于{2}报送，所指{3}不是{5}的任何{4:s}，不予计入"},
      {"{1} delivered on {2:w} is for {3:w}, which is no period of this stage: it does not count",
       "{1}于{2}报送，所属期间{3:p}不是本阶段的期间，不予计入"},
      {"{1} delivered on {2:w} to {3}, not to {4}: it does not count",
       "{1}于{2}报送给{3}，而非{4}，不予计入"},
      {"{1} delivered on {2:w} for {3}, which this duty is not for: it does not count",
       "{1}于{2}报送，属于{3}，不是本项任务所属的项目，不予计入"},
      {"{1} was delivered on {2:w}, before the on-time window of {3:w} opened on {4:w}: it does "
       "not count",
       "{1}于{2}报送，早于{3:p}按期报送窗口的开始日{4}，不予计入"},
      {"{1} not delivered yet; {2:d} day(s) left", "{1}尚未报送，剩{2}天"},
      {"no {1} from {2:w} by {3:w} (as of {4:w})", "截至{4}，未见{2}于{3}前报送{1:s}"},
      // The duty of a stage: recurring (for a period), for a programme, counted.
      {"{1:w} must deliver {2} to {3:w} for {4:w} by {5:w} (the last day) for {6}",
       "{1}须于{5}（含当日）前向{3}报送{4:p}的{2:s}（{6}）"},
      {"{1:w} must deliver {2} to {3:w} for {4:w} by {5:w} (the last day)",
       "{1}须于{5}（含当日）前向{3}报送{4:p}的{2:s}"},
      {"{1:w} must deliver {2} for {3:w} by {4:w} (the last day) for {5}",
       "{1}须于{4}（含当日）前报送{3:p}的{2:s}（{5}）"},
      {"{1:w} must deliver {2} for {3:w} by {4:w} (the last day)",
       "{1}须于{4}（含当日）前报送{3:p}的{2:s}"},
      {"{1:w} must deliver {2} to {3:w} by {4:w} (the last day) for {5}",
       "{1}须于{4}（含当日）前向{3}报送{2:s}（{5}）"},
      {"{1:w} must deliver {2} by {3:w} (the last day) for {4}",
       "{1}须于{3}（含当日）前报送{2:s}（{4}）"},
      {"{1:w} must deliver {2} to {3:w} at least {4:d} time(s) in {5:w} ({6:w}..{7:w}) for {8}",
       "{1}须在{5:p}（{6}至{7}）向{3}报送{2:s}至少{4}次（{8}）"},
      {"{1:w} must deliver {2} to {3:w} at least {4:d} time(s) in {5:w} ({6:w}..{7:w})",
       "{1}须在{5:p}（{6}至{7}）向{3}报送{2:s}至少{4}次"},
      {"{1:w} must deliver {2} at least {3:d} time(s) in {4:w} ({5:w}..{6:w}) for {7}",
       "{1}须在{4:p}（{5}至{6}）报送{2:s}至少{3}次（{7}）"},
      {"{1:w} must deliver {2} at least {3:d} time(s) in {4:w} ({5:w}..{6:w})",
       "{1}须在{4:p}（{5}至{6}）报送{2:s}至少{3}次"},
      {"{1:w} must deliver {2} to {3:w} by {4:w} (the last day)",
       "{1}须于{4}（含当日）前向{3}报送{2:s}"},
      {"{1:w} must deliver {2} by {3:w} (the last day)", "{1}须于{3}（含当日）前报送{2:s}"},
      {"{1:w} must deliver {2} by {3:w}", "{1}须于{3}前报送{2:s}"},
      {"{1}: {2:d} in {3:w} ({4:d} needed)", "{1}：{3:p}共{2}次（须{4}次）"},
      {"{1} of {2:w}: due within the days after it", "{2}的{1}：须在其后规定天数内完成"},
      {"{1}: no body is obliged in {2:d}", "{1}：{2}年无责任主体"},
      // Working days (src/evaluate/periods.cpp) and parameters.
      {"no holiday calendar for {1:d} in the facts: only Saturdays and Sundays move a deadline",
       "事实中无{1}年的节假日安排：仅周六、周日顺延截止日"},
      {"deadline {1:w} is not a working day: moved to {2:w} ({3})",
       "截止日{1}不是工作日：顺延至{2}（{3}）"},
      {"parameter {1} = {2} (overridden)", "参数 {1} = {2}（本次调整）"},
      {"parameter {1} = {2}", "参数 {1} = {2}"},
      // Campaigns.
      {"no record of the campaign in {1:d} (as of {2:w})", "截至{2}，无{1}年的活动记录"},
      {"{1} must start between {2:w} and {3:w} and last {4:d} days",
       "{1}须在{2}至{3}之间启动，持续{4}天"},
      {"held from {1:w} to {2:w}: {3:d} day(s) so far: {4}", "{1}起开展，截至{2}已{3}天：{4:l}"},
      {"held from {1:w} to {2:w}: {3:d} day(s): {4}", "{1}至{2}开展，共{3}天：{4:l}"},
      {"meets the stage", "符合要求"},
      {"still running", "仍在进行"},
      {"too short", "时长不足"},
      {"started outside the window", "未在规定期间启动"},
      // Titles and prerequisites.
      {"{1} holds {2} in {3:d} only from {4:w}, after the evaluation date {5:w}: not known yet",
       "{1}自{4}起才持有{3}年的{2}，晚于评估日期{5}：尚不可知"},
      {"{1} holds {2} for {3:d} only from {4:w}, after the recommendation on {5:w}",
       "{1}自{4}起才持有{3}年的{2}，晚于{5}的推荐"},
      {"{1:w} holds {2} in {3:d}", "{1}在{3}年持有{2}"},
      {"{1} holds {2} in {3:d} only from {4:w}, after the evaluation date {5:w}; the titles for "
       "{6:d} were conferred until {7:w}",
       "{1}自{4}起才持有{3}年的{2}，晚于评估日期{5}；该年度称号授予截至{7}"},
      {"no fact records {1:w} holding {2} in {3:d}; the titles for {4:d} were conferred until "
       "{5:w}",
       "无事实表明{1}在{3}年持有{2}（该年度称号授予截至{5}）"},
      {"{1} is held per programme; the recommendation names only the group {2}",
       "{1}按创建项目分别持有；推荐只写明了项目组{2}"},
      {"{1} is held per programme; the recommendation names none",
       "{1}按创建项目分别持有；推荐未写明项目"},
      {"no fact records {1:w} holding {2} in {3:d}: the year is not over",
       "目前无事实表明{1}在{3}年持有{2}（该年度尚未结束）"},
      {"no fact records {1:w} holding {2} in {3:d}: the titles for {4:d} are conferred until {5:w}",
       "目前无事实表明{1}在{3}年持有{2}（该年度称号可授予至{5}）"},
      {"no fact records {1:w} holding {2} in {3:d} or before", "无事实表明{1}在{3}年或之前持有{2}"},
      {"no fact records {1:w} holding {2} in {3:d}", "无事实表明{1}在{3}年持有{2}"},
      {"{1:w} recommended {2:w} on {3:w}: a candidate must already hold {4}",
       "{1}于{3}推荐{2}：推荐对象须已获得{4:s}"},
      {"{1} ({2:w}) needs {3} first", "{1}（{2}）须先完成{3}"},
      {"{1:w} completed only on {2:w}, after {3} on {4:w}", "{1}迟至{2}才完成，晚于{4}的{3}"},
      {"{1} not completed in {2:d} before {3:w}", "{1}未在{2}年{3}前完成"},
      {"{1} completed on {2:w}", "{1}于{2}完成"},
      // Sanctions, awards, targets and goals: the rule and its condition.
      {"loses award eligibility for {1:d}", "取消{1}年度评先资格"},
      {"award eligibility for {1:d} removed by {2}", "{1}年度评先资格因{2}被取消"},
      {"eligibility cannot be confirmed: a sanction that would remove it is unknown",
       "评先资格尚不能确认：可能取消该资格的问责结论待定"},
      {"withheld in {1:d} by {2}", "{1}年度因{2}不予授予"},
      {"not granted in any case: {1} applies in {2:d}; withheld if the condition holds, else not "
       "granted",
       "无论如何不予授予：{1}在{2}年度适用；条件成立则因此不予授予，否则为未获授予"},
      {"cannot be confirmed: a sanction that would withhold it is unknown",
       "尚不能确认：可能使其不予授予的问责结论待定"},
      {"target {1:w} for {2:w} in {3:w}: {4} (assessed at {5:w})",
       "目标任务“{1}”（{2}，{3:p}）：{4}（考核日{5}）"},
      {"goal {1:w} for {2:w} in {3:w}: {4} (assessed at {5:w})",
       "争创目标“{1}”（{2}，{3:p}）：{4}（考核日{5}）"},
      {"target {1:w} for {2:w} in {3:w}: {4}", "目标任务“{1}”（{2}，{3:p}）：{4}"},
      {"goal {1:w} for {2:w} in {3:w}: {4}", "争创目标“{1}”（{2}，{3:p}）：{4}"},
      {"sanction {1:w} for {2:w} in {3:w}: {4}", "问责“{1}”（{2}，{3:p}）：{4}"},
      {"award {1:w} for {2:w} in {3:w}: {4}", "表彰“{1}”（{2}，{3:p}）：{4}"},
      // Scores: a line of a score and its causes (interpreter.cpp, score_value).
      // A line without a citation (first: the forms below would take its cap
      // for a citation).
      {"{1} = {2:w}, below 0: nothing is deducted", "{1} = {2}，小于0：不予扣分"},
      {"{1} = {2:w}, below 0: nothing is added", "{1} = {2}，小于0：不予加分"},
      {"deduct {1:w} (nothing) (at most {2})", "扣{1}分（无扣分事项；至多{2}分）"},
      {"deduct {1:w} (nothing)", "扣{1}分（无扣分事项）"},
      {"deduct {1:w} (at most {2})", "扣{1}分（至多{2}分）"},
      {"deduct {1:w}", "扣{1}分"},
      {"add {1:w} (nothing) (at most {2})", "加{1}分（无加分事项；至多{2}分）"},
      {"add {1:w} (nothing)", "加{1}分（无加分事项）"},
      {"add {1:w} (at most {2})", "加{1}分（至多{2}分）"},
      {"add {1:w}", "加{1}分"},
      {"deduct {1:w} (nothing) (at most {2}) {3}", "扣{1}分（无扣分事项；至多{2}分）{3}"},
      {"deduct {1:w} (nothing) {2}", "扣{1}分（无扣分事项）{2}"},
      {"deduct {1:w} (at most {2}) {3}", "扣{1}分（至多{2}分）{3}"},
      {"deduct {1:w} {2}", "扣{1}分 {2}"},
      {"add {1:w} (nothing) (at most {2}) {3}", "加{1}分（无加分事项；至多{2}分）{3}"},
      {"add {1:w} (nothing) {2}", "加{1}分（无加分事项）{2}"},
      {"add {1:w} (at most {2}) {3}", "加{1}分（至多{2}分）{3}"},
      {"add {1:w} {2}", "加{1}分 {2}"},
      {"{1:w} for {2:w} · {3:w} · {4:w} ({5:d} days)", "{1}：{2} · {3:p} · {4:o}（{5}天）"},
      {"{1:w} for {2:w} · {3:w} · {4:w}", "{1}：{2} · {3:p} · {4:o}"},
      {"{1:w} for {2}", "{1}：因 {2}"},
      // Measures, populations, ranks and averages (interpreter.cpp).
      {"measure {1} of {2:w} for {3:w}: missing", "{3:p}{2}的{1}：无数据"},
      {"{1}: known only from {2:w}, after the evaluation date", "{1:l}：{2}方可知悉，晚于评估日期"},
      {"measure {1} of {2:w} for {3:w}", "{3:p}{2}的{1}数据"},
      {"rank of {1} by {2} among {3} in {4:w} = {5:d} of {6:d} (published)",
       "{4:p}{1}的{2}在{3}中排名第{5}，共{6}个（公布数）"},
      {"rank of {1} by {2} among {3} in {4:w} = {5:d} (published)",
       "{4:p}{1}的{2}在{3}中排名第{5}（公布数）"},
      {"rank of {1} by {2} among {3} in {4:w} = {5:d} of {6:d} ({7:w}, ties {8:w}; computed over "
       "{9:d} of {10:d})",
       "{4:p}{1}的{2}在{3}中排名第{5}，共{6}个（{7:v}，并列名次取 {8}；按{10}个中的{9}个计算）"},
      {"rank of {1} by {2} then {3} among {4} in {5:w} = {6:d} of {7:d} ({8:w})",
       "{5:p}{1}按{2}、再按{3}在{4}中排名第{6}，共{7}个（{8:v}）"},
      {"average of {1} over {2} ({3:d} members) in {4:w} = {5} (published)",
       "{4:p}{2}（{3}个）的{1}平均值 = {5}（公布数）"},
      {"average of {1} over {2} in {3:w} = {4} (published)", "{3:p}{2}的{1}平均值 = {4}（公布数）"},
      {"{1:w} of {2} over {3} in {4:w} = {5} (computed over {6:d} of {7:d})",
       "{4:p}{3}的{2}{1:f} = {5}（按{7}个中的{6}个计算）"},
      {"{1:w} of {2} over {3} in {4:w}: unknown (source: published, and none is published)",
       "{4:p}{3}的{2}{1:f}：未知（来源为公布数，但未见公布）"},
      {"{1:w} of {2} over {3} in {4:w}: unknown ({5}; computing needs every member)",
       "{4:p}{3}的{2}{1:f}：未知（{5:l}；计算需要每个成员的数据）"},
      {"{1:w} of {2} over {3} in {4:w}: unknown ({5:d} of {6:d} values known)",
       "{4:p}{3}的{2}{1:f}：未知（{6}个中仅{5}个有数据）"},
      {"{1} has {2:d} members (those the plan and the facts declare)",
       "{1}共{2}个（方案和事实所列）"},
      {"{1} has {2:d} members (declared in the plan; the facts and the plan name {3:d})",
       "{1}共{2}个（方案所定；事实和方案列出{3}个）"},
      {"{1} has {2:d} members (published with {3}; the facts and the plan name {4:d})",
       "{1}共{2}个（随{3}公布；事实和方案列出{4}个）"},
      {"{1} has an unknown number of members (those the plan and the facts declare)",
       "{1}成员数未知（方案和事实所列）"},
      {"{1} has an unknown number of members (declared in the plan; the facts and the plan name "
       "{2:d})",
       "{1}成员数未知（方案所定；事实和方案列出{2}个）"},
      {"{1} has an unknown number of members (published with {2}; the facts and the plan name "
       "{3:d})",
       "{1}成员数未知（随{2}公布；事实和方案列出{3}个）"},
      // Events counted: kinds, the subject, by whom, in the year or a rolling span;
      // so far, in a period that runs past the evaluation date (decision 0066).
      {"{1} of {2:w} by {3:w} within any {4:d} days ending in {5:w}: {6:d} so far ({7:w} ends on "
       "{8:w}, after the evaluation date {9:w})",
       "{3}对{2}的{1:s}：截至{5:p}的任意{4}天内，目前{6}次（{7:p}至{8}结束，晚于评估日期{9}）"},
      {"{1} of {2:w} within any {3:d} days ending in {4:w}: {5:d} so far ({6:w} ends on {7:w}, "
       "after the evaluation date {8:w})",
       "{2}的{1:s}：截至{4:p}的任意{3}天内，目前{5}次（{6:p}至{7}结束，晚于评估日期{8}）"},
      {"{1} of {2:w} by {3:w} in {4:w}: {5:d} so far ({6:w} ends on {7:w}, after the evaluation "
       "date {8:w})",
       "{4:p}{3}对{2}的{1:s}：目前{5}次（{6:p}至{7}结束，晚于评估日期{8}）"},
      {"{1} of {2:w} in {3:w}: {4:d} so far ({5:w} ends on {6:w}, after the evaluation date {7:w})",
       "{3:p}{2}的{1:s}：目前{4}次（{5:p}至{6}结束，晚于评估日期{7}）"},
      {"{1} of {2:w} by {3:w} within any {4:d} days ending in {5:w}: {6:d}",
       "{3}对{2}的{1:s}：截至{5:p}的任意{4}天内{6}次"},
      {"{1} of {2:w} within any {3:d} days ending in {4:w}: {5:d}",
       "{2}的{1:s}：截至{4:p}的任意{3}天内{5}次"},
      {"{1} of {2:w} by {3:w} in {4:w}: {5:d}", "{4:p}{3}对{2}的{1:s}：{5}次"},
      {"{1} of {2:w} in {3:w}: {4:d}", "{3:p}{2}的{1:s}：{4}次"},
      {"{1:w} of {2:w} in {3:w} = {4:b} = {5}", "{3:p}{2}的{1} = {4} = {5:v}"},
      {"{1:w} of {2:w} in {3:w} = {4}", "{3:p}{2}的{1} = {4:v}"},
      // Quotas.
      {"{1}: {2:d} of {3:d} allowed", "{1}：{2}个，限额{3}个"},
      {"{1}: {2}, the limit unknown", "{1}：{2}个，限额未知"},
      {"{1:d} more that name no programme, of which none, some or all may be {2}'s",
       "另有{1}个未注明所属项目，其中可能有、也可能没有属于{2}的"},
      {"{1}: at most none (—)", "{1}：无名额（—）"},
      {"{1}: at most {2} (unknown)", "{1}：至多{2}个（未知）"},
      {"{1}: at most {2}", "{1}：至多{2}个"},
      // Conditions: the formula as written, its values and result in words.
      {"{1:b} → {2:w} (the other side is not needed)", "{1} → {2:v}（另一侧无需计算）"},
      {"(any of these) → {1:w}", "（以下任一条件）→ {1:v}"},
      {"(all of these) → {1:w}", "（以下全部条件）→ {1:v}"},
      {"{1:b} = {2} (no reports_to: the unit above)", "{1} = {2}（未列报送对象，取上一级单位）"},
      {"{1:b} = {2} (not every member is known)", "{1} = {2:v}（并非每个成员都已知）"},
      {"{1:b} = unknown: 0 so far; open: {2}", "{1} = 未知：目前0个；待定：{2}"},
      {"{1:b} = unknown: {2:d} so far ({3}); open: {4}", "{1} = 未知：目前{2}个（{3}）；待定：{4}"},
      {"{1:b} (in {2:w}) = {3}", "{1}（{2:p}）= {3:v}"},
      // across: the periods within the one judged, and each one's value.
      {"{1:b} in {2:w} ({3:w}..{4:w}) = {5}", "{1}（{2:p}，{3}至{4}）= {5:v}"},
      {"in {1:w}: {2}", "{1:p}：{2:v}"},
      {"{1:b}: {2} → {3}", "{1}：{2:v} → {3:v}"},
      {"{1:b} → {2}", "{1} → {2:v}"},
      {"{1:b} = {2}: {3}", "{1} = {2}：{3:v}"},
      {"{1:b}: {2:w}", "{1}：{2:v}"},
  };
  return patterns;
}

const PatternSet& fact_patterns() {
  static const PatternSet patterns{
      {"title {1} {2:w} {3:d} conferred {4:w}", "称号：{2}获{3}年{1}（{4}授予）"},
      {"title {1} {2:w} {3:d}", "称号：{2}获{3}年{1}"},
      {"calendar {1:w} holiday {2:w} ({3})", "节假日安排：{1} {2}（{3}）"},
      {"calendar {1:w} holiday ({2})", "节假日安排：{1}（{2}）"},
      {"calendar {1:w} holiday {2:w}", "节假日安排：{1} {2}"},
      {"calendar {1:w} holiday", "节假日安排：{1}"},
      {"measure {1:w} {2:w} {3:w} = {4}", "测量值：{3:p}{2}的{1} = {4}"},
      {"published average {1:w} {2:w} {3:w} = {4}", "公布值：{3:p}{2}的{1}平均值 = {4}"},
      {"published rank {1:w} {2:w} {3:w} {4:w}", "公布值：{4:p}{3}在{2}中的{1}排名"},
      {"published size {1:w} {2:w} {3:w}", "公布值：{3:p}{2}的总数（随{1}公布）"},
      {"{1:w} {2:w} candidate {3:w} on {4:w}", "{1}：{2}于{4}推荐{3}"},
      {"{1:w} {2:w} to {3:w} on {4:w} for {5:w}", "{1}：{2}于{4}报送{3}（属{5:p}）"},
      {"{1:w} {2:w} by {3:w} on {4:w} for {5:w}", "{1}：{3}于{4}对{2}（属{5:p}）"},
      {"{1:w} {2:w} on {3:w} for {4:w}", "{1}：{2}，{3}（属{4:p}）"},
      {"{1:w} {2:w} to {3:w} on {4:w}", "{1}：{2}于{4}报送{3}"},
      {"{1:w} {2:w} by {3:w} on {4:w}", "{1}：{3}于{4}对{2}"},
      {"{1:w} {2:w} on {3:w}", "{1}：{2}，{3}"},
  };
  return patterns;
}

const PatternSet& missing_patterns() {
  static const PatternSet patterns{
      {"measure {1} of {2:w} for {3:w}", "{3:p}{2}的{1}数据"},
      {"the outcome of {1} · {2:w} · {3:w}, still pending", "{1} · {2} · {3:p}的结论（尚待办）"},
      {"the verdicts of {1} about {2:w} in {3:d} after the evaluation date {4:w} (the year ends "
       "on {5:w})",
       "{3}年评估日期{4}之后{2}的{1}结论（该年度至{5}结束）"},
      {"the programme of {1:w} {2:w} on {3:w} ({4}): the quota counts each programme's own",
       "{2}于{3}的{1}（{4}）所属的项目：限额按项目分别计数"},
      {"the events of {1:w} after the evaluation date {2:w} (the year ends on {3:w})",
       "{1:p}评估日期{2}之后的事件（该年度至{3}结束）"},
      {"the events of {1:w} after the evaluation date {2:w} (the period ends on {3:w})",
       "{1:p}评估日期{2}之后的事件（该期间至{3}结束）"},
      {"title {1} of {2:w} for {3:d} (the year ends on {4:w}, after the evaluation date {5:w})",
       "{2}的{3}年度{1}（该年度至{4}结束，晚于评估日期{5}）"},
      {"title {1} of {2:w} for {3:d} (the titles for {4:d} are conferred until {5:w}, after the "
       "evaluation date {6:w})",
       "{2}的{3}年度{1}（该年度称号可授予至{5}，晚于评估日期{6}）"},
      {"a non-zero {1} (it is 0, so {2} has no value)", "不为零的{1}（其值为0，{2}无法计算）"},
      {"{1:b} in {2:w}: {3:w} is not made of {4:w}s", "{1}（{2:p}）：{3:p}不能按{4}划分"},
      {"the body above of {1}", "{1}的上级单位"},
      {"the body it reports to of {1}", "{1}的报送对象"},
      {"the size of {1} in {2:w}", "{2:p}{1}的成员总数"},
      {"a size of {1} that agrees with the facts ({2:d} members are declared, more than {3:d})",
       "与事实相符的{1}成员总数（已列出{2}个，多于{3}个）"},
      {"the other {1:d} of the {2:d} members of {3} (the plan and the facts name {4:d})",
       "{3}其余{1}个成员的数据（共{2}个，方案和事实列出{4}个）"},
      {"published rank of {1} by {2} among {3} for {4:w}", "{4:p}{1}的{2}在{3}中的公布排名"},
      {"published average of {1} over {2} for {3:w}", "{3:p}{2}的{1}公布平均值"},
      {"the members of {1}", "{1}的成员"},
      {"the programme of {1} of {2} by {3} on {4:w}", "{3}于{4}的{1}（推荐{2}）所针对的创建项目"},
      {"{1} as a member of {2}", "{2}成员{1}的数据"},
      {"the verdicts of {1} for {2}, which is outside the plan's period",
       "{1}在{2:p}的结论（不在方案期限内）"},
  };
  return patterns;
}

const PatternSet& consequence_patterns() {
  static const PatternSet patterns{
      {"{1:w} point(s)", "{1}分"},
      {"points deducted in the annual assessment; amount not set (分值未定)",
       "在年度责任考核中扣分（分值未定）"},
      {"a notice (通报) by unknown (the missing facts are named)",
       "通报机关待定（缺少的事实已列出）"},
      {"a notice (通报) by {1}", "由{1}通报"},
      {"referred for accountability to unknown (the missing facts are named) (a referral with its "
       "reasons; the decision is theirs)",
       "移交追责，接收机关待定（缺少的事实已列出）"},
      {"referred for accountability to {1} (a referral with its reasons; the decision is theirs)",
       "移交{1}追责（附理由移交，由其决定）"},
      {"loses award eligibility for {1:d}", "取消{1}年度评先资格"},
      {"to {1}", "{1}"},
      {"by {1}", "{1}"},
  };
  return patterns;
}

const PatternSet& detail_patterns() {
  static const PatternSet patterns{
      {"requires {1}", "须先完成{1}"},
      {"{1} after {2} of {3:w} ({4}), due {5:w}", "{1}，{3}的{2}（{4}）后，截止{5}"},
      {"{1} after {2} of {3:w}, due {4:w}", "{1}，{3}的{2}后，截止{4}"},
      {"after {1} of {2:w} ({3}), due {4:w}", "{2}的{1}（{3}）后，截止{4}"},
      {"after {1} of {2:w}, due {3:w}", "{2}的{1}后，截止{3}"},
      {"{1} due {2:w}", "{1}，截止{2}"},
      {"due {1:w}", "截止{1}"},
      // An award: what is granted (the plan's word), by whom, its tier.
      {"{1:w} by {2}, tier {3:d}", "{1}（{2}授予，第{3}档）"},
      {"{1:w}, tier {2:d}", "{1}（第{2}档）"},
      {"{1:w} by {2}", "{1}（{2}授予）"},
  };
  return patterns;
}

}  // namespace mandate::locale_detail
