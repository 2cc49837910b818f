import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { request } from './request';

/**
 * One page of a list route (`?limit&offset` plus the set filters), loaded again when the filters
 * or the page change; a failure is shown as a message and leaves the last page in place.
 * `reload` is for after a change made on the page (a revocation, a role change).
 */
export function usePagedList<T>(path: string, filters: object, pageSize: number) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: T[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  // Filters arrive as a new object on every render of the caller: depend on their content.
  const filterKey = JSON.stringify(filters);

  const reload = useCallback(async () => {
    setLoading(true);
    const query = new URLSearchParams({ limit: String(pageSize), offset: String((page - 1) * pageSize) });
    for (const [k, v] of Object.entries(JSON.parse(filterKey) as Record<string, string | undefined>)) if (v) query.set(k, v);
    try {
      setData(await request<{ items: T[]; total: number }>('GET', `${path}?${query}`));
    } catch (err) {
      message.error(userMessageOf(err));
    } finally {
      setLoading(false);
    }
  }, [path, filterKey, page, pageSize, message]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, page, setPage, reload };
}
