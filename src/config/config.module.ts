import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * Registers the already-validated configuration; read it as
 * `ConfigService<AppConfig, true>` with `config.get('auth', { infer: true })`.
 * Built once in main.ts or by a test.
 */
@Module({})
export class AppConfigModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] })],
      exports: [ConfigModule],
    };
  }
}
