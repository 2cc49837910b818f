// npm run create-admin -- <username> [display name]: the first admin of a production install.
// Prints a generated password once (the account must change it at first sign-in); nothing with a known password is ever created.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { exitOnStartupFailure, prepareEnvironment } from '../bootstrap';
import { UsersService } from '../identity/users.service';

async function createAdmin(): Promise<void> {
  const [username, displayName = '管理员'] = process.argv.slice(2);
  if (!username) {
    process.stderr.write('usage: npm run create-admin -- <username> [display name]\n');
    process.exit(2);
  }
  const config = await prepareEnvironment();
  const ctx = await NestFactory.createApplicationContext(AppModule.register({ ...config, app: { ...config.app, role: 'api' } }), {
    logger: ['error', 'warn'],
  });
  try {
    const { user, initialPassword } = await ctx.get(UsersService).create(null, { username: username.toLowerCase(), displayName, role: 'admin' });
    process.stdout.write(`created admin "${user.username}" with the password: ${initialPassword}\n(shown once; the first sign-in asks for a new one)\n`);
  } finally {
    await ctx.close();
  }
}

createAdmin().catch(exitOnStartupFailure);
