import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/errors';
import { request } from '../staff/request';
import type { CohortView, Paged } from './types';

/** The cohorts for selects (every page that picks a cohort). */
export function useCohorts(): { cohorts: CohortView[]; reload: () => Promise<void> } {
  const { message } = App.useApp();
  const [cohorts, setCohorts] = useState<CohortView[]>([]);
  const reload = useCallback(async () => {
    try {
      setCohorts((await request<Paged<CohortView>>('GET', '/api/cohorts')).items);
    } catch (err) {
      message.error(userMessageOf(err));
    }
  }, [message]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { cohorts, reload };
}

export const cohortOptions = (cohorts: CohortView[]) => cohorts.map((c) => ({ value: c.id, label: c.name }));
