import { Card, ErrorBlock, List, ProgressBar, PullToRefresh, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';
import type { TranscriptView } from '../api/views';
import { useSession } from '../auth/session';

/** The student's home: greeting and hours per course system against the requirement. */
export default function HomePage() {
  const session = useSession();
  const [transcript, setTranscript] = useState<TranscriptView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setTranscript(await unwrap<TranscriptView>(api.GET('/api/me/transcript', { params: { query: { limit: 1 } } })));
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
      <Card title={`你好，${session?.user.displayName ?? ''}`}>
        <p style={{ margin: 0, color: '#595959' }}>{session?.user.cohortName ? `班级：${session.user.cohortName}` : '欢迎回来，继续学习吧。'}</p>
      </Card>
      <List header="学时进度">
        {error && (
          <List.Item>
            <ErrorBlock status="default" title="学时加载失败" description={<span role="alert">{error}</span>} />
          </List.Item>
        )}
        {!error && !transcript && (
          <List.Item>
            <Skeleton.Paragraph lineCount={3} animated />
          </List.Item>
        )}
        {transcript?.systems.map((s) => {
          const percent = s.requiredHours > 0 ? Math.min(100, Math.round((s.creditedHours / s.requiredHours) * 100)) : 100;
          return (
            <List.Item key={s.code}>
              <div className="lms-hours-row" data-system={s.code}>
                <div className="lms-hours-label">
                  <span>{s.name}</span>
                  <span className={s.met ? 'lms-hours-met' : undefined}>
                    {s.creditedHours} / {s.requiredHours} 学时{s.met ? '（已达标）' : ''}
                  </span>
                </div>
                <div role="progressbar" aria-label={`${s.name}学时`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
                  <ProgressBar percent={percent} rounded />
                </div>
              </div>
            </List.Item>
          );
        })}
      </List>
    </PullToRefresh>
  );
}
