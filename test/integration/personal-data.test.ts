/**
 * Applicants' personal data (issue 11, item 4 in part; 个人信息保护法: the minimum): a natural person's
 * name is in full only on the record itself (and in the register's mutations, for the clerk who
 * enters it); the list and the audit trail show it masked, whatever alias the query uses; an
 * organisation's name is not personal data and stays as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetentionSchedule } from '../../server/src/modules/requests/retention.js';
import { DEMO_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let officeId: string;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  officeId = departments.find((d: any) => d.code === 'PDS-BGS').id;
}, 60_000);
afterAll(() => server?.close());

async function register(applicantName: string, applicantType: string, marker: string): Promise<{ id: string; applicantName: string }> {
  const { registerInformationRequest } = await server.gqlOk<any>(
    `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id applicantName } }`,
    { i: { departmentId: officeId, applicantType, applicantName, channel: 'ONLINE', receivedOn: '2026-11-16', content: `个人信息测试${marker}` } },
  );
  return registerInformationRequest;
}

describe('a natural person applicant', () => {
  it('in full on the record and to the clerk who registers it; masked in the list, also under an alias', async () => {
    const person = await register('欧阳明月', 'NATURAL_PERSON', 'P');
    expect(person.applicantName).toBe('欧阳明月');
    const { informationRequest } = await server.gqlOk<any>(`query($id: ID!) { informationRequest(id: $id) { applicantName } }`, { id: person.id });
    expect(informationRequest.applicantName).toBe('欧阳明月');

    const list = await server.gqlOk<any>(`{ informationRequests(first: 50, filter: { search: "个人信息测试P" }) { nodes { id applicantName } } }`);
    expect(list.informationRequests.nodes).toEqual([{ id: person.id, applicantName: '欧***' }]);
    const aliased = await server.gqlOk<any>(
      `{ informationRequest: informationRequests(first: 50, filter: { search: "个人信息测试P" }) { nodes { applicantName } } }`,
    );
    expect(aliased.informationRequest.nodes[0].applicantName).toBe('欧***');
  });

  it('masked in the audit trail', async () => {
    const person = await register('李四', 'NATURAL_PERSON', 'A');
    const { auditLog } = await server.gqlOk<any>(`query($f: AuditLogFilter) { auditLog(filter: $f, first: 5) { nodes { changes } } }`, {
      f: { targetType: 'InformationRequest', targetId: person.id },
    });
    expect(auditLog.nodes.length).toBeGreaterThan(0);
    const text = JSON.stringify(auditLog.nodes);
    expect(text).not.toContain('李四');
    expect(auditLog.nodes[0].changes.applicantName.after).toBe('李*');
  });
});

describe('an organisation applicant', () => {
  it('is not personal data: in full in the list', async () => {
    const org = await register('某某律师事务所', 'LEGAL_SERVICE_ORG', 'O');
    const list = await server.gqlOk<any>(`{ informationRequests(first: 50, filter: { search: "个人信息测试O" }) { nodes { id applicantName } } }`);
    expect(list.informationRequests.nodes).toEqual([{ id: org.id, applicantName: '某某律师事务所' }]);
  });
});

describe('retention (PERSONAL_DATA_RETENTION_YEARS, default 10)', () => {
  /** An application received and answered on the given dates (through the API). */
  async function answered(applicantName: string, applicantType: string, receivedOn: string, repliedOn: string | null, marker: string): Promise<string> {
    const { registerInformationRequest: r } = await server.gqlOk<any>(
      `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id version } }`,
      { i: { departmentId: officeId, applicantType, applicantName, channel: 'POST', receivedOn, content: `保存期限测试${marker}` } },
    );
    if (repliedOn) {
      await server.gqlOk(`mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`, {
        i: { id: r.id, version: r.version, on: repliedOn, outcome: 'GRANTED' },
      });
    }
    return r.id;
  }
  const record = async (id: string) =>
    (
      await server.gqlOk<any>(
        `query($id: ID!) { informationRequest(id: $id) { applicantName applicantType status repliedOn outcome personalDataErasedOn serialNumber } }`,
        { id },
      )
    ).informationRequest;

  it('erases the names of natural persons whose application was answered at least 10 years ago; keeps everything else; audited without the name', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const iso = (yy: number, mm: number, dd: number) => `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    // Received a few weeks before; answered exactly 10 years ago today (past retention), and 10 years ago tomorrow (not yet).
    const tenYearsAgo = iso(y - 10, m, Math.min(d, 28));
    const received = iso(y - 10, m === 1 ? 1 : m - 1, 1);
    const old = await answered('王小明', 'NATURAL_PERSON', received, tenYearsAgo, 'R1');
    const oldOrg = await answered('某某科技有限公司', 'COMMERCIAL_ENTERPRISE', received, tenYearsAgo, 'R2');
    const open = await answered('赵大海', 'NATURAL_PERSON', received, null, 'R3');
    const recentDay = iso(y - 9, m, Math.min(d, 28));
    const recent = await answered('钱小红', 'NATURAL_PERSON', iso(y - 9, m === 1 ? 1 : m - 1, 1), recentDay, 'R4');
    const beforeOld = await record(old);

    const { applyPersonalDataRetention: run } = await server.gqlOk<any>(`mutation { applyPersonalDataRetention { years cutoff erased } }`);
    expect(run.years).toBe(10);
    expect(run.cutoff).toBe(`${y - 10}-${today.slice(5)}`.replace(/-02-29$/, '-02-28'));
    expect(run.erased).toBeGreaterThanOrEqual(1);

    const erased = await record(old);
    expect(erased).toMatchObject({
      applicantName: '（已删除）',
      applicantType: 'NATURAL_PERSON',
      status: 'ANSWERED',
      repliedOn: tenYearsAgo,
      outcome: 'GRANTED',
      personalDataErasedOn: today,
    });
    expect(erased.serialNumber).toBe(beforeOld.serialNumber);
    expect((await server.sql(`select count(*)::int as n from information_request where applicant_name = '王小明'`))[0].n).toBe(0);
    // Not personal data, not closed, or not yet past retention: kept.
    expect(await record(oldOrg)).toMatchObject({ applicantName: '某某科技有限公司', personalDataErasedOn: null });
    expect(await record(open)).toMatchObject({ applicantName: '赵大海', personalDataErasedOn: null });
    expect(await record(recent)).toMatchObject({ applicantName: '钱小红', personalDataErasedOn: null });
    // The list shows the erased marker as it is.
    const list = await server.gqlOk<any>(`{ informationRequests(first: 5, filter: { search: "保存期限测试R1" }) { nodes { applicantName } } }`);
    expect(list.informationRequests.nodes).toEqual([{ applicantName: '（已删除）' }]);

    // In the audit trail: who erased what, when — and still no name.
    const { auditLog } = await server.gqlOk<any>(`query($f: AuditLogFilter) { auditLog(filter: $f, first: 5) { nodes { operation changes } } }`, {
      f: { targetType: 'InformationRequest', targetId: old },
    });
    const erasure = auditLog.nodes.find((n: any) => n.operation === 'applyPersonalDataRetention');
    expect(erasure?.changes?.applicantName).toEqual({ before: '王**', after: '（已删除）' });
    expect(erasure?.changes?.personalDataErasedOn).toEqual({ before: null, after: today });
    expect(JSON.stringify(auditLog.nodes)).not.toContain('王小明');

    // A second run finds nothing more to do.
    const again = await server.gqlOk<any>(`mutation { applyPersonalDataRetention { erased } }`);
    expect(again.applyPersonalDataRetention.erased).toBe(0);
  });

  it('runs on its own on a schedule, the system named as the actor in the audit trail', async () => {
    const id = await answered('周末', 'NATURAL_PERSON', '2012-03-01', '2012-03-20', 'S1');
    const errors: unknown[] = [];
    const stop = startRetentionSchedule(server.orm, 10, 3_600_000, (e) => errors.push(e));
    await stop(); // waits for the first run, made at once
    expect(errors).toEqual([]);
    expect(await record(id)).toMatchObject({ applicantName: '（已删除）' });
    const [entry] = await server.sql(
      `select actor_type, actor_name, operation from audit_entry where target_type = 'InformationRequest' and target_id = $1 order by id desc limit 1`,
      [id],
    );
    expect(entry).toEqual({ actor_type: 'system', actor_name: '系统（个人信息保存期限）', operation: 'personalDataRetention' });
  });

  it('only an admin may run it; with PERSONAL_DATA_RETENTION_YEARS=0 nothing is ever erased', async () => {
    const liaison = await server.login('bgs.liaison', DEMO_PASSWORD);
    const denied = await server.gql<any>(`mutation { applyPersonalDataRetention { erased } }`, {}, { token: liaison });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const keep = await startTestServer({ env: { PERSONAL_DATA_RETENTION_YEARS: '0' } });
    try {
      const { departments } = await keep.gqlOk<any>(`{ departments { id code } }`);
      const office = departments.find((d: any) => d.code === 'PDS-BGS').id;
      const { registerInformationRequest: r } = await keep.gqlOk<any>(
        `mutation($i: RegisterInformationRequestInput!) { registerInformationRequest(input: $i) { id version } }`,
        {
          i: {
            departmentId: office,
            applicantType: 'NATURAL_PERSON',
            applicantName: '孙悟空',
            channel: 'POST',
            receivedOn: '2005-03-01',
            content: '永久保存测试',
          },
        },
      );
      await keep.gqlOk(`mutation($i: ReplyToRequestInput!) { replyToInformationRequest(input: $i) { id } }`, {
        i: { id: r.id, version: r.version, on: '2005-03-10', outcome: 'GRANTED' },
      });
      const run = await keep.gqlOk<any>(`mutation { applyPersonalDataRetention { years erased } }`);
      expect(run.applyPersonalDataRetention).toEqual({ years: 0, erased: 0 });
      expect((await keep.sql(`select applicant_name from information_request where id = $1`, [r.id]))[0].applicant_name).toBe('孙悟空');
    } finally {
      await keep.close();
    }
  });
});
