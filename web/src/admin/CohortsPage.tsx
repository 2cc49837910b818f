import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { useFit } from '../staff/fit';
import { COURSE_STATUS_LABELS, SYSTEM_LABELS } from '../shell/labels';
import { request } from '../staff/request';
import { ScrollRegion } from '../staff/ScrollRegion';
import { ToneTag } from '../staff/ToneTag';
import { cohortOptions, useCohorts } from './cohorts';
import type { CohortView, Paged, Schemas } from './types';

type Course = Schemas['CourseSummaryView'];

interface EnrolOutcome {
  courseId: string;
  title: string;
  enrolled?: number;
  alreadyEnrolled?: number;
  error?: string;
}

/** Cohorts (list, create) and enrolling one cohort into many courses at once, with a result per course. */
export default function CohortsPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const { cohorts, reload } = useCohorts();
  const [courses, setCourses] = useState<Course[]>([]);
  const [outcomes, setOutcomes] = useState<EnrolOutcome[] | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [createForm] = Form.useForm<{ name: string; year?: number }>();

  useEffect(() => {
    request<Paged<Course>>('GET', '/api/courses?limit=200')
      .then((page) => setCourses(page.items))
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [message]);

  const create = async (v: { name: string; year?: number }) => {
    try {
      await request('POST', '/api/cohorts', { name: v.name, year: v.year ?? undefined });
      message.success('班级已创建');
      createForm.resetFields();
      await reload();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  // There is no bulk route: one call of the enrolment route per course, each result shown.
  const enrol = async (v: { cohortId: string; courseIds: string[] }) => {
    setEnrolling(true);
    const results: EnrolOutcome[] = [];
    for (const courseId of v.courseIds) {
      const title = courses.find((c) => c.id === courseId)?.title ?? courseId;
      try {
        const r = await request<Schemas['EnrollmentResultView']>('POST', `/api/courses/${courseId}/enrollments`, { cohortId: v.cohortId });
        results.push({ courseId, title, ...r });
      } catch (err) {
        results.push({ courseId, title, error: userMessageOf(err) });
      }
      setOutcomes([...results]);
    }
    setEnrolling(false);
    const failed = results.filter((r) => r.error).length;
    if (failed > 0) message.warning(`${failed} 门课程报名失败，见下方结果`);
    else message.success(`已为 ${results.length} 门课程完成报名`);
    await reload();
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="班级">
        <ScrollRegion label="班级列表" minWidth={420}>
          <Table<CohortView>
            rowKey="id"
            dataSource={cohorts}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '班级名称', dataIndex: 'name' },
              { title: '年份', dataIndex: 'year', render: (v: number | null) => v ?? '—' },
              { title: '人数', dataIndex: 'memberCount' },
            ]}
          />
        </ScrollRegion>
      </Card>

      <Card title="新建班级">
        <Form form={createForm} name="new-cohort" layout={inline} style={{ rowGap: 12 }} onFinish={create}>
          <Form.Item name="name" label="班级名称" rules={[{ required: true, whitespace: true, message: '请填写班级名称' }]}>
            <Input style={{ width: fit(220) }} maxLength={100} />
          </Form.Item>
          <Form.Item name="year" label="年份">
            <InputNumber style={{ width: fit(120) }} min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              创建班级
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <Card title="班级批量报名课程">
        <Form name="cohort-enrol" layout="vertical" onFinish={enrol} style={{ maxWidth: 640 }}>
          <Form.Item name="cohortId" label="班级" rules={[{ required: true, message: '请选择班级' }]}>
            <Select options={cohortOptions(cohorts)} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="courseIds" label="课程（可多选）" rules={[{ required: true, message: '请选择至少一门课程' }]}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={courses.map((c) => ({ value: c.id, label: `${c.title}（${SYSTEM_LABELS[c.systemCode] ?? c.systemCode}，${COURSE_STATUS_LABELS[c.status] ?? c.status}）` }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={enrolling}>
              报名
            </Button>
          </Form.Item>
        </Form>
        {outcomes ? (
          <ScrollRegion label="报名结果" minWidth={420}>
            <Table<EnrolOutcome>
              data-testid="enrol-report"
              rowKey="courseId"
              dataSource={outcomes}
              pagination={false}
              size="small"
              columns={[
                { title: '课程', dataIndex: 'title' },
                {
                  title: '结果',
                  key: 'result',
                  render: (_: unknown, r) =>
                    r.error ? <ToneTag tone="bad">{r.error}</ToneTag> : <span>新报名 {r.enrolled} 人，已在课程中 {r.alreadyEnrolled} 人</span>,
                },
              ]}
            />
          </ScrollRegion>
        ) : null}
      </Card>
    </Space>
  );
}
