// npm run seed:demo-2022: recreates the seed's year 2022 (two cohorts, exams, drills, classes,
// certificates) through the application's services, so that GET /api/reports/annual?year=2022
// reproduces the 企业年报's figures. Demo mode only; refuses NODE_ENV=production; idempotent.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { exitOnStartupFailure, prepareEnvironment } from '../bootstrap';
import { CurriculumSeeder } from '../seeding/curriculum-seeder.service';
import { Demo2022Generator } from '../seeding/demo-2022';

async function seedDemo2022(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write('seed:demo-2022 refuses to run with NODE_ENV=production\n');
    process.exit(1);
  }
  const config = await prepareEnvironment();
  // The generator completes 2022's reading lessons at once: the minimum reading time guards live students, not a replay.
  const ctx = await NestFactory.createApplicationContext(
    AppModule.register({ ...config, app: { ...config.app, role: 'api' }, playback: { ...config.playback, selfPacedMinSeconds: 0 } }),
    { logger: ['error', 'warn'] },
  );
  try {
    await ctx.get(CurriculumSeeder).run();
    const started = Date.now();
    const report = await new Demo2022Generator(ctx).run();
    process.stdout.write(`${JSON.stringify({ ...report, seconds: Math.round((Date.now() - started) / 100) / 10 }, null, 2)}\n`);
  } finally {
    await ctx.close();
  }
}

seedDemo2022().catch(exitOnStartupFailure);
