import type { Topic } from './topics.js';

/** Live subscription root fields and the topics they depend on. */
export const LIVE_FIELD_TOPICS: Record<string, readonly Topic[]> = {
  // The pace (expected by today) also moves with the calendar: 'quotas' covers calendar changes.
  quotaBoardChanged: ['publications', 'quotas'],
  overdueChanged: ['deadlines', 'tasks'],
  taskChanged: ['tasks'],
  activityChanged: ['activity', 'tasks', 'deadlines', 'publications', 'quotas'],
  supervisionNoticesChanged: ['supervision', 'deadlines'],
  notificationsChanged: ['notifications'],
  // Scores move with publications, register deadlines, reminders (announced by the planner) and the sheets themselves.
  assessmentScoresChanged: ['publications', 'deadlines', 'assessment'],
};

/** Live fields whose result is the viewer's own (not the scope's): each person is a group of their own. */
export const PER_VIEWER_LIVE_FIELDS: ReadonlySet<string> = new Set(['notificationsChanged']);

export function topicsOfLiveField(field: string): readonly Topic[] {
  return LIVE_FIELD_TOPICS[field] ?? [];
}
