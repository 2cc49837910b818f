// npm run ledger:verify: recomputes every credit from its source records and lists where the hour
// ledger differs; exits 1 when there is a difference.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { exitOnStartupFailure, prepareEnvironment } from '../bootstrap';
import { LedgerVerificationService } from '../hours/ledger-verification.service';

async function verify(): Promise<number> {
  const config = await prepareEnvironment();
  const ctx = await NestFactory.createApplicationContext(AppModule.register({ ...config, app: { ...config.app, role: 'api' } }), {
    logger: ['error', 'warn'],
  });
  try {
    const result = await ctx.get(LedgerVerificationService).verify();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(
      result.differences.length === 0
        ? `ledger:verify: ${result.checked} checked, no difference\n`
        : `ledger:verify: ${result.checked} checked, ${result.differences.length} difference(s)\n`,
    );
    return result.differences.length === 0 ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

verify().then((code) => process.exit(code), exitOnStartupFailure);
