import { IsString, MinLength } from 'class-validator';
import { configNamespace } from '../config/config-namespace';

class SeedsVariables {
  /** The reviewed seed files (curriculum, scenarios, question banks). */
  @IsString()
  @MinLength(1)
  SEED_DIR = './seeds';
}

export const seedsConfig = configNamespace('seeds', SeedsVariables, (v) => ({ dir: v.SEED_DIR }));
