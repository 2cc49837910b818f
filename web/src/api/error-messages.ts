/**
 * What a person reads when the API refuses: one Chinese sentence per error `code`
 * (the codes of src/common/error-codes.ts and every src/<context>/<context>.errors.ts).
 * The English `message` of an error body is never shown. test/web/error-messages.e2e-spec.ts
 * fails when the app declares a code this table lacks: add the sentence here.
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  // platform (src/common/error-codes.ts)
  VALIDATION_FAILED: '填写的内容有误，请检查后重试。',
  MALFORMED_BODY: '提交的内容格式不正确，请刷新页面后重试。',
  PAYLOAD_TOO_LARGE: '提交的内容太大。',
  JSON_TOO_DEEP: '提交的内容层级太深，请检查后重试。',
  UNAUTHENTICATED: '登录已失效，请重新登录。',
  FORBIDDEN: '您没有权限进行此操作。',
  NOT_FOUND: '要找的内容不存在或已被删除。',
  ROUTE_NOT_FOUND: '要找的内容不存在。',
  METHOD_NOT_ALLOWED: '不支持此操作。',
  CONFLICT: '内容已存在或已被他人修改，请刷新后重试。',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试。',
  UNSUPPORTED_MEDIA_TYPE: '不支持此文件或内容类型。',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  DATABASE_UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  INTERNAL_ERROR: '系统出错了，请稍后再试；如果一直出现，请联系管理员。',
  RANGE_NOT_SATISFIABLE: '无法读取文件的这一部分，请刷新后重试。',
  INVALID_IDEMPOTENCY_KEY: '请求标识不正确，请刷新页面后重试。',
  IDEMPOTENCY_KEY_REUSED: '这个操作已经提交过了。',
  IDEMPOTENCY_KEY_MISMATCH: '这个操作已用不同的内容提交过，请刷新页面后重试。',

  // identity
  INVALID_CREDENTIALS: '用户名或密码错误。',
  ACCOUNT_DISABLED: '该账号已停用，请联系管理员。',
  LOGIN_THROTTLED: '登录失败次数过多，请稍后再试。',
  USERNAME_TAKEN: '该用户名已被使用。',
  USER_NOT_FOUND: '找不到该用户。',
  COHORT_NOT_FOUND: '找不到该班级。',
  COHORT_NAME_TAKEN: '已有同名班级。',
  CSV_MALFORMED: 'CSV 文件格式不正确。',
  CSV_MISSING_COLUMNS: 'CSV 文件缺少必需的列。',
  CSV_TOO_MANY_ROWS: 'CSV 文件行数过多，请分批导入。',
  CSV_EMPTY: 'CSV 文件没有数据行。',
  WRONG_PASSWORD: '当前密码不正确。',
  CANNOT_DISABLE_SELF: '不能停用自己的账号。',
  INVALID_REFRESH_TOKEN: '登录已过期，请重新登录。',
  SESSION_NOT_FOUND: '找不到该登录记录。',
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码。',
  UNKNOWN_COHORT: '班级不存在。',
  // per-row reasons of a user CSV import report (src/identity/user-csv.ts)
  ROW_TOO_MANY_FIELDS: '这一行的列数比表头多。',
  INVALID_USERNAME: '用户名不符合要求。',
  INVALID_DISPLAY_NAME: '姓名不符合要求。',
  INVALID_ROLE: '角色只能是 student、trainer 或 admin。',
  INVALID_PASSWORD: '密码不符合要求（至少 8 位）。',
  INVALID_COHORT: '班级名称不符合要求。',

  // catalog
  MODULE_NOT_FOUND: '找不到该单元。',
  LESSON_NOT_FOUND: '找不到该课时。',
  COURSE_NOT_FOUND: '找不到该课程。',
  UNKNOWN_COURSE_SYSTEM: '课程体系不存在。',
  REORDER_MISMATCH: '排序与当前内容不一致，请刷新后重试。',
  NOTHING_TO_PUBLISH: '没有可发布的改动。',
  COURSE_ARCHIVED: '该课程已归档。',
  ENROLLMENT_TARGET_MISSING: '请选择要报名的学员或班级。',
  NOT_STUDENTS: '只有学员可以报名课程。',
  LESSON_NOT_VIDEO: '该课时不是视频课。',
  NOT_ENROLLED: '您尚未报名该课程。',
  NOT_COURSE_OWNER: '只有课程负责人、协作讲师或管理员可以修改该课程。',
  NOT_TRAINERS: '只有讲师可以成为协作讲师。',
  ENROLLMENT_NOT_FOUND: '找不到该报名记录。',

  // media
  MEDIA_NOT_FOUND: '找不到该视频或文件。',
  MEDIA_EMPTY: '上传的文件是空的。',
  MEDIA_FILE_MISSING: '文件已丢失，请重新上传。',
  MEDIA_NOT_MULTIPART: '上传方式不正确，请重新选择文件上传。',
  MEDIA_NOT_PLAYABLE: '该视频还不能播放（可能仍在处理中）。',
  MEDIA_TOO_LARGE: '文件太大，无法上传。',
  MEDIA_UNSUPPORTED_TYPE: '不支持此文件格式。',
  MEDIA_UPLOAD_MALFORMED: '上传中断或内容不完整，请重新上传。',
  MEDIA_URL_EXPIRED: '播放链接已过期，请刷新页面。',
  MEDIA_URL_INVALID: '播放链接无效，请刷新页面。',

  // learning
  PLAYBACK_SESSION_NOT_FOUND: '播放记录不存在，请刷新页面。',
  PLAYBACK_SESSION_ENDED: '该课时已在其他页面或设备上打开，此处的播放已停止。',
  PLAYBACK_ACCESS_REVOKED: '您已不在该课程中，播放已停止。',
  LESSON_NOT_PLAYABLE: '该课时没有可播放的视频。',
  LESSON_NOT_SELF_PACED: '只有阅读和自学课时可以这样标记完成。',
  LESSON_NOT_OPENED: '请先打开课时再标记完成。',
  LESSON_COMPLETED_TOO_EARLY: '学习时间还不够，请稍后再标记完成。',

  // assessment
  BANK_NOT_FOUND: '找不到该题库。',
  NOT_BANK_OWNER: '只有题库的负责讲师或管理员可以修改该题库。',
  BANK_PRIVATE: '该题库为讲师私有。',
  QUESTION_NOT_FOUND: '找不到该题目。',
  INVALID_QUESTION: '题目内容不完整或有误，请检查。',
  IMPORT_EMPTY: '导入的文件没有题目。',
  IMPORT_MALFORMED: '导入的文件格式不正确。',
  IMPORT_TOO_MANY_ROWS: '导入的题目过多，请分批导入。',
  IMPORT_MISSING_COLUMNS: '导入的文件缺少必需的列。',
  DUPLICATE_IN_FILE: '文件中有重复的题目编号。',
  QUESTION_REF_TAKEN: '题库中已有相同编号的题目，请编辑该题以新增版本。',
  EXAM_NOT_FOUND: '找不到该考试。',
  INVALID_EXAM: '考试设置有误，请检查。',
  DRAW_NOT_SATISFIABLE: '题库中的题目数量不够组卷。',
  LESSON_NOT_EXAM: '该课时不是考试。',
  EXAM_NOT_OPEN: '考试尚未开始。',
  EXAM_CLOSED: '考试已结束。',
  EXAM_NOT_AVAILABLE: '您目前不能参加该考试。',
  ATTEMPT_LIMIT_REACHED: '已达到该考试的作答次数上限。',
  ATTEMPT_NOT_FOUND: '找不到该次作答。',
  QUESTION_NOT_IN_ATTEMPT: '该题目不在本次试卷中。',
  ATTEMPT_ALREADY_SUBMITTED: '试卷已提交，不能再修改。',
  ATTEMPT_DEADLINE_PASSED: '考试时间已到，答案无法再保存。',
  ANSWER_SHAPE_MISMATCH: '答案格式与题型不符。',

  // grading
  REVIEW_NOT_FOUND: '找不到该评阅任务。',
  REVIEW_ALREADY_DONE: '该评阅已完成。',
  REVIEW_SCORE_OUT_OF_RANGE: '评分超出允许的范围。',
  QUESTION_VERSION_NOT_FOUND: '找不到该题目版本。',
  INVALID_ANSWER_KEY: '答案设置有误，请检查。',
  ANSWER_KEY_UNCHANGED: '答案没有变化。',

  // hours
  STUDENT_NOT_FOUND: '找不到该学员。',

  // attendance
  CLASS_SESSION_NOT_FOUND: '找不到该课堂。',
  COURSE_NOT_GENERAL: '只有通用能力课程可以安排课堂。',
  STUDENT_NOT_ENROLLED: '该学员未报名此课程。',
  OUTSIDE_SESSION_WINDOW: '只能在上课期间签到。',
  SESSION_NOT_STARTED: '课堂开始后才能记录考勤。',
  CHECK_IN_NOT_OPEN: '讲师尚未开启签到。',
  CHECK_IN_CODE_MALFORMED: '签到码是 6 位数字。',
  CHECK_IN_CODE_WRONG: '签到码不正确。',
  CHECK_IN_CODE_EXPIRED: '签到码已过期，请输入屏幕上当前的签到码。',
  CHECK_IN_THROTTLED: '签到码错误次数过多，请稍后再试。',
  ATTENDANCE_SET_BY_TRAINER: '讲师已为您记录考勤，如有问题请联系讲师更正。',
  ATTENDANCE_NOT_FOUND: '没有该学员的考勤记录。',
  SCREEN_LINK_INVALID: '课堂大屏链接无效。',
  SCREEN_LINK_EXPIRED: '课堂大屏链接已过期。',
  SESSION_OVERLAP: '该课程在这个时间已有其他课堂，同一课程同一时间只能安排一节课。',
  LESSON_NOT_IN_COURSE: '所选课时不属于该课堂的课程。',

  // certification
  TIER_NOT_FOUND: '找不到该认证段位。',
  INVALID_TIER_RULES: '段位规则设置有误，请检查。',
  NOT_ELIGIBLE: '该学员尚未满足此段位的全部条件；如需破格发证，请填写原因。',
  CERTIFICATE_ALREADY_HELD: '该学员已持有此段位的有效证书。',
  CERTIFICATE_NOT_FOUND: '找不到该证书。',
  CERTIFICATE_ALREADY_REVOKED: '该证书已被撤销。',
  SERIAL_NOT_FOUND: '查无此证书编号，请核对后重试。',
  NOT_YOUR_CERTIFICATE: '这不是您的证书。',
  NOT_YOUR_ELIGIBILITY: '只能查看自己的认证资格。',
  TIER_EXAM_NOT_ELIGIBLE: '尚未满足参加该段位考试的条件。',
  VERIFY_THROTTLED: '查询太频繁，请稍后再试。',
  // per-rule problems of INVALID_TIER_RULES (libs/eligibility/src/validate.ts), shown next to the field
  NOT_AN_ARRAY: '规则必须是一个列表。',
  NO_RULES: '每个段位至少需要一条规则。',
  TOO_MANY_RULES: '规则太多（最多 50 条）。',
  NOT_AN_OBJECT: '这条规则的格式不正确。',
  UNKNOWN_KIND: '不支持这种规则类型。',
  UNKNOWN_FIELD: '这种规则没有这一项。',
  MISSING_FIELD: '必须填写。',
  NOT_A_NUMBER: '必须是数字。',
  NOT_AN_INTEGER: '必须是整数。',
  NOT_WHOLE_MINUTES: '学时必须是整分钟（学时 × 60 为整数）。',
  NEGATIVE_THRESHOLD: '不能是负数。',
  THRESHOLD_TOO_LARGE: '数值过大，请检查。',
  SCORE_ABOVE_100: '分数是百分制，不能超过 100。',
  RATE_ABOVE_100: '比例是百分数，不能超过 100。',
  NOT_A_STRING: '请选择或填写。',
  UNKNOWN_TIER: '段位不存在。',
  UNKNOWN_DIRECTION: '方向不存在。',
  HOLDS_ITSELF: '段位不能要求持有自己。',
  DUPLICATE_RULE: '与前面的规则重复。',

  // reports
  REPORT_COHORT_NOT_FOUND: '找不到该班级，无法生成报表。',
  REPORT_COHORT_NOT_IN_YEAR: '该班级不属于所选年份。',

  // training (drills)
  SCENARIO_NOT_FOUND: '找不到该实训场景。',
  SCENARIO_TITLE_TAKEN: '已有同名实训场景。',
  SCENARIO_HAS_NO_RUBRIC: '该实训场景还没有评分标准。',
  INVALID_RUBRIC: '评分标准设置有误，请检查。',
  SUBMISSION_NOT_FOUND: '找不到该实训提交。',
  SUBMISSION_NOT_GRADED: '该实训提交尚未评分。',

  // jobs
  JOB_NOT_FOUND: '找不到该任务。',
  JOB_NOT_FAILED: '只有失败的任务可以重试。',
  QUEUE_UNAVAILABLE: '任务队列暂时不可用，请稍后再试。',
};

/** When the code is unknown (or there is no answer at all): a sentence by HTTP status. */
export function fallbackMessage(status: number | null): string {
  if (status === null) return '网络连接失败，请检查网络后重试。';
  if (status === 401) return ERROR_MESSAGES.UNAUTHENTICATED;
  if (status === 403) return ERROR_MESSAGES.FORBIDDEN;
  if (status === 404) return ERROR_MESSAGES.NOT_FOUND;
  if (status === 409) return ERROR_MESSAGES.CONFLICT;
  if (status === 429) return ERROR_MESSAGES.TOO_MANY_REQUESTS;
  if (status >= 500) return '服务暂时不可用，请稍后再试。';
  return '操作没有成功，请检查后重试。';
}

/** The sentence for an error code (and its status when the code is unknown). */
export function errorMessage(code: string | null | undefined, status: number | null): string {
  return (code && ERROR_MESSAGES[code]) || fallbackMessage(status);
}
