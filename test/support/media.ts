import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestApp } from './test-app';

const run = promisify(execFile);

/** A scratch directory for one test file (its DATA_DIR, its sample videos). */
export function scratchDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `lms-${label}-`));
}

export function removeDirs(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/**
 * A tiny real video made by ffmpeg at test time: 16×16 black frames at 1 fps, so a two-minute
 * video is a few KB and takes a fraction of a second to encode.
 */
export async function makeSampleVideo(dir: string, format: 'mp4' | 'webm', seconds: number, extra: string[] = []): Promise<string> {
  const path = join(dir, `sample-${seconds}s-${extra.length}.${format}`);
  const codec = format === 'mp4' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libvpx', '-b:v', '20k'];
  await run('ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=black:s=16x16:r=1', '-t', String(seconds), ...codec, ...extra, path]);
  return path;
}

/** An audio-only MP4 (M4A): a valid container that is not a video. */
export async function makeSampleAudio(dir: string, seconds: number): Promise<string> {
  const path = join(dir, `audio-${seconds}s.m4a`);
  await run('ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', `sine=d=${seconds}`, '-c:a', 'aac', path]);
  return path;
}

/** Files in the storage directory (everything the app left on disk). */
export function storedFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'media')).sort();
  } catch {
    return [];
  }
}

export const as = (t: TestApp, token: string) => ({
  get: (p: string) => t.http().get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string) => t.http().post(p).set('Authorization', `Bearer ${token}`),
  patch: (p: string) => t.http().patch(p).set('Authorization', `Bearer ${token}`),
  delete: (p: string) => t.http().delete(p).set('Authorization', `Bearer ${token}`),
});

export async function uploadVideo(t: TestApp, token: string, path: string, filename = 'lesson.mp4'): Promise<{ id: string; durationSeconds: number; sizeBytes: number }> {
  const res = await as(t, token).post('/api/media').attach('file', path, filename);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface VideoLesson {
  courseId: string;
  lessonId: string;
  mediaId: string;
}

/** A published course with one video lesson showing `mediaId`, the given students enrolled. */
export async function makeVideoLesson(
  t: TestApp,
  trainer: string,
  opts: { mediaId: string; studentIds: string[]; allowSkipAhead?: boolean; creditMinutes?: number; title?: string },
): Promise<VideoLesson> {
  const api = as(t, trainer);
  const course = await api.post('/api/courses').send({ systemCode: 'practical', title: opts.title ?? '视频课程' }).expect(201);
  const module = await api.post(`/api/courses/${course.body.id}/modules`).send({ title: '第一章' }).expect(201);
  const lesson = await api
    .post(`/api/modules/${module.body.id}/lessons`)
    .send({ title: '视频课', mode: 'video', creditMinutes: opts.creditMinutes ?? 30, allowSkipAhead: opts.allowSkipAhead ?? false })
    .expect(201);
  await api.patch(`/api/lessons/${lesson.body.id}`).send({ mediaId: opts.mediaId }).expect(200);
  await api.post(`/api/courses/${course.body.id}/publish`).expect(200);
  if (opts.studentIds.length > 0) await api.post(`/api/courses/${course.body.id}/enrollments`).send({ studentIds: opts.studentIds }).expect(200);
  return { courseId: course.body.id, lessonId: lesson.body.id, mediaId: opts.mediaId };
}

export async function userId(t: TestApp, token: string): Promise<string> {
  return (await as(t, token).get('/api/me').expect(200)).body.id;
}

/**
 * Lets `seconds` of server time pass for a playback session without waiting: its last accepted
 * heartbeat is moved back. The server still decides the credit from its own clock.
 */
export async function letTimePass(t: TestApp, sessionId: string, seconds: number): Promise<void> {
  await t.ds.query(`UPDATE playback_session SET last_heartbeat_at = last_heartbeat_at - make_interval(secs => $2) WHERE id = $1`, [sessionId, seconds]);
}

/** A new student account (created through the admin API) and its token. */
export async function makeStudent(t: TestApp, admin: string, username: string): Promise<{ id: string; token: string }> {
  const res = await as(t, admin).post('/api/users').send({ username, displayName: `学员 ${username}`, role: 'student', password: 'student-pass-1' });
  if (res.status !== 201) throw new Error(`could not create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: await t.login(username, 'student-pass-1') };
}
