// Shapes of the reviewed curriculum seed files in seeds/curriculum/ (one per appendix of the
// seed document). The files keep the source's figures; values the source does not state are
// seed defaults and are flagged (`hoursIsDefault: true`).

export type CourseSystemCode = 'practical' | 'general' | 'training' | 'professional';

/** A row that may repeat an earlier row's title; repeats point at the first occurrence. */
export interface RepeatableRow {
  /** 1-based position in its list, in source order. */
  row: number;
  title: string;
  /** The source's text before cleaning, when the title was changed beyond trimming and 《》 removal. */
  sourceTitle?: string;
  /** Set on a repeated row: the `row` of the first row with the same title in the same list. */
  duplicateOfRow?: number;
}

// ---------------------------------------------------------------- 附件一 实务技巧课程

export type PracticalSourceMode = '视频' | '书面' | '考试' | '自学';
export type PracticalLessonMode = 'video' | 'reading' | 'exam' | 'self_study';

export const PRACTICAL_MODES: Readonly<Record<PracticalSourceMode, PracticalLessonMode>> = {
  视频: 'video',
  书面: 'reading',
  考试: 'exam',
  自学: 'self_study',
};

export interface PracticalLesson extends RepeatableRow {
  mode: PracticalLessonMode;
  sourceMode: PracticalSourceMode;
}

export interface PracticalModule {
  row: number;
  title: string;
  /** Hours of the whole module, as stated by the source. */
  hours: number;
  lessons: PracticalLesson[];
}

export interface PracticalStatedBreakdown {
  preTrainingHours: number;
  inTrainingHours: number;
  sourceText?: string;
  note: string;
}

export interface PracticalCurriculum {
  appendix: '附件一';
  systemCode: 'practical';
  systemName: string;
  requiredHours: number;
  statedBreakdown: PracticalStatedBreakdown;
  course: { title: string; description: string };
  modules: PracticalModule[];
}

// ---------------------------------------------------------------- 附件二 通用能力课程

export type GeneralSourceDelivery = '线下授课' | '线上+线下';
export type GeneralDelivery = 'offline' | 'blended';

export const GENERAL_DELIVERIES: Readonly<Record<GeneralSourceDelivery, GeneralDelivery>> = {
  线下授课: 'offline',
  '线上+线下': 'blended',
};

export interface GeneralCourse {
  row: number;
  title: string;
  objectives: string[];
  content: string[];
  delivery: GeneralDelivery;
  sourceDelivery: GeneralSourceDelivery;
  hours: number;
}

export interface GeneralCurriculum {
  appendix: '附件二';
  systemCode: 'general';
  systemName: string;
  requiredHours: number;
  statedSessions: number;
  statedHoursPerSession: number;
  statedSessionsPerMonth?: number;
  sourceTitle?: string;
  sourceText?: string;
  courses: GeneralCourse[];
}

// ---------------------------------------------------------------- 附件三 实训课程

export type TrainingSourceMode = '业务场景实训';

export const TRAINING_MODES: Readonly<Record<TrainingSourceMode, 'drill'>> = {
  业务场景实训: 'drill',
};

export interface TrainingRow extends RepeatableRow {
  sourceMode: TrainingSourceMode;
}

export interface TrainingCurriculum {
  appendix: '附件三';
  systemCode: 'training';
  systemName: string;
  mode?: 'drill';
  /** Not stated by the source: a seed default, editable. */
  defaultHoursPerScenario: number;
  hoursIsDefault: boolean;
  rows: TrainingRow[];
}

// ---------------------------------------------------------------- 附件四 专业技能课程

export type ProfessionalDirectionCode = 'visual_design' | 'marketing' | 'store_operations' | 'content_marketing';

export const PROFESSIONAL_DIRECTIONS: Readonly<Record<ProfessionalDirectionCode, string>> = {
  visual_design: '视觉设计',
  marketing: '营销推广',
  store_operations: '店铺运营',
  content_marketing: '内容营销',
};

export type ProfessionalSourceMode = '录播';

export const PROFESSIONAL_MODES: Readonly<Record<ProfessionalSourceMode, 'video'>> = {
  录播: 'video',
};

export interface ProfessionalCourse {
  /** 1-based position within its direction, in source order (the source has no row numbers). */
  row: number;
  title: string;
  sourceTitle?: string;
  sourceMode: ProfessionalSourceMode;
  mode: 'video';
  outline: string[];
}

export interface ProfessionalDirection {
  code: ProfessionalDirectionCode;
  name: string;
  courses: ProfessionalCourse[];
}

export interface ProfessionalCurriculum {
  appendix: '附件四';
  systemCode: 'professional';
  systemName: string;
  /** Not stated by the source: a seed default, editable. */
  defaultHoursPerCourse: number;
  hoursIsDefault: boolean;
  directions: ProfessionalDirection[];
}

// ---------------------------------------------------------------- validation

export interface ValidationResult {
  /** Structural problems: the import must stop. */
  errors: string[];
  /** Human-readable notes about the source, computed from the data. */
  findings: string[];
}
