import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnnualReportResolver, LegalCaseResolver, NormativeDocumentResolver } from '../modules/annual-report/annual-report.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver, ScreenTokenFieldResolver, UserFieldResolver } from '../modules/auth/auth.resolver.js';
import { CalendarResolver } from '../modules/calendar/calendar.resolver.js';
import { DeadlineResolver } from '../modules/deadlines/deadline.resolver.js';
import { DepartmentResolver } from '../modules/departments/department.resolver.js';
import { EventDutyResolver } from '../modules/duties/event-duty.resolver.js';
import { InformationRequestResolver } from '../modules/requests/information-request.resolver.js';
import { accessRules, auditTrail, liveInvalidation } from './access-rules.js';
import { LiveResolver } from '../realtime/live.resolver.js';
import { PlanResolver, WorkPointResolver } from '../modules/plans/plan.resolver.js';
import { CategoryResolver, ChannelResolver } from '../modules/publications/catalogue.resolver.js';
import { IndexNumberResolver } from '../modules/publications/index-number.resolver.js';
import { PublicationResolver } from '../modules/publications/publication.resolver.js';
import { QuotaResolver } from '../modules/quotas/quota.resolver.js';
import { TaskResolver } from '../modules/tasks/task.resolver.js';
import { SupervisionResolver } from '../modules/supervision/supervision.resolver.js';
import { AssessmentResolver } from '../modules/assessment/assessment.resolver.js';
import { NotificationChannelResolver, NotificationDeliveryResolver, NotificationResolver } from '../modules/notifications/notification.resolver.js';

let built: Promise<GraphQLSchema> | undefined;

const liveFieldsHaveNoPubSub = {
  publish(): void {
    throw new Error('changes reach subscribers through the live hub');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('changes reach subscribers through the live hub');
  },
};

/** The executable schema (built once per process). */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AuthResolver,
      UserFieldResolver,
      ScreenTokenFieldResolver,
      AuditResolver,
      DepartmentResolver,
      PlanResolver,
      WorkPointResolver,
      TaskResolver,
      CalendarResolver,
      DeadlineResolver,
      InformationRequestResolver,
      EventDutyResolver,
      PublicationResolver,
      CategoryResolver,
      ChannelResolver,
      IndexNumberResolver,
      QuotaResolver,
      LiveResolver,
      AnnualReportResolver,
      LegalCaseResolver,
      NormativeDocumentResolver,
      SupervisionResolver,
      AssessmentResolver,
      NotificationChannelResolver,
      NotificationResolver,
      NotificationDeliveryResolver,
    ],
    globalMiddlewares: [accessRules, auditTrail, liveInvalidation],
    // Subscriptions are live fields served by the live hub (realtime/live-hub.ts), not by a PubSub.
    pubSub: liveFieldsHaveNoPubSub,
    // Inputs are validated once, at the edge; services trust their arguments.
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    emitSchemaFile: false,
  });
  return built;
}

/** SDL as committed in schema/schema.graphql: sorted, so that the diff shows real changes only. */
export async function printSchemaSdl(): Promise<string> {
  const header = '# Emitted by the server (npm run schema:emit). Do not edit: change the resolvers and re-emit.\n\n';
  return header + printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
