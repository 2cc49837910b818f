import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { options, REVIEW_POLICY_LABELS } from '../shell/labels';
import { ScrollRegion } from '../staff/ScrollRegion';
import { formatTime, request, TIME_ZONES, withOffset } from '../staff/request';
import type { BankView, CourseSummaryView, CourseView, ExamView, Page } from './views';

interface ExamFields {
  title: string;
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts: number;
  shuffle: boolean;
  reviewPolicy: string;
  draw: Array<{ bankId: string; count: number; tags?: string[] }>;
  opensAt?: string;
  closesAt?: string;
  timeZone: string;
  courseId?: string;
  lessonId?: string;
  tierCode?: string;
}

/** Builds an exam: draw rules over banks, time limit, pass score, attempts, review policy, window, optional lesson or tier. */
export default function ExamBuilderPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<ExamFields>();
  const [banks, setBanks] = useState<BankView[]>([]);
  const [courses, setCourses] = useState<CourseSummaryView[]>([]);
  const [lessons, setLessons] = useState<Array<{ value: string; label: string }>>([]);
  const [exams, setExams] = useState<ExamView[]>([]);
  const [saving, setSaving] = useState(false);
  const courseId = Form.useWatch('courseId', form);

  const loadExams = useCallback(async () => {
    try {
      setExams((await request<Page<ExamView>>('GET', '/api/exams?limit=200')).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [message]);

  useEffect(() => {
    void (async () => {
      try {
        setBanks((await request<Page<BankView>>('GET', '/api/question-banks?limit=200')).items);
        setCourses((await request<Page<CourseSummaryView>>('GET', '/api/courses?limit=200')).items);
      } catch (err) {
        message.error(userMessageOf(err));
      }
    })();
    void loadExams();
  }, [message, loadExams]);

  useEffect(() => {
    form.setFieldValue('lessonId', undefined);
    if (!courseId) {
      setLessons([]);
      return;
    }
    void request<CourseView>('GET', `/api/courses/${courseId}`)
      .then((c) => setLessons(c.modules.flatMap((m) => m.lessons.map((l) => ({ value: l.id, label: `${m.title} / ${l.title}` })))))
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [courseId, form, message]);

  const create = async (v: ExamFields) => {
    setSaving(true);
    try {
      const exam = await request<ExamView>('POST', '/api/exams', {
        title: v.title,
        timeLimitMinutes: v.timeLimitMinutes,
        passScore: v.passScore,
        maxAttempts: v.maxAttempts,
        shuffle: v.shuffle,
        reviewPolicy: v.reviewPolicy,
        draw: v.draw.map((d) => ({ bankId: d.bankId, count: d.count, tags: d.tags && d.tags.length > 0 ? d.tags : undefined })),
        opensAt: v.opensAt ? withOffset(v.opensAt, v.timeZone) : undefined,
        closesAt: v.closesAt ? withOffset(v.closesAt, v.timeZone) : undefined,
        lessonId: v.lessonId || undefined,
        tierCode: v.tierCode?.trim() || undefined,
      });
      message.success(`考试“${exam.title}”已创建，共 ${exam.questionCount} 题`);
      form.resetFields();
      await loadExams();
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="考试设置">
        <Form<ExamFields>
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ timeLimitMinutes: 60, passScore: 60, maxAttempts: 1, shuffle: true, reviewPolicy: 'after_graded', timeZone: '+08:00', draw: [{ count: 10 }] }}
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="title" label="考试名称" rules={[{ required: true, message: '请填写考试名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="timeLimitMinutes" label="限时（分钟）" rules={[{ required: true, message: '请填写限时' }]}>
              <InputNumber min={1} max={1440} precision={0} />
            </Form.Item>
            <Form.Item name="passScore" label="及格线（%）" rules={[{ required: true, message: '请填写及格线' }]}>
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="maxAttempts" label="可考次数" rules={[{ required: true, message: '请填写可考次数' }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="shuffle" label="打乱题目和选项" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="reviewPolicy" label="答卷查看">
            <Select options={options(REVIEW_POLICY_LABELS)} />
          </Form.Item>

          <Form.List name="draw">
            {(fields, { add, remove }) => (
              <Card type="inner" title="抽题规则" size="small" style={{ marginBottom: 24 }}>
                {fields.map((field, i) => (
                  <Space key={field.key} wrap align="start">
                    <Form.Item name={[field.name, 'bankId']} label={`题库 ${i + 1}`} rules={[{ required: true, message: '请选择题库' }]}>
                      <Select style={{ width: 220 }} options={banks.map((b) => ({ value: b.id, label: `${b.title}（${b.questionCount} 题）` }))} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'count']} label="抽取题数" rules={[{ required: true, message: '请填写题数' }]}>
                      <InputNumber min={1} max={200} precision={0} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'tags']} label="限定标签（可选）">
                      <Select mode="tags" style={{ width: 200 }} open={false} />
                    </Form.Item>
                    {fields.length > 1 ? <Button aria-label={`删除规则 ${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} /> : null}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ count: 5 })}>
                  添加抽题规则
                </Button>
              </Card>
            )}
          </Form.List>

          <Space wrap size="large">
            <Form.Item name="opensAt" label="开放时间（可选）">
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="closesAt" label="截止时间（可选）">
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="timeZone" label="时区">
              <Select style={{ width: 180 }} options={TIME_ZONES} />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name="courseId" label="关联课程（可选）">
              <Select allowClear style={{ width: 240 }} options={courses.map((c) => ({ value: c.id, label: c.title }))} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="lessonId" label="关联课时（可选）">
              <Select allowClear style={{ width: 240 }} options={lessons} disabled={!courseId} />
            </Form.Item>
            <Form.Item name="tierCode" label="等级代码（可选）">
              <Input style={{ width: 160 }} placeholder="例如 cxo-1" />
            </Form.Item>
          </Space>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              创建考试
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="已有考试">
        <ScrollRegion label="已有考试" minWidth={640}>
        <Table<ExamView>
          rowKey="id"
          dataSource={exams}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '考试名称', dataIndex: 'title' },
            { title: '题数', dataIndex: 'questionCount' },
            { title: '限时（分钟）', dataIndex: 'timeLimitMinutes' },
            { title: '及格线', dataIndex: 'passScore', render: (v: number) => `${v}%` },
            { title: '可考次数', dataIndex: 'maxAttempts' },
            { title: '开放', dataIndex: 'opensAt', render: (v: string | null) => formatTime(v) },
            { title: '截止', dataIndex: 'closesAt', render: (v: string | null) => formatTime(v) },
          ]}
        />
        </ScrollRegion>
      </Card>
    </Space>
  );
}
