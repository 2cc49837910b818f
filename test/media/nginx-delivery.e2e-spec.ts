import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MediaUrlSigner } from '../../src/media/media-url-signer';
import { as, makeSampleVideo, makeVideoLesson, removeDirs, scratchDir, uploadVideo, userId } from '../support/media';
import { type RunningNginx, startNginx } from '../support/nginx';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * MEDIA_DELIVERY=nginx: the app checks each stream request and answers with X-Accel-Redirect; a
 * real nginx (Debian's, started here on a spare port) in front of it sends the file's bytes.
 */
describe('streaming through nginx with X-Accel-Redirect', () => {
  const dataDir = scratchDir('nginx-data');
  const samples = scratchDir('nginx-samples');
  let t: TestApp;
  let nginx: RunningNginx;
  let file: Buffer;
  let url: string;
  let mediaId: string;
  let studentId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: dataDir, MEDIA_DELIVERY: 'nginx' } });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    const appPort = (t.app.getHttpServer().address() as AddressInfo).port;
    nginx = await startNginx(appPort, join(dataDir, 'media'));
    const trainer = await t.login('trainer1');
    const student = await t.login('student1');
    studentId = await userId(t, student);
    const path = await makeSampleVideo(samples, 'mp4', 600);
    file = readFileSync(path);
    mediaId = (await uploadVideo(t, trainer, path)).id;
    const { lessonId } = await makeVideoLesson(t, trainer, { mediaId, studentIds: [studentId] });
    url = (await as(t, student).post(`/api/lessons/${lessonId}/playback`).expect(201)).body.streamUrl;
  });
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
    removeDirs(dataDir, samples);
  });

  const viaNginx = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const res = await fetch(`${nginx.base}${path}`, { method, headers });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('answers a checked request with X-Accel-Redirect and no bytes of its own', async () => {
    const res = await t.http().get(url).expect(200);
    expect(res.headers['x-accel-redirect']).toMatch(/^\/_media\/[A-Za-z0-9._-]+$/);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(res.body).toEqual(Buffer.alloc(0));
  });

  it('lets nginx send the whole file, byte for byte', async () => {
    const res = await viaNginx(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(file.length));
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(res.headers.get('x-accel-redirect')).toBeNull();
    expect(res.body.equals(file)).toBe(true);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, -1],
    ['bytes=-50', -50, -1],
    ['bytes=7-7', 7, 7],
  ])('lets nginx answer Range %s with 206 and the exact bytes', async (range, from, to) => {
    const start = from < 0 ? file.length + from : from;
    const end = to < 0 ? file.length - 1 : to;
    const res = await viaNginx(url, { range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${file.length}`);
    expect(res.body.equals(file.subarray(start, end + 1))).toBe(true);
  });

  it('keeps the app in charge: unsigned, tampered and expired links are refused by the app, not served', async () => {
    const unsigned = `/media/${mediaId}/stream`;
    const noSig = url.replace(/&sig=[^&]+/, '');
    const expired = t.app.get(MediaUrlSigner).sign(mediaId, studentId, Date.now() - 5 * 3600 * 1000).url;
    for (const [path, code] of [
      [unsigned, 'MEDIA_URL_INVALID'],
      [noSig, 'MEDIA_URL_INVALID'],
      [expired, 'MEDIA_URL_EXPIRED'],
    ]) {
      const res = await viaNginx(path, { range: 'bytes=0-99' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body.toString('utf8')).code).toBe(code);
    }
  });

  it('never serves the internal location to a request from outside', async () => {
    const key = (await t.http().get(url).expect(200)).headers['x-accel-redirect'] as string;
    for (const path of [key, '/_media/', `/_media/../media/${key.slice('/_media/'.length)}`]) {
      const res = await viaNginx(path);
      expect(res.status).toBe(404);
      expect(res.body.includes(file.subarray(0, 64))).toBe(false);
    }
  });
});
