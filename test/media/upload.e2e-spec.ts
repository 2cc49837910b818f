import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { as, makeSampleAudio, makeSampleVideo, removeDirs, scratchDir, storedFiles, uploadVideo } from '../support/media';
import { startTestApp, TestApp } from '../support/test-app';

const MAX_UPLOAD = 200_000;

describe('video upload', () => {
  const dataDir = scratchDir('upload-data');
  const samples = scratchDir('upload-samples');
  let t: TestApp;
  let trainer: string;
  let port: number;
  let mp4: string;
  let webm: string;
  const accepted: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { DATA_DIR: dataDir, MEDIA_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    trainer = await t.login('trainer1');
    [mp4, webm] = await Promise.all([makeSampleVideo(samples, 'mp4', 120), makeSampleVideo(samples, 'webm', 120)]);
  });
  afterAll(async () => {
    await t.close();
    removeDirs(dataDir, samples);
  });

  /** What a refusal must leave in storage: exactly the uploads that were accepted, no partial file. */
  const expectOnlyAccepted = () => expect(storedFiles(dataDir)).toEqual([...accepted].sort());

  const upload = (bytes: Buffer | string, filename: string, token = trainer) =>
    as(t, token).post('/api/media').attach('file', typeof bytes === 'string' ? bytes : bytes, filename);

  it('stores an MP4 and reads its duration from the container', async () => {
    const res = await upload(mp4, 'intro.mp4').expect(201);
    expect(res.body).toMatchObject({ contentType: 'video/mp4', container: 'mp4', durationSeconds: 120, sizeBytes: readFileSync(mp4).length, originalName: 'intro.mp4' });
    accepted.push(res.body.id);
    expectOnlyAccepted();
  });

  it('stores a WebM whatever its file name says', async () => {
    const res = await upload(webm, 'misnamed.mov').expect(201);
    expect(res.body).toMatchObject({ contentType: 'video/webm', container: 'webm', durationSeconds: 120 });
    accepted.push(res.body.id);
    expectOnlyAccepted();
  });

  it.each([
    ['a renamed text file', Buffer.from('这是一段文字，不是视频。\n'.repeat(100)), 'lecture.mp4', 415, 'MEDIA_UNSUPPORTED_TYPE'],
    ['an empty file', Buffer.alloc(0), 'empty.mp4', 400, 'MEDIA_EMPTY'],
    ['a Matroska file', Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282886d6174726f736b61', 'hex'), 'x.webm', 415, 'MEDIA_UNSUPPORTED_TYPE'],
  ])('refuses %s with a code and leaves nothing behind', async (_name, bytes, filename, status, code) => {
    const res = await upload(bytes, filename).expect(status);
    expect(res.body.code).toBe(code);
    expectOnlyAccepted();
  });

  it('refuses a file over the size limit (declared length) without storing anything', async () => {
    const big = Buffer.concat([readFileSync(mp4), Buffer.alloc(MAX_UPLOAD * 2)]);
    const res = await upload(big, 'big.mp4').expect(413);
    expect(res.body).toMatchObject({ code: 'MEDIA_TOO_LARGE', maxBytes: MAX_UPLOAD });
    expectOnlyAccepted();
  });

  /** A multipart upload sent with chunked encoding, so that only the streamed byte count can stop it. */
  function chunkedUpload(file: Buffer, opts: { abortAfter?: number } = {}): Promise<{ status: number; body: { code?: string } } | 'aborted'> {
    const boundary = 'lmsboundary42';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/media',
          headers: { authorization: `Bearer ${trainer}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', (err) => (opts.abortAfter !== undefined ? resolve('aborted') : reject(err)));
      req.write(head);
      const body = opts.abortAfter !== undefined ? file.subarray(0, opts.abortAfter) : file;
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
      if (opts.abortAfter !== undefined) {
        setTimeout(() => {
          req.destroy();
          resolve('aborted');
        }, 200);
        return;
      }
      req.end(tail);
    });
  }

  it('refuses a file over the size limit while streaming it, and removes the partial file', async () => {
    const big = Buffer.concat([readFileSync(mp4), Buffer.alloc(MAX_UPLOAD * 2)]);
    const res = await chunkedUpload(big);
    expect(res).toEqual({ status: 413, body: expect.objectContaining({ code: 'MEDIA_TOO_LARGE' }) });
    expectOnlyAccepted();
  });

  it('leaves nothing behind when the client disconnects mid-upload', async () => {
    const big = Buffer.concat([readFileSync(mp4), Buffer.alloc(MAX_UPLOAD / 2)]);
    expect(await chunkedUpload(big, { abortAfter: 50_000 })).toBe('aborted');
    for (let i = 0; i < 50 && storedFiles(dataDir).length !== accepted.length; i++) await new Promise((r) => setTimeout(r, 100));
    expectOnlyAccepted();
  });

  it('refuses an MP4 whose header is cut off, and an audio-only file, as not playable (422)', async () => {
    const truncated = join(samples, 'truncated.mp4');
    writeFileSync(truncated, readFileSync(mp4).subarray(0, 2000)); // moov is at the end: gone
    const cut = await upload(truncated, 'cut.mp4').expect(422);
    expect(cut.body).toMatchObject({ code: 'MEDIA_NOT_PLAYABLE', reason: 'truncated' });

    const audio = await makeSampleAudio(samples, 5);
    const res = await upload(audio, 'song.mp4').expect(422);
    expect(res.body).toMatchObject({ code: 'MEDIA_NOT_PLAYABLE', reason: 'no_video_track' });
    expectOnlyAccepted();
  });

  it('refuses a request that is not multipart, or has no file field', async () => {
    const json = await as(t, trainer).post('/api/media').send({ file: 'x' }).expect(415);
    expect(json.body.code).toBe('MEDIA_NOT_MULTIPART');
    const noFile = await as(t, trainer).post('/api/media').field('title', '没有文件').expect(400);
    expect(noFile.body.code).toBe('MEDIA_FILE_MISSING');
    const twoFiles = await as(t, trainer).post('/api/media').attach('file', mp4, 'a.mp4').attach('file', mp4, 'b.mp4').expect(400);
    expect(twoFiles.body.code).toBe('MEDIA_UPLOAD_MALFORMED');
    expectOnlyAccepted();
  });

  it('refuses students', async () => {
    const student = await t.login('student1');
    await upload(mp4, 'x.mp4', student).expect(403);
    expectOnlyAccepted();
  });

  it('attaches a video to a video lesson (its duration becomes the lesson\'s), and only to video lessons', async () => {
    const media = await uploadVideo(t, trainer, webm, 'attach.webm');
    accepted.push(media.id);
    const api = as(t, trainer);
    const course = await api.post('/api/courses').send({ systemCode: 'general', title: '挂接视频' }).expect(201);
    const module = await api.post(`/api/courses/${course.body.id}/modules`).send({ title: '模块' }).expect(201);
    const video = await api.post(`/api/modules/${module.body.id}/lessons`).send({ title: '视频', mode: 'video', creditMinutes: 20 }).expect(201);
    const reading = await api.post(`/api/modules/${module.body.id}/lessons`).send({ title: '阅读', mode: 'reading', creditMinutes: 10 }).expect(201);

    const attached = await api.patch(`/api/lessons/${video.body.id}`).send({ mediaId: media.id }).expect(200);
    expect(attached.body).toMatchObject({ mediaId: media.id, durationSeconds: 120 });
    expect((await api.patch(`/api/lessons/${reading.body.id}`).send({ mediaId: media.id }).expect(409)).body.code).toBe('LESSON_NOT_VIDEO');
    expect((await api.patch(`/api/lessons/${video.body.id}`).send({ mediaId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.code).toBe('MEDIA_NOT_FOUND');
    expect((await api.patch(`/api/lessons/${video.body.id}`).send({ mediaId: 'not-a-uuid' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const detached = await api.patch(`/api/lessons/${video.body.id}`).send({ mediaId: null }).expect(200);
    expect(detached.body).toMatchObject({ mediaId: null, durationSeconds: null });
  });

  it('lets staff preview a video through a signed link', async () => {
    const preview = await as(t, trainer).get(`/api/media/${accepted[0]}`).expect(200);
    expect(preview.body).toMatchObject({ id: accepted[0], durationSeconds: 120 });
    const stream = await t.http().get(preview.body.streamUrl).expect(200);
    expect(stream.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(stream.body, readFileSync(mp4))).toBe(0);
  });
});
