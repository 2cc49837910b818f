import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, InputNumber, Row, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { authFetch } from '../api/client';
import { ApiError, userMessageOf } from '../api/errors';
import { useFit } from '../staff/fit';
import { request } from '../staff/request';
import { type ChartOption, EChart } from './EChart';
import type { Schemas } from './types';

type Annual = Schemas['AnnualView'];

const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

function bars(categories: string[], series: Array<{ name: string; data: number[] }>): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, width: 80, overflow: 'break' } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'top' } })),
  } as ChartOption;
}

/** The annual report (src/reports): key figures, charts and the report's sentences, with the CSV download. */
export default function ReportsPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [report, setReport] = useState<Annual | null>(null);
  const [loading, setLoading] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setReport(await request<Annual>('GET', `/api/reports/annual?year=${year}`));
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setLoading(false);
    }
  }, [year, message]);

  useEffect(() => {
    void load();
  }, [load]);

  // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
  const download = async () => {
    setDownloading(true);
    try {
      const res = await authFetch(new Request(`${window.location.origin}/api/reports/annual?year=${year}&format=csv`));
      if (!res.ok) throw ApiError.fromBody(res.status, await res.json().catch(() => null));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `annual-${year}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setDownloading(false);
    }
  };

  const charts = useMemo(() => {
    if (!report) return null;
    return {
      hours: bars(
        report.hours.map((h) => h.systemName),
        [{ name: '学时', data: report.hours.map((h) => h.hours) }],
      ),
      tiers: bars(
        report.certification.byTier.map((t) => t.tierName),
        [
          { name: '发证', data: report.certification.byTier.map((t) => t.issued) },
          { name: '撤销', data: report.certification.byTier.map((t) => t.revoked) },
        ],
      ),
      cohorts: bars(
        report.byCohort.map((c) => c.name),
        [
          { name: '学员', data: report.byCohort.map((c) => c.students) },
          { name: '参加认证考试', data: report.byCohort.map((c) => c.figures.certification.sat) },
          { name: '取得证书', data: report.byCohort.map((c) => c.figures.certification.certified) },
        ],
      ),
    };
  }, [report]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="选择年份">
        <Form name="report-year" layout={inline} style={{ rowGap: 12 }} initialValues={{ year }} onFinish={(v: { year: number }) => setYear(v.year)}>
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
            <InputNumber style={{ width: fit(120) }} min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={loading}>
                生成报表
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => void download()} loading={downloading}>
                下载 CSV
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      {report && charts ? (
        <>
          <Card title={`${report.year} 年概况`}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="学员" value={report.students} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="讲师" value={report.trainers} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="总学时" value={report.totalHours} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="认证通过率" value={report.certification.passRatePercent ?? '—'} suffix={report.certification.passRatePercent === null ? undefined : '%'} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="课时完成率" value={percent(report.lessons.completionRate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="出勤率" value={percent(report.attendance.rate)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="通过实训的学员" value={report.drills.studentsWithPass} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="班级" value={report.cohorts.length} />
              </Col>
            </Row>
          </Card>
          {report.summary.length > 0 ? (
            <Card title="年报摘要">
              {report.summary.map((s) => (
                <Typography.Paragraph key={s}>{s}</Typography.Paragraph>
              ))}
            </Card>
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title="各课程体系学时">
                <EChart option={charts.hours} label={`各课程体系学时：${report.hours.map((h) => `${h.systemName} ${h.hours} 学时`).join('，')}`} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="各段位发证情况">
                <EChart
                  option={charts.tiers}
                  label={`各段位发证：${report.certification.byTier.map((t) => `${t.tierName} 发证 ${t.issued} 张，撤销 ${t.revoked} 张`).join('；')}`}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <Card title="各班级认证情况">
                <EChart
                  option={charts.cohorts}
                  label={`各班级：${report.byCohort.map((c) => `${c.name} 学员 ${c.students} 人，取得证书 ${c.figures.certification.certified} 人`).join('；')}`}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </Space>
  );
}
