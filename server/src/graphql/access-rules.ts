import type { MiddlewareFn } from 'type-graphql';
import { BadInputError } from '../errors.js';
import { InvalidCredentialsError, LoginRequiredError, RoleForbiddenError } from '../modules/auth/auth.errors.js';
import { Role } from '../modules/auth/role.js';
import { auditContext } from '../modules/audit/audit-context.js';
import { topicsOfMutation } from '../realtime/topics.js';
import type { GraphQLContext } from './context.js';

/**
 * Who may call each root operation — the one table. An operation missing here is refused
 * for everyone (deny by default). Which departments a caller may touch is checked again
 * inside the services (scope), so no path skips it.
 */
export type Access = 'PUBLIC' | readonly Role[];

const ALL: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON, Role.SCREEN];
const USERS: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON];
const WRITERS: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_HEAD, Role.LIAISON];
const ADMIN: readonly Role[] = [Role.ADMIN];

export const OPERATION_ACCESS: Record<string, Access> = {
  // Queries
  me: ALL,
  departments: ALL,
  department: ALL,
  plans: ALL,
  plan: ALL,
  planPage: ALL,
  workPoints: ALL,
  workPoint: ALL,
  tasks: ALL,
  task: ALL,
  users: [Role.ADMIN, Role.DEPARTMENT_HEAD],
  screenTokens: ADMIN,
  auditLog: [Role.ADMIN, Role.DEPARTMENT_HEAD],
  auditIntegrity: ADMIN,
  // Live subscriptions (scoped like their queries)
  quotaBoardChanged: ALL,
  overdueChanged: ALL,
  taskChanged: ALL,
  activityChanged: ALL,
  workingDayDeadline: ALL,
  overdueItems: ALL,
  deadlineRules: ALL,
  calendarDays: ALL,
  calendarYear: ALL,
  // The register holds applicants' personal data (个人信息保护法: the minimum): never a wall screen's.
  informationRequests: USERS,
  informationRequest: USERS,
  duties: ALL,
  publications: ALL,
  publication: ALL,
  categories: ALL,
  channels: ALL,
  channelPage: ALL,
  indexNumberSettings: ALL,
  indexNumberPreview: ADMIN,
  quotas: ALL,
  quotaBoard: ALL,
  // Mutations
  login: 'PUBLIC',
  refreshSession: 'PUBLIC',
  logout: USERS,
  changeMyPassword: USERS,
  createUser: ADMIN,
  updateUser: ADMIN,
  createScreenToken: ADMIN,
  revokeScreenToken: ADMIN,
  createScreenLink: ADMIN,
  // The one-time code is the credential (unguessable; failures count per client address).
  redeemScreenLink: 'PUBLIC',
  createDepartment: ADMIN,
  updateDepartment: ADMIN,
  createPlan: ADMIN,
  createWorkPoint: ADMIN,
  updatePlan: ADMIN,
  retirePlan: ADMIN,
  restorePlan: ADMIN,
  updateWorkPoint: ADMIN,
  retireWorkPoint: ADMIN,
  restoreWorkPoint: ADMIN,
  importPlan: ADMIN,
  breakDownWorkPoint: ADMIN,
  updateTaskProgress: WRITERS,
  setCalendarDays: ADMIN,
  setDeadlineRule: ADMIN,
  sweepDeadlines: ADMIN,
  registerInformationRequest: WRITERS,
  requestCorrection: WRITERS,
  receiveCorrection: WRITERS,
  startConsultation: WRITERS,
  endConsultation: WRITERS,
  extendInformationRequest: WRITERS,
  replyToInformationRequest: WRITERS,
  applyPersonalDataRetention: ADMIN,
  registerDuty: WRITERS,
  completeDuty: WRITERS,
  recordPublication: WRITERS,
  updatePublication: WRITERS,
  deletePublication: WRITERS,
  createCategory: ADMIN,
  updateCategory: ADMIN,
  deleteCategory: ADMIN,
  reorderCategories: ADMIN,
  createChannel: ADMIN,
  updateChannel: ADMIN,
  setIndexNumberTemplate: ADMIN,
  setQuota: ADMIN,
  deleteQuota: ADMIN,
};

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Global middleware: applies OPERATION_ACCESS to root fields and opens the audit context of a mutation. */
export const accessRules: MiddlewareFn<GraphQLContext> = async ({ context, info, args }, next) => {
  if (!ROOT_TYPES.has(info.parentType.name)) return next();
  const operation = info.fieldName;
  const access = OPERATION_ACCESS[operation];
  const viewer = context.viewer;
  if (access === undefined) throw new RoleForbiddenError(operation);
  // PostgreSQL cannot store a NUL character: refuse it at the edge, not as an internal error.
  if (containsNul(args)) throw operation === 'login' ? new InvalidCredentialsError() : new BadInputError('输入中含有不允许的控制字符（\\u0000）', 'CONTROL_CHARACTER');
  if (access !== 'PUBLIC') {
    if (context.authError) throw context.authError;
    if (!viewer) throw new LoginRequiredError();
    if (!access.includes(viewer.role)) throw new RoleForbiddenError(operation);
  }
  if (info.parentType.name !== 'Mutation') return next();
  const result = await auditContext.run(
    {
      actorType: viewer ? viewer.kind : 'anonymous',
      actorId: viewer?.id ?? null,
      // A login is traced under the name that was tried.
      actorName: viewer?.name ?? (typeof args.username === 'string' ? args.username.slice(0, 64) : '匿名'),
      operation,
      requestId: context.requestId,
    },
    next,
  );
  // The mutation's transaction has committed: tell the live subscriptions what it touched.
  const topics = topicsOfMutation(operation);
  if (topics.length) context.realtime?.invalidate(topics);
  return result;
};

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}
