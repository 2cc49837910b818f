import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/error-messages';
import { ApiError, userMessageOf } from '../api/errors';
import { useFit } from '../staff/fit';
import { options, SYSTEM_LABELS } from '../shell/labels';
import { request } from '../staff/request';
import { ToneTag } from '../staff/ToneTag';
import { RULE_FIELDS, RULE_KIND_LABELS } from './labels';
import type { Paged, Schemas } from './types';

type Tier = Schemas['TierView'];
type System = Schemas['CourseSystemView'];
type Rule = Record<string, unknown> & { kind: string };

/** A problem of INVALID_TIER_RULES: where (rule index and field, or the list) and a stable code. */
interface RuleProblem {
  index: number | null;
  field: string | null;
  code: string;
}

/** Required hours of each course system, and the rules of each certification tier. */
export default function TiersPage() {
  const { message } = App.useApp();
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [systems, setSystems] = useState<System[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const current = tiers.find((t) => t.code === selected) ?? tiers[0];

  const load = useCallback(async () => {
    try {
      setTiers(await request<Tier[]>('GET', '/api/certification/tiers'));
      setSystems((await request<Paged<System>>('GET', '/api/course-systems')).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="课程体系学时要求">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {systems.map((s) => (
            <SystemHours key={s.code} system={s} onSaved={(next) => setSystems((all) => all.map((x) => (x.code === next.code ? next : x)))} />
          ))}
        </Space>
      </Card>
      <Card title="认证段位规则">
        <Typography.Paragraph>保存后生成新的规则版本；已发放的证书保留发放时的版本。</Typography.Paragraph>
        <Radio.Group
          aria-label="选择段位"
          optionType="button"
          value={current?.code}
          onChange={(e) => setSelected(e.target.value as string)}
          options={tiers.map((t) => ({ value: t.code, label: t.name }))}
          style={{ marginBottom: 16 }}
        />
        {current ? (
          <TierEditor key={current.code} tier={current} tiers={tiers} onSaved={(next) => setTiers((all) => all.map((x) => (x.code === next.code ? next : x)))} />
        ) : null}
      </Card>
    </Space>
  );
}

function SystemHours({ system, onSaved }: { system: System; onSaved: (s: System) => void }) {
  const { fit, inline } = useFit();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requiredHours: number }>();
  const save = async (v: { requiredHours: number }) => {
    try {
      onSaved(await request<System>('PATCH', `/api/course-systems/${system.code}`, { requiredHours: v.requiredHours }));
      message.success(`${system.name}的学时要求已保存`);
    } catch (err) {
      form.setFields([{ name: 'requiredHours', errors: [userMessageOf(err)] }]);
    }
  };
  return (
    <Form form={form} name={`system-${system.code}`} layout={inline} style={{ rowGap: 8 }} initialValues={{ requiredHours: system.requiredHours }} onFinish={save}>
      <Form.Item name="requiredHours" label={`${system.name}（学时）`} rules={[{ required: true, message: '请填写学时' }]}>
        <InputNumber style={{ width: fit(120) }} min={0} max={2000} precision={0} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button htmlType="submit">保存</Button>
          {system.requiredHoursIsDefault ? <ToneTag tone="plain">默认值</ToneTag> : null}
          <span>
            已发布课程 {system.courseCount} 门，共 {system.totalHours} 学时
          </span>
        </Space>
      </Form.Item>
    </Form>
  );
}

function TierEditor({ tier, tiers, onSaved }: { tier: Tier; tiers: Tier[]; onSaved: (t: Tier) => void }) {
  const { fit } = useFit();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rules: Rule[]; validityMonths: number | null }>();
  const [listErrors, setListErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const tierOptions = tiers.map((t) => ({ value: t.code, label: t.name }));

  const save = async (v: { rules: Rule[]; validityMonths: number | null }) => {
    setSaving(true);
    setListErrors([]);
    // Send what the admin typed (empty fields left out) and let the API name every problem.
    const rules = (v.rules ?? []).map((r) => Object.fromEntries(Object.entries(r).filter(([, x]) => x !== undefined && x !== null && x !== '')));
    try {
      onSaved(await request<Tier>('PUT', `/api/certification/tiers/${tier.code}`, { rules, validityMonths: v.validityMonths ?? null }));
      message.success(`${tier.name}的规则已保存`);
    } catch (err) {
      const problems = err instanceof ApiError && err.code === 'INVALID_TIER_RULES' ? ((err.body as { problems?: RuleProblem[] })?.problems ?? []) : [];
      if (problems.length === 0) {
        message.error(userMessageOf(err));
        return;
      }
      const byField = new Map<string, string[]>();
      const onList: string[] = [];
      for (const p of problems) {
        if (p.index === null) onList.push(errorMessage(p.code, 400));
        else {
          const key = JSON.stringify(['rules', p.index, p.field ?? 'kind']);
          byField.set(key, [...(byField.get(key) ?? []), errorMessage(p.code, 400)]);
        }
      }
      form.setFields([...byField].map(([key, errors]) => ({ name: JSON.parse(key) as (string | number)[], errors })));
      setListErrors(onList);
      message.error(errorMessage('INVALID_TIER_RULES', 400));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name={`tier-${tier.code}`} layout="vertical" initialValues={{ rules: tier.rules, validityMonths: tier.validityMonths }} onFinish={save}>
      <Typography.Paragraph>
        当前规则版本：{tier.ruleVersion}
      </Typography.Paragraph>
      <Form.List name="rules">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((f) => (
              <Card key={f.key} size="small" data-testid="tier-rule">
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'kind']} label={`规则 ${f.name + 1}`} rules={[{ required: true, message: '请选择规则类型' }]}>
                    <Select style={{ width: fit(160) }} options={options(RULE_KIND_LABELS)} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const kind = form.getFieldValue(['rules', f.name, 'kind']) as string | undefined;
                      return (RULE_FIELDS[kind ?? ''] ?? []).map((spec) => (
                        <Form.Item key={spec.field} name={[f.name, spec.field]} label={spec.label}>
                          {spec.type === 'system' ? (
                            <Select style={{ width: fit(140) }} options={options(SYSTEM_LABELS)} />
                          ) : spec.type === 'tier' ? (
                            <Select style={{ width: fit(220) }} options={tierOptions} />
                          ) : spec.type === 'number' ? (
                            <InputNumber style={{ width: fit(120) }} />
                          ) : (
                            <Input style={{ width: fit(160) }} maxLength={64} />
                          )}
                        </Form.Item>
                      ));
                    }}
                  </Form.Item>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={`删除规则 ${f.name + 1}`}>
                    删除
                  </Button>
                </Space>
              </Card>
            ))}
            <Form.ErrorList errors={listErrors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'hours' })}>
              添加规则
            </Button>
          </Space>
        )}
      </Form.List>
      <Form.Item name="validityMonths" label="证书有效期（月，留空为长期有效）" style={{ marginTop: 16 }}>
        <InputNumber style={{ width: fit(160) }} min={1} max={240} precision={0} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        保存规则
      </Button>
    </Form>
  );
}
