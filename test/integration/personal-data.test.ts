/**
 * Applicants' personal data (issue 11, item 4 in part; 个人信息保护法: the minimum): a natural person's
 * name is in full only on the record itself (and in the register's mutations, for the clerk who
 * enters it); the list and the audit trail show it masked, whatever alias the query uses; an
 * organisation's name is not personal data and stays as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const aliased = await server.gqlOk<any>(`{ informationRequest: informationRequests(first: 50, filter: { search: "个人信息测试P" }) { nodes { applicantName } } }`);
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
