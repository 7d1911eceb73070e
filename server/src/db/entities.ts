import { AnnualReport } from '../modules/annual-report/annual-report.entity.js';
import { AnnualStatistic } from '../modules/annual-report/annual-statistic.entity.js';
import { LegalCase } from '../modules/annual-report/legal-case.entity.js';
import { NormativeDocument } from '../modules/annual-report/normative-document.entity.js';
import { AuditChainHead } from '../modules/audit/audit-chain-head.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { ScreenCredential, ScreenLink } from '../modules/auth/screen-link.entity.js';
import { ScreenToken } from '../modules/auth/screen-token.entity.js';
import { ServerSecret } from '../modules/auth/server-secret.entity.js';
import { AuthSession, UsedRefreshToken } from '../modules/auth/session.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { CalendarDay, CalendarYear } from '../modules/calendar/calendar.entity.js';
import { Deadline, DeadlineEvent } from '../modules/deadlines/deadline.entity.js';
import { DeadlineRule } from '../modules/deadlines/deadline-rule.entity.js';
import { Department } from '../modules/departments/department.entity.js';
import { EventDuty } from '../modules/duties/event-duty.entity.js';
import { InformationRequest } from '../modules/requests/information-request.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { WorkPoint } from '../modules/plans/work-point.entity.js';
import { Category } from '../modules/publications/category.entity.js';
import { Channel } from '../modules/publications/channel.entity.js';
import { IndexNumberSetting, IndexSequence } from '../modules/publications/index-number.entity.js';
import { PublicationCount } from '../modules/publications/publication-count.entity.js';
import { Publication } from '../modules/publications/publication.entity.js';
import { Quota } from '../modules/quotas/quota.entity.js';
import { TaskUpdate } from '../modules/tasks/task-update.entity.js';
import { Task } from '../modules/tasks/task.entity.js';
import { NotificationChannel } from '../modules/notifications/notification-channel.entity.js';
import { NotificationDelivery } from '../modules/notifications/notification-delivery.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { ReminderRule } from '../modules/notifications/reminder-rule.entity.js';
import { ReminderOccasion } from '../modules/notifications/reminder-occasion.entity.js';
import { SupervisionNotice } from '../modules/supervision/supervision-notice.entity.js';
import { AssessmentEntry, AssessmentSet, AssessmentSheet } from '../modules/assessment/assessment.entity.js';

/** Every entity, listed explicitly (no folder discovery: the same list works under tsx, tsc and vitest). */
export const entities = [
  Department,
  Plan,
  WorkPoint,
  Task,
  TaskUpdate,
  User,
  LoginThrottle,
  AuthSession,
  UsedRefreshToken,
  ScreenToken,
  ScreenLink,
  ScreenCredential,
  ServerSecret,
  AuditEntry,
  AuditChainHead,
  CalendarDay,
  CalendarYear,
  DeadlineRule,
  Deadline,
  DeadlineEvent,
  InformationRequest,
  EventDuty,
  Category,
  Channel,
  Publication,
  PublicationCount,
  IndexNumberSetting,
  IndexSequence,
  Quota,
  LegalCase,
  NormativeDocument,
  AnnualStatistic,
  AnnualReport,
  SupervisionNotice,
  AssessmentSet,
  AssessmentSheet,
  AssessmentEntry,
  NotificationChannel,
  Notification,
  NotificationDelivery,
  ReminderRule,
  ReminderOccasion,
];
