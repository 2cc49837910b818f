import { App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type React from 'react';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { ATTENDANCE_LABELS, DELIVERY_LABELS, options } from '../shell/labels';
import { useFit } from '../staff/fit';
import { formatTime, request, TIME_ZONES, withOffset } from '../staff/request';
import type { CheckInCodeView, ClassSessionView, CourseSummaryView, CourseView, Page, RosterEntryView } from './views';

interface ScheduleFields {
  lessonId?: string;
  title?: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  place: string;
  delivery: string;
  creditMinutes?: number;
}

/** Visually hidden, read by screen readers (labels of the roster's per-row fields). */
const SR_ONLY: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

const SESSION_DELIVERY = { offline: DELIVERY_LABELS.offline, blended: DELIVERY_LABELS.blended };

/** Class sessions of a general-ability course: schedule, the classroom check-in screen, roster and corrections. */
export default function ClassSessionsPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const [courses, setCourses] = useState<CourseSummaryView[]>([]);
  const [courseId, setCourseId] = useState<string | undefined>();
  const [lessons, setLessons] = useState<Array<{ value: string; label: string }>>([]);
  const [sessions, setSessions] = useState<ClassSessionView[]>([]);
  const [rosterOf, setRosterOf] = useState<ClassSessionView | null>(null);
  const [form] = Form.useForm<ScheduleFields>();

  useEffect(() => {
    request<Page<CourseSummaryView>>('GET', '/api/courses?system=general&limit=200')
      .then((p) => setCourses(p.items))
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [message]);

  const loadSessions = useCallback(async () => {
    if (!courseId) return;
    try {
      setSessions((await request<Page<ClassSessionView>>('GET', `/api/courses/${courseId}/class-sessions?limit=200`)).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [courseId, message]);

  useEffect(() => {
    setRosterOf(null);
    setSessions([]);
    setLessons([]);
    if (!courseId) return;
    void loadSessions();
    request<CourseView>('GET', `/api/courses/${courseId}`)
      .then((c) => setLessons(c.modules.flatMap((m) => m.lessons.map((l) => ({ value: l.id, label: `${m.title} / ${l.title}` })))))
      .catch((err: unknown) => message.error(userMessageOf(err)));
  }, [courseId, loadSessions, message]);

  const schedule = async (v: ScheduleFields) => {
    try {
      await request<ClassSessionView>('POST', '/api/class-sessions', {
        courseId,
        lessonId: v.lessonId || undefined,
        title: v.title?.trim() || undefined,
        startsAt: withOffset(v.startsAt, v.timeZone),
        durationMinutes: v.durationMinutes,
        place: v.place,
        delivery: v.delivery,
        creditMinutes: v.creditMinutes ?? undefined,
      });
      message.success('课堂已安排');
      form.resetFields(['lessonId', 'title', 'startsAt']);
      await loadSessions();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  const openScreen = async (s: ClassSessionView) => {
    // Opened before the request so the browser does not treat it as an unrequested pop-up.
    const screen = window.open('', '_blank');
    try {
      const code = await request<CheckInCodeView>('POST', `/api/class-sessions/${s.id}/check-in-code`);
      if (screen) screen.location.href = code.screenUrl;
      else window.location.assign(code.screenUrl);
      await loadSessions();
    } catch (err) {
      screen?.close();
      message.error(userMessageOf(err));
    }
  };

  const closeCheckIn = async (s: ClassSessionView) => {
    try {
      await request('DELETE', `/api/class-sessions/${s.id}/check-in-code`);
      message.success('签到已关闭');
      await loadSessions();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Form layout={inline}>
          <Form.Item label="课程（通用能力）" htmlFor="session-course">
            <Select
              id="session-course"
              style={{ width: fit(300) }}
              value={courseId}
              onChange={setCourseId}
              options={courses.map((c) => ({ value: c.id, label: c.title }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Form>
      </Card>
      {courseId ? (
        <>
          <Card title="安排课堂">
            <Form<ScheduleFields> form={form} name="schedule" layout="vertical" onFinish={schedule} initialValues={{ timeZone: '+08:00', durationMinutes: 120, delivery: 'offline' }} style={{ maxWidth: 720 }}>
              <Space wrap size="large">
                <Form.Item name="lessonId" label="对应课时（可选）">
                  <Select allowClear style={{ width: 260 }} options={lessons} />
                </Form.Item>
                <Form.Item name="title" label="课堂名称（可选）">
                  <Input style={{ width: 240 }} maxLength={200} />
                </Form.Item>
              </Space>
              <Space wrap size="large">
                <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
                  <Input type="datetime-local" />
                </Form.Item>
                <Form.Item name="timeZone" label="时区">
                  <Select style={{ width: 180 }} options={TIME_ZONES} />
                </Form.Item>
                <Form.Item name="durationMinutes" label="时长（分钟）" rules={[{ required: true, message: '请填写时长' }]}>
                  <InputNumber min={1} max={720} precision={0} />
                </Form.Item>
              </Space>
              <Space wrap size="large">
                <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
                  <Input style={{ width: 260 }} maxLength={200} />
                </Form.Item>
                <Form.Item name="delivery" label="授课方式">
                  <Select style={{ width: 160 }} options={options(SESSION_DELIVERY)} />
                </Form.Item>
                <Form.Item name="creditMinutes" label="出勤学时（分钟，默认等于时长）">
                  <InputNumber min={0} max={720} precision={0} />
                </Form.Item>
              </Space>
              <Form.Item>
                <Button type="primary" htmlType="submit">
                  安排课堂
                </Button>
              </Form.Item>
            </Form>
          </Card>
          <Card title="课堂列表">
            <Table<ClassSessionView>
              rowKey="id"
              dataSource={sessions}
              scroll={{ x: 760 }}
              pagination={false}
              locale={{ emptyText: '还没有安排课堂' }}
              columns={[
                { title: '开始', dataIndex: 'startsAt', render: (v: string) => formatTime(v) },
                { title: '名称', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
                { title: '时长（分钟）', dataIndex: 'durationMinutes' },
                { title: '地点', dataIndex: 'place' },
                { title: '签到', key: 'checkIn', render: (_: unknown, s) => (s.checkIn.open ? <Tag color="blue">签到中</Tag> : <Tag>未开放</Tag>) },
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, s) => (
                    <Space wrap>
                      <Button size="small" type="primary" onClick={() => void openScreen(s)}>
                        打开签到二维码
                      </Button>
                      {s.checkIn.open ? (
                        <Button size="small" onClick={() => void closeCheckIn(s)}>
                          关闭签到
                        </Button>
                      ) : null}
                      <Button size="small" onClick={() => setRosterOf(s)}>
                        考勤名单
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          {rosterOf ? <Roster session={rosterOf} /> : null}
        </>
      ) : (
        <Empty description={<span style={{ color: '#595959' }}>请先选择课程</span>} />
      )}
    </Space>
  );
}

function Roster({ session }: { session: ClassSessionView }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<RosterEntryView[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { status?: string; note?: string }>>({});

  const load = useCallback(async () => {
    try {
      setRows((await request<Page<RosterEntryView>>('GET', `/api/class-sessions/${session.id}/attendance?limit=200`)).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [session.id, message]);

  useEffect(() => {
    setDrafts({});
    void load();
  }, [load]);

  const save = async (r: RosterEntryView) => {
    const d = drafts[r.studentId] ?? {};
    const status = d.status ?? r.status;
    if (!status) {
      message.warning('请选择考勤状态');
      return;
    }
    try {
      await request('PUT', `/api/class-sessions/${session.id}/attendance/${r.studentId}`, { status, note: d.note?.trim() || undefined });
      message.success(`已更正 ${r.displayName} 的考勤`);
      setDrafts((all) => ({ ...all, [r.studentId]: {} }));
      await load();
    } catch (err) {
      message.error(userMessageOf(err));
    }
  };

  return (
    <Card title={`考勤名单：${session.title ?? formatTime(session.startsAt)}`}>
      <Table<RosterEntryView>
        rowKey="studentId"
        loading={rows === null}
        dataSource={rows ?? []}
        scroll={{ x: 720 }}
        pagination={false}
        columns={[
          { title: '学员', dataIndex: 'displayName', render: (v: string, r) => `${v}（${r.username}）` },
          { title: '当前状态', dataIndex: 'status', render: (v: string | null) => (v ? ATTENDANCE_LABELS[v] ?? v : '未记录') },
          { title: '备注', key: 'note', render: (_: unknown, r) => r.attendance?.note ?? '' },
          {
            title: '更正为',
            key: 'fix',
            render: (_: unknown, r) => (
              <>
              <label htmlFor={`attendance-${r.studentId}`} style={SR_ONLY}>{`${r.displayName} 的考勤状态`}</label>
              <Select
                id={`attendance-${r.studentId}`}
                style={{ width: 110 }}
                value={drafts[r.studentId]?.status ?? r.status ?? undefined}
                onChange={(status: string) => setDrafts((all) => ({ ...all, [r.studentId]: { ...all[r.studentId], status } }))}
                options={options(ATTENDANCE_LABELS)}
              />
              </>
            ),
          },
          {
            title: '原因',
            key: 'reason',
            render: (_: unknown, r) => (
              <Input
                aria-label={`${r.displayName} 的更正原因`}
                value={drafts[r.studentId]?.note ?? ''}
                maxLength={500}
                onChange={(e) => setDrafts((all) => ({ ...all, [r.studentId]: { ...all[r.studentId], note: e.target.value } }))}
              />
            ),
          },
          {
            title: '操作',
            key: 'save',
            render: (_: unknown, r) => (
              <Button size="small" autoInsertSpace={false} onClick={() => void save(r)} aria-label={`保存 ${r.displayName} 的考勤`}>
                保存
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
