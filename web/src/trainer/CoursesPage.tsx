import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { navigate } from '../shell/router';
import { COURSE_STATUS_LABELS, DELIVERY_LABELS, options, SYSTEM_LABELS } from '../shell/labels';
import { LINK, useFit } from '../staff/fit';
import { request } from '../staff/request';
import type { CourseSummaryView, CourseView, Page } from './views';

interface NewCourse {
  systemCode: string;
  title: string;
  delivery: string;
}

/** Every course a trainer may see, and a form that creates one and opens its editor. */
export default function CoursesPage() {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const [courses, setCourses] = useState<CourseSummaryView[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setCourses((await request<Page<CourseSummaryView>>('GET', '/api/courses?limit=200')).items);
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (values: NewCourse) => {
    setCreating(true);
    try {
      const course = await request<CourseView>('POST', '/api/courses', values);
      message.success('课程已创建');
      navigate(`/trainer/courses/${course.id}`);
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="新建课程">
        <Form<NewCourse> layout={inline} onFinish={create} initialValues={{ systemCode: 'practical', delivery: 'online' }} style={{ rowGap: 12 }}>
          <Form.Item name="title" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }]}>
            <Input style={{ width: fit(260) }} maxLength={200} />
          </Form.Item>
          <Form.Item name="systemCode" label="课程体系">
            <Select style={{ width: fit(140) }} options={options(SYSTEM_LABELS)} />
          </Form.Item>
          <Form.Item name="delivery" label="授课方式">
            <Select style={{ width: fit(140) }} options={options(DELIVERY_LABELS)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={creating}>
              创建并编辑
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="课程列表">
        <Table<CourseSummaryView>
          rowKey="id"
          loading={loading}
          dataSource={courses}
          scroll={{ x: 640 }}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '课程名称', dataIndex: 'title', render: (title: string, c) => <a style={{ color: LINK }} href={`/trainer/courses/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/trainer/courses/${c.id}`); }}>{title}</a> },
            { title: '课程体系', dataIndex: 'systemCode', render: (v: string) => SYSTEM_LABELS[v] ?? v },
            { title: '课时数', dataIndex: 'lessonCount' },
            { title: '学时', dataIndex: 'hours' },
            { title: '状态', dataIndex: 'status', render: (v: string) => <Tag>{COURSE_STATUS_LABELS[v] ?? v}</Tag> },
            { title: '版本', dataIndex: 'version', render: (v: number | null) => (v ? `第 ${v} 版` : '未发布') },
          ]}
        />
      </Card>
    </Space>
  );
}
