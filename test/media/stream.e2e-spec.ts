import { readFileSync } from 'node:fs';
import { MediaUrlSigner } from '../../src/media/media-url-signer';
import { as, makeSampleVideo, makeVideoLesson, removeDirs, scratchDir, uploadVideo, userId } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

describe('signed Range streaming', () => {
  const dataDir = scratchDir('stream-data');
  const samples = scratchDir('stream-samples');
  let t: TestApp;
  let file: Buffer;
  let size: number;
  let url: string;
  let lessonId: string;
  let mediaId: string;
  let studentId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
    const trainer = await t.login('trainer1');
    const student = await t.login('student1');
    studentId = await userId(t, student);
    const path = await makeSampleVideo(samples, 'mp4', 120);
    file = readFileSync(path);
    size = file.length;
    mediaId = (await uploadVideo(t, trainer, path)).id;
    lessonId = (await makeVideoLesson(t, trainer, { mediaId, studentIds: [studentId] })).lessonId;
    url = (await as(t, student).post(`/api/lessons/${lessonId}/playback`).expect(201)).body.streamUrl;
  });
  afterAll(async () => {
    await t.close();
    removeDirs(dataDir, samples);
  });

  const get = (path = url) => t.http().get(path);

  it('hands an enrolled student a signed URL that serves the whole file with its validators', async () => {
    expect(url).toMatch(new RegExp(`^/media/${mediaId}/stream\\?u=${studentId}&s=[0-9a-f-]{36}&exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    const res = await get().expect(200);
    expect(res.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-type': 'video/mp4',
      'content-length': String(size),
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      'last-modified': expect.any(String),
    });
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(Buffer.compare(res.body, file)).toBe(0);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, -1],
    ['bytes=-50', -50, -1],
    ['bytes=10-99999999', 10, -1],
    ['bytes=0-0', 0, 0],
  ])('answers %s with 206 and the exact bytes', async (range, from, to) => {
    const start = from < 0 ? size + from : from;
    const end = to < 0 ? size - 1 : to;
    const res = await get().set('Range', range).expect(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(res.body, file.subarray(start, end + 1))).toBe(0);
  });

  it('answers a range past the end with 416 and the size', async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const res = await get().set('Range', range).expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${size}`);
      expect(res.body.code).toBe('RANGE_NOT_SATISFIABLE');
    }
  });

  it('ignores ranges it does not serve (several ranges, other units, bad syntax) and sends the whole file', async () => {
    for (const range of ['bytes=0-1,5-6', 'items=0-10', 'bytes=50-10', 'bytes=x-y']) {
      const res = await get().set('Range', range).expect(200);
      expect(res.headers['content-length']).toBe(String(size));
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const full = await t.http().head(url).expect(200);
    expect(full.headers).toMatchObject({ 'content-length': String(size), 'accept-ranges': 'bytes', 'content-type': 'video/mp4' });
    expect(full.body).toEqual({});
    const part = await t.http().head(url).set('Range', 'bytes=0-9').expect(206);
    expect(part.headers).toMatchObject({ 'content-length': '10', 'content-range': `bytes 0-9/${size}` });
  });

  it('honours If-Range only while the validator is current: a stale ETag or date gets the full 200', async () => {
    const { etag, 'last-modified': lastModified } = (await get().expect(200)).headers;
    await get().set('Range', 'bytes=0-9').set('If-Range', etag).expect(206);
    await get().set('Range', 'bytes=0-9').set('If-Range', lastModified).expect(206);
    const stale = await get().set('Range', 'bytes=0-9').set('If-Range', '"0123456789abcdef0123456789abcdef"').expect(200);
    expect(Buffer.compare(stale.body, file)).toBe(0);
    await get().set('Range', 'bytes=0-9').set('If-Range', 'Tue, 01 Jan 2019 00:00:00 GMT').expect(200);
    await get().set('Range', 'bytes=0-9').set('If-Range', `W/${etag}`).expect(200);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const { etag } = (await get().expect(200)).headers;
    const res = await get().set('If-None-Match', etag).expect(304);
    expect(res.headers.etag).toBe(etag);
  });

  it('refuses an expired URL with 403', async () => {
    const fiveHoursAgo = Date.now() - 5 * 3600 * 1000;
    const expired = t.app.get(MediaUrlSigner).sign(mediaId, studentId, fiveHoursAgo).url;
    const res = await get(expired).expect(403);
    expect(res.body.code).toBe('MEDIA_URL_EXPIRED');
  });

  it('refuses a tampered URL with 403', async () => {
    const parsed = new URL(url, 'http://x');
    const tamper = (key: string, value: string | null) => {
      const copy = new URL(parsed);
      if (value === null) copy.searchParams.delete(key);
      else copy.searchParams.set(key, value);
      return `${copy.pathname}${copy.search}`;
    };
    const sig = parsed.searchParams.get('sig') as string;
    const otherSig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const later = String(Number(parsed.searchParams.get('exp')) + 3600);
    const someoneElse = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      tamper('sig', otherSig),
      tamper('exp', later),
      tamper('u', someoneElse),
      tamper('s', someoneElse),
      tamper('s', null),
      tamper('s', 'x'),
      tamper('sig', null),
      tamper('exp', 'soon'),
    ]) {
      const res = await get(path).expect(403);
      expect(res.body.code).toBe('MEDIA_URL_INVALID');
    }
    // The signature covers the media id too: the same query on another media is refused.
    const otherMedia = url.replace(mediaId, '11111111-1111-4111-8111-111111111111');
    expect((await get(otherMedia).expect(403)).body.code).toBe('MEDIA_URL_INVALID');
  });

  it('never hands a URL to a student who is not enrolled, and refuses their reuse of another\'s', async () => {
    const outsider = await t.login('student2');
    const res = await as(t, outsider).post(`/api/lessons/${lessonId}/playback`).expect(403);
    expect(res.body.code).toBe('NOT_ENROLLED');
    const borrowed = url.replace(studentId, await userId(t, outsider));
    expect((await get(borrowed).expect(403)).body.code).toBe('MEDIA_URL_INVALID');
  });

  it('answers 404 for a validly signed link to media that does not exist', async () => {
    const ghost = '22222222-2222-4222-8222-222222222222';
    const signed = t.app.get(MediaUrlSigner).sign(ghost, studentId).url;
    expect((await get(signed).expect(404)).body.code).toBe('MEDIA_NOT_FOUND');
  });
});
