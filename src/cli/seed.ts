// npm run seed: the idempotent curriculum import on its own.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { exitOnStartupFailure, prepareEnvironment } from '../bootstrap';
import { CurriculumSeeder } from '../seeding/curriculum-seeder.service';

async function seed(): Promise<void> {
  const config = await prepareEnvironment();
  const ctx = await NestFactory.createApplicationContext(AppModule.register({ ...config, app: { ...config.app, role: 'api' } }), {
    logger: ['error', 'warn'],
  });
  try {
    const report = await ctx.get(CurriculumSeeder).run();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await ctx.close();
  }
}

seed().catch(exitOnStartupFailure);
