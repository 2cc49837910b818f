import type { Page } from 'playwright-core';
import { auth, waitFor } from '../support/exam-fixtures';
import { loginAs, type Portal, screenshot, seriousAxeViolations, startPortal } from '../support/browser';

const PHONE_375 = { width: 375, height: 812 };
/** Reading lessons can be completed this soon after opening (the default minute would only slow the test). */
const SELF_PACED_MIN_SECONDS = 3;

interface SeededLesson {
  id: string;
  title: string;
  mode: string;
  creditMinutes: number;
}

interface Course {
  id: string;
  title: string;
  modules: Array<{ lessons: SeededLesson[] }>;
}

interface Media {
  document: {
    documentElement: { scrollWidth: number };
    querySelector(s: string): { muted: boolean; playbackRate: number; readyState: number; networkState: number; ended: boolean; currentTime: number; duration: number; buffered: { length: number; end(i: number): number }; play(): Promise<void>; pause(): void } | null;
  };
}

/** The page fits 375 px (no sideways scrolling) and axe finds nothing serious. */
async function fitsPhoneAndPassesAxe(page: Page): Promise<void> {
  const width = await page.evaluate(() => (globalThis as unknown as Media).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE_375.width);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Plays the video muted at `rate` (the page caps the rate it accepts); it loads nothing before that. */
async function play(page: Page, rate: number): Promise<number> {
  await page.locator('video').waitFor();
  return page.evaluate(async (r) => {
    const v = (globalThis as unknown as Media).document.querySelector('video')!;
    v.muted = true;
    v.playbackRate = r;
    await v.play();
    return v.playbackRate;
  }, rate);
}

describe('student learning pages (browser, 375 px phone)', () => {
  let p: Portal;
  let practical: Course;
  let videos: SeededLesson[];
  let reading: SeededLesson;

  beforeAll(async () => {
    // Stream links live 61 s here, so the page moves to a heartbeat's fresh link at the first chance
    // (it swaps within a minute of expiry).
    p = await startPortal({ env: { SELF_PACED_MIN_SECONDS: String(SELF_PACED_MIN_SECONDS), MEDIA_URL_TTL_SECONDS: '61' } });
    const token = await p.t.login('student1');
    const list = await p.t.http().get('/api/courses?system=practical').set(auth(token)).expect(200);
    practical = (await p.t.http().get(`/api/courses/${list.body.items[0].id}`).set(auth(token)).expect(200)).body;
    const lessons = practical.modules.flatMap((m) => m.lessons);
    videos = lessons.filter((l) => l.mode === 'video');
    reading = lessons.find((l) => l.mode === 'reading')!;
  });
  afterAll(() => p?.close());

  const transcriptMinutes = async (token: string) => {
    const res = await p.t.http().get('/api/me/transcript').set(auth(token)).expect(200);
    return res.body.systems.find((s: { code: string }) => s.code === 'practical') as { creditedMinutes: number; creditedHours: number };
  };

  it('watches a video lesson to completion and reads a reading lesson; the dashboard shows the new hours', async () => {
    const token = await p.t.login('student2');
    const page = await p.newPage(PHONE_375);
    await loginAs(page, 'student2');

    // Dashboard: hours per system, the next tier's missing pieces, the enrolled courses.
    await page.locator('[data-system="practical"]').getByText('0 / 64 学时').waitFor();
    await page.getByTestId('next-tier').getByText(/^离.*一段.*还差：$/).waitFor();
    await fitsPhoneAndPassesAxe(page);
    await screenshot(page, 'student-dashboard-375');

    // Course page → the first video lesson.
    // (A list item's text holds its description too.)
    await page.getByText(practical.title).first().click();
    await page.waitForURL(`**/student/courses/${practical.id}`);
    await page.getByRole('progressbar', { name: '课程进度' }).waitFor();
    await fitsPhoneAndPassesAxe(page);
    await screenshot(page, 'student-course-375');
    await page.getByText(videos[0].title).first().click();
    await page.waitForURL(`**/student/courses/${practical.id}/lessons/${videos[0].id}`);
    // Nothing of the video is fetched before the student presses play (a phone's data).
    const streamRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/media/') && streamRequests.push(r.url()));
    await page.getByText(/^已观看 0 秒/).waitFor();
    await page.waitForTimeout(500);
    expect(streamRequests).toEqual([]);

    // The page refuses a rate above the server's maximum (2): asked for 4, it plays at 2.
    expect(await play(page, 4)).toBe(2);
    await page.getByText('本课时已完成，学时已计入。').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByRole('progressbar', { name: '观看进度' }).getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(90);
    expect(streamRequests.length).toBeGreaterThan(0);
    await fitsPhoneAndPassesAxe(page);
    await screenshot(page, 'student-lesson-video-375');
    expect((await transcriptMinutes(token)).creditedMinutes).toBe(videos[0].creditMinutes);

    // A reading lesson: its text, and 已学完 only once the minimum time has passed.
    await page.goto(`/student/courses/${practical.id}/lessons/${reading.id}`);
    await page.getByText('学习要点', { exact: false }).waitFor();
    const done = page.getByRole('button', { name: '已学完' });
    await expect(done.isDisabled()).resolves.toBe(true);
    await page.waitForFunction(() => {
      const b = [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ textContent: string; disabled: boolean }> } }).document.querySelectorAll('button')].find((x) => x.textContent.includes('已学完'));
      return b !== undefined && !b.disabled;
    }, undefined, { timeout: (SELF_PACED_MIN_SECONDS + 5) * 1000 });
    await done.click();
    await page.getByText('本课时已学完，学时已计入。').waitFor();
    await fitsPhoneAndPassesAxe(page);
    await screenshot(page, 'student-lesson-reading-375');

    const practicalNow = await transcriptMinutes(token);
    expect(practicalNow.creditedMinutes).toBe(videos[0].creditMinutes + reading.creditMinutes);
    await page.goto('/student');
    await page.locator('[data-system="practical"]').getByText(`${practicalNow.creditedHours} / 64 学时`).waitFor();
    const course = await p.t.http().get(`/api/me/progress?courseId=${practical.id}`).set(auth(token)).expect(200);
    const states = new Map(course.body.lessons.map((l: { lessonId: string; state: string }) => [l.lessonId, l.state]));
    expect([states.get(videos[0].id), states.get(reading.id)]).toEqual(['completed', 'completed']);
  });

  it('resends heartbeats lost to a cut network or a lost answer, and counts every second once', async () => {
    const token = await p.t.login('student3');
    const lesson = videos[1];
    const page = await p.newPage(PHONE_375);
    await loginAs(page, 'student3');
    // The first answer to a heartbeat is lost after the server applied it: the page must resend its segment.
    let lost = 0;
    await page.route('**/api/playback/*/heartbeat', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(`/student/courses/${practical.id}/lessons/${lesson.id}`);
    await play(page, 2);
    await page.waitForTimeout(1500);
    await page.evaluate(() => (globalThis as unknown as Media).document.querySelector('video')!.pause());
    await page.getByText(/网络不稳定/).waitFor();

    // Offline: playing on to the end, the pause and end heartbeats fail; they go out again once online.
    // The network drops once the (small) video is in the player's buffer, so playback itself can go on.
    await page.waitForFunction(
      () => {
        const v = (globalThis as unknown as Media).document.querySelector('video')!;
        return v.buffered.length > 0 && v.buffered.end(v.buffered.length - 1) >= v.duration - 0.05;
      },
      undefined,
      { timeout: 30_000 },
    );
    await page.context().setOffline(true);
    await page.evaluate(() => (globalThis as unknown as Media).document.querySelector('video')!.play());
    await page.waitForFunction(() => (globalThis as unknown as Media).document.querySelector('video')?.ended === true, undefined, { timeout: 30_000 });
    await page.context().setOffline(false);
    await page.getByText('本课时已完成，学时已计入。').waitFor({ timeout: 30_000 });

    const logs: Array<{ accepted: boolean; credited: number; claimed: number }> = await p.t.ds.query(
      `SELECT h.accepted, h.credited_seconds AS credited, jsonb_array_length(h.claimed) AS claimed
         FROM heartbeat_log h JOIN playback_session s ON s.id = h.session_id JOIN app_user u ON u.id = s.student_id
        WHERE u.username = 'student3' ORDER BY h.client_seq`,
    );
    expect(lost).toBeGreaterThan(1);
    // Some heartbeat resent earlier segments; the credit adds up to at most the video's length.
    expect(logs.some((l) => l.claimed > 1)).toBe(true);
    const credited = logs.reduce((s, l) => s + Number(l.credited), 0);
    const progress = await p.t.http().get(`/api/me/progress?courseId=${practical.id}`).set(auth(token)).expect(200);
    const mine = progress.body.lessons.find((l: { lessonId: string }) => l.lessonId === lesson.id);
    expect(mine.state).toBe('completed');
    expect(credited).toBeCloseTo(mine.watchedSeconds, 3);
    expect(mine.watchedSeconds).toBeLessThanOrEqual(mine.durationSeconds);
    await waitFor('the lesson credit', async () => (await transcriptMinutes(token)).creditedMinutes === lesson.creditMinutes);
    const entries = await p.t.ds.query(
      `SELECT COUNT(*)::int AS n FROM hour_entry e JOIN app_user u ON u.id = e.student_id WHERE u.username = 'student3' AND e.reference_id = $1`,
      [lesson.id],
    );
    expect(entries[0].n).toBe(1);
  });

  it('reports on leaving the page while playing, and resumes there', async () => {
    const token = await p.t.login('student4');
    const lesson = videos[2];
    const page = await p.newPage(PHONE_375);
    await loginAs(page, 'student4');
    await page.goto(`/student/courses/${practical.id}/lessons/${lesson.id}`);
    await play(page, 2);
    // Played for a while (the video loads only once played, so a busy machine's start-up is not counted).
    await page.waitForFunction(() => ((globalThis as unknown as Media).document.querySelector('video')?.currentTime ?? 0) >= 3, undefined, { timeout: 30_000 });
    const at = await page.evaluate(() => (globalThis as unknown as Media).document.querySelector('video')!.currentTime);
    // Leaving while the video plays (no pause): the page-hide heartbeat carries what was played.
    await page.goto('/student');
    const watched = await waitFor('the page-hide heartbeat', async () => {
      const res = await p.t.http().get(`/api/me/progress?courseId=${practical.id}`).set(auth(token)).expect(200);
      const mine = res.body.lessons.find((l: { lessonId: string }) => l.lessonId === lesson.id);
      return mine.watchedSeconds >= 1 ? (mine.watchedSeconds as number) : undefined;
    });
    expect(watched).toBeLessThanOrEqual(at + 1);
    await page.goto(`/student/courses/${practical.id}/lessons/${lesson.id}`);
    // Back at the furthest point the server credited (not at 0, not beyond where playing stopped).
    await page.waitForFunction((stop) => {
      const now = (globalThis as unknown as Media).document.querySelector('video')?.currentTime ?? 0;
      return now >= 1 && now <= stop + 0.5;
    }, at + 1);
    await page.getByText(/^已观看 [1-9]\d* 秒/).waitFor();
  });

  it('moves to a fresh stream link before the old one expires and plays on from where it was', async () => {
    const token = await p.t.login('student5');
    const lesson = videos[0];
    const page = await p.newPage(PHONE_375);
    await loginAs(page, 'student5');
    const links = new Set<string>();
    page.on('request', (r) => r.url().includes('/media/') && links.add(new URL(r.url()).search));
    await page.goto(`/student/courses/${practical.id}/lessons/${lesson.id}`);
    await play(page, 1);
    await page.waitForTimeout(1500);
    // The pause heartbeat's answer carries a fresh link; playing on, the page swaps to it.
    const answered = page.waitForResponse((r) => r.url().includes('/heartbeat') && r.ok());
    const at = await page.evaluate(() => {
      const v = (globalThis as unknown as Media).document.querySelector('video')!;
      v.pause();
      return v.currentTime;
    });
    await answered;
    await play(page, 2);
    await waitFor('a second stream link', async () => links.size > 1);
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => (globalThis as unknown as Media).document.querySelector('video')!.currentTime);
    expect(after).toBeGreaterThanOrEqual(at);
    await page.getByText('本课时已完成，学时已计入。').waitFor({ timeout: 30_000 });
    await waitFor('the lesson credit', async () => (await transcriptMinutes(token)).creditedMinutes === lesson.creditMinutes);
  });
});
