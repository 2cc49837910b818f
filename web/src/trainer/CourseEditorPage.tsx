import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Progress, Select, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import type { PageProps } from '../shell/router';
import { COURSE_STATUS_LABELS, DELIVERY_LABELS, LESSON_MODE_LABELS, options, SYSTEM_LABELS } from '../shell/labels';
import { useFit } from '../staff/fit';
import { request, uploadMedia } from '../staff/request';
import type { CourseView, LessonView, ModuleView, PublishResult } from './views';

/** Moves the item at `index` one place up (-1) or down (+1) and returns the ids in the new order. */
function moved(ids: string[], index: number, step: -1 | 1): string[] {
  const next = [...ids];
  const [item] = next.splice(index, 1);
  next.splice(index + step, 0, item);
  return next;
}

const uuidList = (text: string | undefined) =>
  (text ?? '')
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The course editor: modules and lessons with ordering, lesson fields and video, publishing, co-trainers, enrolment. */
export default function CourseEditorPage({ params }: PageProps) {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const id = params.id;
  const [course, setCourse] = useState<CourseView | null>(null);
  const [editing, setEditing] = useState<LessonView | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [moduleForm] = Form.useForm<{ title: string }>();

  const load = useCallback(async () => {
    try {
      setCourse(await request<CourseView>('GET', `/api/courses/${id}`));
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [id, message]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change, shows its error in Chinese, and reads the draft again. */
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) message.success(done);
      await load();
      return true;
    } catch (err) {
      message.error(userMessageOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!course) return <Card loading />;

  const moduleIds = course.modules.map((m) => m.id);
  const publish = () =>
    act(async () => {
      const result = await request<PublishResult>('POST', `/api/courses/${id}/publish`);
      setPublished(result);
      message.success(result.created ? `已发布第 ${result.version} 版` : `内容没有变化，仍为第 ${result.version} 版`);
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={course.title}
        extra={
          <Button type="primary" onClick={() => void publish()} loading={busy}>
            发布
          </Button>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          styles={{ label: { color: '#595959' } }}
          items={[
            { key: 'system', label: '课程体系', children: SYSTEM_LABELS[course.systemCode] ?? course.systemCode },
            { key: 'delivery', label: '授课方式', children: DELIVERY_LABELS[course.delivery] ?? course.delivery },
            {
              key: 'status',
              label: '状态',
              children: (
                <>
                  <Tag>{COURSE_STATUS_LABELS[course.status] ?? course.status}</Tag>
                  {course.hasUnpublishedChanges ? <Tag color="volcano">有未发布的修改</Tag> : null}
                </>
              ),
            },
            { key: 'version', label: '当前版本', children: <span data-testid="course-version">{course.version ? `第 ${course.version} 版` : '未发布'}</span> },
          ]}
        />
        {published ? (
          <Typography.Paragraph role="status" style={{ marginTop: 8 }}>
            已发布：第 {published.version} 版（{new Date(published.publishedAt).toLocaleString('zh-CN', { hour12: false })}）
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Card title="模块与课时">
        {course.modules.length === 0 ? <Empty description={<span style={{ color: '#595959' }}>还没有模块</span>} /> : null}
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {course.modules.map((m, i) => (
            <ModuleCard
              key={m.id}
              module={m}
              first={i === 0}
              last={i === course.modules.length - 1}
              busy={busy}
              onMove={(step) => act(() => request('PUT', `/api/courses/${id}/modules/order`, { ids: moved(moduleIds, i, step) }), '模块顺序已保存')}
              onMoveLesson={(index, step) =>
                act(() => request('PUT', `/api/modules/${m.id}/lessons/order`, { ids: moved(m.lessons.map((l) => l.id), index, step) }), '课时顺序已保存')
              }
              onAddLesson={(values) => act(() => request('POST', `/api/modules/${m.id}/lessons`, values), '课时已添加')}
              onEdit={setEditing}
            />
          ))}
        </Space>
        <Form
          form={moduleForm}
          name="new-module"
          layout={inline}
          style={{ marginTop: 16, rowGap: 12 }}
          onFinish={async (v) => {
            if (await act(() => request('POST', `/api/courses/${id}/modules`, v), '模块已添加')) moduleForm.resetFields();
          }}
        >
          <Form.Item name="title" label="新模块名称" rules={[{ required: true, message: '请填写模块名称' }]}>
            <Input style={{ width: fit(240) }} maxLength={200} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={busy}>
              添加模块
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <Card title="协作讲师与学员">
        <Form
          name="co-trainers"
          layout="vertical"
          initialValues={{ trainerIds: (course.trainerIds ?? []).join('\n') }}
          onFinish={(v: { trainerIds?: string }) => act(() => request('PUT', `/api/courses/${id}/trainers`, { trainerIds: uuidList(v.trainerIds) }), '协作讲师已保存')}
        >
          <Form.Item name="trainerIds" label="协作讲师（账号 ID，每行一个；留空表示没有）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">保存协作讲师</Button>
          </Form.Item>
        </Form>
        <Form
          name="enrol"
          layout="vertical"
          onFinish={(v: { cohortId?: string; studentIds?: string }) => {
            const body = v.cohortId?.trim() ? { cohortId: v.cohortId.trim() } : { studentIds: uuidList(v.studentIds) };
            return act(async () => {
              const r = await request<{ enrolled: number; alreadyEnrolled: number }>('POST', `/api/courses/${id}/enrollments`, body);
              message.success(`新报名 ${r.enrolled} 人，已在课程中 ${r.alreadyEnrolled} 人`);
            });
          }}
        >
          <Form.Item name="cohortId" label="按班级报名（班级 ID）">
            <Input />
          </Form.Item>
          <Form.Item name="studentIds" label="或按学员报名（学员账号 ID，每行一个）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">报名</Button>
          </Form.Item>
        </Form>
      </Card>

      <LessonDrawer lesson={editing} onClose={() => setEditing(null)} onSaved={() => void load()} />
    </Space>
  );
}

interface ModuleCardProps {
  module: ModuleView;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (step: -1 | 1) => void;
  onMoveLesson: (index: number, step: -1 | 1) => void;
  onAddLesson: (values: { title: string; mode: string; creditMinutes: number }) => Promise<boolean>;
  onEdit: (lesson: LessonView) => void;
}

function ModuleCard({ module: m, first, last, busy, onMove, onMoveLesson, onAddLesson, onEdit }: ModuleCardProps) {
  const { fit, inline } = useFit();
  const [form] = Form.useForm<{ title: string; mode: string; creditMinutes: number }>();
  return (
    <Card
      type="inner"
      title={`${m.position}. ${m.title}`}
      extra={
        <Space>
          <Button size="small" icon={<ArrowUpOutlined />} aria-label={`上移模块 ${m.title}`} disabled={first || busy} onClick={() => onMove(-1)} />
          <Button size="small" icon={<ArrowDownOutlined />} aria-label={`下移模块 ${m.title}`} disabled={last || busy} onClick={() => onMove(1)} />
        </Space>
      }
    >
      <List
        size="small"
        locale={{ emptyText: '还没有课时' }}
        dataSource={m.lessons}
        renderItem={(l, i) => (
          <List.Item
            data-testid="lesson-row"
            actions={[
              <Button key="up" size="small" icon={<ArrowUpOutlined />} aria-label={`上移课时 ${l.title}`} disabled={i === 0 || busy} onClick={() => onMoveLesson(i, -1)} />,
              <Button key="down" size="small" icon={<ArrowDownOutlined />} aria-label={`下移课时 ${l.title}`} disabled={i === m.lessons.length - 1 || busy} onClick={() => onMoveLesson(i, 1)} />,
              <Button key="edit" size="small" autoInsertSpace={false} onClick={() => onEdit(l)} aria-label={`编辑课时 ${l.title}`}>
                编辑
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<span data-testid="lesson-title">{l.title}</span>}
              description={<span style={{ color: '#595959' }}>{`${LESSON_MODE_LABELS[l.mode] ?? l.mode} · ${l.creditMinutes} 分钟${l.mode === 'video' ? (l.mediaId ? ' · 已上传视频' : ' · 未上传视频') : ''}`}</span>}
            />
          </List.Item>
        )}
      />
      <Form
        form={form}
        name={`lessons-${m.id}`}
        layout={inline}
        style={{ marginTop: 12, rowGap: 12 }}
        initialValues={{ mode: 'video', creditMinutes: 45 }}
        onFinish={async (v) => {
          if (await onAddLesson(v)) form.resetFields();
        }}
      >
        <Form.Item name="title" label="课时名称" rules={[{ required: true, message: '请填写课时名称' }]}>
          <Input style={{ width: fit(200) }} maxLength={200} />
        </Form.Item>
        <Form.Item name="mode" label="形式">
          <Select style={{ width: fit(120) }} options={options(LESSON_MODE_LABELS)} />
        </Form.Item>
        <Form.Item name="creditMinutes" label="学时（分钟）" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0} max={6000} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={busy}>
            添加课时
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

interface LessonFields {
  title: string;
  mode: string;
  creditMinutes: number;
  allowSkipAhead: boolean;
  body: string;
}

function LessonDrawer({ lesson, onClose, onSaved }: { lesson: LessonView | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LessonFields>();
  const [percent, setPercent] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [mediaId, setMediaId] = useState<string | null>(null);

  useEffect(() => {
    if (!lesson) return;
    form.setFieldsValue({ title: lesson.title, mode: lesson.mode, creditMinutes: lesson.creditMinutes, allowSkipAhead: lesson.allowSkipAhead, body: lesson.body });
    setPercent(null);
    setMediaId(lesson.mediaId);
  }, [lesson, form]);

  const save = async (v: LessonFields) => {
    if (!lesson) return;
    setSaving(true);
    try {
      await request('PATCH', `/api/lessons/${lesson.id}`, v);
      message.success('课时已保存');
      onSaved();
      onClose();
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setSaving(false);
    }
  };

  const upload = async (file: File | undefined) => {
    if (!lesson || !file) return;
    setPercent(0);
    try {
      const media = await uploadMedia(file, setPercent);
      await request('PATCH', `/api/lessons/${lesson.id}`, { mediaId: media.id });
      setMediaId(media.id);
      message.success('视频已上传并关联到课时');
      onSaved();
    } catch (err) {
      setPercent(null);
      message.error(userMessageOf(err));
    }
  };

  return (
    <Drawer open={lesson !== null} onClose={onClose} title={lesson ? `编辑课时：${lesson.title}` : ''} size={Math.min(520, window.innerWidth)} destroyOnHidden>
      <Form form={form} name="lesson-edit" layout="vertical" onFinish={save}>
        <Form.Item name="title" label="课时名称" rules={[{ required: true, message: '请填写课时名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="mode" label="形式">
          <Select options={options(LESSON_MODE_LABELS)} />
        </Form.Item>
        <Form.Item name="creditMinutes" label="学时（分钟）" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0} max={6000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="allowSkipAhead" label="首次观看允许快进" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="body" label="阅读内容（书面、自学课时；空行分段）">
          <Input.TextArea rows={6} maxLength={50_000} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存课时
          </Button>
        </Form.Item>
      </Form>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        视频
      </Typography.Title>
      <Typography.Paragraph>{mediaId ? '已关联视频，重新上传会替换它。' : '还没有视频（支持 MP4、WebM）。'}</Typography.Paragraph>
      <label htmlFor="lesson-video-file" style={{ display: 'block', marginBottom: 8 }}>
        选择视频文件
      </label>
      <input id="lesson-video-file" type="file" accept="video/mp4,video/webm" onChange={(e) => void upload(e.target.files?.[0])} />
      {percent !== null ? <Progress percent={percent} aria-label="上传进度" style={{ marginTop: 12 }} /> : null}
    </Drawer>
  );
}
