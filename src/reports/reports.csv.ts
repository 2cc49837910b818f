import { toCsv, type CsvValue } from '@lms/csv';
import type { AnnualView, OverviewView, ReportFigures } from './reports.views';

/** Column headers a person reads in a spreadsheet. */
export const REPORT_CSV_HEADER = ['范围', '类别', '指标', '数值'] as const;

const percent = (rate: number | null): CsvValue => (rate === null ? null : `${Math.round(rate * 1000) / 10}%`);

function figureRows(scope: string, f: ReportFigures): CsvValue[][] {
  const rows: CsvValue[][] = [[scope, '学员', '学员人数', f.students]];
  for (const h of f.hours) rows.push([scope, '学时', `${h.systemName}（小时）`, h.hours]);
  rows.push([scope, '学时', '合计（小时）', f.totalHours]);
  rows.push([scope, '课程学习', '已完成课时数', f.lessons.completed], [scope, '课程学习', '应完成课时数', f.lessons.total], [scope, '课程学习', '课时完成率', percent(f.lessons.completionRate)]);
  for (const e of f.exams) {
    rows.push([scope, '考试', `${e.title}：交卷次数`, e.attempts], [scope, '考试', `${e.title}：通过次数`, e.passed], [scope, '考试', `${e.title}：通过率`, percent(e.passRate)]);
  }
  rows.push(
    [scope, '认证', '参加认证考试人数', f.certification.sat],
    [scope, '认证', '获得认证人数', f.certification.certified],
    [scope, '认证', '认证通过比例', percent(f.certification.passRate)],
  );
  for (const t of f.certification.byTier) {
    rows.push([scope, '认证', `${t.tierName}：颁发证书数`, t.issued], [scope, '认证', `${t.tierName}：最高认证人数`, t.highestHolders]);
  }
  rows.push([scope, '实训', '通过的实训场景（人次）', f.drills.distinctPassed], [scope, '实训', '有实训通过的学员数', f.drills.studentsWithPass]);
  rows.push([scope, '考勤', '出勤次数', f.attendance.attended], [scope, '考勤', '应出勤次数', f.attendance.scheduled], [scope, '考勤', '出勤率', percent(f.attendance.rate)]);
  for (const c of f.forecast) {
    for (const t of c.tiers) {
      rows.push(
        [`${scope}／${c.cohortName}`, '认证预测', `${t.tierName}：已符合条件`, t.eligibleNow],
        [`${scope}／${c.cohortName}`, '认证预测', `${t.tierName}：差一项条件`, t.oneRuleAway],
        [`${scope}／${c.cohortName}`, '认证预测', `${t.tierName}：预计通过`, t.predicted],
      );
    }
  }
  return rows;
}

export function overviewCsv(view: OverviewView): string {
  const scope = view.cohortId ? (view.cohorts[0]?.name ?? '') : `${view.year} 年`;
  const rows: CsvValue[][] = [[scope, '师资', '培训师人数', view.trainers], ...figureRows(scope, view)];
  return toCsv(REPORT_CSV_HEADER, rows, { bom: true });
}

export function annualCsv(view: AnnualView): string {
  const scope = `${view.year} 年`;
  const rows: CsvValue[][] = [[scope, '师资', '培训师人数', view.trainers], ...figureRows(scope, view)];
  for (const c of view.byCohort) rows.push(...figureRows(c.name, c.figures).filter((r) => r[1] !== '认证预测'));
  for (const line of view.summary) rows.push([scope, '年报摘要', '', line]);
  return toCsv(REPORT_CSV_HEADER, rows, { bom: true });
}
