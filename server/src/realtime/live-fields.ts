import type { Topic } from './topics.js';

/** Live subscription root fields and the topics they depend on. */
export const LIVE_FIELD_TOPICS: Record<string, readonly Topic[]> = {
  // The pace (expected by today) also moves with the calendar: 'quotas' covers calendar changes.
  quotaBoardChanged: ['publications', 'quotas'],
  overdueChanged: ['deadlines', 'tasks'],
  taskChanged: ['tasks'],
  activityChanged: ['activity', 'tasks', 'deadlines', 'publications', 'quotas'],
};

export function topicsOfLiveField(field: string): readonly Topic[] {
  return LIVE_FIELD_TOPICS[field] ?? [];
}
