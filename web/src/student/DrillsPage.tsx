import { ErrorBlock, List, PullToRefresh, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { DrillResultView, Paged, ScenarioView } from '../api/views';
import { navigate } from '../shell/router';
import { StatusTag } from './StatusTag';

/** The drill scenarios, each with the student's best result so far. */
export default function DrillsPage() {
  const [scenarios, setScenarios] = useState<ScenarioView[] | null>(null);
  const [results, setResults] = useState<Map<string, DrillResultView>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, mine] = await Promise.all([
        unwrap<Paged<ScenarioView>>(api.GET('/api/training/scenarios', { params: { query: { limit: 200 } } })),
        unwrap<Paged<DrillResultView>>(api.GET('/api/training/results', { params: { query: { limit: 200 } } })),
      ]);
      setScenarios(list.items);
      setResults(new Map(mine.items.map((r) => [r.scenarioId, r])));
      setError(null);
    } catch (err) {
      setError(userMessageOf(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PullToRefresh onRefresh={load}>
      {error && <ErrorBlock status="default" title="实训加载失败" description={<span role="alert">{error}</span>} />}
      {!error && !scenarios && <Skeleton.Paragraph lineCount={6} animated />}
      {scenarios && scenarios.length === 0 && <ErrorBlock status="empty" title="暂无实训场景" description="有新的实训时会显示在这里。" />}
      {scenarios && scenarios.length > 0 && (
        <List header="客服实训场景">
          {scenarios.map((s) => {
            const r = results.get(s.id);
            return (
              <List.Item
                key={s.id}
                onClick={() => navigate(`/student/drills/${s.id}`)}
                description={s.summary || s.customerMessage}
                extra={r ? <StatusTag tone={r.passed ? 'ok' : 'plain'}>{r.passed ? '已通过' : `最高 ${r.bestScore ?? 0} 分`}</StatusTag> : `${s.hours} 学时`}
              >
                <span>{s.title}</span>
              </List.Item>
            );
          })}
        </List>
      )}
    </PullToRefresh>
  );
}
