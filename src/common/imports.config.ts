import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configNamespace, toInt } from '../config/config-namespace';

/** Spreadsheet imports (users, question banks): shared by the contexts that accept them. */
class ImportsVariables {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  IMPORT_MAX_ROWS = 2000;
}

export const importsConfig = configNamespace('imports', ImportsVariables, (v) => ({ maxRows: v.IMPORT_MAX_ROWS }));
