import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../server/src/graphql/schema.js';
import { DEMO_PASSWORD, DEMO_SCREEN_TOKEN, TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';
import { connect } from '../helpers/ws-client.js';

/**
 * The access matrix: every root operation × every kind of caller → allowed or refused.
 * Generated from the one table below; an operation of the schema without a row fails.
 * "Refused" means FORBIDDEN or UNAUTHENTICATED, and nothing written.
 *
 * Each case stands alone: it signs in afresh (logout and changeMyPassword end the caller's tokens)
 * and its `vars` create what it consumes (the screen token it revokes or links, the plan it retires …);
 * the shared fixtures are only read, or updated at the version read just before. Run it in any order:
 *   npx vitest run test/integration/access-matrix.test.ts --sequence.shuffle.tests --sequence.seed=<n>
 */
type Caller = 'anonymous' | 'admin' | 'head' | 'liaison' | 'screen';
const CALLERS: Caller[] = ['anonymous', 'admin', 'head', 'liaison', 'screen'];
type Outcome = 'allow' | 'deny';

interface Row {
  /** The operation document; `$`-variables come from `vars`. */
  doc: string;
  /** A subscription: called over the WebSocket (anonymous callers are refused at connect). */
  ws?: boolean;
  vars?: (ctx: Fixtures, caller: Caller) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Per caller; callers not listed are denied. */
  allow: Caller[];
}

interface Fixtures {
  server: TestServer;
  orgId: string;
  officeId: string;
  planId: string;
  workPointId: string;
  /** A task of 局办公室: in scope for the admin, its head and its liaison. */
  officeTaskId: string;
  userId: string;
  unique(): string;
}

const EVERYONE: Caller[] = ['anonymous', 'admin', 'head', 'liaison', 'screen'];
const SIGNED_IN: Caller[] = ['admin', 'head', 'liaison', 'screen'];
const USERS: Caller[] = ['admin', 'head', 'liaison'];

const TABLE: Record<string, Row> = {
  // ---- queries
  me: { doc: `{ me { role } }`, allow: SIGNED_IN },
  departments: { doc: `{ departments { id } }`, allow: SIGNED_IN },
  department: { doc: `query($id: ID!) { department(id: $id) { id } }`, vars: (f) => ({ id: f.officeId }), allow: SIGNED_IN },
  plans: { doc: `{ plans { id } }`, allow: SIGNED_IN },
  plan: { doc: `query($id: ID!) { plan(id: $id) { id } }`, vars: (f) => ({ id: f.planId }), allow: SIGNED_IN },
  planPage: { doc: `{ planPage(first: 2) { totalCount } }`, allow: SIGNED_IN },
  workPoints: { doc: `{ workPoints(first: 2) { totalCount } }`, allow: SIGNED_IN },
  workPoint: { doc: `query($id: ID!) { workPoint(id: $id) { id } }`, vars: (f) => ({ id: f.workPointId }), allow: SIGNED_IN },
  tasks: { doc: `{ tasks(first: 2) { totalCount } }`, allow: SIGNED_IN },
  task: { doc: `query($id: ID!) { task(id: $id) { id } }`, vars: (f) => ({ id: f.officeTaskId }), allow: SIGNED_IN },
  users: { doc: `{ users { id } }`, allow: ['admin', 'head'] },
  screenTokens: { doc: `{ screenTokens { id } }`, allow: ['admin'] },
  auditLog: { doc: `{ auditLog(first: 2) { totalCount } }`, allow: ['admin', 'head'] },
  auditIntegrity: { doc: `{ auditIntegrity { ok firstBrokenId checked } }`, allow: ['admin'] },
  previewPlanImport: {
    doc: `query($o: ID!, $t: String!) { previewPlanImport(input: { organizationId: $o, text: $t }) { layout points { title } } }`,
    vars: (f) => ({ o: f.orgId, t: '工作任务\t具体要求\t责任科室\t完成时限\n政务公开\t按时公开\t局办公室\t年底前' }),
    allow: ['admin'],
  },

  // ---- mutations
  login: {
    doc: `mutation($p: String!) { login(username: "bgs.head", password: $p) { accessToken } }`,
    vars: () => ({ p: DEMO_PASSWORD }),
    allow: EVERYONE,
  },
  refreshSession: {
    doc: `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
    vars: async (f) => {
      const body = await f.server.gqlOk<any>(
        `mutation($p: String!) { login(username: "bgs.liaison", password: $p) { refreshToken } }`,
        { p: DEMO_PASSWORD },
        { token: null },
      );
      return { t: body.login.refreshToken };
    },
    allow: EVERYONE,
  },
  logout: { doc: `mutation { logout }`, allow: USERS },
  changeMyPassword: {
    doc: `mutation($p: String!) { changeMyPassword(currentPassword: $p, newPassword: $p) }`,
    vars: (_f, caller) => ({ p: caller === 'admin' ? TEST_ADMIN_PASSWORD : DEMO_PASSWORD }),
    allow: USERS,
  },
  createUser: {
    doc: `mutation($u: String!, $d: ID!) { createUser(input: { username: $u, displayName: "测试", password: "Passw0rd!", role: LIAISON, departmentId: $d }) { id } }`,
    vars: (f) => ({ u: `u${f.unique()}`, d: f.officeId }),
    allow: ['admin'],
  },
  updateUser: {
    doc: `mutation($id: ID!, $v: Int!) { updateUser(input: { id: $id, version: $v, displayName: "改名" }) { id } }`,
    vars: async (f) => ({ id: f.userId, v: (await f.server.sql(`select version from app_user where id = $1`, [f.userId]))[0].version }),
    allow: ['admin'],
  },
  createScreenToken: { doc: `mutation { createScreenToken(label: "矩阵测试") { token } }`, allow: ['admin'] },
  createScreenLink: {
    doc: `mutation($id: ID!) { createScreenLink(screenTokenId: $id) { url } }`,
    vars: async (f) => ({ id: await newScreenToken(f) }),
    allow: ['admin'],
  },
  redeemScreenLink: {
    doc: `mutation($c: String!) { redeemScreenLink(code: $c) { label } }`,
    vars: async (f) => {
      const made = await f.server.gqlOk<any>(
        `mutation($id: ID!) { createScreenLink(screenTokenId: $id) { url } }`,
        { id: await newScreenToken(f) },
        { token: await tokenFor('admin') },
      );
      return { c: made.createScreenLink.url.split('#code=')[1] };
    },
    allow: EVERYONE,
  },
  applyPersonalDataRetention: { doc: `mutation { applyPersonalDataRetention { erased } }`, allow: ['admin'] },
  revokeScreenToken: {
    doc: `mutation($id: ID!) { revokeScreenToken(id: $id) { id } }`,
    vars: async (f) => ({ id: await newScreenToken(f) }),
    allow: ['admin'],
  },
  createDepartment: {
    doc: `mutation($c: String!, $p: ID!) { createDepartment(input: { name: "矩阵科", code: $c, kind: OFFICE, parentId: $p }) { id } }`,
    vars: (f) => ({ c: `M-${f.unique()}`, p: f.orgId }),
    allow: ['admin'],
  },
  updateDepartment: {
    doc: `mutation($id: ID!, $v: Int!) { updateDepartment(input: { id: $id, version: $v, sortOrder: 3 }) { id } }`,
    vars: async (f) => ({ id: f.officeId, v: (await f.server.sql(`select version from department where id = $1`, [f.officeId]))[0].version }),
    allow: ['admin'],
  },
  createPlan: {
    doc: `mutation($o: ID!) { createPlan(input: { organizationId: $o, year: 2027, title: "矩阵计划" }) { id } }`,
    vars: (f) => ({ o: f.orgId }),
    allow: ['admin'],
  },
  createWorkPoint: {
    doc: `mutation($p: ID!, $n: String!, $l: ID!) { createWorkPoint(input: { planId: $p, number: $n, section: "矩阵", title: "矩阵条目", leadDepartmentIds: [$l] }) { id } }`,
    vars: (f) => ({ p: f.planId, n: `M${f.unique()}`, l: f.officeId }),
    allow: ['admin'],
  },
  importPlan: {
    doc: `mutation($o: ID!, $t: String!) { importPlan(input: { organizationId: $o, format: WORK_PLAN, text: $t }) { id } }`,
    vars: (f) => ({
      o: f.orgId,
      t: `2027年度政务公开工作要点\n二、重点领域\n(一)矩阵${f.unique()}\n1.政策依据:无。\n2.职责分工:公开。\n牵头科室:局办公室\n责任单位:机关各科室`,
    }),
    allow: ['admin'],
  },
  updatePlan: {
    doc: `mutation($id: ID!, $v: Int!) { updatePlan(input: { id: $id, version: $v, title: "矩阵计划（改）" }) { id } }`,
    vars: async (f) => ({ id: (await newPlan(f)).id, v: 1 }),
    allow: ['admin'],
  },
  retirePlan: {
    doc: `mutation($id: ID!, $v: Int!) { retirePlan(input: { id: $id, version: $v, reason: "矩阵停用" }) { id } }`,
    vars: async (f) => ({ id: (await newPlan(f)).id, v: 1 }),
    allow: ['admin'],
  },
  restorePlan: {
    doc: `mutation($id: ID!, $v: Int!) { restorePlan(input: { id: $id, version: $v }) { id } }`,
    vars: async (f) => {
      const { retirePlan: p } = await f.server.gqlOk<any>(
        `mutation($id: ID!) { retirePlan(input: { id: $id, version: 1, reason: "待恢复" }) { id version } }`,
        { id: (await newPlan(f)).id },
        { token: await tokenFor('admin') },
      );
      return { id: p.id, v: p.version };
    },
    allow: ['admin'],
  },
  updateWorkPoint: {
    doc: `mutation($id: ID!, $v: Int!) { updateWorkPoint(input: { id: $id, version: $v, title: "矩阵条目（改）", dueDate: "2027-06-30" }) { id } }`,
    vars: async (f) => ({ id: (await newWorkPoint(f)).id, v: 1 }),
    allow: ['admin'],
  },
  retireWorkPoint: {
    doc: `mutation($id: ID!, $v: Int!) { retireWorkPoint(input: { id: $id, version: $v, reason: "矩阵停用" }) { id } }`,
    vars: async (f) => ({ id: (await newWorkPoint(f)).id, v: 1 }),
    allow: ['admin'],
  },
  restoreWorkPoint: {
    doc: `mutation($id: ID!, $v: Int!) { restoreWorkPoint(input: { id: $id, version: $v }) { id } }`,
    vars: async (f) => {
      const { retireWorkPoint: w } = await f.server.gqlOk<any>(
        `mutation($id: ID!) { retireWorkPoint(input: { id: $id, version: 1, reason: "待恢复" }) { id version } }`,
        { id: (await newWorkPoint(f)).id },
        { token: await tokenFor('admin') },
      );
      return { id: w.id, v: w.version };
    },
    allow: ['admin'],
  },
  breakDownWorkPoint: { doc: `mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`, vars: (f) => ({ id: f.workPointId }), allow: ['admin'] },
  breakDownPlan: { doc: `mutation($id: ID!) { breakDownPlan(id: $id) { createdCount } }`, vars: (f) => ({ id: f.planId }), allow: ['admin'] },
  updateTaskProgress: {
    doc: `mutation($id: ID!, $v: Int!) { updateTaskProgress(input: { id: $id, version: $v, progress: 50 }) { id } }`,
    vars: async (f) => ({ id: f.officeTaskId, v: (await f.server.sql(`select version from task where id = $1`, [f.officeTaskId]))[0].version }),
    allow: USERS,
  },

  // ---- live subscriptions (over graphql-ws)
  quotaBoardChanged: { doc: `subscription { quotaBoardChanged(period: "2026-Q4") { totals { published } } }`, allow: SIGNED_IN, ws: true },
  overdueChanged: { doc: `subscription { overdueChanged { id } }`, allow: SIGNED_IN, ws: true },
  taskChanged: { doc: `subscription { taskChanged { id } }`, allow: SIGNED_IN, ws: true },
  activityChanged: { doc: `subscription { activityChanged(first: 3) { id } }`, allow: SIGNED_IN, ws: true },
  supervisionNoticesChanged: { doc: `subscription { supervisionNoticesChanged { id state } }`, allow: SIGNED_IN, ws: true },
  notificationsChanged: { doc: `subscription { notificationsChanged { unreadCount } }`, allow: USERS, ws: true },
  // ---- 督办 and notifications
  supervisionNotices: { doc: `{ supervisionNotices { id } }`, allow: SIGNED_IN },
  supervisionNotice: {
    doc: `query($id: ID!) { supervisionNotice(id: $id) { id } }`,
    vars: async (f) => ({ id: await newNotice(f) }),
    allow: SIGNED_IN,
  },
  supervisionCounts: { doc: `{ supervisionCounts { open overdue } }`, allow: SIGNED_IN },
  issueSupervisionNotice: {
    doc: `mutation($d: ID!) { issueSupervisionNotice(input: { departmentId: $d, reason: "矩阵督办", replyWithinWorkingDays: 3 }) { id } }`,
    vars: (f) => ({ d: f.officeId }),
    allow: ['admin'],
  },
  acknowledgeSupervisionNotice: {
    doc: `mutation($id: ID!) { acknowledgeSupervisionNotice(id: $id) { id } }`,
    vars: async (f) => ({ id: await newNotice(f) }),
    allow: USERS,
  },
  replySupervisionNotice: {
    doc: `mutation($id: ID!) { replySupervisionNotice(input: { id: $id, reply: "已办理" }) { id } }`,
    vars: async (f) => ({ id: await newNotice(f) }),
    allow: USERS,
  },
  closeSupervisionNotice: {
    doc: `mutation($id: ID!) { closeSupervisionNotice(id: $id) { id } }`,
    vars: async (f) => ({ id: await newNotice(f) }),
    allow: ['admin'],
  },
  returnSupervisionNotice: {
    doc: `mutation($id: ID!) { returnSupervisionNotice(input: { id: $id, reason: "佐证不足" }) { id } }`,
    vars: async (f) => {
      const id = await newNotice(f);
      await f.server.gqlOk(
        `mutation($id: ID!) { replySupervisionNotice(input: { id: $id, reply: "已办理" }) { id } }`,
        { id },
        { token: await tokenFor('admin') },
      );
      return { id };
    },
    allow: ['admin'],
  },
  // ---- 考核 (the demo's sets are the current year's; rows that write make their own set in a year of their own)
  assessmentScores: {
    doc: `query($o: ID!, $p: String!) { assessmentScores(organizationId: $o, period: $p) { total rank } }`,
    vars: (f) => ({ o: f.orgId, p: CURRENT_YEAR }),
    allow: SIGNED_IN,
  },
  assessmentScoresChanged: {
    doc: `subscription($o: ID!, $p: String!) { assessmentScoresChanged(organizationId: $o, period: $p) { total rank } }`,
    vars: (f) => ({ o: f.orgId, p: CURRENT_YEAR }),
    allow: SIGNED_IN,
    ws: true,
  },
  assessmentSets: { doc: `query($o: ID!) { assessmentSets(organizationId: $o) { id } }`, vars: (f) => ({ o: f.orgId }), allow: USERS },
  assessmentSet: {
    doc: `query($o: ID!, $p: String!) { assessmentSet(organizationId: $o, period: $p) { id } }`,
    vars: (f) => ({ o: f.orgId, p: CURRENT_YEAR }),
    allow: USERS,
  },
  assessmentSheet: {
    doc: `query($i: AssessmentSheetRef!) { assessmentSheet(input: $i) { state score { total } } }`,
    vars: (f) => ({ i: { organizationId: f.orgId, period: CURRENT_YEAR, departmentId: f.officeId } }),
    allow: USERS,
  },
  saveAssessmentSet: {
    doc: `mutation($i: SaveAssessmentSetInput!) { saveAssessmentSet(input: $i) { id } }`,
    vars: (f) => ({ i: { organizationId: f.orgId, period: nextAssessmentYear(), title: '矩阵考核', items: [MATRIX_ITEM] } }),
    allow: ['admin'],
  },
  copyAssessmentSet: {
    doc: `mutation($id: ID!, $p: String!) { copyAssessmentSet(id: $id, period: $p) { id } }`,
    vars: async (f) => ({ id: (await newAssessmentSet(f)).id, p: nextAssessmentYear() }),
    allow: ['admin'],
  },
  deleteAssessmentSet: {
    doc: `mutation($id: ID!) { deleteAssessmentSet(id: $id) }`,
    vars: async (f) => ({ id: (await newAssessmentSet(f)).id }),
    allow: ['admin'],
  },
  setAssessmentEntry: {
    doc: `mutation($i: SetAssessmentEntryInput!) { setAssessmentEntry(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newAssessmentSet(f)).ref, itemCode: '1', side: 'SELF', points: 3, reason: '自评' } }),
    allow: USERS,
  },
  setAssessmentFinding: {
    doc: `mutation($i: SetAssessmentFindingInput!) { setAssessmentFinding(input: $i) }`,
    vars: async (f) => ({ i: { ...(await newAssessmentSet(f)).ref, itemCode: '1', finding: '已按要求公开' } }),
    allow: USERS,
  },
  submitAssessmentSheet: {
    doc: `mutation($i: AssessmentSheetStepInput!) { submitAssessmentSheet(input: $i) { state } }`,
    vars: async (f) => ({ i: (await newAssessmentSet(f)).ref }),
    allow: ['admin', 'head'],
  },
  returnAssessmentSheet: {
    doc: `mutation($i: AssessmentSheetStepInput!) { returnAssessmentSheet(input: $i) { state } }`,
    vars: async (f) => ({ i: { ...(await newAssessmentSet(f, 'submitAssessmentSheet')).ref, reason: '佐证不足' } }),
    allow: ['admin'],
  },
  finalizeAssessmentSheet: {
    doc: `mutation($i: AssessmentSheetStepInput!) { finalizeAssessmentSheet(input: $i) { state } }`,
    vars: async (f) => ({ i: (await newAssessmentSet(f)).ref }),
    allow: ['admin'],
  },
  reopenAssessmentSheet: {
    doc: `mutation($i: AssessmentSheetStepInput!) { reopenAssessmentSheet(input: $i) { state } }`,
    vars: async (f) => ({ i: { ...(await newAssessmentSet(f, 'finalizeAssessmentSheet')).ref, reason: '补录数据' } }),
    allow: ['admin'],
  },
  notificationChannels: { doc: `{ notificationChannels { id } }`, allow: ['admin'] },
  setNotificationChannel: {
    doc: `mutation($d: ID!) { setNotificationChannel(input: { departmentId: $d, kind: EMAIL, target: "matrix@example.gov.cn" }) { id } }`,
    vars: (f) => ({ d: f.officeId }),
    allow: ['admin'],
  },
  removeNotificationChannel: {
    doc: `mutation($id: ID!) { removeNotificationChannel(id: $id) }`,
    vars: async (f) => ({ id: await newChannel(f) }),
    allow: ['admin'],
  },
  testNotificationChannel: {
    doc: `mutation($id: ID!) { testNotificationChannel(id: $id) { id } }`,
    vars: async (f) => ({ id: await newChannel(f) }),
    allow: ['admin'],
  },
  retryNotificationDelivery: {
    doc: `mutation($id: ID!) { retryNotificationDelivery(id: $id) { id } }`,
    vars: async (f) => {
      const made = await f.server.gqlOk<any>(
        `mutation($id: ID!) { testNotificationChannel(id: $id) { id } }`,
        { id: await newChannel(f) },
        { token: await tokenFor('admin') },
      );
      return { id: made.testNotificationChannel.id };
    },
    allow: ['admin'],
  },
  notificationDeliveries: { doc: `{ notificationDeliveries { id } }`, allow: ['admin'] },
  reminderRules: { doc: `{ reminderRules { deadlineKind } }`, allow: ['admin'] },
  updateReminderRule: {
    doc: `mutation($v: Int!) { updateReminderRule(input: { deadlineKind: MESSAGE, version: $v, onDueDay: true }) { id } }`,
    vars: async (f) => ({ v: (await f.server.sql(`select version from reminder_rule where deadline_kind = 'MESSAGE'`))[0].version }),
    allow: ['admin'],
  },
  myEmail: { doc: `{ myEmail { id } }`, allow: USERS },
  setMyEmail: { doc: `mutation { setMyEmail(input: { address: "me@example.gov.cn" }) { id } }`, allow: USERS },
  myNotifications: { doc: `{ myNotifications { id } }`, allow: USERS },
  unreadNotificationCount: { doc: `{ unreadNotificationCount }`, allow: USERS },
  markNotificationsRead: { doc: `mutation { markNotificationsRead(input: { all: true }) }`, allow: USERS },
  // ---- deadlines, calendar, registers
  workingDayDeadline: { doc: `{ workingDayDeadline(from: "2026-11-02", workingDays: 20) { dueDate } }`, allow: SIGNED_IN },
  overdueItems: { doc: `{ overdueItems { id } }`, allow: SIGNED_IN },
  deadlineRules: { doc: `{ deadlineRules { code } }`, allow: SIGNED_IN },
  calendarDays: { doc: `{ calendarDays(year: 2026) { date } }`, allow: SIGNED_IN },
  calendarYear: { doc: `{ calendarYear(year: 2026) { official } }`, allow: SIGNED_IN },
  informationRequests: { doc: `{ informationRequests(first: 2) { totalCount } }`, allow: USERS },
  informationRequest: { doc: `query($id: ID!) { informationRequest(id: $id) { id } }`, vars: async (f) => ({ id: (await newRequest(f)).id }), allow: USERS },
  duties: { doc: `{ duties(first: 2) { totalCount } }`, allow: SIGNED_IN },
  setCalendarDays: {
    doc: `mutation { setCalendarDays(input: { source: "矩阵测试通知", days: [{ date: "2026-12-26", kind: HOLIDAY, name: "矩阵" }] }) { days { date } } }`,
    allow: ['admin'],
  },
  setDeadlineRule: { doc: `mutation { setDeadlineRule(input: { code: "PENALTY_PUBLICATION", days: 7 }) { days } }`, allow: ['admin'] },
  sweepDeadlines: { doc: `mutation { sweepDeadlines { swept } }`, allow: ['admin'] },
  registerInformationRequest: {
    doc: `mutation($d: ID!) { registerInformationRequest(input: { departmentId: $d, applicantType: NATURAL_PERSON, applicantName: "矩阵", channel: ONLINE, receivedOn: "2026-11-16", content: "矩阵申请" }) { id } }`,
    vars: (f) => ({ d: f.officeId }),
    allow: USERS,
  },
  requestCorrection: {
    doc: `mutation($i: RequestStepInput!) { requestCorrection(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newRequest(f)), on: '2026-11-18' } }),
    allow: USERS,
  },
  receiveCorrection: {
    doc: `mutation($i: RequestStepInput!) { receiveCorrection(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newRequest(f, `requestCorrection(input: { id: $id, version: $v, on: "2026-11-17" })`)), on: '2026-11-18' } }),
    allow: USERS,
  },
  startConsultation: {
    doc: `mutation($i: StartConsultationInput!) { startConsultation(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newRequest(f)), on: '2026-11-17', party: '矩阵第三方' } }),
    allow: USERS,
  },
  endConsultation: {
    doc: `mutation($i: RequestStepInput!) { endConsultation(input: $i) { id } }`,
    vars: async (f) => ({
      i: { ...(await newRequest(f, `startConsultation(input: { id: $id, version: $v, on: "2026-11-17", party: "第三方" })`)), on: '2026-11-18' },
    }),
    allow: USERS,
  },
  extendInformationRequest: {
    doc: `mutation($i: ExtendRequestInput!) { extendInformationRequest(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newRequest(f)), on: '2026-11-17', workingDays: 10, reason: '矩阵', approver: '主任' } }),
    allow: USERS,
  },
  replyToInformationRequest: {
    doc: `mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`,
    vars: async (f) => ({ i: { ...(await newRequest(f)), on: '2026-11-18', outcome: 'GRANTED' } }),
    allow: USERS,
  },
  registerDuty: {
    doc: `mutation($d: ID!) { registerDuty(input: { kind: MESSAGE, departmentId: $d, title: "矩阵留言", eventOn: "2026-11-16" }) { id } }`,
    vars: (f) => ({ d: f.officeId }),
    allow: USERS,
  },
  completeDuty: {
    doc: `mutation($i: CompleteDutyInput!) { completeDuty(input: $i) { id } }`,
    vars: async (f) => {
      const { registerDuty: d } = await f.server.gqlOk<any>(
        `mutation($d: ID!) { registerDuty(input: { kind: PENALTY, departmentId: $d, title: "矩阵处罚", eventOn: "2026-11-16" }) { id version } }`,
        { d: f.officeId },
        { token: await tokenFor('admin') },
      );
      return { i: { id: d.id, version: d.version, completedOn: '2026-11-18' } };
    },
    allow: USERS,
  },
  // ---- publications, 索引号, quotas
  publications: { doc: `{ publications(first: 2) { totalCount } }`, allow: SIGNED_IN },
  publication: { doc: `query($id: ID!) { publication(id: $id) { id } }`, vars: async (f) => ({ id: (await newPublication(f)).id }), allow: SIGNED_IN },
  categories: { doc: `{ categories { id } }`, allow: SIGNED_IN },
  channels: { doc: `{ channels { id } }`, allow: SIGNED_IN },
  channelPage: { doc: `{ channelPage(first: 2) { totalCount nodes { id } } }`, allow: SIGNED_IN },
  indexNumberSettings: { doc: `query($o: ID!) { indexNumberSettings(organizationId: $o) { template } }`, vars: (f) => ({ o: f.orgId }), allow: SIGNED_IN },
  indexNumberPreview: {
    doc: `query($o: ID!) { indexNumberPreview(input: { organizationId: $o, template: "{orgCode}-{YYYY}-{SEQ:4}", reset: YEARLY }) { indexNumber } }`,
    vars: (f) => ({ o: f.orgId }),
    allow: ['admin'],
  },
  quotas: { doc: `{ quotas(first: 2) { totalCount nodes { id } } }`, allow: SIGNED_IN },
  quotaBoard: { doc: `{ quotaBoard(period: "2026-Q4") { rows { target } } }`, allow: SIGNED_IN },
  recordPublication: {
    doc: `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id } }`,
    vars: async (f) => ({ i: await publicationInput(f) }),
    allow: USERS,
  },
  updatePublication: {
    doc: `mutation($id: ID!, $v: Int!) { updatePublication(input: { id: $id, version: $v, summary: "矩阵修改" }) { id } }`,
    vars: async (f) => {
      const p = await newPublication(f);
      return { id: p.id, v: p.version };
    },
    allow: USERS,
  },
  deletePublication: {
    doc: `mutation($id: ID!, $v: Int!) { deletePublication(id: $id, version: $v) }`,
    vars: async (f) => {
      const p = await newPublication(f);
      return { id: p.id, v: p.version };
    },
    allow: USERS,
  },
  createCategory: {
    doc: `mutation($n: String!) { createCategory(input: { name: $n }) { id } }`,
    vars: (f) => ({ n: `矩阵分类${f.unique()}` }),
    allow: ['admin'],
  },
  updateCategory: {
    doc: `mutation($id: ID!, $v: Int!) { updateCategory(input: { id: $id, version: $v, sortOrder: 99 }) { id } }`,
    vars: async (f) => {
      const { createCategory: c } = await f.server.gqlOk<any>(
        `mutation($n: String!) { createCategory(input: { name: $n }) { id version } }`,
        { n: `矩阵分类${f.unique()}` },
        { token: await tokenFor('admin') },
      );
      return { id: c.id, v: c.version };
    },
    allow: ['admin'],
  },
  deleteCategory: {
    doc: `mutation($id: ID!, $v: Int!) { deleteCategory(id: $id, version: $v) }`,
    vars: async (f) => {
      const { createCategory: c } = await f.server.gqlOk<any>(
        `mutation($n: String!) { createCategory(input: { name: $n }) { id version } }`,
        { n: `矩阵分类${f.unique()}` },
        { token: await tokenFor('admin') },
      );
      return { id: c.id, v: c.version };
    },
    allow: ['admin'],
  },
  reorderCategories: {
    doc: `mutation($p: ID!, $ids: [ID!]!) { reorderCategories(input: { parentId: $p, orderedIds: $ids }) { id } }`,
    vars: async (f) => {
      const token = await tokenFor('admin');
      const create = async (parentId?: string) =>
        (
          await f.server.gqlOk<any>(
            `mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) { id } }`,
            { n: `矩阵分类${f.unique()}`, p: parentId ?? null },
            { token },
          )
        ).createCategory.id as string;
      const parent = await create();
      const [a, b] = [await create(parent), await create(parent)];
      return { p: parent, ids: [b, a] };
    },
    allow: ['admin'],
  },
  createChannel: {
    doc: `mutation($n: String!) { createChannel(input: { kind: PORTAL_COLUMN, name: $n }) { id } }`,
    vars: (f) => ({ n: `矩阵栏目${f.unique()}` }),
    allow: ['admin'],
  },
  updateChannel: {
    doc: `mutation($id: ID!, $v: Int!) { updateChannel(input: { id: $id, version: $v, isActive: false }) { id } }`,
    vars: async (f) => {
      const { createChannel: c } = await f.server.gqlOk<any>(
        `mutation($n: String!) { createChannel(input: { kind: NEW_MEDIA_ACCOUNT, name: $n }) { id version } }`,
        { n: `矩阵账号${f.unique()}` },
        { token: await tokenFor('admin') },
      );
      return { id: c.id, v: c.version };
    },
    allow: ['admin'],
  },
  setIndexNumberTemplate: {
    doc: `mutation($o: ID!) { setIndexNumberTemplate(input: { organizationId: $o, template: "{creditCode}/{YYYY}{MM}-{SEQ:5}", reset: MONTHLY }) { template } }`,
    vars: (f) => ({ o: f.orgId }),
    allow: ['admin'],
  },
  // A year of its own per call: quota definitions must not overlap.
  setQuota: {
    doc: `mutation($o: ID!, $y: Int!) { setQuota(input: { departmentKind: OFFICE, organizationId: $o, periodType: MONTH, target: 5, fromYear: $y, toYear: $y }) { id } }`,
    vars: (f) => ({ o: f.orgId, y: nextQuotaYear++ }),
    allow: ['admin'],
  },
  deleteQuota: {
    doc: `mutation($id: ID!) { deleteQuota(id: $id) }`,
    vars: async (f) => {
      const { setQuota: q } = await f.server.gqlOk<any>(
        `mutation($o: ID!, $y: Int!) { setQuota(input: { departmentKind: OFFICE, organizationId: $o, periodType: MONTH, target: 5, fromYear: $y, toYear: $y }) { id } }`,
        { o: f.orgId, y: nextQuotaYear++ },
        { token: await tokenFor('admin') },
      );
      return { id: q.id };
    },
    allow: ['admin'],
  },
  // ---- 年度报告 and its registers
  annualReports: { doc: `{ annualReports { id } }`, allow: ['admin', 'head'] },
  annualReport: { doc: `query($id: ID!) { annualReport(id: $id) { id } }`, vars: async (f) => ({ id: await demoReport(f) }), allow: ['admin', 'head'] },
  annualReportCellEntries: {
    doc: `query($id: ID!) { annualReportCellEntries(reportId: $id, table: "table3", row: "newReceived", column: "total") { totalCount } }`,
    vars: async (f) => ({ id: await demoReport(f) }),
    allow: ['admin', 'head'],
  },
  annualStatistics: {
    doc: `query($o: ID!) { annualStatistics(organizationId: $o, year: 2025) { id } }`,
    vars: (f) => ({ o: f.orgId }),
    allow: ['admin', 'head'],
  },
  legalCases: { doc: `{ legalCases(first: 2) { totalCount } }`, allow: ['admin', 'head'] },
  normativeDocuments: { doc: `{ normativeDocuments(first: 2) { totalCount } }`, allow: ['admin', 'head'] },
  checkAnnualReportText: { doc: `{ checkAnnualReportText(text: "2025年度报告 行政复议1件") { year } }`, allow: USERS },
  checkAnnualReportTexts: { doc: `{ checkAnnualReportTexts(reports: [{ text: "无" }]) { index } }`, allow: USERS },
  createAnnualReport: {
    doc: `mutation($o: ID!, $y: Int!) { createAnnualReport(input: { organizationId: $o, year: $y }) { id } }`,
    vars: async (f) => ({ o: await newOrganization(f), y: 2024 }),
    allow: ['admin'],
  },
  importAnnualReport: {
    doc: `mutation($o: ID!, $y: Int!, $t: String!) { importAnnualReport(input: { organizationId: $o, year: $y, text: $t }) { id } }`,
    vars: async (f) => ({ o: await newOrganization(f), y: 2024, t: REPORT_TABLE4_TEXT }),
    allow: ['admin'],
  },
  updateAnnualReportText: {
    doc: `mutation($id: ID!, $v: Int!) { updateAnnualReportText(input: { id: $id, version: $v, problems: "矩阵问题" }) { id } }`,
    vars: async (f) => reportStep(await newReport(f)),
    allow: ['admin'],
  },
  regenerateAnnualReportText: {
    doc: `mutation($id: ID!, $v: Int!) { regenerateAnnualReportText(input: { id: $id, version: $v }) { id } }`,
    vars: async (f) => reportStep(await newReport(f)),
    allow: ['admin'],
  },
  setAnnualReportCells: {
    doc: `mutation($id: ID!, $v: Int!) { setAnnualReportCells(input: { id: $id, version: $v, reason: "矩阵", cells: [{ table: "table2", row: "administrativeLicensing", column: "decisionsThisYear", value: 3 }] }) { id } }`,
    vars: async (f) => reportStep(await newReport(f)),
    allow: ['admin'],
  },
  submitAnnualReportForReview: {
    doc: `mutation($id: ID!, $v: Int!) { submitAnnualReportForReview(input: { id: $id, version: $v }) { id } }`,
    vars: async (f) => reportStep(await newReport(f)),
    allow: ['admin'],
  },
  approveAnnualReport: {
    doc: `mutation($id: ID!, $v: Int!) { approveAnnualReport(input: { id: $id, version: $v }) { id } }`,
    vars: async (f) => reportStep(await newReport(f, ['submitAnnualReportForReview'])),
    allow: ['admin'],
  },
  returnAnnualReport: {
    doc: `mutation($id: ID!, $v: Int!) { returnAnnualReport(input: { id: $id, version: $v, reason: "矩阵退回" }) { id } }`,
    vars: async (f) => reportStep(await newReport(f, ['submitAnnualReportForReview'])),
    allow: ['admin'],
  },
  submitAnnualReport: {
    doc: `mutation($id: ID!, $v: Int!) { submitAnnualReport(input: { id: $id, version: $v, submittedOn: "2026-01-20" }) { id } }`,
    vars: async (f) => reportStep(await newReport(f, ['submitAnnualReportForReview', 'approveAnnualReport'])),
    allow: ['admin'],
  },
  publishAnnualReport: {
    doc: `mutation($id: ID!, $v: Int!, $c: ID!, $u: String!) { publishAnnualReport(input: { id: $id, version: $v, publishedOn: "2026-01-25", channelId: $c, url: $u }) { id } }`,
    vars: async (f) => {
      const organization = await newOrganization(f);
      const { createChannel: c } = await f.server.gqlOk<any>(
        `mutation($d: ID!) { createChannel(input: { kind: PORTAL_COLUMN, name: "矩阵门户", departmentId: $d }) { id } }`,
        { d: organization },
        { token: await tokenFor('admin') },
      );
      const report = await newReport(f, ['submitAnnualReportForReview', 'approveAnnualReport', 'submitAnnualReport'], organization);
      return { ...reportStep(report), c: c.id, u: `https://matrix.test.example/report/${f.unique()}` };
    },
    allow: ['admin'],
  },
  registerLegalCase: {
    doc: `mutation($d: ID!) { registerLegalCase(input: { departmentId: $d, kind: REVIEW, subject: "矩阵复议", receivedOn: "2026-03-02" }) { id } }`,
    vars: (f) => ({ d: f.officeId }),
    allow: ['admin'],
  },
  concludeLegalCase: {
    doc: `mutation($id: ID!, $v: Int!) { concludeLegalCase(input: { id: $id, version: $v, concludedOn: "2026-05-06", outcome: MAINTAINED }) { id } }`,
    vars: async (f) => {
      const { registerLegalCase: c } = await f.server.gqlOk<any>(
        `mutation($d: ID!) { registerLegalCase(input: { departmentId: $d, kind: LITIGATION_DIRECT, subject: "矩阵诉讼", receivedOn: "2026-03-02" }) { id version } }`,
        { d: f.officeId },
        { token: await tokenFor('admin') },
      );
      return { id: c.id, v: c.version };
    },
    allow: ['admin'],
  },
  registerNormativeDocument: {
    doc: `mutation($d: ID!, $n: String!) { registerNormativeDocument(input: { departmentId: $d, kind: NORMATIVE_DOCUMENT, documentNumber: $n, title: "矩阵文件", issuedOn: "2026-02-03" }) { id } }`,
    vars: (f) => ({ d: f.orgId, n: `矩阵〔2026〕${f.unique()}号` }),
    allow: ['admin'],
  },
  repealNormativeDocument: {
    doc: `mutation($id: ID!, $v: Int!) { repealNormativeDocument(input: { id: $id, version: $v, repealedOn: "2026-06-01", repealNote: "矩阵废止" }) { id } }`,
    vars: async (f) => {
      const { registerNormativeDocument: d } = await f.server.gqlOk<any>(
        `mutation($d: ID!, $n: String!) { registerNormativeDocument(input: { departmentId: $d, kind: NORMATIVE_DOCUMENT, documentNumber: $n, title: "待废止", issuedOn: "2026-02-03" }) { id version } }`,
        { d: f.orgId, n: `矩阵废〔2026〕${f.unique()}号` },
        { token: await tokenFor('admin') },
      );
      return { id: d.id, v: d.version };
    },
    allow: ['admin'],
  },
  setAnnualStatistic: {
    doc: `mutation($o: ID!) { setAnnualStatistic(input: { organizationId: $o, year: 2025, item: ADMINISTRATIVE_LICENSING, value: 12, source: "矩阵" }) { id } }`,
    vars: (f) => ({ o: f.orgId }),
    allow: ['admin'],
  },
};

let nextQuotaYear = 2040;

/** A fresh organisation (a report is unique per organisation and year). */
async function newOrganization(f: Fixtures): Promise<string> {
  const { createDepartment: d } = await f.server.gqlOk<any>(
    `mutation($c: String!) { createDepartment(input: { name: "矩阵年报单位", code: $c, kind: ORGANIZATION }) { id } }`,
    { c: `NB-${f.unique()}` },
    { token: await tokenFor('admin') },
  );
  return d.id;
}

/** Table 四 as published (all zeros): enough of a report for an import. */
const REPORT_TABLE4_TEXT = [
  '四、政府信息公开行政复议、行政诉讼情况',
  '行政复议 | 行政诉讼',
  '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉',
  '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计',
  '0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
].join('\n');

/** A fresh annual report (of a fresh organisation), moved through `steps` by the admin. */
async function newReport(f: Fixtures, steps: string[] = [], organization?: string): Promise<{ id: string; version: number }> {
  const token = await tokenFor('admin');
  const { createAnnualReport: r } = await f.server.gqlOk<any>(
    `mutation($o: ID!) { createAnnualReport(input: { organizationId: $o, year: 2024 }) { id version } }`,
    { o: organization ?? (await newOrganization(f)) },
    { token },
  );
  let report = { id: r.id as string, version: r.version as number };
  for (const step of steps) {
    const extra = step === 'submitAnnualReport' ? ', submittedOn: "2026-01-20"' : '';
    const moved = await f.server.gqlOk<any>(
      `mutation($id: ID!, $v: Int!) { ${step}(input: { id: $id, version: $v${extra} }) { id version } }`,
      { id: report.id, v: report.version },
      { token },
    );
    report = { id: moved[step].id, version: moved[step].version };
  }
  return report;
}

/** A report of the demo organisation (which the head's department belongs to), from the demo data. */
async function demoReport(f: Fixtures): Promise<string> {
  const [row] = await f.server.sql(`select id::text from annual_report where organization_id = $1 order by year limit 1`, [f.orgId]);
  return row.id;
}

const reportStep = (r: { id: string; version: number }) => ({ id: r.id, v: r.version });

/** A fresh screen token (created by the admin, signed in afresh); returns its id. */
async function newScreenToken(f: Fixtures): Promise<string> {
  const { createScreenToken: t } = await f.server.gqlOk<any>(
    `mutation($l: String!) { createScreenToken(label: $l) { screenToken { id } } }`,
    { l: `矩阵大屏${f.unique()}` },
    { token: await tokenFor('admin') },
  );
  return t.screenToken.id;
}

/** A fresh plan of the organisation (created by the admin, version 1). */
async function newPlan(f: Fixtures): Promise<{ id: string }> {
  const { createPlan: p } = await f.server.gqlOk<any>(
    `mutation($o: ID!, $t: String!) { createPlan(input: { organizationId: $o, year: 2027, title: $t }) { id } }`,
    { o: f.orgId, t: `矩阵计划${f.unique()}` },
    { token: await tokenFor('admin') },
  );
  return p;
}

/** A fresh work point of the fixture plan, led by 局办公室, broken down into its task (version 1). */
async function newWorkPoint(f: Fixtures): Promise<{ id: string }> {
  const token = await tokenFor('admin');
  const { createWorkPoint: w } = await f.server.gqlOk<any>(
    `mutation($p: ID!, $n: String!, $l: ID!) { createWorkPoint(input: { planId: $p, number: $n, section: "矩阵", title: "矩阵条目", leadDepartmentIds: [$l] }) { id } }`,
    { p: f.planId, n: `W${f.unique()}`, l: f.officeId },
    { token },
  );
  await f.server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { createdCount } }`, { id: w.id }, { token });
  return w;
}

/** A publication of 局办公室 today, on the organisation's portal. */
async function publicationInput(f: Fixtures): Promise<Record<string, unknown>> {
  const [{ category }] = await f.server.sql(`select id::text as category from category where name = '工作动态'`);
  const [{ channel }] = await f.server.sql(
    `select c.id::text as channel from channel c where c.department_id = $1 and c.kind = 'PORTAL_COLUMN' order by c.id limit 1`,
    [f.orgId],
  );
  return {
    departmentId: f.officeId,
    title: '矩阵信息',
    categoryId: category,
    channelId: channel,
    publishedOn: '2026-11-02',
    url: `https://matrix.test.example/${f.unique()}`,
  };
}

/** A fresh publication of 局办公室 (recorded by the admin); returns { id, version }. */
async function newPublication(f: Fixtures): Promise<{ id: string; version: number }> {
  const { recordPublication: p } = await f.server.gqlOk<any>(
    `mutation($i: RecordPublicationInput!) { recordPublication(input: $i) { id version } }`,
    { i: await publicationInput(f) },
    { token: await tokenFor('admin') },
  );
  return p;
}

const CURRENT_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);
const MATRIX_ITEM = { code: '1', group: '主动公开', title: '机构信息', maxPoints: 4, rule: 'MANUAL' };
let assessmentYear = 2040;
/** A year no other row uses (each row that writes a set makes its own). */
const nextAssessmentYear = () => String(assessmentYear++);

/** A fresh one-item set of the demo bureau in a year of its own (by the admin), optionally moved one step on for 局办公室. */
async function newAssessmentSet(f: Fixtures, then?: string): Promise<{ id: string; ref: { organizationId: string; period: string; departmentId: string } }> {
  const token = await tokenFor('admin');
  const period = nextAssessmentYear();
  const { saveAssessmentSet } = await f.server.gqlOk<any>(
    `mutation($i: SaveAssessmentSetInput!) { saveAssessmentSet(input: $i) { id } }`,
    { i: { organizationId: f.orgId, period, title: '矩阵考核', items: [MATRIX_ITEM] } },
    { token },
  );
  const ref = { organizationId: f.orgId, period, departmentId: f.officeId };
  if (then) await f.server.gqlOk(`mutation($i: AssessmentSheetStepInput!) { ${then}(input: $i) { state } }`, { i: ref }, { token });
  return { id: saveAssessmentSet.id, ref };
}

const WRITTEN_TABLES = [
  'assessment_set',
  'assessment_sheet',
  'assessment_entry',
  'supervision_notice',
  'notification_channel',
  'notification',
  'notification_delivery',
  'reminder_rule',
  'department',
  'plan',
  'work_point',
  'task',
  'task_update',
  'app_user',
  'screen_token',
  'screen_link',
  'screen_credential',
  'audit_entry',
  'information_request',
  'event_duty',
  'deadline',
  'calendar_day',
  'deadline_rule',
  'publication',
  'publication_count',
  'index_sequence',
  'quota',
  'category',
  'channel',
  'index_number_setting',
  'annual_report',
  'legal_case',
  'normative_document',
  'annual_statistic',
];

/** A fresh application of 局办公室 (registered by the admin), optionally moved one step on; returns { id, version }. */
async function newRequest(f: Fixtures, then?: string): Promise<{ id: string; version: number }> {
  const token = await tokenFor('admin');
  const { registerInformationRequest: r } = await f.server.gqlOk<any>(
    `mutation($d: ID!) { registerInformationRequest(input: { departmentId: $d, applicantType: NATURAL_PERSON, applicantName: "矩阵", channel: ONLINE, receivedOn: "2026-11-16", content: "矩阵申请" }) { id version } }`,
    { d: f.officeId },
    { token },
  );
  if (!then) return { id: r.id, version: r.version };
  const name = then.slice(0, then.indexOf('('));
  const moved = await f.server.gqlOk<any>(`mutation($id: ID!, $v: Int!) { ${then} { id version } }`, { id: r.id, v: r.version }, { token });
  return { id: moved[name].id, version: moved[name].version };
}

let server: TestServer;
let fixtures: Fixtures;

/** The first result of a subscription; a refused connection counts as UNAUTHENTICATED. */
async function overSocket(query: string, variables: Record<string, unknown>, token: string | null): Promise<GraphQLResponse> {
  const { client, closed } = connect(server.graphqlUrl, token);
  try {
    return await Promise.race([
      new Promise<GraphQLResponse>((resolve) =>
        client.subscribe(
          { query, variables },
          {
            next: (r) => resolve(r as GraphQLResponse),
            error: (e) => resolve({ errors: Array.isArray(e) ? e : [{ message: String(e) }] }),
            complete: () => undefined,
          },
        ),
      ),
      closed.then(({ code }) => ({ errors: [{ message: `closed ${code}`, extensions: { code: CLOSE_CODES[code] ?? `CLOSED_${code}` } }] })),
    ]);
  } finally {
    await client.dispose();
  }
}

/** What a refused socket's close code means, as the GraphQL error code of the same refusal over HTTP. */
const CLOSE_CODES: Record<number, string> = { 4401: 'UNAUTHENTICATED', 4403: 'FORBIDDEN' };

/** A fresh sign-in per call: some operations (logout, password change) end the token they use. */
async function tokenFor(caller: Caller): Promise<string | null> {
  switch (caller) {
    case 'anonymous':
      return null;
    case 'admin':
      return server.login('admin', TEST_ADMIN_PASSWORD);
    case 'head':
      return server.login('bgs.head', DEMO_PASSWORD);
    case 'liaison':
      return server.login('bgs.liaison', DEMO_PASSWORD);
    case 'screen':
      return DEMO_SCREEN_TOKEN;
  }
}

/** A 督办单 to 局办公室, issued by the admin (each row that consumes one makes its own). */
async function newNotice(f: Fixtures): Promise<string> {
  const made = await f.server.gqlOk<any>(
    `mutation($d: ID!) { issueSupervisionNotice(input: { departmentId: $d, reason: "矩阵督办", replyWithinWorkingDays: 3 }) { id } }`,
    { d: f.officeId },
    { token: await tokenFor('admin') },
  );
  return made.issueSupervisionNotice.id;
}

/** A robot channel of 局办公室 (setting it again returns the same one). */
async function newChannel(f: Fixtures): Promise<string> {
  const made = await f.server.gqlOk<any>(
    `mutation($d: ID!) { setNotificationChannel(input: { departmentId: $d, kind: WECOM_ROBOT, target: "http://127.0.0.1:9/matrix?key=k" }) { id } }`,
    { d: f.officeId },
    { token: await tokenFor('admin') },
  );
  return made.setNotificationChannel.id;
}

async function writeState(): Promise<string> {
  // A screen token's last_used_at is bookkeeping of authentication (at most once a minute), not a write of the refused operation.
  const rows = await server.sql(
    WRITTEN_TABLES.map(
      (t) => `select '${t}' as t, count(*)::int as n, coalesce(sum(hashtext((to_jsonb(${t}) - 'last_used_at')::text)), 0)::bigint as h from ${t}`,
    ).join(' union all '),
  );
  return JSON.stringify(rows);
}

beforeAll(async () => {
  // No outbox worker: its background sends would change notification_delivery between a refused call's before and after.
  server = await startTestServer({ env: { NOTIFY_POLL_MS: '0' } });
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  const code = (c: string) => departments.find((d: any) => d.code === c).id as string;
  const { plans } = await server.gqlOk<any>(`{ plans { id sourceYear workPoints { id } } }`);
  const plan = plans.find((p: any) => p.sourceYear === 2021);
  const [task] = await server.sql(`select id from task where department_id = $1 order by id limit 1`, [code('PDS-BGS')]);
  const [user] = await server.sql(`select id from app_user where username = 'zfzd1.liaison'`);
  let n = 0;
  fixtures = {
    server,
    orgId: code('PDS'),
    officeId: code('PDS-BGS'),
    planId: plan.id,
    workPointId: plan.workPoints[0].id,
    officeTaskId: String(task.id),
    userId: String(user.id),
    unique: () => `${Date.now().toString(36)}${(n++).toString(36)}`,
  };
});
afterAll(() => server?.close());

describe('access matrix', () => {
  it('has a row for every root operation of the schema (a new operation without a rule fails here)', async () => {
    const schema = await getSchema();
    const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((t) => t != null)
      .flatMap((t) => Object.keys(t!.getFields()));
    expect(operations.filter((op) => !(op in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((op) => !operations.includes(op))).toEqual([]);
  });

  for (const [operation, row] of Object.entries(TABLE)) {
    for (const caller of CALLERS) {
      const expected: Outcome = row.allow.includes(caller) ? 'allow' : 'deny';
      it(`${operation} × ${caller} → ${expected}`, async () => {
        const token = await tokenFor(caller);
        const variables = (await row.vars?.(fixtures, caller)) ?? {};
        const before = expected === 'deny' ? await writeState() : '';
        const body = row.ws ? await overSocket(row.doc, variables, token) : await server.gql(row.doc, variables, { token });
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        if (expected === 'allow') {
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          expect(body.data?.[operation]).not.toBeUndefined();
        } else {
          expect(codes.length, JSON.stringify(body)).toBeGreaterThan(0);
          expect(
            codes.every((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED'),
            JSON.stringify(body.errors),
          ).toBe(true);
          expect(body.data?.[operation] ?? null).toBeNull();
          expect(await writeState()).toBe(before);
        }
      });
    }
  }
});
