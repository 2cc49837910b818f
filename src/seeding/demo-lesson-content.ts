import { Injectable, Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { Lesson } from '../catalog/entities/lesson.entity';
import { MediaService } from '../media/media.service';
import { MediaUploadService } from '../media/media-upload.service';

const run = promisify(execFile);

/** The name the shared sample is imported under: re-seeding finds it by this name instead of making another. */
export const DEMO_SAMPLE_NAME = 'demo-sample.mp4';
export const DEMO_SAMPLE_SECONDS = 10;

type Attached = { mediaId: string; durationSeconds: number };

/** Text for a reading or self-study lesson of the demo: enough to read, built from where the lesson sits. */
export function demoReadingText(courseTitle: string, moduleTitle: string, lessonTitle: string): string {
  return [
    `本节是「${courseTitle}」中「${moduleTitle}」模块的书面学习内容，主题为「${lessonTitle}」。请在安静的环境中通读全文，并结合自己在客服岗位上的实际经历思考。`,
    `学习要点：一、理解「${lessonTitle}」在客户服务流程中的位置，明确哪些环节需要主动说明、哪些环节需要先倾听再回应；二、熟悉平台规则与服务规范中与本主题相关的条款，做到有据可依；三、遇到规则没有覆盖的情况，先安抚客户情绪，再向组长或质检同事求助，不随意承诺。`,
    `练习建议：读完后用三句话向同伴复述本节内容，再设想一位着急的客户，写出你的第一句回复。回复应当称呼得体、语气平和、给出明确的下一步。`,
    `完成阅读后点击页面下方的“已学完”按钮，系统会记录本节学时。`,
  ].join('\n\n');
}

/**
 * Demo mode: gives every seeded video lesson a short sample video and every reading or self-study
 * lesson some text, so that a new user can click through a whole lesson. The sample is made once
 * with ffmpeg (a test pattern with a tone, H.264/AAC) and imported through the media module; all
 * lessons share it, and re-seeding finds it again by name. Without ffmpeg the videos are skipped.
 */
@Injectable()
export class DemoLessonContent {
  private readonly logger = new Logger(DemoLessonContent.name);
  /** One sample per run, shared by every course of the run (undefined: not looked for yet). */
  private sample: Promise<Attached | null> | undefined;

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly media: MediaService,
    private readonly uploads: MediaUploadService,
  ) {}

  /** Fills what the course's active lessons lack; true when a lesson changed (its draft then needs publishing). */
  async fill(tx: EntityManager, courseId: string, courseTitle: string): Promise<boolean> {
    const { modules, lessons } = await this.catalog.loadStructure(courseId, tx);
    const moduleTitles = new Map(modules.map((m) => [m.id, m.title]));
    let changed = false;
    for (const lesson of lessons.filter((l) => !l.archivedAt)) {
      const patch = await this.patchFor(lesson, courseTitle, moduleTitles.get(lesson.moduleId) ?? '');
      if (!patch) continue;
      await this.catalog.updateLesson(tx, lesson.id, patch);
      changed = true;
    }
    return changed;
  }

  private async patchFor(lesson: Lesson, courseTitle: string, moduleTitle: string): Promise<Partial<Lesson> | null> {
    if (lesson.mode === 'video' && !lesson.mediaId) {
      const sample = await (this.sample ??= this.findOrMakeSample());
      return sample ? { mediaId: sample.mediaId, durationSeconds: sample.durationSeconds } : null;
    }
    if ((lesson.mode === 'reading' || lesson.mode === 'self_study') && !lesson.body) {
      return { body: demoReadingText(courseTitle, moduleTitle, lesson.title) };
    }
    return null;
  }

  private async findOrMakeSample(): Promise<Attached | null> {
    const existing = await this.media.imported(DEMO_SAMPLE_NAME);
    if (existing) return existing;
    const dir = await mkdtemp(join(tmpdir(), 'lms-demo-sample-'));
    try {
      const path = join(dir, DEMO_SAMPLE_NAME);
      try {
        await run('ffmpeg', [
          '-y', '-v', 'error',
          '-f', 'lavfi', '-i', `testsrc=size=320x180:rate=15:duration=${DEMO_SAMPLE_SECONDS}`,
          '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${DEMO_SAMPLE_SECONDS}`,
          '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
          '-c:a', 'aac', '-b:a', '48k', '-movflags', '+faststart', '-shortest', path,
        ]);
      } catch (err) {
        this.logger.warn(`demo mode: no sample video for the seeded video lessons (ffmpeg: ${(err as Error).message.split('\n')[0]})`);
        return null;
      }
      const media = await this.uploads.importFile(path, DEMO_SAMPLE_NAME);
      this.logger.log(`demo mode: sample video ${media.id} (${media.durationSeconds.toFixed(1)} s) for the seeded video lessons`);
      return this.media.forLesson(media.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
