import { Transform } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { configNamespace, toNumber } from '../config/config-namespace';

class TrainingVariables {
  /** Share of automatically passed drill replies also sampled into the quality-review (质检) queue. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  DRILL_QA_SAMPLE_SHARE = 0.1;
}

export const trainingConfig = configNamespace('training', TrainingVariables, (v) => ({ qaSampleShare: v.DRILL_QA_SAMPLE_SHARE }));
