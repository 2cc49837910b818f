/** Chinese names of the API's enumerations, for selects and tables. */
export const SYSTEM_LABELS: Record<string, string> = { practical: '实务课程', general: '通用能力', training: '实训课程', professional: '专业课程' };
export const DELIVERY_LABELS: Record<string, string> = { online: '线上', offline: '线下', blended: '线上线下结合' };
export const LESSON_MODE_LABELS: Record<string, string> = {
  video: '视频',
  reading: '图文阅读',
  exam: '考试',
  self_study: '自学',
  offline: '线下授课',
  blended: '混合式',
  drill: '实训',
};
export const COURSE_STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
export const QUESTION_TYPE_LABELS: Record<string, string> = {
  single: '单选题',
  multiple: '多选题',
  true_false: '判断题',
  fill_blank: '填空题',
  short_answer: '简答题',
  scenario: '情景题',
};
export const REVIEW_POLICY_LABELS: Record<string, string> = {
  never: '不允许查看',
  after_submit: '交卷后可查看',
  after_graded: '评分后可查看',
  after_close: '考试关闭后可查看',
};
export const IMPORT_STATUS_LABELS: Record<string, string> = { created: '已新增', updated: '已更新', unchanged: '无变化', failed: '失败' };
export const ATTENDANCE_LABELS: Record<string, string> = { present: '出勤', late: '迟到', absent: '缺勤', excused: '请假' };
export const FLAG_LABELS: Record<string, string> = { keyword_stuffing: '关键词堆砌', copied_prompt: '照抄题目' };

export const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
