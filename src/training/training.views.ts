import { minutesToHours } from '../catalog/catalog.views';
import type { TrainingScenario } from './entities/training-scenario.entity';

/** What a student sees of a scenario: never the rubric. */
export interface ScenarioView {
  id: string;
  title: string;
  summary: string;
  customerMessage: string;
  conversation: string[];
  hours: number;
  creditMinutes: number;
  hoursIsDefault: boolean;
}

export function toScenarioView(s: TrainingScenario): ScenarioView {
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    customerMessage: s.conversation[0] ?? '',
    conversation: s.conversation,
    hours: minutesToHours(s.creditMinutes),
    creditMinutes: s.creditMinutes,
    hoursIsDefault: s.creditIsDefault,
  };
}
