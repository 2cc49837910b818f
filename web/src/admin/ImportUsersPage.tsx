import { App, Button, Card, Checkbox, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/error-messages';
import { userMessageOf } from '../api/errors';
import { request } from '../staff/request';
import { ToneTag } from '../staff/ToneTag';
import type { Schemas, UserImportRow } from './types';

type Report = Omit<Schemas['UserImportReport'], 'rows'> & { rows: UserImportRow[] };

/** Bulk import of users from CSV, with the per-row report (reasons in Chinese, generated passwords shown once). */
export default function ImportUsersPage() {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [createCohorts, setCreateCohorts] = useState(false);
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  const readFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };

  const run = async () => {
    setImporting(true);
    try {
      const r = await request<Report>('POST', `/api/users/import${createCohorts ? '?createCohorts=true' : ''}`, text, 'text/csv');
      setReport(r);
      message.info(`共 ${r.total} 行：成功 ${r.created}，失败 ${r.failed}`);
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setImporting(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="从 CSV 导入用户">
        <Typography.Paragraph>
          第一行为表头：username（用户名）、display_name（姓名）、role（角色：student / trainer / admin，或 学员 / 讲师 / 管理员），可选 cohort（班级）、password（初始密码）。
          未填密码的账号会生成初始密码，只在下方结果中显示一次。有问题的行不影响其他行。
        </Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="users-file">选择 CSV 文件</label>
          <input id="users-file" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e.target.files?.[0])} />
          <label htmlFor="users-csv">或粘贴 CSV 内容</label>
          <Input.TextArea id="users-csv" rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder={'username,display_name,role,cohort\nli.lei,李雷,student,2022 下半年'} />
          <Checkbox checked={createCohorts} onChange={(e) => setCreateCohorts(e.target.checked)}>
            自动创建文件中不存在的班级
          </Checkbox>
          <Button type="primary" onClick={() => void run()} loading={importing} disabled={!text.trim()}>
            开始导入
          </Button>
        </Space>
      </Card>
      {report ? (
        <Card title="导入结果">
          <Typography.Paragraph role="status">
            共 {report.total} 行：成功 {report.created}，失败 {report.failed}
            {report.cohortsCreated.length > 0 ? `；新建班级：${report.cohortsCreated.join('、')}` : ''}
          </Typography.Paragraph>
          <Table<UserImportRow>
            data-testid="user-import-report"
            rowKey={(r) => `${r.line}-${r.username ?? ''}`}
            dataSource={report.rows}
            pagination={false}
            size="small"
            scroll={{ x: 640 }}
            columns={[
              { title: '行号', dataIndex: 'line' },
              { title: '用户名', dataIndex: 'username', render: (v: string | null) => v ?? '—' },
              { title: '结果', dataIndex: 'status', render: (v: string) => <ToneTag tone={v === 'created' ? 'ok' : 'bad'}>{v === 'created' ? '已创建' : '失败'}</ToneTag> },
              { title: '初始密码', dataIndex: 'initialPassword', render: (v?: string) => (v ? <Typography.Text copyable>{v}</Typography.Text> : '') },
              { title: '原因', key: 'reason', render: (_: unknown, r) => (r.code ? errorMessage(r.code, 400) : '') },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
