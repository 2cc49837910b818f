import { message } from 'antd';
import { api, unwrap } from '../api/client';
import { userMessageOf } from '../api/errors';

/**
 * Opens Bull Board in a new tab. A navigation cannot carry the bearer token, so the API first sets
 * the dashboard's HttpOnly cookie. The tab is opened during the click (a tab opened after the
 * request would be taken for a pop-up) and sent to the dashboard once the cookie is set.
 */
export async function openQueueDashboard(): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const { url } = await unwrap(api.POST('/api/admin/queue-dashboard/session'));
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else window.location.href = url;
  } catch (err) {
    tab?.close();
    void message.error(userMessageOf(err));
  }
}
