import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CONFIG_NAMESPACES } from './app-config';

/**
 * Provides each namespace of the already-validated configuration under its `registerAs` key;
 * a module reads its own as `@Inject(xConfig.KEY) x: ConfigType<typeof xConfig>`.
 * Built once in main.ts or by a test.
 */
@Module({})
export class AppConfigModule {
  static register(config: AppConfig): DynamicModule {
    const providers = CONFIG_NAMESPACES.map((namespace) => ({ provide: namespace.KEY, useValue: config[namespace.namespace] }));
    return { module: AppConfigModule, global: true, providers, exports: providers.map((p) => p.provide) };
  }
}
