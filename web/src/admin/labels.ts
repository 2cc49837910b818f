/** Chinese names of the enumerations the admin pages show. */
export const ROLE_LABELS: Record<string, string> = { student: '学员', trainer: '讲师', admin: '管理员' };
export const USER_STATUS_LABELS: Record<string, string> = { active: '正常', disabled: '已停用' };
export const CERTIFICATE_STATUS_LABELS: Record<string, string> = { valid: '有效', revoked: '已撤销', expired: '已过期' };
export const RULE_KIND_LABELS: Record<string, string> = {
  hours: '课程体系学时',
  exam: '认证考试成绩',
  holds_tier: '已持有段位',
  drills: '实训通过数',
  direction: '选定方向',
  attendance: '出勤率',
};
/** The fields of each rule kind, with their labels (libs/eligibility/src/validate.ts FIELDS). */
export const RULE_FIELDS: Record<string, Array<{ field: string; label: string; type: 'system' | 'tier' | 'number' | 'text'; optional?: boolean }>> = {
  hours: [
    { field: 'system', label: '课程体系', type: 'system' },
    { field: 'minHours', label: '最少学时', type: 'number' },
  ],
  exam: [
    { field: 'tier', label: '考试段位', type: 'tier' },
    { field: 'minScore', label: '最低分数', type: 'number' },
  ],
  holds_tier: [{ field: 'tier', label: '须持有段位', type: 'tier' }],
  drills: [{ field: 'minPassed', label: '最少通过实训数', type: 'number' }],
  direction: [{ field: 'direction', label: '方向（留空：任一方向）', type: 'text', optional: true }],
  attendance: [{ field: 'minPercent', label: '最低出勤率（%）', type: 'number' }],
};
/** The audit log's actions (the `action` the services write). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.create': '创建用户',
  'user.import': '导入用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.session_end': '结束登录',
  'user.sign_out_everywhere': '全部下线',
  'enrollment.create': '报名课程',
  'enrollment.delete': '取消报名',
  'course_system.required_hours': '修改体系学时要求',
  'tier.update': '修改段位规则',
  'certificate.issue': '发放证书',
  'certificate.issue_override': '破格发放证书',
  'certificate.revoke': '撤销证书',
  'signing_key.rotate': '更换签名密钥',
  'hours.adjust': '补录学时',
  'answer_key.correct': '更正答案',
  'exam_review.score': '考试评阅',
  'drill_review.decide': '实训质检',
  'attendance.correct': '更正考勤',
  'job.retry': '重试任务',
};
