import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';

const MAX_TEXT = 5000;
const MAX_ITEMS = 50;
const MAX_ITEM_TEXT = 1000;

/** null (clears), true/false, a text, or a list of texts (and nulls, for blanks left empty). */
export function isAnswerValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'string') return v.length <= MAX_TEXT;
  return Array.isArray(v) && v.length <= MAX_ITEMS && v.every((x) => x === null || (typeof x === 'string' && x.length <= MAX_ITEM_TEXT));
}

function IsAnswerValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAnswerValue',
      validator: {
        validate: isAnswerValue,
        defaultMessage: () =>
          `answer must be null, true/false, a text (≤ ${MAX_TEXT} characters) or a list of ≤ ${MAX_ITEMS} texts (≤ ${MAX_ITEM_TEXT} characters each, or null)`,
      },
    },
    options,
  );
}

export class SaveAnswerDto {
  @ApiProperty({ nullable: true, description: 'single: "A"; multiple: ["A","C"]; true_false: true; fill_blank: ["春节","7"]; text questions: the reply; null clears' })
  @IsAnswerValue()
  answer: unknown;

  @ApiProperty({ description: 'Increases with every change on the client: an older write never overwrites a newer one', example: 1 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  clientSeq: number;
}
